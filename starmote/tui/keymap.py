"""The remapped keys of settings.toml checked against every key table before the app opens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starmote.i18n import t
from starmote.tui.keys import KeySpec


@dataclass(frozen=True)
class KeymapProblem:
    """A remap the app refuses to start with."""

    binding: str
    """The binding id as written under [keys]."""
    keys: str
    clash: str = ""
    """The binding id the key already belongs to; "" for an unknown id."""

    def message(self, lang: str, where: str) -> str:
        """One line naming the setting, in `lang`; `where` is the settings file."""
        if not self.clash:
            return t("tui.keymap.unknown", lang, file=where, id=self.binding)
        return t(
            "tui.keymap.clash", lang, file=where, id=self.binding, keys=self.keys, other=self.clash
        )


def key_tables() -> dict[str, tuple[KeySpec, ...]]:
    """Every key table of the meeting app by scope (the app's own under "app")."""
    from starmote.tui.app import StarmoteApp
    from starmote.tui.dialogs.agenda import AgendaDialog
    from starmote.tui.dialogs.confirm import ConfirmDialog
    from starmote.tui.dialogs.form import FormDialog
    from starmote.tui.dialogs.invites import InvitePreviewDialog
    from starmote.tui.dialogs.offers import OffersDialog
    from starmote.tui.dialogs.pick import PickDialog
    from starmote.tui.dialogs.rebalance import RebalanceDialog
    from starmote.tui.screens.before import BeforeScreen
    from starmote.tui.screens.closing import ClosingScreen
    from starmote.tui.screens.help import HelpScreen
    from starmote.tui.screens.history import HistoryScreen
    from starmote.tui.screens.live import LiveScreen

    owners: tuple[Any, ...] = (
        StarmoteApp,
        BeforeScreen,
        LiveScreen,
        ClosingScreen,
        HistoryScreen,
        HelpScreen,
        AgendaDialog,
        ConfirmDialog,
        FormDialog,
        InvitePreviewDialog,
        OffersDialog,
        PickDialog,
        RebalanceDialog,
    )
    return {owner.KEY_SCOPE: tuple(owner.KEYS) for owner in owners}


def _split(keys: str) -> set[str]:
    return {k.strip() for k in keys.split(",") if k.strip()}


def keymap_problem(
    keymap: dict[str, str], tables: dict[str, tuple[KeySpec, ...]] | None = None
) -> KeymapProblem | None:
    """The first remap that names no binding, or gives a key another binding has.

    Textual would ignore an unknown id and let a clash decide by order: the chair would
    find a key doing something else in front of the room, so the app does not start.

    Args:
        keymap: Binding id -> key(s), as in settings.toml's [keys].
        tables: The key tables by scope (`key_tables()` by default).

    Returns:
        The problem, or None when every remap is safe.
    """
    tables = key_tables() if tables is None else tables
    specs = {f"{scope}.{s.id}": (scope, s) for scope, table in tables.items() for s in table}
    for binding, keys in keymap.items():
        if binding not in specs:
            return KeymapProblem(binding, keys)
    for binding, keys in keymap.items():
        scope, spec = specs[binding]
        wanted = _split(keys)
        for other, (other_scope, other_spec) in specs.items():
            if other == binding or other_scope not in (scope, "app"):
                continue
            if _split(other_spec.key) == _split(spec.key):
                continue  # one key doing two things by design (p pauses or resumes)
            if wanted & _split(keymap.get(other, other_spec.key)):
                return KeymapProblem(binding, keys, other)
    return None
