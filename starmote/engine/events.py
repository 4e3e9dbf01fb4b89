"""Events: the facts the journal stores, one frozen dataclass per kind.

Every event carries its sequence number, the meeting offset `t` (seconds
from the monotonic clock, 0 = meeting opened) and the wall time in UTC.
Events hold decisions already made (turn budgets, queues, uids), so folding
them never has to re-apply a rule.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from starmote.plan.model import MeetingPlan, plan_from_dict, plan_to_dict


@dataclass(frozen=True)
class Event:
    """Base of all events."""

    kind: ClassVar[str] = ""
    seq: int
    t: float
    wall: datetime


@dataclass(frozen=True)
class MeetingOpened(Event):
    kind: ClassVar[str] = "meeting_opened"
    meeting_id: str
    plan: MeetingPlan
    booked_end: float
    lang: str
    individual_first: bool


@dataclass(frozen=True)
class ConsentConfirmed(Event):
    kind: ClassVar[str] = "consent_confirmed"
    scope: str
    note: str
    case: str = ""
    """The case (in a journal from before cases: "", the meeting's own)."""


@dataclass(frozen=True)
class ConsentMissing(Event):
    kind: ClassVar[str] = "consent_missing"
    note: str
    case: str = ""


@dataclass(frozen=True)
class IndividualFirstSet(Event):
    kind: ClassVar[str] = "individual_first_set"
    value: bool


@dataclass(frozen=True)
class PartyCheckedIn(Event):
    kind: ClassVar[str] = "party_checked_in"
    party: str
    mode: str
    late: bool


@dataclass(frozen=True)
class PartyAbsent(Event):
    kind: ClassVar[str] = "party_absent"
    party: str
    notified: bool
    reason: str


@dataclass(frozen=True)
class SubstituteNoted(Event):
    kind: ClassVar[str] = "substitute_noted"
    party: str
    name: str
    mode: str
    late: bool


@dataclass(frozen=True)
class PartyLeft(Event):
    kind: ClassVar[str] = "party_left"
    party: str


@dataclass(frozen=True)
class PartyDropped(Event):
    kind: ClassVar[str] = "party_dropped"
    party: str


@dataclass(frozen=True)
class PartyRejoined(Event):
    kind: ClassVar[str] = "party_rejoined"
    party: str
    mode: str


@dataclass(frozen=True)
class QueueSet(Event):
    """The speakers still to come in this phase's round changed."""

    kind: ClassVar[str] = "queue_set"
    queue: tuple[str, ...]


@dataclass(frozen=True)
class PhaseStarted(Event):
    kind: ClassVar[str] = "phase_started"
    phase: int
    queue: tuple[str, ...]
    missing: tuple[str, ...]
    """Parties whose perspective is missing from this phase's round."""


@dataclass(frozen=True)
class PhaseEnded(Event):
    kind: ClassVar[str] = "phase_ended"
    phase: int


@dataclass(frozen=True)
class TurnStarted(Event):
    kind: ClassVar[str] = "turn_started"
    party: str
    phase: int
    budget: float
    used_before: float
    resumed: bool
    """The party gets back a turn it had (stepping back); its earlier time counts."""


@dataclass(frozen=True)
class TurnEnded(Event):
    kind: ClassVar[str] = "turn_ended"
    party: str
    skipped: bool
    requeue: bool
    """Put the party back at the front of the queue (stepping back a speaker)."""


@dataclass(frozen=True)
class TurnExtended(Event):
    kind: ClassVar[str] = "turn_extended"
    seconds: float


@dataclass(frozen=True)
class Paused(Event):
    kind: ClassVar[str] = "paused"


@dataclass(frozen=True)
class Resumed(Event):
    kind: ClassVar[str] = "resumed"


@dataclass(frozen=True)
class PromptTicked(Event):
    kind: ClassVar[str] = "prompt_ticked"
    phase: int
    index: int
    ticked: bool


@dataclass(frozen=True)
class QuestionStatusSet(Event):
    kind: ClassVar[str] = "question_status_set"
    index: int
    status: str
    case: str = ""


@dataclass(frozen=True)
class NoteAdded(Event):
    kind: ClassVar[str] = "note_added"
    text: str
    phase: int | None
    party: str | None
    case: str = ""
    replaces: int = 0
    """A correction: the note it replaces, whose part and time it keeps (0: a new note)."""


@dataclass(frozen=True)
class GoalAdded(Event):
    kind: ClassVar[str] = "goal_added"
    horizon: str
    text: str
    case: str = ""


@dataclass(frozen=True)
class ActionAdded(Event):
    kind: ClassVar[str] = "action_added"
    what: str
    owner: str
    due: date | None
    how_often: str
    case: str = ""
    offer: str = ""


@dataclass(frozen=True)
class DecisionAdded(Event):
    kind: ClassVar[str] = "decision_added"
    text: str
    case: str = ""


@dataclass(frozen=True)
class QuestionParked(Event):
    kind: ClassVar[str] = "question_parked"
    text: str
    for_party: str
    case: str = ""


@dataclass(frozen=True)
class AgendaSet(Event):
    """The team cases not yet taken up were put in a new order (case codes, all cases)."""

    kind: ClassVar[str] = "agenda_set"
    order: tuple[str, ...]


@dataclass(frozen=True)
class OfferConsidered(Event):
    kind: ClassVar[str] = "offer_considered"
    case: str
    key: str
    considered: bool


@dataclass(frozen=True)
class MainResponsibleSet(Event):
    kind: ClassVar[str] = "main_responsible_set"
    party: str
    person: str
    asked_individual: bool


@dataclass(frozen=True)
class FollowUpSet(Event):
    kind: ClassVar[str] = "follow_up_set"
    start: datetime
    duration_min: int
    place: str
    convener: str
    uid: str
    sequence: int


@dataclass(frozen=True)
class FollowUpCancelled(Event):
    kind: ClassVar[str] = "follow_up_cancelled"
    uid: str
    sequence: int


@dataclass(frozen=True)
class FeedbackGiven(Event):
    kind: ClassVar[str] = "feedback_given"
    text: str


@dataclass(frozen=True)
class Rebalanced(Event):
    kind: ClassVar[str] = "rebalanced"
    budgets: tuple[float, ...]


@dataclass(frozen=True)
class EntryRetracted(Event):
    kind: ClassVar[str] = "entry_retracted"
    entry: int
    reason: str


@dataclass(frozen=True)
class MeetingClosed(Event):
    kind: ClassVar[str] = "meeting_closed"
    reason: str


EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in Event.__subclasses__()  # type: ignore[misc]
}

_BASE_FIELDS = {"seq", "t", "wall"}


def _encode(value: Any) -> Any:
    if isinstance(value, MeetingPlan):
        return plan_to_dict(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def to_payload(event: Event) -> dict[str, Any]:
    """The event's own fields as a JSON-ready dict (without seq, t, wall)."""
    return {
        f.name: _encode(getattr(event, f.name))
        for f in dataclasses.fields(event)
        if f.name not in _BASE_FIELDS
    }


_DECODERS: dict[str, Any] = {
    "plan": plan_from_dict,
    "start": datetime.fromisoformat,
    "due": lambda v: date.fromisoformat(v) if v else None,
    "queue": tuple,
    "missing": tuple,
    "budgets": tuple,
    "order": tuple,
}


def from_payload(kind: str, seq: int, t: float, wall: str, payload: dict[str, Any]) -> Event:
    """Rebuild an event stored by the journal.

    Args:
        kind: The event kind (`Event.kind`).
        seq: Sequence number within the meeting.
        t: Meeting offset in seconds.
        wall: ISO-8601 UTC wall time.
        payload: The dict written by `to_payload`.

    Returns:
        The event. Raises KeyError for an unknown kind.
    """
    cls = EVENT_TYPES[kind]
    values = {
        name: _DECODERS[name](value) if name in _DECODERS and value is not None else value
        for name, value in payload.items()
    }
    return cls(seq=seq, t=t, wall=datetime.fromisoformat(wall), **values)
