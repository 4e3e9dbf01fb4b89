"""A yes/no question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from starmote.i18n import t
from starmote.tui.keys import KeySpec


class ConfirmDialog(ModalScreen[bool]):
    """Ask once; Enter/j/y is yes, Escape/n is no."""

    KEY_SCOPE = "confirm"
    KEYS = (
        KeySpec("yes", "enter", "answer(True)", "app", show=True),
        KeySpec("yes_j", "j,y", "answer(True)", "app"),
        KeySpec("no", "escape,n", "answer(False)", "app", show=True, key_display="Esc"),
    )
    LANG = "sv"

    def __init__(self, title: str, body: str) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._body, classes="dialog-body")
            yield Static(t("tui.confirm.hint", self.LANG), classes="dialog-hint")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
