"""The attendance key's choices (no app run)."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.tui.screens.attendance import attendance_options, changes_for
from tests.support.tui import new_session, team_checked_in


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


def test_a_team_case_person_is_greyed_until_their_case_is_taken_up(tmp_path):
    session, clock = team_checked_in(tmp_path)
    session.do(c.NextPhase())  # the opening: T-03's person comes with T-03
    enabled = {party: on for party, _, on in attendance_options(session.state, "sv")}
    assert enabled["individ-t-03"] is False
    assert enabled["fk"] is True and enabled["psykiatri"] is True  # leaves; arrives late
