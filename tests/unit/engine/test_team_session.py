"""A STAR team session through the engine: cases in turn, each with its own consent and record."""

from __future__ import annotations

from dataclasses import replace

import pytest

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine.allowed import allows
from starmote.engine.rules import DomainError, fold
from starmote.plan.case import load_case
from starmote.plan.offers import load_offers
from starmote.plan.resources import sample_offers, samples_dir
from tests.support.meeting import Meeting

PERSON = "individ-t-03"


def session() -> Meeting:
    plan = load_case(samples_dir() / "star-team-januari.toml")
    return Meeting(replace(plan, offers=load_offers(sample_offers())))


@pytest.fixture
def m() -> Meeting:
    meeting = session()
    for key in ("fk", "ame", "forsorjning", "af"):
        meeting.do(c.CheckIn(key))
    meeting.do(c.MarkAbsent("psykiatri", notified=True, reason="vakans"))
    return meeting


def refused(m: Meeting, command: c.Command) -> str:
    with pytest.raises(DomainError) as caught:
        m.do(command)
    assert not allows(m.state, command)
    return caught.value.key


def to_case(m: Meeting, code: str) -> None:
    """Go on part by part (confirming consent where it is asked) until `code` is taken up."""
    while m.state.current_case != code:
        if m.state.consent_pending:
            m.do(c.ConfirmConsent())
        m.do(c.NextPhase())


def test_the_agenda_takes_fk_s_cases_in_fk_s_hour(m: Meeting) -> None:
    codes = [p.case_code for p in m.state.plan.phases if p.case_code]
    assert codes == ["T-01", "T-04", "T-02", "T-03"]


def test_consent_is_per_case_when_it_is_taken_up(m: Meeting) -> None:
    m.do(c.NextPhase())  # Inledning
    assert refused(m, c.ConfirmConsent()) == "engine.error.case_consent_not_now"
    m.do(c.NextPhase())  # T-01
    assert m.state.current_case == "T-01" and m.state.consent_pending
    assert refused(m, c.NextPhase()) == "engine.error.case_consent_required"
    assert refused(m, c.ConfirmConsent(case="T-04")) == "engine.error.case_consent_not_now"
    m.do(c.ConfirmConsent(scope="FK, AF"))
    assert m.state.consent_for("T-01").confirmed and m.state.consent is None
    m.do(c.NextPhase())  # T-04: its own consent, asked again
    assert m.state.consent_pending
    m.do(c.RecordConsentMissing(note="inte nåbar"))  # the case is then not discussed further
    m.do(c.NextPhase())  # T-02 is anonymised: no consent to ask for
    assert m.state.current_case == "T-02" and not m.state.consent_pending
    assert refused(m, c.ConfirmConsent()) == "engine.error.case_anonymised"


def test_entries_carry_their_case_and_notes_need_one(m: Meeting) -> None:
    m.do(c.NextPhase())
    assert refused(m, c.AddNote("Allmänt")) == "engine.error.case_needed"
    m.do(c.AddDecision("Utbudskartan ses över i mars", case=""))  # the team's own matter
    m.do(c.AddNote("Om T-04 inför ärendet", case="T-04"))
    to_case(m, "T-01")
    m.do(c.AddNote("AF har en plats i Stöd och matchning"), c.AddGoal("short", "Ansöka"))
    m.do(c.AddAction("Kontakt med arbetsgivare", "af", offer="af-stod-och-matchning"))
    assert [(n.case, n.text[:3]) for n in m.state.notes] == [("T-04", "Om "), ("T-01", "AF ")]
    assert m.state.goals[0].case == "T-01" and m.state.actions[0].case == "T-01"
    assert m.state.decisions[0].case == ""
    assert refused(m, c.AddNote("x", case="T-99")) == "engine.error.unknown_case"


def test_fk_leaves_after_its_hour_and_gets_no_more_turns(m: Meeting) -> None:
    to_case(m, "T-04")
    assert "fk" in (m.state.queue + ((m.state.turn.party,) if m.state.turn else ()))
    m.do(c.Leave("fk"))
    assert "fk" not in m.state.queue and (m.state.turn is None or m.state.turn.party != "fk")
    to_case(m, "T-02")
    assert "fk" not in m.state.queue and m.speaker() != "fk"
    assert ("fk" in m.state.missing_in(m.state.phase)) and m.state.attendance_of(
        "fk"
    ).presence == "left"


def test_the_person_attends_their_own_case_only(m: Meeting) -> None:
    assert refused(m, c.CheckIn(PERSON)) == "engine.error.case_person_not_now"
    to_case(m, "T-02")
    assert refused(m, c.CheckIn(PERSON)) == "engine.error.case_person_not_now"
    assert PERSON not in m.state.missing_in(m.state.phase)  # not missing from other cases
    to_case(m, "T-03")
    assert PERSON in m.state.missing_in(m.state.phase)
    m.do(c.CheckIn(PERSON))
    # They arrived after the round began and want the first word: they have it next.
    assert m.state.queue[0] == PERSON
    m.do(c.ConfirmConsent())
    m.do(c.NextPhase())  # T-03 ends: the person leaves with it
    assert m.state.attendance_of(PERSON).presence == "left"
    assert m.state.current_case == ""


def test_a_person_who_wants_the_first_word_has_it_next_when_they_arrive(m: Meeting) -> None:
    m.do(c.MoveCase("T-03", -1), c.MoveCase("T-03", -1), c.MoveCase("T-03", -1))
    to_case(m, "T-03")
    speaker, waiting = m.speaker(), m.state.queue
    m.do(c.CheckIn(PERSON))
    assert m.speaker() == speaker and m.state.queue == (PERSON, *waiting)


def test_cases_move_on_the_agenda_until_taken_up(m: Meeting) -> None:
    m.do(c.MoveCase("T-03", -1))
    assert [p.case_code for p in m.state.plan.phases if p.case_code] == [
        "T-01",
        "T-04",
        "T-03",
        "T-02",
    ]
    budgets = {
        p.case_code: clock.budget
        for p, clock in zip(m.state.plan.phases, m.state.phases, strict=True)
    }
    assert budgets["T-03"] == 45 * 60 and budgets["T-02"] == 40 * 60
    assert refused(m, c.MoveCase("T-01", -1)) == "engine.error.case_cannot_move"
    to_case(m, "T-01")
    assert refused(m, c.MoveCase("T-04", -1)) == "engine.error.case_taken_up"
    m.do(c.MoveCase("T-02", -1))  # two cases not yet taken up swap
    # The fold gives the same agenda from the stored events.
    assert fold(m.events).plan.phases == m.state.plan.phases


def test_questions_are_per_case(m: Meeting) -> None:
    to_case(m, "T-03")
    m.do(c.SetQuestionStatus(1, "answered"))
    assert m.state.question_statuses("T-03") == {1: "answered"}
    assert refused(m, c.SetQuestionStatus(1, "answered", case="T-01")) == "engine.error.bad_index"


def test_a_team_session_names_no_huvudansvarig_and_closes_without_follow_up(m: Meeting) -> None:
    assert refused(m, c.SetMainResponsible("ame")) == "engine.error.no_responsible_in_team"
    while m.state.status != "closing":
        to_case(m, m.state.current_case)  # settle consent where asked
        if m.state.consent_pending:
            m.do(c.ConfirmConsent())
        m.do(c.NextPhase())
    m.do(c.CloseMeeting())
    assert m.state.status == "closed"


def test_a_sip_journal_from_before_cases_folds_into_the_meeting_s_case() -> None:
    meeting = Meeting()
    meeting.do(c.CheckIn("kommun"), c.NextPhase(), c.ConfirmConsent())
    meeting.do(c.AddNote("Hej"), c.SetQuestionStatus(0, "answered"))
    old = []
    for event in meeting.events:
        # An event written before entries had a case has no such field.
        if hasattr(event, "case"):
            payload = {k: v for k, v in ev.to_payload(event).items() if k != "case"}
            event = ev.from_payload(event.kind, event.seq, event.t, event.wall.isoformat(), payload)
        old.append(event)
    state = fold(old)
    code = meeting.plan.case_code
    assert state.notes[0].case == code and state.consent is not None
    assert state.question_statuses(code) == {0: "answered"}


def test_fk_s_window_end_is_announced_before_and_after_it_passes(m: Meeting) -> None:
    from starmote.engine import timing

    start = timing.booked_start(m.state)
    m.at(start + 54 * 60)  # 09:54
    assert timing.windows_ending(m.state, m.t, 5 * 60) == ()
    m.at(start + 55 * 60)
    assert timing.windows_ending(m.state, m.t, 5 * 60) == (("fk", 300.0),)
    m.at(start + 61 * 60)
    assert timing.windows_ending(m.state, m.t, 5 * 60) == (("fk", -60.0),)
    m.do(c.Leave("fk"))
    assert timing.windows_ending(m.state, m.t, 5 * 60) == ()


def test_rebalancing_a_team_session_never_stretches_a_case(m: Meeting) -> None:
    from starmote.engine import timing

    m.at(timing.booked_start(m.state))
    to_case(m, "T-01")
    proposal = timing.propose_rebalance(m.state, m.t)
    assert all(new <= clock.budget for new, clock in zip(proposal, m.state.phases, strict=True))


def test_each_case_knows_who_was_there_and_when(m: Meeting) -> None:
    from starmote.engine import presence

    m.wait(60)
    to_case(m, "T-01")
    m.wait(20 * 60)
    to_case(m, "T-04")
    m.wait(10 * 60)
    m.do(c.Leave("fk"))  # FK's hour is over in the middle of T-04
    left_at = m.t
    m.wait(5 * 60)
    to_case(m, "T-02")
    t01 = dict(presence.in_case(m.state, "T-01"))
    t04 = dict(presence.in_case(m.state, "T-04"))
    t02 = dict(presence.in_case(m.state, "T-02"))
    assert set(t01) == set(t04) == {"fk", "ame", "forsorjning", "af"}
    assert t04["fk"][0].end == left_at  # FK only for part of T-04
    assert "fk" not in t02 and "psykiatri" not in t02  # FK had left; psykiatri never came
    assert presence.in_case(m.state, "T-03") == ()  # not taken up yet


def test_a_check_in_corrected_or_undone_before_the_start() -> None:
    from starmote.engine import presence

    meeting = session()
    meeting.do(c.CheckIn("ame", "phone"), c.CheckIn("ame", "video"))  # corrected: video
    meeting.do(c.CheckIn("fk"), c.MarkAbsent("fk", notified=True))  # a mistake: absent
    meeting.do(c.NextPhase())
    here = dict(presence.in_meeting(meeting.state))
    assert [s.mode for s in here["ame"]] == ["video"] and "fk" not in here


def test_moving_no_case_is_refused_and_does_not_crash(m: Meeting) -> None:
    # "" is no case (the opening and closing parts have none): asked as the agenda's
    # cursor stands on the opening, it is an unknown case, not the opening's index.
    assert m.state.phase_of_case("") is None
    assert refused(m, c.MoveCase("", 1)) == "engine.error.unknown_case"


def test_a_corrected_note_keeps_its_part_its_speaker_and_its_time(m: Meeting) -> None:
    to_case(m, "T-01")
    speaker = m.speaker()
    m.do(c.AddNote("AF har en plats", party=c.SPEAKER))
    [note] = m.state.notes
    m.wait(30 * 60)
    to_case(m, "")  # corrected in the closing part, half an hour later
    m.do(c.Correct(note.id, c.AddNote("AF har två platser", case="T-01")))
    [fixed] = m.state.notes
    assert (fixed.text, fixed.case) == ("AF har två platser", "T-01")
    assert (fixed.phase, fixed.party, fixed.at) == (note.phase, speaker, note.at)
    assert note.id in m.state.retracted
    assert fold(m.events).notes == m.state.notes  # the same from the stored events
