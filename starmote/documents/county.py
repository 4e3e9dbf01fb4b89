"""Anonymised statistics for the county: counts per organisation and month, and their merge.

What leaves the laptop is built from an allow-list: the kind and name of each
organisation (a private person only by kind), the month, and counts. Never a case
code, a person's name, a note or a date finer than a month. A file read back for a
merge is checked against the same allow-list, strictly: any other field, a wrong
type, a private person under a name, or a personnummer anywhere is refused, so a
file that carries case data never joins a county's table.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from starmote import privacy
from starmote.errors import KeyedError
from starmote.store.history import COUNTS, FOLLOW_UPS, Filters, FollowUps, OrgFigures
from starmote.store.summary import private

FORMAT = "starmote-attendance"
VERSION = 1
"""Bump when the shape changes; a merge reads only the versions it knows."""

ROW_FIELDS = ("period", "kind", "organisation", *COUNTS)
"""A row's fields, in CSV column order: the allow-list."""
FOLLOW_UP_FIELDS = ("period", *FOLLOW_UPS)
TOP_FIELDS = ("format", "version", "from", "to", "template", "rows", "follow_ups")
_SECONDS = ("due_s", "present_s")
"""Counts of seconds, written as whole seconds."""

_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_KIND = re.compile(r"^[a-z0-9_-]{1,40}$")
_TEMPLATE = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_ORGANISATION = 200
"""As in a case file: an organisation's name is at most 200 characters."""


class CountyFileError(KeyedError):
    """A statistics file that cannot be merged; `message(lang)` says which field and why."""


@dataclass(frozen=True)
class CountyData:
    """Counts per organisation and month, and follow-ups per month: a file's whole content."""

    rows: tuple[OrgFigures, ...]
    follow_ups: tuple[FollowUps, ...] = ()
    start: date | None = None
    end: date | None = None
    template: str | None = None


def county_data(
    rows: Iterable[OrgFigures], follow_ups: Iterable[FollowUps], filters: Filters
) -> CountyData:
    """The anonymised content of a history selection (from `history.monthly`).

    Args:
        rows: Figures per month and organisation.
        follow_ups: Follow-ups per month.
        filters: The selection they came from (its period and template are stated).

    Returns:
        The data, with each private person's name dropped for its kind alone.
    """
    clean = tuple(
        OrgFigures(
            kind=r.kind,
            organisation="" if private(r.kind, "") else r.organisation,
            period=r.period,
            **{name: getattr(r, name) for name in COUNTS},
        )
        for r in rows
    )
    return CountyData(clean, tuple(follow_ups), filters.start, filters.end, filters.template)


# --- writing ---------------------------------------------------------------------


def _count(name: str, value: Any) -> int:
    return round(value) if name in _SECONDS else int(value)


def to_json(data: CountyData) -> str:
    """The JSON text of `data`: only allow-listed fields.

    Args:
        data: From `county_data` or `merge`.

    Returns:
        Indented UTF-8 JSON with a final newline.
    """
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "from": data.start.isoformat() if data.start else None,
        "to": data.end.isoformat() if data.end else None,
        "template": data.template,
        "rows": [
            {
                "period": r.period,
                "kind": r.kind,
                "organisation": r.organisation,
                **{name: _count(name, getattr(r, name)) for name in COUNTS},
            }
            for r in data.rows
        ],
        "follow_ups": [
            {"period": f.period, **{name: getattr(f, name) for name in FOLLOW_UPS}}
            for f in data.follow_ups
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # A name from a case file must not run as a formula in the county's spreadsheet.
        return "'" + value
    return value


def write_csv(data: CountyData, out: IO[str]) -> None:
    """The rows of `data` as CSV, with stable English headers so formulas survive a change of
    interface language (follow-ups are in the JSON; a spreadsheet wants one table).

    Args:
        data: From `county_data` or `merge`.
        out: A text stream (open it with newline="").
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROW_FIELDS)
    for r in data.rows:
        writer.writerow(
            [_cell(r.period), _cell(r.kind), _cell(r.organisation)]
            + [_count(name, getattr(r, name)) for name in COUNTS]
        )


def csv_text(data: CountyData) -> str:
    """`write_csv` into a string."""
    out = io.StringIO(newline="")
    write_csv(data, out)
    return out.getvalue()


# --- reading and merging ------------------------------------------------------------


def _refuse(source: str, where: str, key: str, **values: Any) -> CountyFileError:
    return CountyFileError(f"county.error.{key}", file=source, where=where, **values)


_KEYS: dict[tuple[str, ...], frozenset[str]] = {}


def _exact_keys(obj: Any, allowed: Sequence[str], source: str, where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _refuse(source, where, "not_object")
    if obj.keys() == _KEYS.setdefault(tuple(allowed), frozenset(allowed)):
        return obj
    extra = sorted(set(obj) - set(allowed))
    if extra:
        # Anything beyond counts may be case data: refuse the file, name the field.
        raise _refuse(source, f"{where}.{extra[0]}" if where else extra[0], "extra_field")
    missing = [k for k in allowed if k not in obj]
    if missing:
        raise _refuse(source, f"{where}.{missing[0]}" if where else missing[0], "missing_field")
    return obj


def _counts(obj: dict[str, Any], names: Sequence[str], source: str, where: str) -> dict[str, Any]:
    """The counts `names` of `obj`, each a whole number, zero or more."""
    for name in names:
        value = obj[name]
        if type(value) is not int or value < 0:
            raise _refuse(source, f"{where}.{name}", "not_count")
    return {name: obj[name] for name in names}


def _text(value: Any, pattern: re.Pattern[str], source: str, where: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise _refuse(source, where, "bad_value")
    return value


def _organisation(value: Any, kind: str, source: str, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_ORGANISATION:
        raise _refuse(source, where, "bad_value")
    if _CONTROL.search(value):
        raise _refuse(source, where, "bad_value")
    if privacy.contains_personnummer(value):
        raise _refuse(source, where, "personnummer")
    if value and private(kind, ""):
        # A private person is counted by kind alone: a name here may be theirs.
        raise _refuse(source, where, "private_named")
    return value


def _date(value: Any, source: str, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(_text(value, re.compile(r"^\d{4}-\d{2}-\d{2}$"), source, where))
    except ValueError:
        raise _refuse(source, where, "bad_value") from None


def _row(obj: Any, source: str, where: str) -> OrgFigures:
    obj = _exact_keys(obj, ROW_FIELDS, source, where)
    kind = _text(obj["kind"], _KIND, source, f"{where}.kind")
    counts = _counts(obj, COUNTS, source, where)
    row = OrgFigures(
        kind=kind,
        organisation=_organisation(obj["organisation"], kind, source, f"{where}.organisation"),
        period=_text(obj["period"], _PERIOD, source, f"{where}.period"),
        **counts,
    )
    if (
        row.attended + row.absent + row.not_recorded != row.invited
        or max(row.late, row.left_early, row.dropped, row.substitutes) > row.attended
        or row.present_s > row.due_s
        or row.cases_present > row.cases_total
    ):
        raise _refuse(source, where, "inconsistent")
    return row


def _follow_up(obj: Any, source: str, where: str) -> FollowUps:
    obj = _exact_keys(obj, FOLLOW_UP_FIELDS, source, where)
    counts = _counts(obj, FOLLOW_UPS, source, where)
    found = FollowUps(period=_text(obj["period"], _PERIOD, source, f"{where}.period"), **counts)
    if found.on_time + found.late + found.plan_closed != found.due or found.held_late > found.late:
        raise _refuse(source, where, "inconsistent")
    return found


def parse(text: str, source: str = "") -> CountyData:
    """Read and check one statistics file.

    Args:
        text: The JSON text.
        source: Its name, for messages.

    Returns:
        Its data.

    Raises:
        CountyFileError: Not JSON, another format or version, or anything beyond the
            allowed fields and values: the message names the first offending field.
    """
    try:
        doc = json.loads(text)
    except ValueError:
        raise _refuse(source, "", "not_json") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _refuse(source, "format", "not_ours")
    if doc.get("version") != VERSION:
        raise _refuse(source, "version", "version", found=doc.get("version"), known=VERSION)
    doc = _exact_keys(doc, TOP_FIELDS, source, "")
    template = doc["template"]
    if template is not None:
        _text(template, _TEMPLATE, source, "template")
    if not isinstance(doc["rows"], list) or not isinstance(doc["follow_ups"], list):
        raise _refuse(
            source, "rows" if not isinstance(doc["rows"], list) else "follow_ups", "bad_value"
        )
    rows = tuple(_row(r, source, f"rows[{i}]") for i, r in enumerate(doc["rows"]))
    follow_ups = tuple(
        _follow_up(f, source, f"follow_ups[{i}]") for i, f in enumerate(doc["follow_ups"])
    )
    return CountyData(
        rows,
        follow_ups,
        _date(doc["from"], source, "from"),
        _date(doc["to"], source, "to"),
        template,
    )


def read(path: Path | str) -> CountyData:
    """Read and check the statistics file at `path` (see `parse`).

    Raises:
        CountyFileError: It cannot be read or merged.
    """
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _refuse(
            str(path), "", "unreadable", error=getattr(exc, "strerror", None) or exc
        ) from None
    return parse(text, str(path))


def merge(files: Sequence[CountyData]) -> CountyData:
    """Several coordinators' files added into one: counts summed per organisation and month.

    Organisations match by kind and name, ignoring case and runs of spaces; the name is
    kept as the first file spells it.

    Args:
        files: The files' data.

    Returns:
        The sum, stating the earliest start and latest end the files state (None if any
        file had no limit), and a template only if every file names the same one.
    """
    from starmote.store.summary import norm

    rows: dict[tuple[str, str, str], OrgFigures] = {}
    follow_ups: dict[str, FollowUps] = {}
    for data in files:
        for r in data.rows:
            key = (r.period, r.kind, norm(r.organisation))
            rows[key] = rows[key].add(r) if key in rows else r
        for f in data.follow_ups:
            follow_ups[f.period] = follow_ups[f.period].add(f) if f.period in follow_ups else f
    starts = [d.start for d in files]
    ends = [d.end for d in files]
    templates = {d.template for d in files}
    return CountyData(
        rows=tuple(sorted(rows.values(), key=lambda r: (r.period, r.kind, norm(r.organisation)))),
        follow_ups=tuple(follow_ups[p] for p in sorted(follow_ups)),
        start=None if not starts or None in starts else min(s for s in starts if s),
        end=None if not ends or None in ends else max(e for e in ends if e),
        template=templates.pop() if len(templates) == 1 else None,
    )


def totals(data: CountyData, filters: Filters | None = None) -> tuple[list[OrgFigures], FollowUps]:
    """The county table: each organisation's counts over the months `filters` select.

    Args:
        data: Merged (or one file's) data.
        filters: Only its period and party apply (a file holds no template per row).

    Returns:
        One row per organisation (no runs: they are each coordinator's own now), ordered
        by kind and name; and the follow-ups over the same months.
    """
    from starmote.store.summary import norm

    filters = filters or Filters()
    first = filters.start.isoformat()[:7] if filters.start else ""
    last = filters.end.isoformat()[:7] if filters.end else "9999-12"
    wanted = filters.party.strip() if filters.party else None
    out: dict[tuple[str, str], OrgFigures] = {}
    for r in data.rows:
        if not first <= r.period <= last:
            continue
        if wanted and wanted.lower() != r.kind and norm(wanted) != norm(r.organisation):
            continue
        key = (r.kind, norm(r.organisation))
        whole = OrgFigures(r.kind, r.organisation, **{name: getattr(r, name) for name in COUNTS})
        out[key] = out[key].add(whole) if key in out else whole
    follow_ups = FollowUps()
    for f in data.follow_ups:
        if first <= f.period <= last:
            follow_ups = follow_ups.add(f)
    return sorted(out.values(), key=lambda r: (r.kind, norm(r.organisation))), follow_ups
