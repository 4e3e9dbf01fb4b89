"""The history screen (F2, or the palette): the figures of `starmote history`, inside the app."""

from __future__ import annotations

import contextlib
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from starmote.i18n import t
from starmote.store.history import (
    COLUMNS,
    Filters,
    Report,
    case_lines,
    cells,
    follow_up_line,
    organisation_label,
    report_at,
    run_lines,
)
from starmote.tui.keys import KeySpec

PERIODS = ("all", "year", "months12")
"""What `p` steps through: every meeting, this calendar year, the last twelve months."""
HISTORY_SHARE = 0.2
"""As the before screen's notes: should meetings need folding again, the chair's keys go first."""


def period_filters(period: str, today: date) -> Filters:
    """The filters of a period choice, as of `today`."""
    if period == "year":
        return Filters(start=date(today.year, 1, 1), end=today)
    if period == "months12":
        return Filters(start=today - timedelta(days=365), end=today)
    return Filters()


class ReportRead(Message):
    """The background read of the figures is done (None: no journal)."""

    def __init__(self, report: Report | None, period: str) -> None:
        super().__init__()
        self.report = report
        self.period = period


class HistoryScreen(Screen[None]):
    """Attendance per organisation, runs of absences, follow-ups: counts only, no names."""

    KEY_SCOPE = "history"
    KEYS = (
        KeySpec("history_close", "escape,f2", "close", "app", show=True, key_display="Esc"),
        KeySpec("history_period", "p", "period", "app", show=True),
    )
    LANG = "sv"

    def __init__(self, journal: Path, today: date | None = None) -> None:
        super().__init__()
        self.journal = journal
        self.today = today or date.today()
        self.period = PERIODS[0]
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="◔")
        yield Static(t("history.screen.reading", self.LANG), id="history-heading")
        yield DataTable(id="history-table", zebra_stripes=True, cursor_type="row")
        with VerticalScroll(id="history-notes"):
            yield Static("", id="history-runs")
            yield Static("", id="history-follow-ups")
            yield Static(t("history.legend", self.LANG), id="history-legend", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("history.col.organisation", self.LANG), key="organisation")
        for name in COLUMNS:
            table.add_column(t(f"history.col.{name}", self.LANG), key=name)
        self.read()

    def read(self) -> None:
        """Count in a daemon thread on a connection of its own; the screen fills when done."""
        args = (self.journal, period_filters(self.period, self.today), self.today, self.period)
        threading.Thread(target=self._read, args=args, name="starmote-history", daemon=True).start()

    def _read(self, path: Path, filters: Filters, today: date, period: str) -> None:
        try:
            found = report_at(path, filters, today, share=HISTORY_SHARE)
        except Exception:  # figures are a nicety; never stop a meeting over them
            found = None
        with contextlib.suppress(RuntimeError):  # the app has gone: nobody to tell
            self.post_message(ReportRead(found, period))

    def on_report_read(self, message: ReportRead) -> None:
        if message.period != self.period:
            return  # the chair has already asked for another period
        self.show_report(message.report)

    def show_report(self, report: Report | None) -> None:
        """Fill the table and the notes from `report`."""
        lang = self.LANG
        self.report = report
        table = self.query_one(DataTable)
        table.clear()
        period = t(f"history.screen.period.{self.period}", lang)
        heading = self.query_one("#history-heading", Static)
        if report is None or not report.rows:
            heading.update(f"[b]{escape(period)}[/]  {escape(t('history.none_selected', lang))}")
            self.query_one("#history-runs", Static).update("")
            self.query_one("#history-follow-ups", Static).update("")
            return
        first = report.first.isoformat() if report.first else "–"
        last = report.last.isoformat() if report.last else "–"
        count = t("history.heading", lang, meetings=report.meetings, first=first, last=last)
        heading.update(f"[b]{escape(period)}[/]  {escape(count)}")
        for row in report.rows:
            table.add_row(organisation_label(row, lang), *cells(row, lang))
        text = ""
        for title, lines in (
            ("history.runs_heading", run_lines(report, lang)),
            ("history.cases_heading", case_lines(report, lang)),
        ):
            if lines:
                text += f"[b]{escape(t(title, lang))}[/]\n"
                text += "".join(f"  {escape(line)}\n" for line in lines)
        self.query_one("#history-runs", Static).update(text)
        self.query_one("#history-follow-ups", Static).update(
            escape(follow_up_line(report.follow_ups, lang))
        )

    def action_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self.report = None
        self.query_one("#history-heading", Static).update(t("history.screen.reading", self.LANG))
        self.read()

    def action_close(self) -> None:
        self.app.pop_screen()


def open_history(app: Any) -> None:
    """Show the history screen over the current one (F2 again, or Esc, closes it)."""
    from starmote.tui.keys import localize

    if isinstance(app.screen, HistoryScreen):
        app.pop_screen()
        return
    app.push_screen(localize(HistoryScreen, app.lang)(app.session.journal.path))
