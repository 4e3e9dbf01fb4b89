"""What the journal says when it cannot be used: the right error for each kind of trouble."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from starmote.store import paths
from starmote.store.journal import (
    DamagedEntry,
    DamagedJournal,
    ForeignJournal,
    Journal,
    JournalFull,
    JournalReadOnly,
    JournalUnusable,
    Record,
    unusable,
)


def raw(home: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(paths.journal_path(home)))


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    with raw(tmp_path) as db, db:
        db.execute("CREATE TABLE contacts (name TEXT)")
    before = paths.journal_path(tmp_path).read_bytes()
    with pytest.raises(ForeignJournal) as caught:
        Journal.open(tmp_path)
    assert caught.value.key == "journal.foreign"
    assert caught.value.path == paths.journal_path(tmp_path)
    assert paths.journal_path(tmp_path).read_bytes() == before


def test_a_versioned_database_without_events_is_not_ours(tmp_path: Path) -> None:
    with raw(tmp_path) as db, db:
        db.execute("CREATE TABLE kv (k TEXT)")
        db.execute("PRAGMA user_version=1")
    with pytest.raises(ForeignJournal, match="not a starmote journal"):
        Journal.open(tmp_path)


def test_a_newer_journal_names_both_versions(tmp_path: Path) -> None:
    Journal.open(tmp_path).close()
    with raw(tmp_path) as db, db:
        db.execute("PRAGMA user_version=7")
    with pytest.raises(ForeignJournal) as caught:
        Journal.open(tmp_path)
    assert caught.value.key == "journal.newer"
    assert "journalversion 7" in caught.value.message("sv")


def test_an_empty_file_is_a_new_journal(tmp_path: Path) -> None:
    paths.journal_path(tmp_path).write_bytes(b"")
    with Journal.open(tmp_path) as journal:
        assert journal.meetings() == []


def test_a_folder_in_the_journals_place(tmp_path: Path) -> None:
    paths.journal_path(tmp_path).mkdir()
    with pytest.raises(DamagedJournal) as caught:
        Journal.open(tmp_path)
    assert caught.value.key == "journal.directory"


def test_an_entry_that_is_not_a_json_object(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as journal:
        journal.append([Record("m", 1, "x", 0.0, "w", {"a": 1})])
        journal.append([Record("m", 2, "x", 1.0, "w", {"a": 2})])
    with raw(tmp_path) as db, db:
        db.execute("UPDATE events SET payload = '[1, 2]' WHERE seq = 2")
    with Journal.open(tmp_path) as journal, pytest.raises(DamagedEntry) as caught:
        journal.records("m")
    assert (caught.value.meeting_id, caught.value.seq) == ("m", 2)


def test_a_full_disk_raises_sqlites_own_error_and_stores_nothing(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as journal:
        journal.append([Record("m", 1, "x", 0.0, "w", {"a": 1})])
        pages = journal._db.execute("PRAGMA page_count").fetchone()[0]
        journal._db.execute(f"PRAGMA max_page_count={pages}")
        big = [Record("m", seq, "x", 0.0, "w", {"text": "x" * 5000}) for seq in range(2, 6)]
        with pytest.raises(sqlite3.OperationalError) as caught:
            journal.append(big)
        # SQLite rolled back on its own; the error is the disk's, not a failed ROLLBACK.
        error = unusable(caught.value, journal.path)
        assert isinstance(error, JournalFull)
        assert error.short("en") == "the disk is full"
        assert [r.seq for r in journal.records("m")] == [1]


@pytest.mark.parametrize(
    ("error", "kind", "key"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), JournalFull, "journal.full"),
        (PermissionError(errno.EACCES, "Permission denied"), JournalReadOnly, "journal.read_only"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), DamagedJournal, "journal.directory"),
        (OSError(errno.EIO, "Input/output error"), JournalUnusable, "journal.io"),
    ],
)
def test_os_errors_are_named(tmp_path: Path, error: OSError, kind: type, key: str) -> None:
    found = unusable(error, tmp_path / "journal.sqlite3")
    assert type(found) is kind and found.key == key
    assert str(tmp_path / "journal.sqlite3") in found.message("sv")
