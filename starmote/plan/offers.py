"""The utbudskarta: what each organisation in a team can offer, read from a TOML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starmote.plan.fields import KEY_RE, Checker, show
from starmote.plan.model import Offer
from starmote.plan.toml_source import (
    FieldPath,
    FormatError,
    Problem,
    Source,
    read_toml,
    sorted_problems,
)

FILE_NAME = "utbudskarta.toml"
"""The user's own utbudskarta in the data directory."""

_TOP = {"utbudskarta", "offers"}
_HEAD = {"name", "updated"}
_OFFER = {"key", "kind", "title", "description"}


def check_offers(src: Source, lang: str = "sv") -> tuple[tuple[Offer, ...] | None, list[Problem]]:
    """The offers of a parsed utbudskarta, or the problems found.

    Args:
        src: The parsed file.
        lang: Language of problem messages.

    Returns:
        (offers, []) when valid, else (None, problems).
    """
    c = Checker(src, lang)
    data: dict[str, Any] = src.data or {}
    c.unknown_keys(data, (), _TOP)
    head = c.table(data, (), "utbudskarta", required=True)
    if head is not None:
        c.unknown_keys(head, ("utbudskarta",), _HEAD)
        c.text(head, ("utbudskarta",), "name", required=True)
        c.day(head, ("utbudskarta",), "updated")
    offers: list[Offer] = []
    seen: dict[str, int] = {}
    for i, table in enumerate(c.tables(data, (), "offers", required=True)):
        path: FieldPath = ("offers", i)
        c.unknown_keys(table, path, _OFFER)
        key = c.key(table, path, "key")
        kind = c.key(table, path, "kind")
        title = c.text(table, path, "title", required=True)
        description = c.text(table, path, "description")
        if key is not None and KEY_RE.match(key):
            if key in seen:
                c.report(path + ("key",), "formats.duplicate", value=show(key), line=seen[key])
            seen.setdefault(key, c.line(path + ("key",)))
        if key and kind and title and description is not None:
            offers.append(Offer(key=key, kind=kind, title=title.strip(), description=description))
    if c.problems:
        return None, sorted_problems(c.problems)
    return tuple(offers), []


def load_offers(path: str | Path, lang: str = "sv") -> tuple[Offer, ...]:
    """Read and check an utbudskarta file.

    Raises:
        FormatError: with every problem found.
    """
    src = read_toml(path, lang)
    if src.data is None:
        raise FormatError(src.problems or [])
    offers, problems = check_offers(src, lang)
    if offers is None:
        raise FormatError(problems)
    return offers
