"""The live screen tells the chair what holds the meeting back, and shows who is really missing."""

from __future__ import annotations

from starmote.tui.widgets.checklist import Checklist
from starmote.tui.widgets.speaker import SpeakerPanel
from tests.support.tui import app_for, live_session


async def test_inledning_says_consent_is_what_blocks_the_next_part(tmp_path):
    session, clock = live_session(tmp_path, consent=False)  # consent is settled in Inledning
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        checklist = app.screen.query_one(Checklist)
        assert "Samtycke inte bekräftat" in str(checklist.render())
        await pilot.press("d")
        await pilot.pause()
        assert app.state.phase == 0  # refused, and the key says why
        assert any("Samtycke måste bekräftas" in str(n.message) for n in app._notifications)
        await pilot.press("k", "1", "enter", "enter")
        await pilot.pause()
        assert "Samtycke inte bekräftat" not in str(checklist.render())
        clock.advance(60)
        await pilot.press("d")  # the round is not done: asked first
        await pilot.pause()
        assert app.state.phase == 0 and type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("d", "d")  # stray presses do not skip parts
        assert app.state.phase == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.phase == 1


async def test_a_late_party_with_the_word_is_not_listed_as_missing(tmp_path):
    session, clock = live_session(tmp_path, absent=("fk",))
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SpeakerPanel)
        assert "Försäkringskassan" in str(panel.render()).split("Saknas i rundan:")[-1]
        await pilot.press("a", "4", "1")  # attendance: FK (4th) arrives
        await pilot.pause()
        assert app.state.attendance_of("fk").late and "fk" in app.state.queue
        assert "Saknas i rundan" not in str(panel.render())


async def test_a_round_with_people_waiting_never_says_everyone_has_spoken(tmp_path):
    from starmote.engine import commands as c

    session, clock = live_session(tmp_path)
    session.do(c.JumpTo("fk"))
    clock.advance(30)
    session.do(c.Drop("fk"))  # FK's phone line drops while FK has the word
    assert session.state.turn is None and session.state.queue
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(SpeakerPanel).render())
        assert "Alla har fått ordet" not in text
        assert "Ingen har ordet" in text and "Nästa:" in text


def footer_text(app) -> str:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return " ".join(str(key.render()) for key in footer.query("FooterKey"))


async def test_the_footer_says_resume_while_paused(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Paus" in footer_text(app) and "Fortsätt" not in footer_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert app.state.paused_at is not None
        assert "Fortsätt" in footer_text(app) and "Paus" not in footer_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert app.state.paused_at is None


async def test_esc_in_a_form_with_text_asks_before_throwing_it_away(tmp_path):
    from tests.support.tui import type_text

    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Sam vill prova praktik")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "FormDialog"  # still open, text kept
        assert "sparas inte" in str(app.screen.query_one("#form-error").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert session.state.notes[-1].text == "Sam vill prova praktik"
        await pilot.press("n", "escape")  # nothing typed: one Esc closes
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
