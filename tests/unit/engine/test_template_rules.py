"""Rules that follow the meeting type: who opens a part, huvudansvarig, closing, prompts, goals."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from starmote.engine import commands as c
from starmote.engine.allowed import allows, refusal
from starmote.engine.rules import round_order
from starmote.plan import resources
from starmote.plan.case import load_case
from starmote.plan.model import MeetingPlan
from tests.support.factories import make_plan
from tests.support.meeting import Meeting, checked_in


def avstamning() -> MeetingPlan:
    return load_case(resources.samples_dir() / "avstamning-rygg.toml")


def started(plan: MeetingPlan) -> Meeting:
    m = checked_in(Meeting(plan))
    m.do(c.NextPhase(), c.ConfirmConsent())
    return m


def to_last_part(m: Meeting) -> Meeting:
    while m.state.phase != len(m.plan.phases) - 1:
        m.wait(60).do(c.NextPhase())
    return m


def test_fk_says_why_an_avstamningsmote_is_held_then_the_person_speaks() -> None:
    m = started(avstamning())
    # The checklist says FK explains the meeting: FK has the first word, then the person.
    assert m.plan.phases[0].prompts_sv[1].startswith("Låt Försäkringskassan berätta")
    assert m.speaker() == "fk"
    assert m.state.queue[0] == "individ"
    m.wait(60).do(c.NextPhase())
    # Nuläge opens with the person, as its first prompt says.
    assert m.speaker() == "individ"


def test_the_person_who_does_not_want_the_first_word_speaks_last_after_fk() -> None:
    m = Meeting(
        replace(avstamning(), individual=replace(avstamning().individual, wants_first_word=False))
    )
    checked_in(m)
    assert round_order(m.state, 0) == ("fk", "arbetsgivare", "rehab", "individ")


def test_the_chair_s_order_keeps_the_plan_s_order_with_the_person_last() -> None:
    plan = make_plan()
    phases = tuple(replace(p, first="chair") for p in plan.phases)
    m = checked_in(Meeting(replace(plan, phases=phases)))
    assert round_order(m.state, 0) == ("kommun", "region", "fk", "af", "individ")


def test_no_huvudansvarig_where_the_meeting_type_names_none() -> None:
    m = started(avstamning())
    why = refusal(m.state, c.SetMainResponsible("fk"))
    assert why is not None and why.key == "engine.error.no_responsible_in_kind"
    to_last_part(m)
    m.wait(60).do(c.NextPhase())
    assert m.state.status == "closing"
    why = refusal(m.state, c.CloseMeeting())
    assert why is not None and why.key == "engine.error.close_missing_follow_up"
    m.do(c.SetFollowUp(m.plan.start + timedelta(days=42), 60, "Rum 3"))
    m.do(c.CloseMeeting())  # no reason asked: nothing is missing
    assert m.state.status == "closed" and m.state.close_reason == ""


def test_closing_after_the_last_part_ran_its_course_asks_no_reason() -> None:
    m = started(make_plan())
    m.do(
        c.SetMainResponsible("kommun"), c.SetFollowUp(m.plan.start + timedelta(days=42), 60, "Rum")
    )
    to_last_part(m)
    # Avslutning is on, its round not done yet: closing now is closing early.
    assert refusal(m.state, c.CloseMeeting()).key == "engine.error.close_early"  # type: ignore[union-attr]
    while m.state.turn is not None:
        m.wait(30).do(c.NextSpeaker())
    assert allows(m.state, c.CloseMeeting())
    m.wait(5).do(c.CloseMeeting())
    assert m.state.status == "closed" and m.state.close_reason == ""
    assert m.state.phases[-1].done


def test_a_prompt_naming_a_party_kind_not_in_the_meeting_cannot_be_ticked() -> None:
    m = started(avstamning())
    to_last_part(m)  # passes through Arbetsförmåga och åtgärder
    plan = m.plan
    af = plan.phases[2].prompts_sv.index("Vad kan Arbetsförmedlingen bidra med?")
    assert af not in plan.shown_prompts(2)
    assert plan.phases[2].prompt_parties[af] == "af"
    with_af = replace(
        plan, parties=plan.parties + (replace(plan.party("fk"), key="af", kind="af"),)
    )
    assert af in with_af.shown_prompts(2)
    m2 = started(avstamning())
    m2.wait(60).do(c.NextPhase())
    m2.wait(60).do(c.NextPhase())
    assert refusal(m2.state, c.TickPrompt(af)).key == "engine.error.bad_index"  # type: ignore[union-attr]
    m2.do(c.TickPrompt(af + 1))  # the prompt after it is shown, and ticks


def test_goals_only_for_the_horizons_of_the_meeting_type() -> None:
    m = started(avstamning())
    assert refusal(m.state, c.AddGoal).key == "engine.error.no_goals_in_kind"  # type: ignore[union-attr]
    short_only = started(replace(make_plan(), horizons=("short",)))
    short_only.do(c.AddGoal("short", "Två dagar praktik"))
    with pytest.raises(Exception) as err:
        short_only.do(c.AddGoal("long", "Arbete"))
    assert getattr(err.value, "key", "") == "engine.error.horizon_not_in_kind"


def test_notes_in_the_meeting_type_s_own_sections() -> None:
    m = started(avstamning())
    m.do(c.AddNote("25 % från 1 december", section="atergang"))
    assert m.state.notes[-1].section == "atergang"
    why = refusal(m.state, c.AddNote("x", section="behov"))
    assert why is not None and why.key == "engine.error.no_section"
