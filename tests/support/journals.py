"""Journals played through Session on a fake clock, whose history figures are worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from starmote.engine import commands as c
from starmote.plan.case import load_case
from starmote.plan.model import STOCKHOLM, MeetingPlan
from starmote.plan.resources import samples_dir
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.factories import make_plan

NAMES = ("Sam L.", "Eva Ek", "Per Ås", "Lena Berg", "Nils Ny", "Omar Said", "Vera Vikarie", "Karin")
"""Every person's name in these journals: none may appear in history's output."""


def plan_on(day: date, fk_officer: str = "Lena Berg", **kw) -> MeetingPlan:
    """The factory plan booked at 09:00 on `day`, with FK sending `fk_officer`."""
    plan = make_plan(start=datetime(day.year, day.month, day.day, 9, 0, tzinfo=STOCKHOLM), **kw)
    parties = tuple(replace(p, person=fk_officer) if p.key == "fk" else p for p in plan.parties)
    return replace(plan, parties=parties)


def start(journal: Journal, plan: MeetingPlan, meeting_id: str) -> tuple[Session, FakeClock]:
    """A meeting opened at its booked start (meeting offset 0 = the booked start)."""
    clock = FakeClock(wall0=plan.start.astimezone(UTC))
    return Session.start(journal, plan, clock, meeting_id=meeting_id), clock


def play_three_meetings(journal: Journal) -> None:
    """FK stays away without notice in meetings 1 and 3 and comes to meeting 2."""
    # 1 October: everyone but FK, who sends no word.
    s, clock = start(journal, plan_on(date(2026, 10, 1)), "m1")
    for party in ("individ", "kommun", "region", "af"):
        s.do(c.CheckIn(party))
    s.do(c.MarkAbsent("fk", notified=False))
    s.do(c.ConfirmConsent("alla parter"))
    s.do(c.NextPhase())
    clock.advance(600)
    s.do(c.NextPhase())
    s.do(c.CloseMeeting("Testmöte"))

    # 5 November: a different FK officer on video, for FK's hour; AF ill and said so;
    # the region sends a substitute; kommun arrives after the start.
    s, clock = start(journal, plan_on(date(2026, 11, 5), fk_officer="Nils Ny"), "m2")
    s.do(c.CheckIn("individ"))
    s.do(c.CheckIn("fk", "video"))
    s.do(c.MarkAbsent("af", notified=True, reason="sjuk"))
    s.do(c.NoteSubstitute("region", "Vera Vikarie"))
    s.do(c.ConfirmConsent("alla parter"))
    s.do(c.NextPhase())
    clock.advance(300)
    s.do(c.CheckIn("kommun"))
    clock.advance(3300)  # FK's window is the first hour: leaving at 60 min is not early
    s.do(c.Leave("fk"))
    s.do(c.CloseMeeting("Testmöte"))

    # 3 December: FK again without word; AF said it could not come, then came late;
    # kommun leaves early; the region's phone line drops for good; nobody notes the individual.
    s, clock = start(journal, plan_on(date(2026, 12, 3)), "m3")
    s.do(c.MarkAbsent("fk", notified=False))
    s.do(c.MarkAbsent("af", notified=True))
    s.do(c.CheckIn("kommun"))
    s.do(c.CheckIn("region", "phone"))
    s.do(c.ConfirmConsent("alla parter"))
    s.do(c.NextPhase())
    clock.advance(600)
    s.do(c.CheckIn("af"))
    clock.advance(600)
    s.do(c.Leave("kommun"))
    s.do(c.Drop("region"))
    s.do(c.CloseMeeting("Testmöte"))


def play_hand_journal(journal: Journal) -> dict[str, Session]:
    """Three meetings whose figures are worked out by hand in the tests below."""
    sessions = {}
    # 1 September. FK checked in by mistake, then marked absent with notice before the
    # start; AF sends a stand-in; the region's phone line drops for good at 10 min;
    # kommun leaves after 20 minutes of a 60-minute meeting.
    s, clock = start(journal, plan_on(date(2026, 9, 1)), "h1")
    s.do(c.CheckIn("individ"))
    s.do(c.CheckIn("kommun"))
    s.do(c.CheckIn("region", "phone"))
    s.do(c.CheckIn("fk", "video"))
    s.do(c.MarkAbsent("fk", notified=True, reason="sjuk"))
    s.do(c.NoteSubstitute("af", "Vera Vikarie"))
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent())
    clock.advance(600)
    s.do(c.Drop("region"))
    clock.advance(600)
    s.do(c.Leave("kommun"))
    clock.advance(1800)
    s.do(c.CloseMeeting("Testmöte"))
    sessions["h1"] = s
    # 15 September. A stand-in noted for AF, then AF marked absent without word after
    # all; FK checks in five minutes after the start.
    s, clock = start(journal, plan_on(date(2026, 9, 15)), "h2")
    for party in ("individ", "kommun", "region"):
        s.do(c.CheckIn(party))
    s.do(c.NoteSubstitute("af", "Vera Vikarie"))
    s.do(c.MarkAbsent("af", notified=False))
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent())
    clock.advance(300)
    s.do(c.CheckIn("fk", "phone"))
    clock.advance(3300)
    s.do(c.CloseMeeting("Testmöte"))
    sessions["h2"] = s
    # 29 September: opened, FK marked absent, never started. Not a meeting anyone missed.
    s, _ = start(journal, plan_on(date(2026, 9, 29)), "h3")
    s.do(c.MarkAbsent("fk", notified=False))
    s.do(c.CheckIn("individ"))
    sessions["h3"] = s
    return sessions


def team_plan(day: date = date(2027, 1, 14)) -> MeetingPlan:
    """The sample STAR team session (four cases; FK booked for the first hour) on `day`."""
    plan = load_case(samples_dir() / "star-team-januari.toml")
    return replace(plan, start=datetime(day.year, day.month, day.day, 9, 0, tzinfo=STOCKHOLM))


def play_team_session(journal: Journal, meeting_id: str = "team-1") -> Session:
    """A team session: FK there for the first two cases and gone when the third begins;
    the region's psychiatry away with notice; T-03's person there for their own case."""
    s, clock = start(journal, team_plan(), meeting_id)
    for key in ("fk", "ame", "forsorjning", "af"):
        s.do(c.CheckIn(key))
    s.do(c.MarkAbsent("psykiatri", notified=True, reason="vakans"))
    s.do(c.NextPhase())  # Inledning
    taken: list[str] = []
    while s.state.status == "running":
        clock.advance(600)
        if s.state.consent_pending:
            s.do(c.ConfirmConsent())
        s.do(c.NextPhase())
        code = s.state.current_case
        if code and code not in taken:
            taken.append(code)
            if len(taken) == 3:
                s.do(c.Leave("fk"))  # at the very start of the third case: not in it
            if code == "T-03":
                s.do(c.CheckIn("individ-t-03"))
    s.do(c.CloseMeeting("Testmöte"))
    return s


def hold(
    journal: Journal,
    plan: MeetingPlan,
    meeting_id: str,
    follow_up: date | None = None,
    started: bool = True,
) -> Session:
    """A short meeting on `plan`: everyone in, one part, a follow-up on `follow_up` if given."""
    s, clock = start(journal, plan, meeting_id)
    for party in plan.parties:
        s.do(c.CheckIn(party.key))
    if not started:
        return s
    s.do(c.NextPhase())
    s.do(c.ConfirmConsent())
    clock.advance(1800)
    if follow_up is not None:
        when = datetime(follow_up.year, follow_up.month, follow_up.day, 13, 0, tzinfo=STOCKHOLM)
        s.do(c.SetFollowUp(when, 60, "Kommunhuset"))
    s.do(c.CloseMeeting("Testmöte"))
    return s


FOLLOW_UP_TODAY = date(2026, 12, 1)
"""The day the follow-up figures of `play_follow_ups` are judged on."""


def play_follow_ups(journal: Journal) -> None:
    """Five SIP chains; by FOLLOW_UP_TODAY: A held on time, B held late, C never held,
    D not yet due, E's follow-up opened on time but never started (so not held)."""

    def on(day: date, code: str) -> MeetingPlan:
        return plan_on(day, case_code=code)

    hold(journal, on(date(2026, 9, 1), "SIP-A"), "a1", follow_up=date(2026, 10, 1))
    hold(journal, on(date(2026, 10, 1), "SIP-A"), "a2")  # the very day: on time
    hold(journal, on(date(2026, 9, 2), "SIP-B"), "b1", follow_up=date(2026, 10, 2))
    hold(journal, on(date(2026, 10, 20), "SIP-B"), "b2")
    hold(journal, on(date(2026, 9, 3), "SIP-C"), "c1", follow_up=date(2026, 10, 3))
    hold(journal, on(date(2026, 11, 20), "SIP-D"), "d1", follow_up=date(2027, 1, 10))
    hold(journal, on(date(2026, 9, 4), "SIP-E"), "e1", follow_up=date(2026, 10, 5))
    hold(journal, on(date(2026, 10, 4), "SIP-E"), "e2", started=False)
