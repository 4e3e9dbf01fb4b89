"""SVG snapshots of the projector board on a frozen clock: a live SIP meeting in the light
theme made for projectors, and a STAR team session's case in the dark one.

Update with `pytest tests/snapshots/test_board_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from starmote.engine import commands as c
from starmote.plan.case import load_case
from starmote.plan.model import STOCKHOLM
from starmote.plan.resources import samples_dir
from starmote.store import paths
from starmote.store.follow import Follower
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from starmote.store.settings import Settings
from starmote.tui.board.app import make_board
from tests.snapshots.test_snapshots import live


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_board_live(snap_compare, tmp_path, size):
    session, clock = live(tmp_path)
    follower = Follower(paths.journal_path(tmp_path), clock)
    board = make_board(follower, settings=Settings(theme="starmote-light"))
    assert snap_compare(board, terminal_size=size)


def test_board_team_case(snap_compare, tmp_path):
    plan = load_case(samples_dir() / "star-team-januari.toml")
    plan = replace(plan, start=datetime(2026, 12, 3, 9, 0, tzinfo=STOCKHOLM))
    clock = FakeClock(wall0=plan.start.astimezone(UTC))
    with Journal.open(tmp_path) as journal:
        session = Session.start(journal, plan, clock, meeting_id="team")
        for key in ("fk", "ame", "forsorjning", "af"):
            session.do(c.CheckIn(key))
        session.do(c.MarkAbsent("psykiatri", notified=True, reason="vakans"))
        session.do(c.NextPhase())
        clock.advance(300)
        session.do(c.NextPhase())  # the first case
        session.do(c.ConfirmConsent())
        session.do(c.NextSpeaker())
        clock.advance(95)
    follower = Follower(paths.journal_path(tmp_path), clock)
    board = make_board(follower, settings=Settings(theme="textual-dark"))
    assert snap_compare(board, terminal_size=(120, 40))
