"""A SIP meeting held through the engine into a journal, to start a follow-up from."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from starmote.engine import commands as c
from starmote.plan.model import STOCKHOLM
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.tui import demo_plan

MEETING_ID = "20261203-0900-SIP-2026-031-held"
FOLLOW_UP = datetime(2027, 2, 4, 13, 0, tzinfo=STOCKHOLM)


def hold_meeting(home: Path | str) -> Session:
    """The demo case held and closed: AF away, goals, insatser, a parked question, a follow-up.

    Of the three frågeställningar the first is answered, the second deferred and the
    third never taken up. One insats is retracted and one corrected, as happens.
    """
    clock = FakeClock()
    session = Session.start(Journal.open(home), demo_plan(), clock, meeting_id=MEETING_ID)
    for party in session.state.plan.parties:
        if party.key == "af":
            session.do(c.MarkAbsent("af", notified=True, reason="sjuk"))
        else:
            session.do(c.CheckIn(party.key))
    session.do(c.NextPhase())
    session.do(c.ConfirmConsent())
    for _ in range(2):
        clock.advance(600)
        session.do(c.NextPhase())
    session.do(c.AddGoal("short", "Sam har ett eget boende före sommaren"))
    session.do(c.AddGoal("long", "Arbete på deltid"))
    session.do(c.AddAction("Ansöka om boendestöd", "socialtjanst", date(2027, 1, 15), "en gång"))
    wrong = session.do(c.AddAction("Fel rad", "fk")).actions[-1]
    session.do(c.Retract(wrong.id, "fel"))
    typo = session.do(c.AddAction("Praktik via AME", "samcoach", None, "varje vecka"))
    session.do(
        c.Correct(
            typo.actions[-1].id,
            c.AddAction("Praktik via AME", "samcoach", None, "två dagar i veckan"),
        )
    )
    session.do(c.AddAction("Söka tre jobb", "individ", date(2027, 1, 31)))
    session.do(c.ParkQuestion("Kan AF erbjuda ett arbetsmarknadsprogram?", "af"))
    session.do(c.SetQuestionStatus(0, "answered"))
    session.do(c.SetQuestionStatus(1, "deferred", text="Läkaren behöver tillfrågas först"))
    while session.state.status == "running":
        clock.advance(300)
        session.do(c.NextPhase())
    session.do(c.SetMainResponsible("socialtjanst", "Aisha Karlsson"))
    session.do(c.SetFollowUp(FOLLOW_UP, 60, "Socialkontoret, rum Ån"))
    session.do(c.CloseMeeting())
    return session
