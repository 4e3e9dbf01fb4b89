"""The figures history counts, as values, and the words they are told in.

A selection of meetings, an organisation's counts, its run of absences, the follow-ups.
No queries here (store/history.py counts them from the journal's summaries), so the CLI,
the history screen and the before-meeting note share one definition of each figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from starmote.engine.attendance import ABSENT, PartyOutcome
from starmote.i18n import t, tn

RECENT = 6
"""How many of an organisation's latest meetings its current run of absences looks at."""


# --- what is counted -----------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which meetings count: booked between two dates, of a template, with a party."""

    start: date | None = None
    """`--from`: booked on or after this day."""
    end: date | None = None
    """`--to`: booked on or before this day."""
    template: str | None = None
    party: str | None = None
    """An organisation kind (fk), a party key or an organisation's name: only its rows."""


@dataclass(frozen=True)
class AbsenceRun:
    """An organisation's latest meetings (at most RECENT, its attendance recorded), newest first."""

    meetings: int = 0
    absent: int = 0
    unnotified: int = 0
    substitutes: int = 0
    in_a_row: int = 0
    """Absences in a row, up to the latest meeting."""
    last_absence: date | None = None

    @classmethod
    def of(cls, latest: Sequence[tuple[str, str]]) -> AbsenceRun:
        """The run of `latest`: (outcome, ISO day) pairs, newest first.

        Args:
            latest: The organisation's latest recorded outcomes (at most RECENT are read).

        Returns:
            The counts over them.
        """
        rows = list(latest)[:RECENT]
        absent = [day for outcome, day in rows if outcome in ABSENT]
        in_a_row = 0
        for outcome, _ in rows:
            if outcome not in ABSENT:
                break
            in_a_row += 1
        return cls(
            meetings=len(rows),
            absent=len(absent),
            unnotified=sum(outcome == "absent_unnotified" for outcome, _ in rows),
            substitutes=sum(outcome == "substitute" for outcome, _ in rows),
            in_a_row=in_a_row,
            last_absence=date.fromisoformat(absent[0]) if absent else None,
        )

    def describe(self, lang: str = "sv") -> str:
        """ "frånvarande 4 av de senaste 6, 3 i rad, ingen ersättare, …"; "" without absences."""
        if not self.absent:
            return ""
        parts = [tn("history.run.absent", self.meetings, lang, absent=self.absent)]
        if self.in_a_row > 1:
            parts.append(t("history.run.in_a_row", lang, n=self.in_a_row))
        if self.substitutes:
            parts.append(tn("history.run.substitutes", self.substitutes, lang))
        else:
            parts.append(t("history.run.no_substitute", lang))
        if self.unnotified:
            parts.append(t("history.run.unnotified", lang, n=self.unnotified))
        last = self.last_absence.isoformat() if self.last_absence else ""
        return t("history.run.text", lang, parts=", ".join(parts), last=last)

    def short(self, lang: str = "sv") -> str:
        """ "4 av 6" for a table cell; "–" when nothing was recorded."""
        if not self.meetings:
            return "–"
        return t("history.run.cell", lang, absent=self.absent, meetings=self.meetings)


@dataclass(frozen=True)
class OrgFigures:
    """One organisation's figures (per period, or over the whole selection). No names of people."""

    kind: str
    organisation: str
    """As spelled in its latest meeting; "" for private persons (counted by kind)."""
    period: str = ""
    """"YYYY-MM" in a per-month table; "" over the whole selection."""
    invited: int = 0
    """Meetings held that it was asked to (its attendance recorded or not)."""
    in_person: int = 0
    video: int = 0
    phone: int = 0
    late: int = 0
    left_early: int = 0
    dropped: int = 0
    substitutes: int = 0
    absent_notified: int = 0
    absent_unnotified: int = 0
    not_recorded: int = 0
    due_s: float = 0.0
    """Seconds it was booked for while the meetings were held (closed ones, recorded)."""
    present_s: float = 0.0
    """Seconds of `due_s` it was there."""
    cases_total: int = 0
    """Team sessions: cases taken up that it belonged in."""
    cases_present: int = 0
    run: AbsenceRun | None = None
    """Its current run of absences (organisations only; None in a merged county table)."""

    @property
    def attended(self) -> int:
        """Meetings someone took part for it (own officer or substitute), by any line."""
        return self.in_person + self.video + self.phone

    @property
    def absent(self) -> int:
        """Meetings it stayed away from, with or without notice."""
        return self.absent_notified + self.absent_unnotified

    @property
    def share(self) -> float | None:
        """The share of its booked time present (0–1); None when no time was due."""
        return self.present_s / self.due_s if self.due_s > 0 else None

    def add(self, other: OrgFigures) -> OrgFigures:
        """These counts plus `other`'s (the name and run stay this one's)."""
        sums = {name: getattr(self, name) + getattr(other, name) for name in COUNTS}
        return replace(self, **sums)


COUNTS = (
    "invited",
    "in_person",
    "video",
    "phone",
    "late",
    "left_early",
    "dropped",
    "substitutes",
    "absent_notified",
    "absent_unnotified",
    "not_recorded",
    "due_s",
    "present_s",
    "cases_total",
    "cases_present",
)
"""The additive fields of OrgFigures, in table order."""


@dataclass(frozen=True)
class FollowUps:
    """Follow-ups of the meetings counted (SIP and planning chains, not team sessions).

    A follow-up counts once its date has passed. It was held on time when a later meeting
    of the same case was booked on or before that date; a plan closed by then needed none.
    """

    period: str = ""
    due: int = 0
    on_time: int = 0
    late: int = 0
    """Not held by its date (nor the plan closed)."""
    held_late: int = 0
    """Of the late ones: held since."""
    plan_closed: int = 0
    not_due: int = 0
    """Set, with a date still to come."""

    def add(self, other: FollowUps) -> FollowUps:
        """These counts plus `other`'s."""
        return replace(self, **{n: getattr(self, n) + getattr(other, n) for n in FOLLOW_UPS})


FOLLOW_UPS = ("due", "on_time", "late", "held_late", "plan_closed", "not_due")
"""The additive fields of FollowUps."""


@dataclass(frozen=True)
class Report:
    """Everything `starmote history` and the history screen show."""

    filters: Filters
    meetings: int
    """Meetings held that match the filters."""
    first: date | None
    last: date | None
    rows: tuple[OrgFigures, ...]
    follow_ups: FollowUps = field(default_factory=FollowUps)

    @property
    def runs(self) -> list[OrgFigures]:
        """Organisations with an absence in their current run, most absences first."""
        found = [r for r in self.rows if r.run is not None and r.run.absent]
        return sorted(found, key=lambda r: (-r.run.absent, -r.run.in_a_row, r.organisation))  # type: ignore[union-attr]


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
    def outcome(self) -> str:
        """The one label counts use."""
        return self.attendance.outcome


@dataclass(frozen=True)
class PartyHistory:
    """What earlier meetings say about one party of the plan at hand: its current run."""

    party: str
    run: AbsenceRun

    @property
    def meetings(self) -> int:
        """Its latest meetings looked at (at most RECENT)."""
        return self.run.meetings

    @property
    def absent(self) -> int:
        """Absences among them."""
        return self.run.absent

    @property
    def absent_unnotified(self) -> int:
        """Absences without notice among them."""
        return self.run.unnotified

    @property
    def substitutes(self) -> int:
        """Meetings it sent a stand-in to, among them."""
        return self.run.substitutes

    @property
    def last_absence(self) -> date | None:
        """The day of its latest absence."""
        return self.run.last_absence

    @property
    def stayed_away(self) -> bool:
        """Whether it was absent from any of its latest meetings."""
        return self.run.absent > 0

    def notice(self, lang: str = "sv") -> str:
        """One line for the before-meeting screen; "" when it did not stay away lately.

        Args:
            lang: "sv" or "en".

        Returns:
            E.g. "Frånvarande 2 av de senaste 3, 2 i rad, ingen ersättare, … ." – the
            same words as the run in `starmote history`.
        """
        text = self.run.describe(lang)
        return text[:1].upper() + text[1:] + "." if text else ""


# --- the words they are told in -----------------------------------------------


def organisation_label(row: OrgFigures, lang: str = "sv") -> str:
    """The organisation's name, or for private persons their kind in words.

    Args:
        row: One organisation's figures.
        lang: "sv" or "en".

    Returns:
        A label that never names a person.
    """
    if row.organisation:
        return row.organisation
    key = f"history.kind.{row.kind}"
    text = t(key, lang)
    return row.kind if text == key else text


COLUMNS = (
    "invited",
    "in_person",
    "video",
    "phone",
    "late",
    "left_early",
    "dropped",
    "substitutes",
    "absent_notified",
    "absent_unnotified",
    "not_recorded",
    "share",
    "cases",
    "run",
)
"""The table's columns after the organisation, in order (headers: `history.col.<name>`)."""


def cells(row: OrgFigures, lang: str = "sv") -> list[str]:
    """The table's cells for `row`, as the CLI and the history screen both show them.

    Args:
        row: One organisation's figures.
        lang: "sv" or "en".

    Returns:
        One text per COLUMNS entry.
    """
    out = []
    for name in COLUMNS:
        if name == "share":
            share = row.share
            # Half a percent up, as a person rounds (57.5 % is 58 %).
            out.append("–" if share is None else f"{int(row.present_s * 100 / row.due_s + 0.5)} %")
        elif name == "cases":
            cases = {"present": row.cases_present, "total": row.cases_total}
            out.append(t("history.cases.cell", lang, **cases) if row.cases_total else "–")
        elif name == "run":
            out.append(row.run.short(lang) if row.run is not None else "–")
        else:
            out.append(str(getattr(row, name)))
    return out


def run_lines(report: Report, lang: str = "sv") -> list[str]:
    """ "Försäkringskassan: frånvarande 4 av de senaste 6, ingen ersättare …", worst first."""
    return [
        f"{organisation_label(row, lang)}: {row.run.describe(lang)}"
        for row in report.runs
        if row.run is not None
    ]


def case_lines(report: Report, lang: str = "sv") -> list[str]:
    """ "Försäkringskassan: närvarande i 2 av 4 ärenden" for those missing from team cases."""
    return [
        t(
            "history.cases.line",
            lang,
            name=organisation_label(row, lang),
            present=row.cases_present,
            total=row.cases_total,
        )
        for row in sorted(
            report.rows, key=lambda r: r.cases_present / r.cases_total if r.cases_total else 1
        )
        if row.organisation and row.cases_present < row.cases_total
    ]


def follow_up_line(follow_ups: FollowUps, lang: str = "sv") -> str:
    """One sentence on the follow-ups held on time, late, or replaced by a closed plan."""
    if not follow_ups.due:
        return t("history.follow_ups.none_due", lang, not_due=follow_ups.not_due)
    return t(
        "history.follow_ups.text",
        lang,
        due=follow_ups.due,
        on_time=follow_ups.on_time,
        late=follow_ups.late,
        held_late=follow_ups.held_late,
        closed=follow_ups.plan_closed,
        not_due=follow_ups.not_due,
    )
