"""Tests for starmote.store.journal: the append-only SQLite event store."""

from __future__ import annotations

import sqlite3
import stat
import threading
from datetime import datetime
from pathlib import Path

import pytest

from starmote.store import paths
from starmote.store.journal import (
    SCHEMA_VERSION,
    DuplicateEventError,
    Journal,
    JournalError,
    MeetingRow,
    Record,
    encode_payload,
    new_meeting_id,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def opened(mid: str, case_code: str, template: str, start: str, wall: str) -> Record:
    plan = {"case_code": case_code, "template_key": template, "start": start, "parties": []}
    return Record(mid, 1, "meeting_opened", 0.0, wall, {"plan": plan, "lang": "sv"})


def ev(mid: str, seq: int, kind: str, wall: str, **payload: object) -> Record:
    return Record(mid, seq, kind, float(seq), wall, dict(payload))


@pytest.fixture
def journal(tmp_path: Path):
    with Journal.open(tmp_path / "home") as j:
        yield j


def test_append_and_read_back_in_seq_order(journal: Journal) -> None:
    mid = "20261203-0900-SIP-2026-031-abcd"
    first = opened(
        mid,
        "SIP-2026-031",
        "motescirkel-sip",
        "2026-12-03T09:00:00+01:00",
        "2026-12-03T08:00:00+00:00",
    )
    # Stored in two batches, the second out of order: reading back orders by seq.
    journal.append([first])
    later = [
        ev(mid, 3, "note_added", "2026-12-03T08:02:00+00:00", text="Behöver stöd med boende"),
        ev(mid, 2, "party_checked_in", "2026-12-03T08:01:00+00:00", party="fk", mode="video"),
    ]
    journal.append(later)
    got = journal.records(mid)
    assert [r.seq for r in got] == [1, 2, 3]
    assert got[0] == first
    assert got[1] == later[1]
    assert got[2].payload == {"text": "Behöver stöd med boende"}
    assert journal.last_seq(mid) == 3
    assert journal.last_seq("nope") == 0
    assert journal.records("nope") == []


def test_payload_round_trips_nested_unicode(journal: Journal) -> None:
    payload = {"text": "Åsa, Örjan och Ängla", "n": [1, 2.5, None, True], "m": {"b": {}, "a": []}}
    journal.append([Record("m", 1, "note_added", 12.25, "2026-01-01T00:00:00+00:00", payload)])
    (rec,) = journal.records("m")
    assert rec.payload == payload
    assert rec.t == 12.25
    stored = journal._db.execute("SELECT payload FROM events").fetchone()[0]
    assert stored == encode_payload(payload)
    assert "Åsa" in stored  # ensure_ascii=False: readable with the sqlite3 shell
    assert stored.index('"m"') < stored.index('"n"') < stored.index('"text"')


def test_duplicate_seq_rejected_and_batch_atomic(journal: Journal) -> None:
    journal.append([ev("m", 1, "meeting_opened", "2026-01-01T00:00:00+00:00")])
    batch = [
        ev("m", 2, "note_added", "2026-01-01T00:00:01+00:00", text="ny"),
        ev("m", 1, "note_added", "2026-01-01T00:00:02+00:00", text="dubblett"),
    ]
    with pytest.raises(DuplicateEventError):
        journal.append(batch)
    # Nothing of the failed batch is stored, and the journal is still usable.
    assert [r.seq for r in journal.records("m")] == [1]
    journal.append([batch[0]])
    assert [r.seq for r in journal.records("m")] == [1, 2]
    assert issubclass(DuplicateEventError, JournalError)


def test_same_seq_in_other_meeting_is_fine(journal: Journal) -> None:
    journal.append([ev("a", 1, "x", "2026-01-01T00:00:00+00:00")])
    journal.append([ev("b", 1, "x", "2026-01-01T00:00:00+00:00")])
    assert len(journal.records("a")) == len(journal.records("b")) == 1


def test_unserialisable_payload_stores_nothing(journal: Journal) -> None:
    with pytest.raises(TypeError):
        journal.append([Record("m", 1, "x", 0.0, "w", {"when": datetime(2026, 1, 1)})])
    assert journal.records("m") == []
    journal.append([Record("m", 1, "x", 0.0, "w", {})])


def test_meetings_listing_newest_first_and_closed(journal: Journal) -> None:
    a, b = "20261201-0900-SIP-1-aaaa", "20261202-1300-STAR-2-bbbb"
    journal.append(
        [
            opened(
                a,
                "SIP-1",
                "motescirkel-sip",
                "2026-12-01T09:00:00+01:00",
                "2026-12-01T07:55:00+00:00",
            )
        ]
    )
    journal.append(
        [
            opened(
                b,
                "STAR-2",
                "star-samplanering",
                "2026-12-02T13:00:00+01:00",
                "2026-12-02T11:58:00+00:00",
            )
        ]
    )
    journal.append(
        [
            ev(a, 2, "note_added", "2026-12-01T08:30:00+00:00", text="x"),
            ev(a, 3, "meeting_closed", "2026-12-01T09:00:00+00:00"),
        ]
    )
    rows = journal.meetings()
    assert rows == [
        MeetingRow(
            b,
            "STAR-2",
            "star-samplanering",
            "2026-12-02T13:00:00+01:00",
            "2026-12-02T11:58:00+00:00",
            "2026-12-02T11:58:00+00:00",
            1,
            False,
        ),
        MeetingRow(
            a,
            "SIP-1",
            "motescirkel-sip",
            "2026-12-01T09:00:00+01:00",
            "2026-12-01T07:55:00+00:00",
            "2026-12-01T09:00:00+00:00",
            3,
            True,
        ),
    ]


def test_latest_open(journal: Journal) -> None:
    assert journal.latest_open() is None
    journal.append([opened("old", "C1", "t", "s", "2026-01-01T08:00:00+00:00")])
    journal.append([opened("new", "C2", "t", "s", "2026-01-02T08:00:00+00:00")])
    assert journal.latest_open() == "new"
    journal.append([ev("new", 2, "meeting_closed", "2026-01-02T09:00:00+00:00")])
    assert journal.latest_open() == "old"
    journal.append([ev("old", 2, "meeting_closed", "2026-01-02T10:00:00+00:00")])
    assert journal.latest_open() is None


def test_the_index_takes_the_first_event_however_the_batches_come(journal: Journal) -> None:
    # Stored out of order across batches: the plan fields still come from seq 1,
    # the last wall time from the highest seq.
    journal.append([ev("m", 3, "note_added", "w3", text="c")])
    journal.append(
        [
            opened("m", "C-1", "t", "2026-12-03T09:00:00+01:00", "w1"),
            ev("m", 2, "meeting_closed", "w2"),
        ]
    )
    assert journal.meetings() == [
        MeetingRow("m", "C-1", "t", "2026-12-03T09:00:00+01:00", "w1", "w3", 3, True)
    ]
    kept = journal.query("SELECT * FROM meetings")
    journal.rebuild_index()
    assert journal.query("SELECT * FROM meetings") == kept


def test_recent_lists_every_open_meeting_and_the_latest(journal: Journal) -> None:
    for day in range(1, 31):
        mid = f"m{day:02d}"
        journal.append([opened(mid, f"C{day}", "t", "s", f"2026-11-{day:02d}T08:00:00+00:00")])
        if day != 3:  # the meeting of 3 November was never closed
            journal.append([ev(mid, 2, "meeting_closed", f"2026-11-{day:02d}T09:00:00+00:00")])
    assert journal.meeting_count() == 30
    recent = [row.meeting_id for row in journal.meetings(recent=5)]
    assert recent == ["m30", "m29", "m28", "m27", "m26", "m03"]
    assert [row.meeting_id for row in journal.meetings()] == [f"m{d:02d}" for d in range(30, 0, -1)]
    assert journal.latest_open() == "m03"


def test_ids_by_prefix_are_a_range_not_a_pattern(journal: Journal) -> None:
    for mid in ("m1", "m10", "m11", "m2", "m_x", "m%y", "n1"):
        journal.append([opened(mid, "C", "t", "s", "w")])
    assert journal.meeting_ids("m1") == ["m1", "m10", "m11"]
    assert journal.meeting_ids("m1", limit=2) == ["m1", "m10"]
    assert journal.meeting_ids("m_") == ["m_x"]  # no LIKE wildcards
    assert journal.meeting_ids("m%") == ["m%y"]
    assert journal.meeting_ids("x") == []
    assert journal.meeting("m1") is not None and journal.meeting("m") is None
    plan = journal.query(
        "EXPLAIN QUERY PLAN SELECT meeting_id FROM meetings"
        " WHERE meeting_id >= ? AND meeting_id < ?",
        ("m1", "m2"),
    )
    assert "SEARCH" in str(plan)  # an index range, whatever the number of meetings


def test_unfinished_meetings_of_a_case(journal: Journal) -> None:
    journal.append([opened("a", "SIP-1", "t", "s1", "w1")])
    journal.append([opened("b", "SIP-1", "t", "s2", "w2")])
    journal.append([opened("c", "SIP-2", "t", "s1", "w3")])
    journal.append([ev("a", 2, "meeting_closed", "w4")])
    assert [row.meeting_id for row in journal.unfinished("SIP-1")] == ["b"]
    assert journal.unfinished("SIP-3") == []


def test_all_records_filters_by_kind(journal: Journal) -> None:
    for mid in ("b", "a"):
        journal.append(
            [
                ev(mid, 1, "meeting_opened", "w"),
                ev(mid, 2, "party_absent", "w", party="fk", notified=True),
                ev(mid, 3, "note_added", "w", text="t"),
            ]
        )
    absent = list(journal.all_records("party_absent"))
    assert [(r.meeting_id, r.seq) for r in absent] == [("a", 2), ("b", 2)]
    assert absent[0].payload == {"party": "fk", "notified": True}
    assert len(list(journal.all_records())) == 6
    assert list(journal.all_records("nothing")) == []


def test_all_records_streams_more_than_one_batch(journal: Journal) -> None:
    journal.append([ev("m", i, "tick", "w") for i in range(1, 1203)])
    assert [r.seq for r in journal.all_records("tick")] == list(range(1, 1203))


def test_file_modes(tmp_path: Path) -> None:
    import os

    home = tmp_path / "data"
    old = os.umask(0o022)
    try:
        with Journal.open(home) as j:
            j.append([ev("m", 1, "x", "w")])
            db = paths.journal_path(home)
            assert mode(home) == 0o700
            assert mode(db) == 0o600
            for suffix in ("-wal", "-shm"):
                side = db.with_name(db.name + suffix)
                assert side.exists()
                assert mode(side) == 0o600
    finally:
        os.umask(old)


def test_loose_existing_files_are_tightened_but_the_home_keeps_its_mode(tmp_path: Path) -> None:
    home = tmp_path / "data"
    with Journal.open(home) as j:
        j.append([ev("m", 1, "x", "w")])
    db = paths.journal_path(home)
    home.chmod(0o755)
    db.chmod(0o644)
    with Journal.open(home) as j:
        assert j.records("m")
    assert mode(home) == 0o755  # the chair's folder: never changed behind their back
    assert mode(db) == 0o600  # the journal is ours: only we may read it


def test_a_home_others_can_write_to_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "shared"
    home.mkdir()
    home.chmod(0o775)
    with pytest.raises(paths.UnsafeHome):
        Journal(paths.journal_path(home))
    assert not paths.journal_path(home).exists()
    assert mode(home) == 0o775


def test_wal_and_synchronous_full(journal: Journal) -> None:
    assert journal._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert journal._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    # WAL mode is a property of the file: a fresh connection sees it too.
    other = sqlite3.connect(journal.path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        indexes = {row[1] for row in other.execute("PRAGMA index_list(events)")}
        assert "events_by_kind" in indexes
    finally:
        other.close()


def test_reopen_shows_same_data(tmp_path: Path) -> None:
    home = tmp_path / "h"
    records = [opened("m", "C", "t", "s", "w1")] + [
        ev("m", i, "note_added", f"w{i}", text=f"anteckning {i}") for i in range(2, 20)
    ]
    j = Journal.open(home)
    j.append(records[:5])
    j.append(records[5:])
    before = (j.records("m"), j.meetings())
    j.close()
    j.close()  # idempotent
    with Journal(paths.journal_path(home)) as again:
        assert (again.records("m"), again.meetings()) == before
        assert again.records("m") == records


def test_second_connection_sees_commits_immediately(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as writer, Journal.open(tmp_path) as reader:
        writer.append([ev("m", 1, "x", "w")])
        assert [r.seq for r in reader.records("m")] == [1]


def test_newer_schema_refused(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        j._db.execute("PRAGMA user_version=99")
    with pytest.raises(JournalError, match="newer"):
        Journal.open(tmp_path)


def test_garbage_file_gives_journal_error(tmp_path: Path) -> None:
    paths.journal_path(tmp_path).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(JournalError, match="is damaged"):
        Journal.open(tmp_path)


def test_threads_share_one_journal(journal: Journal) -> None:
    def write(mid: str) -> None:
        for seq in range(1, 21):
            journal.append([ev(mid, seq, "x", "w")])

    threads = [threading.Thread(target=write, args=(f"m{i}",)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(r.meeting_id for r in journal.meetings()) == ["m0", "m1", "m2", "m3"]
    assert all(row.events == 20 for row in journal.meetings())


def test_open_uses_env_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "envhome"))
    with Journal.open() as j:
        assert j.path == tmp_path / "envhome" / "journal.sqlite3"


def test_new_meeting_id_shape_and_uniqueness() -> None:
    start = datetime(2026, 12, 3, 9, 0)
    mid = new_meeting_id(start, "SIP-2026-031")
    assert mid.startswith("20261203-0900-SIP-2026-031-")
    assert len(mid.rsplit("-", 1)[1]) == 4
    assert len({new_meeting_id(start, "SIP-2026-031") for _ in range(200)}) > 190
    odd = new_meeting_id(start, "STAR team/ht 26")
    assert odd.startswith("20261203-0900-STAR-team-ht-26-")
    assert new_meeting_id(start, "  ").startswith("20261203-0900-case-")


def test_a_second_journal_in_the_process_never_loses_the_first_ones_events(tmp_path):
    """Opening the journal again in one process (the app's history thread does) must not
    drop the first connection's file locks: another process closing the journal would then
    delete the WAL under it, and its next events would go to a deleted file."""
    import subprocess
    import sys

    path = tmp_path / "journal.sqlite3"
    first = Journal(path)
    first.append([Record("m", 1, "meeting_opened", 0.0, "2026-12-03T08:00:00+00:00", {})])
    Journal(path).close()  # a second connection in the same process, opened and closed
    count = (
        "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]);"
        " print(db.execute('SELECT COUNT(*) FROM events').fetchone()[0]); db.close()"
    )
    other = [sys.executable, "-c", count, str(path)]
    assert subprocess.run(other, capture_output=True, text=True, check=True).stdout.strip() == "1"
    first.append([Record("m", 2, "note_added", 1.0, "2026-12-03T08:00:01+00:00", {})])
    assert subprocess.run(other, capture_output=True, text=True, check=True).stdout.strip() == "2"
    first.close()
