"""Starting far from the booking is asked about: after the booked end, or over an hour early."""

from __future__ import annotations

from datetime import timedelta

from starmote.engine.allowed import start_off_booking
from tests.support.tui import new_session


def test_past_early_and_on_time(tmp_path):
    session, _ = new_session(tmp_path)
    state = session.state
    start, end = state.plan.start, state.plan.end
    assert start_off_booking(state, start) is None
    assert start_off_booking(state, start - timedelta(minutes=60)) is None
    assert start_off_booking(state, start - timedelta(minutes=61)) == "early"
    assert start_off_booking(state, start + timedelta(minutes=20)) is None  # a late start
    assert start_off_booking(state, end) == "past"
    assert start_off_booking(state, start + timedelta(days=2)) == "past"
