"""`starmote new`: the address book against the journal's size, and the form's first frame.

Prints:
  * the time to build the address book from journals of 100, 1,000 and 5,000 meetings
    (plus 50 case files), next to reading one meeting's plan from the same journal: the
    book reads the latest 300 plans only, so it must stay flat however long the journal;
  * the time to the form's first frame (the demo case, with the book) next to a stock
    Textual app with an Input for each of the form's fields and no starmote code.

Targets: the book within 2x from 1,000 to 5,000 meetings; the form's first frame <= 2x
the stock replica.

Usage: python benchmarks/newcase.py [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.engine.rules import Now, open_meeting  # noqa: E402
from starmote.plan import case, resources  # noqa: E402
from starmote.plan.writer import case_data, dumps  # noqa: E402
from starmote.store import paths  # noqa: E402
from starmote.store.contacts import address_book  # noqa: E402
from starmote.store.journal import Journal  # noqa: E402
from starmote.store.session import to_record  # noqa: E402

SIZES = (100, 1000, 5000)
RUNS = 5


def fill(home: Path, n: int) -> str:
    """A journal of `n` opened meetings on the sample cases, and 50 case files; one id."""
    plans = [case.load_case(p) for p in resources.sample_cases()]
    wall = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    records = []
    last = ""
    for i in range(n):
        plan = plans[i % len(plans)]
        last = f"m-{i:06d}"
        records += [to_record(last, e) for e in open_meeting(plan, last, Now(0.0, wall))]
        wall += timedelta(hours=3)
    with Journal.open(home) as journal:
        for start in range(0, len(records), 2000):
            journal.append(records[start : start + 2000])
    folder = paths.private_dir(home / "cases")
    for i in range(50):
        plan = plans[i % len(plans)]
        (folder / f"case-{i}.toml").write_text(dumps(case_data(plan)), encoding="utf-8")
    return last


def median_ms(work, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def one_plan(home: Path, meeting_id: str) -> None:
    with Journal.open(home) as journal:
        journal.records(meeting_id)[0].payload["plan"]


async def first_frame(make) -> float:
    app = make()
    start = time.perf_counter()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        return (time.perf_counter() - start) * 1000


def stock_app(inputs: int):
    from textual.app import App
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Footer, Input, Static

    class Stock(App[None]):
        def compose(self):
            with VerticalScroll():
                for i in range(inputs):
                    with Horizontal(classes="row"):
                        yield Static(f"Fält {i}", classes="label")
                        yield Input(f"värde {i}")
            yield Footer()

    return Stock()


def form_app(home: Path):
    from starmote.cli.newcase import templates
    from starmote.plan.draft import from_plan
    from starmote.tui.newcase.app import make_newcase_app

    plan = case.load_case(resources.demo_case())
    book = address_book(home)
    return make_newcase_app(from_plan(plan), templates("sv"), book, today=date(2026, 11, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="starmote-bench-newcase-", dir=args.dir))
    try:
        print("address book (median of 5):")
        books = {}
        last_home = base
        for n in SIZES:
            home = base / f"n{n}"
            last = fill(home, n)
            books[n] = median_ms(lambda home=home: address_book(home))
            single = median_ms(lambda home=home, last=last: one_plan(home, last))
            size = len(address_book(home))
            print(
                f"  {n:>5} meetings: {books[n]:7.1f} ms ({size} contacts);"
                f" one meeting's plan {single:5.1f} ms"
            )
            last_home = home
        print(f"  5,000 / 1,000 meetings: {books[5000] / books[1000]:.2f}x (target <= 2x)")
        frames_form = [asyncio.run(first_frame(lambda: form_app(last_home))) for _ in range(3)]
        app = form_app(last_home)
        inputs = 0

        async def count() -> int:
            async with app.run_test(size=(100, 40)) as pilot:
                await pilot.pause()
                from textual.widgets import Input, TextArea

                from starmote.tui.widgets.choice import ChoiceField

                fields = (Input, TextArea, ChoiceField)
                return sum(len(app.screen.query(kind)) for kind in fields)

        inputs = asyncio.run(count())
        frames_stock = [asyncio.run(first_frame(lambda: stock_app(inputs))) for _ in range(3)]
        form, stock = statistics.median(frames_form), statistics.median(frames_stock)
        print(f"form's first frame: {form:.0f} ms; stock app with {inputs} inputs: {stock:.0f} ms")
        print("  (the stock app has one Input for each of the form's fields, choices included)")
        print(f"  ratio {form / stock:.2f}x (target <= 2x)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
