"""The before-meeting screen reads as the coordinator's case, never as internal keys."""

from __future__ import annotations

from starmote.plan.case import load_case
from starmote.plan.resources import samples_dir
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.tui import app_for, new_session


def screen_text(app) -> str:
    """The plain text of every text widget on the screen."""
    from textual.widgets import Static

    from starmote.tui.widgets.base import StateView

    widgets = [w for w in app.screen.query("*") if isinstance(w, (Static, StateView))]
    return "\n".join(str(w.render()) for w in widgets)


async def test_consent_scope_is_shown_by_party_name(tmp_path):
    session, clock = new_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        consent = [line for line in screen_text(app).splitlines() if "bekräftas i mötet" in line]
        assert len(consent) == 1
        assert "Försäkringskassan" in consent[0] and "AME (Tove Ström)" in consent[0]
        assert "socialtjanst" not in consent[0] and "samcoach" not in consent[0]
        await pilot.press("k", "1")  # the consent form offers the same names
        await pilot.pause()
        from textual.widgets import Input

        scope = app.screen.query(Input).first()
        assert "Försäkringskassan" in scope.value and "socialtjanst" not in scope.value


async def test_a_team_session_is_titled_by_its_type_not_by_a_missing_person(tmp_path):
    plan = load_case(samples_dir() / "star-team-januari.toml")
    clock = FakeClock()
    session = Session.start(Journal.open(tmp_path), plan, clock, meeting_id="team-1")
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.title == plan.title("sv")
        assert "?" not in app.title
        assert "? får" not in screen_text(app)


async def test_earlier_absences_are_read_after_the_first_frame(tmp_path):
    from dataclasses import replace
    from datetime import timedelta

    from starmote.engine import commands as c
    from starmote.tui.app import make_app
    from starmote.tui.widgets.partylist import PartyList
    from tests.support.tui import demo_plan

    journal = Journal.open(tmp_path)
    earlier = replace(demo_plan(), start=demo_plan().start - timedelta(days=28))
    old = Session.start(journal, earlier, FakeClock(), meeting_id="earlier")
    old.do(c.MarkAbsent("fk", notified=False, reason=""))
    old.do(c.CheckIn("individ"))
    old.do(c.NextPhase())  # held: a meeting never started would not count
    clock = FakeClock()
    session = Session.start(journal, demo_plan(), clock, meeting_id="now")
    app = make_app(session, clock=clock, save_settings=False)  # history looked up by the app
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):  # read in a thread of its own; wait up to 2 s for it
            if app.history is not None:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert app.history is not None and app.history["fk"].absent == 1
        fk = app.screen.query_one(PartyList).get_option("fk")
        assert "Frånvarande vid det enda mötet, ingen ersättare, 1 utan besked" in str(fk.prompt)


async def test_each_main_screen_draws_the_state_once_when_it_opens(tmp_path, monkeypatch):
    # Textual runs on_mount along the whole MRO; a screen that also called
    # super().on_mount() drew every widget twice before its first frame.
    from starmote.tui.screens.base import MeetingScreen
    from tests.support.tui import live_session

    drawn: list[str] = []
    original = MeetingScreen.show_state

    def counting(self, state):
        drawn.append(type(self).__name__)
        original(self, state)

    monkeypatch.setattr(MeetingScreen, "show_state", counting)
    session, clock = new_session(tmp_path / "before")
    async with app_for(session, clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert drawn == ["BeforeScreen"]

    drawn.clear()
    session, clock = live_session(tmp_path / "closing")
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        drawn.clear()
        app.show_view("closing")
        await pilot.pause()
    assert drawn == ["ClosingScreen"]


async def test_check_in_keeps_the_cursor_and_can_be_corrected_before_the_start(tmp_path):
    from starmote.tui.widgets.partylist import PartyList

    session, clock = new_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down")  # Försäkringskassan
        party = app.screen.query_one(PartyList).party
        await pilot.press("v")
        assert app.screen.query_one(PartyList).party == party  # the cursor stayed
        await pilot.press("t")  # not video after all: phone
        await pilot.pause()
        assert app.state.attendance_of(party).mode == "phone"
        await pilot.press("t")  # the same again is refused, by name
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("Försäkringskassan" in m and "redan incheckad" in m for m in shown), shown
        assert not any(f"{party} är" in m for m in shown)
        await pilot.press("f", "enter")  # checked in by mistake: absent after all
        await type_text_and_enter(pilot, "sjuk")
        assert app.state.attendance_of(party).presence == "absent"


async def type_text_and_enter(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await pilot.press("enter")
    await pilot.pause()
