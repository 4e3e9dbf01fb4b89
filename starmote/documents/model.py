"""A tiny document model that the minutes builders fill and the Markdown/HTML renderers walk."""

from __future__ import annotations

from dataclasses import dataclass

from starmote.privacy import mask_personnummer, visible


@dataclass(frozen=True)
class Heading:
    """A section heading (level 2 or 3; the title is level 1)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text."""

    text: str
    note: bool = False
    """Shown as a remark (italic in Markdown, a muted box in HTML)."""


@dataclass(frozen=True)
class Items:
    """A bulleted or numbered list of plain-text items."""

    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Fields:
    """Label/value pairs (meeting facts)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; `right` lists the columns to align right (numbers)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[int, ...] = ()


@dataclass(frozen=True)
class StampLine:
    """The export stamp: the only line that differs between two exports of one journal."""

    text: str


@dataclass(frozen=True)
class Signature:
    """Lines to sign on: a label each ("Underskrift", "Namnförtydligande"), the line empty."""

    labels: tuple[str, ...]


Block = Heading | Para | Items | Fields | Table | StampLine | Signature


def shown(text: str) -> str:
    """What a document may show of `text`: every personnummer masked, every control or
    bidi character made visible ("[U+202E]").

    The renderers apply this to every text they write, our own and the meeting's alike:
    the last line of defence should anything have got past the checks before it (a
    journal written by an older version, a table no builder masked).

    Args:
        text: Any text bound for a document.

    Returns:
        The text, safe to show.
    """
    return visible(mask_personnummer(text))


def text_lines(text: str) -> list[str]:
    """The lines of a typed text as a document shows them (a note may span several).

    Args:
        text: Any text; a paragraph or list item may hold line breaks.

    Returns:
        Its lines, inner spaces collapsed; a run of blank lines kept as one, none at the ends.
    """
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


@dataclass(frozen=True)
class Document:
    """A whole document: title, language (for `<html lang>`) and blocks in order."""

    title: str
    lang: str
    blocks: tuple[Block, ...]
    footer: str = ""
    """What every printed page shows beside its number (the case code, "UTKAST")."""
    page_words: tuple[str, str] = ("Sida", "av")
    """The printed page number's words: "Sida 2 av 4"."""
    print_pt: float = 11.0
    """The printed text size in points (the plain-language copy: 12 or more)."""
