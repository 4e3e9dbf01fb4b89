"""Each party's outcome from the folded state: the one definition history and minutes share."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.engine.attendance import PartyOutcome, outcomes, party_outcome
from starmote.engine.rules import Now, decide, fold, open_meeting
from starmote.engine.state import MeetingState
from tests.support.factories import OPENED_WALL, make_plan


class Meeting:
    """The factory plan (60 min; FK booked for 0–60) run through the engine on a fake clock."""

    def __init__(self) -> None:
        self.t = 0.0
        self.events = open_meeting(make_plan(), "m", Now(0.0, OPENED_WALL))
        self.state = fold(self.events)

    def do(self, *commands: c.Command) -> None:
        from datetime import timedelta

        for command in commands:
            now = Now(self.t, OPENED_WALL + timedelta(seconds=self.t))
            new = decide(self.state, command, now)
            self.events += new
            self.state = fold(self.events)

    def at(self, minutes: float) -> Meeting:
        self.t = minutes * 60
        return self

    def outcome(self, party: str) -> PartyOutcome:
        return party_outcome(self.state, self.state.attendance_of(party))


def started(m: Meeting) -> Meeting:
    """Individ checked in at the booked start (t=0), first part started at 5 min."""
    m.do(c.CheckIn("individ"))
    m.at(5).do(c.NextPhase(), c.ConfirmConsent())
    return m


def close(m: Meeting, minutes: float) -> MeetingState:
    m.at(minutes).do(c.CloseMeeting("Testmöte"))
    return m.state


def test_absent_after_a_check_in_is_absent() -> None:
    m = Meeting()
    m.do(c.CheckIn("fk", "video"), c.MarkAbsent("fk", notified=True, reason="fel part"))
    got = m.outcome("fk")
    assert (got.outcome, got.notified, got.mode, got.late) == ("absent_notified", True, None, False)


def test_a_stand_in_for_a_party_later_marked_absent_is_absent() -> None:
    m = Meeting()
    m.do(c.NoteSubstitute("af", "Vera Vikarie"), c.MarkAbsent("af", notified=False))
    got = m.outcome("af")
    assert (got.outcome, got.substitute, got.notified) == ("absent_unnotified", False, False)


def test_a_stand_in_who_came_is_a_substitute_and_carries_no_name() -> None:
    m = started(Meeting())
    m.at(10).do(c.NoteSubstitute("region", "Vera Vikarie", "phone"))
    got = m.outcome("region")
    assert (got.outcome, got.substitute, got.late, got.mode) == ("substitute", True, True, "phone")
    assert "Vera" not in repr(got)


def test_leaving_before_the_booked_end_is_early_and_at_the_window_end_is_not() -> None:
    m = Meeting()
    m.do(c.CheckIn("kommun"), c.CheckIn("fk"))
    started(m)
    m.at(30).do(c.Leave("kommun"))  # booked for the whole hour
    m.at(60).do(c.Leave("fk"))  # FK's window is 0–60: it stayed its hour
    state = close(m, 70)
    kommun, fk = (party_outcome(state, state.attendance_of(p)) for p in ("kommun", "fk"))
    assert (kommun.outcome, kommun.left_early) == ("left_early", True)
    assert (fk.outcome, fk.left_early) == ("present", False)
    # Present from the first part's start (5 min) until leaving; booked for all of it.
    assert (kommun.present_s, kommun.booked_s) == (25 * 60, 60 * 60)
    assert (fk.present_s, fk.booked_s) == (55 * 60, 60 * 60)


def test_a_dropped_line_and_a_line_that_came_back() -> None:
    m = Meeting()
    m.do(c.CheckIn("region", "phone"), c.CheckIn("af", "video"))
    started(m)
    m.at(10).do(c.Drop("region"), c.Drop("af"))
    m.at(12).do(c.Rejoin("af", "phone"))
    state = close(m, 40)
    region, af = (party_outcome(state, state.attendance_of(p)) for p in ("region", "af"))
    assert (region.outcome, region.dropped, region.drops) == ("dropped", True, 1)
    assert region.present_s == 5 * 60
    assert (af.outcome, af.dropped, af.drops, af.mode) == ("present", False, 1, "phone")
    assert af.present_s == (40 - 5 - 2) * 60


def test_late_not_recorded_and_open_meetings() -> None:
    m = started(Meeting())
    m.at(20).do(c.CheckIn("kommun"))
    late = m.outcome("kommun")
    assert (late.outcome, late.late) == ("late", True)
    assert late.present_s is None  # not closed yet: the time in the room is not known
    nobody = m.outcome("af")
    assert (nobody.outcome, nobody.mode, nobody.notified) == ("not_recorded", None, None)


def test_every_party_in_plan_order() -> None:
    m = started(Meeting())
    assert [o.party for o in outcomes(m.state)] == [p.key for p in m.state.plan.parties]
