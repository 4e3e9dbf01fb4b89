"""Commands: what the chair asks the engine to do (frozen, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from starmote.engine.state import Horizon, Mode


class Command:
    """Base class of every command."""


@dataclass(frozen=True)
class CheckIn(Command):
    party: str
    mode: Mode = "in_person"


@dataclass(frozen=True)
class MarkAbsent(Command):
    party: str
    notified: bool
    reason: str = ""


@dataclass(frozen=True)
class NoteSubstitute(Command):
    party: str
    name: str
    mode: Mode = "in_person"


@dataclass(frozen=True)
class Leave(Command):
    party: str


@dataclass(frozen=True)
class Drop(Command):
    """A phone or video line dropped; the party means to come back."""

    party: str


@dataclass(frozen=True)
class Rejoin(Command):
    party: str
    mode: Mode | None = None


@dataclass(frozen=True)
class ConfirmConsent(Command):
    scope: str = ""
    note: str = ""
    case: str | None = None
    """The case whose consent this is; None: the case being taken up now."""


@dataclass(frozen=True)
class RecordConsentMissing(Command):
    note: str = ""
    case: str | None = None


@dataclass(frozen=True)
class SetIndividualFirst(Command):
    value: bool


@dataclass(frozen=True)
class NextPhase(Command):
    """Start the first phase, or end the current one and start the next."""


@dataclass(frozen=True)
class NextSpeaker(Command):
    """End the current turn and give the word to the next in the round."""


@dataclass(frozen=True)
class SkipSpeaker(Command):
    """The current speaker passes; recorded as skipped."""


@dataclass(frozen=True)
class BackSpeaker(Command):
    """Give the word back to the previous speaker of this phase."""


@dataclass(frozen=True)
class ExtendTurn(Command):
    seconds: int = 60


@dataclass(frozen=True)
class JumpTo(Command):
    party: str


@dataclass(frozen=True)
class Pause(Command):
    pass


@dataclass(frozen=True)
class Resume(Command):
    pass


@dataclass(frozen=True)
class TickPrompt(Command):
    index: int
    ticked: bool = True


@dataclass(frozen=True)
class SetQuestionStatus(Command):
    index: int
    """Which of the case's frågeställningar (0-based)."""
    status: str
    """answered, deferred or open."""
    case: str | None = None
    """None: the case being taken up now."""


# Everything captured belongs to a case. `case` None means the case being taken up now
# (the meeting's own case in a SIP meeting); "" in a team session means the team itself.


@dataclass(frozen=True)
class AddNote(Command):
    text: str
    party: str | None = None
    """None: the current speaker (if any)."""
    case: str | None = None


@dataclass(frozen=True)
class AddGoal(Command):
    horizon: Horizon
    text: str
    case: str | None = None


@dataclass(frozen=True)
class AddAction(Command):
    what: str
    owner: str
    due: date | None = None
    how_often: str = ""
    case: str | None = None
    offer: str = ""
    """The utbudskarta offer this insats is, if it is one (its key)."""


@dataclass(frozen=True)
class AddDecision(Command):
    text: str
    case: str | None = None


@dataclass(frozen=True)
class ParkQuestion(Command):
    text: str
    for_party: str
    case: str | None = None


@dataclass(frozen=True)
class MoveCase(Command):
    """Move a team case up (`by` < 0) or down the agenda; only cases not yet taken up move."""

    code: str
    by: int


@dataclass(frozen=True)
class ConsiderOffer(Command):
    """Mark an utbudskarta offer as considered (or not) for a case."""

    key: str
    considered: bool = True
    case: str | None = None


@dataclass(frozen=True)
class SetMainResponsible(Command):
    party: str
    person: str = ""
    asked_individual: bool = False


@dataclass(frozen=True)
class SetFollowUp(Command):
    start: datetime
    duration_min: int
    place: str
    convener: str = ""


@dataclass(frozen=True)
class CancelFollowUp(Command):
    pass


@dataclass(frozen=True)
class GiveFeedback(Command):
    text: str


@dataclass(frozen=True)
class Rebalance(Command):
    budgets: tuple[float, ...]


@dataclass(frozen=True)
class Retract(Command):
    entry_id: int
    reason: str = ""


@dataclass(frozen=True)
class Correct(Command):
    """Replace a note, goal, action, decision or parked question with a corrected one.

    Stored as the new entry plus the retraction of the old, in one batch: a
    replacement the engine refuses leaves the original untouched.
    """

    entry_id: int
    replacement: AddNote | AddGoal | AddAction | AddDecision | ParkQuestion


@dataclass(frozen=True)
class CloseMeeting(Command):
    reason: str = ""
