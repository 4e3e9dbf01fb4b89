"""A clock tick that lands while a new main screen is still being built does not blank it."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.tui.widgets.closingpanel import ClosingPanel
from starmote.tui.widgets.review import ReviewList
from tests.support.tui import app_for, live_session


async def test_a_tick_before_the_closing_screen_is_composed_leaves_it_drawn(tmp_path):
    session, clock = live_session(tmp_path)
    session.do(c.AddNote("Sam vill prova praktik"))
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_view("closing")  # on the stack now, its widgets composed later in the loop
        app._tick()  # the app's once-a-second clock, as it fires in between
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        review = app.screen.query_one(ReviewList)
        assert review.option_count == 1
        assert "Sam vill prova praktik" in str(review.get_option_at_index(0).prompt)
        assert "Uppföljning (u)" in app.screen.query_one(ClosingPanel).plain
