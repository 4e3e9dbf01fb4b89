"""What the privacy checks cost, against the same work without them, measured in the same run.

Prints:
  * the personnummer detector on a full 4,000-character note (Swedish text, dates and phone
    numbers in it), next to splitting the same note into words (a reference of the same size);
  * the minutes and plain-language summary of a whole meeting rendered as Markdown and HTML,
    with the last line of defence (every text masked and made visible) and without it;
  * building the invite preview of that meeting (proposals, warnings, exact text).

Targets: the detector well under a frame (16 ms) for the longest note, so a form's Ctrl+S
never waits on it; a whole meeting's documents, masked, well under a frame too (the ratio to
rendering without the masking is printed as a figure: it is a few microseconds per text).

Usage: python benchmarks/privacy.py [--n 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starmote.documents import model, render_html, render_md  # noqa: E402
from starmote.documents.export import documents  # noqa: E402
from starmote.documents.invite_preview import previews  # noqa: E402
from starmote.plan import limits  # noqa: E402
from starmote.privacy import personnummer_spans  # noqa: E402
from tests.support.exportcase import play_meeting  # noqa: E402

STAMP = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
SENTENCE = "Sam berättar att praktiken på Återbruket går bra sedan 2026-11-03; ring 070-123 45 67. "
NOTE = (SENTENCE * (limits.NOTE // len(SENTENCE) + 1))[: limits.NOTE]


def median_ms(work: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def render_all(built: dict[str, model.Document]) -> None:
    for document in built.values():
        render_md.render_markdown(document)
        render_html.render_html(document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200)
    n = parser.parse_args().n

    detector = median_ms(lambda: personnummer_spans(NOTE), n)
    split = median_ms(lambda: NOTE.split(), n)
    print(f"detector, {len(NOTE)}-char note: {detector:.3f} ms  (split: {split:.3f} ms)")

    state = play_meeting().state
    built = documents(state, STAMP, "sv")
    masked = median_ms(lambda: render_all(built), n)
    original = model.shown
    try:
        # The same renderers with the last line of defence switched off, for the reference.
        render_md.shown = render_html.shown = lambda text: text  # type: ignore[assignment]
        bare = median_ms(lambda: render_all(built), n)
    finally:
        render_md.shown = render_html.shown = original  # type: ignore[assignment]
    print(
        f"minutes + plain summary, md + html: {masked:.2f} ms masked, {bare:.2f} ms without"
        f"  (ratio {masked / bare:.2f}x; target: masked < 16 ms)"
    )
    preview = median_ms(lambda: previews(state), max(n // 4, 10))
    print(f"invite preview of the meeting (3 invites): {preview:.2f} ms")


if __name__ == "__main__":
    main()
