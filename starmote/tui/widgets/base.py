"""Base of the state views: repaint only what changed, re-layout only when the shape did."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

from starmote.engine.state import MeetingState


class StateView(Widget):
    """A text widget that renders from the meeting state (and, for clocks, the time).

    `put` skips identical text and asks for a layout pass only when the
    number or width of lines changed, so a ticking clock costs one small repaint.
    """

    DEFAULT_CSS = "StateView { height: auto; }"
    TIMED = False
    """Whether `show_time` changes what it shows (the 4 Hz tick only visits these)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: str | None = None
        self._content = Content("")
        self._shape: tuple[int, int] = (0, 0)

    @property
    def lang(self) -> str:
        """The UI language."""
        app: Any = self.app
        return str(app.lang)

    @property
    def plain(self) -> str:
        """What is shown, as plain text (for tests)."""
        return self._content.plain

    def show_state(self, state: MeetingState, t: float) -> None:
        """Render for a new state at offset `t` (override)."""

    def show_time(self, state: MeetingState, t: float) -> None:
        """Render the clock parts at offset `t` (timed widgets override)."""

    def render(self) -> Content:
        return self._content

    def put(self, markup: str) -> None:
        """Show `markup` (Textual content markup) if it differs from what is shown."""
        if markup == self._shown:
            return
        self._shown = markup
        self._content = Content.from_markup(markup)
        lines = self._content.plain.split("\n")
        longest = max(len(line) for line in lines)
        # Lines that fit the width keep the height; only a new line count or wrapping re-lays out.
        shape = (len(lines), longest if longest > self.content_region.width else 0)
        self.refresh(layout=shape != self._shape)
        self._shape = shape
