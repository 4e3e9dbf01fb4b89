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
from starmote.store.journal import BUSY_S, Journal, NotClosed

HELD = "phase_started"
"""The event kind whose first occurrence is the day a meeting was held (`MeetingState.began`)."""

# A meeting's date: the day it was held (its first part began), else the day it was
# booked. The held event is one look-up in the events' kind index (and its row).
_WHEN = (
    "coalesce((SELECT e.wall FROM events AS e WHERE e.kind = ?1 AND e.meeting_id = m.meeting_id"
    " ORDER BY e.seq LIMIT 1), nullif(m.start, ''))"
)
# Dated before ?3, from the meetings index alone for all but a few: a meeting is held
# between its first and its last event, so one whose events and booked start all lie
# on one side of the limit needs no look-up of the day it was held.
_BEFORE = f"""CASE
    WHEN julianday(m.last_wall) < julianday(?3) AND julianday(m.start) < julianday(?3) THEN 1
    WHEN julianday(m.opened_wall) >= julianday(?3) AND julianday(m.start) >= julianday(?3) THEN 0
    ELSE julianday({_WHEN}) < julianday(?3)
END"""
_PAST = f"FROM meetings AS m WHERE m.closed = ?2 AND {_BEFORE}"
_DATED = f"SELECT m.meeting_id, m.case_code, {_WHEN}, m.closed FROM meetings AS m"


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
    rows = journal.query(
        f"SELECT m.meeting_id, m.case_code, {_WHEN}, m.closed {_PAST}",
        (HELD, int(closed), before.isoformat()),
    )
    found = [_dated(*row) for row in rows]
    return sorted(found, key=lambda m: (m.day or date.min, m.meeting_id))


def past_ids(journal: Journal, before: datetime) -> list[str]:
    """The ids of the closed meetings dated before `before` (for marks and counts).

    Args:
        journal: The journal.
        before: The limit (see `limit`).
    """
    return [
        r[0] for r in journal.query(f"SELECT m.meeting_id {_PAST}", (HELD, 1, before.isoformat()))
    ]


def dated(journal: Journal, meeting_id: str) -> Dated | None:
    """One meeting with its date, or None if the journal has no such meeting."""
    rows = journal.query(f"{_DATED} WHERE m.meeting_id = ?2", (HELD, meeting_id))
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
        return len(past_ids(journal, limit(now, days)))


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

    Each meeting is locked as `resume` locks it while it goes, so none can be open in
    a window meanwhile (a closed meeting's closing screen can still store an approval).
    A lock is a file descriptor, so they are taken a batch at a time; the journal's
    files are wiped once, at the end.

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
    ids = list(dict.fromkeys(meeting_ids))
    refused = [m for m in ids if not getattr(journal.meeting(m), "closed", False)]
    if refused:
        raise NotClosed(refused)
    for meeting_id in ids:  # one open in a window stops the purge before anything goes
        lease.take(journal.path, meeting_id).release()
    home, folders = journal.path.parent, 0
    for first in range(0, len(ids), LOCKS_AT_ONCE):
        batch = ids[first : first + LOCKS_AT_ONCE]
        with contextlib.ExitStack() as held:
            for meeting_id in batch:
                held.enter_context(lease.take(journal.path, meeting_id))
            journal.purge(batch, wipe=False)
            folders += sum(_remove_folder(home / "exports", m) for m in batch)
            for meeting_id in batch:
                with contextlib.suppress(OSError):
                    lease.lock_file(journal.path, meeting_id).unlink()
    _remove_logs(home / "logs", ids)
    return Purged(tuple(ids), journal.wipe(wait_s), folders)


LOCKS_AT_ONCE = 100
"""Meetings locked at a time: well within the open-file limit (256 on macOS)."""


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
