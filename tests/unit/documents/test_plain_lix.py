"""The plain-language copy of the demo case reads as easy Swedish: LIX 30 or below (issue #12).

The demo meeting is played through a Session on the fake clock, with what a chair
would type for Sam: goals, the agencies' insatser, the mother's and Sam's own tasks, and
an insats for Arbetsförmedlingen whose line dropped (proposed, not settled).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from starmote.documents.export import export_files
from starmote.documents.plain_language import lix
from starmote.engine import commands as c
from tests.support.tui import live_session

STAMP = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)


def demo_copy(home: Path) -> str:
    session, clock = live_session(home)
    clock.advance(300)
    session.do(c.NextPhase())
    clock.advance(600)
    session.do(c.Drop("af"))
    session.do(c.NextPhase())
    for command in (
        c.AddGoal("short", "Sam ska ha ett eget boende med stöd före sommaren."),
        c.AddGoal("short", "Sam ska börja arbetsträna två dagar i veckan."),
        c.AddGoal("long", "Sam ska ha ett arbete på deltid."),
        c.AddAction("Utreda boendestöd", "socialtjanst", date(2027, 1, 15)),
        c.AddAction("Stöd och matchning mot arbete", "samcoach", None, "en gång i veckan"),
        c.AddAction("Samtal om medicinen", "psykiatri", date(2026, 12, 17)),
        c.AddAction("Arbetsträning", "af", date(2027, 2, 1)),
        c.AddAction("Följa med på besöken hos psykiatrin", "mamma"),
        c.AddAction("Ansöka om bostadstillägg", "individ", date(2027, 1, 31)),
        c.AddDecision("Sam flyttar till en lägenhet med boendestöd."),
    ):
        session.do(command)
    while session.state.status == "running":
        clock.advance(600)
        session.do(c.NextPhase())
    session.do(c.SetMainResponsible("socialtjanst", ""))
    session.do(c.SetFollowUp(datetime(2027, 3, 29, 8, 0, tzinfo=UTC), 60, "Rum Älven"))
    session.do(c.CloseMeeting())
    files = export_files(session.state, ("md",), invites=False, stamp=STAMP)
    [copy] = [data.decode() for name, data in files.items() if "lattlast" in name]
    return copy


def test_the_demo_copy_scores_30_or_below(tmp_path: Path) -> None:
    copy = demo_copy(tmp_path)
    assert "Ett förslag är att Omar Nilsson på Arbetsförmedlingen ordnar arbetsträning" in copy
    score = lix(copy)
    print(f"LIX of the demo's plain-language copy: {score:.1f}")
    assert score <= 30
