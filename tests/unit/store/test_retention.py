"""Gallring in the store: the meetings past the limit, and a purge that leaves nothing behind."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from starmote.store import lease, retention, summary
from starmote.store.journal import Journal, NotClosed
from starmote.store.paths import journal_path
from tests.support.retention import MARK, at, hold, leftovers, secure_delete_off

__all__ = ["secure_delete_off"]  # the fixture, used by name

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 11:00 in Stockholm


def test_the_limit_is_midnight_in_stockholm_so_many_days_before_today() -> None:
    # 90 days before 1 December is 2 September, in summer time.
    assert retention.limit(NOW, 90) == at(date(2026, 9, 2), 0)
    assert retention.limit(NOW, 90).utcoffset().total_seconds() == 7200
    # 23:30 UTC on 1 December is already 2 December in Stockholm.
    late = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert retention.limit(late, 0) == at(date(2026, 12, 2), 0)


def test_a_meeting_is_dated_by_the_day_it_was_held_else_the_day_it_was_booked(
    tmp_path: Path,
) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        # Held on the limit day itself: kept. Held the evening before: past.
        on_the_day = hold(journal, at(date(2026, 9, 2)), at(date(2026, 9, 2), 8), code="A")
        day_before = hold(journal, at(date(2026, 9, 2)), at(date(2026, 9, 1), 23), code="B")
        # Booked long ago but held recently (the case file kept an old date): kept.
        held_late = hold(journal, at(date(2026, 1, 5)), at(date(2026, 11, 20)), code="C")
        # Never held, closed with a reason: its booked day counts.
        cancelled = hold(journal, at(date(2026, 3, 1)), None, code="D")
        booked_recently = hold(journal, at(date(2026, 11, 1)), None, code="E")
        # Held long ago but never closed: never among those to purge.
        unfinished = hold(
            journal, at(date(2026, 2, 1)), at(date(2026, 2, 1)), code="F", close=False
        )
        before = retention.limit(NOW, 90)
        found = retention.past(journal, before)
        assert [m.meeting_id for m in found] == [cancelled, day_before]
        assert [(m.case_code, m.day, m.closed) for m in found] == [
            ("D", date(2026, 3, 1), True),
            ("B", date(2026, 9, 1), True),
        ]
        assert [m.meeting_id for m in retention.past(journal, before, closed=False)] == [unfinished]
        assert retention.dated(journal, held_late).day == date(2026, 11, 20)  # type: ignore[union-attr]
        assert retention.dated(journal, "no-such-meeting") is None
        assert {on_the_day, booked_recently}.isdisjoint(m.meeting_id for m in found)
    assert retention.count_past_at(tmp_path / "j.sqlite3", 90, NOW) == 2
    assert retention.count_past_at(tmp_path / "j.sqlite3", 0, NOW) == 0  # 0: never
    assert retention.count_past_at(tmp_path / "none.sqlite3", 90, NOW) == 0
    assert not (tmp_path / "none.sqlite3").exists()  # counting never creates a journal


def rows(journal: Journal, table: str) -> list[tuple[object, ...]]:
    return sorted(journal.query(f"SELECT * FROM {table}"), key=repr)


def tables_with_meeting_id(journal: Journal) -> list[str]:
    names = [r[0] for r in journal.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [
        n
        for n in names
        if any(c[1] == "meeting_id" for c in journal.query(f"PRAGMA table_info({n})"))
    ]


def test_a_purge_removes_the_meeting_whole_and_leaves_the_others_as_they_were(
    tmp_path: Path,
) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        first = hold(journal, at(date(2026, 3, 2)), at(date(2026, 3, 2)), code="SIP-1")
        gone = hold(journal, at(date(2026, 4, 2)), at(date(2026, 4, 2)), marked=True)
        last = hold(journal, at(date(2026, 5, 2)), at(date(2026, 5, 2)), code="SIP-1")
        tables = tables_with_meeting_id(journal)
        assert {"events", "meetings", "party_summary"} <= set(tables)
        kept = {table: [r for r in rows(journal, table) if gone not in r] for table in tables}
        assert all(len(kept[t]) < len(rows(journal, t)) for t in tables)  # it had rows in each
        order = [m.meeting_id for m in journal.meetings()]

        assert journal.purge([gone]) is True
        for table in tables:
            assert rows(journal, table) == kept[table], table
        assert [m.meeting_id for m in journal.meetings()] == [m for m in order if m != gone]
        assert journal.records(gone) == [] and journal.meeting(gone) is None
        # What is derived still equals a rebuild from the events that remain.
        journal.rebuild_index()
        assert summary.rebuild(journal) == 2
        for table in tables:
            assert rows(journal, table) == kept[table], table
        assert {first, last} == {r[0] for r in rows(journal, "meetings")}


def test_an_open_or_unknown_meeting_is_never_purged(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        closed = hold(journal, at(date(2026, 3, 2)), at(date(2026, 3, 2)), code="A")
        running = hold(journal, at(date(2026, 3, 3)), at(date(2026, 3, 3)), code="B", close=False)
        events = rows(journal, "events")
        for ids, refused in (([closed, running], (running,)), (["nope", closed], ("nope",))):
            with pytest.raises(NotClosed) as err:
                journal.purge(ids)
            assert err.value.meeting_ids == refused
            assert rows(journal, "events") == events  # nothing went


def test_no_byte_of_a_purged_meeting_is_left_in_the_data_dir(
    tmp_path: Path, secure_delete_off: None
) -> None:
    home = tmp_path / "home"
    with Journal(journal_path(home)) as journal:
        for n in range(12):  # others before and after it share its pages
            hold(journal, at(date(2026, 3, 1 + n)), at(date(2026, 3, 1 + n)), code=f"SIP-{n}")
            if n == 5:
                gone = hold(journal, at(date(2026, 3, 9)), at(date(2026, 3, 9)), marked=True)
        exports = home / "exports" / gone
        exports.mkdir(parents=True)
        (exports / "minnesanteckningar.md").write_text(f"Sam {MARK}", "utf-8")
        (home / "logs").mkdir()
        (home / "logs" / "crash-1.txt").write_text(f"DuplicateEventError: {gone}#3", "utf-8")
        (home / "logs" / "crash-2.txt").write_text("OSError: disk full", "utf-8")
        lease.take(journal.path, gone).release()  # a lock file named for it, as resume leaves
    assert len(leftovers(home)) >= 4  # the journal, the export, the log, the lock file's name
    with Journal(journal_path(home)) as journal:
        done = retention.purge(journal, [gone])
        assert done == retention.Purged((gone,), True, 1)
    assert leftovers(home) == []
    assert [p.name for p in (home / "logs").iterdir()] == ["crash-2.txt"]  # other logs stay


CHILD = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT count(*) FROM events").fetchall()
print("reading", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
db.close()
"""


def test_a_purge_says_so_when_a_reader_keeps_the_old_bytes_and_a_later_wipe_clears_them(
    tmp_path: Path, secure_delete_off: None
) -> None:
    home = tmp_path / "home"
    with Journal(journal_path(home)) as journal:
        hold(journal, at(date(2026, 3, 1)), at(date(2026, 3, 1)), code="SIP-1")
        gone = hold(journal, at(date(2026, 3, 2)), at(date(2026, 3, 2)), marked=True)
    reader = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(journal_path(home))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline() == "reading\n"
        with Journal(journal_path(home)) as journal:
            # The reader holds a snapshot from before: the checkpoint cannot finish.
            assert journal.purge([gone], wait_s=0.3) is False
            assert journal.meeting(gone) is None  # gone from the journal all the same
            reader.communicate("done\n", timeout=30)
            assert journal.wipe() is True
    finally:
        reader.kill()
        reader.wait()
    assert leftovers(home) == []


def test_many_meetings_go_a_batch_of_locks_at_a_time_and_one_in_a_window_stops_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retention, "LOCKS_AT_ONCE", 2)
    with Journal(journal_path(tmp_path)) as journal:
        ids = [
            hold(journal, at(date(2026, 3, 1 + n)), at(date(2026, 3, 1 + n)), code=f"SIP-{n}")
            for n in range(5)
        ]
        with lease.take(journal.path, ids[4]), pytest.raises(lease.MeetingInUse):
            retention.purge(journal, ids)
        with pytest.raises(NotClosed):
            retention.purge(journal, [*ids, "nope"])
        assert journal.meeting_count() == 5  # nothing went
        assert retention.purge(journal, ids) == retention.Purged(tuple(ids), True, 0)
        assert journal.meeting_count() == 0
    assert list((tmp_path / "locks").iterdir()) == []
