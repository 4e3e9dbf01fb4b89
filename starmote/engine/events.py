"""Events: the facts the journal stores, one frozen dataclass per kind.

Every event carries its sequence number, the meeting offset `t` (seconds
from the monotonic clock, 0 = meeting opened) and the wall time in UTC.
Events hold decisions already made (turn budgets, queues, uids), so folding
them never has to re-apply a rule.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any, ClassVar

from starmote.plan.model import MeetingPlan, plan_from_dict, plan_to_dict
from starmote.record import Record, record


@record
class Event(Record):
    """Base of all events."""

    kind: ClassVar[str] = ""
    seq: int
    t: float
    wall: datetime


@record
class MeetingOpened(Event):
    """The meeting was opened on a plan: its first event, with the booked end and language."""

    kind: ClassVar[str] = "meeting_opened"
    meeting_id: str
    plan: MeetingPlan
    booked_end: float
    lang: str
    individual_first: bool


@record
class ConsentConfirmed(Event):
    """The chair confirmed the individual's consent (samtycke) in the meeting."""

    kind: ClassVar[str] = "consent_confirmed"
    scope: str
    note: str
    case: str = ""
    """The case (in a journal from before cases: "", the meeting's own)."""


@record
class ConsentMissing(Event):
    """The chair recorded that consent is missing."""

    kind: ClassVar[str] = "consent_missing"
    note: str
    case: str = ""


@record
class IndividualFirstSet(Event):
    """Whether the individual is offered the first word in rounds."""

    kind: ClassVar[str] = "individual_first_set"
    value: bool


@record
class PartyCheckedIn(Event):
    """A party checked in, on site, by video or by phone (late after the start)."""

    kind: ClassVar[str] = "party_checked_in"
    party: str
    mode: str
    late: bool


@record
class PartyAbsent(Event):
    """A party is absent, with or without sending word."""

    kind: ClassVar[str] = "party_absent"
    party: str
    notified: bool
    reason: str


@record
class SubstituteNoted(Event):
    """Someone else came for a party."""

    kind: ClassVar[str] = "substitute_noted"
    party: str
    name: str
    mode: str
    late: bool


@record
class PartyLeft(Event):
    """A party left the meeting."""

    kind: ClassVar[str] = "party_left"
    party: str


@record
class PartyDropped(Event):
    """A party's phone or video line dropped; it means to come back."""

    kind: ClassVar[str] = "party_dropped"
    party: str


@record
class PartyRejoined(Event):
    """A party that left or dropped came back."""

    kind: ClassVar[str] = "party_rejoined"
    party: str
    mode: str


@record
class QueueSet(Event):
    """The speakers still to come in this phase's round changed."""

    kind: ClassVar[str] = "queue_set"
    queue: tuple[str, ...]


@record
class PhaseStarted(Event):
    """A part of the meeting started, with its round's speaking order."""

    kind: ClassVar[str] = "phase_started"
    phase: int
    queue: tuple[str, ...]
    missing: tuple[str, ...]
    """Parties whose perspective is missing from this phase's round."""


@record
class PhaseEnded(Event):
    """A part of the meeting ended."""

    kind: ClassVar[str] = "phase_ended"
    phase: int


@record
class TurnStarted(Event):
    """A party got the word, with its time budget."""

    kind: ClassVar[str] = "turn_started"
    party: str
    phase: int
    budget: float
    used_before: float
    resumed: bool
    """The party gets back a turn it had (stepping back); its earlier time counts."""


@record
class TurnEnded(Event):
    """A party's turn ended (or was skipped)."""

    kind: ClassVar[str] = "turn_ended"
    party: str
    skipped: bool
    requeue: bool
    """Put the party back at the front of the queue (stepping back a speaker)."""


@record
class TurnExtended(Event):
    """The current turn got more time."""

    kind: ClassVar[str] = "turn_extended"
    seconds: float


@record
class Paused(Event):
    """The meeting was paused: the clocks stop."""

    kind: ClassVar[str] = "paused"


@record
class Resumed(Event):
    """The paused meeting went on."""

    kind: ClassVar[str] = "resumed"


@record
class PromptTicked(Event):
    """A checklist prompt of a part was ticked or unticked."""

    kind: ClassVar[str] = "prompt_ticked"
    phase: int
    index: int
    ticked: bool


@record
class QuestionStatusSet(Event):
    """A question of the case (frågeställning) was answered, deferred or reopened."""

    kind: ClassVar[str] = "question_status_set"
    index: int
    status: str
    case: str = ""
    text: str = ""
    """The answer (answered) or the reason (deferred); "" in a journal from before them."""


@record
class NoteAdded(Event):
    """A note was written, for a part; `party` is who said it, when the chair said so.

    `party` is a party key, `state.CHAIR` or `state.NOTE_TAKER`, or None for the part's
    note (a journal from before the choice holds the speaker the engine gave it then).
    """

    kind: ClassVar[str] = "note_added"
    text: str
    phase: int | None
    party: str | None
    case: str = ""
    replaces: int = 0
    """A correction: the note it replaces, whose part and time it keeps (0: a new note)."""
    category: str = ""
    """The consent category the chair marked it with ("" for none)."""
    section: str = ""
    """The minutes section of the meeting type it is written in ("" for the part's notes)."""


@record
class GoalAdded(Event):
    """A goal was set, short or long term."""

    kind: ClassVar[str] = "goal_added"
    horizon: str
    text: str
    case: str = ""
    category: str = ""
    """The consent category the chair marked it with ("" for none)."""


@record
class ActionAdded(Event):
    """An action was agreed: what, who, by when, how often."""

    kind: ClassVar[str] = "action_added"
    what: str
    owner: str
    """A party key, `state.CHAIR` or `state.NOTE_TAKER`."""
    due: date | None
    how_often: str
    case: str = ""
    offer: str = ""
    proposed: bool = False
    """Föreslagen, ej bekräftad (an owner who was not here); False: beslutad."""
    category: str = ""
    """The consent category the chair marked it with ("" for none)."""


@record
class ActionConfirmed(Event):
    """A proposed insats was confirmed by its owner: it is decided from now on."""

    kind: ClassVar[str] = "action_confirmed"
    entry: int


@record
class DecisionAdded(Event):
    """A decision was recorded."""

    kind: ClassVar[str] = "decision_added"
    text: str
    case: str = ""
    category: str = ""
    """The consent category the chair marked it with ("" for none)."""


@record
class QuestionParked(Event):
    """A question was parked for a party to answer later."""

    kind: ClassVar[str] = "question_parked"
    text: str
    for_party: str
    case: str = ""


@record
class AgendaSet(Event):
    """The team cases not yet taken up were put in a new order (case codes, all cases)."""

    kind: ClassVar[str] = "agenda_set"
    order: tuple[str, ...]


@record
class OfferConsidered(Event):
    """An offer of the utbudskarta was marked considered (or not) for a case."""

    kind: ClassVar[str] = "offer_considered"
    case: str
    key: str
    considered: bool


@record
class MainResponsibleSet(Event):
    """The party (and person) mainly responsible was named."""

    kind: ClassVar[str] = "main_responsible_set"
    party: str
    person: str
    asked_individual: bool


@record
class FollowUpSet(Event):
    """A follow-up meeting was booked (or moved: a higher sequence)."""

    kind: ClassVar[str] = "follow_up_set"
    start: datetime
    duration_min: int
    place: str
    convener: str
    uid: str
    sequence: int
    link: str | None = None
    """The video link; None: the meeting's own (and in a journal from before it could be given)."""


@record
class PlanClosed(Event):
    """The plan ended with this meeting (SIP avslutad): no follow-up is expected."""

    kind: ClassVar[str] = "plan_closed"
    reason: str


@record
class FollowUpCancelled(Event):
    """The booked follow-up meeting was cancelled."""

    kind: ClassVar[str] = "follow_up_cancelled"
    uid: str
    sequence: int


@record
class FeedbackGiven(Event):
    """Feedback on the meeting was written down."""

    kind: ClassVar[str] = "feedback_given"
    text: str


@record
class Rebalanced(Event):
    """The remaining parts got new time budgets."""

    kind: ClassVar[str] = "rebalanced"
    budgets: tuple[float, ...]
    applied: tuple[int, ...] = ()
    """The parts it gave new budgets (those not ended then); () in a journal from before."""


@record
class TurnBudgetSet(Event):
    """The current turn's budget was shared out again (the part's budget or its round changed)."""

    kind: ClassVar[str] = "turn_budget_set"
    budget: float


@record
class EntryRetracted(Event):
    """An entry (note, goal, action, ...) was taken back, with why."""

    kind: ClassVar[str] = "entry_retracted"
    entry: int
    reason: str


@record
class MeetingClosed(Event):
    """The meeting was closed."""

    kind: ClassVar[str] = "meeting_closed"
    reason: str


@record
class InviteApproved(Event):
    """The chair approved the text of an invite (see `commands.ApproveInvite`)."""

    kind: ClassVar[str] = "invite_approved"
    key: str
    basis: str
    title: str
    place: str
    link: str
    message: str
    attendees: tuple[str, ...]


@record
class PreviousReviewed(Event):
    """An item of the previous plan was reviewed: its status now, and a comment."""

    kind: ClassVar[str] = "previous_reviewed"
    item: str
    """action, goal or parked (`engine.review.REVIEW_KINDS`)."""
    index: int
    status: str
    comment: str


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
    "applied": tuple,
    "order": tuple,
    "attendees": tuple,
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
