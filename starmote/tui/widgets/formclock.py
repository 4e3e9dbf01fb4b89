"""The clocks a form shows while the meeting runs: the speaker's turn and the part, time left."""

from __future__ import annotations

from textual.markup import escape

from starmote.engine import timing
from starmote.engine.state import MeetingState
from starmote.i18n import t as tr
from starmote.tui import fmt
from starmote.tui.widgets.base import StateView
from starmote.tui.widgets.clockline import SEP


class FormClock(StateView):
    """One line; an overrun counts up in the warning colour, as on the live screen."""

    TIMED = True

    def show_state(self, state: MeetingState, t: float) -> None:
        self.show_time(state, t)

    def show_time(self, state: MeetingState, t: float) -> None:
        lang = self.lang
        pieces: list[str] = []
        if state.turn is not None:
            who = escape(fmt.party_short(state.plan, state.turn.party))
            left = timing.turn_remaining(state, t) or 0.0
            pieces.append(f"{who} {_left(left, lang)}")
        phase_left = timing.phase_remaining(state, t)
        if state.phase is not None and phase_left is not None:
            title = escape(state.plan.phases[state.phase].title(lang))
            pieces.append(f"{title} {_left(phase_left, lang)}")
        if state.paused_at is not None:
            pieces.append(f"[b reverse $text-warning] {tr('tui.clock.paused', lang)} [/]")
        self.put(SEP.join(pieces))


def _left(seconds: float, lang: str) -> str:
    """Time left in bold, or the overrun in the warning colour."""
    if seconds < 0:
        return f"[b $text-warning]{tr('tui.form.clock.over', lang, time=fmt.mmss(seconds))}[/]"
    return f"[b]{tr('tui.form.clock.left', lang, time=fmt.mmss(seconds))}[/]"
