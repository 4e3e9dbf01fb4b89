"""The reminder at start: once, after the first frame, naming how many meetings and the command."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from starmote.store.journal import Journal
from tests.support.retention import at, hold
from tests.support.tui import app_for, new_session


def old_and_new_meetings(home: Path) -> None:
    """Two closed meetings past 90 days on the FakeClock's 3 December, one within, one open."""
    with Journal.open(home) as journal:
        hold(journal, at(date(2026, 6, 1)), at(date(2026, 6, 1)), code="SIP-OLD-1")
        hold(journal, at(date(2026, 9, 3)), at(date(2026, 9, 3)), code="SIP-OLD-2")
        hold(journal, at(date(2026, 9, 4)), at(date(2026, 9, 4)), code="SIP-NEW")
        hold(journal, at(date(2026, 5, 1)), at(date(2026, 5, 1)), code="SIP-OPEN", close=False)


async def notices(app, pilot, wait_s: float = 2.0) -> list[str]:
    """The notifications shown, once the reminder's thread has had `wait_s` to answer."""
    for _ in range(int(wait_s / 0.05)):
        await pilot.pause(0.05)
        if app._notifications:
            break
    return [str(n.message) for n in app._notifications]


async def test_the_chair_is_reminded_once_of_meetings_past_the_limit(tmp_path: Path) -> None:
    old_and_new_meetings(tmp_path)
    session, clock = new_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = await notices(app, pilot)
        assert shown == [
            "2 avslutade möten är äldre än 90 dagar. Flytta det som ska sparas till akten och"
            " ta sedan bort dem: starmote purge --older-than 90"
        ]
        assert app._view == "before"  # the start went on as usual
        await pilot.press("down", "h")  # and the keys work meanwhile
        await pilot.pause(0.3)
        assert [str(n.message) for n in app._notifications] == shown  # once


async def test_no_reminder_when_retention_days_is_0_or_nothing_is_past(tmp_path: Path) -> None:
    old_and_new_meetings(tmp_path / "off")
    session, clock = new_session(tmp_path / "off")
    app = app_for(session, clock, lang="en")
    app.settings = replace(app.settings, retention_days=0)
    async with app.run_test(size=(120, 40)) as pilot:
        assert await notices(app, pilot, wait_s=0.5) == []
    old_and_new_meetings(tmp_path / "longer")
    session, clock = new_session(tmp_path / "longer")
    app = app_for(session, clock, lang="en")
    app.settings = replace(app.settings, retention_days=300)  # June is 185 days back
    async with app.run_test(size=(120, 40)) as pilot:
        assert await notices(app, pilot, wait_s=0.5) == []
