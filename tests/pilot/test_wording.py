"""What the chair reads: the contact note, the help for the digit keys, a dropped line."""

from __future__ import annotations

from textual.widgets import OptionList

from starmote.tui.screens.help import HelpScreen
from starmote.tui.widgets.overview import Overview
from tests.support.tui import app_for, live_session, new_session

NOTE = "Nås via brev eller sms, inte via kalenderinbjudan"
"""The demo case's contact_note for the individual."""


async def test_the_contact_note_is_on_the_overview(tmp_path):
    session, clock = new_session(tmp_path)
    assert session.state.plan.individual.contact_note == NOTE
    for lang, label in (("sv", "Att tänka på:"), ("en", "Keep in mind:")):
        app = app_for(session, clock, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            text = str(app.screen.query_one(Overview).render())
            assert f"{label} {NOTE}" in text


async def help_lines(app, pilot) -> list[str]:
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return str(app.screen.query_one("#help-text").render()).splitlines()


async def test_help_names_the_digit_keys_once_for_all_of_them(tmp_path):
    session, clock = live_session(tmp_path)
    for lang, name in (
        ("sv", "Bocka av / ta bort bock för punkt 1–9"),
        ("en", "Tick / untick item 1–9"),
    ):
        app = app_for(session, clock, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            lines = await help_lines(app, pilot)
            ticks = [line for line in lines if "(live.tick" in line]
            assert len(ticks) == 1, ticks
            assert ticks[0].split()[0] == "1–9" and name in ticks[0]
            assert "punkt 1 " not in ticks[0] and "item 1 " not in ticks[0]
            assert "av-bocka" not in "\n".join(lines)


async def test_a_remapped_digit_gets_a_row_of_its_own(tmp_path):
    from starmote.store.settings import Settings

    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    app.settings = Settings(keys=(("live.tick5", "x"),))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        ticks = [line for line in await help_lines(app, pilot) if "(live.tick" in line]
        assert [line.split()[0] for line in ticks] == ["1–4", "x", "6–9"]
        assert "Bocka av punkt 5 " in ticks[1] and "punkt 1–4" in ticks[0]


async def test_a_dropped_line_reads_as_the_menu_said(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        fk = next(i for i, a in enumerate(app.state.attendance, 1) if a.party == "fk")
        await pilot.press("a", str(fk))
        await pilot.pause()
        changes = app.screen.query_one(OptionList)
        labels = [str(changes.get_option_at_index(i).prompt) for i in range(changes.option_count)]
        drop = next(i for i, label in enumerate(labels, 1) if "Linjen bröts" in label)
        await pilot.press(str(drop))
        await pilot.pause()
        assert app.state.attendance_of("fk").presence == "dropped"
        await pilot.press("a")
        await pilot.pause()
        parties = app.screen.query_one(OptionList)
        row = str(parties.get_option_at_index(fk - 1).prompt)
        assert row.startswith(f"{fk}  Försäkringskassan") and row.endswith(" – linjen bröts"), row
