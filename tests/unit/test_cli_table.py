"""The plain text table history prints: wrapped headers, aligned columns, long names folded."""

from __future__ import annotations

from starmote.cli.table import format_table


def test_headers_wrap_to_their_longest_word_and_numbers_align_right() -> None:
    text = format_table(
        ["Organisation", "Möten", "Frånv. utan besked", "Närvarotid"],
        [
            ["Försäkringskassan", "12", "3", "58 %"],
            ["Region Jämtland Härjedalen, hälsocentral Krokom", "7", "10", "100 %"],
        ],
        first_width=30,
    )
    assert text.splitlines() == [
        "                                       Frånv.",
        "                                         utan",
        "Organisation                    Möten  besked  Närvarotid",
        "──────────────────────────────  ─────  ──────  ──────────",
        "Försäkringskassan                  12       3        58 %",
        "Region Jämtland Härjedalen,         7      10       100 %",
        "hälsocentral Krokom",
    ]
