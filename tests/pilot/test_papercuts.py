"""Issue #15's paper cuts that show on the live screen, in one app run."""

from __future__ import annotations

from starmote.tui.widgets.speaker import SpeakerPanel
from tests.support.tui import app_for, live_session


async def test_a_dropped_line_is_confirmed_and_named_as_away(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SpeakerPanel)
        assert "Borta nu" not in str(panel.render())
        clock.advance(180)
        await pilot.press("a", "4", "2")  # attendance: FK (4th), its line dropped
        await pilot.pause()
        assert app.state.attendance_of("fk").presence == "dropped"
        notices = [str(n.message) for n in app._notifications]
        assert any("Linjen bröts för Försäkringskassan" in n for n in notices)
        text = str(panel.render())
        assert "Borta nu: Försäkringskassan (linjen bröts 09:03)" in text
        assert "Försäkringskassan" not in text.split("Nästa:")[-1].split("Borta nu")[0]


async def test_fk_completes_to_forsakringskassan_in_the_action_form(tmp_path):
    from tests.support.tui import type_text

    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Utreda arbetsförmågan")
        await pilot.press("enter")
        await type_text(pilot, "fk")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        owner = app.screen.query_one("#f-owner")
        assert owner.value == "fk → Försäkringskassan (Lena Berg)"
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
    assert session.state.actions[-1].owner == "fk"


async def test_after_a_refused_save_the_cursor_is_on_the_field_in_error(tmp_path):
    from tests.support.tui import type_text

    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Boka tid")
        await pilot.press("enter")
        await type_text(pilot, "zzz")  # no such party: the form itself refuses
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "f-owner"
        owner = app.screen.query_one("#f-owner")
        owner.value = "Lena"
        what = app.screen.query_one("#f-what")
        what.value = "Boka tid för 19121212-1212"  # the engine refuses a personnummer
        app.screen.query_one("#f-due").focus()
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert not session.state.actions
        assert app.screen.focused is not None and app.screen.focused.id == "f-what"


async def test_the_palette_offers_every_key_the_footer_shows_starta_motet_too(tmp_path):
    from textual.widgets import Footer

    from starmote.tui.palette import MeetingCommands
    from tests.support.tui import new_session

    session, clock = new_session(tmp_path)  # before the start: nobody checked in yet
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        shown = {key.description for key in footer.query("FooterKey")}
        assert "Starta mötet" in shown
        commands = {name: run for name, _, run in MeetingCommands(app.screen)._commands()}
        offered = {name.split(": ", 1)[-1] for name in commands}
        assert shown <= offered, shown - offered
        # One that does not apply yet says why instead of doing nothing.
        [start] = [run for name, run in commands.items() if name.endswith("Starta mötet")]
        start()
        await pilot.pause()
        assert session.state.status == "open"
        assert app._notifications and list(app._notifications)[-1].severity == "warning"


async def test_a_case_booked_hours_ahead_asks_before_it_starts_now(tmp_path):
    from datetime import UTC, datetime

    from starmote.engine import commands as c
    from starmote.store.session import FakeClock
    from tests.support.tui import new_session

    # 06:00 in Stockholm; the demo case is booked 09:00–10:30.
    session, clock = new_session(tmp_path, FakeClock(wall0=datetime(2026, 12, 3, 5, tzinfo=UTC)))
    for party in session.state.plan.parties:
        session.do(c.CheckIn(party.key))
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        body = " ".join(str(s.render()) for s in app.screen.query(".dialog-body"))
        assert "mer än en timme fram" in body and "beräknat slut blir ca 07:30" in body
        await pilot.press("escape")
        await pilot.pause()
        assert session.state.status == "open"
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session.state.phase == 0


async def test_an_export_on_a_full_disk_says_so_in_words(tmp_path, monkeypatch):
    import errno

    from starmote.engine import commands as c
    from starmote.store import paths
    from starmote.tui.dialogs.invites import export_now

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    session, clock = live_session(tmp_path)
    session.do(c.CloseMeeting("Avbrutet för att testa"))
    app = app_for(session, clock, home=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(paths, "atomic_write_bytes", full)
        assert export_now(app, "sv", invites=False) == []
        await pilot.pause()
        [notice] = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert notice == "Exporten misslyckades: disken är full"
