"""A note, a decision or feedback over several lines keeps its lines in the minutes, escaped."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from starmote.documents.minutes import minutes_html, minutes_markdown
from starmote.documents.model import Document, Items, Para, text_lines
from starmote.documents.plain_language import plain_markdown
from starmote.documents.render_html import render_html
from starmote.documents.render_md import render_markdown
from starmote.engine import commands as c
from tests.support.exportcase import play_meeting

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
NOTE = "Sam vill börja arbeta igen.\n- inte en punkt, en rad\n\n\n# inte en rubrik <b>x</b>"


def commonmark(text: str) -> str:
    return MarkdownIt("commonmark").render(text)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_text_lines_trim_the_ends_and_keep_one_blank_line_of_a_run() -> None:
    assert text_lines("\n  a   b \n\n\n\nc\n\n") == ["a b", "", "c"]
    assert text_lines("one line") == ["one line"]
    assert text_lines("") == []


def test_markdown_keeps_each_line_of_a_list_item_and_a_paragraph() -> None:
    doc = Document("T", "sv", (Items((NOTE, "Kort")), Items(("a\nb",), ordered=True), Para(NOTE)))
    html = commonmark(render_markdown(doc))
    assert html.count("<li>") == 3  # the lines stay in their item: no new bullet, no heading
    assert (
        "<li>Sam vill börja arbeta igen.<br />\n- inte en punkt, en rad<br />\n<br />\n"
        "# inte en rubrik &lt;b&gt;x&lt;/b&gt;</li>"
    ) in html
    assert "<ol>\n<li>a<br />\nb</li>\n</ol>" in html
    assert "<p>Sam vill börja arbeta igen.<br />" in html
    assert "<h1>" not in html.split("<h1>T</h1>")[-1] and "<b>" not in html


def test_html_breaks_the_lines_and_escapes_each() -> None:
    page = render_html(Document("T", "sv", (Items((NOTE,)), Para("a\nb"))))
    assert (
        "<li>Sam vill börja arbeta igen.<br>- inte en punkt, en rad<br><br>"
        "# inte en rubrik &lt;b&gt;x&lt;/b&gt;</li>"
    ) in page
    assert "<p>a<br>b</p>" in page
    parser = Tags()
    parser.feed(page.split("<main>")[1])
    assert set(parser.tags) <= {"h1", "ul", "li", "p", "br"}


def test_minutes_show_every_line_of_a_note_a_decision_and_feedback() -> None:
    p = play_meeting(close=False)
    p.do(
        c.AddNote("Första raden\nandra raden"),
        c.AddDecision("Kommunen bokar.\nRegionen följer upp."),
        c.GiveFeedback("Bra möte.\nJag blev lyssnad på."),
    )
    md = commonmark(minutes_markdown(p.state, STAMP))
    assert "Första raden<br />\nandra raden</li>" in md
    assert "<li>Kommunen bokar.<br />\nRegionen följer upp.</li>" in md
    assert "<p>Bra möte.<br />\nJag blev lyssnad på.</p>" in md
    html = minutes_html(p.state, STAMP)
    assert "Första raden<br>andra raden</li>" in html
    assert "<li>Kommunen bokar.<br>Regionen följer upp.</li>" in html
    # The plain-language copy for the person lists decisions too.
    assert "<li>Kommunen bokar.<br />\nRegionen följer upp.</li>" in commonmark(
        plain_markdown(p.state, STAMP)
    )
