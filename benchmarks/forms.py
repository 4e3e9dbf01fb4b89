"""Per-key latency in starmote's forms against a bare Textual widget holding the same text.

For each text length (0, 1,000 and the field's maximum) it prints the median
time from a key to the first repaint in:

  * starmote's note form (a multi-line TextArea in a dialog over the live
    screen, the meeting running) against a bare app with one TextArea of the
    same size holding the same text;
  * starmote's goal form (a one-line Input) against a bare app with one Input
    of the same size holding the same text.

Target: starmote / bare <= 1.3. A third program, the stock replica, is the same
dialog built from Textual's own widgets (a modal screen with the form's title,
labels, field, hint and colours over a screen of text) with no starmote code:
its ratio is the floor Textual sets for a form in a dialog, and the gap between
it and starmote is what starmote itself adds.

The text is pasted (a bracketed paste, as a terminal sends it), then keys
alternate between a letter and Backspace so the length stays put. The programs
run side by side under pseudo-terminals of 120x40 with the same Python, and
each key is pressed in one after the other (A B C A B C ...), so a busy
machine slows all alike; ratios are medians of the per-key ratios.

Usage: python benchmarks/forms.py [--rounds 3] [--presses 40]
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui import Program  # noqa: E402  (the pty driver of the sibling benchmark)

from starmote.plan import limits  # noqa: E402

STARMOTE = """
import sys
from pathlib import Path

from starmote.cli.meeting import starting_now
from starmote.engine import commands as c
from starmote.plan.case import load_case
from starmote.plan.resources import demo_case
from starmote.store.journal import Journal
from starmote.store.session import Session, SystemClock
from starmote.store.settings import Settings
from starmote.tui.app import make_app

home = Path(sys.argv[1])
clock = SystemClock()
plan = starting_now(load_case(demo_case()), clock.wall())
session = Session.start(Journal.open(home), plan, clock)
for party in plan.parties:
    session.do(c.CheckIn(party.key))
session.do(c.NextPhase())
session.do(c.ConfirmConsent())
make_app(session, settings=Settings(), home=home, save_settings=False, history={}).run()
"""

# The widget has the size it has in starmote's dialog (72 columns less its border
# and padding), so every program draws the same cells per key.
BARE = """
import sys

from textual.app import App
from textual.widgets import Input, Static, TextArea

KIND = sys.argv[1]


class Bare(App):
    CSS = '''
    Input { border: none; height: 1; padding: 0 1; width: 68; }
    TextArea { border: none; height: 8; padding: 0 1; width: 68; }
    '''

    def compose(self):
        yield Static("READY")
        yield TextArea(id="f") if KIND == "textarea" else Input(id="f")

    def on_mount(self):
        self.query_one("#f").focus()


Bare().run()
"""

REPLICA = """
import sys

from textual.app import App
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, Static, TextArea

KIND = sys.argv[1]


class Form(ModalScreen):
    BINDINGS = [("ctrl+s", "dismiss", "Spara"), ("escape", "dismiss", "Avbryt")]

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static("READY", classes="dialog-title")
            yield Static("Lena kvar 1:20 │ Inledning kvar 4:10", classes="dialog-clock")
            yield Static("Knyts till: Inledning – Försäkringskassan", classes="dialog-body")
            yield Static("Text (högst 4000 tecken)", classes="field-label")
            yield TextArea(id="f") if KIND == "textarea" else Input(id="f")
            yield Static("", classes="dialog-error")
            yield Static("Ctrl+S = spara · Enter = ny rad · Tab = nästa fält · Esc = avbryt")


class Replica(App):
    CSS = '''
    Form { align: center middle; background: $background 60%; }
    .dialog { width: 72; height: auto; max-height: 100%; border: thick $accent;
              background: $surface; padding: 0 1; }
    .dialog-title { text-style: bold; margin-bottom: 1; }
    .dialog-clock, .dialog-body { margin-bottom: 1; }
    Input { border: none; height: 1; padding: 0 1; }
    TextArea { border: none; height: 8; padding: 0 1; }
    '''

    def compose(self):
        yield Header()
        yield Static("\\\\n".join(f"Rad {i}: " + "text " * 20 for i in range(34)))
        yield Footer()

    def on_mount(self):
        self.push_screen(Form())


Replica().run()
"""


@dataclass(frozen=True)
class Case:
    """One comparison: a starmote form and the bare widget of the same kind."""

    name: str
    kind: str
    """"textarea" or "input"."""
    open_keys: tuple[bytes, ...]
    """Keys that open the form on the live screen and focus its text field."""
    ready: bytes
    """Text that shows the form is up."""
    limit: int
    """The field's maximum length."""


CASES = (
    Case("note", "textarea", (b"n",), b"Knyts till", limits.FIELDS["note"]),
    Case("goal", "input", (b"g", b"\t"), b"kort sikt", limits.FIELDS["goal"]),
)


def sample_text(n: int, multiline: bool) -> str:
    """`n` characters of note-like Swedish text; lines of about 70 when `multiline`."""
    sentence = "Sam berättar att praktiken fungerar bra men att sömnen fortfarande är ett problem. "
    text = (sentence * (n // len(sentence) + 1))[:n]
    if multiline:
        text = "\n".join(textwrap.wrap(text, 70, drop_whitespace=False))
    return text[:n]


def paste(prog: Program, text: str) -> None:
    """Send `text` as one bracketed paste, reading output meanwhile so the pty never blocks."""
    data = b"\x1b[200~" + text.encode() + b"\x1b[201~"
    while data:
        _, ready, _ = select.select([], [prog.fd], [], 1.0)
        if ready:
            data = data[os.write(prog.fd, data[:1024]) :]
        prog.read(0)
    prog.settle(0.4, 10.0)


def prepared(
    argv: list[str], keys: tuple[bytes, ...], ready: bytes, text: str, env: dict[str, str]
) -> Program:
    """A program with its field up and `text` in it.

    Args:
        argv: The program.
        keys: Keys that bring up the field from the live screen (none: it is up at once).
        ready: Text that shows the field is up.
        text: What is pasted into the field.
        env: The environment.

    Returns:
        The running program, ready for keys.
    """
    prog = Program(argv, env)
    prog.spawn()
    try:
        if keys:
            prog.wait_for(b"Inledning")  # the live screen
            prog.settle(0.5)
            for key in keys:
                prog.press(key)
        prog.wait_for(ready)
        prog.settle(0.3)
        if text:
            paste(prog, text)
        prog.press(b"x")  # warm-up: first use of the code paths
        prog.press(b"\x7f")
    except BaseException:
        prog.stop()
        raise
    return prog


def in_turn(programs: list[Program], n: int) -> list[list[float]]:
    """Seconds from a key to the first repaint, each key pressed in every program in turn.

    A letter and Backspace alternate, so the text keeps its length.
    """
    times: list[list[float]] = [[] for _ in programs]
    for i in range(n):
        key = b"x" if i % 2 == 0 else b"\x7f"
        for prog, out in zip(programs, times, strict=True):
            out.append(prog.press(key))
    return times


def ratio(a: list[float], b: list[float]) -> float:
    """Median of per-key ratios A/B."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="starmote-bench-forms-"))
    for name, source in (("starmote_form", STARMOTE), ("bare", BARE), ("replica", REPLICA)):
        (scratch / f"{name}.py").write_text(source)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TEXTUAL") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    python = sys.executable
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    try:
        for case in CASES:
            for size in sorted({0, 1000, case.limit}):
                # One short of the size, so the letter typed always fits.
                text = sample_text(max(size - 1, 0), case.kind == "textarea")
                mine: list[float] = []
                bare: list[float] = []
                replica: list[float] = []
                for r in range(args.rounds):
                    home = str(scratch / f"home-{case.name}-{size}-{r}")
                    programs: list[Program] = []
                    try:
                        for argv, keys, ready in (
                            (
                                [python, str(scratch / "starmote_form.py"), home],
                                case.open_keys,
                                case.ready,
                            ),
                            ([python, str(scratch / "bare.py"), case.kind], (), b"READY"),
                            ([python, str(scratch / "replica.py"), case.kind], (), b"READY"),
                        ):
                            programs.append(prepared(argv, keys, ready, text, env))
                        got = in_turn(programs, args.presses)
                    finally:
                        for prog in programs:
                            prog.stop()
                    mine += got[0]
                    bare += got[1]
                    replica += got[2]
                print(
                    f"{case.name} ({case.kind}) {size:5} chars   starmote {ms(mine):6.2f} ms"
                    f"   bare {ms(bare):6.2f} ms   ratio {ratio(mine, bare):.2f} (target <= 1.3)"
                    f"   | stock replica {ms(replica):6.2f} ms, ratio {ratio(replica, bare):.2f}"
                    f"   ({args.rounds} x {args.presses} keys)",
                    flush=True,
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
