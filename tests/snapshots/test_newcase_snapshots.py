"""SVG snapshots of the new-case form at 80×24 and 120×40: a follow-up of the demo case.

Update with `pytest tests/snapshots/test_newcase_snapshots.py --snapshot-update` and look
at the SVGs.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from starmote.cli.newcase import templates
from starmote.plan.contacts import Contact
from starmote.store.carry import follow_up_draft
from starmote.tui.newcase.app import make_newcase_app
from tests.support.followup import hold_meeting

SIZES = [(80, 24), (120, 40)]
BOOK = [Contact("Lena Berg", "Försäkringskassan", "lena.berg@fk.example.se", "handläggare", "fk")]


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """A blinking cursor would make frames differ from run to run."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_follow_up_form(snap_compare, tmp_path, size):
    draft = follow_up_draft(hold_meeting(tmp_path).state)
    app = make_newcase_app(
        draft,
        templates("sv"),
        BOOK,
        today=date(2027, 1, 10),
        home=tmp_path,
        path="cases/SIP-2026-031-2027-02-04.toml",
    )
    assert snap_compare(app, terminal_size=size)
