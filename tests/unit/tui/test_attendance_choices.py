"""The attendance key's choices (no app run)."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.tui.screens.attendance import changes_for
from tests.support.tui import new_session


def test_a_dropped_phone_line_is_offered_back_by_phone_first(tmp_path):
    session, clock = new_session(tmp_path)
    for command in (c.CheckIn("fk", "phone"), c.CheckIn("af", "video"), c.NextPhase()):
        session.do(command)
    clock.advance(60)
    session.do(c.Drop("fk"))
    session.do(c.Drop("af"))
    first = changes_for(session.state, "fk", "sv")[0][0]
    assert first == c.Rejoin("fk", "phone")
    # A party on video comes back on video first.
    assert changes_for(session.state, "af", "sv")[0][0] == c.Rejoin("af", "video")
