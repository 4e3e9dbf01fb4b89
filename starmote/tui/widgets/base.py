"""Base of the state-rendering widgets: redraw only when the text really changed."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from starmote.state import MeetingState


class StateView(Static):
    """A Static that renders from the meeting state (and, for clocks, the time)."""

    TIMED = False
    """Whether `show_time` changes what it shows (the 4 Hz tick only visits these)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._shown: object = None

    @property
    def lang(self) -> str:
        """The UI language."""
        app: Any = self.app
        return app.lang

    def show_state(self, state: MeetingState, t: float) -> None:
        """Render for a new state at offset `t` (override)."""

    def show_time(self, state: MeetingState, t: float) -> None:
        """Render the clock parts at offset `t` (timed widgets override)."""

    def put(self, content: str) -> None:
        """Update only when different, so an unchanged clock costs no repaint."""
        if content != self._shown:
            self._shown = content
            self.update(content)
