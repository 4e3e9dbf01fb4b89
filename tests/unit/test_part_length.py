"""A part's length reads the same on every screen, in every refusal and in the minutes."""

from __future__ import annotations

from starmote.dates import part_length
from starmote.documents.fmt import fmt_span
from starmote.engine import timing
from starmote.tui.dialogs.rebalance import proposal_table
from tests.support.tui import live_session


def test_half_minutes_are_kept_not_rounded_one_way_here_and_another_there():
    assert part_length(40.5 * 60) == "40:30 min"
    assert part_length(13.5 * 60) == "13:30 min"  # round() would say 14 here and 40 above
    assert part_length(9 * 60) == "9 min"
    assert part_length(40.5 * 60, unit=False) == "40:30" == fmt_span(40.5 * 60)


def test_the_rebalance_dialog_shows_the_demo_behov_as_the_minutes_do(tmp_path):
    session, clock = live_session(tmp_path)  # the demo: Behov is 40.5 minutes of 90
    clock.advance(60)
    state = session.state
    table = proposal_table(state, timing.rebalance_proposal(state, 60.0), "sv")
    behov = next(line for line in table.splitlines() if "Behov" in line)
    assert behov.split("Behov")[1].split("→")[0].strip() == "40:30"
