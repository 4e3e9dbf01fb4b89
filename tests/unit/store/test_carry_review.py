"""A follow-up of a follow-up: a question parked two meetings back waits until it is answered."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.store.carry import previous_of
from tests.support.meeting import Meeting, checked_in
from tests.support.review import follow_up_plan


def test_a_parked_question_kept_open_is_carried_again_and_an_answered_one_is_not() -> None:
    m = checked_in(Meeting(follow_up_plan()), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    m.do(c.ParkQuestion("Kan FK delta nästa gång?", "fk"))
    m.do(c.ReviewPrevious("parked", 0, "kept", "FK var inte med"))
    assert [(p.text, p.for_party) for p in previous_of(m.state).parked] == [
        ("Kan FK bevilja rehabiliteringsersättning?", "fk"),
        ("Kan FK delta nästa gång?", "fk"),
    ]
    m.do(c.ReviewPrevious("parked", 0, "answered", "Ja"))
    assert [p.text for p in previous_of(m.state).parked] == ["Kan FK delta nästa gång?"]
