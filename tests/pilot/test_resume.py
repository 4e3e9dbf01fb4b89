"""A meeting interrupted mid-part comes back at the same part and speaker with every note."""

from __future__ import annotations

from datetime import timedelta

from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.tui.widgets.entries import EntryLog
from starmote.tui.widgets.speaker import SpeakerPanel
from tests.support.tui import MEETING_ID, app_for, new_session, type_text


async def test_interrupted_meeting_resumes_where_it_was(tmp_path):
    session, clock = new_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["h", "down", "h", "down", "v", "down", "t", "down", "h", "down", "h"])
        await pilot.press("k", "1", "enter", "enter", "space")
        await pilot.press("n")
        await type_text(pilot, "Första")
        await pilot.press("ctrl+s")
        clock.advance(120)
        await pilot.press("space", "d", "enter")  # leaving the round early: confirmed
        clock.advance(30)
        await pilot.press("space")
        await pilot.press("n")
        await type_text(pilot, "Andra")
        await pilot.press("ctrl+s")
        clock.advance(40)
        before = app.state
    # Torn down without closing (as after Ctrl+C or a closed terminal); nothing else is written.
    session.journal.close()
    assert before.status == "running" and before.phase == 1

    later = FakeClock(wall0=clock.wall() + timedelta(minutes=2))
    journal = Journal.open(tmp_path)
    resumed = Session.resume(journal, MEETING_ID, later)
    state = resumed.state
    assert state.phase == before.phase
    assert state.turn.party == before.turn.party
    assert [n.text for n in state.notes] == ["Första", "Andra"]
    # The turn's clock carries on: the 40 s before the crash plus the 2 minutes away.
    assert state.turn.remaining(resumed.now().t, state.paused_at) < before.turn.budget - 150

    app2 = app_for(resumed, later)
    async with app2.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app2.screen).__name__ == "LiveScreen"
        speaker = app2.screen.query_one(SpeakerPanel).plain
        assert "Exempelby kommun, socialtjänsten" in speaker
        log = app2.screen.query_one(EntryLog).plain
        assert "Första" in log and "Andra" in log
    journal.close()
