"""TUI speed against a bare Textual app, measured alternately in the same run.

Prints:
  * time to first frame: `starmote demo` until its check-in screen is on the
    terminal, against a bare Textual app showing one line (target <= 1.2x);
  * median key -> screen: a key that goes through the engine and the durable
    journal (`o`, who speaks first in rounds, which redraws one hint line),
    against a bare app toggling a line on a key (target <= 2x).

A third program, the stock replica, is the before-meeting screen's layout built
from Textual's own widgets (header, option list, overview text, footer with the
same five keys) with no starmote code at all: its ratio is the floor that
Textual sets for a screen like ours, and the gap between it and `starmote
demo` is what starmote itself costs (engine, journal, case file, its widgets).

All programs run under a pseudo-terminal of 120x40 with the same Python. A
frame counts as shown when its text has been written to the terminal; a key's
screen update when the first output after the key arrives. Ratios are medians
of per-pair ratios (A B A B ...), which survive a noisy machine far better
than two medians taken apart.

Usage: python benchmarks/tui.py [--runs 7] [--presses 20]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE_APP = """
from textual.app import App
from textual.widgets import Static


class Bare(App):
    BINDINGS = [("t", "toggle", "Toggle"), ("q", "quit", "Quit")]

    def __init__(self):
        super().__init__()
        self.on = False

    def compose(self):
        yield Static("READY")
        yield Static("state: off", id="state")

    def action_toggle(self):
        self.on = not self.on
        self.query_one("#state", Static).update("state: ON" if self.on else "state: off")


Bare().run()
"""


STOCK_REPLICA = """
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static


class Replica(App):
    BINDINGS = [
        ("c", "noop", "Checka in"), ("f", "noop", "Frånvarande"), ("k", "noop", "Samtycke"),
        ("space", "noop", "Starta"), ("f1", "noop", "Hjälp"),
    ]

    def compose(self):
        yield Header(icon="◔")
        with Horizontal():
            with Vertical():
                yield Static("Deltagare – checka in")
                yield OptionList(*[f"Part {i}   ○ ej incheckad" for i in range(7)])
                yield Static("Lina får ordet först i rundorna.")
            with VerticalScroll():
                yield Static("\\n".join(f"Överblick {i}: " + "text " * 12 for i in range(30)))
        yield Footer(compact=True)

    def action_noop(self):
        pass


Replica().run()
"""


class Program:
    """A program under a pty: spawn, wait for text, press keys, stop."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv = argv
        self.env = env
        self.pid = 0
        self.fd = -1
        self.buffer = b""

    def spawn(self) -> float:
        start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(self.argv[0], self.argv, self.env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.pid, self.fd = pid, fd
        return start

    def read(self, timeout: float) -> float | None:
        """Read what is there within `timeout`; the time the first chunk arrived, or None."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        at = time.perf_counter()
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return None
        self.buffer += chunk
        self._answer_queries(chunk)
        return at

    def _answer_queries(self, chunk: bytes) -> None:
        # Answer what a real terminal answers, so nothing waits for a reply.
        if b"\x1b[c" in chunk or b"\x1b[0c" in chunk:
            os.write(self.fd, b"\x1b[?62;22c")
        if b"\x1b[6n" in chunk:
            os.write(self.fd, b"\x1b[1;1R")

    def wait_for(self, text: bytes, timeout: float = 20.0) -> float:
        """Time at which `text` had been written."""
        deadline = time.perf_counter() + timeout
        while text not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{self.argv}: {text!r} never appeared")
            at = self.read(left)
            if at is not None and text in self.buffer:
                return at
        return time.perf_counter()

    def settle(self, quiet: float = 0.3, limit: float = 3.0) -> None:
        """Read until nothing has come for `quiet` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self.read(quiet) is not None:
            pass

    def press(self, key: bytes, timeout: float = 5.0) -> float:
        """Seconds from writing `key` until output starts arriving."""
        self.settle(0.15)
        start = time.perf_counter()
        os.write(self.fd, key)
        at = self.read(timeout)
        if at is None:
            raise TimeoutError(f"{self.argv}: no output after {key!r}")
        return at - start

    def stop(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            for _ in range(30):
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                self.settle(0.05, 0.1)
            else:
                continue
            break
        os.close(self.fd)


def first_frames(
    programs: list[tuple[list[str], bytes]], env: dict[str, str], runs: int
) -> list[list[float]]:
    """First-frame seconds of each (argv, text) program, taken in turn, after one warm-up each."""
    times: list[list[float]] = [[] for _ in programs]
    for i in range(runs + 1):
        for n, (argv, text) in enumerate(programs):
            prog = Program(argv, env)
            start = prog.spawn()
            try:
                shown = prog.wait_for(text)
            finally:
                prog.stop()
            if i:
                times[n].append(shown - start)
    return times


def key_latency(
    argv: list[str], text: bytes, key: bytes, env: dict[str, str], presses: int
) -> list[float]:
    """Seconds from each key press to the first repaint."""
    prog = Program(argv, env)
    prog.spawn()
    try:
        prog.wait_for(text)
        prog.settle(0.5)
        prog.press(key)  # warm-up: lazy imports, first use
        return [prog.press(key) for _ in range(presses)]
    finally:
        prog.stop()


def pair_ratio(a: list[float], b: list[float]) -> float:
    """Median of per-pair ratios A/B."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="starmote-bench-"))
    bare = scratch / "bare.py"
    bare.write_text(BARE_APP)
    replica = scratch / "replica.py"
    replica.write_text(STOCK_REPLICA)
    # Both programs run as a user's would: with cached bytecode (pip compiles it on
    # install; the discarded warm-up run writes it for an editable checkout).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(TERM="xterm-256color", COLORTERM="truecolor", STARMOTE_HOME=str(scratch / "home"))
    python = sys.executable
    script = Path(python).with_name("starmote")
    starmote = [str(script), "demo"] if script.exists() else [python, "-m", "starmote", "demo"]
    bare_cmd = [python, str(bare)]
    marker = "Deltagare – checka in".encode()
    try:
        demo_t, replica_t, bare_t = first_frames(
            [(starmote, marker), ([python, str(replica)], marker), (bare_cmd, b"READY")],
            env,
            args.runs,
        )
        demo_keys, bare_keys = [], []
        for _ in range(3):  # alternate whole runs too, so drift hits both alike
            demo_keys.append(
                statistics.median(key_latency(starmote, marker, b"o", env, args.presses))
            )
            bare_keys.append(
                statistics.median(key_latency(bare_cmd, b"READY", b"t", env, args.presses))
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    ff_ratio, key_ratio = pair_ratio(demo_t, bare_t), pair_ratio(demo_keys, bare_keys)
    print(
        f"first frame  starmote demo {ms(demo_t):7.1f} ms   bare Textual {ms(bare_t):7.1f} ms   "
        f"ratio {ff_ratio:.2f} (target <= 1.2, {len(demo_t)} pairs)"
    )
    print(
        f"             stock replica {ms(replica_t):7.1f} ms   "
        f"ratio {pair_ratio(replica_t, bare_t):.2f} (Textual's floor for this screen)"
    )
    print(
        f"key->screen  starmote 'o'  {ms(demo_keys):7.2f} ms   "
        f"bare toggle  {ms(bare_keys):7.2f} ms   "
        f"ratio {key_ratio:.2f} (target <= 2.0, 3 x {args.presses} presses)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
