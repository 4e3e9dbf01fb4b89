"""Kill a process that is writing the journal (SIGKILL) and show nothing acknowledged is lost."""

from __future__ import annotations

import importlib.util
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from starmote.store import paths
from starmote.store.journal import Journal

CHILD = Path(__file__).resolve().parents[1] / "support" / "crash_child.py"
MEETING = "20261203-0900-SIP-2026-031-krsh"


def load_child_module():
    """The child's record generator, so expected events are built the same way."""
    spec = importlib.util.spec_from_file_location("crash_child", CHILD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


child = load_child_module()


def batch_starts(limit: int, resumed_at: list[int]) -> set[int]:
    """Seqs at which a child transaction can begin, given where each run resumed."""
    starts: set[int] = set()
    for first in resumed_at:
        seq = first
        while seq <= limit:
            starts.add(seq)
            seq += child.batch_size(seq)
    return starts


def run_and_kill(home: Path, limit: int, kill_after: int, delay: float) -> tuple[int, set[int]]:
    """Start the child, SIGKILL it `delay` seconds after `kill_after` acknowledgements.

    Returns:
        The seq it resumed at, and every seq it acknowledged (including lines it
        had already written to the pipe when the kill landed).
    """
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(home), MEETING, str(limit)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("ready "), first + proc.stderr.read()  # type: ignore[union-attr]
    resumed_at = int(first.split()[1])
    acked: set[int] = set()
    try:
        while len(acked) < kill_after:
            line = proc.stdout.readline()
            if not line:
                break  # Finished before we got to kill it.
            acked.add(int(line.split()[1]))
        # A little jitter, so the kill lands at varied points inside append().
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        # Whatever reached the pipe before the kill was acknowledged too.
        rest = proc.stdout.read()
    finally:
        proc.kill()
        proc.wait(timeout=30)
    # The text after the last newline is a partial line, not an acknowledgement.
    for line in rest.split("\n")[:-1]:
        acked.add(int(line.split()[1]))
    return resumed_at, acked


@pytest.mark.slow
def test_sigkill_never_loses_acknowledged_events(tmp_path: Path) -> None:
    rng = random.Random(20261203)
    home = tmp_path / "home"
    limit = 100_000  # Never reached: every round ends in a kill.
    acked_all: set[int] = set()
    resumed: list[int] = []
    stored_count = 0
    for _round in range(8):
        resumed_at, acked = run_and_kill(
            home, limit, kill_after=rng.randint(1, 60), delay=rng.uniform(0, 0.02)
        )
        # The child resumes right after the last event stored before it was killed.
        assert resumed_at == stored_count + 1
        resumed.append(resumed_at)
        acked_all |= acked
        assert acked, "the child acknowledged nothing"

        with Journal.open(home) as journal:
            stored = journal.records(MEETING)
        seqs = [r.seq for r in stored]
        # Contiguous from 1, and everything acknowledged so far is there.
        assert seqs == list(range(1, len(seqs) + 1))
        assert acked_all <= set(seqs)
        # Each stored event is exactly what the child wrote: nothing half-written.
        for record in stored:
            assert record == child.record_for(MEETING, record.seq)
        # Transactions are all-or-nothing: storage ends on a batch boundary.
        assert len(seqs) + 1 in batch_starts(len(seqs) + 1, resumed)
        stored_count = len(seqs)

    db = paths.journal_path(home)
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert all(a < b for a, b in zip(resumed, resumed[1:], strict=False))


def test_child_finishes_cleanly_when_not_killed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path), MEETING, "12"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "ready 1"
    assert lines[1:] == [f"stored {n}" for n in range(1, 13)]
    with Journal.open(tmp_path) as journal:
        assert journal.records(MEETING) == [child.record_for(MEETING, n) for n in range(1, 13)]
