"""Gallring: closed meetings past the retention limit, and purging them from the data directory."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from starmote.plan.model import STOCKHOLM
from starmote.store import lease
from starmote.store.journal import BUSY_S, Journal

HELD = "phase_started"
"""The event kind whose first occurrence is the day a meeting was held (`MeetingState.began`)."""

# A meeting's date: the day it was held (its first part began), else the day it was
# booked. The held event is one look-up in the events' kind index.
_WHEN = (
    "coalesce((SELECT e.wall FROM events AS e WHERE e.kind = ? AND e.meeting_id = m.meeting_id"
    " ORDER BY e.seq LIMIT 1), nullif(m.start, ''))"
)
_DATED = f"SELECT m.meeting_id, m.case_code, {_WHEN} AS w, m.closed FROM meetings AS m"
_PAST = (
    f"SELECT * FROM ({_DATED} WHERE m.closed = ?) WHERE julianday(w) < julianday(?)"
    " ORDER BY julianday(w), meeting_id"
)


@dataclass(frozen=True)
class Dated:
    """A meeting with the date retention counts from."""

    meeting_id: str
    case_code: str
    day: date | None
    """Held, else booked, in Stockholm; None when the journal knows neither."""
    closed: bool


def limit(now: datetime, days: int) -> datetime:
    """The retention limit: a meeting dated before this instant is older than `days` days.

    Args:
        now: The current time (aware).
        days: Days a closed meeting may be kept.

    Returns:
        Midnight in Stockholm `days` days before today there: a meeting held on that
        day or later is within the limit, one held the day before is past it.
    """
    today = now.astimezone(STOCKHOLM).date()
    return datetime.combine(today - timedelta(days=days), time(0), STOCKHOLM)


def past(journal: Journal, before: datetime, closed: bool = True) -> list[Dated]:
    """The meetings dated before `before`, oldest first.

    Args:
        journal: The journal.
        before: The limit (see `limit`).
        closed: Closed meetings (the default), or else the unfinished ones.

    Returns:
        Their ids, case codes and dates.
    """
    rows = journal.query(_PAST, (HELD, int(closed), before.isoformat()))
    return [_dated(*row) for row in rows]


def dated(journal: Journal, meeting_id: str) -> Dated | None:
    """One meeting with its date, or None if the journal has no such meeting."""
    rows = journal.query(f"{_DATED} WHERE m.meeting_id = ?", (HELD, meeting_id))
    return _dated(*rows[0]) if rows else None


def count_past_at(path: Path, days: int, now: datetime) -> int:
    """How many closed meetings are past `days`, on a connection of its own (for a thread).

    Args:
        path: The journal file; a missing one is never created (the count is 0).
        days: The retention limit in days; 0 means never (the count is 0).
        now: The current time.
    """
    if days <= 0 or not path.exists():
        return 0
    with Journal(path) as journal:
        return len(past(journal, limit(now, days)))


def _dated(meeting_id: str, case_code: str, when: str | None, closed: int) -> Dated:
    day = None
    if when:
        with contextlib.suppress(ValueError):
            day = datetime.fromisoformat(when).astimezone(STOCKHOLM).date()
    return Dated(meeting_id, case_code, day, bool(closed))


@dataclass(frozen=True)
class Purged:
    """What a purge removed."""

    meetings: tuple[str, ...]
    wiped: bool
    """No byte of them is left in the journal's files (see `Journal.wipe`)."""
    folders: int
    """Export folders removed."""


def purge(journal: Journal, meeting_ids: Sequence[str], wait_s: float = BUSY_S) -> Purged:
    """Remove closed meetings from the data directory: journal, export folders, locks, logs.

    Each meeting is locked as `resume` locks it, so none can be open in a window
    meanwhile (a closed meeting's closing screen can still store an approval).

    Args:
        journal: The journal in the data directory.
        meeting_ids: Closed meetings.
        wait_s: How long the wipe waits for other connections (see `Journal.wipe`).

    Returns:
        What went.

    Raises:
        lease.MeetingInUse: One is open in another window; nothing was removed.
        NotClosed: One is unknown or not closed; nothing was removed.
    """
    home = journal.path.parent
    held: list[lease.Lease] = []
    try:
        for meeting_id in meeting_ids:
            held.append(lease.take(journal.path, meeting_id))
        wiped = journal.purge(meeting_ids, wait_s)
        folders = sum(_remove_folder(home / "exports", m) for m in meeting_ids)
        for meeting_id in meeting_ids:
            with contextlib.suppress(OSError):
                lease.lock_file(journal.path, meeting_id).unlink()
        _remove_logs(home / "logs", meeting_ids)
    finally:
        for each in held:
            each.release()
    return Purged(tuple(meeting_ids), wiped, folders)


def _remove_folder(exports: Path, meeting_id: str) -> int:
    """Remove `exports/<meeting id>` (a link is removed, never followed); 1 if it was there."""
    folder = exports / meeting_id
    if folder.parent != exports:
        return 0  # an id that is not one folder name never reaches outside exports/
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
        return 1
    if not folder.is_dir():
        return 0
    shutil.rmtree(folder)
    return 1


def _remove_logs(logs: Path, meeting_ids: Sequence[str]) -> None:
    """Remove the crash logs that name one of the meetings (an error message may quote its id)."""
    if not meeting_ids or not logs.is_dir():
        return
    named = re.compile("|".join(re.escape(m) for m in meeting_ids))
    for log in logs.glob("crash-*.txt"):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            if named.search(log.read_text(encoding="utf-8")):
                log.unlink()
