"""The meeting's clocks: the current part's time left, elapsed, projected end against booked end."""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from starmote.dates import part_length
from starmote.engine import timing
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView


class ClockLine(StateView):
    """One line of clocks; an overrun counts up in the warning colour.

    Narrower than the whole line, it leaves out the meeting's elapsed time first, then
    the booked end, then the part's budget; a pause is shown as long as anything is.
    """

    TIMED = True

    def show_state(self, state: MeetingState, t: float) -> None:
        self.show_time(state, t)

    def on_resize(self) -> None:
        # What fits depends on the width, known only after layout.
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_time(*last)

    def show_time(self, state: MeetingState, t: float) -> None:
        self._last = (state, t)
        lang = self.lang
        # Each piece: its markup and its rank; the highest ranks go first when the line is narrow.
        # Never dropped: the current part's name, its time left (or over) and the projected end.
        pieces: list[tuple[str, int]] = []
        left = timing.phase_remaining(state, t)
        if state.phase is not None and left is not None:
            title = escape(state.plan.phases[state.phase].title(lang))
            budget = part_length(state.phases[state.phase].budget)
            if left < 0:
                clock = f"[b $text-warning]{tr('tui.clock.over', lang)} {fmt.mmss(left)}[/]"
            else:
                clock = f"[b]{tr('tui.clock.left', lang)} {fmt.mmss(left)}[/]"
            pieces += [(f"[b]{title}[/] {clock}", 0), (f" / {budget}", 2), (SEP, 0)]
        elapsed = f"{tr('tui.clock.elapsed', lang)} {fmt.mmss(timing.elapsed(state, t))}"
        pieces += [(elapsed, 4), (SEP, 4)]
        end = timing.projected_end(state, t)
        projected = fmt.hhmm(timing.wall_at(state, end))
        booked = fmt.hhmm(timing.booked_end_wall(state))
        colour = "$text-warning" if end > state.booked_end + 30 else "$text-success"
        pieces.append((f"[b {colour}]{tr('tui.clock.projected', lang)} {projected}[/]", 0))
        pieces.append((f" ({tr('tui.clock.booked', lang)} {booked})", 3))
        if state.paused_at is not None:
            pieces += [
                (SEP, 1),
                (f"[b reverse $text-warning] {tr('tui.clock.paused', lang)} [/]", 1),
            ]
        self.put(fitted(pieces, self.content_region.width))


SEP = " │ "


def fitted(pieces: list[tuple[str, int]], width: int) -> str:
    """The pieces joined, leaving out the highest ranks until the line fits `width` cells."""
    for drop in range(max(rank for _, rank in pieces), -1, -1):
        line = "".join(markup for markup, rank in pieces if rank <= drop)
        if width <= 0 or Content.from_markup(line).cell_length <= width:
            return line
    return line
