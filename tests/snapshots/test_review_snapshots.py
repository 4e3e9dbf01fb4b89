"""SVG snapshot of a follow-up's live screen at 80×24: the previous plan's panel beside the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Input

from starmote.engine import commands as c
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.review import DEMO_PREVIOUS
from tests.support.tui import MEETING_ID, app_for, demo_plan


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "cursor_blink", False)


def test_follow_up_live_80x24(snap_compare, tmp_path):
    clock = FakeClock()
    plan = replace(demo_plan(), previous=DEMO_PREVIOUS)
    session = Session.start(Journal.open(tmp_path), plan, clock, meeting_id=MEETING_ID)
    for party in plan.parties:
        session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    session.do(c.ConfirmConsent())
    clock.advance(9 * 60)
    session.do(c.NextPhase())  # Aktuell situation: Sam has the word, nothing parked for them
    session.do(c.ReviewPrevious("action", 0, "done", "Beviljad från 1 december"))
    clock.advance(60)
    assert snap_compare(app_for(session, clock), terminal_size=(80, 24))
