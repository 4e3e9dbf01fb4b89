"""Attendance across meetings, read from the journal: who came, who stayed away, who sent word."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import IO, Any, Literal

from starmote.i18n import t
from starmote.plan.model import STOCKHOLM, MeetingPlan
from starmote.store.journal import CLOSED, OPENED, Journal, Record

Outcome = Literal[
    "present",
    "late",
    "absent_notified",
    "absent_unnotified",
    "substitute",
    "left_early",
    "dropped",
    "not_recorded",
]
OUTCOMES: tuple[Outcome, ...] = (
    "present",
    "late",
    "left_early",
    "dropped",
    "substitute",
    "absent_notified",
    "absent_unnotified",
    "not_recorded",
)
"""Every outcome, in the order tables and the CSV show them."""

ATTENDED: frozenset[str] = frozenset({"present", "late", "left_early", "dropped", "substitute"})
ABSENT: frozenset[str] = frozenset({"absent_notified", "absent_unnotified"})

_ATTENDANCE_KINDS = (
    "party_checked_in",
    "party_absent",
    "substitute_noted",
    "party_left",
    "party_dropped",
    "party_rejoined",
)


@dataclass(frozen=True)
class PartyMeetingRow:
    """How one party of one meeting took part. Carries no names of people."""

    meeting_id: str
    date: date
    """Booked date of the meeting (Stockholm)."""
    start: datetime
    """Booked start, aware."""
    case_code: str
    template: str
    party: str
    """The party's key within that meeting's plan."""
    organisation: str
    kind: str
    """Organisation kind: fk, af, kommun, region, individ, …"""
    outcome: Outcome
    closed: bool
    """Whether the meeting was closed (an unfinished one may still change)."""


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


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match_key(kind: str, organisation: str, case_code: str, party: str) -> tuple[str, ...]:
    """Same organisation = same kind and name, whoever was sent (FK rotates its officers).

    A party without an organisation (the individual, a relative) is a person,
    so it only matches the same party of the same case.
    """
    if organisation.strip():
        return ("org", kind, _norm(organisation))
    return ("person", case_code, party)


def _outcome(events: Sequence[Record], until_min: int | None) -> Outcome:
    """One party's outcome from its attendance events, in order.

    A substitute counts as `substitute` whatever happened later; otherwise a
    party that came is `left_early`/`dropped` if it was gone at the end (leaving
    at or after its agreed window is not early), else `late` or `present`; a
    party that never came is absent as last recorded, or `not_recorded`.
    """
    came = late = substitute = False
    notified: bool | None = None
    presence = ""
    left_at = 0.0
    for record in events:
        p = record.payload
        if record.kind == "party_checked_in":
            came, presence = True, "present"
            late = late or bool(p.get("late"))
        elif record.kind == "substitute_noted":
            substitute, presence = True, "present"
        elif record.kind == "party_absent":
            notified = bool(p.get("notified"))
        elif record.kind == "party_left":
            presence, left_at = "left", record.t
        elif record.kind == "party_dropped":
            presence = "dropped"
        elif record.kind == "party_rejoined":
            presence = "present"
    if substitute:
        return "substitute"
    if came:
        if presence == "left" and (until_min is None or left_at < until_min * 60):
            return "left_early"
        if presence == "dropped":
            return "dropped"
        return "late" if late else "present"
    if notified is not None:
        return "absent_notified" if notified else "absent_unnotified"
    return "not_recorded"


def _rows_of(
    meeting_id: str, payload: dict[str, Any], events: Sequence[Record], closed: bool
) -> list[PartyMeetingRow]:
    plan = payload.get("plan") or {}
    try:
        start = datetime.fromisoformat(plan["start"])
    except (KeyError, TypeError, ValueError):
        return []  # not a plan this version can read; nothing to say about it
    if start.tzinfo is None:
        start = start.replace(tzinfo=STOCKHOLM)
    by_party: dict[str, list[Record]] = defaultdict(list)
    for record in events:
        by_party[str(record.payload.get("party", ""))].append(record)
    rows = []
    for party in plan.get("parties") or ():
        key = str(party.get("key", ""))
        if not key:
            continue
        window = party.get("window") or {}
        rows.append(
            PartyMeetingRow(
                meeting_id=meeting_id,
                date=start.astimezone(STOCKHOLM).date(),
                start=start,
                case_code=str(plan.get("case_code", "")),
                template=str(plan.get("template_key", "")),
                party=key,
                organisation=str(party.get("organisation", "")),
                kind=str(party.get("kind", "")),
                outcome=_outcome(by_party.get(key, ()), window.get("until_min")),
                closed=closed,
            )
        )
    return rows


def attendance_history(journal: Journal) -> list[PartyMeetingRow]:
    """One row per party per meeting in the journal.

    Args:
        journal: The event journal.

    Returns:
        Rows ordered by booked start, meeting id, then the plan's party order.
    """
    opened = {r.meeting_id: r.payload for r in journal.all_records(kind=OPENED)}
    closed = {r.meeting_id for r in journal.all_records(kind=CLOSED)}
    events: dict[str, list[Record]] = defaultdict(list)
    for kind in _ATTENDANCE_KINDS:
        for record in journal.all_records(kind=kind):
            events[record.meeting_id].append(record)
    rows: list[PartyMeetingRow] = []
    for meeting_id, payload in opened.items():
        ordered = sorted(events.get(meeting_id, ()), key=lambda r: r.seq)
        rows.extend(_rows_of(meeting_id, payload, ordered, meeting_id in closed))
    order: dict[tuple[str, str], int] = {}
    for row in rows:
        order.setdefault((row.meeting_id, row.party), len(order))
    rows.sort(key=lambda r: (r.start, r.meeting_id, order[(r.meeting_id, r.party)]))
    return rows


def summary_by_organisation(rows: Iterable[PartyMeetingRow]) -> list[OrgSummary]:
    """Counts per organisation (kind + name), for the county's view of who stays away.

    Private persons (no organisation) are counted together per kind, so the
    summary never names anyone.

    Args:
        rows: From `attendance_history`, in meeting order.

    Returns:
        One summary per organisation, ordered by kind, then name.
    """
    counts: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row.kind, _norm(row.organisation))
        entry = counts.setdefault(key, {"kind": row.kind, "meetings": 0, "last_absence": None})
        entry["organisation"] = row.organisation.strip()
        entry["meetings"] += 1
        entry[row.outcome] = entry.get(row.outcome, 0) + 1
        if row.outcome in ABSENT and (
            entry["last_absence"] is None or row.date > entry["last_absence"]
        ):
            entry["last_absence"] = row.date
    summaries = [OrgSummary(**entry) for entry in counts.values()]
    summaries.sort(key=lambda s: (s.kind, _norm(s.organisation)))
    return summaries


def party_history(
    journal: Journal, plan: MeetingPlan, exclude_meeting: str | None = None
) -> dict[str, PartyHistory]:
    """For each party of `plan`: how often it stayed away from earlier meetings.

    Parties are matched by organisation kind and name, not by person, since FK
    and others send a different officer each time. Only meetings booked before
    `plan.start` count, and only those where the party's attendance was recorded
    (a meeting opened and abandoned before check-in is not "a meeting it missed").

    Args:
        journal: The event journal.
        plan: The meeting about to be held.
        exclude_meeting: The id of this meeting if it is already in the journal.

    Returns:
        Party key -> history, for every party of the plan (zeros when none).
    """
    by_key: dict[tuple[str, ...], list[PartyMeetingRow]] = defaultdict(list)
    for row in attendance_history(journal):
        if row.meeting_id == exclude_meeting or row.start >= plan.start:
            continue
        if row.outcome == "not_recorded":  # a meeting opened but never held says nothing
            continue
        by_key[_match_key(row.kind, row.organisation, row.case_code, row.party)].append(row)
    result = {}
    for party in plan.parties:
        rows = by_key.get(_match_key(party.kind, party.organisation, plan.case_code, party.key), [])
        absences = [r.date for r in rows if r.outcome in ABSENT]
        result[party.key] = PartyHistory(
            party=party.key,
            meetings=len(rows),
            absent=len(absences),
            absent_unnotified=sum(r.outcome == "absent_unnotified" for r in rows),
            substitutes=sum(r.outcome == "substitute" for r in rows),
            last_absence=max(absences) if absences else None,
        )
    return result


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
