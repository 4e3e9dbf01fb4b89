"""The closing screen: an entry is corrected in its own form, filled in, and replaced."""

from __future__ import annotations

from datetime import date

from starmote.engine import commands as c
from starmote.store.session import load_events
from tests.support.tui import app_for, live_session, type_text


def in_sammanfattning(home):
    session, clock = live_session(home)
    session.do(c.AddAction("Ansöka om boendestöd", "socialtjanst", date(2026, 12, 15), "en gång"))
    session.do(c.AddDecision("Ny SIP om tre månader"))
    for _ in range(3):
        clock.advance(60)
        session.do(c.NextPhase())
    return session, clock


async def test_enter_on_a_line_corrects_it(tmp_path):
    session, clock = in_sammanfattning(tmp_path)
    old = session.state.actions[0]
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        await pilot.press("enter")  # the action is the first line
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "2026-12-20")
        await pilot.press("enter", "enter", "enter")  # how often, status, saved
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"

    actions = session.state.actions
    assert [(a.what, a.owner, a.due, a.how_often) for a in actions] == [
        ("Ansöka om boendestöd", "socialtjanst", date(2026, 12, 20), "en gång")
    ]
    assert old.id in session.state.retracted
    assert [d.text for d in session.state.decisions] == ["Ny SIP om tre månader"]
    kinds = [e.kind for e in load_events(session.journal, session.meeting_id)]
    assert kinds[-2:] == ["action_added", "entry_retracted"]


async def test_a_refused_correction_keeps_the_original(tmp_path):
    session, clock = in_sammanfattning(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter", "tab", "ctrl+u")
        await type_text(pilot, "Ingen sådan part")
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"  # refused, text kept to fix
        await pilot.press("escape")
    assert [a.what for a in session.state.actions] == ["Ansöka om boendestöd"]
    assert not session.state.retracted


async def test_follow_up_length_is_read_like_any_duration(tmp_path):
    session, clock = in_sammanfattning(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "u")
        await type_text(pilot, "2027-03-04")
        await pilot.press("enter", "enter", "ctrl+u")
        await type_text(pilot, "lång")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"  # refused, nothing stored
        assert session.state.follow_up is None
        await pilot.press("shift+tab", "shift+tab", "ctrl+u")
        await type_text(pilot, "1h30")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
    assert session.state.follow_up is not None and session.state.follow_up.duration_min == 90


async def test_the_frageställningar_can_be_marked_and_reach_the_minutes(tmp_path):
    from starmote.documents.minutes import minutes_markdown
    from starmote.tui.widgets.closingpanel import ClosingPanel

    session, clock = in_sammanfattning(tmp_path)
    questions = session.state.plan.questions
    assert len(questions) >= 2
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        panel = app.screen.query_one(ClosingPanel)
        assert f"0 av {len(questions)} besvarade" in str(panel.render())
        # The first answered, with its answer; the second deferred, with why.
        for keys, text in ((("q", "1", "1"), "Ett eget boende i vår"), (("q", "2", "2"), "")):
            for key in keys:  # each dialog opens when the one before has closed
                await pilot.press(key)
                await pilot.pause()
            assert type(app.screen).__name__ == "FormDialog"
            await type_text(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
        # A deferral without a reason is refused: the form stays open to say why.
        assert type(app.screen).__name__ == "FormDialog"
        await type_text(pilot, "Psykiatrin var inte med")
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.question_statuses(app.state.plan.case_code) == {
            0: "answered",
            1: "deferred",
        }
        assert f"1 av {len(questions)} besvarade" in str(panel.render())
        for key in ("q", "1", "1"):  # already answered: that choice is not offered
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "PickDialog"
        await pilot.press("escape")
    minutes = minutes_markdown(app.state, clock.wall(), "sv")
    assert f"{questions[0]} — besvarad: Ett eget boende i vår" in minutes
    assert f"{questions[1]} — skjuts upp till uppföljningen: Psykiatrin var inte med" in minutes
    assert "ej behandlat: fråga 2 – till uppföljning" in minutes


async def test_d_on_the_closing_screen_asks_like_the_live_screen(tmp_path):
    session, clock = in_sammanfattning(tmp_path)
    session.do(c.NextPhase())  # into Avslutning, the last part
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "Avsluta delen Avslutning?" in str(app.screen.query("Static").first().render())
        await pilot.press("d", "escape")
        await pilot.pause()
        assert app.state.status == "running"


async def test_a_follow_up_in_a_dst_change_is_refused_with_a_reason(tmp_path):
    session, clock = in_sammanfattning(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "u")
        # 31 October 2027: clocks fall back at 03:00, so 02:30 happens twice.
        await type_text(pilot, "2027-10-31")
        await pilot.press("enter", "ctrl+u")
        await type_text(pilot, "02:30")
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"
        shown = str(app.screen.query_one("#form-error").render())
        assert "02:30 inträffar två gånger den 2027-10-31" in shown
        assert session.state.follow_up is None
        # 28 March 2027: clocks spring forward at 02:00, so 02:30 never happens.
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "ctrl+u")
        await type_text(pilot, "2027-03-28")
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#form-error").render())
        assert "02:30 finns inte den 2027-03-28" in shown
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "ctrl+u")
        await type_text(pilot, "09:30")
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClosingScreen"
    start = session.state.follow_up.start
    assert start.isoformat() == "2027-03-28T09:30:00+02:00"
