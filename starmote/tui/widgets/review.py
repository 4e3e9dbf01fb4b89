"""Goals, actions, decisions and parked questions, one per line, for review and retraction."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.tui.widgets.entries import all_entries, entry_line


class ReviewList(OptionList):
    """The captured entries; the cursor picks one to take back."""

    def show_state(self, state: MeetingState, t: float) -> None:
        app: Any = self.app
        # Most key presses touch none of these; rebuilding the options is the costly part.
        signature = (state.goals, state.actions, state.decisions, state.parked, app.lang)
        if signature == getattr(self, "_signature", None):
            return
        self._signature = signature
        keep: int | None = self.highlighted  # type: ignore[has-type]  # a Textual reactive
        self.clear_options()
        rows = all_entries(state, notes=False)
        if not rows:
            self.add_option(
                Option(
                    Content.from_markup(f"[dim]{tr('tui.entries.none', app.lang)}[/]"),
                    disabled=True,
                )
            )
            return
        self.add_options(
            # One line each: a decision over several lines shows its first, then "…".
            Option(Content.from_markup(entry_line(state, e, app.lang, lines=1)), id=str(e.id))
            for e in rows
        )
        # The cursor stays on its line, or starts on the first: Enter and r always have a target.
        self.highlighted = min(keep, len(rows) - 1) if keep is not None else 0

    @property
    def entry_id(self) -> int | None:
        """The entry under the cursor."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None
