"""Typed access to parsed TOML that records a located Problem for every mistake."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from starmote import privacy
from starmote.i18n import t
from starmote.plan import limits
from starmote.plan.toml_source import FieldPath, Locator, Problem, Source, field_name

KEY_RE = re.compile(r"^[a-z0-9_-]+$")
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.][^@\s]*$")

_MISSING = object()


def show(value: object, limit: int = 60) -> str:
    """A value as it may appear inside a message: short, one line, nothing a terminal obeys."""
    text = value if isinstance(value, str) else repr(value)
    text = privacy.visible(text.replace("\n", " "), multiline=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def type_name(value: object, lang: str) -> str:
    """The TOML name of `value`'s type, in `lang`."""
    # bool before int (bool is an int) and datetime before date (same reason).
    for kind, key in (
        (bool, "bool"),
        (int, "int"),
        (float, "float"),
        (str, "str"),
        (datetime, "datetime"),
        (date, "date"),
        (time, "time"),
        (list, "list"),
        (dict, "table"),
    ):
        if isinstance(value, kind):
            return t(f"formats.type.{key}", lang)
    return type(value).__name__


class Checker:
    """Reads fields of one parsed file and collects what is wrong with them."""

    def __init__(self, src: Source, lang: str = "sv") -> None:
        self.file = src.file
        self.lang = lang
        self.locator = Locator(src.text)
        self.problems: list[Problem] = []

    def line(self, path: FieldPath) -> int:
        """The source line of `path` (or of its nearest written parent)."""
        return self.locator.line(path)

    def report(self, path: FieldPath, key: str, **values: object) -> None:
        """Record a problem at `path` with the message `key`."""
        self.problems.append(
            Problem(self.file, self.line(path), field_name(path), t(key, self.lang, **values))
        )

    def warn(self, path: FieldPath, key: str, **values: object) -> None:
        """Record a warning at `path`: worth the chair's attention, but the file stays valid."""
        message = t("formats.warning", self.lang, message=t(key, self.lang, **values))
        self.problems.append(
            Problem(self.file, self.line(path), field_name(path), message, warning=True)
        )

    def _get(self, table: dict[str, Any], path: FieldPath, name: str, required: bool) -> Any:
        value = table.get(name, _MISSING)
        if value is _MISSING and required:
            self.report(path + (name,), "formats.missing_field")
        return value

    def _wrong(self, path: FieldPath, expected: str, value: object) -> None:
        self.report(
            path,
            "formats.wrong_type",
            expected=t(f"formats.type.{expected}", self.lang),
            actual=type_name(value, self.lang),
        )

    def unknown_keys(self, table: dict[str, Any], path: FieldPath, allowed: set[str]) -> None:
        """Report every key of `table` that is not in `allowed` (catches typos)."""
        for key in table:
            if key not in allowed:
                self.report(path + (key,), "formats.unknown_field")

    def table(
        self, parent: dict[str, Any], path: FieldPath, name: str, required: bool
    ) -> dict[str, Any] | None:
        """The sub-table `name`, or None (absent, or reported as wrong)."""
        value = parent.get(name, _MISSING)
        if value is _MISSING:
            if required:
                self.report(
                    path + (name,), "formats.missing_table", name=field_name(path + (name,))
                )
            return None
        if not isinstance(value, dict):
            self._wrong(path + (name,), "table", value)
            return None
        return value

    def tables(
        self, parent: dict[str, Any], path: FieldPath, name: str, required: bool
    ) -> list[dict[str, Any]]:
        """The array of tables `name`; elements that are not tables are reported and skipped."""
        value = parent.get(name, _MISSING)
        if value is _MISSING:
            if required:
                self.report(
                    path + (name,), "formats.missing_array", name=field_name(path + (name,))
                )
            return []
        if not isinstance(value, list):
            self._wrong(path + (name,), "table_list", value)
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append(item)
            else:
                self._wrong(path + (name, i), "table", item)
        return out

    def text(
        self,
        table: dict[str, Any],
        path: FieldPath,
        name: str,
        required: bool = False,
        nonempty: bool = False,
        limit: int | None = None,
        multiline: bool = False,
    ) -> str | None:
        """A string field: "" when absent and optional, None when wrong, missing or too long.

        `limit` is the most characters it may have (see `starmote.plan.limits`). Every text
        field is checked here, so none may hold a control or bidi character (tab and line
        feed only when `multiline`) or a personnummer: see `clean`.
        """
        value = self._get(table, path, name, required)
        if value is _MISSING:
            return None if required else ""
        if not isinstance(value, str):
            self._wrong(path + (name,), "str", value)
            return None
        if (required or nonempty) and not value.strip():
            self.report(path + (name,), "formats.empty")
            return None
        if not self.clean(path + (name,), value, multiline):
            return None
        if not self.within(path + (name,), value, limit):
            return None
        return value

    def clean(self, path: FieldPath, value: str, multiline: bool = False) -> bool:
        """Whether `value` is fit to show and keep; one problem reported at `path` when not.

        A control or bidi character could drive the terminal or make the text read
        otherwise than it is; a personnummer is never needed to run a meeting and would
        be shown on a screen that may be projected, and in the minutes.
        """
        unsafe = privacy.unsafe_characters(value, multiline)
        if unsafe:
            chars = ", ".join(privacy.code_point(ch) for ch in unsafe)
            self.report(path, "formats.control_chars", chars=chars)
            return False
        if privacy.contains_personnummer(value):
            self.report(path, "formats.personnummer_in_text")
            return False
        return True

    def within(self, path: FieldPath, value: str, limit: int | None) -> bool:
        """Whether `value` has at most `limit` characters (None: any); reported when not."""
        if limit is None or len(value) <= limit:
            return True
        self.report(path, "formats.too_long", limit=limit, got=len(value))
        return False

    def choice(
        self,
        table: dict[str, Any],
        path: FieldPath,
        name: str,
        choices: tuple[str, ...],
        default: str | None,
    ) -> str | None:
        """A string that must be one of `choices`; `default` when absent (None: required)."""
        value = self.text(table, path, name, required=default is None)
        if value is None:
            return None
        if value == "" and name not in table:
            return default
        if value not in choices:
            self.report(
                path + (name,), "formats.one_of", value=show(value), choices=", ".join(choices)
            )
            return None
        return value

    def boolean(self, table: dict[str, Any], path: FieldPath, name: str, default: bool) -> bool:
        """A true/false field; `default` when absent or wrong."""
        value = table.get(name, _MISSING)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self._wrong(path + (name,), "bool", value)
            return default
        return value

    def integer(
        self,
        table: dict[str, Any],
        path: FieldPath,
        name: str,
        lo: int,
        hi: int,
        required: bool = False,
    ) -> int | None:
        """An integer in [lo, hi]; None when absent, wrong or out of range."""
        value = self._get(table, path, name, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(path + (name,), "int", value)
            return None
        if not lo <= value <= hi:
            self.report(path + (name,), "formats.out_of_range", lo=lo, hi=hi, value=show(value))
            return None
        return value

    def number(
        self,
        table: dict[str, Any],
        path: FieldPath,
        name: str,
        lo: float,
        hi: float,
        required: bool = False,
    ) -> float | None:
        """An int or float in [lo, hi] (NaN refused); None when absent or wrong."""
        value = self._get(table, path, name, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._wrong(path + (name,), "number", value)
            return None
        if not lo <= value <= hi:  # also false for NaN
            self.report(path + (name,), "formats.out_of_range", lo=lo, hi=hi, value=show(value))
            return None
        return float(value)

    def strings(
        self,
        table: dict[str, Any],
        path: FieldPath,
        name: str,
        required: bool = False,
        limit: int | None = None,
        multiline: bool = False,
    ) -> tuple[str, ...] | None:
        """Strings, each clean and at most `limit` long; () when absent, None when wrong."""
        value = self._get(table, path, name, required)
        if value is _MISSING:
            return None if required else ()
        if not isinstance(value, list):
            self._wrong(path + (name,), "str_list", value)
            return None
        ok = True
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self._wrong(path + (name, i), "str", item)
                ok = False
            elif not (
                self.clean(path + (name, i), item, multiline)
                and self.within(path + (name, i), item, limit)
            ):
                ok = False
        return tuple(value) if ok else None

    def day(self, table: dict[str, Any], path: FieldPath, name: str) -> date | None:
        """A TOML local date (not a date-time); None when absent or wrong."""
        value = table.get(name, _MISSING)
        if value is _MISSING:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self._wrong(path + (name,), "date", value)
            return None
        return value

    def key(self, table: dict[str, Any], path: FieldPath, name: str) -> str | None:
        """A required identifier: a–z, 0–9, '-' and '_', at most `limits.KEY` long."""
        value = self.text(table, path, name, required=True, limit=limits.KEY)
        if value is None:
            return None
        if not KEY_RE.match(value):
            self.report(path + (name,), "formats.bad_key", value=show(value))
            return None
        return value

    def email(self, table: dict[str, Any], path: FieldPath, name: str) -> str:
        """An optional work e-mail address; "" when absent or wrong."""
        value = self.text(table, path, name, limit=limits.EMAIL)
        if not value:
            return ""
        if not EMAIL_RE.match(value):
            self.report(path + (name,), "formats.bad_email", value=show(value))
            return ""
        return value
