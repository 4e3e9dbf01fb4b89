"""Attendance across meetings, from the folded summaries: who came, who stayed away, who sent word.

Every figure is counted from `party_summary` rows, which hold the outcome the engine's
own fold gives each party (engine/attendance.py, as the minutes see it), so history
and minutes cannot disagree. Meetings never started (no part ever began) are not
counted. See store/summary.py for how the summaries are kept and rebuilt.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from starmote.engine.attendance import ABSENT, ATTENDED, OUTCOMES, Outcome, PartyOutcome
from starmote.i18n import t
from starmote.store import summary
from starmote.store.journal import Journal

if TYPE_CHECKING:
    from starmote.plan.model import MeetingPlan


@dataclass(frozen=True)
class PartyMeetingRow:
    """How one party of one meeting took part. Carries no names of people."""

    meeting_id: str
    date: date
    """Booked date of the meeting (Stockholm)."""
    start: datetime
    """Booked start, aware (Stockholm)."""
    case_code: str
    template: str
    organisation: str
    kind: str
    """Organisation kind: fk, af, kommun, region, individ, …"""
    closed: bool
    """Whether the meeting was closed (an unfinished one may still change)."""
    attendance: PartyOutcome
    """The label and the facts behind it."""

    @property
    def party(self) -> str:
        """The party's key within that meeting's plan."""
        return self.attendance.party

    @property
    def outcome(self) -> Outcome:
        """The one label counts use."""
        return self.attendance.outcome


@dataclass(frozen=True)
class OrgSummary:
    """Attendance of one organisation (kind + name) over all its meetings."""

    kind: str
    organisation: str
    """As spelled in the most recent meeting; "" for private persons (grouped by kind)."""
    meetings: int = 0
    present: int = 0
    late: int = 0
    left_early: int = 0
    dropped: int = 0
    substitute: int = 0
    absent_notified: int = 0
    absent_unnotified: int = 0
    not_recorded: int = 0
    last_absence: date | None = None

    @property
    def attended(self) -> int:
        """Meetings where someone took part for it (own officer or substitute)."""
        return sum(getattr(self, outcome) for outcome in ATTENDED)

    @property
    def absent(self) -> int:
        """Meetings it stayed away from, with or without notice."""
        return sum(getattr(self, outcome) for outcome in ABSENT)


@dataclass(frozen=True)
class PartyHistory:
    """What earlier meetings say about one party of the plan at hand."""

    party: str
    meetings: int
    """Earlier meetings with the same organisation (a private person: same party, same case)."""
    absent: int
    absent_unnotified: int
    substitutes: int
    last_absence: date | None

    @property
    def stayed_away(self) -> bool:
        """Whether it was absent from any earlier meeting."""
        return self.absent > 0

    def notice(self, lang: str = "sv") -> str:
        """One line for the before-meeting screen; "" when it never stayed away.

        Args:
            lang: "sv" or "en".

        Returns:
            E.g. "Frånvarande vid 2 av 3 tidigare möten, 2 utan att höra av sig (senast …)."
        """
        if not self.stayed_away:
            return ""
        last = self.last_absence.isoformat() if self.last_absence else ""
        if self.absent_unnotified:
            return t(
                "history.party_absent_unnotified",
                lang,
                absent=self.absent,
                meetings=self.meetings,
                unnotified=self.absent_unnotified,
                last=last,
            )
        return t(
            "history.party_absent", lang, absent=self.absent, meetings=self.meetings, last=last
        )


# --- queries over the summaries ------------------------------------------------

_IS_ABSENT = "outcome IN ({})".format(", ".join(f"'{o}'" for o in sorted(ABSENT)))

_ROWS_SQL = """
SELECT p.meeting_id, p.start_utc, m.case_code, m.template, m.closed,
       p.organisation, p.kind, p.party, p.outcome, p.mode, p.late, p.substitute,
       p.left_early, p.dropped, p.drops, p.notified, p.present_s, p.booked_s
FROM party_summary AS p JOIN meetings AS m ON m.meeting_id = p.meeting_id
WHERE p.held = 1
ORDER BY p.start_utc, p.meeting_id, p.position
"""

# Counts per spelling of an organisation and outcome, from one covering index; the
# spellings of one organisation are merged in Python (a few dozen rows).
_ORG_SQL = """
SELECT kind, org_key, organisation, outcome, COUNT(*), MAX(day), MAX(start_utc)
FROM party_summary WHERE held = 1
GROUP BY kind, org_key, organisation, outcome
"""

# Only the rows of the plan's parties (a covering index on the match key).
_PARTY_SQL = f"""
SELECT match_key, COUNT(*), SUM({_IS_ABSENT}), SUM(outcome = 'absent_unnotified'),
       SUM(outcome = 'substitute'), MAX(CASE WHEN {_IS_ABSENT} THEN day END)
FROM party_summary
WHERE match_key IN ({{marks}}) AND held = 1 AND start_utc < ? AND meeting_id IS NOT ?
  AND outcome != 'not_recorded'
GROUP BY match_key
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
        notified, present_s, booked_s = row[15:]
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
                ),
            )
        )
    return rows


def organisation_summaries(journal: Journal) -> list[OrgSummary]:
    """Counts per organisation (kind + name), for the county's view of who stays away.

    Names match ignoring case and runs of spaces. Private persons (no organisation)
    are counted together per kind, so the summary never names anyone.

    Args:
        journal: The event journal (stale summaries are folded again first).

    Returns:
        One summary per organisation, ordered by kind, then name.
    """
    summary.refresh(journal)
    counts: dict[tuple[str, str], dict[str, Any]] = {}
    spelled: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, org_key, organisation, outcome, n, last_day, last_start in journal.query(_ORG_SQL):
        key = (kind, org_key)
        entry = counts.setdefault(key, {"kind": kind, "meetings": 0, "last_absence": None})
        entry["meetings"] += n
        entry[outcome] = entry.get(outcome, 0) + n
        if outcome in ABSENT and (entry["last_absence"] or "") < last_day:
            entry["last_absence"] = last_day
        # Spelled as in the most recently booked meeting.
        spelled[key] = max(spelled.get(key, ("", "")), (last_start, organisation.strip()))
    summaries = []
    for key, entry in counts.items():
        last = entry["last_absence"]
        entry.update(
            organisation=spelled[key][1], last_absence=date.fromisoformat(last) if last else None
        )
        summaries.append(OrgSummary(**entry))
    summaries.sort(key=lambda s: (s.kind, summary.norm(s.organisation)))
    return summaries


def party_history(
    journal: Journal, plan: MeetingPlan, exclude_meeting: str | None = None
) -> dict[str, PartyHistory]:
    """For each party of `plan`: how often it stayed away from earlier meetings.

    Parties are matched by organisation kind and name, not by person, since FK
    and others send a different officer each time. Only meetings held and booked
    before `plan.start` count, and only those where the party's attendance was
    recorded. Reads only the matching rows (an index on the match key).

    Args:
        journal: The event journal (stale summaries are folded again first).
        plan: The meeting about to be held.
        exclude_meeting: The id of this meeting if it is already in the journal.

    Returns:
        Party key -> history, for every party of the plan (zeros when none).
    """
    summary.refresh(journal)
    keys = {
        p.key: summary.match_key(p.kind, p.organisation, plan.case_code, p.key)
        for p in plan.parties
    }
    wanted = sorted(set(keys.values()))
    found: dict[str, tuple[Any, ...]] = {}
    if wanted:
        sql = _PARTY_SQL.format(marks=", ".join("?" * len(wanted)))
        args = (*wanted, summary.utc_text(plan.start), exclude_meeting)
        found = {row[0]: row[1:] for row in journal.query(sql, args)}
    result = {}
    for party in plan.parties:
        meetings, absent, unnotified, substitutes, last = found.get(
            keys[party.key], (0, 0, 0, 0, None)
        )
        result[party.key] = PartyHistory(
            party=party.key,
            meetings=meetings,
            absent=absent or 0,
            absent_unnotified=unnotified or 0,
            substitutes=substitutes or 0,
            last_absence=date.fromisoformat(last) if last else None,
        )
    return result


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
        return {party.key: PartyHistory(party.key, 0, 0, 0, 0, None) for party in plan.parties}
    with Journal(path) as journal:
        summary.refresh(journal, chunk=10, share=share)
        return party_history(journal, plan, exclude_meeting)


# --- output for `starmote history` -------------------------------------------------

_COLUMNS = ("meetings", *OUTCOMES)
"""The count columns: every outcome after the number of meetings."""


def organisation_label(summary: OrgSummary, lang: str = "sv") -> str:
    """The organisation's name, or for private persons their kind in words.

    Args:
        summary: One organisation's counts.
        lang: "sv" or "en".

    Returns:
        A label that never names a person.
    """
    if summary.organisation:
        return summary.organisation
    key = f"history.kind.{summary.kind}"
    text = t(key, lang)
    return summary.kind if text == key else text


def format_table(summaries: Sequence[OrgSummary], lang: str = "sv") -> str:
    """A small table per organisation: one line per outcome, so it fits 80 columns.

    Args:
        summaries: From `summary_by_organisation`.
        lang: "sv" or "en".

    Returns:
        The tables separated by blank lines, with a final newline; a one-line
        notice when there are none.
    """
    if not summaries:
        return t("history.none", lang) + "\n"
    labels = {c: t(f"history.col.{c}", lang) for c in (*_COLUMNS, "last_absence")}
    width = max(len(label) for label in labels.values())
    blocks = []
    for s in summaries:
        lines = [organisation_label(s, lang)]
        lines += [f"  {labels[c]:<{width}}  {getattr(s, c):>3}" for c in _COLUMNS]
        if s.last_absence:
            lines.append(f"  {labels['last_absence']:<{width}}  {s.last_absence.isoformat()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # A name from a case file must not run as a formula in the county's spreadsheet.
        return "'" + value
    return value


def write_csv(summaries: Sequence[OrgSummary], out: IO[str]) -> None:
    """Aggregate counts as CSV for the county's spreadsheets (no names of people).

    The header uses stable English field names so formulas survive a change
    of interface language.

    Args:
        summaries: From `summary_by_organisation`.
        out: A text stream (open it with newline="").
    """
    names = [f.name for f in fields(OrgSummary)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names + ["attended", "absent"])
    for s in summaries:
        values = [getattr(s, name) for name in names]
        values = [_cell(v) for v in values]
        writer.writerow(values + [s.attended, s.absent])
