"""The history screen shows the figures of `starmote history`, reached by F2, F1 and the palette."""

from __future__ import annotations

import asyncio
import time
from datetime import date

from textual.widgets import DataTable, Static

from starmote.engine import commands as c
from starmote.store.history import cells, organisation_label, report
from starmote.store.journal import Journal
from starmote.tui.screens.history import HistoryScreen
from tests.support.journals import play_hand_journal, play_three_meetings
from tests.support.tui import app_for, live_session


async def shown(app, timeout: float = 5.0) -> HistoryScreen:
    end = time.monotonic() + timeout
    while not (isinstance(app.screen, HistoryScreen) and app.screen.report is not None):
        assert time.monotonic() < end, "the figures never came"
        await asyncio.sleep(0.02)
    return app.screen


async def test_f2_shows_the_same_figures_as_the_command_line(tmp_path) -> None:
    with Journal.open(tmp_path) as journal:
        play_three_meetings(journal)
        play_hand_journal(journal)
        expected = report(journal, today=date.today())
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("f2")
        screen = await shown(app)
        await pilot.pause()
        table = screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        # The live meeting counts too: a part of it has begun.
        live = report(session.journal, today=date.today())
        assert rows == [[organisation_label(r), *cells(r)] for r in live.rows]
        assert live.meetings == expected.meetings + 1
        runs = str(screen.query_one("#history-runs", Static).render())
        assert "Försäkringskassan: frånvarande" in runs
        await pilot.press("p")  # this year
        screen = await shown(app)
        assert screen.period == "year"
        heading = str(screen.query_one("#history-heading", Static).render())
        assert heading.startswith("I år")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        session.do(c.NextSpeaker())  # the meeting goes on as before
        await pilot.pause()


async def test_history_is_in_the_palette_and_in_f1(tmp_path) -> None:
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-text", Static).render())
        assert "F2" in help_text.upper() and "Närvarohistorik" in help_text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "närvarohist":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await shown(app)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("f2")  # F2 again closes it
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
