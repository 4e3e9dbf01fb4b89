"""Meeting state: the frozen value that `engine.fold` builds from events.

Everything a screen or an exporter shows comes from here. Times are
meeting offsets in seconds (`t`, from the monotonic clock, 0 = meeting
opened) plus the wall time (UTC) of the event that set them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from starmote.plan.model import MeetingPlan
from starmote.record import Record, record

Status = Literal["open", "running", "closing", "closed"]
"""open: checked in, no phase yet; running: a phase is on; closing: all phases done."""
Mode = Literal["in_person", "video", "phone"]
MODES: tuple[Mode, ...] = ("in_person", "video", "phone")
"""Every way to take part, in the order the UI offers them."""
Presence = Literal["expected", "present", "absent", "left", "dropped"]
Horizon = Literal["short", "long"]

CHAIR = "@chair"
"""Owner or speaker key for the chair (ordförande): never a party key, which has no "@"."""
NOTE_TAKER = "@note_taker"
"""Owner or speaker key for the note taker (antecknare), when the plan names one."""
PEOPLE = (CHAIR, NOTE_TAKER)
"""The meeting's own people, who may own an action or be quoted in a note besides the parties."""


@record
class Stamp(Record):
    """When something happened: meeting offset and wall time (UTC)."""

    t: float
    wall: datetime


@record
class AttendanceChange(Record):
    """One line of the attendance log."""

    what: str
    """checked_in, absent, substitute, left, dropped, rejoined."""
    at: Stamp
    mode: Mode | None = None
    detail: str = ""


@record
class Attendance(Record):
    """Where a party stands now, and how it got there."""

    party: str
    presence: Presence = "expected"
    mode: Mode | None = None
    late: bool = False
    notified: bool | None = None
    """For an absent party: whether it sent word."""
    reason: str = ""
    substitute: str = ""
    log: tuple[AttendanceChange, ...] = ()

    @property
    def here(self) -> bool:
        """Whether the party can speak now."""
        return self.presence == "present"


@record
class Consent(Record):
    """What the chair recorded about samtycke in the meeting, for one case."""

    confirmed: bool
    scope: str = ""
    note: str = ""
    at: Stamp | None = None
    case: str = ""


@record
class Turn(Record):
    """A party's turn to speak within a phase."""

    party: str
    phase: int
    started: float
    """Meeting offset when the turn (last) started or resumed."""
    budget: float
    """Seconds, extensions included."""
    used_before: float = 0.0
    """Active seconds from earlier stretches (before a pause or a step back)."""
    extended: float = 0.0
    """Seconds the chair added (`+`), part of `budget`."""

    def used(self, t: float, paused_at: float | None) -> float:
        """Active seconds spoken by meeting offset `t`."""
        end = paused_at if paused_at is not None else t
        return self.used_before + max(0.0, end - self.started)

    def remaining(self, t: float, paused_at: float | None) -> float:
        """Seconds left of the budget; negative when over."""
        return self.budget - self.used(t, paused_at)


@record
class SpokenTurn(Record):
    """A finished turn, for the timing table."""

    party: str
    phase: int
    used: float
    budget: float
    skipped: bool = False
    extended: float = 0.0
    """Seconds the chair added to the turn, part of `budget`."""


@record
class Entry(Record):
    """Base of everything captured; `id` is the seq of the event that added it.

    Each entry belongs to a case (`case` on the subclasses): the meeting's own in a SIP
    meeting, one of the team cases in a team session, or "" for the team itself.
    """

    id: int
    at: Stamp


@record
class Note(Entry):
    """A note of a part; tied to who said it (a party, the chair) only when the chair chose so."""

    text: str
    phase: int | None
    party: str | None
    """A party key, `CHAIR` or `NOTE_TAKER`; None: the part's note, nobody's in particular."""
    case: str = ""
    category: str = ""
    """A consent category: left out of the copy for a party the consent keeps it from."""
    section: str = ""
    """A key of `MeetingPlan.sections`: the note is an entry of that section of the minutes."""


@record
class Goal(Entry):
    """A goal, short or long term."""

    horizon: Horizon
    text: str
    case: str = ""
    category: str = ""
    """A consent category: left out of the copy for a party the consent keeps it from."""


@record
class Action(Entry):
    """An insats: what, who (owner), by when, how often; decided, or proposed until confirmed."""

    what: str
    owner: str
    """A party key, `CHAIR` or `NOTE_TAKER`."""
    due: date | None
    how_often: str = ""
    case: str = ""
    offer: str = ""
    """The utbudskarta offer it came from (its key), if any."""
    proposed: bool = False
    """Föreslagen (ej bekräftad): the owner has yet to confirm it (one who was not here)."""
    confirmed_at: Stamp | None = None
    """When a proposed insats was confirmed in the meeting (it is then decided)."""
    category: str = ""
    """A consent category: left out of the copy for a party the consent keeps it from."""


@record
class Decision(Entry):
    """A decision."""

    text: str
    case: str = ""
    category: str = ""
    """A consent category: left out of the copy for a party the consent keeps it from."""


@record
class ParkedQuestion(Entry):
    """A question for a party that is not here (or not any more)."""

    text: str
    for_party: str
    case: str = ""


@record
class MainResponsible(Entry):
    """Huvudansvarig."""

    party: str
    person: str
    asked_individual: bool = False


@record
class FollowUp(Entry):
    """The follow-up meeting. `uid` stays the same when it is moved."""

    start: datetime
    """Aware, Europe/Stockholm."""
    duration_min: int
    place: str
    convener: str
    """Party key, or "" for the chair."""
    uid: str
    sequence: int = 0
    cancelled: bool = False
    link: str | None = None
    """The video link ("" for none); None: the same as the meeting's (`plan.video_link`)."""

    @property
    def end(self) -> datetime:
        """Start plus duration."""
        return self.start + timedelta(minutes=self.duration_min)


@record
class InviteApproval(Entry):
    """The text of one invite as the chair approved it (see `commands.ApproveInvite`)."""

    key: str
    basis: str
    title: str
    place: str
    link: str
    message: str
    attendees: tuple[str, ...]


@record
class Feedback(Entry):
    """The individual's own view of the meeting."""

    text: str


@record
class PreviousReview(Entry):
    """What the follow-up found of an item of the previous plan (`engine.review`)."""

    kind: str
    """action, goal or parked: which list of `plan.previous` it is in."""
    index: int
    status: str
    """done, partly, not_done, changed, ended; for a parked question answered or kept."""
    comment: str = ""


@record
class PhaseClock(Record):
    """Budget and use of one phase."""

    budget: float
    used: float = 0.0
    """Active seconds, frozen when the phase ends."""
    started: float | None = None
    """Offset when it (last) became active; None when not running."""
    done: bool = False
    began: float | None = None
    """Offset when it first started (a team case: when it was taken up)."""
    ended: float | None = None
    """Offset when it ended."""

    def used_at(self, t: float, paused_at: float | None) -> float:
        """Active seconds by offset `t`."""
        if self.started is None:
            return self.used
        end = paused_at if paused_at is not None else t
        return self.used + max(0.0, end - self.started)


@record
class MeetingState(Record):
    """A meeting as folded from its journal."""

    plan: MeetingPlan
    meeting_id: str
    opened: Stamp
    booked_end: float
    """Offset of the booked end (negative if opened after it)."""
    last_seq: int = 0
    status: Status = "open"
    lang: str = "sv"
    individual_first: bool = True
    consents: tuple[Consent, ...] = ()
    """The latest record per case, in the order they were made."""
    attendance: tuple[Attendance, ...] = ()
    phases: tuple[PhaseClock, ...] = ()
    phase: int | None = None
    """Index of the current phase."""
    turn: Turn | None = None
    queue: tuple[str, ...] = ()
    """Parties still to speak in the current phase's round, in order."""
    spoken: tuple[SpokenTurn, ...] = ()
    missing: tuple[tuple[int, str], ...] = ()
    """(phase, party) whose perspective was missing in a round."""
    paused_at: float | None = None
    pauses: tuple[tuple[float, float], ...] = ()
    ticked: frozenset[tuple[int, int]] = frozenset()
    """(phase, prompt) ticked on the chair's checklist."""
    question_status: tuple[tuple[str, int, str], ...] = ()
    """(case, frågeställning index, answered|deferred|open), the latest per question."""
    question_text: tuple[tuple[str, int, str], ...] = ()
    """(case, index, text): the answer of an answered question, the reason of a deferred one."""
    offers_considered: frozenset[tuple[str, str]] = frozenset()
    """(case, offer key) the team considered from the utbudskarta."""
    notes: tuple[Note, ...] = ()
    goals: tuple[Goal, ...] = ()
    actions: tuple[Action, ...] = ()
    decisions: tuple[Decision, ...] = ()
    parked: tuple[ParkedQuestion, ...] = ()
    main_responsible: MainResponsible | None = None
    follow_up: FollowUp | None = None
    feedback: Feedback | None = None
    invite_approvals: tuple[InviteApproval, ...] = ()
    """The latest approval of each invite, by key."""
    previous_reviews: tuple[PreviousReview, ...] = ()
    """A follow-up's review of the previous plan: the latest per item, in review order."""
    retracted: frozenset[int] = frozenset()
    rebalances: int = 0
    rebalance_log: tuple[tuple[Stamp, tuple[int, ...]], ...] = ()
    """Each rebalance: when, and the parts it gave new budgets (those not ended then)."""
    began: Stamp | None = None
    """When the first part started: the meeting proper (check-in may come long before)."""
    closed: Stamp | None = None
    close_reason: str = ""
    """Why the meeting closed without huvudansvarig/follow-up, or without consent."""
    plan_closed: str | None = None
    """Why the plan ended with this meeting (SIP avslutad); None while it goes on."""

    def attendance_of(self, party: str) -> Attendance:
        """The attendance of `party`; KeyError if unknown."""
        for a in self.attendance:
            if a.party == party:
                return a
        raise KeyError(party)

    # --- cases ------------------------------------------------------------------

    @property
    def case_codes(self) -> tuple[str, ...]:
        """The cases this meeting takes up: the team cases, or the meeting's own case."""
        if self.plan.team_cases:
            return tuple(c.code for c in self.plan.team_cases)
        return (self.plan.case_code,)

    @property
    def current_case(self) -> str:
        """The case being taken up now: the current team case's phase, or the meeting's own.

        In a team session outside a case's phase this is "", the team itself.
        """
        if not self.plan.team_cases:
            return self.plan.case_code
        if self.phase is None:
            return ""
        return self.plan.phases[self.phase].case_code

    def case_of(self, requested: str | None) -> str:
        """The case a capture belongs to: `requested`, or the current case when None."""
        return self.current_case if requested is None else requested

    def questions_of(self, case: str) -> tuple[str, ...]:
        """The frågeställningar of `case`."""
        if not self.plan.team_cases:
            return self.plan.questions if case == self.plan.case_code else ()
        for team_case in self.plan.team_cases:
            if team_case.code == case:
                return team_case.questions
        return ()

    def question_statuses(self, case: str) -> dict[int, str]:
        """Index -> answered|deferred|open for the questions of `case` that have one."""
        return {i: status for (c, i, status) in self.question_status if c == case}

    def question_texts(self, case: str) -> dict[int, str]:
        """Index -> the answer (answered) or the reason (deferred) given, for `case`."""
        return {i: text for (c, i, text) in self.question_text if c == case and text}

    def invite_approval(self, key: str) -> InviteApproval | None:
        """The chair's latest approval of invite `key`, if any."""
        for approval in self.invite_approvals:
            if approval.key == key:
                return approval
        return None

    def consent_for(self, case: str) -> Consent | None:
        """What was recorded in the meeting about consent for `case`, if anything."""
        for consent in reversed(self.consents):
            if consent.case == case:
                return consent
        return None

    @property
    def consent(self) -> Consent | None:
        """The consent recorded for the meeting's own case (None in a team session)."""
        return None if self.plan.team_cases else self.consent_for(self.plan.case_code)

    @property
    def consent_pending(self) -> bool:
        """Consent must be settled before the meeting leaves the current part.

        A SIP meeting leaves Inledning only with confirmed consent. A team case that is
        not anonymised is not left until its consent was confirmed or recorded missing.
        """
        if self.phase is None:
            return False
        if not self.plan.team_cases:
            return self.phase == 0 and not (self.consent is not None and self.consent.confirmed)
        code = self.plan.phases[self.phase].case_code
        if not code:
            return False
        case = self.plan.team_case(code)
        return not case.anonymised and self.consent_for(code) is None

    def phase_of_case(self, code: str) -> int | None:
        """The index of the team case's phase on the current agenda (None for no such case)."""
        for i, phase in enumerate(self.plan.phases):
            if phase.case_code and phase.case_code == code:  # "" is no case: not the opening
                return i
        return None

    def takes_part_now(self, party: str) -> bool:
        """Whether `party` belongs in the current part (a case's person only in their own)."""
        bound = self.plan.party(party).case
        return not bound or (self.phase is not None and self.current_case == bound)

    def missing_in(self, phase: int | None) -> tuple[str, ...]:
        """Parties whose perspective is missing in `phase`, less any now waiting for the word."""
        waiting = set(self.queue) | ({self.turn.party} if self.turn else set())
        return tuple(p for (ph, p) in self.missing if ph == phase and p not in waiting)

    @property
    def present(self) -> tuple[str, ...]:
        """Keys of parties here now, in plan order."""
        return tuple(a.party for a in self.attendance if a.here)


@record
class OpenQuestion(Record):
    """A frågeställning deferred to the follow-up: what it asks, and why it waits."""

    case: str
    index: int
    """Its place among the case's frågeställningar (0-based; the minutes number from 1)."""
    question: str
    reason: str


def open_questions(state: MeetingState, case: str | None = None) -> tuple[OpenQuestion, ...]:
    """The frågeställningar deferred to the follow-up ("ej behandlat: fråga 3 – till uppföljning").

    The next meeting's case starts from these (`starmote new --from`), and the minutes list
    them under the follow-up.

    Args:
        state: The meeting as folded.
        case: Only this case's; every case's when None.

    Returns:
        In case order, then question order.
    """
    out = []
    for code in state.case_codes if case is None else (case,):
        questions = state.questions_of(code)
        reasons = state.question_texts(code)
        for index, status in sorted(state.question_statuses(code).items()):
            if status == "deferred" and index < len(questions):
                out.append(OpenQuestion(code, index, questions[index], reasons.get(index, "")))
    return tuple(out)


def passed_in_round(state: MeetingState) -> tuple[str, ...]:
    """Who passed (`s`) in the current part's round and is to be offered the word again.

    At the end of the round each of them is offered the word once more, if someone else
    has spoken since they passed (the last in line who passes ends the round: they were
    just asked); a second pass is their answer.
    """
    if state.phase is None or state.plan.phases[state.phase].turns != "round":
        return ()  # an open discussion has no round to come back to
    turns = [s for s in state.spoken if s.phase == state.phase]
    waiting = set(state.queue) | ({state.turn.party} if state.turn else set())
    out: list[str] = []
    for i, spoken in enumerate(turns):
        party = spoken.party
        if not spoken.skipped or party in out or party in waiting or party not in state.present:
            continue
        if any(s.party == party for s in turns[:i] + turns[i + 1 :]):
            continue  # had the word besides, or was offered it again already
        if any(s.party != party for s in turns[i + 1 :]) or state.turn is not None:
            out.append(party)
    return tuple(out)
