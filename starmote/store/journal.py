"""The append-only SQLite event journal: the single source of truth for every meeting."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import re
import sqlite3
import stat
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import starmote.record as rec
from starmote.errors import KeyedError
from starmote.i18n import t
from starmote.store import paths, summary
from starmote.store.summary import MeetingSummary, SummaryKept

SCHEMA_VERSION = 3
"""Stored in `PRAGMA user_version`; bump it and add a step to `_migrate` when the schema changes.

1: events only. 2: the `meetings` index and the attendance summary (store/summary.py).
3: the summary's tables in their new shape (folded again from the events).
"""

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

# One row per meeting, derived from its events alone and kept by `append` in the same
# transaction: the plan's case code, template and start from its first event, the
# last event, the count, and whether a close event exists. Lists and look-ups read
# this instead of grouping every event.
_INDEX_SCHEMA = """
CREATE TABLE IF NOT EXISTS meetings (
    meeting_id  TEXT    PRIMARY KEY,
    case_code   TEXT    NOT NULL,
    template    TEXT    NOT NULL,
    start       TEXT    NOT NULL,
    opened_wall TEXT    NOT NULL,
    first_seq   INTEGER NOT NULL,
    last_seq    INTEGER NOT NULL,
    last_wall   TEXT    NOT NULL,
    events      INTEGER NOT NULL,
    closed      INTEGER NOT NULL,
    -- The attendance summary's mark (store/summary.py): folded up to this event, in
    -- this format. 0: none yet.
    summary_seq     INTEGER NOT NULL DEFAULT 0,
    summary_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS meetings_by_opened ON meetings (opened_wall);
CREATE INDEX IF NOT EXISTS meetings_open_by_case ON meetings (case_code) WHERE closed = 0;
CREATE INDEX IF NOT EXISTS meetings_open ON meetings (opened_wall) WHERE closed = 0;
CREATE INDEX IF NOT EXISTS meetings_unsummarized ON meetings (meeting_id)
    WHERE summary_seq != last_seq;
CREATE INDEX IF NOT EXISTS meetings_by_summary_version ON meetings (summary_version);
"""

# Fold of a batch of records into `meetings`: the first event (lowest seq) gives the
# plan fields, the last one the last wall time. Every SET reads the row as it was.
_INDEX_COLUMNS = (
    "meeting_id, case_code, template, start, opened_wall, first_seq, last_seq, last_wall,"
    " events, closed"
)
_UPSERT_INDEX = f"""
INSERT INTO meetings ({_INDEX_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (meeting_id) DO UPDATE SET
    case_code   = CASE WHEN excluded.first_seq < first_seq
                       THEN excluded.case_code ELSE case_code END,
    template    = CASE WHEN excluded.first_seq < first_seq
                       THEN excluded.template ELSE template END,
    start       = CASE WHEN excluded.first_seq < first_seq
                       THEN excluded.start ELSE start END,
    opened_wall = CASE WHEN excluded.first_seq < first_seq
                       THEN excluded.opened_wall ELSE opened_wall END,
    first_seq   = min(first_seq, excluded.first_seq),
    last_wall   = CASE WHEN excluded.last_seq > last_seq
                       THEN excluded.last_wall ELSE last_wall END,
    last_seq    = max(last_seq, excluded.last_seq),
    events      = events + excluded.events,
    closed      = closed OR excluded.closed
"""

# The same index computed from all events at once (schema migration, checks).
_INDEX_FROM_EVENTS = """
SELECT m.meeting_id, {plan}, o.wall, m.first_seq, m.last_seq, l.wall, m.n,
       EXISTS (SELECT 1 FROM events c
               WHERE c.kind = '{closed}' AND c.meeting_id = m.meeting_id)
FROM (SELECT meeting_id, COUNT(*) AS n, MIN(seq) AS first_seq, MAX(seq) AS last_seq,
             MIN(rowid) AS first_rowid
      FROM events GROUP BY meeting_id) AS m
JOIN events AS o ON o.meeting_id = m.meeting_id AND o.seq = m.first_seq
JOIN events AS l ON l.meeting_id = m.meeting_id AND l.seq = m.last_seq
ORDER BY m.first_rowid
"""
_PLAN_JSON = ", ".join(
    f"coalesce(json_extract(o.payload, '$.plan.{key}'), '')"
    for key in ("case_code", "template_key", "start")
)

BUSY_S = 10.0
"""How long a statement waits for another connection's write lock before it gives up."""

_MEETING_COLUMNS = "meeting_id, case_code, template, start, opened_wall, last_wall, events, closed"
# Newest first; among meetings opened at the same instant, the one stored last.
_NEWEST_FIRST = "ORDER BY opened_wall DESC, rowid DESC"


class JournalError(Exception):
    """The journal cannot be used as asked (unknown schema, duplicate event, …)."""


class DuplicateEventError(JournalError):
    """An event with this (meeting_id, seq) is already stored; nothing was written."""


class NotClosed(JournalError):
    """A meeting asked to be purged is unknown or not closed; nothing was deleted."""

    def __init__(self, meeting_ids: Sequence[str]) -> None:
        self.meeting_ids = tuple(meeting_ids)
        super().__init__("not closed, never purged: " + ", ".join(self.meeting_ids))


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
_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


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


@rec.record
class Record(rec.Record):
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


@rec.record
class MeetingRow(rec.Record):
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
    # Not a secret, only unlikely to repeat: `random` (seeded from the OS), not `secrets`,
    # whose import loads OpenSSL for ~4 ms on the way to the first frame.
    suffix = "".join(random.choices(_SUFFIX_ALPHABET, k=4))
    return f"{start_local:%Y%m%d-%H%M}-{code}-{suffix}"


class Journal:
    """An append-only event store in one SQLite file (WAL, synchronous=FULL).

    Every `append` is one committed transaction: when it returns, the events
    survive a crash or power loss. No event is ever updated; undo is a later
    event. Events are deleted in one way only, `purge` (gallring): a whole
    closed meeting at once, never a part of one, with everything derived from
    it. Beside the events, in the same transactions, it keeps derived tables
    that can always be rebuilt from them: the `meetings` index and the
    attendance summary (store/summary.py). Safe to share between threads of
    one process.
    """

    def __init__(self, path: Path | str) -> None:
        """Open (creating if needed) the journal at `path`.

        Args:
            path: The database file; its directory is created 0700.
        """
        self.path = Path(path)
        self._lock = threading.RLock()
        self._side_files_private = False
        paths.home_dir(self.path.parent)  # refuses a folder others may write to
        try:
            # Create the file 0600 ourselves: sqlite would use the umask (often 0644).
            paths.private_file(self.path)
            # Autocommit mode: transactions are begun and committed explicitly in append().
            self._db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_S
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
            self._migrate()
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

    def _migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION in one transaction (events are never touched).

        Another process may be doing the same: the version is read again once the
        write lock is held.
        """
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < 1:
                _run_script(db, _SCHEMA)
            if version < 2:
                # The index from the events already there; summaries are folded
                # lazily by summary.refresh (they need the engine, and time).
                _run_script(db, _INDEX_SCHEMA)
                _fill_index(db)
            if version < 3:
                # The summary is a cache: drop it in its old shape, refold on demand.
                for table in summary.TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                _run_script(db, summary.SCHEMA)
                db.execute("UPDATE meetings SET summary_seq = 0, summary_version = 0")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

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

    def append(
        self, records: Sequence[Record], summaries: Sequence[MeetingSummary | SummaryKept] = ()
    ) -> None:
        """Store `records` in one transaction; durable when this returns.

        The `meetings` index is updated from the records in the same transaction,
        and so are the attendance summaries given.

        Args:
            records: Events to store, in order.
            summaries: For each meeting, its summary folded up to its last record
                here, or word that the stored one still holds (see store/summary.py);
                a meeting left without a current one is folded again on demand.

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
        index = _index_rows(records)
        with self._transaction() as db:
            try:
                db.executemany(
                    "INSERT INTO events (meeting_id, seq, kind, t, wall, payload)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except sqlite3.IntegrityError as exc:
                taken = ", ".join(f"{r[0]}#{r[1]}" for r in rows)
                raise DuplicateEventError(f"event already stored: {taken}") from exc
            db.executemany(_UPSERT_INDEX, index)
            summary.write(db, summaries)
        self._protect_side_files()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
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

    def store_summaries(self, summaries: Sequence[MeetingSummary]) -> int:
        """Store summaries folded outside `append` (see `summary.refresh`).

        A summary is kept only if it is folded up to the meeting's last event as
        stored now; one overtaken by a newer event is left for the next refresh.

        Returns:
            How many were stored.
        """
        if not summaries:
            return 0
        with self._transaction() as db:
            current = [
                s
                for s in summaries
                if db.execute(
                    "SELECT 1 FROM meetings WHERE meeting_id = ? AND last_seq = ?",
                    (s.meeting_id, s.seq),
                ).fetchone()
            ]
            summary.write(db, current)
        return len(current)

    def clear_summaries(self) -> None:
        """Forget every stored summary (they are folded again on demand)."""
        with self._transaction() as db:
            for table in summary.TABLES:
                db.execute(f"DELETE FROM {table}")
            db.execute("UPDATE meetings SET summary_seq = 0, summary_version = 0")

    def purge(self, meeting_ids: Sequence[str], wait_s: float = BUSY_S, wipe: bool = True) -> bool:
        """Delete closed meetings whole, then wipe their bytes from the journal's files.

        Gallring: the one deliberate deletion in this journal. Each meeting goes with
        every event and every row derived from it (its index row, its summaries), in
        one transaction; no part of a meeting is ever deleted alone, and an open
        meeting never. Then `wipe` rewrites the files, so no byte of it is left.

        Args:
            meeting_ids: The meetings, each closed.
            wait_s: How long the wipe waits for other connections (see `wipe`).
            wipe: False to leave the wipe to the caller, who purges more first and
                then calls `wipe` once.

        Returns:
            Whether the files were wiped (see `wipe`); the meetings are deleted either way.

        Raises:
            NotClosed: One of them is unknown or not closed; nothing was deleted.
        """
        ids = list(dict.fromkeys(meeting_ids))
        if not ids:
            return True
        with self._lock:
            self._secure()
            with self._transaction() as db:
                closed = "SELECT closed FROM meetings WHERE meeting_id = ?"
                refused = [m for m in ids if not (db.execute(closed, (m,)).fetchone() or (0,))[0]]
                if refused:
                    raise NotClosed(refused)
                keys = [(m,) for m in ids]
                db.executemany("DELETE FROM events WHERE meeting_id = ?", keys)
                db.executemany("DELETE FROM meetings WHERE meeting_id = ?", keys)
                summary.forget(db, ids)
            return self.wipe(wait_s) if wipe else False

    def wipe(self, wait_s: float = BUSY_S) -> bool:
        """Rewrite the journal's files so that nothing deleted from it can be read back.

        Deleting rows leaves their bytes behind: older copies in the free space of
        pages and on free pages (SQLite zeroes deleted content only when built or told
        to), and the page images in the -wal file. VACUUM rebuilds the database
        from the live rows alone, and a TRUNCATE checkpoint copies it over the old
        file and empties the -wal file (the -shm file holds no content). The
        checkpoint needs every other connection to stop reading for a moment;
        another starmote's idle connection does not hold it up.

        Args:
            wait_s: How long to wait for other connections to finish reading.

        Returns:
            True when done; False when another connection kept reading (or writing)
            all along: then the old bytes stay until it is done and a later wipe runs,
            or every connection has closed (the last one checkpoints and removes the
            -wal file).
        """
        with self._lock:
            db = self._db
            self._secure()
            db.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
            try:
                db.execute("VACUUM")
                busy, log, done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.OperationalError as exc:
                if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF not in _BUSY:
                    raise
                return False
            finally:
                db.execute(f"PRAGMA busy_timeout = {int(BUSY_S * 1000)}")
        # Every frame copied back and the -wal file cut to nothing, at that moment. A
        # starmote that writes on afterwards starts the -wal file afresh with its own
        # events, so its size says nothing about the purged meeting: looking at it
        # would fail whenever another meeting is being written.
        return busy == 0 and log == done

    def _secure(self) -> None:
        """Zero what this connection deletes, and keep its scratch copies off the disk.

        Statement journals and VACUUM's copy of the database then live in memory,
        not in a temporary file outside the data directory.
        """
        self._db.execute("PRAGMA secure_delete = ON")
        self._db.execute("PRAGMA temp_store = MEMORY")

    def rebuild_index(self) -> None:
        """Compute the `meetings` index again from the events alone (summaries then refold)."""
        with self._transaction() as db:
            db.execute("DELETE FROM meetings")
            _fill_index(db)

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only SELECT, for the derived views (history) over this journal.

        Args:
            sql: One SELECT statement.
            args: Its parameters.

        Returns:
            All rows.
        """
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

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

    def meetings(self, recent: int | None = None) -> list[MeetingRow]:
        """Meetings in the journal, from the index.

        Args:
            recent: If given, only every unfinished meeting and the `recent` most
                recently opened ones; all meetings if None.

        Returns:
            One row per meeting, most recently opened first.
        """
        sql = f"SELECT {_MEETING_COLUMNS} FROM meetings"
        if recent is None:
            rows = self.query(f"{sql} {_NEWEST_FIRST}")
        else:
            # Both halves walk an index; the union keeps the order of opening.
            rows = self.query(
                f"SELECT * FROM (SELECT {_MEETING_COLUMNS}, rowid AS r FROM meetings"
                f" WHERE closed = 0 UNION SELECT * FROM (SELECT {_MEETING_COLUMNS}, rowid"
                f" FROM meetings {_NEWEST_FIRST} LIMIT ?)) ORDER BY opened_wall DESC, r DESC",
                (recent,),
            )
        return [_meeting_row(row) for row in rows]

    def meeting_count(self) -> int:
        """How many meetings the journal holds."""
        return int(self.query("SELECT COUNT(*) FROM meetings")[0][0])

    def meeting(self, meeting_id: str) -> MeetingRow | None:
        """The index row of one meeting, or None if there is no such meeting."""
        rows = self.query(
            f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE meeting_id = ?", (meeting_id,)
        )
        return _meeting_row(rows[0]) if rows else None

    def meeting_ids(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids that start with `prefix`, in id order (an indexed range, not a scan).

        Args:
            prefix: The start of an id (case-sensitive, as ids are).
            limit: At most this many.

        Returns:
            The matching ids.
        """
        # Every string that starts with `prefix` sorts in [prefix, prefix + U+10FFFF).
        rows = self.query(
            "SELECT meeting_id FROM meetings WHERE meeting_id >= ? AND meeting_id < ?"
            " ORDER BY meeting_id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [r[0] for r in rows]

    def unfinished(self, case_code: str) -> list[MeetingRow]:
        """Meetings on `case_code` that have no close event (an indexed look-up).

        Args:
            case_code: The plan's case code.

        Returns:
            Their rows, most recently opened first.
        """
        rows = self.query(
            f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE case_code = ? AND closed = 0"
            f" {_NEWEST_FIRST}",
            (case_code,),
        )
        return [_meeting_row(row) for row in rows]

    def latest_open(self) -> str | None:
        """The meeting to resume when none is named.

        Returns:
            The most recently opened meeting that has no close event, or None.
        """
        rows = self.query(
            f"SELECT meeting_id FROM meetings WHERE closed = 0 {_NEWEST_FIRST} LIMIT 1"
        )
        return str(rows[0][0]) if rows else None

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


def _meeting_row(row: tuple[Any, ...]) -> MeetingRow:
    mid, case_code, template, start, opened, last, n, closed = row[:8]
    return MeetingRow(mid, case_code, template, start, opened, last, int(n), bool(closed))


def _plan_fields(payload: dict[str, Any]) -> tuple[str, str, str]:
    """Case code, template and start of the plan in a first event ("" where absent)."""
    plan = payload.get("plan")
    if not isinstance(plan, dict):
        return "", "", ""
    return _text(plan.get("case_code")), _text(plan.get("template_key")), _text(plan.get("start"))


def _index_rows(records: Sequence[Record]) -> list[tuple[Any, ...]]:
    """One `_UPSERT_INDEX` row per meeting in `records`: their fold into the index."""
    by_meeting: dict[str, list[Record]] = {}
    for r in records:
        by_meeting.setdefault(r.meeting_id, []).append(r)
    rows = []
    for mid, batch in by_meeting.items():
        first = min(batch, key=lambda r: r.seq)
        last = max(batch, key=lambda r: r.seq)
        case_code, template, start = _plan_fields(first.payload)
        closed = any(r.kind == CLOSED for r in batch)
        rows.append(
            (
                mid,
                case_code,
                template,
                start,
                first.wall,
                first.seq,
                last.seq,
                last.wall,
                len(batch),
                int(closed),
            )
        )
    return rows


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # executescript would COMMIT the open transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _fill_index(db: sqlite3.Connection) -> None:
    """Fill the (empty) `meetings` index from the events."""
    insert = f"INSERT INTO meetings ({_INDEX_COLUMNS}) "
    try:
        db.execute(insert + _INDEX_FROM_EVENTS.format(plan=_PLAN_JSON, closed=CLOSED))
    except sqlite3.OperationalError:
        # No JSON functions in this SQLite build: read the first events' plans here.
        rows = db.execute(_INDEX_FROM_EVENTS.format(plan="o.payload", closed=CLOSED)).fetchall()
        db.executemany(
            insert + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(mid, *_plan_fields(_loads(payload)), *rest) for mid, payload, *rest in rows],
        )


def _loads(payload: str) -> dict[str, Any]:
    try:
        value = json.loads(payload)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
