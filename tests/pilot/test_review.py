"""A follow-up reviews the previous plan on the live screen: u, a digit, the status, a comment."""

from __future__ import annotations

from dataclasses import replace

from starmote.engine import commands as c
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.tui.widgets.previous import PreviousPanel
from tests.support.review import DEMO_PREVIOUS as PREVIOUS
from tests.support.tui import MEETING_ID, app_for, demo_plan, type_text


async def test_the_chair_reviews_the_previous_plan_and_hears_a_parked_question(tmp_path) -> None:
    clock = FakeClock()
    plan = replace(demo_plan(), previous=PREVIOUS)
    session = Session.start(Journal.open(tmp_path), plan, clock, meeting_id=MEETING_ID)
    for party in plan.parties:
        session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())  # Inledning
    session.do(c.ConfirmConsent())
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        panel = screen.query_one(PreviousPanel)
        assert "0 av 4 följda upp" in panel.plain
        assert screen.check_action("review", ()) is None  # greyed: Inledning comes first
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is screen and not app.state.previous_reviews
        clock.advance(120)
        app.apply(c.NextPhase())  # Aktuell situation
        await pilot.pause()
        assert screen.check_action("review", ()) is True
        await pilot.press("u", "2")  # Försäkringskassan's insats
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"
        await pilot.press("right", "right")  # genomförd → delvis → inte genomförd
        await pilot.press("tab")
        await type_text(pilot, "Ansökan skickad")
        await pilot.press("enter")
        await pilot.pause()
        [review] = app.state.previous_reviews
        assert (review.kind, review.index, review.status) == ("action", 1, "not_done")
        assert review.comment == "Ansökan skickad"
        # Stored before it was shown: the journal holds the fact.
        stored = [r for r in session.journal.records(MEETING_ID) if r.kind == "previous_reviewed"]
        assert [r.payload["status"] for r in stored] == ["not_done"]
        assert "1 av 4 följda upp" in panel.plain
        assert "inte genomförd Utreda rehabiliteringsersättning · Försäkringskassan" in panel.plain
        # The word passes round; when Psykiatrin has it, its parked question comes up.
        for _ in range(len(plan.parties)):
            if app.state.turn and app.state.turn.party == "psykiatri":
                break
            await pilot.press("space")
            await pilot.pause()
        assert app.state.turn is not None and app.state.turn.party == "psykiatri"
        notices = [str(n.message) for n in app._notifications]
        assert any("Kan psykiatrin ta emot i januari?" in n for n in notices)
        assert "Parkerad fråga till" in panel.plain
        # Answered with the same keys: the question no longer comes up.
        await pilot.press("u", "4", "tab")  # besvarad is offered first
        await type_text(pilot, "Ja")
        await pilot.press("enter")
        await pilot.pause()
        assert "Parkerad fråga till" not in panel.plain
        assert "besvarad" in panel.plain
        # On to Behov with two items not reviewed: the chair is told, with the key.
        app.apply(c.NextPhase())
        await pilot.pause()
        notices = [str(n.message) for n in app._notifications]
        assert any("2 punkter från föregående plan är inte följda upp" in n for n in notices)
