"""Commands: what the chair asks the engine to do (frozen, no behaviour)."""

from __future__ import annotations

from datetime import date, datetime

from starmote.engine.state import Horizon, Mode
from starmote.record import Record, record

SPEAKER = "@speaker"
"""`AddNote.party`: whoever has the word now."""
GENERAL = ""
"""`AddNote.party`: nobody in particular, the part's note."""


class Command(Record):
    """Base class of every command."""


@record
class CheckIn(Command):
    """Check a party in (or, before the start, correct how it takes part)."""

    party: str
    mode: Mode = "in_person"


@record
class MarkAbsent(Command):
    """Record that a party is absent, and whether it sent word."""

    party: str
    notified: bool
    reason: str = ""


@record
class NoteSubstitute(Command):
    """Someone else came for a party."""

    party: str
    name: str
    mode: Mode = "in_person"


@record
class Leave(Command):
    """A party leaves the meeting."""

    party: str


@record
class Drop(Command):
    """A phone or video line dropped; the party means to come back."""

    party: str


@record
class Rejoin(Command):
    """A party that left or dropped comes back (by the same way unless told)."""

    party: str
    mode: Mode | None = None


@record
class ConfirmConsent(Command):
    """Confirm the individual's consent in the meeting."""

    scope: str = ""
    note: str = ""
    case: str | None = None
    """The case whose consent this is; None: the case being taken up now."""


@record
class RecordConsentMissing(Command):
    """Record that consent is missing."""

    note: str = ""
    case: str | None = None


@record
class SetIndividualFirst(Command):
    """Offer the individual the first word in rounds, or the last."""

    value: bool


@record
class NextPhase(Command):
    """Start the first phase, or end the current one and start the next."""


@record
class NextSpeaker(Command):
    """End the current turn and give the word to the next in the round."""


@record
class SkipSpeaker(Command):
    """The current speaker passes; recorded as skipped."""


@record
class BackSpeaker(Command):
    """Give the word back to the previous speaker of this phase."""


@record
class ExtendTurn(Command):
    """Give the current turn more time."""

    seconds: int = 60


@record
class JumpTo(Command):
    """Give the word to a party out of turn."""

    party: str


@record
class Pause(Command):
    """Pause the meeting."""


@record
class Resume(Command):
    """Go on with a paused meeting."""


@record
class TickPrompt(Command):
    """Tick (or untick) a checklist prompt of the current part."""

    index: int
    ticked: bool = True


@record
class SetQuestionStatus(Command):
    """Mark a question of the case answered, deferred or open."""

    index: int
    """Which of the case's frågeställningar (0-based)."""
    status: str
    """answered, deferred or open."""
    case: str | None = None
    """None: the case being taken up now."""
    text: str = ""
    """The answer, if answered (optional); the reason, if deferred (required)."""


@record
class ReviewPrevious(Command):
    """Give an item of the previous plan its status, with an optional comment."""

    kind: str
    """action (an insats), goal, or parked (a question parked last time)."""
    index: int
    """Its place in the previous plan's list of that kind (0-based)."""
    status: str
    """done, partly, not_done, changed or ended; a parked question answered or kept."""
    comment: str = ""


# Everything captured belongs to a case. `case` None means the case being taken up now
# (the meeting's own case in a SIP meeting); "" in a team session means the team itself.


@record
class AddNote(Command):
    """Write a note of the current part."""

    text: str
    party: str | None = None
    """Who said it: a party key, `CHAIR`, `NOTE_TAKER`, `SPEAKER` (whoever has the word),
    or `GENERAL` (""): the part's note. None: the part's note, or when correcting, the
    corrected note's own."""
    case: str | None = None
    category: str = ""
    """A category the consent keeps from some party (`plan.model.CONSENT_CATEGORIES`):
    the entry is left out of that party's copy of the minutes. "" for none."""
    section: str = ""
    """The key of one of the minutes' own sections of the meeting type ("" for none)."""


@record
class AddGoal(Command):
    """Set a goal, short or long term."""

    horizon: Horizon
    text: str
    case: str | None = None
    category: str = ""
    """A category the consent keeps from some party (`plan.model.CONSENT_CATEGORIES`):
    the entry is left out of that party's copy of the minutes. "" for none."""


@record
class AddAction(Command):
    """Agree an action: what, who, by when, how often."""

    what: str
    owner: str
    """A party key, `CHAIR` or `NOTE_TAKER` (the chair can own an insats too)."""
    due: date | None = None
    how_often: str = ""
    case: str | None = None
    offer: str = ""
    """The utbudskarta offer this insats is, if it is one (its key)."""
    proposed: bool | None = None
    """True: föreslagen, ej bekräftad; False: beslutad. None: proposed exactly when the
    owner is a party that is not here now (absent, left, line dropped, never came)."""
    category: str = ""
    """A category the consent keeps from some party (`plan.model.CONSENT_CATEGORIES`):
    the entry is left out of that party's copy of the minutes. "" for none."""


@record
class ConfirmAction(Command):
    """The owner of a proposed insats confirmed it (it becomes beslutad)."""

    entry_id: int


@record
class AddDecision(Command):
    """Record a decision."""

    text: str
    case: str | None = None
    category: str = ""
    """A category the consent keeps from some party (`plan.model.CONSENT_CATEGORIES`):
    the entry is left out of that party's copy of the minutes. "" for none."""


@record
class ParkQuestion(Command):
    """Park a question for a party to answer later."""

    text: str
    for_party: str
    case: str | None = None


@record
class MoveCase(Command):
    """Move a team case up (`by` < 0) or down the agenda; only cases not yet taken up move."""

    code: str
    by: int


@record
class ConsiderOffer(Command):
    """Mark an utbudskarta offer as considered (or not) for a case."""

    key: str
    considered: bool = True
    case: str | None = None


@record
class SetMainResponsible(Command):
    """Name the party (and person) mainly responsible."""

    party: str
    person: str = ""
    asked_individual: bool = False


@record
class SetFollowUp(Command):
    """Book (or move) the follow-up meeting."""

    start: datetime
    duration_min: int
    place: str
    convener: str = ""
    link: str | None = None
    """The video link of a hybrid or remote follow-up; "" for none; None: the meeting's own."""


@record
class CancelFollowUp(Command):
    """Cancel the booked follow-up meeting (also after closing: an invite may be out)."""


@record
class ClosePlan(Command):
    """End the plan (SIP avslutad): no follow-up is expected after this meeting."""

    reason: str


@record
class GiveFeedback(Command):
    """Write down feedback on the meeting."""

    text: str


@record
class Rebalance(Command):
    """Give the remaining parts new time budgets."""

    budgets: tuple[float, ...]


@record
class Retract(Command):
    """Take back an entry, saying why."""

    entry_id: int
    reason: str = ""


@record
class Correct(Command):
    """Replace a note, goal, action, decision or parked question with a corrected one.

    Stored as the new entry plus the retraction of the old, in one batch: a
    replacement the engine refuses leaves the original untouched.
    """

    entry_id: int
    replacement: AddNote | AddGoal | AddAction | AddDecision | ParkQuestion


@record
class CloseMeeting(Command):
    """Close the meeting."""

    reason: str = ""


@record
class ApproveInvite(Command):
    """The chair saw an invite's preview and approved its text (also after closing).

    Only these texts, with the time and addresses the meeting gives, leave the laptop in
    an .ics or .eml; see `documents.invites`.
    """

    key: str
    """Which invite: "follow_up", or "action-<entry id>" for an insats's reminder."""
    basis: str
    """What the approval was given on (a digest of the invite as proposed): should the
    invite change (the follow-up moved), it no longer matches and needs approving again."""
    title: str
    place: str = ""
    link: str = ""
    message: str = ""
    attendees: tuple[str, ...] = ()
    """The work addresses invited."""
