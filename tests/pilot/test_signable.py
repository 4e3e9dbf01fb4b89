"""Issue #12 by keys: a pass offered the word again, the floor explained, whose a note
is, the chair as an insats's owner, a proposed insats confirmed, the case's language."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.engine.state import CHAIR
from starmote.tui.widgets.speaker import SpeakerPanel
from tests.support.tui import app_for, live_session, type_text


async def test_one_who_passed_is_offered_the_word_again_before_all_have_had_it(tmp_path):
    session, clock = live_session(tmp_path)  # Inledning: Sam first, then six parties
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")  # Sam passes
        await pilot.pause()
        panel = app.screen.query_one(SpeakerPanel)
        assert "Avstod, får ordet igen innan rundan är klar: Sam L." in str(panel.render())
        for _ in range(6):
            clock.advance(20)
            await pilot.press("space")
            await pilot.pause()
        assert app.state.turn is not None and app.state.turn.party == "individ"
        assert "Alla har fått ordet" not in str(panel.render())
        await pilot.press("s")  # and passes again: now everyone has been offered the word
        await pilot.pause()
        assert "Alla har fått ordet" in str(panel.render())


async def test_the_rebalance_dialog_says_when_the_floor_holds(tmp_path):
    session, clock = live_session(tmp_path)
    for _ in range(2):
        clock.advance(30 * 60)
        session.do(c.NextPhase())  # Inledning and Aktuell situation run 30 minutes each
    clock.advance(60)  # 29 minutes left: Behov's floor (27 of 90) is more than its share
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        table = str(app.screen.query_one("#rebalance-table").render())
        assert "Behov" in table and "(golv)" in table
        assert "golvet är 30 % av mötet" in table and "så de andra delarna får mindre" in table
        await pilot.press("enter")
        await pilot.pause()
    budgets = [round(p.budget) for p in session.state.phases]
    assert budgets[2:] == [27 * 60, 2 * 60, 60]


async def test_a_note_is_the_parts_unless_tied_to_whoever_said_it(tmp_path):
    session, clock = live_session(tmp_path)
    session.do(c.NextSpeaker())  # the social services have the word
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Personen deltar i arbetsträning")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "Vi har ett boende")
        await pilot.press("tab", "right", "ctrl+s")  # the speaker, offered first
        await pilot.pause()
    assert [n.party for n in session.state.notes] == [None, "socialtjanst"]


async def test_the_chair_owns_an_insats_and_a_proposed_one_is_confirmed(tmp_path):
    session, clock = live_session(tmp_path)
    session.do(c.Drop("af"))
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Skicka frågan till FK via säker e-post")
        await pilot.press("enter")
        await type_text(pilot, "Maria Ek")  # the chair, by name
        await pilot.press("enter")
        await type_text(pilot, "+5a")
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        await pilot.press("i")
        await type_text(pilot, "Arbetsträning")
        await pilot.press("enter")
        await type_text(pilot, "Arbetsförmedlingen")
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        chair, af = session.state.actions
        assert chair.owner == CHAIR and not chair.proposed
        assert chair.due is not None and chair.due.isoformat() == "2026-12-10"
        assert af.owner == "af" and af.proposed  # AF's line had dropped
        session.do(c.Rejoin("af"))
        await pilot.press("v", "1")
        await pilot.pause()
    assert not session.state.actions[1].proposed


async def test_the_closing_export_follows_the_case_file_not_the_screen(tmp_path):
    session, clock = live_session(tmp_path)
    while session.state.status == "running":
        clock.advance(60)
        session.do(c.NextPhase())
    session.do(c.CloseMeeting("Testkörning"))
    app = app_for(session, clock, lang="en", home=tmp_path)  # the screen in English
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("X")  # and once more in the other language
        await pilot.pause()
    names = sorted(p.name for p in (tmp_path / "exports").rglob("*.md"))
    assert names == [
        "SIP-2026-031_2026-12-03_lattlast.md",
        "SIP-2026-031_2026-12-03_minnesanteckningar.md",
        "SIP-2026-031_2026-12-03_minutes.md",
        "SIP-2026-031_2026-12-03_plain-language.md",
    ]
