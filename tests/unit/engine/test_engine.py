"""The engine played through whole meetings with a fake clock; exact figures."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine import timing
from starmote.engine.rules import DomainError, fold
from starmote.plan.model import INDIVIDUAL, STOCKHOLM
from tests.support.factories import make_plan
from tests.support.meeting import Meeting, checked_in


def test_budgets_follow_the_template_shares() -> None:
    assert make_plan(60).phase_budgets() == (360, 720, 1620, 540, 360)
    assert make_plan(90).phase_budgets() == (540, 1080, 2430, 810, 540)
    assert make_plan(180).phase_budgets() == (1080, 2160, 4860, 1620, 1080)
    # Rounding never loses a second: budgets always sum to the booked time.
    assert sum(make_plan(47).phase_budgets()) == 47 * 60


def test_round_order_individual_first_and_absent_fk_missing() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase())
    assert m.speaker() == "individ"
    assert m.state.queue == ("kommun", "region", "af")
    assert m.state.turn.budget == 90.0  # 360 s / 4 present speakers
    assert m.state.missing == ((0, "fk"),)
    assert m.state.attendance_of("fk").notified is False


def test_individual_who_does_not_want_first_word_speaks_last() -> None:
    m = checked_in(Meeting(make_plan(wants_first_word=False)))
    m.do(c.NextPhase())
    assert m.speaker() == "kommun"
    assert m.state.queue == ("region", "fk", "af", "individ")


def test_turn_budget_is_what_remains_of_the_phase_over_speakers_left() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase())
    m.wait(100).do(c.NextSpeaker())  # individ spoke 100 s of a 90 s budget
    assert m.speaker() == "kommun"
    assert m.state.turn.budget == pytest.approx((360 - 100) / 3)
    m.wait(60).do(c.NextSpeaker())
    assert m.state.turn.budget == pytest.approx((360 - 160) / 2)
    assert timing.turn_remaining(m.state, m.t + 30) == pytest.approx(100 - 30)
    assert [s.used for s in m.state.spoken] == [100.0, 60.0]


def test_consent_gate_blocks_leaving_inledning() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase())
    with pytest.raises(DomainError) as err:
        m.wait(300).do(c.NextPhase())
    assert err.value.key == "engine.error.consent_required"
    assert m.state.phase == 0
    m.do(c.ConfirmConsent(scope="kommun, region, FK, AF"))
    m.do(c.NextPhase())
    assert m.state.phase == 1
    assert m.state.consent.confirmed and m.state.consent.scope == "kommun, region, FK, AF"


def test_illegal_commands_name_what_is_wrong() -> None:
    m = Meeting()
    with pytest.raises(DomainError) as err:
        m.do(c.NextSpeaker())
    assert err.value.key == "engine.error.not_running"
    with pytest.raises(DomainError) as err:
        m.do(c.AddAction("Boka läkartid", owner="skolan"))
    assert err.value.key == "engine.error.unknown_party"
    assert "skolan" in str(err.value)
    assert "skolan" in err.value.message("sv")
    with pytest.raises(DomainError) as err:
        m.do(c.AddNote("   "))
    assert err.value.key == "engine.error.empty"
    with pytest.raises(DomainError) as err:
        m.do(c.CheckIn("kommun", "hologram"))  # type: ignore[arg-type]
    assert err.value.key == "engine.error.bad_mode"
    with pytest.raises(DomainError) as err:
        m.do(c.CloseMeeting())
    assert err.value.key == "engine.error.close_early"
    with pytest.raises(DomainError) as err:
        m.do(c.NextPhase())  # nobody checked in yet
    assert err.value.key == "engine.error.nobody_present"
    with pytest.raises(DomainError) as err:
        m.do(c.NoteSubstitute("individ", "Någon annan"))
    assert err.value.key == "engine.error.no_substitute_individual"
    # A refused command changes nothing.
    assert m.state.last_seq == 1 and len(m.events) == 1


def test_three_hour_meeting_on_time_to_the_second() -> None:
    m = checked_in(Meeting(make_plan(180)))
    m.do(c.NextPhase(), c.ConfirmConsent(scope="alla"))
    budgets = make_plan(180).phase_budgets()
    order = ("individ", "kommun", "region", "fk", "af")
    for phase, budget in enumerate(budgets):
        assert m.state.phase == phase
        for i, party in enumerate(order):
            assert m.speaker() == party
            assert m.state.turn.budget == pytest.approx(budget / 5)
            assert timing.projected_end(m.state, m.t) == pytest.approx(10800)
            m.wait(budget / 5)
            if i < len(order) - 1:
                m.do(c.NextSpeaker())
        assert timing.phase_remaining(m.state, m.t) == pytest.approx(0)
        m.do(c.NextPhase())
    assert m.state.status == "closing"
    assert m.t == pytest.approx(10800)
    assert timing.elapsed(m.state, m.t) == pytest.approx(3 * 3600)
    assert len(m.state.spoken) == 25
    assert [s.party for s in m.state.spoken[:5]] == list(order)
    assert all(s.used == pytest.approx(s.budget) for s in m.state.spoken)
    assert [p.used for p in m.state.phases] == pytest.approx(list(budgets))


def test_overrun_is_rebalanced_to_end_on_time_with_behov_floor() -> None:
    m = checked_in(Meeting(), "fk")  # 60 min: 360/720/1620/540/360
    m.do(c.NextPhase(), c.ConfirmConsent())
    m.at(660).do(c.NextPhase())  # Inledning took 11 min instead of 6
    m.at(1800)  # Aktuell situation has run 1140 s of 720: 7 min over
    assert timing.phase_remaining(m.state, m.t) == pytest.approx(-420)
    assert timing.projected_end(m.state, m.t) == pytest.approx(1800 + 1620 + 540 + 360)
    proposal = timing.propose_rebalance(m.state, m.t)
    # 1800 s are left. Aktuell is over, so it claims nothing more; Behov would
    # get 1800*45/70 = 1157 s, below its 30 % floor (1080 s)? No: above it, so
    # the shares hold: 1157 / 386 / 257 s, which make 19:17 / 6:26 / 4:17. The proposal
    # is whole minutes that add up to the 49 minutes shared (largest remainder), so what
    # the dialog shows is what is applied: 19 / 19 / 7 / 4.
    assert proposal == (360.0, 1140.0, 1140.0, 420.0, 240.0)
    m.do(c.Rebalance(proposal))
    assert m.state.rebalances == 1
    assert timing.projected_end(m.state, m.t) == pytest.approx(3600)
    with pytest.raises(DomainError) as err:
        m.do(c.Rebalance((360.0, 1140.0, 900.0, 900.0, 300.0)))
    assert err.value.key == "engine.error.below_floor"


def test_rebalance_never_cuts_behov_below_its_floor() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    m.at(900).do(c.NextPhase())
    m.at(2400).do(c.NextPhase())  # Behov starts 40 minutes in; 20 remain
    proposal = timing.propose_rebalance(m.state, m.t)
    # By shares Behov would get 1200*45/70 = 771 s; the floor (30 % of 60 min) holds,
    # and Sammanfattning/Avslutning share the 120 s left, 15:10 (1.2 and 0.8 minutes: one each).
    assert proposal[2:] == (1080.0, 60.0, 60.0)
    full = timing.rebalance_proposal(m.state, m.t)
    assert full.floored == (2,)
    assert full.pro_rata[2] == pytest.approx(1200 * 45 / 70)
    m.do(c.Rebalance(proposal))
    assert timing.projected_end(m.state, m.t) == pytest.approx(3600)
    # The turn under way is shared out again: Behov's 1080 s among the four to speak.
    assert m.state.turn.budget == pytest.approx(1080 / 4)


def test_late_opening_shows_in_projected_end() -> None:
    m = checked_in(Meeting(opened_late_s=300))
    assert m.state.booked_end == pytest.approx(3300)
    assert timing.projected_end(m.state, 0) == pytest.approx(3600)
    assert timing.wall_at(m.state, 3600) == datetime(2026, 12, 3, 10, 5, tzinfo=STOCKHOLM)
    proposal = timing.propose_rebalance(m.state, 0)
    assert sum(proposal) == pytest.approx(3300, abs=2)


def test_party_leaves_and_rejoins() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase(), c.ConfirmConsent())
    m.wait(360).do(c.NextPhase())  # Aktuell: individ, kommun, region, fk, af
    m.wait(100).do(c.NextSpeaker())
    m.wait(100).do(c.NextSpeaker())
    assert m.speaker() == "region"
    m.wait(20).do(c.Leave("region"))  # leaves mid-turn
    assert m.speaker() is None
    assert m.state.attendance_of("region").presence == "left"
    m.do(c.NextSpeaker())
    assert m.speaker() == "fk"
    m.do(c.Drop("af"))  # the phone line drops before AF's turn
    assert m.state.queue == ()
    m.wait(30).do(c.Rejoin("af"))
    assert m.state.queue == ("af",)
    assert m.state.attendance_of("af").mode == "phone"
    m.wait(60).do(c.NextSpeaker())
    assert m.speaker() == "af"
    m.wait(60).do(c.NextPhase())  # Behov
    assert "region" not in m.state.queue
    assert (2, "region") in m.state.missing
    m.wait(10).do(c.CheckIn("region", "video"))  # comes back: a rejoin, joins the round
    assert m.state.queue[-1] == "region"
    log = [(x.what, x.at.t) for x in m.state.attendance_of("region").log]
    assert log == [("checked_in", 0.0), ("left", 580.0), ("rejoined", 740.0)]
    drops = [(x.what, x.at.t) for x in m.state.attendance_of("af").log]
    assert drops == [("checked_in", 0.0), ("dropped", 580.0), ("rejoined", 610.0)]


def test_late_arrival_joins_the_round_and_is_stamped() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    m.wait(200).do(c.CheckIn("fk", "video"))
    att = m.state.attendance_of("fk")
    assert att.late and att.presence == "present"
    assert att.log[-1].what == "late" and att.log[-1].at.t == 200
    assert m.state.queue == ("kommun", "region", "af", "fk")
    # Waiting for the word: no longer shown as missing, but not yet heard either.
    assert ("fk" not in m.state.missing_in(0)) and (0, "fk") in m.state.missing
    while m.speaker() != "fk":
        m.wait(60).do(c.NextSpeaker())
    assert (0, "fk") not in m.state.missing
    m.do(c.NextSpeaker(), c.NextPhase())
    assert m.state.missing_in(1) == ()


def test_a_late_party_heard_in_a_later_part_is_missing_only_where_it_was() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    while m.state.turn or m.state.queue:
        m.wait(60).do(c.NextSpeaker())
    m.wait(10).do(c.CheckIn("fk", "phone"))  # the round is over: fk is not heard here
    m.do(c.NextPhase())
    assert (0, "fk") in m.state.missing and "fk" in m.state.queue + (m.speaker(),)
    assert [p for (ph, p) in m.state.missing if ph == 1] == []


def test_substitute_counts_as_present() -> None:
    m = Meeting()
    m.do(c.NoteSubstitute("fk", "Ola Ersättare", "video"))
    att = m.state.attendance_of("fk")
    assert att.presence == "present" and att.substitute == "Ola Ersättare" and not att.late


def test_skip_back_extend_jump() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase())
    m.wait(10).do(c.SkipSpeaker())
    assert m.state.spoken[-1].skipped and m.speaker() == "kommun"
    m.wait(50).do(c.BackSpeaker())  # back to the individual, their 10 s still count
    assert m.speaker() == "individ"
    assert m.state.queue[0] == "kommun"
    assert m.state.turn.used_before == 10
    assert [s.party for s in m.state.spoken] == ["kommun"]
    m.wait(5).do(c.ExtendTurn(60))
    assert m.state.turn.budget == pytest.approx(90 + 60)
    assert timing.turn_remaining(m.state, m.t) == pytest.approx(150 - 15)
    m.do(c.JumpTo("af"))
    assert m.speaker() == "af" and m.state.queue == ("kommun", "region")
    with pytest.raises(DomainError):
        m.do(c.JumpTo("fk"))  # absent


def test_pause_stops_turn_and_phase_clocks_but_not_the_room() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase())
    m.wait(30).do(c.Pause())
    before = timing.projected_end(m.state, m.t)
    m.wait(300)
    assert timing.turn_remaining(m.state, m.t) == pytest.approx(72 - 30)
    assert timing.projected_end(m.state, m.t) == pytest.approx(before + 300)
    assert timing.elapsed(m.state, m.t) == pytest.approx(330)
    with pytest.raises(DomainError) as err:
        m.do(c.NextSpeaker())
    assert err.value.key == "engine.error.paused"
    m.do(c.Resume())
    m.wait(12)
    assert timing.turn_remaining(m.state, m.t) == pytest.approx(72 - 42)
    assert m.state.pauses == ((30.0, 330.0),)


def test_capture_retract_and_close() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    m.do(c.AddNote("Sam vill börja med praktik", party=c.SPEAKER))
    assert m.state.notes[0].party == "individ" and m.state.notes[0].phase == 0
    wrong = m.do(c.AddNote("Fel rad", party="kommun"))[0].seq
    m.do(c.Retract(wrong, "fel person"))
    assert [n.text for n in m.state.notes] == ["Sam vill börja med praktik"]
    assert wrong in m.state.retracted
    m.do(c.AddGoal("short", "Två dagar praktik i veckan"), c.AddGoal("long", "Arbete på halvtid"))
    m.do(c.AddAction("Ordna praktikplats", "af", date(2026, 12, 17), "en gång"))
    with pytest.raises(DomainError) as err:
        m.do(c.AddAction("Gammalt", "af", date(2026, 1, 1)))
    assert err.value.key == "engine.error.due_in_past"
    m.do(c.AddDecision("AF tar fram praktikplats"))
    m.do(c.ParkQuestion("Kan sjukpenningen förlängas?", "fk"))
    with pytest.raises(DomainError):
        m.do(c.ParkQuestion("Fråga", "kommun"))  # present: ask directly
    for _ in range(5):
        try:
            m.wait(60).do(c.NextPhase())
        except DomainError:
            break
    assert m.state.status == "closing"
    with pytest.raises(DomainError) as err:
        m.do(c.CloseMeeting())
    assert err.value.key == "engine.error.close_missing_both"
    m.do(c.SetMainResponsible("kommun", asked_individual=True))
    assert m.state.main_responsible.person == "Eva Ek"
    with pytest.raises(DomainError):
        m.do(c.SetMainResponsible("individ"))
    start = datetime(2027, 1, 14, 9, 0, tzinfo=STOCKHOLM)
    m.do(c.SetFollowUp(start, 60, "Kommunhuset", convener="kommun"))
    uid = m.state.follow_up.uid
    m.do(c.SetFollowUp(start + timedelta(days=7), 60, "Kommunhuset", convener="kommun"))
    assert m.state.follow_up.uid == uid and m.state.follow_up.sequence == 1
    m.do(c.GiveFeedback("Jag blev lyssnad på."))
    m.do(c.CloseMeeting())
    assert m.state.status == "closed" and m.state.closed.t == m.t
    with pytest.raises(DomainError) as err:
        m.do(c.AddNote("efteråt"))
    assert err.value.key == "engine.error.closed"
    assert len(m.state.goals) == 2 and len(m.state.actions) == 1
    assert m.state.parked[0].for_party == "fk"


def test_correcting_an_entry_replaces_it_or_leaves_it_untouched() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    first = m.do(c.AddAction("Ordna praktik", "af", date(2026, 12, 17)))[0].seq
    events = m.do(c.Correct(first, c.AddAction("Ordna praktikplats", "af", date(2026, 12, 18))))
    assert [e.kind for e in events] == ["action_added", "entry_retracted"]
    assert [(a.what, a.due) for a in m.state.actions] == [
        ("Ordna praktikplats", date(2026, 12, 18))
    ]
    assert first in m.state.retracted
    newer = m.state.actions[0].id
    refused = [
        c.Correct(newer, c.AddAction("Ordna praktikplats", "ingen")),  # unknown party
        c.Correct(newer, c.AddDecision("Ett beslut")),  # not the same kind of entry
        c.Correct(first, c.AddAction("Igen", "af")),  # already retracted
    ]
    for command in refused:
        before = m.state
        with pytest.raises(DomainError):
            m.do(command)
        assert m.state is before
    assert [a.what for a in m.state.actions] == ["Ordna praktikplats"]


def test_follow_up_cancel_and_new_uid() -> None:
    m = Meeting()
    start = datetime(2027, 2, 1, 13, 0, tzinfo=STOCKHOLM)
    m.do(c.SetFollowUp(start, 60, "Rum 1"))
    first = m.state.follow_up.uid
    m.do(c.CancelFollowUp())
    assert m.state.follow_up.cancelled and m.state.follow_up.sequence == 1
    m.do(c.SetFollowUp(start, 60, "Rum 2"))
    assert m.state.follow_up.uid != first and m.state.follow_up.sequence == 0
    with pytest.raises(DomainError):
        m.do(c.SetFollowUp(start.replace(tzinfo=None), 60, "Rum"))


def test_close_early_without_consent_needs_a_reason() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase(), c.RecordConsentMissing("Vill tänka på saken"))
    with pytest.raises(DomainError):
        m.do(c.NextPhase())
    m.wait(120).do(c.CloseMeeting("Samtycke saknas"))
    assert m.state.status == "closed" and m.state.close_reason == "Samtycke saknas"
    assert m.state.phases[0].done and m.state.phases[0].used == 120


def test_every_event_survives_the_journal_encoding() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(
        c.NextPhase(), c.ConfirmConsent("alla"), c.TickPrompt(1), c.SetQuestionStatus(0, "answered")
    )
    m.do(c.AddAction("Boka möte", "af", date(2026, 12, 20), "varje vecka"))
    m.do(c.Rebalance(timing.propose_rebalance(m.state, m.t)))
    m.do(c.SetFollowUp(datetime(2027, 1, 14, 9, tzinfo=STOCKHOLM), 60, "Rum"))
    m.do(c.Pause(), c.Resume(), c.SetIndividualFirst(False))
    restored = []
    for e in m.events:
        payload = json.loads(json.dumps(ev.to_payload(e), ensure_ascii=False))
        back = ev.from_payload(e.kind, e.seq, e.t, e.wall.isoformat(), payload)
        assert back == e, e.kind
        restored.append(back)
    assert fold(restored) == m.state
    assert [e.seq for e in m.events] == list(range(1, len(m.events) + 1))


def test_a_follow_up_is_cancelled_not_retracted() -> None:
    m = Meeting()
    m.do(c.SetFollowUp(datetime(2027, 2, 1, 13, 0, tzinfo=STOCKHOLM), 60, "Rum 1"))
    with pytest.raises(DomainError) as err:
        m.do(c.Retract(m.state.follow_up.id))
    assert err.value.key == "engine.error.retract_follow_up"
    assert m.state.follow_up is not None


def test_check_in_can_be_corrected_before_the_start_but_not_after() -> None:
    m = Meeting()
    m.do(c.CheckIn("fk", "video"), c.CheckIn("fk", "phone"))
    assert m.state.attendance_of("fk").mode == "phone"
    with pytest.raises(DomainError) as same:
        m.do(c.CheckIn("fk", "phone"))
    assert same.value.key == "engine.error.already_present"
    m.do(c.MarkAbsent("fk", notified=True, reason="fel person incheckad"))
    assert m.state.attendance_of("fk").presence == "absent"
    checked_in(m, "fk")
    m.do(c.NextPhase())
    with pytest.raises(DomainError):  # running: a new line is a drop and a rejoin
        m.do(c.CheckIn(INDIVIDUAL, "video"))
    with pytest.raises(DomainError):
        m.do(c.MarkAbsent(INDIVIDUAL, notified=True, reason=""))


def test_huvudansvarig_comes_from_an_agency_not_a_relative() -> None:
    from starmote.plan.case import load_case
    from starmote.plan.resources import demo_case

    m = checked_in(Meeting(load_case(demo_case())))  # with a närstående
    private = [p.key for p in m.plan.parties if not p.is_individual and not p.is_professional]
    professional = [p.key for p in m.plan.parties if p.is_professional]
    assert private and professional
    with pytest.raises(DomainError) as err:
        m.do(c.SetMainResponsible(private[0]))
    assert err.value.key == "engine.error.responsible_not_professional"
    m.do(c.SetMainResponsible(professional[0]))
    assert m.state.main_responsible.party == professional[0]


@pytest.mark.parametrize(
    "text",
    ["Sam har pnr 19121212-1212", "ring 121212-1212 om bostad", "pnr 121212 1212", "121212–1212"],
)
def test_a_personnummer_in_typed_text_is_refused(text) -> None:
    m = Meeting()
    with pytest.raises(DomainError):
        m.do(c.MarkAbsent("fk", notified=True, reason=text))
    checked_in(m)
    m.do(c.NextPhase(), c.ConfirmConsent())
    for command in (
        c.AddNote(text),
        c.AddDecision(text),
        c.AddGoal("short", text),
        c.AddAction("Ansöka", "kommun", None, text),
        c.SetMainResponsible("kommun", person=text),
    ):
        with pytest.raises(DomainError) as err:
            m.do(command)
        assert err.value.key == "engine.error.personnummer_in_text"
    m.do(c.AddNote("Sam ringer 070-123 45 67 om bostad"))  # a phone number is fine
    assert len(m.state.notes) == 1


def test_a_corrected_substitute_or_absence_leaves_nothing_behind() -> None:
    m = Meeting()
    m.do(c.NoteSubstitute("fk", "Per Persson", "in_person"))
    m.do(c.MarkAbsent("fk", notified=True, reason="fel"))
    assert m.state.attendance_of("fk").substitute == ""
    m.do(c.CheckIn("fk", "video"))
    fk = m.state.attendance_of("fk")
    assert (fk.presence, fk.substitute, fk.reason, fk.notified) == ("present", "", "", None)
