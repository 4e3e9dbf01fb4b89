"""Where `starmote demo` spends its time before the first frame, stage by stage.

`benchmarks/tui.py` says how much slower the demo's first frame is than a stock
replica of its check-in screen; this says where that difference goes. Each round
runs a fresh interpreter that does, one stage after the other, what `starmote demo`
does before its first frame, calling the real functions, and times every stage:

  textual        import Textual and the widgets the check-in screen shows (the
                 replica imports exactly these: Textual's own floor)
  stdlib         standard and third-party modules only starmote loads (SQLite,
                 JSON, TOML, zoneinfo, platformdirs, argparse, tempfile, ...)
  starmote       starmote's command line, engine, plan and store modules; of
                 which "records" is the dataclass machinery for their classes
  starmote.tui   the app and the check-in screen's modules
  command line   the demo's parser, with its translated help, and the settings
  case           the demo case and the utbudskarta, read and checked
  journal        a new journal, the meeting's first event stored durably
  app            the app made and run, headless, until its first refresh is done

and, in the same rounds, the replica's `app` stage. starmote's own cost is every
stage but `textual` and `app`, and whatever its `app` takes beyond the replica's
(the app stage varies most from run to run: compare it over several runs). The
stages run one after the other here; `starmote demo` overlaps the journal's disk
waits with the UI's imports.

Usage: python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tui import STOCK_REPLICA  # noqa: E402

STAGES = """
import gc, json, sys, tempfile, time

gc.disable()  # as `starmote demo` starts up (cli/meeting.py)
clock = time.perf_counter
took = {}
start = clock()


def stage(name):
    global start
    now = clock()
    took[name] = took.get(name, 0.0) + (now - start) * 1000
    start = now


import textual.app
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
stage("textual")

import dataclasses
made = dataclasses._process_class


def timed(*args, **kwargs):  # the dataclass machinery's share, counted apart
    begin = clock()
    try:
        return made(*args, **kwargs)
    finally:
        took["records"] = took.get("records", 0.0) + (clock() - begin) * 1000


dataclasses._process_class = timed
before = set(sys.modules)
import starmote.cli.main, starmote.cli.meeting, starmote.store.session, starmote.plan.case
import starmote.store.journal, starmote.store.settings, starmote.plan.offers
loaded = set(sys.modules) - before
stage("starmote")
import starmote.tui.app, starmote.tui.screens.before
stage("starmote.tui")
dataclasses._process_class = made
others = sorted(m for m in loaded if not m.startswith("starmote") and "." not in m)

from starmote.cli import meeting
from starmote.cli.main import parse
from starmote.store import settings
from starmote.store.journal import Journal
from starmote.store.session import Session, SystemClock

home = sys.argv[1]
args = parse(["demo", "--home", home])
chosen = settings.load(home)
stage("command line")
plan = meeting.demo_plan(False, chosen.lang)
clock_ = SystemClock()
plan = meeting.starting_now(plan, clock_.wall())
stage("case")
journal = Journal.open(tempfile.mkdtemp(dir=sys.argv[2]))
session = Session.start(journal, plan, clock_, lang=chosen.lang)
stage("journal")

from starmote.tui.app import make_app

app = make_app(session, lang=chosen.lang, settings=chosen, home=home, demo=True)


def first_frame():
    stage("app")
    app.exit()


# Before the app's own after-refresh work (history, retention), as the demo's frame is.
app.call_after_refresh(first_frame)
app.run(headless=True, size=(120, 40))
journal.close()
print(json.dumps({"took": took, "others": others}))
"""
"""What `starmote demo` does before its first frame, each stage timed (argv: HOME TMP)."""

REPLICA_APP = """
import json, time
import textual.app

clock = time.perf_counter
begin = []
made, original = textual.app.App.__init__, textual.app.App.run


def init(self, *args, **kwargs):
    begin.append(clock())  # the app stage starts where starmote's does: making the app
    made(self, *args, **kwargs)


def run(self, **kwargs):
    def first_frame():
        print(json.dumps({"took": {"app": (clock() - begin[0]) * 1000}}))
        self.exit()

    self.call_after_refresh(first_frame)
    return original(self, headless=True, size=(120, 40))


textual.app.App.__init__, textual.app.App.run = init, run
"""
"""Patches App so that the replica's own code runs headless and reports its `app` stage."""

ORDER = ("textual", "stdlib", "starmote", "starmote.tui", "command line", "case", "journal", "app")


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""As a user's install runs: with cached bytecode (the uncounted first round writes it)."""


def _round(code: str, argv: list[str], cwd: str) -> dict[str, object]:
    # Run from the scratch folder: `-c` puts the current folder first on sys.path, and
    # a checkout there would shadow the starmote installed in this interpreter.
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
        env=ENV,
        cwd=cwd,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    stdlib_probe = (
        "import importlib, time\nt = time.perf_counter()\n"
        "for name in {!r}:\n    importlib.import_module(name)\nprint(time.perf_counter() - t)"
    )
    demo: list[dict[str, float]] = []
    replica: list[float] = []
    others: list[str] = []
    with tempfile.TemporaryDirectory(prefix="starmote-bench-") as scratch:
        home = str(Path(scratch) / "home")
        for i in range(args.runs + 1):  # the first round writes bytecode; it is not counted
            found = _round(STAGES, [home, scratch], scratch)
            got = _round(REPLICA_APP + STOCK_REPLICA, [], scratch)
            if i:
                demo.append(dict(found["took"]))  # type: ignore[call-overload]
                replica.append(float(got["took"]["app"]))  # type: ignore[index]
            others = list(found["others"])  # type: ignore[call-overload]
        # The modules only starmote loads, imported alone after Textual's: their own cost.
        textual = "textual.app, textual.widgets, textual.containers"
        probe = [
            subprocess.run(
                [sys.executable, "-c", f"import {textual}\n" + stdlib_probe.format(others)],
                capture_output=True,
                text=True,
                check=True,
                env=ENV,
                cwd=scratch,
            ).stdout
            for _ in range(args.runs)
        ]
    stdlib_ms = statistics.median(float(out) * 1000 for out in probe)

    def median(name: str) -> float:
        return statistics.median(run.get(name, 0.0) for run in demo)

    rows = {name: median(name) for name in ORDER if name != "stdlib"}
    rows["stdlib"] = stdlib_ms
    rows["starmote"] = max(0.0, rows["starmote"] - stdlib_ms)  # its own part only
    replica_app = statistics.median(replica)
    print(f"`starmote demo` before its first frame, ms: median of {args.runs} fresh interpreters")
    for name in ORDER:
        note = ""
        if name == "starmote":
            note = f"  of which records (dataclass machinery) {median('records'):.1f}"
        if name == "app":
            note = f"  replica's app {replica_app:.1f}"
        if name == "stdlib":
            note = "  " + " ".join(m for m in others if not m.startswith("_"))
        print(f"  {name:<13} {rows[name]:7.1f}{note}")
    own = sum(rows[name] for name in ORDER if name not in ("textual", "app"))
    print(
        f"starmote's own stages before the app: {own:.1f} ms on top of Textual's imports "
        f"({rows['textual']:.1f}); its app to the first refresh {rows['app']:.1f} against "
        f"the replica's {replica_app:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
