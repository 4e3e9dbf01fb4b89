"""What rewriting the export folder as a whole set costs, against writing the files one by one.

Prints, for a whole meeting's export (minutes and plain copy in md and html, the follow-up
.ics and .eml, the reminders) written again into a folder that already holds it:
  * the whole-set export (`paths.write_set`: a new folder beside it, then swapped in);
  * the reference: the same bytes written file by file (`paths.atomic_write_bytes`), as
    the export did before, leaving any stale file where it was;
  * the kallelse of a case (`starmote invite`): built, written and its SEQUENCE kept.

Target: the whole set within a few times the file-by-file reference (the extra work is
one folder made, two renames and one removed), and well under the 100 ms a key press may take.

Usage: python benchmarks/export.py [--n 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.documents.export import export_files, export_meeting  # noqa: E402
from starmote.documents.kallelse import kallelse_invite, write_kallelse  # noqa: E402
from starmote.store import paths  # noqa: E402
from tests.support.exportcase import make_plan, play_meeting  # noqa: E402

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def median_ms(work: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50)
    n = parser.parse_args().n
    state = play_meeting(approve=True).state
    files = export_files(state, eml=True, stamp=STAMP)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        whole_dir, each_dir = root / "whole", root / "each"
        export_meeting(state, whole_dir, eml=True, stamp=STAMP)
        paths.private_dir(each_dir)

        def each() -> None:
            for name, data in files.items():
                paths.atomic_write_bytes(each_dir / name, data)

        each()
        reference = median_ms(each, n)
        whole = median_ms(lambda: export_meeting(state, whole_dir, eml=True, stamp=STAMP), n)
        build = median_ms(lambda: export_files(state, eml=True, stamp=STAMP), n)
        plan = make_plan()
        home = root / "home"

        def kallelse() -> None:
            draft = kallelse_invite(plan, "sv", home).proposal
            write_kallelse(plan, draft, draft, home, root / "kallelse", STAMP)

        called = median_ms(kallelse, n)
    print(f"files in the set:                   {len(files)}")
    print(f"file by file (reference, bytes only): {reference:7.2f} ms")
    print(f"whole-set export (build + swap):      {whole:7.2f} ms")
    print(f"  of which building the bytes:        {build:7.2f} ms")
    print(f"  writing, whole set / file by file:  {(whole - build) / reference:7.2f}x")
    print(f"kallelse built, written, kept:        {called:7.2f} ms")


if __name__ == "__main__":
    main()
