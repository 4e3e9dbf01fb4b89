"""Personnummer checks (validate, mask, find) and finding names from the case file in text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

# YYMMDD or YYYYMMDD, an optional separator ('-', or '+' from the year one turns
# 100), then NNNC. Lookarounds keep us from matching inside longer digit runs.
_SHAPE = re.compile(r"^(?P<date>\d{6}|\d{8})(?P<sep>[-+]?)(?P<tail>\d{4})$")
_LIKE = re.compile(r"(?<![\d+-])(\d{6}|\d{8})([-+]?)(\d{4})(?![\d])")

_SAMORDNING_OFFSET = 60
"""Samordningsnummer: the day of birth plus 60."""


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


def _date_ok(digits: str, sep: str) -> bool:
    if len(digits) == 8:
        if sep == "+":
            return False  # '+' only belongs to the 10-digit form
        return _real_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    # The century is unknown in the short form: accept a date that exists in one
    # the person could be born in ('+' means at least 100 years old).
    centuries = (1800, 1900) if sep == "+" else (1900, 2000)
    return any(_real_date(c + yy, month, day) for c in centuries)


def _valid_parts(digits: str, sep: str, tail: str) -> bool:
    if not (digits.isascii() and tail.isascii()):
        return False
    if not _date_ok(digits, sep):
        return False
    ten = digits[-6:] + tail
    return luhn_check_digit(ten[:9]) == int(ten[9])


def is_valid_personnummer(s: str) -> bool:
    """Whether `s` is a valid personnummer or samordningsnummer.

    Accepts YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC and
    YYYYMMDDNNNC; the date must exist (day + 60 for samordningsnummer) and the
    last digit must be the Luhn check digit.

    Args:
        s: The text to check (surrounding whitespace is ignored).

    Returns:
        True if valid.
    """
    if not isinstance(s, str):
        return False
    match = _SHAPE.match(s.strip())
    if not match:
        return False
    return _valid_parts(match["date"], match["sep"], match["tail"])


def mask_personnummer(s: str) -> str:
    """Hide the last four digits of a personnummer, keeping its shape.

    Args:
        s: A personnummer in any accepted form (or any other text).

    Returns:
        e.g. "19121212-****"; text that is not personnummer-shaped gets every
        digit replaced by '*', so nothing identifying leaks by mistake.
    """
    if not isinstance(s, str):
        return ""
    text = s.strip()
    match = _SHAPE.match(text)
    if match:
        return f"{match['date']}{match['sep']}****"
    return re.sub(r"\d", "*", text)


# In free text a personnummer may also be typed with a space or an en dash.
_IN_TEXT = re.compile(r"(?<![\d+-])(\d{6}|\d{8})([-+ \u2013]?)(\d{4})(?!\d)")


def _valid_matches(pattern: re.Pattern[str], text: str) -> list[str]:
    """The matches of `pattern` (date, separator, last four) that pass the date and Luhn checks."""
    if not isinstance(text, str):
        return []
    found = []
    for match in pattern.finditer(text):
        digits, sep, tail = match.groups()
        # A space or a dash of any kind reads as '-'; only '+' means 100 years or more.
        if _valid_parts(digits, "+" if sep == "+" else "-" if sep else "", tail):
            found.append(match.group(0))
    return found


def contains_personnummer(text: str) -> bool:
    """Whether typed `text` holds a valid personnummer, however it is separated.

    Ten digits in a row that happen to be a valid number (a mobile number typed without
    spaces, say) count too: there is no telling them apart, so the chair is asked to
    write a phone number with spaces.
    """
    return bool(_valid_matches(_IN_TEXT, text))


def find_personnummer_like(text: str) -> list[str]:
    """Find valid personnummer/samordningsnummer in free text.

    Args:
        text: Any text (notes, questions, minutes).

    Returns:
        The matching substrings in order of appearance: 10 or 12 digits, with
        or without a '-'/'+' separator, that pass the date and Luhn checks.
    """
    return _valid_matches(_LIKE, text)


def _name_forms(name: str) -> set[str]:
    """The ways a name may be written: whole or in parts, with or without its hyphen."""
    name = " ".join(unicodedata.normalize("NFKC", name).split())
    forms = {name, name.replace("-", " "), name.replace("-", "")}
    for word in (w.strip(".,;:()") for w in name.split()):
        # "Anna-Lena" is also written "Annalena" or "Anna Lena"; "Robin" alone names Robin K.
        if len(word) >= 3:
            forms.update({word, word.replace("-", ""), word.replace("-", " ")})
        forms.update(part for part in word.split("-") if len(part) >= 3)
    return {f for f in forms if f.strip()}


def find_names(text: str, names: Iterable[str]) -> list[str]:
    """The names (or parts of them) from `names` that `text` mentions.

    Matches whole words in any letter case, the genitive ("Robins") included.

    Args:
        text: Typed text, e.g. a note in an anonymised case.
        names: Names from the case file: the people of every party, the chair, a case's person.

    Returns:
        The forms found, in the order of `names`, each once.
    """
    text = unicodedata.normalize("NFKC", text or "")
    found: list[str] = []
    for name in names:
        for form in sorted(_name_forms(name), key=len, reverse=True):
            body = r"[\s-]*".join(map(re.escape, form.split()))
            if re.search(rf"(?<!\w){body}(?:s|'s|:s)?(?!\w)", text, re.IGNORECASE):
                if form not in found:
                    found.append(form)
                break
    return found
