"""Engine and journal speed, against the physical floor measured in the same run.

Prints:
  * median time for `Session.do` (decide + durable append + fold) next to a
    bare SQLite insert+commit with the same settings (WAL, synchronous=FULL)
    on the same disk — the floor no durable design can beat;
  * time to resume (read, decode, fold) a 5,000-event meeting;
  * time to load and validate every shipped template and sample case.

Targets: durable event <= 1.5x the bare commit; resume of 5,000 events <= 150 ms.

Usage: python benchmarks/engine.py [--dir DIR] [--n 300]
DIR defaults to a temporary folder inside starmote's data directory, so the
figures are for the disk the coordinator's journal really lives on.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.engine import commands as c  # noqa: E402
from starmote.engine.rules import DomainError, Now, decide, evolve, fold, open_meeting  # noqa: E402
from starmote.plan import (  # noqa: E402
    case,
    files,
    resources,
)
from starmote.store.journal import Journal  # noqa: E402
from starmote.store.paths import data_home  # noqa: E402
from starmote.store.session import FakeClock, Session, SystemClock, to_record  # noqa: E402

NOTE = (
    "Sam berättar att praktiken på Återbruket fungerar bra, men sömnen är fortfarande ett problem."
)


def demo_plan():
    """The bundled demo case, as the coordinator would run it."""
    return case.load_case(resources.samples_dir() / "demo.toml")


def bare_connection(folder: Path) -> sqlite3.Connection:
    """A plain SQLite database with the journal's settings and table, no starmote code."""
    con = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE events (meeting_id TEXT, seq INTEGER, kind TEXT, t REAL, wall TEXT,"
        " payload TEXT, PRIMARY KEY (meeting_id, seq))"
    )
    return con


def durable_pairs(folder: Path, n: int, payload: str) -> tuple[list[float], list[float]]:
    """Time a bare insert+commit and a `Session.do(AddNote)` alternately, `n` times each.

    Interleaving matters: fsync latency on a shared disk drifts by 10x within
    a minute, so measuring one after the other compares two different disks.
    """
    con = bare_connection(folder)
    journal = Journal(folder / "journal.sqlite3")
    session = Session.start(journal, demo_plan(), SystemClock())
    for party in session.state.plan.parties:
        session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    bare, ours = [], []
    for seq in range(1, n + 1):
        start = time.perf_counter()
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)",
            ("m", seq, "note_added", seq * 1.5, "2026-12-03T08:00:00+00:00", payload),
        )
        con.execute("COMMIT")
        middle = time.perf_counter()
        session.do(c.AddNote(f"{NOTE} ({seq})"))
        ours.append(time.perf_counter() - middle)
        bare.append(middle - start)
    con.close()
    journal.close()
    return bare, ours


def big_meeting(folder: Path, n_events: int) -> tuple[Journal, str]:
    """A journal holding one meeting of about `n_events` realistic events."""
    plan = demo_plan()
    clock = FakeClock()
    t = 0.0
    events = open_meeting(plan, "bench-5000", Now(t, clock.wall()))
    state = fold(events)
    script = [c.CheckIn(p.key) for p in plan.parties] + [c.NextPhase(), c.ConfirmConsent("alla")]
    i = 0
    while len(events) < n_events:
        i += 1
        if script:
            command = script.pop(0)
        elif i % 9 == 0:
            command = c.NextSpeaker()
        elif i % 37 == 0:
            command = c.AddAction(
                f"Insats {i}", plan.parties[-1].key, date(2027, 1, 15), "varje vecka"
            )
        elif i % 400 == 0:
            command = c.NextPhase()
        else:
            command = c.AddNote(f"{NOTE} ({i})")
        t += 3.0
        try:
            new = decide(state, command, Now(t, clock.wall()))
        except DomainError:
            continue
        for e in new:
            state = evolve(state, e)
        events.extend(new)
    journal = Journal(folder / "big.sqlite3")
    journal.append([to_record("bench-5000", e) for e in events])
    return journal, "bench-5000"


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where to put the scratch databases")
    parser.add_argument("--n", type=int, default=300, help="durable appends to time")
    args = parser.parse_args()
    base = args.dir or data_home()
    folder = Path(tempfile.mkdtemp(prefix="bench-", dir=base))
    try:
        payload = json.dumps({"party": "individ", "phase": 0, "text": NOTE}, ensure_ascii=False)
        bare_times, ours_times = durable_pairs(folder, args.n, payload)
        floor, ours = statistics.median(bare_times), statistics.median(ours_times)
        journal, meeting = big_meeting(folder, 5000)
        n_events = len(journal.records(meeting))
        resume = statistics.median(
            timed(lambda: Session.resume(journal, meeting, SystemClock()), 7)
        )
        shipped = resources.shipped_templates() + resources.sample_cases()
        load = statistics.median(timed(lambda: [files.validate_file(p) for p in shipped], 7))
        plans = statistics.median(
            timed(lambda: [case.load_case(p) for p in resources.sample_cases()], 7)
        )
        journal.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    n_cases = len(resources.sample_cases())
    rows = [
        ("bare SQLite insert+commit (WAL, synchronous=FULL)", floor, f"median of {args.n}"),
        ("Session.do(AddNote), durable", ours, f"ratio {ours / floor:.2f}x, target <= 1.5x"),
        (f"resume a {n_events}-event meeting", resume, "read+decode+fold, target <= 150 ms"),
        (f"validate {len(shipped)} templates and sample cases", load, ""),
        (f"load {n_cases} sample cases into plans", plans, ""),
    ]
    print(f"disk: {base} (bare and durable timings interleaved)")
    for label, seconds, note in rows:
        print(f"{label:<52} {seconds * 1e3:9.3f} ms  {note}")
    ok = ours / floor <= 1.5 and resume <= 0.150
    print("targets met" if ok else "TARGET MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
