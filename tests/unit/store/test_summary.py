"""The journal's derived tables: kept with the events, and the same when rebuilt from them alone."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from starmote.engine import commands as c
from starmote.engine.rules import Now, decide
from starmote.store import summary
from starmote.store.history import attendance_history, party_history, report
from starmote.store.journal import SCHEMA_VERSION, Journal, Record
from starmote.store.session import FakeClock, Session, to_record
from tests.support.journals import plan_on, play_hand_journal, play_three_meetings


def derived(journal: Journal) -> dict[str, list[tuple[object, ...]]]:
    """The summary rows and each meeting's mark."""
    return {
        "rows": journal.query("SELECT * FROM party_summary ORDER BY meeting_id, position"),
        "meetings": journal.query("SELECT * FROM meeting_summary ORDER BY meeting_id"),
        "marks": journal.query(
            "SELECT meeting_id, summary_seq, summary_version FROM meetings ORDER BY meeting_id"
        ),
    }


def figures(journal: Journal) -> tuple[object, ...]:
    """Everything history reports, in one value."""
    return (
        attendance_history(journal),
        report(journal, today=date(2027, 2, 1)),
        party_history(journal, plan_on(date(2027, 1, 14))),
    )


@pytest.fixture
def journal(tmp_path: Path):
    with Journal(tmp_path / "j.sqlite3") as j:
        play_three_meetings(j)
        play_hand_journal(j)
        yield j


def test_summaries_kept_by_the_session_equal_a_rebuild_from_the_events(journal: Journal) -> None:
    assert summary.stale(journal) == []  # Session kept every one current
    kept = derived(journal)
    before = figures(journal)
    assert summary.rebuild(journal) == 6
    assert derived(journal) == kept
    assert figures(journal) == before


def test_the_index_kept_by_append_equals_one_rebuilt_from_the_events(journal: Journal) -> None:
    index = (
        "SELECT meeting_id, case_code, template, start, opened_wall, first_seq, last_seq,"
        " last_wall, events, closed, rowid FROM meetings ORDER BY rowid"
    )
    kept = journal.query(index)
    journal.rebuild_index()
    assert journal.query(index) == kept
    assert [row[0] for row in kept] == ["m1", "m2", "m3", "h1", "h2", "h3"]
    # A rebuilt index knows no summaries: every meeting is folded again on the next read.
    assert len(summary.stale(journal)) == 6


def test_events_written_without_a_summary_are_folded_when_read(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        s = Session.start(journal, plan_on(date(2026, 9, 1)), FakeClock(), meeting_id="x")
        s.do(c.CheckIn("individ"))
        s.do(c.NextPhase())
        assert summary.stale(journal) == []
        assert party_history(journal, plan_on(date(2026, 10, 1)))["fk"].run.meetings == 0
        # FK's absence, decided by the engine but stored by a writer that keeps no
        # summary (an older tool, a repair script): events only.
        events = decide(s.state, c.MarkAbsent("fk", notified=False), Now(60.0, s.now().wall))
        journal.append([to_record("x", e) for e in events])
        assert summary.stale(journal) == ["x"]
        history = party_history(journal, plan_on(date(2026, 10, 1)))
        assert (history["fk"].run.meetings, history["fk"].run.unnotified) == (1, 1)
        assert summary.stale(journal) == []


def test_a_new_summary_format_folds_every_meeting_again(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = figures(journal)
    monkeypatch.setattr(summary, "SUMMARY_VERSION", summary.SUMMARY_VERSION + 1)
    assert len(summary.stale(journal)) == 6
    assert figures(journal) == before
    assert summary.stale(journal) == []
    versions = journal.query("SELECT DISTINCT summary_version FROM meetings")
    assert versions == [(summary.SUMMARY_VERSION,)]


def test_a_summary_overtaken_by_a_newer_event_is_not_stored(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        s = Session.start(journal, plan_on(date(2026, 9, 1)), FakeClock(), meeting_id="x")
        folded = summary.fold_summary(journal, "x")  # up to seq 1
        s.do(c.CheckIn("individ"))  # seq 2, with its own summary
        assert journal.store_summaries([folded]) == 0
        assert journal.query("SELECT summary_seq FROM meetings") == [(2,)]


def test_an_unreadable_meeting_is_never_counted(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        journal.append([Record("junk", 1, "no_such_event", 0.0, "2026-01-01T00:00:00+00:00", {})])
        assert report(journal).rows == ()
        assert summary.stale(journal) == []  # folded once, not at every read


def v1_journal(path: Path, source: Journal) -> None:
    """A journal as starmote schema 1 wrote it: the same events, no derived tables."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE events (meeting_id TEXT NOT NULL, seq INTEGER NOT NULL,
            kind TEXT NOT NULL, t REAL NOT NULL, wall TEXT NOT NULL, payload TEXT NOT NULL,
            PRIMARY KEY (meeting_id, seq));
        CREATE INDEX events_by_kind ON events (kind, meeting_id, seq);
        PRAGMA user_version=1;
        """
    )
    db.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
        source.query("SELECT * FROM events ORDER BY rowid"),
    )
    db.commit()
    db.close()


def test_a_version_1_journal_is_migrated(journal: Journal, tmp_path: Path) -> None:
    old = tmp_path / "old" / "journal.sqlite3"
    old.parent.mkdir()
    v1_journal(old, journal)
    with Journal(old) as migrated:
        assert migrated.query("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        # The index from the events already there; same rows as kept live, same order.
        assert migrated.meetings() == journal.meetings()
        assert migrated.query("SELECT COUNT(*) FROM events") == journal.query(
            "SELECT COUNT(*) FROM events"
        )
        # Summaries are folded on first read, and say what the live ones say.
        assert len(summary.stale(migrated)) == 6
        assert figures(migrated) == figures(journal)
        assert derived(migrated) == derived(journal)
    with Journal(old) as again:  # opening again migrates nothing twice
        assert again.meeting_count() == 6


def test_a_new_journal_has_every_table(tmp_path: Path) -> None:
    with Journal(tmp_path / "new.sqlite3") as journal:
        names = {r[0] for r in journal.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"events", "meetings", "party_summary", "meeting_summary"} <= names
        assert journal.meeting_count() == 0 and summary.stale(journal) == []


def test_a_version_2_journal_gets_the_new_summary(journal: Journal, tmp_path: Path) -> None:
    """Schema 2's summary table had other columns: it is dropped, made anew and refolded."""
    old = tmp_path / "old" / "journal.sqlite3"
    old.parent.mkdir()
    v1_journal(old, journal)
    db = sqlite3.connect(old)
    db.executescript(
        """
        CREATE TABLE meetings (meeting_id TEXT PRIMARY KEY, case_code TEXT NOT NULL,
            template TEXT NOT NULL, start TEXT NOT NULL, opened_wall TEXT NOT NULL,
            first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, last_wall TEXT NOT NULL,
            events INTEGER NOT NULL, closed INTEGER NOT NULL,
            summary_seq INTEGER NOT NULL DEFAULT 0, summary_version INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE party_summary (meeting_id TEXT NOT NULL, position INTEGER NOT NULL,
            held INTEGER NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (meeting_id, position));
        INSERT INTO party_summary VALUES ('m1', 0, 1, 'present');
        PRAGMA user_version=2;
        """
    )
    db.executemany(
        "INSERT INTO meetings (meeting_id, case_code, template, start, opened_wall, first_seq,"
        " last_seq, last_wall, events, closed, summary_seq, summary_version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        journal.query(
            "SELECT meeting_id, case_code, template, start, opened_wall, first_seq, last_seq,"
            " last_wall, events, closed, last_seq FROM meetings ORDER BY rowid"
        ),
    )
    db.commit()
    db.close()
    with Journal(old) as migrated:
        assert migrated.query("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert len(summary.stale(migrated)) == 6
        assert figures(migrated) == figures(journal)
        assert derived(migrated) == derived(journal)
