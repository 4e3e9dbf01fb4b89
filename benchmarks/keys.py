"""What asking the engine costs the footer: one pass over a screen's keys.

`refresh_keys` re-checks every key of the main screen after each command, and
Textual asks `check_action` again for each binding whenever the footer is
redrawn, so a pass must stay far below one frame (16 ms). Prints, for the live
screen and the closing screen in a running meeting:

  * a pass of the screen's own `check_action` (it asks `engine.allowed`);
  * the same pass as the live screen did it before, with its own copies of the
    rules (re-typed here from main at 472032c) — the reference, timed alternately;
  * one `decide` of NextSpeaker, the cheapest real command, for scale.

Usage: python benchmarks/keys.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.actions import parse as parse_action  # noqa: E402

from starmote.engine import commands as c  # noqa: E402
from starmote.engine.rules import decide  # noqa: E402
from starmote.plan import case, resources  # noqa: E402
from starmote.store.journal import Journal  # noqa: E402
from starmote.store.session import FakeClock, Session  # noqa: E402
from starmote.store.settings import Settings  # noqa: E402
from starmote.tui.app import make_app  # noqa: E402


def old_live_check(screen: Any, action: str, parameters: tuple[object, ...]) -> bool | None:
    """The live screen's check_action as it was: the rules copied into the UI."""
    s = screen.state
    running = s.status == "running" and s.phase is not None
    live = running and s.paused_at is None
    in_phase = [p for p in s.spoken if p.phase == s.phase]
    capture = s.status != "closed"
    rules = {
        "next_speaker": live and (s.turn is not None or bool(s.queue)),
        "skip": live and s.turn is not None,
        "back": live and bool(in_phase),
        "extend": s.turn is not None and s.status == "running",
        "jump": live,
        "pause": running and s.paused_at is None,
        "resume": running and s.paused_at is not None,
        "next_part": live,
        "rebalance": running,
        "consent": s.status in ("open", "running") and (s.phase or 0) == 0,
        "closing": s.status == "closing" or (s.phase is not None and s.phase >= len(s.phases) - 2),
        "attendance": s.status != "closed",
        "park": capture and any(not a.here for a in s.attendance),
        "questions": capture and bool(s.plan.questions),
    }
    if action in ("note", "goal", "add_action", "decision"):
        return True if capture else None
    if action == "tick":
        n = int(parameters[0]) if parameters else 0  # type: ignore[call-overload]
        count = len(s.plan.phases[s.phase].prompts_sv) if s.phase is not None else 0
        return True if n <= count else None
    if action in ("pause", "resume"):
        return True if rules[action] else False  # noqa: SIM210
    if action in rules:
        return True if rules[action] else None
    return True


def per_pass(check: Any, screen: Any, runs: int) -> list[float]:
    keys = [parse_action(spec.action)[1:] for spec in screen.KEYS]
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        for name, params in keys:
            check(name, params)
        out.append(time.perf_counter() - start)
    return out


async def measure(runs: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        clock = FakeClock()
        plan = case.load_case(resources.demo_case())
        session = Session.start(Journal.open(Path(home)), plan, clock)
        for party in plan.parties[:-1]:  # the last one stays away: parking applies
            session.do(c.CheckIn(party.key))
        session.do(c.NextPhase())
        session.do(c.ConfirmConsent())
        clock.advance(300)
        session.do(c.NextPhase())  # Aktuell situation, a round under way
        clock.advance(60)
        session.do(c.NextSpeaker())
        app = make_app(session, clock=clock, settings=Settings(), save_settings=False, history={})
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            live: Any = app.main_screen
            ours, old = [], []
            for _ in range(runs // 100):  # alternate in blocks: a noisy machine hits both
                ours += per_pass(live.check_action, live, 100)
                old += per_pass(lambda a, p: old_live_check(live, a, p), live, 100)
            app.show_view("closing")
            await pilot.pause()
            closing: Any = app.main_screen
            shut = per_pass(closing.check_action, closing, runs)
            state, now = app.state, app.session.now()
            one = []
            for _ in range(runs):
                start = time.perf_counter()
                decide(state, c.NextSpeaker(), now)
                one.append(time.perf_counter() - start)
    us = 1e6
    mine, theirs = median(ours), median(old)
    rows = [
        (f"live screen, {len(live.KEYS)} keys: asking the engine", mine, ""),
        ("  the old copies of the rules (reference)", theirs, f"ratio {mine / theirs:.1f}x"),
        (f"closing screen, {len(closing.KEYS)} keys: asking the engine", median(shut), ""),
        ("one decide(NextSpeaker), for scale", median(one), ""),
        ("a frame at 60 Hz", 1 / 60, ""),
    ]
    print(f"one pass of check_action over a screen's keys, median of {len(ours)}")
    for label, seconds, note in rows:
        print(f"{label:<48} {seconds * us:9.1f} µs  {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(measure(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
