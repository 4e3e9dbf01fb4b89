"""History at scale: `starmote history` over 1,000 and 10,000 meetings, and a county merge.

Builds journals of synthetic meetings played through `Session` (the engine decides every
event, as in benchmarks/journal.py, whose generator this extends): SIP meetings in case
chains that set a follow-up, and every tenth one a STAR team session, so every column of
the report has something to count. Then times, process start to exit, medians taken
alternately with a reference measured in the same run (`starmote history` on an empty
home: Python, the imports, nothing to count):

  * `history`: the full table, runs of absences and follow-ups (target <= 400 ms at 10,000);
  * `history --from --to --template --party`: the same, filtered;
  * `history --party fk --trend`, and `history --json` (the county's file);
  * `history --merge` of ten county files made from the largest journal.

Built journals are cached under `<tmp>/starmote-bench-history/` (--rebuild starts over).

Usage: python benchmarks/history.py [--sizes 1000,10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.engine import commands as c  # noqa: E402
from starmote.engine.rules import DomainError  # noqa: E402
from starmote.plan import case, resources  # noqa: E402
from starmote.plan.model import MeetingPlan  # noqa: E402
from starmote.store import journal as journal_mod  # noqa: E402
from starmote.store import summary  # noqa: E402
from starmote.store.paths import journal_path  # noqa: E402
from starmote.store.session import FakeClock, Session  # noqa: E402

GENERATOR = 2
"""Bump when the synthetic meetings change, so cached journals are rebuilt."""


def _bench_journal() -> Any:
    """benchmarks/journal.py as a module: its generator, batching and timers."""
    spec = importlib.util.spec_from_file_location(
        "bench_journal", Path(__file__).with_name("journal.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bj = _bench_journal()


def team_plan() -> MeetingPlan:
    return case.load_case(resources.samples_dir() / "star-team-januari.toml")


def play_team(journal: Any, plan: MeetingPlan, meeting_id: str, rng: random.Random) -> None:
    """A team session: FK for its first hour (the rota), someone away now and then."""
    clock = FakeClock(wall0=plan.start.astimezone(UTC) - timedelta(minutes=5))
    s = Session.start(journal, plan, clock, meeting_id=meeting_id)
    for party in plan.parties:
        if party.case:
            continue
        roll = rng.random()
        if roll < 0.75:
            s.do(c.CheckIn(party.key, rng.choice(("in_person", "video"))))  # type: ignore[arg-type]
        elif roll < 0.85:
            s.do(c.MarkAbsent(party.key, notified=rng.random() < 0.6))
        else:
            s.do(c.NoteSubstitute(party.key, "Vera Vikarie"))
    clock.advance(300)
    s.do(c.NextPhase())
    cases = 0
    while s.state.status == "running":
        clock.advance(rng.randrange(600, 1800))
        with contextlib.suppress(DomainError):
            if s.state.consent_pending:
                s.do(c.ConfirmConsent())
            s.do(c.NextPhase())
        if s.state.current_case:
            cases += 1
            if cases == 3:
                with contextlib.suppress(DomainError):
                    s.do(c.Leave("fk"))  # FK's hour is up
    s.do(c.CloseMeeting("Syntetiskt möte"))


def build(path: Path, size: int) -> float:
    """Write `size` meetings into a new journal at `path`; seconds taken."""
    began = time.perf_counter()
    rng = random.Random(size)
    base, team = bj.demo_plan(), team_plan()
    path.parent.mkdir(parents=True, exist_ok=True)
    journal = bj.BatchedJournal(path)
    try:
        for n in range(size):
            plan = bj.plan_for(base, n, rng)
            if n % 10 == 9:
                plan = replace(team, case_code=f"STAR-TEAM-{n:05d}", start=plan.start)
                play_team(journal, plan, f"{plan.start:%Y%m%d-%H%M}-{plan.case_code}", rng)
            else:
                meeting_id = f"{plan.start:%Y%m%d-%H%M}-{plan.case_code}-{n:05d}"
                bj.play(journal, plan, meeting_id, rng, follow_ups=0.9)
            if (n + 1) % bj.BATCH == 0:
                journal.flush()
        journal.flush()
    finally:
        journal.close()
    return time.perf_counter() - began


def cached_home(root: Path, size: int, rebuild: bool) -> tuple[Path, float | None]:
    formats = [str(journal_mod.SCHEMA_VERSION), str(summary.SUMMARY_VERSION), summary.SCHEMA]
    key = f"g{GENERATOR}-" + hashlib.sha256("|".join(formats).encode()).hexdigest()[:12]
    home = root / key / str(size)
    if (home / "built").exists() and not rebuild:
        return home, None
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    took = build(journal_path(home), size)
    # Summaries as Session keeps them, and WAL checkpointed: the journal as a chair's is.
    with journal_mod.Journal(journal_path(home)) as journal:
        summary.refresh(journal)
    (home / "built").write_text("ok")
    return home, took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--cache", default=str(Path(tempfile.gettempdir()) / "starmote-bench-history")
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    root = Path(args.cache)
    homes: dict[int, Path] = {}
    for size in sizes:
        homes[size], took = cached_home(root, size, args.rebuild)
        built = f"built in {took:.1f} s" if took is not None else "cached"
        with journal_mod.Journal(journal_path(homes[size])) as journal:
            rows = journal.query("SELECT COUNT(*) FROM party_summary")[0][0]
            held = journal.query("SELECT COUNT(*) FROM meeting_summary WHERE held = 1")[0][0]
        print(
            f"journal {size:>6} meetings  {bj.journal_bytes(homes[size]) / 1e6:7.1f} MB"
            f"  ({held} held, {rows} party rows; {built})",
            flush=True,
        )
    print()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARMOTE")}
    cmd = bj.starmote_cmd()
    scratch = Path(tempfile.mkdtemp(prefix="starmote-bench-history-"))
    empty = scratch / "empty"
    try:
        for size in sizes:
            home = homes[size]
            print(f"--- {size} meetings")
            cases = [
                ("history", ()),
                ("  filtered", ("--from", "2022", "--to", "2024-06", "--template",
                                "motescirkel-sip", "--party", "fk")),
                ("  --party fk --trend", ("--party", "fk", "--trend")),
                ("  --json", ("--json",)),
            ]  # fmt: skip
            for label, extra in cases:
                reference, subject = bj.alternate(
                    [
                        bj.cli(cmd, env, empty, "history", *extra),
                        bj.cli(cmd, env, home, "history", *extra),
                    ],
                    args.runs,
                )
                note = "(target: subject <= 400 ms)" if label == "history" else ""
                bj.report(label, subject, reference, "empty home", note)
            print(flush=True)
        largest = homes[sizes[-1]]
        files = []
        for i in range(10):  # ten coordinators: each a year of the largest journal
            out = scratch / f"coordinator-{i}.json"
            year = 2020 + i % 7
            bj.cli_seconds(
                [*cmd, "--home", str(largest), "history", "--json", "--from", str(year),
                 "--to", str(year), "--out", str(out)],
                env,
            )  # fmt: skip
            files.append(str(out))
        sizes_kb = statistics.mean(Path(f).stat().st_size for f in files) / 1e3
        reference, subject = bj.alternate(
            [
                bj.cli(cmd, env, empty, "history", "--merge", files[0]),
                bj.cli(cmd, env, empty, "history", "--merge", *files),
            ],
            args.runs,
        )
        print(f"--- merge of ten county files ({sizes_kb:.0f} kB each)")
        bj.report("history --merge", subject, reference, "one file", "")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
