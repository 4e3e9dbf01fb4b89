"""The agenda while a team session runs: the cases not yet taken up move earlier or later."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from starmote.engine import commands as c
from starmote.i18n import t
from starmote.tui.keys import KeySpec
from starmote.tui.widgets.agenda import AgendaList


class AgendaDialog(ModalScreen[None]):
    """The session's parts with their times (held, or expected from now); u/n move a case.

    A case already taken up stays where it was; the engine says so if asked to move it.
    """

    KEY_SCOPE = "agenda"
    KEYS = (
        KeySpec("case_up", "u", "move_case(-1)", "app", show=True),
        KeySpec("case_down", "n", "move_case(1)", "app", show=True),
        KeySpec("cancel", "escape", "cancel", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog agenda"):
            yield Static(t("tui.agenda.title", self.LANG), classes="dialog-title")
            yield AgendaList(id="agenda")
            yield Static(t("tui.agenda.hint", self.LANG), classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()
        agenda = self.query_one(AgendaList)
        agenda.focus()
        # The cursor starts on the first case still to come.
        app: Any = self.app
        state = app.state
        for i in range(agenda.option_count):
            code = agenda.get_option_at_index(i).id
            index = state.phase_of_case(code) if code else None
            if index is not None and state.phases[index].began is None:
                agenda.highlighted = i
                break

    def _show(self) -> None:
        app: Any = self.app
        self.query_one(AgendaList).show_state(app.state, app.session.now().t)

    def action_move_case(self, by: int) -> None:
        """Move the case under the cursor; the engine refuses one already taken up."""
        app: Any = self.app
        case = self.query_one(AgendaList).case
        if case is not None and app.apply(c.MoveCase(case, by)) is None:
            self._show()

    def action_cancel(self) -> None:
        self.dismiss(None)
