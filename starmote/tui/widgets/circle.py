"""The meeting circle as a band: one segment per part, sized by its budget, the current one lit."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from starmote.dates import part_length
from starmote.engine import timing
from starmote.engine.state import MeetingState


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


def widen_current(widths: list[int], current: int | None, need: int) -> list[int]:
    """Give the current part `need` columns, taken from the widest others (each keeps 3)."""
    widths = list(widths)
    if current is None:
        return widths
    while widths[current] < need:
        others = [i for i in range(len(widths)) if i != current and widths[i] > 3]
        if not others:
            break
        widest = max(others, key=lambda i: (widths[i], i))
        widths[widest] -= 1
        widths[current] += 1
    return widths


def label_for(title: str, minutes: str, number: int, width: int) -> str:
    """The longest of "Behov 40", "Behov", "Beh…" and "3" that fits `width` - 1 columns."""
    room = width - 1  # a space leads each label
    for label in (f"{title} {minutes}", title):
        if len(label) <= room:
            return label
    if room >= 3:  # at least two letters and the ellipsis
        return title[: room - 1] + "…"
    return str(number)[: max(0, room)]


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
        if state.phase is not None:  # the current part is named in full, with its minutes
            phase = state.plan.phases[state.phase]
            minutes = part_length(state.phases[state.phase].budget, unit=False)
            widths = widen_current(widths, state.phase, len(f" {phase.title(lang)} {minutes}"))
        top, bottom = Text(no_wrap=True), Text(no_wrap=True)
        for i, (phase, clock, width) in enumerate(
            zip(state.plan.phases, state.phases, widths, strict=True)
        ):
            # The others give way: minutes first, then letters, down to the part's number.
            label = label_for(
                phase.title(lang), part_length(clock.budget, unit=False), i + 1, width
            )
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
