"""Meeting state: the frozen value that `engine.fold` builds from events.

Everything a screen or an exporter shows comes from here. Times are
meeting offsets in seconds (`t`, from the monotonic clock, 0 = meeting
opened) plus the wall time (UTC) of the event that set them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from starmote.plan.model import MeetingPlan

Status = Literal["open", "running", "closing", "closed"]
"""open: checked in, no phase yet; running: a phase is on; closing: all phases done."""
Mode = Literal["in_person", "video", "phone"]
MODES: tuple[Mode, ...] = ("in_person", "video", "phone")
"""Every way to take part, in the order the UI offers them."""
Presence = Literal["expected", "present", "absent", "left", "dropped"]
Horizon = Literal["short", "long"]


@dataclass(frozen=True)
class Stamp:
    """When something happened: meeting offset and wall time (UTC)."""

    t: float
    wall: datetime


@dataclass(frozen=True)
class AttendanceChange:
    """One line of the attendance log."""

    what: str
    """checked_in, absent, substitute, left, dropped, rejoined."""
    at: Stamp
    mode: Mode | None = None
    detail: str = ""


@dataclass(frozen=True)
class Attendance:
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


@dataclass(frozen=True)
class Consent:
    """What the chair recorded about samtycke in the meeting."""

    confirmed: bool
    scope: str = ""
    note: str = ""
    at: Stamp | None = None


@dataclass(frozen=True)
class Turn:
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


@dataclass(frozen=True)
class SpokenTurn:
    """A finished turn, for the timing table."""

    party: str
    phase: int
    used: float
    budget: float
    skipped: bool = False
    extended: float = 0.0
    """Seconds the chair added to the turn, part of `budget`."""


@dataclass(frozen=True)
class Entry:
    """Base of everything captured; `id` is the seq of the event that added it."""

    id: int
    at: Stamp


@dataclass(frozen=True)
class Note(Entry):
    text: str
    phase: int | None
    party: str | None


@dataclass(frozen=True)
class Goal(Entry):
    horizon: Horizon
    text: str


@dataclass(frozen=True)
class Action(Entry):
    """An insats: what, who (owner party), by when, how often."""

    what: str
    owner: str
    due: date | None
    how_often: str = ""


@dataclass(frozen=True)
class Decision(Entry):
    text: str


@dataclass(frozen=True)
class ParkedQuestion(Entry):
    """A question for a party that is not here (or not any more)."""

    text: str
    for_party: str


@dataclass(frozen=True)
class MainResponsible(Entry):
    """Huvudansvarig."""

    party: str
    person: str
    asked_individual: bool = False


@dataclass(frozen=True)
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

    @property
    def end(self) -> datetime:
        """Start plus duration."""
        return self.start + timedelta(minutes=self.duration_min)


@dataclass(frozen=True)
class Feedback(Entry):
    """The individual's own view of the meeting."""

    text: str


@dataclass(frozen=True)
class PhaseClock:
    """Budget and use of one phase."""

    budget: float
    used: float = 0.0
    """Active seconds, frozen when the phase ends."""
    started: float | None = None
    """Offset when it (last) became active; None when not running."""
    done: bool = False

    def used_at(self, t: float, paused_at: float | None) -> float:
        """Active seconds by offset `t`."""
        if self.started is None:
            return self.used
        end = paused_at if paused_at is not None else t
        return self.used + max(0.0, end - self.started)


@dataclass(frozen=True)
class MeetingState:
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
    consent: Consent | None = None
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
    question_status: tuple[tuple[int, str], ...] = ()
    """(frågeställning index, answered|deferred), latest per index wins."""
    notes: tuple[Note, ...] = ()
    goals: tuple[Goal, ...] = ()
    actions: tuple[Action, ...] = ()
    decisions: tuple[Decision, ...] = ()
    parked: tuple[ParkedQuestion, ...] = ()
    main_responsible: MainResponsible | None = None
    follow_up: FollowUp | None = None
    feedback: Feedback | None = None
    retracted: frozenset[int] = frozenset()
    rebalances: int = 0
    began: Stamp | None = None
    """When the first part started: the meeting proper (check-in may come long before)."""
    closed: Stamp | None = None
    close_reason: str = ""
    """Why the meeting closed without huvudansvarig/follow-up, or without consent."""

    def attendance_of(self, party: str) -> Attendance:
        """The attendance of `party`; KeyError if unknown."""
        for a in self.attendance:
            if a.party == party:
                return a
        raise KeyError(party)

    @property
    def consent_pending(self) -> bool:
        """In Inledning without confirmed consent: the meeting may not go on to the next part."""
        return self.phase == 0 and not (self.consent is not None and self.consent.confirmed)

    def missing_in(self, phase: int | None) -> tuple[str, ...]:
        """Parties whose perspective is missing in `phase`, less any now waiting for the word."""
        waiting = set(self.queue) | ({self.turn.party} if self.turn else set())
        return tuple(p for (ph, p) in self.missing if ph == phase and p not in waiting)

    @property
    def present(self) -> tuple[str, ...]:
        """Keys of parties here now, in plan order."""
        return tuple(a.party for a in self.attendance if a.here)
