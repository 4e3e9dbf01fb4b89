"""A plain text table: headers wrapped to their longest word, numbers right-aligned, no styles.

What a steering group's report is pasted from: the same in a terminal, a file and a mail,
and drawn in about a millisecond (a styled table took longer than counting the figures).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence


def _header_lines(label: str, width: int) -> list[str]:
    """`label` in lines of at most `width` (never splitting a word)."""
    return textwrap.wrap(label, width, break_long_words=False) or [""]


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], first_width: int = 40
) -> str:
    """The rows under their headers, the first column left-aligned, the others right.

    Args:
        headers: One label per column; a long one wraps onto more lines.
        rows: The cells, as text.
        first_width: The widest the first column gets; longer text continues below.

    Returns:
        The table with a rule under the headers, each line ending in a newline.
    """
    n = len(headers)
    widths = [max([len(r[i]) for r in rows] + [1]) for i in range(n)]
    widths[0] = min(max(widths[0], len(headers[0])), first_width)
    for i in range(1, n):
        # As narrow as the cells and the label's longest word allow.
        longest_word = max(len(word) for word in headers[i].split() or [""])
        widths[i] = max(widths[i], longest_word)
    heads = [_header_lines(h, w) for h, w in zip(headers, widths, strict=True)]
    depth = max(len(h) for h in heads)
    lines = []
    for level in range(depth):
        # Labels sit on the rule: a short one on the last header line.
        cells = [h[level - depth + len(h)] if level >= depth - len(h) else "" for h in heads]
        lines.append(_line(cells, widths))
    lines.append("  ".join("─" * w for w in widths))
    for row in rows:
        first = textwrap.wrap(row[0], widths[0], break_long_words=True) or [""]
        lines.append(_line([first[0], *row[1:]], widths))
        lines += [_line([more] + [""] * (n - 1), widths) for more in first[1:]]
    return "".join(line.rstrip() + "\n" for line in lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    parts = [cells[0].ljust(widths[0])]
    parts += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
    return "  ".join(parts)
