"""When something goes wrong mid-meeting: nothing typed is lost, nothing private is shown."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from starmote.engine import commands as c
from tests.support.tui import app_for, live_session


async def test_a_failed_save_keeps_the_meeting_running_and_stores_nothing(tmp_path, monkeypatch):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    before = session.state
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def full_disk(records, summaries=()):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(session.journal, "append", full_disk)
        refused = app.apply(c.AddNote("Sam vill börja med praktik"))
        await pilot.pause()
        assert refused is not None and "Kunde inte spara" in refused
        assert session.state is before
        assert app.is_running
        monkeypatch.undo()
        assert app.apply(c.AddNote("Sam vill börja med praktik")) is None
    assert session.state.notes[-1].text == "Sam vill börja med praktik"


async def test_an_unexpected_error_goes_to_a_private_log_not_the_screen(tmp_path, monkeypatch):
    session, clock = live_session(tmp_path)
    session.do(c.AddNote("Noa berättar om sin oro"))
    app = app_for(session, clock, home=tmp_path)

    def broken(self) -> None:
        note = self.state.notes[-1].text  # a local holding case data
        raise RuntimeError(f"broken after {len(note)} chars")

    monkeypatch.setattr(type(app), "action_help", broken)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f1")
            await pilot.pause()
    log = app.crash_log
    assert log is not None and log.parent == tmp_path / "logs"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "RuntimeError: broken after" in text
    assert "Noa berättar" not in text  # code lines only, never the values of variables
    assert app.return_code == 1


async def test_a_full_disk_mid_meeting_says_so_and_keeps_the_meeting(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock, home=tmp_path)
    db = session.journal._db
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # SQLite's own limit on the file's size: the next page it needs fails as on a full disk.
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count={pages}")
        # The longest note there may be: more than a page of the file (4096 bytes) in UTF-8.
        refused = app.apply(c.AddNote(("Sam vill börja med praktik. " * 150)[:4000]))
        await pilot.pause()
        assert refused == "Kunde inte spara (disken är full). Inget är ändrat – försök igen."
        assert app.is_running
        db.execute("PRAGMA max_page_count=1073741823")
        assert app.apply(c.AddNote("Sam vill börja med praktik.")) is None
    assert session.state.notes[-1].text == "Sam vill börja med praktik."
