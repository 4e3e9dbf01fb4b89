"""The closing screen of an avstämningsmöte: no huvudansvarig asked for, FK convenes, and a
meeting whose last part ran its course closes without being asked why."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from starmote.engine import commands as c
from starmote.plan import resources
from starmote.plan.case import load_case
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.tui.widgets.closingpanel import ClosingPanel
from tests.support.tui import app_for, demo_plan


async def test_an_avstamningsmote_closes_in_its_own_words(tmp_path):
    plan = load_case(resources.samples_dir() / "avstamning-rygg.toml")
    plan = replace(plan, start=demo_plan().start)  # booked at the FakeClock's start
    clock = FakeClock()
    session = Session.start(Journal.open(tmp_path), plan, clock, meeting_id="avs-test")
    for party in plan.parties:
        session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    session.do(c.ConfirmConsent())
    while session.state.phase != len(plan.phases) - 1:
        clock.advance(60)
        session.do(c.NextPhase())
    while session.state.turn is not None:  # Avslutning: everyone has had the word
        clock.advance(30)
        session.do(c.NextSpeaker())
    session.do(c.SetFollowUp(plan.start + timedelta(days=42), 60, "Mötesrum 3"))
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")  # an agreement, in the meeting type's word: nobody decides here
        await pilot.pause()
        form = " ".join(str(w.render()) for w in app.screen.query(".field-label, .dialog-title"))
        assert "Överenskommelse" in form and "Beslut" not in form
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        await pilot.pause()
        panel = str(app.screen.query_one(ClosingPanel).render())
        assert "huvudansvarig" not in panel.lower()
        assert "Sammankallande: Försäkringskassan (Lena Berg)" in panel
        await pilot.press("a")  # asked once, then closed: no "Avsluta ändå – varför?"
        await pilot.press("enter")
        await pilot.pause()
        assert session.state.status == "closed" and session.state.close_reason == ""
        assert type(app.screen).__name__ != "FormDialog"
