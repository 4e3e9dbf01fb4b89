"""Journal scale: what one meeting costs with 0, 100, 1,000 and 10,000 others stored.

Builds journals of synthetic meetings played through `Session` (the engine decides
every event; only the durable commit is batched, so 10,000 meetings take seconds,
not an hour of fsyncs) and times, against references measured in the same run:

  * export ONE meeting by id prefix (`starmote export`, process start to exit),
    against the 100-meeting journal;
  * resume (read + fold) of one meeting (`Session.resume`), against 100 meetings;
  * `starmote meetings` (process start to exit), against an empty home
    (target <= 1.5x);
  * `starmote history` (process start to exit), target <= 0.4 s at 10,000;
  * `run`'s start-up lookups in process: open the journal, the "already under
    way" check, open the meeting, the earlier-absence notes; against an empty home;
  * `starmote purge ID --yes` of one closed meeting (process start to exit: the
    delete, VACUUM and the TRUNCATE checkpoint), against the 100-meeting journal;
  * the reminder's count of meetings past `retention_days` (read after the first
    frame, in a thread), against the 100-meeting journal;
  * with --tui: `starmote run CASE --new` under a pty, first frame and a form key
    pressed at once after it (history may still be loading), against a fresh home.

Ratios are of medians taken alternately (reference, subject, reference, …), so
drift on a shared machine hits both alike. Built journals are cached under
`<tmp>/starmote-bench-journal/` (use --rebuild to start over).

Usage: python benchmarks/journal.py [--sizes 0,100,1000,10000] [--runs 7] [--tui]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.engine import commands as c  # noqa: E402
from starmote.engine.rules import DomainError  # noqa: E402
from starmote.plan import case, resources  # noqa: E402
from starmote.plan.model import STOCKHOLM, MeetingPlan  # noqa: E402
from starmote.store import journal as journal_mod  # noqa: E402
from starmote.store.journal import Journal  # noqa: E402
from starmote.store.paths import journal_path  # noqa: E402
from starmote.store.session import FakeClock, Session  # noqa: E402

GENERATOR = 1
"""Bump when the synthetic meetings change, so cached journals are rebuilt."""

KOMMUNER = (
    "Exempelby kommun, socialtjänsten (Vuxenenheten)",
    "Krokoms kommun, Vuxenenheten",
    "Östersunds kommun, socialtjänsten",
    "Bergs kommun, IFO",
    "Åre kommun, socialtjänsten",
    "Strömsunds kommun, försörjningsstöd",
)
REGIONER = (
    "Region Exempel, Vuxenpsykiatrin",
    "Region Jämtland Härjedalen, psykiatrin",
    "Region Jämtland Härjedalen, hälsocentral Krokom",
)
BATCH = 400
"""Meetings per transaction while building."""


class BatchedJournal(Journal):
    """A journal whose `append` collects until `flush`: one commit per batch of meetings.

    Session decides and folds exactly as in a real meeting; only the fsync per
    event is saved.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._pending: list[Any] = []
        self._pending_kw: dict[str, list[Any]] = {}

    def append(self, records: Sequence[Any], **derived: Any) -> None:  # type: ignore[override]
        self._pending.extend(records)
        for key, values in derived.items():
            self._pending_kw.setdefault(key, []).extend(values)

    def flush(self) -> None:
        if self._pending:
            super().append(self._pending, **self._pending_kw)  # type: ignore[arg-type]
        self._pending, self._pending_kw = [], {}


def demo_plan() -> MeetingPlan:
    return case.load_case(resources.samples_dir() / "demo.toml")


def plan_for(base: MeetingPlan, n: int, rng: random.Random) -> MeetingPlan:
    """Meeting `n`: one of n/8 cases (a chain of follow-ups), other organisations, a later start."""
    cases = max(1, n // 8)
    code = f"SIP-{2020 + n % 7}-{rng.randrange(cases):04d}"
    start = datetime(2020, 1, 7, 9, 0, tzinfo=STOCKHOLM) + timedelta(hours=7 * n)
    kommun, region = rng.choice(KOMMUNER), rng.choice(REGIONER)
    parties = []
    for p in base.parties:
        if p.kind == "kommun":
            p = replace(p, organisation=kommun)
        elif p.kind == "region":
            p = replace(p, organisation=region)
        parties.append(p)
    return replace(base, case_code=code, start=start, parties=tuple(parties))


def _try(session: Session, command: c.Command) -> None:
    # A random script may ask for what the rules refuse; so would a chair.
    with contextlib.suppress(DomainError):
        session.do(command)


def play(
    journal: Journal,
    plan: MeetingPlan,
    meeting_id: str,
    rng: random.Random,
    follow_ups: float = 0.0,
) -> None:
    """One meeting: check-in with absences and stand-ins, the five parts, leaving, closing.

    `follow_ups` is the share of meetings that book a follow-up 4-10 weeks on before
    closing (benchmarks/history.py counts them); with 0 the random draws are as before.
    """
    clock = FakeClock(wall0=plan.start.astimezone(UTC) - timedelta(minutes=5))
    s = Session.start(journal, plan, clock, meeting_id=meeting_id)
    modes = ("in_person", "in_person", "video", "phone")
    late: list[str] = []
    for party in plan.parties:
        roll = rng.random()
        if party.key == "individ" or roll < 0.70:
            s.do(c.CheckIn(party.key, rng.choice(modes)))  # type: ignore[arg-type]
        elif roll < 0.77:
            s.do(c.MarkAbsent(party.key, notified=True, reason="sjuk"))
        elif roll < 0.83:
            s.do(c.MarkAbsent(party.key, notified=False))
        elif roll < 0.88:
            s.do(c.NoteSubstitute(party.key, "Vera Vikarie", rng.choice(modes)))  # type: ignore[arg-type]
        elif roll < 0.91:  # checked in by mistake, then marked absent before the start
            s.do(c.CheckIn(party.key))
            s.do(c.MarkAbsent(party.key, notified=rng.random() < 0.5))
        elif roll < 0.93:  # a stand-in noted, then the party marked absent after all
            s.do(c.NoteSubstitute(party.key, "Vera Vikarie"))
            s.do(c.MarkAbsent(party.key, notified=True))
        else:
            late.append(party.key)
    if rng.random() < 0.03:
        return  # opened, then never started: the laptop was closed
    clock.advance(300)
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent("alla parter"))
    for key in late:
        clock.advance(120)
        _try(s, c.CheckIn(key, "video"))
    for phase in range(1, 5):
        clock.advance(rng.randrange(300, 1500))
        s.do(c.NextPhase())
        if phase == 2:
            s.do(c.AddNote("Sam vill pröva praktik under våren."))
            for party in plan.parties:
                roll = rng.random()
                if party.key == "individ":
                    continue
                if roll < 0.05:
                    _try(s, c.Leave(party.key))
                elif roll < 0.08:
                    _try(s, c.Drop(party.key))
                elif roll < 0.10:
                    _try(s, c.Drop(party.key))
                    clock.advance(60)
                    _try(s, c.Rejoin(party.key))
    clock.advance(600)
    if follow_ups and rng.random() < follow_ups:
        when = (plan.start + timedelta(weeks=rng.randrange(4, 11))).astimezone(STOCKHOLM)
        _try(s, c.SetFollowUp(when, 60, "Kommunhuset"))
    if rng.random() < 0.02:
        return  # started, never closed (still open)
    s.do(c.CloseMeeting("Syntetiskt möte"))


def build(path: Path, size: int) -> float:
    """Write `size` meetings into a new journal at `path`; seconds taken."""
    began = time.perf_counter()
    rng = random.Random(size)
    base = demo_plan()
    path.parent.mkdir(parents=True, exist_ok=True)
    journal = BatchedJournal(path)
    try:
        for n in range(size):
            plan = plan_for(base, n, rng)
            meeting_id = f"{plan.start:%Y%m%d-%H%M}-{plan.case_code}-{n:05d}"
            play(journal, plan, meeting_id, rng)
            if (n + 1) % BATCH == 0:
                journal.flush()
        journal.flush()
    finally:
        journal.close()
    return time.perf_counter() - began


def cached_home(root: Path, size: int, rebuild: bool) -> tuple[Path, float | None]:
    """The data home holding a `size`-meeting journal, built unless cached."""
    # Any change to the stored format (versions or table definitions) means a new build.
    summary = sys.modules.get("starmote.store.summary")
    formats = [str(journal_mod.SCHEMA_VERSION), str(getattr(summary, "SUMMARY_VERSION", 0))]
    formats += [getattr(journal_mod, "_INDEX_SCHEMA", ""), getattr(summary, "SCHEMA", "")]
    key = f"g{GENERATOR}-" + hashlib.sha256("|".join(formats).encode()).hexdigest()[:12]
    home = root / key / str(size)
    done = home / "built"
    if done.exists() and not rebuild:
        return home, None
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    took = build(journal_path(home), size) if size else 0.0
    done.write_text("ok")
    return home, took


def journal_bytes(home: Path) -> int:
    base = journal_path(home)
    return sum(p.stat().st_size for p in base.parent.glob(base.name + "*") if p.is_file())


# --- measuring ---------------------------------------------------------------


def starmote_cmd() -> list[str]:
    script = Path(sys.executable).with_name("starmote")
    return [str(script)] if script.exists() else [sys.executable, "-m", "starmote"]


def cli_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Process start to exit of one `starmote` command (output discarded)."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv}: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return took


def alternate(fns: Sequence[Callable[[], float]], runs: int) -> list[list[float]]:
    """Each of `fns` `runs` times, taken in turn after one discarded warm-up round."""
    times: list[list[float]] = [[] for _ in fns]
    for i in range(runs + 1):
        for n, fn in enumerate(fns):
            took = fn()
            if i:
                times[n].append(took)
    return times


def middle_meeting(home: Path) -> str:
    with Journal(journal_path(home)) as journal:
        rows = journal._db.execute(
            "SELECT meeting_id FROM events WHERE seq = 1 ORDER BY meeting_id"
        ).fetchall()
    return str(rows[len(rows) // 2][0])


def resume_seconds(home: Path, meeting_id: str) -> float:
    with Journal(journal_path(home)) as journal:
        start = time.perf_counter()
        Session.resume(journal, meeting_id, FakeClock())
        return time.perf_counter() - start


def run_first_frame_seconds(home: Path, plan: MeetingPlan) -> float:
    """What `run` does before its first frame: open, the under-way check, open the meeting."""
    from starmote.cli.meeting import unfinished_of

    start = time.perf_counter()
    with Journal.open(home) as journal:
        unfinished_of(journal, plan)
        Session.start(journal, plan, FakeClock())
        took = time.perf_counter() - start
    return took  # closing (a WAL checkpoint) happens when the app quits, not before the frame


def run_history_seconds(home: Path, plan: MeetingPlan) -> float:
    """The absence notes the before-meeting screen reads after its first frame."""
    from starmote.store import history

    start = time.perf_counter()
    if hasattr(history, "party_history_at"):
        history.party_history_at(journal_path(home), plan, "not-stored")
    else:  # starmote before issue #9, for a before/after comparison
        with Journal(journal_path(home)) as journal:
            history.party_history(journal, plan, "not-stored")
    return time.perf_counter() - start


def ms(xs: Sequence[float]) -> str:
    return f"{statistics.median(xs) * 1000:8.1f} ms"


def ratio(a: Sequence[float], b: Sequence[float]) -> float:
    return statistics.median(a) / statistics.median(b)


def report(label: str, subject: list[float], ref: list[float], ref_label: str, note: str) -> None:
    """One line: the subject's median, the reference's, their ratio and the target."""
    print(
        f"{label:<22}{ms(subject)}   {ref_label} {ms(ref)}   "
        f"ratio {ratio(subject, ref):5.2f}  {note}",
        flush=True,
    )


def cli(cmd: list[str], env: dict[str, str], home: Path, *argv: str) -> Callable[[], float]:
    """A timer for `starmote --home HOME ARGV…`, process start to exit."""
    return lambda: cli_seconds([*cmd, "--home", str(home), *argv], env)


def in_process(fn: Callable[[Path, Any], float], home: Path, arg: Any) -> Callable[[], float]:
    return lambda: fn(home, arg)


def measure_size(
    size: int, home: Path, ref: Path, scratch: Path, env: dict[str, str], args: Any
) -> None:
    """Every figure for one journal size, each against its reference."""
    cmd = starmote_cmd()
    runs = args.runs
    empty = scratch / "empty"  # never created: what a fresh install shows
    plan = demo_plan()
    print(f"--- {size} meetings")
    reference, subject = alternate(
        [cli(cmd, env, empty, "meetings"), cli(cmd, env, home, "meetings")], runs
    )
    report("meetings", subject, reference, "empty home", "(target <= 1.5)")
    reference, subject = alternate(
        [cli(cmd, env, empty, "history"), cli(cmd, env, home, "history")], runs
    )
    report("history", subject, reference, "empty home", "(target: subject <= 400 ms)")
    # Private copies: starting a meeting writes to the journal.
    copy, fresh = scratch / f"run-{size}", scratch / f"fresh-{size}"
    shutil.copytree(home, copy)
    fresh.mkdir()
    reference, subject = alternate(
        [
            in_process(run_first_frame_seconds, fresh, plan),
            in_process(run_first_frame_seconds, copy, plan),
        ],
        runs,
    )
    report("run: to 1st frame", subject, reference, "fresh home", "(target ~1)")
    reference, subject = alternate(
        [in_process(run_history_seconds, fresh, plan), in_process(run_history_seconds, copy, plan)],
        runs,
    )
    report(
        "run: absence notes", subject, reference, "fresh home", "(after the 1st frame, in a thread)"
    )
    if size:
        mid, ref_id = middle_meeting(home), middle_meeting(ref)
        out = str(scratch / "out")
        reference, subject = alternate(
            [
                cli(cmd, env, ref, "export", ref_id[:-1], "--out", out),
                cli(cmd, env, home, "export", mid[:-1], "--out", out),
            ],
            runs,
        )
        report("export one", subject, reference, "100 stored", "(target ~1)")
        reference, subject = alternate(
            [in_process(resume_seconds, ref, ref_id), in_process(resume_seconds, home, mid)],
            runs * 3,
        )
        report("resume one", subject, reference, "100 stored", "(target ~1)")
        purge_figures(size, home, ref, scratch, env, runs)
    if args.tui:
        tui_figures(copy, fresh, env, runs)
    print(flush=True)


def closed_meetings(home: Path) -> list[str]:
    with Journal(journal_path(home)) as journal:
        return [r[0] for r in journal.query("SELECT meeting_id FROM meetings WHERE closed = 1")]


def reminder_seconds(home: Path, now: datetime) -> float:
    """What the app's reminder does after the first frame: count the meetings past 90 days."""
    from starmote.store.retention import count_past_at

    start = time.perf_counter()
    count_past_at(journal_path(home), 90, now)
    return time.perf_counter() - start


def purge_figures(
    size: int, home: Path, ref: Path, scratch: Path, env: dict[str, str], runs: int
) -> None:
    """Purge one meeting per run from private copies, a different one each time."""
    cmd = starmote_cmd()
    subject_home, ref_home = scratch / f"purge-{size}", scratch / f"purge-ref-{size}"
    shutil.copytree(home, subject_home)
    shutil.copytree(ref, ref_home)
    subject_ids, ref_ids = iter(closed_meetings(subject_home)), iter(closed_meetings(ref_home))

    def purge(h: Path, ids: Any) -> Callable[[], float]:
        return lambda: cli_seconds([*cmd, "--home", str(h), "purge", next(ids), "--yes"], env)

    reference, subject = alternate(
        [purge(ref_home, ref_ids), purge(subject_home, subject_ids)], runs
    )
    report("purge one", subject, reference, "100 stored", "(VACUUM: grows with the journal)")
    now = datetime.now(UTC)
    reference, subject = alternate(
        [in_process(reminder_seconds, ref, now), in_process(reminder_seconds, home, now)], runs
    )
    report("reminder count", subject, reference, "100 stored", "(after the 1st frame, a thread)")
    shutil.rmtree(subject_home, ignore_errors=True)
    shutil.rmtree(ref_home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,100,1000,10000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--tui", action="store_true", help="also time `run` under a pty")
    parser.add_argument(
        "--cache", default=str(Path(tempfile.gettempdir()) / "starmote-bench-journal")
    )
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")} | {0, 100})
    root = Path(args.cache)

    homes: dict[int, Path] = {}
    for size in sizes:
        homes[size], took = cached_home(root, size, args.rebuild)
        built = f"built in {took:.1f} s" if took is not None else "cached"
        print(
            f"journal {size:>6} meetings  {journal_bytes(homes[size]) / 1e6:8.1f} MB  ({built})",
            flush=True,
        )
    print()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARMOTE")}
    scratch = Path(tempfile.mkdtemp(prefix="starmote-bench-"))
    try:
        for size in sizes:
            measure_size(size, homes[size], homes[100], scratch, env, args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def quit_seconds(prog: Any) -> float:
    """Seconds from Ctrl+Q until the process has exited."""
    start = time.perf_counter()
    os.write(prog.fd, b"\x11")
    while True:
        prog.read(0.01)  # keep the terminal drained so the app can write its last frame
        done, _ = os.waitpid(prog.pid, os.WNOHANG)
        if done:
            return time.perf_counter() - start
        if time.perf_counter() - start > 30:
            raise TimeoutError("starmote did not quit within 30 s")


def tui_figures(home: Path, fresh: Path, env: dict[str, str], runs: int) -> None:
    """`starmote run CASE --new` under a pty: first frame, form keys pressed at once, Ctrl+Q.

    Three homes, taken in turn: a fresh one (the reference); this journal; and this
    journal with every summary forgotten, as after an upgrade, so the absence notes
    must fold every meeting again in the background while the keys are pressed.
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_tui", Path(__file__).with_name("tui.py"))
    assert spec and spec.loader
    tui = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tui)
    case_file = resources.samples_dir() / "demo.toml"
    marker = "Deltagare – checka in".encode()
    tenv = dict(env, TERM="xterm-256color", COLORTERM="truecolor")
    stale = home.with_name(home.name + "-stale")
    shutil.copytree(home, stale)

    def forget_summaries() -> None:
        with Journal(journal_path(stale)) as journal:
            journal.clear_summaries()

    homes = [("fresh", fresh, None), ("journal", home, None), ("stale", stale, forget_summaries)]
    if not hasattr(Journal, "clear_summaries"):  # starmote before issue #9: no summaries
        homes.pop()
    frames: dict[str, list[float]] = {name: [] for name, _, _ in homes}
    keys: dict[str, list[float]] = {name: [] for name, _, _ in homes}
    quits: dict[str, list[float]] = {name: [] for name, _, _ in homes}
    for i in range(runs + 1):
        for name, h, prepare in homes:
            if prepare is not None:
                prepare()
            prog = tui.Program(
                [*starmote_cmd(), "--home", str(h), "run", str(case_file), "--new"], tenv
            )
            start = prog.spawn()
            try:
                shown = prog.wait_for(marker)
                # `o` goes through the engine and the journal; pressed at once, while
                # the absence notes may still be read.
                pressed = [prog.press(b"o") for _ in range(5)]
                quit_s = quit_seconds(prog)
            finally:
                prog.stop()
            if i:
                frames[name].append(shown - start)
                keys[name].extend(pressed)
                quits[name].append(quit_s)
    ref = "fresh home"
    report("run: 1st frame (pty)", frames["journal"], frames["fresh"], ref, "(target ~1)")
    for name, label in (("journal", "run: form keys (pty)"), ("stale", "  summaries refolding")):
        if keys.get(name):
            worst = f"(worst {max(keys[name]) * 1000:.0f} vs {max(keys['fresh']) * 1000:.0f} ms)"
            report(label, keys[name], keys["fresh"], ref, worst)
    for name, label in (("journal", "run: Ctrl+Q to exit"), ("stale", "  summaries refolding")):
        if quits.get(name):
            report(label, quits[name], quits["fresh"], ref, "(target ~1)")


if __name__ == "__main__":
    raise SystemExit(main())
