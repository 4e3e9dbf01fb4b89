"""Issue #12 in the engine: who may own an insats, proposed insatser, notes, questions,
turns shared out again, a pass offered the word again, and older journals still folding."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine import timing
from starmote.engine.allowed import allows, round_done, still_to_speak
from starmote.engine.rules import DomainError, fold
from starmote.engine.state import CHAIR, NOTE_TAKER, open_questions
from starmote.plan.model import Person
from tests.support.factories import make_plan
from tests.support.meeting import Meeting, checked_in


def running(*absent: str, **plan: object) -> Meeting:
    m = checked_in(Meeting(make_plan(**plan) if plan else None), *absent)
    m.do(c.NextPhase(), c.ConfirmConsent())
    return m


# --- who does what -------------------------------------------------------------------


def test_the_chair_and_the_note_taker_can_own_an_insats() -> None:
    m = running(note_taker=Person("Jonas Lind"))
    m.do(c.AddAction("Skicka frågan till FK via säker e-post", CHAIR))
    m.do(c.AddAction("Boka lokal för uppföljningen", NOTE_TAKER))
    assert [a.owner for a in m.state.actions] == [CHAIR, NOTE_TAKER]
    assert not any(a.proposed for a in m.state.actions)  # they are here: decided


def test_without_a_note_taker_nobody_owns_as_one_and_unknown_owners_are_refused() -> None:
    m = running()
    for owner in (NOTE_TAKER, "Maria Ek", "@someone"):
        with pytest.raises(DomainError) as err:
            m.do(c.AddAction("Ringa", owner))
        assert err.value.key == "engine.error.unknown_party"


def test_an_insats_for_a_party_that_is_not_here_is_proposed_until_confirmed() -> None:
    m = running("fk")
    m.do(c.Drop("af"))  # AF's phone line drops
    m.do(c.AddAction("Arbetsträning", "af"), c.AddAction("Utreda ersättning", "fk"))
    m.do(c.AddAction("Boendestöd", "kommun"))
    assert [a.proposed for a in m.state.actions] == [True, True, False]
    # The chair may say otherwise either way.
    m.do(c.AddAction("Läkarintyg", "region", proposed=True))
    m.do(c.AddAction("Ansöka om sjukpenning", "fk", proposed=False))
    assert [a.proposed for a in m.state.actions[3:]] == [True, False]
    # AF is back and confirms: decided from now on, with the time it was confirmed.
    m.wait(120).do(c.Rejoin("af"))
    af = m.state.actions[0]
    assert allows(m.state, c.ConfirmAction(af.id))
    m.do(c.ConfirmAction(af.id))
    confirmed = m.state.actions[0]
    assert not confirmed.proposed and confirmed.confirmed_at is not None
    assert confirmed.confirmed_at.t == m.t
    with pytest.raises(DomainError) as err:
        m.do(c.ConfirmAction(af.id))
    assert err.value.key == "engine.error.already_decided"


# --- notes -----------------------------------------------------------------------------


def test_a_note_is_the_parts_unless_the_chair_says_whose() -> None:
    m = running()
    assert m.speaker() == "individ"
    m.do(c.AddNote("Personen deltar i arbetsträning"))  # said while the individual speaks
    m.do(c.AddNote("Hon har börjat i arbetsträning", party=c.SPEAKER))
    m.do(c.AddNote("Jag skickar frågan", party=CHAIR))
    m.do(c.AddNote("Vi har ett boende", party="kommun"))
    assert [n.party for n in m.state.notes] == [None, "individ", CHAIR, "kommun"]
    # Corrected: whose it is stays unless the correction says so; it can become the part's.
    first, second = m.state.notes[0], m.state.notes[1]
    m.do(c.Correct(second.id, c.AddNote("Hon har börjat i arbetsträning i mars")))
    m.do(c.Correct(first.id, c.AddNote("Personen deltar i arbetsträning", party="region")))
    by_text = {n.text: n.party for n in m.state.notes}
    assert by_text["Hon har börjat i arbetsträning i mars"] == "individ"
    assert by_text["Personen deltar i arbetsträning"] == "region"
    fixed = next(n for n in m.state.notes if n.party == "region")
    m.do(c.Correct(fixed.id, c.AddNote(fixed.text, party=c.GENERAL)))
    assert next(n for n in m.state.notes if n.text == fixed.text).party is None
    # And taken back.
    m.do(c.Retract(m.state.notes[0].id, "fel"))
    assert len(m.state.notes) == 3


# --- frågeställningar --------------------------------------------------------------------


def test_an_answered_question_carries_its_answer_a_deferred_one_its_reason() -> None:
    m = running()
    m.do(c.SetQuestionStatus(0, "answered", text="Praktik via AME från februari"))
    with pytest.raises(DomainError) as err:
        m.do(c.SetQuestionStatus(1, "deferred"))
    assert err.value.key == "engine.error.deferred_needs_reason"
    m.do(c.SetQuestionStatus(1, "deferred", text="Regionen var inte här"))
    code = m.state.plan.case_code
    assert m.state.question_texts(code) == {
        0: "Praktik via AME från februari",
        1: "Regionen var inte här",
    }
    [waiting] = open_questions(m.state)
    assert (waiting.case, waiting.index, waiting.reason) == (code, 1, "Regionen var inte här")
    assert waiting.question == "Vem samordnar vården?"
    m.do(c.SetQuestionStatus(1, "open"))  # taken up after all: no longer deferred, no reason
    assert open_questions(m.state) == () and 1 not in m.state.question_texts(code)


# --- turns ---------------------------------------------------------------------------------


def test_a_turn_is_shared_out_again_when_a_party_joins_or_leaves_the_round() -> None:
    m = running("fk")  # Inledning, 360 s: individ, kommun, region, af → 90 s each
    assert m.state.turn.budget == 90
    m.wait(30).do(c.CheckIn("fk"))  # FK arrives late: five to share what is left
    assert m.state.queue[-1] == "fk"
    # The speaker has used 30 s; 330 s are left for five: 30 + 66.
    assert m.state.turn.budget == pytest.approx(30 + 330 / 5)
    m.do(c.Leave("region"))
    assert m.state.turn.budget == pytest.approx(30 + 330 / 4)
    m.do(c.Drop("af"))
    m.wait(10).do(c.Rejoin("af"))
    assert m.state.turn.budget == pytest.approx(40 + 320 / 4)


def test_one_who_passed_is_offered_the_word_again_before_the_round_is_done() -> None:
    m = running()  # individ, kommun, region, fk, af
    m.wait(10).do(c.SkipSpeaker())  # the individual passes
    assert "individ" in still_to_speak(m.state)
    for _ in range(3):
        m.wait(20).do(c.NextSpeaker())
    assert m.speaker() == "af" and not round_done(m.state)
    m.wait(20).do(c.NextSpeaker())
    assert m.speaker() == "individ"  # offered the word once more
    m.wait(5).do(c.SkipSpeaker())  # and passes again: that is their answer
    assert m.speaker() is None and round_done(m.state)
    with pytest.raises(DomainError) as err:
        m.do(c.NextSpeaker())
    assert err.value.key == "engine.error.round_done"


def test_the_last_in_line_who_passes_ends_the_round() -> None:
    m = running()
    for _ in range(4):
        m.wait(20).do(c.NextSpeaker())
    assert m.speaker() == "af"
    m.do(c.SkipSpeaker())
    assert m.speaker() is None and round_done(m.state)


# --- older journals -------------------------------------------------------------------------


def test_events_written_before_these_fields_still_fold() -> None:
    m = running("fk")
    m.do(c.AddAction("Arbetsträning", "fk"))
    m.do(c.SetQuestionStatus(0, "answered", text="Ja"))
    m.wait(600).do(c.NextPhase())  # Inledning ran 4 minutes over
    m.wait(60).do(c.Rebalance(timing.propose_rebalance(m.state, m.t)))
    assert m.events[-2].applied == (1, 2, 3, 4)
    new_fields = {"proposed", "text", "applied"}
    old = []
    for e in m.events:
        payload = json.loads(json.dumps(ev.to_payload(e), ensure_ascii=False))
        if isinstance(e, (ev.ActionAdded, ev.QuestionStatusSet, ev.Rebalanced)):
            payload = {k: v for k, v in payload.items() if k not in new_fields}
        if isinstance(e, ev.TurnBudgetSet):
            continue  # an older engine did not write it
        old.append(ev.from_payload(e.kind, e.seq, e.t, e.wall.isoformat(), payload))
    state = fold(old)
    [action] = state.actions
    assert action.proposed is False  # what an older journal recorded was decided
    assert state.question_statuses(state.plan.case_code) == {0: "answered"}
    assert state.question_texts(state.plan.case_code) == {}
    # The parts a rebalance applied to are those not ended then: all but Inledning.
    [(_, applied)] = state.rebalance_log
    assert applied == (1, 2, 3, 4)
    assert replace(state, rebalance_log=()).rebalances == 1
