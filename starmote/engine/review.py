"""The follow-up's review of the previous plan: its items, and from which part they are reviewed."""

from __future__ import annotations

from starmote.engine.state import MeetingState, PreviousReview
from starmote.plan.model import MeetingPlan, PreviousAction, PreviousGoal, PreviousParked
from starmote.record import Record, record

REVIEW_STATUSES = ("done", "partly", "not_done", "changed", "ended")
"""Genomförd, delvis, inte genomförd, ändrad, avslutad: what became of an agreed item."""
PARKED_STATUSES = ("answered", "kept")
"""A question parked last time was answered now, or is kept open for the next meeting."""
REVIEW_KINDS = ("action", "goal", "parked")
"""What a review is of: an insats, a goal, or a question parked at the previous meeting."""
REVIEW_PHASES = ("aktuell-situation", "nulage")
"""The template parts the review belongs to (Aktuell situation; an avstämningsmöte's Nuläge)."""


@record
class ReviewItem(Record):
    """One item of the previous plan to review, as the follow-up meets it."""

    kind: str
    """action, goal or parked."""
    index: int
    """Its place in `[previous]`'s insatser, goals or parked (0-based)."""
    item: PreviousAction | PreviousGoal | PreviousParked

    @property
    def case(self) -> str:
        """The team case it belongs to ("" for a SIP or the team itself)."""
        return self.item.case

    @property
    def owner(self) -> tuple[str, str] | None:
        """(party key, name the previous meeting gave it) of an insats or parked question;
        None for a goal, which has no owner."""
        row = self.item
        if isinstance(row, PreviousAction):
            return row.owner, row.owner_name
        if isinstance(row, PreviousParked):
            return row.for_party, row.for_name
        return None

    @property
    def text(self) -> str:
        """What it says: the insats, the goal, the question."""
        if isinstance(self.item, PreviousAction):
            return self.item.what
        return self.item.text


def review_items(plan: MeetingPlan, kinds: tuple[str, ...] = REVIEW_KINDS) -> list[ReviewItem]:
    """The items of the plan's `[previous]`: insatser, then goals, then parked questions.

    Args:
        plan: The follow-up's plan.
        kinds: Only items of these kinds.

    Returns:
        Empty when the meeting is no follow-up.
    """
    previous = plan.previous
    if previous is None:
        return []
    groups: tuple[tuple[str, tuple[PreviousAction | PreviousGoal | PreviousParked, ...]], ...] = (
        ("action", previous.insatser),
        ("goal", previous.goals),
        ("parked", previous.parked),
    )
    return [
        ReviewItem(kind, i, item)
        for kind, rows in groups
        if kind in kinds
        for i, item in enumerate(rows)
    ]


def statuses_for(kind: str) -> tuple[str, ...]:
    """The statuses an item of `kind` may get."""
    return PARKED_STATUSES if kind == "parked" else REVIEW_STATUSES


def review_phase(plan: MeetingPlan) -> int:
    """The part from which the review is taken up: Aktuell situation, else the second part."""
    for i, phase in enumerate(plan.phases):
        if phase.key in REVIEW_PHASES:
            return i
    return min(1, len(plan.phases) - 1)


def review_of(state: MeetingState, kind: str, index: int) -> PreviousReview | None:
    """The latest review of one item, if it was reviewed."""
    for review in state.previous_reviews:
        if review.kind == kind and review.index == index:
            return review
    return None


def unanswered_parked(state: MeetingState, party: str) -> list[ReviewItem]:
    """The questions parked last time for `party` that this meeting has not answered yet.

    Args:
        state: The follow-up meeting.
        party: A party key.

    Returns:
        In the order they were parked; a question kept open counts as unanswered.
    """
    out = []
    for item in review_items(state.plan, ("parked",)):
        parked = item.item
        assert isinstance(parked, PreviousParked)
        review = review_of(state, "parked", item.index)
        if parked.for_party == party and (review is None or review.status != "answered"):
            out.append(item)
    return out
