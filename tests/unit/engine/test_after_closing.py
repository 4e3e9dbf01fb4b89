"""The next meeting after closing: move, cancel, a video link, and ending the plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from starmote.documents.minutes import build_minutes
from starmote.documents.render_md import render_markdown
from starmote.engine import commands as c
from starmote.engine.allowed import refusal
from starmote.engine.rules import DomainError, fold
from starmote.store.summary import summarize
from tests.support.commands import FOLLOW_UP
from tests.support.meeting import Meeting, checked_in


def closed(follow_up: bool = True) -> Meeting:
    m = checked_in(Meeting())
    if follow_up:
        m.do(c.SetFollowUp(FOLLOW_UP, 60, "Rum 1", link="https://video.example.se/f/1"))
    m.do(c.CloseMeeting("Avbrutet"))
    return m


def test_a_move_after_closing_keeps_the_uid_and_raises_the_sequence() -> None:
    m = closed()
    booked = m.state.follow_up
    assert booked is not None and booked.link == "https://video.example.se/f/1"
    m.do(c.SetFollowUp(FOLLOW_UP + timedelta(days=7), 90, "Rum 2"))
    moved = m.state.follow_up
    assert moved is not None and m.state.status == "closed"
    assert (moved.uid, moved.sequence) == (booked.uid, booked.sequence + 1)
    assert (moved.start, moved.duration_min, moved.place) == (
        FOLLOW_UP + timedelta(days=7),
        90,
        "Rum 2",
    )
    assert fold(m.events).follow_up == moved  # the journal alone gives it back


def test_a_move_to_the_same_booking_is_refused_and_sends_nothing() -> None:
    """The same move twice must not send every party a second update (SEQUENCE + 1)."""
    m = closed()
    m.do(c.SetFollowUp(FOLLOW_UP + timedelta(days=7), 90, "Rum 2"))
    moved = m.state.follow_up
    with pytest.raises(DomainError) as refused:
        m.do(c.SetFollowUp(FOLLOW_UP + timedelta(days=7), 90, " Rum 2 "))
    assert refused.value.key == "engine.error.follow_up_unchanged"
    assert m.state.follow_up == moved
    # Any real change still goes out, the link included.
    m.do(c.SetFollowUp(FOLLOW_UP + timedelta(days=7), 90, "Rum 2", link=""))
    assert m.state.follow_up is not None and m.state.follow_up.sequence == moved.sequence + 1


def test_a_cancel_after_closing_raises_the_sequence_again() -> None:
    m = closed()
    m.do(c.SetFollowUp(FOLLOW_UP + timedelta(days=1), 60, "Rum 1"))
    m.do(c.CancelFollowUp())
    fu = m.state.follow_up
    assert fu is not None and fu.cancelled and fu.sequence == 2
    assert refusal(m.state, c.CancelFollowUp()).key == "engine.error.no_follow_up"  # type: ignore[union-attr]
    # Booked again it is a new event (a new UID): the cancelled one stays cancelled.
    m.do(c.SetFollowUp(FOLLOW_UP, 60, "Rum 3"))
    assert m.state.follow_up is not None and m.state.follow_up.uid != fu.uid


def test_a_plan_closed_needs_no_follow_up_and_refuses_one() -> None:
    m = checked_in(Meeting())
    m.do(c.ConfirmConsent())
    while m.state.status != "closing":
        m.do(c.NextPhase())
    m.do(c.SetMainResponsible("kommun"))
    m.do(c.SetFollowUp(FOLLOW_UP, 60, "Rum 1"))
    with pytest.raises(DomainError) as err:  # cancel it first: its invite may be out
        m.do(c.ClosePlan("Målen är nådda"))
    assert err.value.key == "engine.error.plan_close_follow_up"
    m.do(c.CancelFollowUp())
    with pytest.raises(DomainError):
        m.do(c.ClosePlan("  "))
    m.do(c.ClosePlan("Målen är nådda"))
    assert m.state.plan_closed == "Målen är nådda"
    m.do(c.CloseMeeting())  # no reason asked: no follow-up is expected
    assert m.state.status == "closed"
    # The minutes say so, and the history counts it as closed, not as a late follow-up.
    md = render_markdown(build_minutes(m.state, datetime(2026, 12, 3, 12, tzinfo=UTC)))
    assert "Planen avslutas med det här mötet (SIP avslutad): Målen är nådda." in md
    assert "Ingen uppföljning bokad" not in md
    assert summarize(m.state).plan_closed
    assert refusal(m.state, c.SetFollowUp).key == "engine.error.plan_closed"  # type: ignore[union-attr]
    assert refusal(m.state, c.ClosePlan).key == "engine.error.plan_closed"  # type: ignore[union-attr]


def test_a_plan_is_not_closed_while_the_parts_run() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase())
    assert refusal(m.state, c.ClosePlan).key == "engine.error.plan_close_early"  # type: ignore[union-attr]
