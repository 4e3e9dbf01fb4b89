"""Forms: a note over several lines, the save key shown, every field stopped at its limit."""

from __future__ import annotations

from datetime import UTC, datetime

from markdown_it import MarkdownIt  # Textual's own dependency
from textual import events
from textual.widgets import Input, TextArea

from starmote.documents.minutes import minutes_markdown
from starmote.engine import commands as c
from starmote.plan import limits
from starmote.tui.widgets.clockline import ClockLine
from starmote.tui.widgets.closingpanel import ClosingPanel
from starmote.tui.widgets.entries import EntryLog
from starmote.tui.widgets.formclock import FormClock
from starmote.tui.widgets.review import ReviewList
from tests.support.tui import app_for, live_session, type_text

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def paste(pilot, text: str) -> None:
    """What a terminal sends for a paste, delivered to the focused field."""
    pilot.app.screen.focused.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_two_line_note_is_saved_with_ctrl_s_and_the_minutes_keep_both_lines(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        hint = shown(app, ".dialog-hint")
        assert "Ctrl+S = spara" in hint and "Enter = ny rad" in hint
        assert "(högst 4000 tecken)" in shown(app, ".field-label")
        await type_text(pilot, "Sam vill prova praktik")
        await pilot.press("enter")  # a new line, not a save
        await type_text(pilot, "men inte före jul")
        assert type(app.screen).__name__ == "FormDialog" and not session.state.notes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert session.state.notes[-1].text == "Sam vill prova praktik\nmen inte före jul"
        log = app.screen.query_one(EntryLog).plain
        assert "Sam vill prova praktik\n  men inte före jul" in log  # the second line indented

    html = MarkdownIt("commonmark").render(minutes_markdown(session.state, STAMP))
    assert "Sam vill prova praktik<br />\nmen inte före jul</li>" in html


async def test_a_one_line_form_says_enter_saves(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert "Enter = nästa fält/spara · Ctrl+S = spara" in shown(app, ".dialog-hint")
        await pilot.press("tab")
        await type_text(pilot, "Eget boende")
        await pilot.press("enter")
        await pilot.pause()
        assert [g.text for g in session.state.goals] == ["Eget boende"]


async def test_a_note_stops_at_its_limit_and_exactly_the_limit_is_saved(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    limit = limits.FIELDS["note"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        area = app.screen.focused
        assert isinstance(area, TextArea)
        await paste(pilot, "Rad ett\n" + "a" * limit)
        assert len(area.text) == limit  # the paste is cut where the limit is
        assert "Text: högst 4000 tecken – resten kom inte med." in shown(app, "#form-error")
        await pilot.press("b", "enter")  # neither a letter nor a line break goes in
        assert len(area.text) == limit and not area.text.endswith("b")
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = session.state.notes[-1].text
        assert len(note) == limit and note.startswith("Rad ett\naaa")


async def test_a_one_line_field_stops_at_its_limit(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    limit = limits.FIELDS["goal"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", "tab")
        field = app.screen.focused
        assert isinstance(field, Input) and field.max_length == limit
        await paste(pilot, "x" * (limit + 1))  # too long to go in at all
        assert field.value == ""
        assert "Målet: högst 1000 tecken" in shown(app, "#form-error")
        await paste(pilot, "x" * (limit - 1))
        await pilot.press("y", "z")  # the limit is reached at y; z is turned away
        assert field.value == "x" * (limit - 1) + "y"
        # Repainted, not laid out, on each key: it still scrolls to keep the cursor in view.
        await pilot.pause()
        assert 0 < field.scroll_x == field.max_scroll_x
        await pilot.press("enter")
        await pilot.pause()
        assert session.state.goals[-1].text == "x" * (limit - 1) + "y"


async def test_the_engine_refusal_of_a_long_text_names_the_field_and_the_limit(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        refusal = app.apply(c.AddDecision("x" * 1001), quiet=True)
        assert refusal == "Beslutet är för långt: högst 1000 tecken, nu 1001."
        assert not session.state.decisions


async def test_the_closing_screen_shows_a_multi_line_decision_on_one_line_feedback_whole(tmp_path):
    session, clock = live_session(tmp_path)
    session.do(c.AddDecision("Kommunen bokar arbetsträning\noch regionen följer upp"))
    for _ in range(3):
        clock.advance(60)
        session.do(c.NextPhase())
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        review = app.screen.query_one(ReviewList)
        line = str(review.get_option_at_index(0).prompt)
        assert line == "Beslut: Kommunen bokar arbetsträning …"
        await pilot.press("enter")  # corrected in its own form, both lines there
        await pilot.pause()
        area = app.screen.focused
        assert isinstance(area, TextArea)
        assert area.text == "Kommunen bokar arbetsträning\noch regionen följer upp"
        await pilot.press("enter")  # the cursor starts at the end of the text
        await type_text(pilot, "senast i mars")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")  # the person's feedback, in their words, over two lines
        await type_text(pilot, "Bra möte")
        await pilot.press("enter")
        await type_text(pilot, "jag blev lyssnad på")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert " Bra möte\n jag blev lyssnad på\n" in app.screen.query_one(ClosingPanel).plain
    assert session.state.feedback.text == "Bra möte\njag blev lyssnad på"
    assert [d.text for d in session.state.decisions] == [
        "Kommunen bokar arbetsträning\noch regionen följer upp\nsenast i mars"
    ]


async def test_a_form_keeps_its_own_clock_while_the_screen_behind_stands_still(tmp_path):
    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        behind = app.screen.query_one(ClockLine)
        await pilot.press("n")
        await pilot.pause()
        form_clock = app.screen.query_one(FormClock)
        assert "Inledning kvar" in form_clock.plain and "kvar" in form_clock.plain
        before_form, before_behind = form_clock.plain, behind.plain
        clock.advance(75)
        await pilot.pause(0.4)  # more than one tick
        assert form_clock.plain != before_form
        assert behind.plain == before_behind  # no repaint under the dialog while typing
        await pilot.press("escape")
        await pilot.pause(0.4)
        assert behind.plain != before_behind  # back on the live screen, the clocks move again
