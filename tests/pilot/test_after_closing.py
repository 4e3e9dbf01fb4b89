"""After closing: u moves the follow-up, s cancels it, both into the journal."""

from __future__ import annotations

from starmote.store.session import load_events
from tests.support.followup import hold_meeting
from tests.support.tui import app_for, type_text


async def test_a_closed_meeting_moves_then_cancels_its_follow_up(tmp_path):
    session = hold_meeting(tmp_path)
    booked = session.state.follow_up
    assert booked is not None and session.state.status == "closed"
    app = app_for(session, session.clock)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        footer = {b.key for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert {"u", "s", "x"} <= footer
        await pilot.press("u", "ctrl+u")
        await type_text(pilot, "2027-02-11")
        await pilot.press("enter", "enter", "enter", "enter", "ctrl+u")
        await type_text(pilot, "https://video.example.se/ny")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        moved = session.state.follow_up
        assert moved is not None and moved.start.date().isoformat() == "2027-02-11"
        assert (moved.uid, moved.sequence) == (booked.uid, booked.sequence + 1)
        assert moved.link == "https://video.example.se/ny"
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("enter")
        await pilot.pause()
        notices = [str(n.message) for n in app._notifications]
        # What goes out now is the cancellation, not a new invite.
        assert notices[-1] == "Sparat. Exportera (x) och skicka avbokningen till parterna."
    fu = session.state.follow_up
    assert fu is not None and fu.cancelled and fu.sequence == booked.sequence + 2
    kinds = [e.kind for e in load_events(session.journal, session.meeting_id)]
    assert kinds[-2:] == ["follow_up_set", "follow_up_cancelled"]
