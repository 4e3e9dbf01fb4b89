"""Text in the Markdown minutes stays text: read back by a CommonMark parser, it is what was typed.

markdown-it-py (the parser Rich uses, so already installed) reads each rendered line the way
a Markdown viewer would; nothing typed may come back as a heading, list, link, image, code,
raw HTML, an entity or a strikethrough.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from starmote.documents.model import Document, Fields, Items, Para, Table
from starmote.documents.render_md import render_markdown

HOSTILE = [
    "~~~",
    "```python",
    "    indented code",
    "# Rubrik",
    "## Rubrik",
    "> citat",
    "<script>alert(1)</script>",
    "<https://evil.example>",
    "[länk](https://evil.example)",
    "![bild](https://evil.example/x.png)",
    "[ref]: https://evil.example",
    "&lt;b&gt; &amp; &#x3C;",
    "| a | b |",
    "---",
    "***",
    "___",
    "1. lista",
    "1) lista",
    "- punkt",
    "+ punkt",
    "* punkt",
    "=====",
    "**fet** och __fet__",
    "_kursiv_ *kursiv*",
    "~~struken~~",
    "`kod`",
    "[^1] fotnot",
    "back\\slash\\",
    "text med  två mellanslag  ",
]

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token) -> str:
    """The text of an inline token, insisting that it holds nothing but text."""
    kinds = {child.type for child in token.children}
    assert kinds <= {"text", "softbreak", "hardbreak"}, kinds
    return "".join(child.content for child in token.children if child.type == "text")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_list_item_a_paragraph_and_a_field_read_back_as_the_text_typed(hostile: str) -> None:
    doc = Document(
        "Titel",
        "sv",
        (Items((hostile,)), Para(hostile), Fields((("Plats", hostile),))),
    )
    tokens = PARSER.parse(render_markdown(doc))
    kinds = [t.type for t in tokens]
    assert kinds == [
        "heading_open",
        "inline",
        "heading_close",
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ], kinds
    inlines = [t for t in tokens if t.type == "inline"]
    wanted = " ".join(hostile.split())
    assert inline_text(inlines[1]) == wanted
    assert inline_text(inlines[2]) == wanted
    field = [c for c in inlines[3].children if c.type != "text" or c.content]
    assert [c.type for c in field[:3]] == ["strong_open", "text", "strong_close"]  # our label
    assert {c.type for c in field[3:]} <= {"text"}
    assert "".join(c.content for c in field[3:]).strip() == wanted


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_table_cell_stays_one_cell_of_text(hostile: str) -> None:
    doc = Document("Titel", "sv", (Table(("A", "B"), ((hostile, "x"),)),))
    tokens = PARSER.parse(render_markdown(doc))
    cells = [t for t in tokens if t.type == "inline"][1:]  # after the title
    assert [inline_text(c) for c in cells] == ["A", "B", " ".join(hostile.split()), "x"]
