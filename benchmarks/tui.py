"""TUI speed against Textual's own floor, measured alternately in the same run.

Prints:
  * time to first frame: `starmote demo` until its check-in screen is on the
    terminal with its content, against the stock replica (target <= 1.3x) and
    a bare Textual app showing one line (target <= 1.2x);
  * median key -> screen: a key that goes through the engine and the durable
    journal (`o`, who speaks first in rounds, which redraws one hint line),
    against a bare app toggling a line on a key (target <= 2x).

The stock replica is the check-in screen built from Textual's own widgets with
no starmote code at all: the same header, option list of the demo's seven
parties (two lines each, the same text and markup), hint, overview text, the
same layout rules and a footer with the same five keys. Its time is the floor
Textual sets for this screen; the gap between it and `starmote demo` is what
starmote itself costs (engine, journal, case file, its widgets and styles).

All programs run under a pseudo-terminal of 120x40 with the same Python and
cached bytecode. The demo's first frame counts when the check-in heading, the
last party and the overview's questions have all been written (so a screen
painted before its content does not count); the bare app's when READY has.
A key's screen update counts when the first output after the key arrives.
Every round runs each program once, in a rotating order; ratios are medians
of per-round ratios, which survive a noisy machine far better than two
medians taken apart. Spreads are [min-max].

Usage: python benchmarks/tui.py [--runs 15] [--presses 20 | 0 for first frames only]
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
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static

# The demo's check-in screen as text: what `starmote demo` shows at 120x40 (the date and
# times are the demo's own at some hour; they only move the text, not its size).
PARTIES = [
    ("Sam L.", "huvudperson – mötet handlar om hen"),
    (
        "Exempelby kommun, socialtjänsten (Vuxenenheten) (Aisha Karlsson)",
        "socialsekreterare · kallad · närvaro begärd",
    ),
    ("Region Exempel, Vuxenpsykiatrin (Henrik Sjö)", "kurator · kallad · närvaro begärd"),
    (
        "Försäkringskassan (Lena Berg)",
        "handläggare · inbjuden · närvaro begärd · kan 0–60 min",
    ),
    ("Arbetsförmedlingen (Omar Nilsson)", "arbetsförmedlare · inbjuden"),
    ("Exempelby kommun, AME (Tove Ström)", "samcoach (IPS) · inbjuden"),
    ("Närstående (Eva L.)", "mamma · inbjuden"),
]
OVERVIEW = [
    "[b]SIP-möte enligt Mötescirkeln[/]  tisdag 2026-12-01  [b]16:30–18:00[/] (90 min)",
    "Plats: Socialkontoret, rum Älven, Storgatan 12, Exempelby",
    "Länk: https://mote.example.se/sip-2026-031",
    "Ordförande: Maria Ek · antecknar: Jonas Lind",
    "[b]Att tänka på:[/] Nås via brev eller sms, inte via kalenderinbjudan",
    "",
    "[b]Tidsplan[/]",
    " 16:30  Inledning            9 min",
    " 16:39  Aktuell situation   18 min",
    " 16:57  Behov               40 min",
    " 17:37  Sammanfattning      14 min",
    " 17:51  Avslutning           9 min",
    "",
    "[b]Frågeställningar[/]",
    " 1. Hur kan Sam få ett boende som fungerar med stödet från psykiatrin?",
    " 2. Vilken sysselsättning eller vilket arbete kan Sam pröva under våren?",
    " 3. Hur ska försörjningen se ut när sjukpenningen upphör?",
    "",
    "[b]Samtycke:[/] skriftligt 2026-11-20, omfattar Exempelby kommun, socialtjänsten "
    "(Vuxenenheten) (Aisha Karlsson), Region Exempel, Vuxenpsykiatrin (Henrik Sjö), "
    "Försäkringskassan (Lena Berg), Arbetsförmedlingen (Omar Nilsson), Exempelby kommun, "
    "AME (Tove Ström), Närstående (Eva L.) – bekräftas i mötet",
    " Delas inte: Uppgifter om pappan",
]
CSS = \"\"\"
.section-title { text-style: bold; color: $text-accent; padding: 0 1; height: 1; }
.hint { color: $text-muted; padding: 0 1; height: auto; }
#body { height: 1fr; }
#parties-column { width: 3fr; height: 1fr; }
#overview-column { width: 2fr; height: 1fr; border-left: vkey $panel; padding: 0 1; }
#parties { height: 1fr; border: none; padding: 0 0; }
#parties > .option-list--option { padding: 0 1; }
\"\"\"


class Replica(App):
    CSS = CSS
    TITLE = "Sam L:s möte"
    SUB_TITLE = "SIP-möte enligt Mötescirkeln · DEMO – tillfällig journal, sparas inte"
    BINDINGS = [
        Binding("c", "noop('c')", "Checka in"),
        Binding("f", "noop('f')", "Frånvarande"),
        Binding("k", "noop('k')", "Samtycke"),
        Binding("space", "noop('space')", "Starta mötet", key_display="␣"),
        Binding("f1", "noop('f1')", "Hjälp"),
    ]

    def compose(self):
        yield Header(icon="◔")
        with Horizontal(id="body"):
            with Vertical(id="parties-column"):
                yield Static("Deltagare – checka in", classes="section-title")
                yield OptionList(
                    *[f"[b]{name}[/]\\n   [$text-muted]väntas[/] [dim]· {more}[/]"
                      for name, more in PARTIES],
                    id="parties",
                )
                yield Static("Sam L. erbjuds första ordet i rundorna (o ändrar).", classes="hint")
            with VerticalScroll(id="overview-column"):
                yield Static("\\n".join(OVERVIEW))
        yield Footer(compact=True)

    def on_mount(self):
        self.query_one(OptionList).focus()

    def action_noop(self, key):
        pass


Replica().run()
"""


CHECK_IN_MARKERS = tuple(
    text.encode()
    for text in (
        "Deltagare – checka in",  # the check-in screen's own heading
        "Närstående (Eva L.)",  # the last party: the list is filled from the meeting
        "Frågeställningar",  # the overview of the case is there too
    )
)
"""The first frame of the check-in screen, with its content: all three texts written."""


class Program:
    """A program under a pty: spawn, wait for text, press keys, stop."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        self.argv = argv
        self.env = env
        self.cwd = cwd
        self.pid = 0
        self.fd = -1
        self.buffer = b""

    def spawn(self) -> float:
        start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            if self.cwd is not None:
                os.chdir(self.cwd)
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

    def wait_for(self, texts: tuple[bytes, ...], timeout: float = 20.0) -> float:
        """Time at which every one of `texts` had been written."""
        deadline = time.perf_counter() + timeout
        while not self.shows(texts):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{self.argv}: {texts!r} never all appeared")
            at = self.read(left)
            if at is not None and self.shows(texts):
                return at
        return time.perf_counter()

    def shows(self, texts: tuple[bytes, ...]) -> bool:
        """Whether every one of `texts` has been written."""
        return all(text in self.buffer for text in texts)

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


Command = tuple[list[str], tuple[bytes, ...], Path | None]
"""argv, the texts that together mark its first frame, and the folder to run it in."""


def first_frames(programs: list[Command], env: dict[str, str], runs: int) -> list[list[float]]:
    """First-frame seconds of each program, taken in turn, after one warm-up round.

    The order rotates every round, so no program always runs right after the same
    other one (the demo's fsyncs, say, or a cold page cache after the bare app).
    """
    times: list[list[float]] = [[] for _ in programs]
    for i in range(runs + 1):
        for k in range(len(programs)):
            n = (i + k) % len(programs)
            argv, texts, cwd = programs[n]
            prog = Program(argv, env, cwd)
            start = prog.spawn()
            try:
                shown = prog.wait_for(texts)
            finally:
                prog.stop()
            if i:
                times[n].append(shown - start)
    return times


def key_latency(program: Command, key: bytes, env: dict[str, str], presses: int) -> list[float]:
    """Seconds from each key press to the first repaint."""
    argv, texts, cwd = program
    prog = Program(argv, env, cwd)
    prog.spawn()
    try:
        prog.wait_for(texts)
        prog.settle(0.5)
        prog.press(key)  # warm-up: lazy imports, first use
        return [prog.press(key) for _ in range(presses)]
    finally:
        prog.stop()


def pair_ratios(a: list[float], b: list[float]) -> list[float]:
    """A/B of each pair of runs."""
    return [x / y for x, y in zip(a, b, strict=True)]


def pair_ratio(a: list[float], b: list[float]) -> float:
    """Median of per-pair ratios A/B."""
    return statistics.median(pair_ratios(a, b))


def spread(xs: list[float], scale: float, fmt: str) -> str:
    """ "median [min-max]" of `xs` times `scale`."""
    m, lo, hi = (format(v * scale, fmt) for v in (statistics.median(xs), min(xs), max(xs)))
    return f"{m:>7} [{lo}-{hi}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--presses", type=int, default=20, help="0: first frames only")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="starmote-bench-"))
    (scratch / "bench_bare.py").write_text(BARE_APP)
    (scratch / "bench_replica.py").write_text(STOCK_REPLICA)
    (scratch / "tmp").mkdir()
    # Every program runs as a user's would: with cached bytecode (pip compiles it on
    # install; the discarded warm-up round writes it for an editable checkout, and for
    # the two references, which run as modules so that Python caches them too).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        STARMOTE_HOME=str(scratch / "home"),
        # The demo's journal goes in a temp folder; a demo stopped by a signal cannot
        # remove it, so keep them all in here, where they go with the rest.
        TMPDIR=str(scratch / "tmp"),
    )
    python = sys.executable
    script = Path(python).with_name("starmote")
    starmote = [str(script), "demo"] if script.exists() else [python, "-m", "starmote", "demo"]
    demo: Command = (starmote, CHECK_IN_MARKERS, None)
    replica: Command = ([python, "-m", "bench_replica"], CHECK_IN_MARKERS, scratch)
    bare: Command = ([python, "-m", "bench_bare"], (b"READY",), scratch)
    try:
        demo_t, replica_t, bare_t = first_frames([demo, replica, bare], env, args.runs)
        demo_keys: list[float] = []
        bare_keys: list[float] = []
        for _ in range(3 if args.presses else 0):  # alternate whole runs, so drift hits both
            demo_keys.append(statistics.median(key_latency(demo, b"o", env, args.presses)))
            bare_keys.append(statistics.median(key_latency(bare, b"t", env, args.presses)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"first frame, ms: median [min-max] of {len(demo_t)} runs each, alternated")
    for name, xs in (("starmote demo", demo_t), ("stock replica", replica_t), ("bare", bare_t)):
        print(f"  {name:<14} {spread(xs, 1000, '.1f')}")
    print("ratios: median [min-max] of per-run pairs")
    for name, a, b, note in (
        ("demo / replica", demo_t, replica_t, "target <= 1.3: what starmote adds"),
        ("demo / bare", demo_t, bare_t, "target <= 1.2"),
        ("replica / bare", replica_t, bare_t, "Textual's floor for this screen"),
    ):
        print(f"  {name:<14} {spread(pair_ratios(a, b), 1, '.2f')}   {note}")
    if demo_keys:
        print(
            f"key->screen, ms: median of 3 x {args.presses} presses   "
            f"starmote 'o' {statistics.median(demo_keys) * 1000:.2f}   "
            f"bare toggle {statistics.median(bare_keys) * 1000:.2f}   "
            f"ratio {pair_ratio(demo_keys, bare_keys):.2f} (target <= 2.0)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
