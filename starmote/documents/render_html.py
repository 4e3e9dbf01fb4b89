"""Render a `Document` as one self-contained, printable HTML page (A4, no external assets)."""

from __future__ import annotations

import html

from starmote.documents.model import (
    Document,
    Fields,
    Heading,
    Items,
    Para,
    Signature,
    StampLine,
    Table,
    shown,
    text_lines,
)


def escape(text: str) -> str:
    """Text made inert for HTML, any personnummer masked and control characters shown."""
    return html.escape(shown(text))


# Inline so the file can be mailed, archived or printed with nothing else; the CSP
# makes a browser refuse anything external even if some text ever slipped through.
_CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 "Segoe UI", Calibri, Arial, sans-serif; color: #111; margin: 2rem auto;
       max-width: 48rem; padding: 0 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .6em; }
h2 { font-size: 1.2em; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
p, ul, ol, dl, table { margin: .3em 0 .7em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
p.note { font-style: italic; color: #333; }
p.stamp { margin-top: 2em; font-size: .85em; color: #555; }
div.signature { margin-top: 2.5em; }
div.signature p { margin: 2.2em 0 0; border-top: 1px solid #111; width: 60%; padding-top: .2em; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  th { background: none; }
}
"""

# Blocks may break across pages (a long consent block left page 1 half empty); a table
# row or a list item does not. Every page says which case it is and its number.
_PAGE = """
@page {{ size: A4; margin: 18mm 16mm 20mm;
  @bottom-left {{ content: "{footer}"; font: 9pt Calibri, Arial, sans-serif; color: #444; }}
  @bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages);
                  font: 9pt Calibri, Arial, sans-serif; color: #444; }}
}}
body {{ font-size: {size}pt; }}
"""


def _css_string(text: str) -> str:
    """Text safe inside a CSS string: quotes, backslashes and line breaks escaped."""
    out = []
    for ch in shown(text):
        if ch in "\\\"'<>&" or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return "".join(out)


def page_css(doc: Document) -> str:
    """The printed page of `doc`: A4, its footer and page number on every page, its text size."""
    size = max(doc.print_pt, 9.0)
    return _PAGE.format(
        footer=_css_string(doc.footer),
        page=_css_string(doc.page_words[0]),
        of=_css_string(doc.page_words[1]),
        size=f"{size:g}",
    )


_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _lines(text: str) -> str:
    """A paragraph or list item, escaped, its line breaks kept (a note may span several)."""
    return "<br>".join(html.escape(line) for line in text_lines(shown(text)))


def _block(block: object) -> list[str]:
    if isinstance(block, Heading):
        return [f"<h{block.level}>{escape(block.text)}</h{block.level}>"]
    if isinstance(block, Para):
        css = ' class="note"' if block.note else ""
        return [f"<p{css}>{_lines(block.text)}</p>"]
    if isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        return [f"<{tag}>", *(f"<li>{_lines(i)}</li>" for i in block.items), f"</{tag}>"]
    if isinstance(block, Fields):
        rows = (f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.rows)
        return ["<dl>", *rows, "</dl>"]
    if isinstance(block, Table):

        def cell(tag: str, i: int, text: str) -> str:
            css = ' class="num"' if i in block.right else ""
            return f"<{tag}{css}>{escape(text)}</{tag}>"

        head = "".join(cell("th", i, h) for i, h in enumerate(block.header))
        body = [
            "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>"
            for r in block.rows
        ]
        return [
            "<table>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
        ]
    if isinstance(block, StampLine):
        return [f'<p class="stamp">{escape(block.text)}</p>']
    if isinstance(block, Signature):
        return ['<div class="signature">', *(f"<p>{escape(x)}</p>" for x in block.labels), "</div>"]
    raise TypeError(f"unknown block {block!r}")


def render_html(doc: Document) -> str:
    """The document as a complete HTML5 page; every piece of text is escaped.

    Args:
        doc: The document to render.

    Returns:
        HTML text ending in a newline; the export stamp is one line of its own.
    """
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{_CSS}{page_css(doc)}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    for block in doc.blocks:
        lines.extend(_block(block))
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
