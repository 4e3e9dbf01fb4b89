"""The append-only SQLite event journal: the single source of truth for every meeting."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import sqlite3
import stat
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from starmote.errors import KeyedError
from starmote.i18n import t
from starmote.store import paths

SCHEMA_VERSION = 1
"""Stored in `PRAGMA user_version`; bump it and add a migration when the schema changes."""

OPENED = "meeting_opened"
CLOSED = "meeting_closed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    meeting_id TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    t          REAL    NOT NULL,
    wall       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);
CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, meeting_id, seq);
"""

# One row per meeting, derived from its events: the first event (the plan), the
# last one, the count, and whether a close event exists.
_MEETINGS_SQL = f"""
SELECT m.meeting_id,
       json_extract(o.payload, '$.plan.case_code'),
       json_extract(o.payload, '$.plan.template_key'),
       json_extract(o.payload, '$.plan.start'),
       o.wall, l.wall, m.n,
       EXISTS (SELECT 1 FROM events c
               WHERE c.kind = '{CLOSED}' AND c.meeting_id = m.meeting_id)
FROM (SELECT meeting_id, COUNT(*) AS n, MIN(seq) AS first_seq, MAX(seq) AS last_seq,
             MIN(rowid) AS first_rowid
      FROM events GROUP BY meeting_id) AS m
JOIN events AS o ON o.meeting_id = m.meeting_id AND o.seq = m.first_seq
JOIN events AS l ON l.meeting_id = m.meeting_id AND l.seq = m.last_seq
ORDER BY o.wall DESC, m.first_rowid DESC
"""

# The same without JSON1 (very old SQLite builds): the plan is read in Python.
_MEETINGS_SQL_PLAIN = _MEETINGS_SQL.replace(
    "json_extract(o.payload, '$.plan.case_code'),\n"
    "       json_extract(o.payload, '$.plan.template_key'),\n"
    "       json_extract(o.payload, '$.plan.start'),",
    "o.payload, NULL, NULL,",
)


class JournalError(Exception):
    """The journal cannot be used as asked (unknown schema, duplicate event, …)."""


class DuplicateEventError(JournalError):
    """An event with this (meeting_id, seq) is already stored; nothing was written."""


class DamagedEntry(JournalError, KeyedError):
    """One stored event is not a JSON object, so its meeting cannot be read."""

    def __init__(self, meeting_id: str, seq: int) -> None:
        self.meeting_id = meeting_id
        self.seq = seq
        super().__init__("journal.bad_entry", meeting=meeting_id, seq=seq)


class JournalUnusable(JournalError, KeyedError):
    """The journal file cannot be opened, read or written; `message(lang)` says what to do.

    `short(lang)` is the reason in a few words, for a notice inside the app.
    """

    def __init__(self, key: str, path: Path | str, **values: Any) -> None:
        self.path = Path(path)
        super().__init__(key, path=str(self.path), folder=str(self.path.parent), **values)

    def short(self, lang: str) -> str:
        """The reason in a few words ("the disk is full")."""
        return t(f"{self.key}.short", lang)


class DamagedJournal(JournalUnusable):
    """Not an SQLite file, truncated, malformed, a directory, or an entry that is not JSON."""


class ForeignJournal(JournalUnusable):
    """An SQLite database of another program, or of a newer starmote."""


class JournalReadOnly(JournalUnusable):
    """The file or its folder cannot be written."""


class JournalFull(JournalUnusable):
    """The disk (or the file system's quota) is full; the last write was not stored."""


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CORRUPT = 3, 8, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26


def unusable(exc: BaseException, path: Path | str) -> JournalUnusable:
    """What an SQLite or OS error on the journal at `path` means for the chair.

    Args:
        exc: The error raised while opening, reading or writing the journal.
        path: The journal file.

    Returns:
        The matching JournalUnusable (the error itself if it already is one).
    """
    if isinstance(exc, JournalUnusable):
        return exc
    detail = str(exc)
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code == _SQLITE_FULL:
            return JournalFull("journal.full", path)
        if code in (_SQLITE_READONLY, _SQLITE_PERM):
            return _read_only(Path(path))
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return DamagedJournal("journal.damaged", path)
        if code == _SQLITE_CANTOPEN:
            return _cannot_open(Path(path), detail)
        return JournalUnusable("journal.io", path, error=detail)
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return JournalFull("journal.full", path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return _read_only(Path(path))
        if exc.errno in (errno.EISDIR, errno.ENOTDIR):
            return DamagedJournal("journal.directory", path)
        return JournalUnusable("journal.io", path, error=exc.strerror or detail)
    return JournalUnusable("journal.io", path, error=detail)


def _cannot_open(path: Path, detail: str) -> JournalUnusable:
    # SQLite says only "unable to open database file"; the file system tells why.
    if path.is_dir():
        return DamagedJournal("journal.directory", path)
    folder_locked = not os.access(path.parent, os.W_OK | os.X_OK)
    if folder_locked or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
        return _read_only(path)
    return JournalUnusable("journal.io", path, error=detail)


def _read_only(path: Path) -> JournalReadOnly:
    # A disk mounted read-only needs another folder, not a chmod.
    try:
        mounted_ro = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        mounted_ro = False
    return JournalReadOnly("journal.read_only_disk" if mounted_ro else "journal.read_only", path)


@dataclass(frozen=True)
class Record:
    """One stored event, as the journal sees it (events.py gives it a type)."""

    meeting_id: str
    seq: int
    """1, 2, 3, … within the meeting; the order of the meeting's history."""
    kind: str
    t: float
    """Monotonic seconds since the meeting was opened."""
    wall: str
    """Wall-clock time, ISO-8601 UTC."""
    payload: dict[str, Any]


@dataclass(frozen=True)
class MeetingRow:
    """One line of `starmote meetings`, derived from the meeting's events."""

    meeting_id: str
    case_code: str
    template: str
    start: str
    """Booked start from the plan, ISO-8601 with offset (Europe/Stockholm)."""
    opened_wall: str
    last_wall: str
    events: int
    closed: bool


def encode_payload(payload: dict[str, Any]) -> str:
    """The canonical JSON text stored for a payload.

    Args:
        payload: A JSON-ready dict.

    Returns:
        Compact, key-sorted JSON; non-ASCII kept as is (Swedish text stays readable).
    """
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")
_SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud safely


def new_meeting_id(start_local: datetime, case_code: str) -> str:
    """A readable, unique meeting id such as `20261203-0900-SIP-2026-031-k7mq`.

    Args:
        start_local: Booked start in local (Stockholm) time.
        case_code: The case code; characters other than letters, digits and `-` become `-`.

    Returns:
        Date, time, case code and a short random suffix against collisions.
    """
    code = _UNSAFE.sub("-", case_code).strip("-") or "case"
    suffix = "".join(secrets.choice(_SUFFIX_ALPHABET) for _ in range(4))
    return f"{start_local:%Y%m%d-%H%M}-{code}-{suffix}"


class Journal:
    """An append-only event store in one SQLite file (WAL, synchronous=FULL).

    Every `append` is one committed transaction: when it returns, the events
    survive a crash or power loss. Nothing is ever updated or deleted; undo
    is a later event. Safe to share between threads of one process.
    """

    def __init__(self, path: Path | str) -> None:
        """Open (creating if needed) the journal at `path`.

        Args:
            path: The database file; its directory is created 0700.
        """
        self.path = Path(path)
        self._lock = threading.RLock()
        self._side_files_private = False
        try:
            paths.private_dir(self.path.parent)
            # Create the file 0600 ourselves: sqlite would use the umask (often 0644).
            paths.private_file(self.path)
            # Autocommit mode: transactions are begun and committed explicitly in append().
            self._db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=10.0
            )
        except (OSError, sqlite3.Error) as exc:
            raise unusable(exc, self.path) from exc
        try:
            self._setup()
        except (OSError, sqlite3.Error) as exc:
            self._db.close()
            raise unusable(exc, self.path) from exc
        except BaseException:
            self._db.close()
            raise

    def _setup(self) -> None:
        db = self._db
        # Look before touching anything: switching to WAL rewrites the file's header.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        self._check_ours(version)
        mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise JournalUnusable("journal.no_wal", self.path, mode=mode)
        # FULL in WAL mode fsyncs the log on every commit: a stored event is on disk.
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        if version < SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute("COMMIT")
        self._protect_side_files()

    def _check_ours(self, version: int) -> None:
        """Refuse a database that is not a starmote journal this version can read.

        Another program's SQLite file must never get our tables added to it.
        """
        tables = {
            row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if (version == 0 and tables) or (version > 0 and "events" not in tables):
            raise ForeignJournal("journal.foreign", self.path)
        if version > SCHEMA_VERSION:
            raise ForeignJournal("journal.newer", self.path, found=version, known=SCHEMA_VERSION)

    def _protect_side_files(self) -> None:
        """Make the -wal and -shm files 0600 once they exist (they hold event data too)."""
        if self._side_files_private:
            return
        done = True
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            try:
                st = side.stat()
            except FileNotFoundError:
                done = False
                continue
            if stat.S_IMODE(st.st_mode) != paths.FILE_MODE and st.st_uid == os.getuid():
                os.chmod(side, paths.FILE_MODE)
        self._side_files_private = done

    @staticmethod
    def exists(home: Path | str | None = None) -> bool:
        """Whether a journal is there (reading commands never create one)."""
        return paths.journal_path(paths.data_home(home)).exists()

    @classmethod
    def open(cls, home: Path | str | None = None) -> Journal:
        """The journal in the data directory.

        Args:
            home: Data directory override (see `paths.data_home`).

        Returns:
            An open Journal.
        """
        return cls(paths.journal_path(paths.data_home(home)))

    def append(self, records: Sequence[Record]) -> None:
        """Store `records` in one transaction; durable when this returns.

        Args:
            records: Events to store, in order.

        Raises:
            DuplicateEventError: One of the (meeting_id, seq) pairs is taken;
                none of the records is stored.
        """
        if not records:
            return
        rows = [
            (r.meeting_id, int(r.seq), r.kind, float(r.t), r.wall, encode_payload(r.payload))
            for r in records
        ]
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO events (meeting_id, seq, kind, t, wall, payload)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except sqlite3.IntegrityError as exc:
                db.execute("ROLLBACK")
                taken = ", ".join(f"{r[0]}#{r[1]}" for r in rows)
                raise DuplicateEventError(f"event already stored: {taken}") from exc
            except BaseException:
                # SQLite has already rolled back after some errors (a full disk among them);
                # a second ROLLBACK would fail and hide the real error.
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            try:
                db.execute("COMMIT")
            except BaseException:
                # E.g. disk full: leave no half-open transaction behind for the next append.
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            self._protect_side_files()

    def records(self, meeting_id: str) -> list[Record]:
        """All events of one meeting.

        Args:
            meeting_id: The meeting.

        Returns:
            Its records ordered by seq (empty if the meeting is unknown).
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT meeting_id, seq, kind, t, wall, payload FROM events"
                " WHERE meeting_id = ? ORDER BY seq",
                (meeting_id,),
            ).fetchall()
        return [_record(row) for row in rows]

    def last_seq(self, meeting_id: str) -> int:
        """The highest seq stored for `meeting_id` (0 if none).

        Args:
            meeting_id: The meeting.

        Returns:
            The last sequence number.
        """
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(seq) FROM events WHERE meeting_id = ?", (meeting_id,)
            ).fetchone()
        return int(row[0] or 0)

    def meetings(self) -> list[MeetingRow]:
        """Every meeting in the journal.

        Returns:
            One row per meeting, most recently opened first.
        """
        with self._lock:
            try:
                rows = self._db.execute(_MEETINGS_SQL).fetchall()
                plain = False
            except sqlite3.OperationalError:
                rows = self._db.execute(_MEETINGS_SQL_PLAIN).fetchall()
                plain = True
        result = []
        for mid, case_code, template, start, opened, last, n, closed in rows:
            if plain:
                plan = _plan_of(case_code)
                case_code, template, start = (
                    plan.get("case_code"),
                    plan.get("template_key"),
                    plan.get("start"),
                )
            result.append(
                MeetingRow(
                    meeting_id=mid,
                    case_code=_text(case_code),
                    template=_text(template),
                    start=_text(start),
                    opened_wall=opened,
                    last_wall=last,
                    events=int(n),
                    closed=bool(closed),
                )
            )
        return result

    def latest_open(self) -> str | None:
        """The meeting to resume when none is named.

        Returns:
            The most recently opened meeting that has no close event, or None.
        """
        for row in self.meetings():
            if not row.closed:
                return row.meeting_id
        return None

    def all_records(self, kind: str | None = None) -> Iterator[Record]:
        """Events across all meetings, for history queries.

        Args:
            kind: Only events of this kind (uses the kind index); all if None.

        Returns:
            Records ordered by meeting id, then seq, read in batches.
        """
        sql = "SELECT meeting_id, seq, kind, t, wall, payload FROM events"
        args: tuple[str, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            args = (kind,)
        sql += " ORDER BY meeting_id, seq"
        with self._lock:
            cursor = self._db.execute(sql, args)
            batch = cursor.fetchmany(500)
        while batch:
            yield from (_record(row) for row in batch)
            with self._lock:
                batch = cursor.fetchmany(500)

    def close(self) -> None:
        """Close the database (idempotent)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None  # type: ignore[assignment]

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _record(row: tuple[Any, ...]) -> Record:
    mid, seq, kind, t, wall, payload = row
    try:
        data = json.loads(payload)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict):
        # starmote only ever stores objects: another program (or the disk) changed this row.
        raise DamagedEntry(mid, int(seq))
    return Record(mid, int(seq), kind, float(t), wall, data)


def _plan_of(payload: str) -> dict[str, Any]:
    try:
        plan = json.loads(payload).get("plan")
    except (ValueError, AttributeError):
        return {}
    return plan if isinstance(plan, dict) else {}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
