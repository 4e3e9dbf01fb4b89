"""Two windows on one meeting: the second is kept out, and a clash never loses an entry."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from starmote.engine import commands as c
from starmote.store import lease
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.tui import live_session


def test_a_meeting_can_be_held_by_one_process_at_a_time(tmp_path):
    session, _ = live_session(tmp_path)
    held = lease.take(session.journal.path, session.meeting_id)
    with pytest.raises(lease.MeetingInUse):
        lease.take(session.journal.path, session.meeting_id)
    other = lease.take(session.journal.path, "another-meeting")  # other meetings are free
    other.release()
    held.release()
    lease.take(session.journal.path, session.meeting_id).release()
    lock_dir = session.journal.path.parent / "locks"
    assert stat.S_IMODE(lock_dir.stat().st_mode) == 0o700


def test_resume_refuses_a_meeting_open_in_another_window(tmp_path):
    session, _ = live_session(tmp_path)
    session.journal.close()
    with lease.take(Journal.open(tmp_path).path, session.meeting_id):
        done = subprocess.run(
            [sys.executable, "-m", "starmote", "resume", session.meeting_id],
            env={**os.environ, "STARMOTE_HOME": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and session.meeting_id in lines[0] and "annat fönster" in lines[0]
    assert "Traceback" not in done.stderr + done.stdout


def test_a_clash_on_the_journal_keeps_both_entries(tmp_path):
    first, _ = live_session(tmp_path)
    second = Session.resume(Journal.open(tmp_path), first.meeting_id, FakeClock())
    first.do(c.AddNote("från fönster ett"))
    state = second.do(c.AddNote("från fönster två"))  # its next seq was taken
    texts = [note.text for note in state.notes]
    assert texts[-2:] == ["från fönster ett", "från fönster två"]
    stored = Session.resume(Journal.open(tmp_path), first.meeting_id, FakeClock()).state
    assert [n.text for n in stored.notes][-2:] == texts[-2:]


def test_a_step_taken_in_both_windows_is_taken_once(tmp_path):
    from starmote.engine.rules import DomainError

    first, _ = live_session(tmp_path)
    second = Session.resume(Journal.open(tmp_path), first.meeting_id, FakeClock())
    phase = first.state.phase
    first.do(c.NextPhase())
    with pytest.raises(DomainError) as err:
        second.do(c.NextPhase())  # not repeated on top of the first window's step
    assert err.value.key == "engine.error.changed_elsewhere"
    assert second.state.phase == phase + 1 == first.state.phase
