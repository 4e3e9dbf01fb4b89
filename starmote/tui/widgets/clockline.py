"""The meeting's clocks: the current part's time left, elapsed, projected end against booked end."""

from __future__ import annotations

from textual.markup import escape

from starmote import timing
from starmote.i18n import t as tr
from starmote.state import MeetingState
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView


class ClockLine(StateView):
    """One line of clocks; an overrun counts up in the warning colour."""

    TIMED = True

    def show_state(self, state: MeetingState, t: float) -> None:
        self.show_time(state, t)

    def on_resize(self) -> None:
        # Whether the part's name fits depends on the width, known only after layout.
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_time(*last)

    def show_time(self, state: MeetingState, t: float) -> None:
        self._last = (state, t)
        lang = self.lang
        parts: list[str] = []
        left = timing.phase_remaining(state, t)
        if state.phase is not None and left is not None:
            title = escape(state.plan.phases[state.phase].title(lang))
            budget = fmt.minutes(state.phases[state.phase].budget)
            if left < 0:
                clock = f"[b $text-warning]{tr('tui.clock.over', lang)} {fmt.mmss(left)}[/]"
            else:
                clock = f"[b]{tr('tui.clock.left', lang)} {fmt.mmss(left)}[/]"
            # At 80 columns the circle band already names the part; keep the line to one row.
            named = f"[b]{title}[/] " if self.size.width >= 90 else ""
            parts.append(f"{named}{clock} / {budget} min")
        parts.append(f"{tr('tui.clock.elapsed', lang)} {fmt.mmss(timing.elapsed(state, t))}")
        end = timing.projected_end(state, t)
        projected = fmt.hhmm(timing.wall_at(state, end))
        booked = fmt.hhmm(timing.booked_end_wall(state))
        colour = "$text-warning" if end > state.booked_end + 30 else "$text-success"
        parts.append(
            f"[b {colour}]{tr('tui.clock.projected', lang)} {projected}[/] "
            f"({tr('tui.clock.booked', lang)} {booked})"
        )
        if state.paused_at is not None:
            parts.append(f"[b reverse $text-warning] {tr('tui.clock.paused', lang)} [/]")
        self.put(" │ ".join(parts))
