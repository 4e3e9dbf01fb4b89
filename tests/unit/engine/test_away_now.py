"""Who is away now: the live screen's one question, answered from the attendance log."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.engine.presence import away_now
from tests.support.tui import live_session


def test_a_party_that_left_or_dropped_is_away_until_it_is_back(tmp_path):
    session, clock = live_session(tmp_path, absent=("af",))
    clock.advance(90)
    session.do(c.Drop("fk"))
    clock.advance(30)
    session.do(c.Leave("mamma"))
    away = away_now(session.state)
    assert [(a.party, a.how, a.since) for a in away] == [
        ("fk", "dropped", 90.0),
        ("mamma", "left", 120.0),
    ]
    # An absent party was never here: it is missing, not away.
    assert "af" not in {a.party for a in away}
    session.do(c.Rejoin("fk"))
    assert [a.party for a in away_now(session.state)] == ["mamma"]
