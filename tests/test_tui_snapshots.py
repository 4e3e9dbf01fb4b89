"""SVG snapshots of the main screens at 80×24 and 120×40 on a frozen clock.

Update with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Input

from starmote import commands as c
from starmote.plan import STOCKHOLM
from tests.tui_support import app_for, new_session

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """A blinking cursor would make frames differ from run to run."""
    monkeypatch.setattr(Input, "cursor_blink", False)


def checked_in(tmp_path):
    session, clock = new_session(tmp_path)
    for cmd in (
        c.CheckIn("individ"),
        c.CheckIn("socialtjanst"),
        c.CheckIn("psykiatri", "video"),
        c.CheckIn("fk", "phone"),
        c.MarkAbsent("af", True, "sjuk"),
        c.CheckIn("samcoach"),
    ):
        session.do(cmd)
    return session, clock


def live(tmp_path):
    session, clock = checked_in(tmp_path)
    session.do(c.ConfirmConsent("alla parter"))
    session.do(c.NextPhase())
    session.do(c.AddNote("Sam hälsar alla välkomna"))
    session.do(c.TickPrompt(0))
    clock.advance(9 * 60)
    session.do(c.NextPhase())
    clock.advance(150)
    session.do(c.NextSpeaker())
    session.do(c.AddGoal("short", "Eget boende med stöd före sommaren"))
    session.do(c.AddAction("Ansöka om boendestöd", "socialtjanst", date(2026, 12, 15), "en gång"))
    clock.advance(260)  # the turn runs over its budget: counts up in the warning colour
    return session, clock


def closing(tmp_path):
    session, clock = live(tmp_path)
    for _ in range(4):
        clock.advance(60)
        session.do(c.NextPhase())
    session.do(c.SetMainResponsible("socialtjanst", "", True))
    session.do(c.SetFollowUp(datetime(2027, 3, 4, 9, 0, tzinfo=STOCKHOLM), 60, "Socialkontoret"))
    session.do(c.AddDecision("Ny SIP om tre månader"))
    session.do(c.GiveFeedback("Bra att alla lyssnade"))
    return session, clock


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_before_meeting(snap_compare, tmp_path, size):
    session, clock = checked_in(tmp_path)
    assert snap_compare(app_for(session, clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_live(snap_compare, tmp_path, size):
    session, clock = live(tmp_path)
    assert snap_compare(app_for(session, clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_closing(snap_compare, tmp_path, size):
    session, clock = closing(tmp_path)
    assert snap_compare(app_for(session, clock), terminal_size=size)


def test_live_light_theme_english(snap_compare, tmp_path):
    session, clock = live(tmp_path)
    app = app_for(session, clock, lang="en", theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 40))
