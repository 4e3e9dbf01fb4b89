"""Attendance in the minutes read from the presence spans: away for part of a part is missing."""

from __future__ import annotations

from starmote.documents.minutes import minutes_markdown
from starmote.engine import commands as c
from starmote.engine.presence import away_in_phases, gaps, spans
from tests.support.tui import new_session


def test_a_party_away_for_part_of_a_phase_is_missing_there_with_the_times(tmp_path):
    session, clock = new_session(tmp_path)
    plan = session.state.plan
    for party in plan.parties:
        session.do(c.CheckIn(party.key))
    clock.advance(60)
    session.do(c.Leave("mamma"))  # came, then went before the meeting began
    clock.advance(240)
    session.do(c.NextPhase())  # Inledning from 09:05
    session.do(c.ConfirmConsent())
    clock.advance(300)
    session.do(c.Leave("fk"))  # 09:10, away two minutes of Inledning
    clock.advance(120)
    session.do(c.Rejoin("fk"))
    clock.advance(180)
    session.do(c.NextPhase())  # Aktuell situation from 09:15
    clock.advance(60)
    session.do(c.Drop("af"))  # 09:16, not back
    state = session.state
    assert gaps(spans(state.attendance_of("fk")), 300.0, 900.0) == ((600.0, 720.0),)
    assert [(p, i) for p, i, _ in away_in_phases(state)] == [("fk", 0), ("af", 1)]

    text = minutes_markdown(state, session.now().wall)
    missing = text.split("### Perspektiv som saknas")[1].split("###")[0]
    assert "- Försäkringskassan (Lena Berg): saknades en del av Inledning (09:10–09:12)." in missing
    af = "- Arbetsförmedlingen (Omar Nilsson): saknades en del av Aktuell situation (09:16–)."
    assert af in missing
    # Checked in, gone before the first part: not at the meeting, so its view is missing.
    assert "- Närstående (Eva L.): perspektivet saknas i mötet." in missing
    gone = text.split("### Gick innan mötet började")[1].split("###")[0]
    assert "- Närstående (Eva L.), mamma: på plats från 09:00; lämnade 09:01" in gone
    present = text.split("### Närvarande")[1].split("###")[0]
    assert "Närstående" not in present
    assert "Försäkringskassan (Lena Berg), handläggare: på plats från 09:00; lämnade 09:10;" in (
        present
    )
