"""What may be shown or kept: the one personnummer detector, clean text, and names in text."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date

from starmote.record import Record, record

# --- the personnummer detector ------------------------------------------------------
#
# One detector for every check: case and template files, typed text, the minutes and
# the invites. It reads the text as a person would: any digit form (full-width,
# Arabic-Indic…) is a digit, invisible format characters are not there, and the number
# may be split anywhere a date splits (19 12 12 12-1212, 1912.12.12/1212, 1912 1212 1212).

_SAMORDNING_OFFSET = 60
"""Samordningsnummer: the day of birth plus 60."""

# Between two groups of digits: one dash, plus, dot or slash (a space either side allowed),
# or one space. Runs of such groups are candidates; the splits decide what they can be.
_DASHES = "\u2010\u2012\u2013\u2014\u2015\u2212"
_RUN = re.compile(rf"[0-9]+(?:(?: ?[-+./{_DASHES}] ?| )[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")

# Any decimal digit (\d is Unicode-aware), and the digit-like symbols NFKC makes digits of.
_ANY_DIGIT = re.compile(r"[\d\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u249b]")

_SPLITS = {12: frozenset({2, 4, 6, 8}), 10: frozenset({2, 4, 6})}
"""Where a number of that length may be split: between century, year, month, day and the
last four. A phone number's groups (070-123 45 67) fall elsewhere, so phones stay allowed."""


def luhn_check_digit(nine: str) -> int:
    """The Luhn check digit for the nine digits YYMMDDNNN.

    Args:
        nine: Exactly nine ASCII digits.

    Returns:
        The check digit C (weights 2,1,2,1…; digit sums of products).
    """
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def _real_date(year: int, month: int, day: int) -> bool:
    if day > _SAMORDNING_OFFSET:
        day -= _SAMORDNING_OFFSET
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _valid(digits: str, plus: bool) -> bool:
    """Whether 10 or 12 ASCII digits are a personnummer or samordningsnummer."""
    if len(digits) == 12:
        if not _real_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])):
            return False
    else:
        yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        # The century is unknown in the short form: accept a date that exists in one the
        # person could be born in ('+' means at least 100 years old).
        centuries = (1800, 1900) if plus else (1900, 2000)
        if not any(_real_date(c + yy, month, day) for c in centuries):
            return False
    ten = digits[-10:]
    return luhn_check_digit(ten[:9]) == int(ten[9])


@functools.lru_cache(maxsize=4096)
def _reads_as_itself(ch: str) -> bool:
    """Whether the detector reads `ch` as it is (not a digit, space, format char or variant)."""
    if ch.isascii():
        return True
    if (
        ch.isspace()
        or unicodedata.category(ch) == "Cf"
        or unicodedata.decimal(ch, None) is not None
    ):
        return False
    return unicodedata.normalize("NFKC", ch) == ch


_ASCII_SPACE = str.maketrans("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f", " " * 9)


def _normalised(text: str) -> tuple[str, Sequence[int]]:
    """`text` as the detector reads it, and for each of its characters the original's index.

    NFKC per character (full-width digits and dashes become ASCII), every decimal digit as
    its ASCII digit (Arabic-Indic ones too, which NFKC leaves alone), whitespace as a space,
    and invisible format characters (zero-width, bidi) left out, so they hide nothing.
    """
    if text.isascii() or all(map(_reads_as_itself, set(text))):
        # The common case (Swedish letters included), many times faster: only whitespace.
        return text.translate(_ASCII_SPACE), range(len(text))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            piece = " " if ch.isspace() else ch
        elif unicodedata.category(ch) == "Cf":
            continue
        elif ch.isspace():
            piece = " "
        else:
            value = unicodedata.decimal(ch, None)
            piece = str(value) if value is not None else unicodedata.normalize("NFKC", ch)
        out.append(piece)
        origin.extend([i] * len(piece))
    return "".join(out), origin


def _in_run(run: str, offset: int) -> list[tuple[int, int]]:
    """The numbers in one run of digit groups, as spans of the normalised text."""
    groups = [(m.start() + offset, m.end() + offset, m.group()) for m in _GROUP.finditer(run)]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        best: int | None = None
        length, splits = 0, []
        for j in range(i, len(groups)):
            if length:
                splits.append(length)
            length += len(groups[j][2])
            if length > 12:
                break
            if length in _SPLITS and set(splits) <= _SPLITS[length]:
                digits = "".join(g[2] for g in groups[i : j + 1])
                # '+' before the last four: the person is 100 or older (10-digit form).
                tail_apart = bool(splits) and splits[-1] == length - 4
                plus = tail_apart and "+" in _gap(run, groups, j, offset)
                if _valid(digits, plus):
                    best = j
        if best is None:
            i += 1
            continue
        found.append((groups[i][0], groups[best][1]))
        i = best + 1
    return found


def _gap(run: str, groups: list[tuple[int, int, str]], j: int, offset: int) -> str:
    """The separator before group `j` of a run."""
    return run[groups[j - 1][1] - offset : groups[j][0] - offset]


def personnummer_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a personnummer or samordningsnummer: the one detector.

    A number is 10 or 12 digits (with or without the century), whole or split by '-',
    '+', a space, '.', '/' or a dash where a date splits (year, month, day, last four);
    its date must exist (day + 60 for a samordningsnummer) and its last digit must be the
    Luhn check digit. Any digit form counts (full-width, Arabic-Indic), and invisible
    characters do not hide one. Ten digits in a row that happen to pass (a mobile number
    typed without spaces) count too: there is no telling them apart.

    Args:
        text: Any text.

    Returns:
        (start, end) index pairs into `text`, in order, not overlapping.
    """
    if not isinstance(text, str) or len(_ANY_DIGIT.findall(text)) < 10:
        return []  # fewer than ten digits: no number (times, dates, short figures)
    norm, origin = _normalised(text)
    spans = []
    for run in _RUN.finditer(norm):
        for start, end in _in_run(run.group(), run.start()):
            spans.append((origin[start], origin[end - 1] + 1))
    return spans


def find_personnummer(text: str) -> list[str]:
    """Every personnummer or samordningsnummer in `text`, as written there.

    Args:
        text: Any text (a case file's field, a note, a line of the minutes, an invite).

    Returns:
        The substrings of `text` that `personnummer_spans` finds, in order.
    """
    return [text[start:end] for start, end in personnummer_spans(text)]


def contains_personnummer(text: str) -> bool:
    """Whether `text` holds a personnummer or samordningsnummer, however it is written."""
    return bool(personnummer_spans(text))


def is_valid_personnummer(text: str) -> bool:
    """Whether `text` (surrounding whitespace aside) is exactly one personnummer."""
    if not isinstance(text, str):
        return False
    text = text.strip()
    return personnummer_spans(text) == [(0, len(text))] if text else False


def mask_personnummer(text: str) -> str:
    """`text` with every digit of every personnummer in it replaced by '*'.

    The separators stay, so the reader sees that a number stood there ("********-****").

    Args:
        text: Any text.

    Returns:
        The masked text ("" for a non-string).
    """
    if not isinstance(text, str):
        return ""
    spans = personnummer_spans(text)
    if not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        out.append(text[at:start])
        for ch in text[start:end]:
            if ch.isdigit():
                out.append("*")
            elif unicodedata.category(ch) != "Cf":
                out.append(ch)
        at = end
    out.append(text[at:])
    return "".join(out)


# --- clean text ---------------------------------------------------------------------
#
# Control characters (C0, DEL, C1: ESC, BEL…) and invisible format characters (bidi
# overrides and isolates, direction marks, zero-width characters, the Arabic letter mark)
# can drive a terminal or make text read otherwise than it is stored. A case file may not
# hold them, typed text loses them, and the minutes show any that remain as "[U+202E]".

MULTILINE_WHITESPACE = "\t\n"
"""The only control characters a multi-line text may hold."""


def _unsafe(ch: str, multiline: bool) -> bool:
    if ch.isascii():
        if " " <= ch <= "~":
            return False
        return not (multiline and ch in MULTILINE_WHITESPACE)
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def unsafe_characters(text: str, multiline: bool = False) -> list[str]:
    """The control and invisible format characters in `text`, each once, in order.

    Args:
        text: Any text.
        multiline: Tab and line feed are allowed (a multi-line field).

    Returns:
        The characters that must not be there.
    """
    # Printable text holds none of them (a case file is mostly that): one C loop
    # rather than a call a character.
    if (text.replace("\t", "").replace("\n", "") if multiline else text).isprintable():
        return []
    found: list[str] = []
    for ch in text:
        if _unsafe(ch, multiline) and ch not in found:
            found.append(ch)
    return found


def code_point(ch: str) -> str:
    """A character's name as a reader can look it up: "U+202E"."""
    return f"U+{ord(ch):04X}"


def strip_unsafe(text: str, multiline: bool = False) -> str:
    """Typed or pasted text without control and invisible format characters.

    A line break (CR LF, CR, LS, PS) becomes a line feed in a multi-line text and a space
    in a one-line one, as does a tab; every other such character is removed.

    Args:
        text: What was typed or pasted.
        multiline: Whether the field may hold several lines.

    Returns:
        The cleaned text.
    """
    if text.isascii() and text.isprintable():
        return text
    text = re.sub("\r\n?|[\u2028\u2029\x85]", "\n", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return "".join(ch for ch in text if not _unsafe(ch, multiline))


def visible(text: str, multiline: bool = True) -> str:
    """`text` with each control or invisible format character shown as "[U+XXXX]".

    For documents: what got past every check is shown, never obeyed by a viewer.

    Args:
        text: Any text.
        multiline: Keep tab and line feed as they are.

    Returns:
        The text, safe to print.
    """
    if text.isprintable():
        return text
    return "".join(f"[{code_point(ch)}]" if _unsafe(ch, multiline) else ch for ch in text)


# --- names --------------------------------------------------------------------------


def _name_forms(name: str) -> set[str]:
    """The ways a name may be written: whole or in parts, with or without hyphens and spaces."""
    name = " ".join(unicodedata.normalize("NFKC", name).split())
    forms = {name, name.replace("-", " "), name.replace("-", "")}
    for word in (w.strip(".,;:()") for w in name.split()):
        # "Anna-Lena" is also written "Annalena" or "Anna Lena"; "Robin" alone names Robin K.
        if len(word) >= 3:
            forms.update({word, word.replace("-", ""), word.replace("-", " ")})
        forms.update(part for part in word.split("-") if len(part) >= 3)
    return {f for f in forms if f.strip()}


@record
class NameHit(Record):
    """Where a text mentions a name: its span and the form of the name found."""

    start: int
    end: int
    form: str


def name_hits(text: str, names: Iterable[str]) -> list[NameHit]:
    """Every place `text` mentions one of `names` (or a part of one).

    Whole words in any letter case, the genitive ("Robins", "Lars'") included; a form
    without its hyphen ("Annalena") or with a space for it ("Anna Lena") counts.

    Args:
        text: Any text (a note, a place, an e-mail address).
        names: Names from the case file.

    Returns:
        The hits in order of where they start, not overlapping (the longest form wins).
    """
    norm, origin = _normalised(text or "")
    spans: list[tuple[int, int, str]] = []
    forms = sorted({f for name in names for f in _name_forms(name)}, key=len, reverse=True)
    for form in forms:
        # Between the words of a name: spaces, a hyphen, or the dot of an address (sam.lind@).
        body = r"[\s._-]*".join(map(re.escape, form.split()))
        for m in re.finditer(rf"(?<!\w){body}(?:s|'s|:s|')?(?!\w)", norm, re.IGNORECASE):
            if not any(start < m.end() and m.start() < end for start, end, _ in spans):
                spans.append((m.start(), m.end(), form))
    # Back to the places in `text` (full-width letters and invisible characters differ).
    hits = [NameHit(origin[start], origin[end - 1] + 1, form) for start, end, form in spans]
    return sorted(hits, key=lambda h: h.start)


def find_names(text: str, names: Iterable[str]) -> list[str]:
    """The names (or parts of them) from `names` that `text` mentions.

    Matches whole words in any letter case, the genitive ("Robins") included.

    Args:
        text: Typed text, e.g. a note in an anonymised case.
        names: Names from the case file: the people of every party, the chair, a case's person.

    Returns:
        The forms found, in the order of `names`, each once.
    """
    found: list[str] = []
    for name in names:
        # Per name, so each name reports its longest form once, in the order given.
        forms = {h.form for h in name_hits(text, [name])}
        for form in sorted(forms, key=len, reverse=True)[:1]:
            if form not in found:
                found.append(form)
    return found
