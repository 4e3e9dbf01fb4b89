"""Key bindings as data: one table per screen, localised into Textual `Binding`s.

Descriptions come from the catalogue, so a screen class is specialised per
language once (`localize`). Every binding has an id (`screen.name`) so a
keymap can remap it, and a tooltip.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.actions import parse as parse_action
from textual.binding import Binding

from starmote.i18n import t
from starmote.record import Record, record

T = TypeVar("T")


@record
class KeySpec(Record):
    """One command the chair can give: key, action, catalogue names, footer or not."""

    id: str
    key: str
    action: str
    group: str
    """Palette prefix: "turn", "part", "capture", "attendance", "meeting", "app"."""
    show: bool = False
    """In the footer (only the 4–6 core keys are)."""
    key_display: str | None = None
    priority: bool = False


def description(spec: KeySpec, lang: str) -> str:
    """The short name shown in the footer and F1 help."""
    return t(f"tui.key.{spec.id}", lang)


def tooltip(spec: KeySpec, lang: str) -> str:
    """The longer explanation."""
    return t(f"tui.key.{spec.id}.tip", lang)


def palette_name(spec: KeySpec, lang: str) -> str:
    """The command palette name, prefixed by its group ("Tur: nästa talare")."""
    return f"{t(f'tui.group.{spec.group}', lang)}: {description(spec, lang)}"


def bindings(specs: tuple[KeySpec, ...], scope: str, lang: str) -> list[Binding]:
    """Textual bindings for `specs` in `lang`.

    Args:
        specs: The screen's key table.
        scope: Prefix of the binding ids ("live", "app", …).
        lang: "sv" or "en".

    Returns:
        Bindings with ids, tooltips and localised descriptions.
    """
    return [
        Binding(
            s.key,
            s.action,
            description(s, lang),
            show=s.show,
            key_display=s.key_display,
            priority=s.priority,
            tooltip=tooltip(s, lang),
            id=f"{scope}.{s.id}",
        )
        for s in specs
    ]


def applies(owner: Any, spec: KeySpec) -> bool | None:
    """What `owner.check_action` says of the key now: True, greyed (None) or hidden (False).

    Args:
        owner: The screen or app whose key table holds `spec`.
        spec: The key; its action is parsed as Textual would ("tick(3)" is tick with 3).

    Returns:
        The answer of `check_action` for the parsed action and its parameters.
    """
    _, name, parameters = parse_action(spec.action)
    return owner.check_action(name, parameters)  # type: ignore[no-any-return]


_CACHE: dict[tuple[type, str], type] = {}


def localize(cls: type[T], lang: str) -> type[T]:
    """`cls` with its `KEYS` table turned into `BINDINGS` in `lang` (cached).

    Args:
        cls: A screen or app class with `KEYS` and `KEY_SCOPE`.
        lang: "sv" or "en".

    Returns:
        A subclass of the same name that Textual merges bindings for.
    """
    found = _CACHE.get((cls, lang))
    if found is None:
        specs: Any = getattr(cls, "KEYS", ())
        scope: Any = getattr(cls, "KEY_SCOPE", cls.__name__.lower())
        attrs = {
            "BINDINGS": bindings(specs, scope, lang),
            "__module__": cls.__module__,
            "LANG": lang,
        }
        found = type(cls.__name__, (cls,), attrs)
        _CACHE[(cls, lang)] = found
    return found  # type: ignore[return-value]
