"""Reading a TOML file without ever crashing, and finding the line of any field."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starmote.i18n import t
from starmote.privacy import visible
from starmote.record import Record, record

MAX_BYTES = 1_000_000
"""Case and template files are a few kilobytes; anything this big is a mistake."""

FieldPath = tuple[str | int, ...]
"""A field inside the document: table names, keys and 0-based array indices."""

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PARTS = re.compile(_PART)
_SYNTAX_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)\s*$")


@record
class Problem(Record):
    """One thing wrong with a file, printed as `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str
    warning: bool = False
    """A warning leaves the file valid (e.g. a team case outside a party's window)."""

    def __str__(self) -> str:
        # A key or a file name may hold ESC or a bidi override: shown, never obeyed.
        return visible(f"{self.file}:{self.line}: {self.field}: {self.message}", multiline=False)


class FormatError(Exception):
    """A case or template file is not valid; `problems` lists everything wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file in order of first appearance, then by line (stable)."""
    # Group by file in order of first appearance, then by line (stable).
    order: dict[str, int] = {}
    for p in problems:
        order.setdefault(p.file, len(order))
    return sorted(problems, key=lambda p: (order[p.file], p.line))


def field_name(path: FieldPath) -> str:
    """Human form of a field path: `parties[2].email` (indices 1-based).

    Args:
        path: Keys and 0-based indices.

    Returns:
        Dotted name; "-" for the document itself.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out or "-"


def _split_key(dotted: str) -> list[str]:
    parts = []
    for raw in _PARTS.findall(dotted):
        if raw[:1] in "\"'":
            raw = raw[1:-1]
        parts.append(raw)
    return parts


def _strip_strings(line: str) -> str:
    # Drop string contents and comments, so brackets inside them are not counted.
    line = re.sub(_QUOTED, '""', line)
    return line.split("#", 1)[0]


class Locator:
    """Maps field paths to 1-based line numbers by scanning the source text.

    tomllib keeps no positions, so this reads table headers and `key =` lines;
    a field that is not written falls back to its nearest written parent. The text
    is scanned when a line is first asked for: a file without problems never is.
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._lines: dict[FieldPath, int] = {}

    def _record(self, path: FieldPath, line: int) -> None:
        for n in range(1, len(path) + 1):
            self._lines.setdefault(path[:n], line)

    def _scan(self, text: str) -> None:
        current: FieldPath = ()
        arrays: dict[FieldPath, int] = {}
        depth = 0
        multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if multiline:
                if line.count(multiline) % 2 == 1:
                    multiline = None
                continue
            if depth == 0:
                header = _HEADER.match(line)
                if header:
                    current = self._header(header, arrays)
                    self._lines[current] = number
                    self._record(current, number)
                    continue
                key = _KEY_LINE.match(line)
                if key:
                    self._record(current + tuple(_split_key(key.group(1))), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    multiline = quote
                    break
            else:
                bare = _strip_strings(line)
                depth = max(0, depth + bare.count("[") - bare.count("]"))

    @staticmethod
    def _header(match: re.Match[str], arrays: dict[FieldPath, int]) -> FieldPath:
        parts = _split_key(match.group(2))
        is_array = match.group(1) == "[["
        resolved: list[str | int] = []
        for i, part in enumerate(parts):
            resolved.append(part)
            key = tuple(resolved)
            last = i == len(parts) - 1
            if last and is_array:
                count = arrays.get(key, 0)
                arrays[key] = count + 1
                resolved.append(count)
            elif key in arrays:
                # A sub-table of an array of tables belongs to its latest element.
                resolved.append(arrays[key] - 1)
        return tuple(resolved)

    def line(self, path: FieldPath) -> int:
        """The line of `path`, else of its nearest written parent, else 1.

        Args:
            path: Keys and 0-based indices.

        Returns:
            A 1-based line number.
        """
        if self._text is not None:
            self._scan(self._text)
            self._text = None
        for n in range(len(path), 0, -1):
            found = self._lines.get(path[:n])
            if found is not None:
                return found
        return 1


@dataclass
class Source:
    """A file read and parsed as far as possible."""

    file: str
    text: str = ""
    data: dict[str, Any] | None = None
    problems: list[Problem] | None = None


def read_toml(path: str | Path, lang: str = "sv") -> Source:
    """Read and parse a TOML file, turning every failure into a Problem.

    Args:
        path: The file, as the user gave it (it is used in the messages).
        lang: Language of the messages.

    Returns:
        A Source whose `data` is the parsed document, or None with `problems`
        explaining why (missing, unreadable, too big, not UTF-8, bad syntax).
    """
    file = str(path)
    src = Source(file=file, problems=[])

    def fail(key: str, line: int = 1, field: str | None = None, **values: object) -> Source:
        name = field or t("formats.field_file", lang)
        src.problems = [Problem(file, line, name, t(key, lang, **values))]
        return src

    p = Path(path)
    try:
        if not p.exists():
            return fail("formats.file_missing")
        if not p.is_file():
            return fail("formats.not_a_file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            return fail("formats.too_big", size=size, limit=MAX_BYTES)
        raw = p.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        return fail("formats.unreadable", error=exc.strerror or type(exc).__name__)
    except ValueError as exc:  # e.g. a NUL byte in the path
        return fail("formats.unreadable", error=str(exc))
    if len(raw) > MAX_BYTES:
        return fail("formats.too_big", size=len(raw), limit=MAX_BYTES)
    try:
        # utf-8-sig: files saved by Windows editors start with a BOM; accept it.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail("formats.not_utf8", line=line, byte=f"{raw[exc.start]:02x}")
    src.text = text
    try:
        src.data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _SYNTAX_AT.search(message)
        if at:
            detail = message[: at.start()]
            return fail(
                "formats.syntax", int(at.group(1)), "toml", column=int(at.group(2)), detail=detail
            )
        end = _SYNTAX_END.search(message)
        detail = message[: end.start()] if end else message
        return fail("formats.syntax_end", text.count("\n") + 1, "toml", detail=detail)
    except RecursionError:
        return fail("formats.too_deep", field="toml")
    return src
