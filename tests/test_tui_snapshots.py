"""SVG snapshots of the main screens at 80×24 and 120×40 on a frozen clock.

Update with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Input

from starmote import commands as c
from starmote.plan import STOCKHOLM
from tests.tui_support import app_for, live_session, new_session

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
    app = app_for(session, clock, lang="en", theme="starmote-light")
    assert snap_compare(app, terminal_size=(120, 40))


def _contrast(a: str, b: str) -> float:
    from textual.color import Color

    def lum(c: Color) -> float:
        chans = [v / 255 for v in (c.r, c.g, c.b)]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(Color.parse(a)), lum(Color.parse(b))), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["starmote-light", "textual-dark"])
async def test_coloured_text_is_readable_on_a_projector(tmp_path, theme):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock, theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        colours = app.theme_variables
        for name in ("text-warning", "text-accent", "text-success", "text-error"):
            for ground in ("background", "surface"):
                assert _contrast(colours[name], colours[ground]) >= 4.5, (name, ground)
