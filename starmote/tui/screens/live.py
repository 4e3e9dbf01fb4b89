"""The live meeting: the circle, the clocks, who speaks, the checklist, what was captured."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.i18n import t
from starmote.tui import fmt
from starmote.tui.dialogs.pick import PickDialog
from starmote.tui.dialogs.rebalance import RebalanceDialog
from starmote.tui.keys import KeySpec, localize
from starmote.tui.screens.attendance import open_attendance, party_options
from starmote.tui.screens.base import MeetingScreen
from starmote.tui.screens.capture import CAPTURE_KEYS, CaptureActions
from starmote.tui.screens.consent import open_consent
from starmote.tui.widgets.checklist import Checklist
from starmote.tui.widgets.circle import CircleBand
from starmote.tui.widgets.clockline import ClockLine
from starmote.tui.widgets.entries import EntryLog
from starmote.tui.widgets.speaker import SpeakerPanel


class LiveScreen(CaptureActions, MeetingScreen):
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
        KeySpec("closing", "c", "closing", "meeting"),
        *(KeySpec(f"tick{n}", str(n), f"tick({n})", "part") for n in range(1, 10)),
    )

    def compose(self) -> ComposeResult:
        yield Header(icon="◔")
        yield CircleBand(id="circle")
        yield ClockLine(id="clocks")
        with Horizontal(id="live-middle"):
            yield SpeakerPanel(id="speaker")
            yield Checklist(id="checklist")
        yield EntryLog(id="entries")
        yield Footer(compact=True)

    # --- what applies now -------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.state
        running = s.status == "running" and s.phase is not None
        live = running and s.paused_at is None
        in_phase = [p for p in s.spoken if p.phase == s.phase]
        rules = {
            "next_speaker": live and (s.turn is not None or bool(s.queue)),
            "skip": live and s.turn is not None,
            "back": live and bool(in_phase),
            "extend": s.turn is not None and s.status == "running",
            "jump": live,
            "pause": running and s.paused_at is None,
            "resume": running and s.paused_at is not None,
            # Enabled while consent is pending, so the key says why it cannot go on.
            "next_part": live,
            "rebalance": running,
            "consent": s.status in ("open", "running") and (s.phase or 0) == 0,
            "closing": s.status == "closing"
            or (s.phase is not None and s.phase >= len(s.phases) - 2),
            "attendance": s.status != "closed",
            "park": self.capture_allowed() and any(not a.here for a in s.attendance),
            "questions": self.capture_allowed() and bool(s.plan.questions),
        }
        if action in ("note", "goal", "add_action", "decision"):
            return True if self.capture_allowed() else None
        if action == "tick":
            n = int(parameters[0]) if parameters else 0  # type: ignore[call-overload]
            count = len(s.plan.phases[s.phase].prompts_sv) if s.phase is not None else 0
            return True if n <= count else None
        if action in ("pause", "resume"):
            return True if rules[action] else False  # noqa: SIM210 – False hides, None greys
        if action in rules:
            return True if rules[action] else None
        return True

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
        index = number - 1
        self.apply(c.TickPrompt(index, (s.phase, index) not in s.ticked))

    def action_jump(self) -> None:
        lang = self.lang
        options = party_options(self.state, lang, only_here=True)

        def chose(party: str | None) -> None:
            if party is not None:
                self.apply(c.JumpTo(party))

        self.meeting.open_dialog(
            localize(PickDialog, lang)(t("tui.jump.title", lang), options), chose
        )

    def action_rebalance(self) -> None:
        s = self.state
        now = self.now()
        proposal = timing.propose_rebalance(s, now)
        projected = fmt.hhmm(timing.wall_at(s, timing.projected_end(s, now)))
        booked = fmt.hhmm(timing.booked_end_wall(s))
        dialog = localize(RebalanceDialog, self.lang)(s, proposal, projected, booked)
        self.meeting.open_dialog(dialog)

    def action_attendance(self) -> None:
        open_attendance(self, self.lang)

    def action_consent(self) -> None:
        open_consent(self, self.lang)

    def action_closing(self) -> None:
        self.meeting.show_view("closing")
