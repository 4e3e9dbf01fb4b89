"""The follow-up reviews the previous plan: a command, an event, and when it may be given."""

from __future__ import annotations

import pytest

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine.allowed import refusal
from starmote.engine.review import REVIEW_STATUSES, review_of, unanswered_parked
from starmote.engine.rules import DomainError, fold
from tests.support.meeting import Meeting, checked_in
from tests.support.review import follow_up_plan

REVIEWS = [
    c.ReviewPrevious(kind, i, status)
    for kind, count, statuses in (("action", 3, REVIEW_STATUSES), ("goal", 2, REVIEW_STATUSES))
    for i in range(count)
    for status in statuses
] + [c.ReviewPrevious("parked", 0, s) for s in ("answered", "kept")]


def refused(m: Meeting, command: c.Command) -> str | None:
    """The key `decide` refuses with; `refusal` says the same, or nothing of a typed value."""
    why = refusal(m.state, command)
    try:
        m.do(command)
    except DomainError as err:
        assert why is None or why.key == err.key
        return err.key
    assert why is None
    return None


def test_the_review_waits_for_aktuell_situation_and_is_stored_as_a_fact() -> None:
    m = checked_in(Meeting(follow_up_plan()), "fk")
    review = c.ReviewPrevious("action", 1, "partly", "Tid bokad i januari")
    assert refused(m, review) == "engine.error.review_not_now"  # before the start
    m.do(c.NextPhase(), c.ConfirmConsent())
    assert refused(m, review) == "engine.error.review_not_now"  # Inledning
    m.do(c.NextPhase())  # Aktuell situation
    assert refused(m, review) is None
    event = m.events[-1]
    assert isinstance(event, ev.PreviousReviewed)
    assert (event.item, event.index, event.status) == ("action", 1, "partly")
    payload = ev.to_payload(event)  # as the journal stores it, and reads it back on resume
    again = ev.from_payload(event.kind, event.seq, event.t, event.wall.isoformat(), payload)
    assert again == event
    # The latest review of an item counts; folding the journal again gives the same.
    m.do(c.ReviewPrevious("action", 1, "done"), c.ReviewPrevious("goal", 0, "changed", "Nytt mål"))
    for state in (m.state, fold(m.events)):
        assert review_of(state, "action", 1).status == "done"  # type: ignore[union-attr]
        assert review_of(state, "goal", 0).comment == "Nytt mål"  # type: ignore[union-attr]
        assert review_of(state, "action", 0) is None
    m.do(c.NextPhase(), c.NextPhase(), c.NextPhase(), c.NextPhase())
    assert m.state.status == "closing"
    assert refused(m, c.ReviewPrevious("goal", 1, "ended")) is None  # still before closing
    m.do(c.CloseMeeting("Klart"))
    assert refused(m, c.ReviewPrevious("goal", 1, "done")) == "engine.error.closed"


def test_a_meeting_without_a_previous_plan_has_nothing_to_review() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    assert refusal(m.state, c.ReviewPrevious).key == "engine.error.no_previous_plan"  # type: ignore[union-attr]
    assert refused(m, c.ReviewPrevious("action", 0, "done")) == "engine.error.no_previous_plan"


@pytest.mark.parametrize(
    ("command", "key"),
    [
        (c.ReviewPrevious("action", 3, "done"), "engine.error.bad_index"),
        (c.ReviewPrevious("note", 0, "done"), "engine.error.bad_index"),
        (c.ReviewPrevious("action", 0, "answered"), "engine.error.bad_status"),
        (c.ReviewPrevious("parked", 0, "done"), "engine.error.bad_status"),
        (c.ReviewPrevious("goal", 0, "done", "x" * 1001), "engine.error.too_long.review_comment"),
        (c.ReviewPrevious("goal", 0, "done", "19811218-9876"), "engine.error.personnummer_in_text"),
    ],
)
def test_what_the_review_refuses(command: c.ReviewPrevious, key: str) -> None:
    m = checked_in(Meeting(follow_up_plan()))
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    assert refused(m, command) == key


def test_every_review_is_allowed_exactly_when_decide_accepts_it() -> None:
    m = checked_in(Meeting(follow_up_plan()), "fk")
    steps = [c.NextPhase(), c.ConfirmConsent(), c.NextPhase(), c.Pause(), c.Resume()]
    for step in [None, *steps]:
        if step is not None:
            m.do(step)
        answers = [refusal(m.state, r) is None for r in REVIEWS]
        assert (refusal(m.state, c.ReviewPrevious) is None) == any(answers)


def test_a_parked_question_is_unanswered_until_answered() -> None:
    m = checked_in(Meeting(follow_up_plan()))
    assert [i.text for i in unanswered_parked(m.state, "fk")] == [
        "Kan FK bevilja rehabiliteringsersättning?"
    ]
    assert unanswered_parked(m.state, "kommun") == []
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    m.do(c.ReviewPrevious("parked", 0, "kept", "FK återkommer"))
    assert len(unanswered_parked(m.state, "fk")) == 1
    m.do(c.ReviewPrevious("parked", 0, "answered", "Ja, från februari"))
    assert unanswered_parked(m.state, "fk") == []
