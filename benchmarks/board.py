"""The projector board: how fast it follows the chair's key, and what it costs while idle.

Runs `starmote board` under a pseudo-terminal (120x40), as on the projector, while this
process plays the chair: it gives the word back and forth through a real `Session` on
the same journal. Prints:

  * key -> board: from the journal append returning (the event durable) until the new
    speaker's name has been written to the board's terminal; median and spread over
    --presses (target: median <= 150 ms);
  * idle CPU: the board's CPU time over --idle seconds with the meeting running and no
    key pressed (its clock still ticks), as a share of one core (target <= 2 %).

Both against a reference measured in the same run: a bare Textual app that does what
the board's following boils down to, polling `PRAGMA data_version` of an SQLite file at
the same interval and showing a counter that this process bumps with a commit. Its
figures are the floor this design sets; the ratio is what starmote adds on top.

Usage: python benchmarks/board.py [--presses 40] [--idle 30]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.engine import commands as c  # noqa: E402
from starmote.plan import case, resources  # noqa: E402
from starmote.store.journal import Journal  # noqa: E402
from starmote.store.session import Session, SystemClock  # noqa: E402
from starmote.tui.board.app import POLL_S  # noqa: E402
from starmote.tui.board.view import board_plan, party_label  # noqa: E402

BARE_POLLER = """
import sqlite3, sys
from textual.app import App
from textual.widgets import Static


class Poller(App):
    def compose(self):
        yield Static("READY")
        yield Static("n=0", id="n")

    def on_mount(self):
        self.db = sqlite3.connect(sys.argv[1], isolation_level=None)
        self.version = None
        self.set_interval(float(sys.argv[2]), self.poll)

    def poll(self):
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version == self.version:
            return
        self.version = version
        n = self.db.execute("SELECT MAX(n) FROM t").fetchone()[0]
        self.query_one("#n", Static).update(f"n={n}")


Poller().run()
"""


def _bench_tui() -> Any:
    """benchmarks/tui.py as a module: its pty Program."""
    spec = importlib.util.spec_from_file_location("bench_tui", Path(__file__).with_name("tui.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tui = _bench_tui()


def starmote_cmd() -> list[str]:
    script = Path(sys.executable).with_name("starmote")
    return [str(script)] if script.exists() else [sys.executable, "-m", "starmote"]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def follow(prog: Any, act: Callable[[], bytes], presses: int, rng: random.Random) -> list[float]:
    """Seconds from `act()` returning (a durable write) until the bytes it names are shown."""
    took = []
    for _ in range(presses):
        prog.settle(0.05, 0.5)
        time.sleep(rng.uniform(0, POLL_S))  # any moment of the poll's cycle
        expect = act()
        start = time.perf_counter()
        seen = len(prog.buffer)
        end = start + 5
        while expect not in prog.buffer[seen:]:
            if prog.read(max(0.0, end - time.perf_counter())) is None:
                raise TimeoutError(f"{expect!r} never shown")
        took.append(time.perf_counter() - start)
    return took


def idle_cpu(prog: Any, seconds: float) -> float:
    """Share of one core the program used over `seconds` with nothing to follow."""
    prog.settle(0.5, 3)
    wall0, cpu0 = time.monotonic(), cpu_seconds(prog.pid)
    while time.monotonic() - wall0 < seconds:
        prog.read(0.2)  # keep the terminal drained, as a terminal would
    return (cpu_seconds(prog.pid) - cpu0) / (time.monotonic() - wall0)


def board_figures(home: Path, env: dict[str, str], args: Any) -> tuple[list[float], float]:
    plan = case.load_case(resources.samples_dir() / "demo.toml")
    with Journal.open(home) as journal:
        session = Session.start(journal, plan, SystemClock())
        for party in plan.parties:
            session.do(c.CheckIn(party.key))
        session.do(c.NextPhase())
        session.do(c.ConfirmConsent())
        session.do(c.NextSpeaker())
        shown = board_plan(session.state.plan)
        prog = tui.Program([*starmote_cmd(), "--home", str(home), "board"], env)
        prog.spawn()
        try:
            prog.wait_for((plan.case_code.encode(), "Nästa".encode()))
            steps = iter(range(10**6))

            def act() -> bytes:
                # The word goes on, and back: the board's speaker alternates between two.
                session.do(c.NextSpeaker() if next(steps) % 2 == 0 else c.BackSpeaker())
                assert session.state.turn is not None
                return party_label(shown, session.state.turn.party, "sv")[:14].encode()

            took = follow(prog, act, args.presses, random.Random(1))
            cpu = idle_cpu(prog, args.idle)
        finally:
            prog.stop()
    return took, cpu


def bare_figures(folder: Path, env: dict[str, str], args: Any) -> tuple[list[float], float]:
    db_path = folder / "bare.sqlite3"
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE t (n INTEGER)")
    db.execute("INSERT INTO t VALUES (0)")
    script = folder / "poller.py"
    script.write_text(BARE_POLLER)
    prog = tui.Program([sys.executable, str(script), str(db_path), str(POLL_S)], env)
    prog.spawn()
    counter = iter(range(1, 10**6))
    try:
        prog.wait_for((b"READY",))

        def act() -> bytes:
            n = next(counter)
            db.execute("INSERT INTO t VALUES (?)", (n,))
            return f"n={n}".encode()

        took = follow(prog, act, args.presses, random.Random(1))
        cpu = idle_cpu(prog, args.idle)
    finally:
        prog.stop()
        db.close()
    return took, cpu


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:6.1f} ms [{min(xs) * 1000:.0f}-{max(xs) * 1000:.0f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARMOTE")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    scratch = Path(tempfile.mkdtemp(prefix="starmote-bench-board-"))
    try:
        bare_took, bare_cpu = bare_figures(scratch, env, args)
        board_took, board_cpu = board_figures(scratch / "home", env, args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    ratio = statistics.median(board_took) / statistics.median(bare_took)
    print(f"poll interval {POLL_S * 1000:.0f} ms, {args.presses} presses, {args.idle:.0f} s idle")
    print(
        f"key -> board    {ms(board_took)}   bare poller {ms(bare_took)}   ratio {ratio:4.2f}"
        "   (target: median <= 150 ms)"
    )
    print(
        f"idle CPU        {board_cpu * 100:6.2f} % of a core"
        f"      bare poller {bare_cpu * 100:5.2f} %                  (target <= 2 %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
