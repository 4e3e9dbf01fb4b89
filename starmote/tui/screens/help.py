"""F1: every key of the screen beneath, what it does, and whether it applies now."""

from __future__ import annotations

import re
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from starmote.i18n import t
from starmote.tui.keys import KeySpec, applies, description, tooltip

_NUMBERED = re.compile(r"^(\D+)(\d)$")


def _digit(spec: KeySpec, keys: dict[str, str]) -> tuple[str, int] | None:
    """("tick", 3) for a numbered key still on its own digit ("tick3" on 3), else None."""
    found = _NUMBERED.match(spec.id)
    if found is None or keys[spec.id] != found[2]:
        return None
    return found[1], int(found[2])


def _rows(specs: tuple[KeySpec, ...], keys: dict[str, str]) -> list[tuple[KeySpec, ...]]:
    """The keys as help rows: a run of numbered keys on their own digits ("tick1"…"tick9"
    on 1…9) makes one row, any other key (a remapped digit too) a row of its own."""
    rows: list[list[KeySpec]] = []
    for spec in specs:
        here = _digit(spec, keys)
        before = _digit(rows[-1][-1], keys) if rows else None
        if here is not None and before == (here[0], here[1] - 1):
            rows[-1].append(spec)
        else:
            rows.append([spec])
    return [tuple(row) for row in rows]


def help_text(screen: Any, app: Any, lang: str) -> str:
    """Markup rows "key  name – explanation", greyed where the key does not apply now."""
    lines: list[str] = []
    remapped = getattr(getattr(app, "settings", None), "keymap", {})
    for owner, title in ((screen, t("tui.help.screen", lang)), (app, t("tui.help.app", lang))):
        specs: tuple[KeySpec, ...] = getattr(owner, "KEYS", ())
        if not specs:
            continue
        lines.append(f"[b]{title}[/]")
        scope = getattr(owner, "KEY_SCOPE", "")
        keys = {
            s.id: remapped.get(f"{scope}.{s.id}") or s.key_display or s.key.split(",")[0]
            for s in specs
        }
        for row in _rows(specs, keys):
            first, last = row[0], row[-1]
            if len(row) == 1:
                key, ident = keys[first.id], f"{scope}.{first.id}"
                name, tip = description(first, lang), tooltip(first, lang)
            else:
                # One row for the digits, named for them all: "1–9  Bocka av … punkt 1–9".
                prefix = first.id.rstrip("0123456789")
                span = {"first": keys[first.id], "last": keys[last.id]}
                key = f"{span['first']}–{span['last']}"
                ident = f"{scope}.{first.id}–{span['last']}"
                name = t(f"tui.key.{prefix}.range", lang, **span)
                tip = t(f"tui.key.{prefix}.range.tip", lang)
            live = any(applies(owner, spec) is True for spec in row)
            what = f"{escape(name)} – {escape(tip)}"
            line = f" [b]{escape(key):>6}[/]  {what} [dim]({escape(ident)})[/]"
            lines.append(line if live else f"[dim]{line}[/]")
        lines.append("")
    lines.append(f"[dim]{escape(t('tui.help.settings', lang))}[/]")
    lines.append(f"[dim]{escape(t('tui.help.keymap', lang))}[/]")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Context help over the current screen; F1 or Esc closes it."""

    KEY_SCOPE = "help"
    KEYS = (KeySpec("close_help", "escape,f1,q", "close", "app", show=True, key_display="Esc"),)
    LANG = "sv"

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__(classes="dialog-screen")
        self._under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(t("tui.help.title", self.LANG), classes="dialog-title")
            with VerticalScroll():
                yield Static(help_text(self._under, self.app, self.LANG), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
