"""SVG snapshots of the main screens at 80×24 and 120×40 on a frozen clock.

Update with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
Below them, checks of what the chair must still see at 80×24, read off the rendered screen.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Input

from starmote.engine import commands as c
from starmote.plan.model import STOCKHOLM
from tests.support.tui import app_for, live_session, new_session, team_checked_in

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


def team_case(tmp_path):
    """T-03 of the sample team session at 10:44: FK's hour is over, the region is away,
    Robin attends their own case and has the word."""
    session, clock = team_checked_in(tmp_path)
    session.do(c.NextPhase())
    session.do(c.AddDecision("Utbudskartan ses över i mars", case=""))
    clock.advance(9 * 60)
    session.do(c.NextPhase())
    session.do(c.ConfirmConsent("FK, AF, AME"))
    session.do(c.AddAction("Stöd och matchning", "af", offer="af-stod-och-matchning"))
    clock.advance(25 * 60)
    session.do(c.NextPhase())
    session.do(c.ConfirmConsent())
    clock.advance(26 * 60)
    session.do(c.Leave("fk"))
    session.do(c.NextPhase())
    session.do(c.AddGoal("short", "Kontakt med vården före mars"))
    clock.advance(40 * 60)
    session.do(c.NextPhase())
    session.do(c.CheckIn("individ-t-03"))
    session.do(c.ConfirmConsent())
    clock.advance(150)
    session.do(c.NextSpeaker())
    session.do(c.AddNote("Vill pröva arbetsträning i kommunens café"))
    clock.advance(200)
    return session, clock


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_team_case_live(snap_compare, tmp_path, size):
    session, clock = team_case(tmp_path)
    assert snap_compare(app_for(session, clock), terminal_size=size)


def test_team_before(snap_compare, tmp_path):
    session, clock = team_checked_in(tmp_path)
    assert snap_compare(app_for(session, clock), terminal_size=(120, 40))


async def test_every_line_of_a_team_case_is_readable_at_80x24(tmp_path):
    from starmote.tui.widgets.casebanner import CaseBanner
    from starmote.tui.widgets.clockline import ClockLine
    from starmote.tui.widgets.speaker import SpeakerPanel

    session, clock = team_case(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = " ".join(line.strip() for line in rendered(app.screen.query_one(CaseBanner)))
        for shown in (
            "Ärende T-03 ny aktualisering · samtycke bekräftat · behöver AME ✔,"
            " Vuxenpsykiatrin ✗ · Robin K. är här",
            "? Behövs en samplanering med personen, och vem kallar?",
            "? Vilken sysselsättning kan personen pröva under våren?",
            "Ärendet behöver Vuxenpsykiatrin, som inte är här – f parkerar en fråga.",
        ):
            assert shown in banner, shown
        [clocks] = rendered(app.screen.query_one(ClockLine))
        assert "Ärende T-03 kvar" in clocks and "Slut ca 11:43" in clocks
        # Each line of the speaker's panel, less its border.
        lines = rendered(app.screen.query_one(SpeakerPanel))
        speaker = " ".join(line.strip().lstrip("█").strip() for line in lines)
        assert "Saknas i rundan: Försäkringskassan, Region Exempel, Vuxenpsykiatrin" in speaker


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


# --- what survives at 80×24 ---------------------------------------------------


def rendered(widget) -> list[str]:
    """The lines of `widget` as drawn on its screen: only the part not clipped away."""
    screen = widget.screen
    geometry = screen.find_widget(widget)
    visible = geometry.region.intersection(geometry.clip)
    strips = screen._compositor.render_strips()
    return [
        strip.crop(visible.x, visible.right).text for strip in strips[visible.y : visible.bottom]
    ]


async def test_the_clock_line_keeps_the_part_its_time_and_the_end_at_80_columns(tmp_path):
    session, clock = live_session(tmp_path)
    clock.advance(9 * 60 + 124)  # Inledning runs over, and the meeting is paused: the longest line
    session.do(c.Pause())
    app = app_for(session, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from starmote.tui.widgets.circle import CircleBand
        from starmote.tui.widgets.clockline import ClockLine

        [line] = rendered(app.screen.query_one(ClockLine))
        assert "Inledning över +2:04" in line
        assert "Slut ca" in line and "PAUS" in line
        assert line.rstrip().endswith("PAUS")  # nothing cut at the edge

        # The next part: the band names the current part in full, the others give way.
        assert app.apply(c.Resume()) is None and app.apply(c.NextPhase()) is None
        await pilot.pause()
        top = rendered(app.screen.query_one(CircleBand))[0]
        assert "Aktuell situation 18" in top
        assert "Aktuell situation" in rendered(app.screen.query_one(ClockLine))[0]


def _prompt_keys(lines: list[str]) -> list[str]:
    return [line.split()[0] for line in lines if line[:1].isdigit()]


@pytest.mark.parametrize("part", [0, 2], ids=["inledning-consent-pending", "behov"])
async def test_every_prompt_of_the_part_and_three_entries_show_at_80x24(tmp_path, part):
    from starmote.tui.widgets.checklist import Checklist
    from starmote.tui.widgets.entries import EntryLog

    session, clock = live_session(tmp_path, consent=part != 0)
    for _ in range(part):
        session.do(c.NextPhase())
    for text in ("Första anteckningen", "Andra anteckningen", "Tredje anteckningen"):
        session.do(c.AddNote(text))
    app = app_for(session, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prompts = session.state.plan.phases[part].prompts("sv")
        shown = [line.strip() for line in rendered(app.screen.query_one(Checklist))]
        assert shown[0] == "Ordförandens punkter"
        assert _prompt_keys(shown) == [str(i + 1) for i in range(len(prompts))]
        for i, prompt in enumerate(prompts):  # each prompt starts on its own numbered line
            first = next(line for line in shown if line.startswith(f"{i + 1} ☐"))
            assert prompt.startswith(first.removeprefix(f"{i + 1} ☐ ").rstrip("…").strip())
        if part == 0:
            assert any("Samtycke inte bekräftat" in line for line in shown)
        log = [line.strip() for line in rendered(app.screen.query_one(EntryLog))]
        assert "Antecknat" in log
        for text in ("Tredje anteckningen", "Andra anteckningen", "Första anteckningen"):
            assert any(text in line for line in log), (text, log)


async def test_a_long_huvudansvarig_keeps_both_markers_in_its_field(tmp_path):
    from starmote.tui.widgets.choice import ChoiceField

    session, clock = closing(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        field = app.screen.query_one("#f-party", ChoiceField)
        label = dict(field.choices)[field.value]
        assert len(f"◀ {label} ▶") > field.content_region.width  # the demo's socialtjänst
        [line] = rendered(field)
        assert line.strip().startswith("◀ Exempelby kommun")
        assert line.rstrip().endswith("… ▶")  # shortened inside the field, the marker in view
