"""The meeting circle as a band: one segment per part, sized by its budget, the current one lit."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from starmote import timing
from starmote.state import MeetingState


def segment_widths(budgets: list[float], width: int) -> list[int]:
    """Split `width` columns among parts in proportion to their budgets (each at least 3)."""
    n = len(budgets)
    total = sum(budgets) or 1.0
    free = max(0, width - 3 * n)
    widths = [3 + int(free * b / total) for b in budgets]
    # Hand the rounding leftovers to the largest parts so the band fills the line.
    short = width - sum(widths)
    for i in sorted(range(n), key=lambda i: -budgets[i])[: max(0, short)]:
        widths[i] += 1
    return widths


class CircleBand(Widget):
    """Two lines: part titles with minutes, and how much of each part is used."""

    TIMED = True
    DEFAULT_CSS = """
    CircleBand { height: 2; }
    CircleBand > .circle--todo { background: $panel; color: $text-muted; }
    CircleBand > .circle--done { background: $surface; color: $text-disabled; }
    CircleBand > .circle--current { background: $accent; color: $text; text-style: bold; }
    CircleBand > .circle--used { color: $text-accent; }
    CircleBand > .circle--left { color: $panel-lighten-2; }
    CircleBand > .circle--over { color: $text-warning; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "circle--todo",
        "circle--done",
        "circle--current",
        "circle--used",
        "circle--left",
        "circle--over",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._state: MeetingState | None = None
        self._t = 0.0
        self._key: object = None

    def show_state(self, state: MeetingState, t: float) -> None:
        self._state = state
        self.show_time(state, t)

    def show_time(self, state: MeetingState, t: float) -> None:
        self._state = state
        self._t = t
        # Repaint only when what is drawn moves (a cell of progress, a part change).
        key = (state.last_seq, state.phase, int(t // 5), self.size.width)
        if key != self._key:
            self._key = key
            self.refresh()

    def render(self) -> Text:
        state = self._state
        if state is None:
            return Text("")
        lang = getattr(self.app, "lang", "sv")
        style = self.get_component_rich_style
        budgets = [clock.budget for clock in state.phases]
        widths = segment_widths(budgets, max(len(budgets) * 3, self.size.width))
        top, bottom = Text(no_wrap=True), Text(no_wrap=True)
        for i, (phase, clock, width) in enumerate(
            zip(state.plan.phases, state.phases, widths, strict=True)
        ):
            label = f"{phase.title(lang)} {round(clock.budget / 60)}"
            if len(label) > width - 1:  # the minutes go first, then the title is shortened visibly
                title = phase.title(lang)
                label = title if len(title) <= width - 1 else title[: max(1, width - 2)] + "…"
            current = i == state.phase
            kind = (
                "circle--current" if current else "circle--done" if clock.done else "circle--todo"
            )
            top.append(f" {label}".ljust(width)[:width], style(kind) + Style(bold=current))
            used = timing.phase_used(state, i, self._t)
            if clock.done:
                bottom.append("━" * width, style("circle--done"))
            elif used > clock.budget:
                bottom.append("━" * width, style("circle--over"))
            else:
                filled = int(width * used / clock.budget) if clock.budget else 0
                bottom.append("━" * filled, style("circle--used"))
                bottom.append("─" * (width - filled), style("circle--left"))
        return Text("\n").join([top, bottom])
