"""Attendance across meetings, counted from the folded summaries: figures a steering group acts on.

Every figure is counted from the summary tables, which hold what the engine's own fold
gives each party (engine/attendance.py, as the minutes see it), so history and minutes
cannot disagree. Meetings never started (no part ever began) are not counted. See
store/summary.py for how the summaries are kept and rebuilt, and store/figures.py for
the values and their words.

One computation serves every view: `starmote history` (table, trend, county files),
the app's history screen, and the before-meeting note on a party's recent absences.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starmote.engine.attendance import ATTENDED, PartyOutcome
from starmote.store import summary
from starmote.store.figures import (
    COLUMNS,
    COUNTS,
    FOLLOW_UPS,
    RECENT,
    AbsenceRun,
    Filters,
    FollowUps,
    OrgFigures,
    PartyHistory,
    PartyMeetingRow,
    Report,
    case_lines,
    cells,
    follow_up_line,
    organisation_label,
    run_lines,
)
from starmote.store.journal import Journal

if TYPE_CHECKING:
    from starmote.plan.model import MeetingPlan

__all__ = [
    "COLUMNS",
    "COUNTS",
    "FOLLOW_UPS",
    "RECENT",
    "AbsenceRun",
    "Filters",
    "FollowUps",
    "OrgFigures",
    "PartyHistory",
    "PartyMeetingRow",
    "Report",
    "attendance_history",
    "case_lines",
    "cells",
    "follow_up_line",
    "follow_up_of",
    "monthly",
    "organisation_label",
    "party_history",
    "party_history_at",
    "report",
    "report_at",
    "run_lines",
]
"""The figures' values and words live in store/figures.py; they are named here too."""


# --- the queries ---------------------------------------------------------------

# Grouped by organisation and by every flag a count needs: a few hundred groups, read in
# the covering index's order (no sort), then added up into figures here.
_FIGURES_SQL = """
SELECT kind, org_key, organisation, {period}, outcome, mode, late, left_early, dropped,
       substitute, COUNT(*), TOTAL(due_s), TOTAL(present_due_s), SUM(cases_total),
       SUM(cases_present), MAX(start_utc)
FROM party_summary AS p INDEXED BY party_summary_figures
WHERE {where}
GROUP BY kind, org_key, organisation, outcome, mode, late, left_early, dropped, substitute
         {by_period}
"""

# One organisation's latest rows, newest first (ties: the meeting, then the plan's order).
_RUN_SQL = f"""
SELECT outcome, day FROM party_summary AS p INDEXED BY party_summary_runs
WHERE {{where}} AND p.kind = ? AND p.org_key = ? AND p.outcome != 'not_recorded'
ORDER BY p.start_utc DESC, p.meeting_id DESC, p.position DESC
LIMIT {RECENT}
"""

# The same for one party of a plan, before its meeting (the before-meeting note).
_PARTY_SQL = f"""
SELECT outcome, day FROM party_summary INDEXED BY party_summary_by_match
WHERE match_key = ? AND held = 1 AND start_utc < ? AND meeting_id IS NOT ?
  AND outcome != 'not_recorded'
ORDER BY start_utc DESC, meeting_id DESC, position DESC
LIMIT {RECENT}
"""

_MEETINGS_SQL = """
SELECT COUNT(*), MIN(day), MAX(day) FROM meeting_summary AS m WHERE {where}
"""

# Every chain of meetings (a case's SIP or planning meetings, in order), each marked with
# whether the filters choose it: a follow-up was held on time when the next meeting of its
# chain was booked on or before its date. One walk of the case index.
_CHAINS_SQL = """
SELECT m.case_code, m.start_utc, m.day, m.follow_up_day, m.plan_closed, {period}, {where}
FROM meeting_summary AS m INDEXED BY meeting_summary_by_case
WHERE m.held = 1 AND m.team = 0
ORDER BY m.case_code, m.start_utc
"""


def _party_where(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause over `party_summary AS p` for `filters`, and its arguments."""
    clauses, args = ["p.held = 1"], []
    if filters.start is not None:
        clauses.append("p.day >= ?")
        args.append(filters.start.isoformat())
    if filters.end is not None:
        clauses.append("p.day <= ?")
        args.append(filters.end.isoformat())
    if filters.template:
        clauses.append("p.template = ?")
        args.append(filters.template)
    if filters.party:
        clauses.append(_PARTY_MATCH)
        args += _party_args(filters.party)
    return " AND ".join(clauses), args


_PARTY_MATCH = "(p.kind = ? OR p.party = ? OR (p.org_key != '' AND p.org_key = ?))"


def _party_args(wanted: str) -> list[str]:
    return [wanted.strip().lower(), wanted.strip(), summary.norm(wanted)]


def _meeting_where(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause over `meeting_summary AS m` for `filters`, and its arguments."""
    clauses, args = ["m.held = 1"], []
    if filters.start is not None:
        clauses.append("m.day >= ?")
        args.append(filters.start.isoformat())
    if filters.end is not None:
        clauses.append("m.day <= ?")
        args.append(filters.end.isoformat())
    if filters.template:
        clauses.append("m.template = ?")
        args.append(filters.template)
    if filters.party:
        # Meetings the party was asked to: one pass over a covering index, not one per meeting.
        clauses.append(
            "m.meeting_id IN (SELECT p.meeting_id FROM party_summary AS p"
            f" INDEXED BY party_summary_runs WHERE p.held = 1 AND {_PARTY_MATCH})"
        )
        args += _party_args(filters.party)
    return " AND ".join(clauses), args


def _figures(journal: Journal, filters: Filters, monthly: bool) -> list[OrgFigures]:
    """Counts per organisation (and month), spellings of one organisation merged."""
    where, args = _party_where(filters)
    sql = _FIGURES_SQL.format(
        period="month" if monthly else "''", by_period=", month" if monthly else "", where=where
    )
    # Positions in COUNTS, looked up once: this loop runs once per group (thousands by month).
    at = {name: i for i, name in enumerate(COUNTS)}
    slot = {o: at[o] for o in ("absent_notified", "absent_unnotified", "not_recorded")}
    modes = {m: at[m] for m in ("in_person", "video", "phone")}
    flags = [at[n] for n in ("late", "left_early", "dropped", "substitutes")]
    due_at, present_at, cases_at, cases_present_at = (
        at[n] for n in ("due_s", "present_s", "cases_total", "cases_present")
    )
    sums: dict[tuple[str, str, str], list[Any]] = {}
    spelled: dict[tuple[str, str, str], tuple[str, str]] = {}
    for row in journal.query(sql, args):
        kind, org_key, organisation, period, outcome, mode = row[:6]
        n = row[10]
        key = (kind, org_key, period)
        got = sums.get(key)
        if got is None:
            got = sums[key] = [0] * len(COUNTS)
        got[0] += n  # invited
        if outcome in ATTENDED:
            got[modes.get(mode, modes["in_person"])] += n
        else:
            got[slot[outcome]] += n
        for i, flag in zip(flags, row[6:10], strict=True):
            got[i] += n * flag
        if outcome != "not_recorded":
            got[due_at] += row[11]
            got[present_at] += row[12]
        got[cases_at] += row[13] or 0
        got[cases_present_at] += row[14] or 0
        # Spelled as in the most recently booked meeting.
        if row[15] > spelled.get(key, ("", ""))[0]:
            spelled[key] = (row[15], organisation.strip())
    return [
        OrgFigures(key[0], spelled[key][1], key[2], **dict(zip(COUNTS, counts, strict=True)))
        for key, counts in sums.items()
    ]


def _runs(
    journal: Journal, filters: Filters, orgs: list[tuple[str, str]]
) -> dict[tuple[str, str], AbsenceRun]:
    """Each organisation's current run within the selection: its latest rows, one look-up each."""
    where, args = _party_where(filters)
    sql = _RUN_SQL.format(where=where)
    return {
        (kind, org_key): AbsenceRun.of(journal.query(sql, (*args, kind, org_key)))
        for kind, org_key in orgs
    }


def _follow_ups(journal: Journal, filters: Filters, today: date, monthly: bool) -> list[FollowUps]:
    """The follow-up figures of the meetings selected (one per month when `monthly`)."""
    where, args = _meeting_where(filters)
    period = "substr(m.day, 1, 7)" if monthly else "''"
    chains = journal.query(_CHAINS_SQL.format(period=period, where=f"({where})"), args)
    found: dict[str, dict[str, int]] = {}
    for i, (case_code, start_utc, _, due_day, closed_here, per, chosen) in enumerate(chains):
        if not chosen or due_day is None:
            continue
        # The next meeting of the same case booked after this one (the chain is in order).
        after = i + 1
        while after < len(chains) and chains[after][:2] == (case_code, start_utc):
            after += 1
        nxt = chains[after][2] if after < len(chains) and chains[after][0] == case_code else None
        counts = found.setdefault(per, dict.fromkeys(FOLLOW_UPS, 0))
        held = nxt is not None and nxt <= due_day
        held_since = nxt is not None and nxt <= today.isoformat()
        for name in follow_up_of(due_day, today, held, bool(closed_here), held_since):
            counts[name] += 1
    return [FollowUps(period=p, **found[p]) for p in sorted(found)]


def follow_up_of(
    due_day: str, today: date, held: bool, plan_closed: bool, held_since: bool
) -> tuple[str, ...]:
    """What became of one follow-up: the FollowUps counts it adds one to.

    Args:
        due_day: The follow-up's date, ISO.
        today: The day it is judged on; a date not before it is still to come.
        held: A later meeting of the case was held on or before that date.
        plan_closed: The plan was closed in the meeting that set it (no follow-up needed).
        held_since: A later meeting was held by today.
    """
    if due_day >= today.isoformat():
        return ("not_due",)
    if held:
        return ("due", "on_time")
    if plan_closed:
        return ("due", "plan_closed")
    return ("due", "late", "held_late") if held_since else ("due", "late")


def _order(rows: list[OrgFigures]) -> list[OrgFigures]:
    return sorted(rows, key=lambda r: (r.period, r.kind, summary.norm(r.organisation)))


def report(journal: Journal, filters: Filters | None = None, today: date | None = None) -> Report:
    """The figures per organisation over the meetings `filters` select.

    Args:
        journal: The event journal (stale summaries are folded again first).
        filters: Which meetings count; all held meetings if None.
        today: The day follow-up dates are judged against (today if None).

    Returns:
        One row per organisation (kind + name; private persons per kind), ordered by
        kind and name, each with its current run of absences; and the follow-ups.
    """
    filters = filters or Filters()
    today = today or date.today()
    summary.refresh(journal)
    figures = _figures(journal, filters, monthly=False)
    orgs = [(r.kind, summary.norm(r.organisation)) for r in figures if r.organisation]
    runs = _runs(journal, filters, orgs)
    rows = [
        replace(r, run=runs[(r.kind, summary.norm(r.organisation))]) if r.organisation else r
        for r in figures
    ]
    where, args = _meeting_where(filters)
    count, first, last = journal.query(_MEETINGS_SQL.format(where=where), args)[0]
    follow_ups = _follow_ups(journal, filters, today, monthly=False)
    return Report(
        filters=filters,
        meetings=count or 0,
        first=date.fromisoformat(first) if first else None,
        last=date.fromisoformat(last) if last else None,
        rows=tuple(_order(rows)),
        follow_ups=follow_ups[0] if follow_ups else FollowUps(),
    )


def monthly(
    journal: Journal,
    filters: Filters | None = None,
    today: date | None = None,
    follow_ups: bool = True,
) -> tuple[list[OrgFigures], list[FollowUps]]:
    """The same figures per calendar month of the booked date (for a trend, or the county).

    Args:
        journal: The event journal (stale summaries are folded again first).
        filters: Which meetings count; all held meetings if None.
        today: The day follow-up dates are judged against (today if None).
        follow_ups: Count the follow-ups too (a trend leaves them out).

    Returns:
        Rows per month and organisation (no runs: they are a now, not a month), ordered
        by month, kind and name; and the follow-ups per month of the meeting that set them.
    """
    filters = filters or Filters()
    summary.refresh(journal)
    rows = _order(_figures(journal, filters, monthly=True))
    if not follow_ups:
        return rows, []
    return rows, _follow_ups(journal, filters, today or date.today(), monthly=True)


def report_at(
    path: Path, filters: Filters | None = None, today: date | None = None, share: float = 1.0
) -> Report | None:
    """`report` on a connection of its own, for a background thread (None: no journal yet).

    Args:
        path: The journal file.
        filters: Which meetings count.
        today: The day follow-up dates are judged against.
        share: The part of the time spent folding stale meetings (see `summary.refresh`).
    """
    if not path.exists():
        return None
    with Journal(path) as journal:
        summary.refresh(journal, chunk=10, share=share)
        return report(journal, filters, today)


# --- one party at a time: the before-meeting note -------------------------------


def party_history(
    journal: Journal, plan: MeetingPlan, exclude_meeting: str | None = None
) -> dict[str, PartyHistory]:
    """For each party of `plan`: its current run of absences before this meeting.

    Parties are matched by organisation kind and name, not by person, since FK and
    others send a different officer each time; a private person only as the same
    party of the same case. Only meetings held and booked before `plan.start` count,
    and only those where the party's attendance was recorded: the run of absences that
    `starmote history` shows, as of this meeting. Reads only the matching rows.

    Args:
        journal: The event journal (stale summaries are folded again first).
        plan: The meeting about to be held.
        exclude_meeting: The id of this meeting if it is already in the journal.

    Returns:
        Party key -> history, for every party of the plan (an empty run when none).
    """
    summary.refresh(journal)
    keys = {
        p.key: summary.match_key(p.kind, p.organisation, plan.case_code, p.key)
        for p in plan.parties
    }
    sql, args = _PARTY_SQL, (summary.utc_text(plan.start), exclude_meeting)
    runs = {key: AbsenceRun.of(journal.query(sql, (key, *args))) for key in set(keys.values())}
    return {party.key: PartyHistory(party.key, runs[keys[party.key]]) for party in plan.parties}


def party_history_at(
    path: Path, plan: MeetingPlan, exclude_meeting: str | None = None, share: float = 1.0
) -> dict[str, PartyHistory]:
    """`party_history` on a connection of its own, for a background thread.

    Stale summaries are folded in small transactions, so the live meeting's next
    event never waits long for the journal.

    Args:
        path: The journal file.
        plan: The meeting about to be held.
        exclude_meeting: The id of this meeting if it is already in the journal.
        share: The part of the time spent folding stale meetings (see `summary.refresh`).

    Returns:
        Party key -> history, as `party_history`.
    """
    if not path.exists():  # e.g. a demo's journal, removed as it quit: never create one
        return {party.key: PartyHistory(party.key, AbsenceRun()) for party in plan.parties}
    with Journal(path) as journal:
        summary.refresh(journal, chunk=10, share=share)
        return party_history(journal, plan, exclude_meeting)


# --- every row, for checks against the minutes --------------------------------

_ROWS_SQL = """
SELECT p.meeting_id, p.start_utc, m.case_code, m.template, m.closed,
       p.organisation, p.kind, p.party, p.outcome, p.mode, p.late, p.substitute,
       p.left_early, p.dropped, p.drops, p.notified, p.present_s, p.booked_s,
       p.due_s, p.present_due_s, p.cases_total, p.cases_present
FROM party_summary AS p JOIN meetings AS m ON m.meeting_id = p.meeting_id
WHERE p.held = 1
ORDER BY p.start_utc, p.meeting_id, p.position
"""


def attendance_history(journal: Journal) -> list[PartyMeetingRow]:
    """One row per party per meeting held.

    Args:
        journal: The event journal (stale summaries are folded again first).

    Returns:
        Rows ordered by booked start, meeting id, then the plan's party order.
    """
    from starmote.plan.model import STOCKHOLM

    summary.refresh(journal)
    rows = []
    for row in journal.query(_ROWS_SQL):
        mid, start_utc, case_code, template, closed, organisation, kind = row[:7]
        party, outcome, mode, late, substitute, left_early, dropped, drops = row[7:15]
        notified, present_s, booked_s, due_s, present_due_s, cases_total, cases_present = row[15:]
        start = datetime.fromisoformat(start_utc).astimezone(STOCKHOLM)
        rows.append(
            PartyMeetingRow(
                meeting_id=mid,
                date=start.date(),
                start=start,
                case_code=case_code,
                template=template,
                organisation=organisation,
                kind=kind,
                closed=bool(closed),
                attendance=PartyOutcome(
                    party=party,
                    outcome=outcome,
                    mode=mode,
                    late=bool(late),
                    substitute=bool(substitute),
                    left_early=bool(left_early),
                    dropped=bool(dropped),
                    drops=drops,
                    notified=None if notified is None else bool(notified),
                    present_s=present_s,
                    booked_s=booked_s,
                    due_s=due_s,
                    present_due_s=present_due_s,
                    cases_total=cases_total,
                    cases_present=cases_present,
                ),
            )
        )
    return rows
