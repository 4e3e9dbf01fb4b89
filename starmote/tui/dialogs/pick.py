"""Pick one of a few options (a party, a way to take part); digits pick directly."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from starmote.i18n import t
from starmote.tui.keys import KeySpec


class PickDialog(ModalScreen[Any]):
    """A titled list; Enter or a digit picks, Escape cancels (returns None)."""

    KEY_SCOPE = "pick"
    KEYS = (
        KeySpec("cancel", "escape", "cancel", "app", show=True, key_display="Esc"),
        *(KeySpec(f"pick{n}", str(n), f"pick({n})", "app") for n in range(1, 10)),
    )
    LANG = "sv"

    def __init__(self, title: str, options: list[tuple[Any, str, bool]], intro: str = "") -> None:
        """Args:
        title: What is being chosen.
        options: (value, label, enabled) in order.
        intro: A line above the list (a prompt to the chair).
        """
        super().__init__(classes="dialog-screen")
        self._title = title
        self._intro = intro
        self._options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            if self._intro:
                yield Static(self._intro, classes="dialog-body")
            items = [
                Option(
                    f"{n}  {label}" if n < 10 else f"   {label}",
                    id=str(n - 1),
                    disabled=not enabled,
                )
                for n, (_, label, enabled) in enumerate(self._options, start=1)
            ]
            yield OptionList(*items, id="pick-list")
            yield Static(t("tui.pick.hint", self.LANG), classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(int(event.option.id or 0))

    def action_pick(self, number: int) -> None:
        self._choose(number - 1)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self._options) and self._options[index][2]:
            self.dismiss(self._options[index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
