"""`starmote history`: attendance per organisation, a party's trend, and the county's files."""

from __future__ import annotations

import argparse
import calendar
import re
import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from starmote.i18n import t

if TYPE_CHECKING:
    from rich.console import Console

    from starmote.documents.county import CountyData
    from starmote.store.history import Filters, FollowUps, OrgFigures, Report


def configure_history(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE", help=t("cli.history.from", lang))
    parser.add_argument("--to", dest="end", metavar="DATE", help=t("cli.history.to", lang))
    parser.add_argument("--template", metavar="KEY", help=t("cli.history.template", lang))
    parser.add_argument("--party", metavar="PARTY", help=t("cli.history.party", lang))
    parser.add_argument("--trend", action="store_true", help=t("cli.history.trend", lang))
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=t("cli.history.json", lang))
    out.add_argument("--csv", action="store_true", help=t("cli.history.csv", lang))
    parser.add_argument("--out", metavar="FILE", help=t("cli.history.out", lang))
    parser.add_argument(
        "--merge", nargs="+", metavar="FILE", default=None, help=t("cli.history.merge", lang)
    )


_DAY = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_day(text: str, end: bool = False) -> date:
    """A `--from`/`--to` value: a day, a month (2026-03) or a year (2026).

    Args:
        text: What was typed.
        end: The last day of a month or year (for `--to`), else the first.

    Returns:
        The day.

    Raises:
        ValueError: Not one of those forms, or no such day.
    """
    found = _DAY.match(text.strip())
    if found is None:
        raise ValueError(text)
    year = int(found[1])
    if found[3] is not None:
        return date(year, int(found[2]), int(found[3]))
    if found[2] is not None:
        month = int(found[2])
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return date(year, month, last if end else 1)
    return date(year, 12, 31) if end else date(year, 1, 1)


def _filters(args: argparse.Namespace) -> Filters:
    from starmote.store.history import Filters

    return Filters(
        start=parse_day(args.start) if args.start else None,
        end=parse_day(args.end, end=True) if args.end else None,
        template=args.template or None,
        party=args.party or None,
    )


def cmd_history(args: argparse.Namespace) -> int:
    """Print attendance per organisation (counts only, no names), or write the county's file.

    Args:
        args: Parsed arguments (see `configure_history`).

    Returns:
        0; 2 for a bad date, a trend without --party, a statistics file that cannot be
        merged, or a journal that cannot be read (one line on stderr).
    """
    import sqlite3

    from starmote.errors import KeyedError
    from starmote.store.journal import JournalError

    lang = args.lang
    try:
        filters = _filters(args)
    except ValueError:
        bad = args.start if args.start and not _valid(args.start) else args.end
        print(t("cli.history.bad_date", lang, text=bad), file=sys.stderr)
        return 2
    if args.trend and not filters.party:
        print(t("cli.history.trend_needs_party", lang), file=sys.stderr)
        return 2
    try:
        if args.merge:
            return _merged(args, filters)
        return _from_journal(args, filters)
    except (JournalError, OSError, sqlite3.Error) as exc:
        from starmote.cli.failures import failure_line

        print(failure_line(exc, args, lang, args.out), file=sys.stderr)
        return 2
    except KeyedError as exc:  # a statistics file that cannot be merged (documents.county)
        print(exc.message(lang), file=sys.stderr)
        return 2


def _valid(text: str) -> bool:
    try:
        parse_day(text)
    except ValueError:
        return False
    return True


def _from_journal(args: argparse.Namespace, filters: Filters) -> int:
    from starmote.store import history
    from starmote.store.journal import Journal

    lang = args.lang
    if not Journal.exists(args.home):  # reading never creates a journal
        if args.json or args.csv:
            return _write_county(args, [], [], filters)
        print(t("history.none", lang))
        return 0
    with Journal.open(args.home) as journal:
        if args.json or args.csv:
            rows, follow_ups = history.monthly(journal, filters)
            return _write_county(args, rows, follow_ups, filters)
        if args.trend:
            rows, _ = history.monthly(journal, filters, follow_ups=False)
            print_trend(rows, filters, lang, _console())
            return 0
        found = history.report(journal, filters)
    sys.stdout.write(format_report(found, lang))
    return 0


def _write_county(
    args: argparse.Namespace,
    rows: Sequence[OrgFigures],
    follow_ups: Sequence[FollowUps],
    filters: Filters,
) -> int:
    from starmote.documents import county

    return _write(args, county.county_data(rows, follow_ups, filters))


def _write(args: argparse.Namespace, data: CountyData) -> int:
    from starmote.documents import county
    from starmote.store import paths

    text = county.to_json(data) if args.json else county.csv_text(data)
    if args.out:
        paths.atomic_write_text(args.out, text)
        print(args.out)
    else:
        sys.stdout.write(text)
    return 0


def _merged(args: argparse.Namespace, filters: Filters) -> int:
    from starmote.documents import county
    from starmote.store.history import Report

    data = county.merge([county.read(path) for path in args.merge])
    if args.json or args.csv:
        return _write(args, data)
    if args.trend:
        print_trend(list(data.rows), filters, args.lang, _console())
        return 0
    rows, follow_ups = county.totals(data, filters)
    days = sorted({r.period for r in data.rows})
    found = Report(
        filters, meetings=-1, first=None, last=None, rows=tuple(rows), follow_ups=follow_ups
    )
    sys.stdout.write(format_report(found, args.lang))
    first, last = (days[0], days[-1]) if days else ("–", "–")
    merged = t("cli.history.merged", args.lang, files=len(args.merge), first=first, last=last)
    sys.stdout.write(merged + "\n")
    return 0


# --- the terminal ------------------------------------------------------------------


def _console() -> Console:
    from rich.console import Console

    terminal = sys.stdout.isatty()
    # Piped into a file or a mail, the table keeps its width instead of wrapping at 80.
    return Console(file=sys.stdout, highlight=False, width=None if terminal else 240)


def _selection(filters: Filters, lang: str) -> str:
    parts = []
    if filters.start:
        parts.append(t("cli.history.sel.from", lang, day=filters.start.isoformat()))
    if filters.end:
        parts.append(t("cli.history.sel.to", lang, day=filters.end.isoformat()))
    if filters.template:
        parts.append(t("cli.history.sel.template", lang, template=filters.template))
    if filters.party:
        parts.append(t("cli.history.sel.party", lang, party=filters.party))
    return ", ".join(parts)


def format_report(report: Report, lang: str) -> str:
    """The table, organisations as rows, then the runs of absences, team cases and follow-ups.

    Args:
        report: From `history.report` (or a merged county table).
        lang: "sv" or "en".

    Returns:
        Plain text with a final newline (no styles: it is pasted into reports).
    """
    from starmote.cli.table import format_table
    from starmote.store.history import (
        COLUMNS,
        Filters,
        case_lines,
        cells,
        follow_up_line,
        organisation_label,
        run_lines,
    )

    if not report.rows:
        unfiltered = report.filters == Filters() and report.meetings >= 0
        return t("history.none" if unfiltered else "history.none_selected", lang) + "\n"
    out: list[str] = []
    if report.meetings >= 0:
        head = t(
            "history.heading",
            lang,
            meetings=report.meetings,
            first=report.first.isoformat() if report.first else "–",
            last=report.last.isoformat() if report.last else "–",
        )
        selection = _selection(report.filters, lang)
        out.append(head + (f" ({selection})" if selection else "") + "\n\n")
    headers = [t("history.col.organisation", lang)]
    headers += [t(f"history.col.{name}", lang) for name in COLUMNS]
    rows = [[organisation_label(row, lang), *cells(row, lang)] for row in report.rows]
    out.append(format_table(headers, rows))
    for title, lines in (
        ("history.runs_heading", run_lines(report, lang)),
        ("history.cases_heading", case_lines(report, lang)),
    ):
        if lines:
            out.append("\n" + t(title, lang) + "\n")
            out += [f"  {line}\n" for line in lines]
    out.append("\n" + follow_up_line(report.follow_ups, lang) + "\n")
    out.append("\n" + textwrap.fill(t("history.legend", lang), 100) + "\n")
    return "".join(out)


_MARKS = (
    ("in_person", "█", "green"),
    ("video", "█", "green"),
    ("phone", "█", "green"),
    ("absent_notified", "▒", "yellow"),
    ("absent_unnotified", "░", "red"),
    ("not_recorded", "·", "dim"),
)
"""A trend's bar: one cell per meeting, attended first, then absences, then unrecorded."""


def print_trend(rows: Sequence[OrgFigures], filters: Filters, lang: str, console: Console) -> None:
    """Month by month for the organisations `filters.party` selects: meetings, attended, absent.

    Args:
        rows: Figures per month (and organisation), already selected by the filters.
        filters: The selection (its party names the trend).
        lang: "sv" or "en".
        console: Where to print.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from starmote.store.history import OrgFigures, organisation_label
    from starmote.store.summary import norm

    wanted = (filters.party or "").strip()
    chosen = [
        r
        for r in rows
        if not wanted or wanted.lower() == r.kind or norm(wanted) == norm(r.organisation)
    ]
    if not chosen:
        console.print(t("history.none_selected", lang))
        return
    months: dict[str, OrgFigures] = {}
    for r in chosen:
        whole = OrgFigures(r.kind, r.organisation, r.period)
        months[r.period] = months.get(r.period, whole).add(r)
    names = sorted({organisation_label(r, lang) for r in chosen})
    title = names[0] if len(names) == 1 else wanted
    periods = _months(min(months), max(months))
    widest = max(m.invited for m in months.values())
    scale = max(1, -(-widest // 40))  # at most 40 cells a bar
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        title=t("history.trend.title", lang, name=title),
        title_justify="left",
    )
    table.add_column(t("history.trend.month", lang))
    for name in ("invited", "attended", "absent", "substitutes", "share"):
        table.add_column(t(f"history.trend.{name}", lang), justify="right")
    table.add_column("")
    for period in periods:
        m = months.get(period)
        if m is None:
            table.add_row(period, "0", "", "", "", "", "")
            continue
        bar = Text()
        for field, mark, style in _MARKS:
            bar.append(mark * -(-getattr(m, field) // scale), style=style)
        share = "–" if m.share is None else f"{m.share * 100:.0f} %"
        table.add_row(
            period, str(m.invited), str(m.attended), str(m.absent), str(m.substitutes), share, bar
        )
    console.print(table)
    console.print(t("history.trend.legend", lang, per=scale), style="dim")


def _months(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from `first` to `last`, so a month without meetings shows as one."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
