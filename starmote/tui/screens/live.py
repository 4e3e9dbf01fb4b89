"""The live meeting: the circle, the clocks, who speaks, the checklist, what was captured."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.engine.allowed import Asked, allows
from starmote.engine.review import review_items
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.tui import fmt
from starmote.tui.dialogs.pick import PickDialog
from starmote.tui.dialogs.rebalance import RebalanceDialog
from starmote.tui.keys import KeySpec, localize
from starmote.tui.screens.attendance import ATTENDANCE, open_attendance, party_options
from starmote.tui.screens.base import CONSENT, MeetingScreen
from starmote.tui.screens.capture import (
    CAPTURE_ASKS,
    CAPTURE_KEYS,
    CaptureActions,
    capture_asks,
)
from starmote.tui.screens.consent import open_consent
from starmote.tui.screens.review import ReviewActions
from starmote.tui.widgets.casebanner import CaseBanner
from starmote.tui.widgets.checklist import Checklist
from starmote.tui.widgets.circle import CircleBand
from starmote.tui.widgets.clockline import ClockLine
from starmote.tui.widgets.entries import EntryLog
from starmote.tui.widgets.previous import PreviousPanel
from starmote.tui.widgets.speaker import SpeakerPanel


class LiveScreen(ReviewActions, CaptureActions, MeetingScreen):
    """Everything the chair needs while the parts run, keyboard only."""

    KEY_SCOPE = "live"
    KEYS = (
        KeySpec("next_speaker", "space", "next_speaker", "turn", show=True, key_display="␣"),
        KeySpec("next_part", "d", "next_part", "part", show=True),
        KeySpec("pause", "p", "pause", "turn", show=True),
        # The same key resumes; the footer names what it does now (one of the two is hidden).
        KeySpec("resume", "p", "resume", "turn", show=True),
        CAPTURE_KEYS[0],
        KeySpec("attendance", "a", "attendance", "attendance", show=True),
        KeySpec("skip", "s", "skip", "turn"),
        KeySpec("back", "b", "back", "turn"),
        KeySpec("extend", "plus,+", "extend", "turn", key_display="+"),
        KeySpec("jump", "j", "jump", "turn"),
        KeySpec("rebalance", "r", "rebalance", "part"),
        *CAPTURE_KEYS[1:],
        KeySpec("consent", "k", "consent", "meeting"),
        KeySpec("agenda", "l", "agenda", "meeting"),
        KeySpec("closing", "c", "closing", "meeting"),
        # A follow-up only (hidden otherwise): the previous plan's items get their status.
        KeySpec("review", "u", "review", "capture", show=True),
        *(KeySpec(f"tick{n}", str(n), f"tick({n})", "part") for n in range(1, 10)),
    )
    ASKS: dict[str, tuple[Asked, ...]] = {
        "next_speaker": (c.NextSpeaker,),
        "skip": (c.SkipSpeaker,),
        "back": (c.BackSpeaker,),
        "extend": (c.ExtendTurn,),
        "jump": (c.JumpTo,),
        "pause": (c.Pause,),
        "resume": (c.Resume,),
        "next_part": (c.NextPhase,),
        "rebalance": (c.Rebalance,),
        "consent": CONSENT,
        "agenda": (c.MoveCase,),
        "attendance": ATTENDANCE,
        "review": (c.ReviewPrevious,),
        **CAPTURE_ASKS,
    }
    """The kinds of command each key leads to (a pick or a form chooses the rest)."""
    HIDDEN = frozenset({"pause", "resume", "agenda"})

    def compose(self) -> ComposeResult:
        team = self.state.plan.is_team_session
        yield Header(icon="◔")
        yield CircleBand(id="circle")
        yield ClockLine(id="clocks", classes="team" if team else None)
        if team:
            yield CaseBanner(id="case-banner")
        with Horizontal(id="live-middle"):
            yield SpeakerPanel(id="speaker")
            yield Checklist(id="checklist")
        if review_items(self.state.plan):
            yield PreviousPanel(id="previous-plan")
        yield EntryLog(id="entries")
        yield Footer(compact=True)

    @property
    def hidden(self) -> frozenset[str]:
        # A meeting that follows up no previous plan never offers its review.
        return self.HIDDEN if review_items(self.state.plan) else self.HIDDEN | {"review"}

    def show_state(self, state: MeetingState) -> None:
        super().show_state(state)
        self.parked_notice(state)
        self.review_reminder(state)

    # --- what applies now -------------------------------------------------

    def asks(self, action: str, parameters: tuple[object, ...]) -> tuple[Asked, ...] | None:
        if action == "tick":
            number = int(parameters[0]) if parameters else 0  # type: ignore[call-overload]
            return (c.TickPrompt(self._prompt_index(number)),)
        return capture_asks(self.state, action) or self.ASKS.get(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "closing":  # a view, not a command: offered from Sammanfattning on
            s = self.state
            near_end = s.phase is not None and s.phase >= len(s.phases) - 2
            return True if s.status == "closing" or near_end else None
        return super().check_action(action, parameters)

    # --- turns and parts ----------------------------------------------------

    def action_next_speaker(self) -> None:
        self.apply(c.NextSpeaker())

    def action_skip(self) -> None:
        self.apply(c.SkipSpeaker())

    def action_back(self) -> None:
        self.apply(c.BackSpeaker())

    def action_extend(self) -> None:
        self.apply(c.ExtendTurn(60))

    def action_pause(self) -> None:
        self.apply(c.Pause())

    def action_resume(self) -> None:
        self.apply(c.Resume())

    def action_tick(self, number: int) -> None:
        s = self.state
        if s.phase is None:
            return
        index = self._prompt_index(number)
        self.apply(c.TickPrompt(index, (s.phase, index) not in s.ticked))

    def _prompt_index(self, number: int) -> int:
        """The prompt the checklist shows as `number` (prompts for absent parties are not shown)."""
        s = self.state
        shown = s.plan.shown_prompts(s.phase) if s.phase is not None else ()
        return shown[number - 1] if 0 < number <= len(shown) else -1

    def action_jump(self) -> None:
        lang, state = self.lang, self.state
        # Those the engine would give the word to: here, and not already speaking.
        options = [o for o in party_options(state, lang) if allows(state, c.JumpTo(o[0]))]

        def chose(party: str | None) -> None:
            if party is not None:
                self.apply(c.JumpTo(party))

        self.meeting.open_dialog(
            localize(PickDialog, lang)(t("tui.jump.title", lang), options), chose
        )

    def action_rebalance(self) -> None:
        s = self.state
        now = self.now()
        proposal = timing.rebalance_proposal(s, now)
        projected = fmt.hhmm(timing.wall_at(s, timing.projected_end(s, now)))
        booked = fmt.hhmm(timing.booked_end_wall(s))
        dialog = localize(RebalanceDialog, self.lang)(s, proposal, projected, booked)
        self.meeting.open_dialog(dialog)

    def action_attendance(self) -> None:
        open_attendance(self, self.lang)

    def action_consent(self) -> None:
        open_consent(self, self.lang)

    def action_agenda(self) -> None:
        """A team session's agenda: the cases still to come move earlier or later."""
        from starmote.tui.dialogs.agenda import AgendaDialog

        self.meeting.open_dialog(localize(AgendaDialog, self.lang)())

    def action_closing(self) -> None:
        self.meeting.show_view("closing")
