"""Following a meeting from the journal, read-only: what the projector board shows is folded here.

The board is a second process (or, in tests, a second connection) on the journal the
chair's app writes. It opens SQLite read-only and never writes, takes no lease, and
asks `PRAGMA data_version` — a few microseconds — whether anyone committed since it
last looked; only then does it read the new events and fold them onto the state it
keeps. The meeting clock is bridged as `Session.resume` bridges it: the last event's
offset plus the wall time since it, then the monotonic clock, so nothing counts ticks.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starmote.store.journal import SCHEMA_VERSION, ForeignJournal, JournalUnusable, unusable

if TYPE_CHECKING:
    from starmote.engine.state import MeetingState
    from starmote.store.session import Clock

OLDEST_SCHEMA = 2
"""The `meetings` index the board finds the open meeting by came with schema 2."""


def connect_read_only(path: Path | str) -> sqlite3.Connection:
    """A read-only SQLite connection to the journal at `path` (never creates it).

    Only SQLite opens the file: a descriptor of it opened and closed by hand would drop
    this process's locks on it (see `paths.private_file`).

    Raises:
        JournalUnusable: It is missing, unreadable, not a starmote journal, or newer.
    """
    path = Path(path)
    if not path.is_file():
        raise JournalUnusable("board.no_journal", path)
    try:
        db = sqlite3.connect(
            path.absolute().as_uri() + "?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        version = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute("PRAGMA query_only = 1")
    except sqlite3.Error as exc:
        raise unusable(exc, path) from exc
    if version > SCHEMA_VERSION:
        db.close()
        raise ForeignJournal("journal.newer", path, found=version, known=SCHEMA_VERSION)
    if version < OLDEST_SCHEMA:
        db.close()
        raise JournalUnusable("board.old_journal", path)
    return db


class Follower:
    """One meeting followed from the journal: the open one, or the one asked for by id."""

    def __init__(self, path: Path | str, clock: Clock, meeting_id: str | None = None) -> None:
        """Open the journal read-only; nothing is read until `poll`.

        Args:
            path: The journal file.
            clock: Where "now" comes from (a `SystemClock`; tests share a `FakeClock`).
            meeting_id: Follow this meeting; None follows the open one, and the next
                one opened once it closes.
        """
        self.path = Path(path)
        self.clock = clock
        self.wanted = meeting_id
        self._db = connect_read_only(self.path)
        self.state: MeetingState | None = None
        self.error = ""
        """A message key when the followed meeting cannot be read (a newer starmote's)."""
        self._version: int | None = None
        self._offset0 = 0.0
        self._mono0 = clock.monotonic()
        self._last_t = 0.0

    def resolve(self, wanted: str, shown: int = 10) -> str:
        """The id of the meeting `wanted` names: the whole id or a unique start of it.

        Raises:
            LookupError: No meeting, or several, match; the message lists some that do.
        """
        db = self._db
        if db.execute("SELECT 1 FROM meetings WHERE meeting_id = ?", (wanted,)).fetchone():
            return wanted
        hits = [
            str(row[0])
            for row in db.execute(
                "SELECT meeting_id FROM meetings WHERE meeting_id >= ? AND meeting_id < ?"
                " ORDER BY meeting_id LIMIT ?",
                (wanted, wanted + "\U0010ffff", shown + 1),
            )
        ]
        if len(hits) == 1:
            return hits[0]
        raise LookupError(", ".join(hits[:shown]) + (", …" if len(hits) > shown else ""))

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._db is not None:
            self._db.close()
            self._db = None  # type: ignore[assignment]

    def changed(self) -> bool:
        """Whether anyone committed to the journal since the last look (cheap: no reads)."""
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        if version == self._version:
            return False
        self._version = version
        return True

    def poll(self) -> bool:
        """Take in whatever was committed since the last poll.

        Returns:
            True when the state followed changed (new events, or another meeting).
        """
        if not self.changed():
            return False
        return self.read()

    def read(self) -> bool:
        """Read the new events of the meeting followed (choosing it first) and fold them in.

        Returns:
            True when the state changed.
        """
        db = self._db
        db.execute("BEGIN")  # one snapshot for the choice and the events
        try:
            meeting_id = self._choose()
            if meeting_id is None:
                changed = self.state is not None
                self.state = None
                return changed
            current = self.state if self.state and self.state.meeting_id == meeting_id else None
            since = current.last_seq if current is not None else 0
            rows = db.execute(
                "SELECT seq, kind, t, wall, payload FROM events"
                " WHERE meeting_id = ? AND seq > ? ORDER BY seq",
                (meeting_id, since),
            ).fetchall()
        finally:
            db.execute("COMMIT")
        if not rows:
            if current is None and self.state is not None:
                self.state = None  # the meeting asked for is not (or no longer) there
                return True
            return False
        return self._fold(current, rows)

    def _choose(self) -> str | None:
        """The meeting to show: the one asked for; else the one shown until it closes, then
        the most recently opened unfinished one (the next meeting in the room)."""
        if self.wanted is not None:
            return self.wanted
        if self.state is not None and self.state.closed is None:
            return self.state.meeting_id
        row = self._db.execute(
            "SELECT meeting_id FROM meetings WHERE closed = 0"
            " ORDER BY opened_wall DESC, rowid DESC LIMIT 1"
        ).fetchone()
        if row is not None:
            return str(row[0])
        return self.state.meeting_id if self.state is not None else None

    def _fold(self, state: MeetingState | None, rows: list[Any]) -> bool:
        import json

        from starmote.engine import events as ev
        from starmote.engine.fold import evolve

        try:
            for seq, kind, t, wall, payload in rows:
                data = json.loads(str(payload))
                event = ev.from_payload(str(kind), int(seq), float(t), str(wall), data)
                state = evolve(state, event)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            # A meeting this version cannot read (a newer starmote's events): say so.
            self.error = "board.unreadable"
            return False
        self.error = ""
        self.state = state
        last_t, last_wall = float(rows[-1][2]), datetime.fromisoformat(str(rows[-1][3]))
        # As Session.resume: the room's clock went on since the last event.
        gap = max(0.0, (self.clock.wall() - last_wall).total_seconds())
        self._offset0, self._mono0, self._last_t = last_t + gap, self.clock.monotonic(), last_t
        return True

    def now(self) -> float:
        """The meeting offset now (never behind the last event read)."""
        return max(self._offset0 + (self.clock.monotonic() - self._mono0), self._last_t)

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
