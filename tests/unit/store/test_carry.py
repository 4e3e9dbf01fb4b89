"""A follow-up from a held meeting: what it carries, and that it needs nothing of the old one."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

from starmote.engine.fold import fold
from starmote.plan.case import load_case
from starmote.plan.casedata import to_data
from starmote.plan.files import validate_file
from starmote.plan.resources import templates_dir
from starmote.plan.template import load_template
from starmote.plan.writer import dumps
from starmote.store.carry import follow_up_draft, previous_of
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session, load_events
from tests.support.followup import MEETING_ID, hold_meeting

SIP = load_template(templates_dir() / "motescirkel-sip.toml")
TODAY = date(2027, 1, 10)


def test_the_goals_the_insatser_and_what_was_left_open_are_carried(tmp_path):
    state = hold_meeting(tmp_path).state
    previous = previous_of(state)
    assert previous.meeting == MEETING_ID and previous.date == date(2026, 12, 3)
    assert [(g.horizon, g.text) for g in previous.goals] == [
        ("short", "Sam har ett eget boende före sommaren"),
        ("long", "Arbete på deltid"),
    ]
    # The retracted line is gone, the corrected one has its new text.
    assert [(a.what, a.owner, a.due, a.how_often) for a in previous.insatser] == [
        ("Ansöka om boendestöd", "socialtjanst", date(2027, 1, 15), "en gång"),
        ("Praktik via AME", "samcoach", None, "två dagar i veckan"),
        ("Söka tre jobb", "individ", date(2027, 1, 31), ""),
    ]
    # Whose each insats is, in words that outlive the old plan.
    assert [a.owner_name for a in previous.insatser] == [
        "Exempelby kommun, socialtjänsten (Vuxenenheten) (Aisha Karlsson)",
        "Exempelby kommun, AME (Tove Ström)",
        "Sam L.",
    ]
    assert [(p.text, p.for_party) for p in previous.parked] == [
        ("Kan AF erbjuda ett arbetsmarknadsprogram?", "af")
    ]
    # The answered question stays behind; the deferred and the untouched ones come along.
    assert [(q.text, q.status) for q in previous.open_questions] == [
        ("Vilken sysselsättning eller vilket arbete kan Sam pröva under våren?", "deferred"),
        ("Hur ska försörjningen se ut när sjukpenningen upphör?", "open"),
    ]
    # Why it was put off comes along, so the follow-up knows what it waits for.
    assert [q.reason for q in previous.open_questions] == ["Läkaren behöver tillfrågas först", ""]


def test_an_insats_the_chair_owns_carries_the_chair_s_name(tmp_path):
    from starmote.engine import commands as c
    from starmote.engine.state import CHAIR
    from tests.support.tui import live_session

    session, _ = live_session(tmp_path)
    session.do(c.AddAction("Skicka frågan till FK via säker kanal", CHAIR))
    (carried,) = [a for a in previous_of(session.state).insatser if a.owner == CHAIR]
    assert carried.owner_name == session.state.plan.chair.name == "Maria Ek"


def test_the_follow_up_takes_its_booked_time_and_place_and_the_open_questions(tmp_path):
    state = hold_meeting(tmp_path).state
    draft = follow_up_draft(state)
    assert (draft.when, draft.duration, draft.place) == (
        "2027-02-04 13:00",
        "60",
        "Socialkontoret, rum Ån",
    )
    assert draft.video_link == ""  # the old meeting's link was for the old meeting
    assert draft.template == "motescirkel-sip" and draft.code == "SIP-2026-031"
    assert [p.key for p in draft.parties] == [
        "socialtjanst",
        "psykiatri",
        "fk",
        "af",
        "samcoach",
        "mamma",
    ]
    assert all(p.brings == "" for p in draft.parties)  # asked of the last meeting
    assert draft.questions.splitlines() == [q.text for q in previous_of(state).open_questions]
    assert draft.previous == previous_of(state)


def test_the_follow_up_case_works_after_the_old_meeting_is_gone(tmp_path):
    held = tmp_path / "held"
    state = hold_meeting(held).state
    case = tmp_path / "follow-up.toml"
    case.write_text(dumps(to_data(follow_up_draft(state), SIP, TODAY)), encoding="utf-8")
    assert validate_file(case) == []
    shutil.rmtree(held)  # the old journal purged, every meeting in it gone
    plan = load_case(case)
    assert plan.previous == previous_of(state)
    fresh = tmp_path / "fresh"
    session = Session.start(Journal.open(fresh), plan, FakeClock(), meeting_id="follow-up")
    stored = fold(load_events(session.journal, "follow-up"))
    assert stored.plan.previous == plan.previous
    assert replace(stored.plan, source="") == replace(plan, source="")


def test_a_team_sessions_follow_up_keeps_each_item_with_its_case(tmp_path):
    from datetime import UTC, datetime

    from starmote.engine import commands as c
    from starmote.plan.resources import samples_dir

    plan = load_case(samples_dir() / "star-team-januari.toml")
    clock = FakeClock(wall0=datetime(2027, 1, 14, 8, 0, tzinfo=UTC))
    session = Session.start(Journal.open(tmp_path), plan, clock, meeting_id="team-1")
    for party in plan.parties:
        if not party.case:  # a case's person checks in when their case comes up
            session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    clock.advance(300)
    session.do(c.NextPhase())
    first = session.state.current_case
    session.do(c.ConfirmConsent())
    session.do(c.AddGoal("short", "Kontakt med vården"))
    session.do(c.AddAction("Ringa vårdcentralen", "psykiatri"))
    session.do(c.SetQuestionStatus(0, "answered"))
    draft = follow_up_draft(session.state)
    assert draft.previous is not None
    assert [(g.text, g.case) for g in draft.previous.goals] == [("Kontakt med vården", first)]
    assert [(a.owner, a.case) for a in draft.previous.insatser] == [("psykiatri", first)]
    assert first not in {q.case for q in draft.previous.open_questions}
    kinds = {case.code: case.kind for case in draft.team_cases}
    assert kinds[first] == "uppfoljning"
    assert [kinds[p.code] for p in plan.team_cases if p.code != first] == [
        p.kind for p in plan.team_cases if p.code != first
    ]
    draft.when = "2027-02-11 09:00"
    team = load_template(templates_dir() / "star-team.toml")
    case = tmp_path / "team.toml"
    case.write_text(dumps(to_data(draft, team, date(2027, 1, 20))), encoding="utf-8")
    assert validate_file(case) == []
    assert load_case(case).previous == draft.previous
