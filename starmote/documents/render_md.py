"""Render a `Document` as Markdown (CommonMark with pipe tables)."""

from __future__ import annotations

import re

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

# Characters that would turn user text into markup (or raw HTML, an entity, a strikethrough
# or a fenced block) in a Markdown viewer.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
# A line that starts like a list item or a setext underline would change the structure.
_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape(text: str, line_start: bool = True) -> str:
    """User text made inert for Markdown, on one line (a table cell, a field's value).

    Args:
        text: Any text (notes can hold newlines, pipes, angle brackets).
        line_start: The text begins a line, so a leading "1." or "-" must not start a list.

    Returns:
        The text with Markdown specials backslash-escaped and line breaks as spaces; any
        personnummer masked and control characters shown (see `model.shown`).
    """
    return _inert(" ".join(shown(text).split()), line_start)


def _inert(one_line: str, line_start: bool) -> str:
    """One line of already shown text with every Markdown special escaped."""
    escaped = _SPECIAL.sub(r"\\\1", one_line)
    if not line_start:
        return escaped
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def escape_lines(text: str, indent: str = "") -> str:
    """User text made inert for Markdown, its line breaks kept as hard breaks.

    Args:
        text: A paragraph or list item; a note may span several lines.
        indent: What starts each further line, so it stays inside its list item.

    Returns:
        The escaped lines, joined by a backslash line break (CommonMark).
    """
    return ("\\\n" + indent).join(_inert(line, True) for line in text_lines(shown(text)))


def render_markdown(doc: Document) -> str:
    """The document as Markdown text ending in a single newline.

    Args:
        doc: The document to render.

    Returns:
        Markdown; the export stamp is one line of its own.
    """
    out: list[str] = [f"# {escape(doc.title)}"]
    for block in doc.blocks:
        out.append("")
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {escape(block.text)}")
        elif isinstance(block, Para):
            text = escape_lines(block.text)
            out.append(f"*{text}*" if block.note else text)
        elif isinstance(block, Items):
            for i, item in enumerate(block.items, 1):
                marker = f"{i}. " if block.ordered else "- "
                out.append(marker + escape_lines(item, " " * len(marker)))
        elif isinstance(block, Fields):
            for label, value in block.rows:
                out.append(f"- **{escape(label)}:** {escape(value, False)}")
        elif isinstance(block, Table):
            out.append("| " + " | ".join(escape(h, False) for h in block.header) + " |")
            out.append(
                "|"
                + "|".join("---:" if i in block.right else "---" for i in range(len(block.header)))
                + "|"
            )
            for row in block.rows:
                out.append("| " + " | ".join(escape(cell, False) or " " for cell in row) + " |")
        elif isinstance(block, StampLine):
            out.append(f"*{escape(block.text)}*")
        elif isinstance(block, Signature):
            out.append("\n\n".join(f"{escape(label)}: {'.' * 40}" for label in block.labels))
    return "\n".join(out) + "\n"
