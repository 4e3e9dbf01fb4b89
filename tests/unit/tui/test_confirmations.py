"""Notices that say a change made in passing was stored (no app run)."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.tui.confirmations import confirmation
from tests.support.tui import live_session


def test_a_drop_and_a_question_answered_are_confirmed_in_words(tmp_path):
    session, clock = live_session(tmp_path)
    clock.advance(125)
    state = session.do(c.Drop("fk"))
    note = confirmation(c.Drop("fk"), state, "sv")
    assert note is not None and "Försäkringskassan" in note and "09:02" in note
    answered = c.SetQuestionStatus(1, "answered", text="Praktik hos AF")
    state = session.do(answered)
    assert confirmation(answered, state, "sv") == "Frågeställning 2 är markerad som besvarad."
    # A note shows itself in the log: no notice on top.
    assert confirmation(c.AddNote("Sam vill pröva praktik"), state, "sv") is None
