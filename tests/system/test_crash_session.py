"""SIGKILL a process running a real meeting; the journal folds to the same state."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from starmote.engine.rules import fold
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session, load_events
from tests.support import session_child

CHILD = Path(session_child.__file__)


class MemoryJournal:
    """Stands in for the journal when replaying the script in-process."""

    def __init__(self) -> None:
        self.rows = []

    def append(self, records, summaries=()) -> None:
        self.rows.extend(records)


def replay_until(seq: int):
    """The state the child's script reaches at `seq`, computed without any disk."""
    clock = FakeClock()
    journal = MemoryJournal()
    session = Session.start(
        journal, session_child.make_plan(), clock, meeting_id=session_child.MEETING
    )  # type: ignore[arg-type]
    session_child.play(session, clock, until_seq=seq)
    return session.state, journal.rows


def test_sigkill_mid_meeting_resumes_identical_state(tmp_path: Path) -> None:
    rng = random.Random(7)
    for round_no in range(4):
        home = tmp_path / f"home{round_no}"
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(home)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        acked: list[int] = []
        target = rng.randint(5, 120)
        try:
            while len(acked) < target:
                line = proc.stdout.readline()
                assert line, proc.stderr.read()  # type: ignore[union-attr]
                acked.append(int(line.split()[1]))
            time.sleep(rng.uniform(0, 0.01))
            proc.send_signal(signal.SIGKILL)
            rest = proc.stdout.read()
        finally:
            proc.kill()
            proc.wait(timeout=30)
        acked += [int(x.split()[1]) for x in rest.split("\n")[:-1]]

        with Journal.open(home) as journal:
            events = load_events(journal, session_child.MEETING)
        stored = events[-1].seq
        assert stored >= max(acked), "an acknowledged event was lost"
        assert [e.seq for e in events] == list(range(1, stored + 1))
        expected_state, expected_rows = replay_until(stored)
        assert fold(events) == expected_state
        assert len(expected_rows) == stored
        # And the meeting resumes where it was: same phase, speaker and notes.
        with Journal.open(home) as journal:
            resumed = Session.resume(journal, session_child.MEETING, FakeClock())
        assert resumed.state == expected_state
        assert resumed.state.notes == expected_state.notes
