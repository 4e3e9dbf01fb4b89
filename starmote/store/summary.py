"""The attendance summary: a row per party per meeting and one per meeting, folded from the events.

A cache, never a second truth. `Session` writes a meeting's rows in the same
transaction as the events it folds (`Journal.append(..., summaries=)`), and marks
in the meeting's index row which event they are folded up to (`summary_seq`) and
in which format (`summary_version`). A meeting whose rows are behind its last event
(events written by other means, a journal from before the summary) or of another
format is folded again by `refresh`. Delete the rows and `refresh` rebuilds them
from the events alone.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starmote.record import Record, record

if TYPE_CHECKING:
    from starmote.engine.attendance import PartyOutcome
    from starmote.engine.state import MeetingState
    from starmote.store.journal import Journal

# The engine and the plan model are imported where a meeting is folded: listing
# meetings or reading history never pays for loading them.

SUMMARY_VERSION = 2
"""Bump when what `summarize` computes changes: every meeting is then folded again.

1: outcomes. 2: time present of the time due, cases present in a team session,
private persons never grouped by what was typed as their organisation, and the
meeting's own row (follow-up date, plan closed)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS party_summary (
    meeting_id    TEXT    NOT NULL,
    position      INTEGER NOT NULL,  -- the plan's party order
    held          INTEGER NOT NULL,  -- the meeting's: a part has started
    start_utc     TEXT    NOT NULL,  -- the meeting's booked start, 'YYYY-MM-DDTHH:MM:SSZ'
    day           TEXT    NOT NULL,  -- the meeting's booked date in Stockholm, ISO
    month         TEXT    NOT NULL,  -- its first seven characters: 'YYYY-MM'
    template      TEXT    NOT NULL,  -- the meeting's template key
    party         TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,  -- "" for a private person (see private())
    kind          TEXT    NOT NULL,
    org_key       TEXT    NOT NULL,  -- organisation name, case and spaces folded ("" private)
    match_key     TEXT    NOT NULL,  -- who this is across meetings (see match_key())
    outcome       TEXT    NOT NULL,
    mode          TEXT,
    late          INTEGER NOT NULL,
    substitute    INTEGER NOT NULL,
    left_early    INTEGER NOT NULL,
    dropped       INTEGER NOT NULL,
    drops         INTEGER NOT NULL,
    notified      INTEGER,
    present_s     REAL,
    booked_s      REAL    NOT NULL,
    due_s         REAL,
    present_due_s REAL,
    cases_total   INTEGER NOT NULL,
    cases_present INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, position)
);
-- Covering indexes: the history queries read them alone, never the rows, in their order.
-- The figures: grouped by organisation (and month) and every flag a count needs.
CREATE INDEX IF NOT EXISTS party_summary_figures
    ON party_summary (held, kind, org_key, organisation, outcome, mode, late, left_early,
                      dropped, substitute, month, due_s, present_due_s, cases_total,
                      cases_present, start_utc, day, template, party);
-- An organisation's latest meetings (its current run of absences), newest first.
CREATE INDEX IF NOT EXISTS party_summary_runs
    ON party_summary (held, kind, org_key, start_utc, meeting_id, position, outcome, day,
                      template, party);
-- The same for one party of a plan (the before-meeting note).
CREATE INDEX IF NOT EXISTS party_summary_by_match
    ON party_summary (match_key, held, start_utc, meeting_id, position, outcome, day);
-- One row per meeting: what the follow-up figures need.
CREATE TABLE IF NOT EXISTS meeting_summary (
    meeting_id    TEXT    PRIMARY KEY,
    held          INTEGER NOT NULL,
    start_utc     TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    case_code     TEXT    NOT NULL,
    template      TEXT    NOT NULL,
    team          INTEGER NOT NULL,  -- a STAR team session (its follow-up is the next one)
    closed        INTEGER NOT NULL,
    follow_up_day TEXT,              -- the follow-up's date in Stockholm, ISO (NULL: none set)
    plan_closed   INTEGER NOT NULL   -- the plan was closed here (no follow-up expected)
);
-- The case chains in order, with all the follow-up figures and their filters read.
CREATE INDEX IF NOT EXISTS meeting_summary_by_case
    ON meeting_summary (held, team, case_code, start_utc, day, follow_up_day, plan_closed,
                        template, meeting_id);
"""
"""The summary tables. A change of their columns needs a journal schema step that drops
and creates them again (they refill from the events); a change of what is computed only
needs SUMMARY_VERSION bumped."""

TABLES = ("party_summary", "meeting_summary")
"""The tables `SCHEMA` creates, for a schema step that drops them."""


@record
class PartySummary(Record):
    """One party of one meeting: who it is (organisation, kind) and how it took part."""

    position: int
    organisation: str
    kind: str
    match_key: str
    attendance: PartyOutcome


@record
class MeetingSummary(Record):
    """What history needs of one meeting, folded up to event `seq`."""

    meeting_id: str
    seq: int
    held: bool
    """A part has started (a meeting never started is not counted)."""
    start_utc: str
    day: str
    parties: tuple[PartySummary, ...]
    case_code: str = ""
    template: str = ""
    team: bool = False
    closed: bool = False
    follow_up_day: str | None = None
    """The date of the follow-up set in the meeting (even if later cancelled), ISO."""
    plan_closed: bool = False


@record
class SummaryKept(Record):
    """The rows stored at event `since` hold unchanged up to event `seq`.

    Written as a move of the mark; if the stored rows are not at `since` after all,
    nothing moves, and the meeting is folded again when next read.
    """

    meeting_id: str
    since: int
    seq: int


def private(kind: str, party: str) -> bool:
    """Whether a party is a private person: counted by kind, never by a typed organisation.

    Args:
        kind: The party's kind.
        party: Its key (`individ` is the SIP's person whatever its kind).
    """
    from starmote.plan.model import INDIVIDUAL, PRIVATE_KINDS

    return kind in PRIVATE_KINDS or party == INDIVIDUAL


def unchanged(old: MeetingState, new: MeetingState) -> bool:
    """Whether `new`, folded on from `old`, has the same summary (the fold kept every input).

    The fold keeps the very same objects for what an event leaves alone, so this is a
    few identity checks; a team session's case attendance also hangs on its parts.
    """
    return (
        new.attendance is old.attendance
        and new.began is old.began
        and new.closed is old.closed
        and new.follow_up is old.follow_up
        and new.plan is old.plan
        and plan_closed(new) == plan_closed(old)
        and (not new.plan.team_cases or new.phases is old.phases)
    )


def norm(text: str) -> str:
    """An organisation name with case and runs of spaces folded, for matching."""
    return " ".join(text.split()).casefold()


def match_key(kind: str, organisation: str, case_code: str, party: str) -> str:
    """Who a party is across meetings.

    The same organisation is the same kind and name, whoever it sends (FK rotates
    its officers). A private person (the individual, a relative, a god man; a party
    without an organisation) only matches the same party of the same case, whatever
    was typed as their organisation: "Närstående" in two cases is two people.

    Returns:
        A key to compare with `=`.
    """
    if organisation.strip() and not private(kind, party):
        return "\x1f".join(("org", kind, norm(organisation)))
    return "\x1f".join(("person", case_code, party))


def utc_text(value: datetime) -> str:
    """A booked start as `YYYY-MM-DDTHH:MM:SSZ` in UTC: text that sorts as time does.

    Args:
        value: Aware, or naive meaning Stockholm time.
    """
    return _local(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local(value: datetime) -> datetime:
    """`value` in Stockholm time (a naive value already is)."""
    from starmote.plan.model import STOCKHOLM

    return value.astimezone(STOCKHOLM) if value.tzinfo else value.replace(tzinfo=STOCKHOLM)


def summarize(state: MeetingState) -> MeetingSummary:
    """The summary of a folded meeting.

    Args:
        state: The meeting as folded up to `state.last_seq`.

    Returns:
        Its summary; the party rows come from `engine.attendance.outcomes`.
    """
    from starmote.engine.attendance import outcomes

    plan = state.plan
    parties = tuple(
        PartySummary(
            position=position,
            organisation="" if private(party.kind, party.key) else party.organisation,
            kind=party.kind,
            match_key=match_key(party.kind, party.organisation, plan.case_code, party.key),
            attendance=outcome,
        )
        for position, (party, outcome) in enumerate(zip(plan.parties, outcomes(state), strict=True))
    )
    follow_up = state.follow_up
    return MeetingSummary(
        meeting_id=state.meeting_id,
        seq=state.last_seq,
        held=state.began is not None,
        start_utc=utc_text(plan.start),
        day=_local(plan.start).date().isoformat(),
        parties=parties,
        case_code=plan.case_code,
        template=plan.template_key,
        team=bool(plan.team_cases),
        closed=state.closed is not None,
        follow_up_day=None if follow_up is None else _local(follow_up.start).date().isoformat(),
        plan_closed=plan_closed(state),
    )


def plan_closed(state: MeetingState) -> bool:
    """Whether the plan was closed in this meeting (*SIP avslutad*: no follow-up expected).

    Closing a plan comes with issue #13; until its event folds into `state.plan_closed`,
    no meeting closes one, and the follow-up figures count none "closed instead".
    """
    return bool(getattr(state, "plan_closed", False))


def unreadable(meeting_id: str, seq: int) -> MeetingSummary:
    """The summary of a meeting this version cannot fold: no rows, and not folded again."""
    return MeetingSummary(meeting_id, seq, False, "", "", ())


def write(db: sqlite3.Connection, summaries: Iterable[MeetingSummary | SummaryKept]) -> None:
    """Store these meetings' summaries (inside the caller's transaction, after their index rows).

    Args:
        db: The journal's connection, in a write transaction.
        summaries: At most one per meeting: a new summary, or word that the stored one holds.
    """
    for s in summaries:
        if isinstance(s, SummaryKept):
            db.execute(
                "UPDATE meetings SET summary_seq = ?"
                " WHERE meeting_id = ? AND summary_seq = ? AND summary_version = ?",
                (s.seq, s.meeting_id, s.since, SUMMARY_VERSION),
            )
            continue
        db.execute("DELETE FROM party_summary WHERE meeting_id = ?", (s.meeting_id,))
        db.executemany(
            f"INSERT INTO party_summary ({_PARTY_COLUMNS})"
            f" VALUES ({', '.join('?' * len(_PARTY_COLUMNS.split(',')))})",
            [_party_row(s, p) for p in s.parties],
        )
        db.execute(
            f"INSERT OR REPLACE INTO meeting_summary ({_MEETING_COLUMNS})"
            f" VALUES ({', '.join('?' * len(_MEETING_COLUMNS.split(',')))})",
            _meeting_row(s),
        )
        db.execute(
            "UPDATE meetings SET summary_seq = ?, summary_version = ? WHERE meeting_id = ?",
            (s.seq, SUMMARY_VERSION, s.meeting_id),
        )


def forget(db: sqlite3.Connection, meeting_ids: Iterable[str]) -> None:
    """Delete these meetings' rows from every table of `SCHEMA` (inside the caller's transaction).

    For meetings purged from the journal: a summary says who took part and how, and
    must not outlive the events it was folded from.
    """
    keys = [(m,) for m in meeting_ids]
    for table in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", SCHEMA):
        db.executemany(f"DELETE FROM {table} WHERE meeting_id = ?", keys)


_PARTY_COLUMNS = (
    "meeting_id, position, held, start_utc, day, month, template, party, organisation, kind,"
    " org_key,"
    " match_key, outcome, mode, late, substitute, left_early, dropped, drops, notified,"
    " present_s, booked_s, due_s, present_due_s, cases_total, cases_present"
)
_MEETING_COLUMNS = (
    "meeting_id, held, start_utc, day, case_code, template, team, closed, follow_up_day,"
    " plan_closed"
)


def _party_row(s: MeetingSummary, p: PartySummary) -> tuple[Any, ...]:
    a = p.attendance
    return (
        s.meeting_id,
        p.position,
        int(s.held),
        s.start_utc,
        s.day,
        s.day[:7],
        s.template,
        a.party,
        p.organisation,
        p.kind,
        norm(p.organisation),
        p.match_key,
        a.outcome,
        a.mode,
        int(a.late),
        int(a.substitute),
        int(a.left_early),
        int(a.dropped),
        a.drops,
        None if a.notified is None else int(a.notified),
        a.present_s,
        a.booked_s,
        a.due_s,
        a.present_due_s,
        a.cases_total,
        a.cases_present,
    )


def _meeting_row(s: MeetingSummary) -> tuple[Any, ...]:
    return (
        s.meeting_id,
        int(s.held),
        s.start_utc,
        s.day,
        s.case_code,
        s.template,
        int(s.team),
        int(s.closed),
        s.follow_up_day,
        int(s.plan_closed),
    )


# Two index look-ups (see the journal's `meetings` indexes), not a scan of every meeting.
_STALE_SQL = """
SELECT meeting_id FROM meetings WHERE summary_seq != last_seq
UNION
SELECT meeting_id FROM meetings WHERE summary_version < ? OR summary_version > ?
"""


def stale(journal: Journal) -> list[str]:
    """Meetings whose summary is behind their events, or of another format."""
    return [row[0] for row in journal.query(_STALE_SQL, (SUMMARY_VERSION, SUMMARY_VERSION))]


def fold_summary(journal: Journal, meeting_id: str) -> MeetingSummary:
    """Fold one meeting's events into its summary (an empty one if they cannot be folded)."""
    from starmote.engine import events as ev
    from starmote.engine.fold import fold

    records = journal.records(meeting_id)
    try:
        events = [ev.from_payload(r.kind, r.seq, r.t, r.wall, r.payload) for r in records]
        return summarize(fold(events))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        # Not a meeting this version can read: nothing to say about it, and no
        # reason to try again until its events or the summary format change.
        return unreadable(meeting_id, records[-1].seq if records else 0)


def refresh(journal: Journal, chunk: int = 200, share: float = 1.0) -> int:
    """Fold again every meeting whose summary is stale, and store the results.

    Normally there is nothing to do (Session keeps summaries current); after an
    upgrade of the format, or events written without a summary, this catches up.

    Args:
        journal: The journal (written to).
        chunk: Meetings per transaction, so a live meeting's next event never waits long.
        share: The part of the time spent folding; below 1 it rests in between
            (a background thread leaving the interpreter and the disk to the UI).

    Returns:
        How many meetings were folded.
    """
    todo = stale(journal)
    rest = 1.0 / share - 1.0
    for i in range(0, len(todo), chunk):
        batch: list[MeetingSummary] = []
        for meeting_id in todo[i : i + chunk]:
            began = time.perf_counter()
            batch.append(fold_summary(journal, meeting_id))
            if rest:
                time.sleep((time.perf_counter() - began) * rest)
        began = time.perf_counter()
        journal.store_summaries(batch)
        if rest:
            time.sleep((time.perf_counter() - began) * rest)
    return len(todo)


def rebuild(journal: Journal) -> int:
    """Forget every summary and fold every meeting again (e.g. to check the cache).

    Returns:
        How many meetings were folded.
    """
    journal.clear_summaries()
    return refresh(journal)
