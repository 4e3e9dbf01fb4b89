"""The follow-up's minutes say what became of the previous plan (issue #13): read back."""

from __future__ import annotations

from datetime import UTC, datetime

from starmote.documents.minutes import minutes_html, minutes_markdown
from starmote.documents.plain_language import plain_markdown
from starmote.engine import commands as c
from tests.support.meeting import Meeting, checked_in
from tests.support.review import follow_up_plan
from tests.unit.documents.test_signable_minutes import html_text, section, table_rows

STAMP = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)


def table_under(part: str, heading: str) -> list[list[str]]:
    """The rows of the table under `### heading`, up to the next heading."""
    return table_rows(part.split(f"\n### {heading}\n")[1].split("\n#")[0])


def reviewed() -> Meeting:
    """A follow-up in Aktuell situation: two insatser, a goal and the parked question reviewed."""
    m = checked_in(Meeting(follow_up_plan()), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    m.do(
        c.ReviewPrevious("action", 0, "done", "Beviljad från 1 december"),
        c.ReviewPrevious("action", 1, "not_done"),
        c.ReviewPrevious("action", 1, "partly", "Tid bokad i januari"),  # the latest counts
        c.ReviewPrevious("goal", 1, "changed", "Nu: arbete på 25 %"),
        c.ReviewPrevious("parked", 0, "kept", "FK var inte med"),
    )
    return m


def test_each_item_its_owner_and_status_reach_the_minutes_and_unreviewed_say_so() -> None:
    md = minutes_markdown(reviewed().state, STAMP)
    part = section(md, "Uppföljning av föregående plan")
    assert "*Planen från mötet 5 november 2026.*" in part
    assert table_under(part, "Insatser") == [
        [
            "1",
            "Ansöka om arbetsträning",
            "Krokoms kommun (Eva Ek)",
            "genomförd",
            "Beviljad från 1 december",
        ],
        [
            "2",
            "Boka läkarbesök",
            "Region Jämtland Härjedalen (Per Ås) (senast 30 november 2026)",
            "delvis",
            "Tid bokad i januari",
        ],
        # An owner not called to the follow-up keeps the name the last meeting gave.
        ["3", "Utreda boendestöd", "Socialtjänsten (Ann Lo)", "inte följd upp", ""],
    ]
    assert [row[1:4] for row in table_under(part, "Mål")] == [
        ["Sam har en praktikplats", "Kort sikt", "inte följd upp"],
        ["Sam har ett arbete på halvtid", "Lång sikt", "ändrad"],
    ]
    assert table_under(part, "Parkerade frågor") == [
        [
            "1",
            "Kan FK bevilja rehabiliteringsersättning?",
            "Försäkringskassan (Lena Berg)",
            "står kvar",
            "FK var inte med",
        ]
    ]
    # Before the notes: the review is the first thing Aktuell situation takes up.
    assert md.index("## Uppföljning av föregående plan") < md.index("## Anteckningar")


def test_the_html_and_the_english_minutes_carry_the_same_review() -> None:
    state = reviewed().state
    text, _ = html_text(minutes_html(state, STAMP))
    assert "Uppföljning av föregående plan" in text
    assert "Tid bokad i januari" in text and "inte följd upp" in text
    md = minutes_markdown(state, STAMP, lang="en")
    rows = table_under(section(md, "Follow-up of the previous plan"), "Actions")
    assert [row[3] for row in rows] == ["done", "partly", "not reviewed"]


def test_the_plain_copy_says_how_it_went_in_plain_words() -> None:
    md = plain_markdown(reviewed().state, STAMP)
    part = md.split("\n## Sedan förra mötet\n")[1].split("\n## ")[0]
    assert "- Ansöka om arbetsträning: det är gjort. Beviljad från 1 december." in part
    assert "- Utreda boendestöd: det tog vi inte upp." in part
    assert "Kan FK" not in part  # a question to an agency is not the person's business here


def test_a_meeting_without_a_previous_plan_has_no_such_section() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    assert "föregående plan" not in minutes_markdown(m.state, STAMP)
    assert "Sedan förra mötet" not in plain_markdown(m.state, STAMP)


def test_a_team_case_reviews_its_own_items_in_its_own_part_and_minutes() -> None:
    from dataclasses import replace

    from starmote.documents.render_md import render_markdown
    from starmote.documents.team import build_case_minutes
    from starmote.engine.allowed import refusal
    from starmote.plan.model import Previous, PreviousAction
    from tests.support.factories import OPENED_WALL
    from tests.support.tui import team_plan

    previous = Previous(
        meeting="m-team-dec",
        date=datetime(2026, 12, 10).date(),
        insatser=(
            PreviousAction("Kartlägga arbetsförmåga", "af", "AF", case="T-01"),
            PreviousAction("Ansöka om försörjningsstöd", "forsorjning", "Försörjning", case="T-02"),
        ),
    )
    plan = replace(team_plan(), previous=previous)
    m = Meeting(plan, opened_late_s=(plan.start - OPENED_WALL).total_seconds())
    for party in ("fk", "ame", "forsorjning", "af", "psykiatri"):
        m.do(c.CheckIn(party))
    m.do(c.NextPhase())  # the team's opening: no case's items yet
    assert refusal(m.state, c.ReviewPrevious).key == "engine.error.review_not_now"  # type: ignore[union-attr]
    m.do(c.NextPhase(), c.ConfirmConsent())  # T-01 taken up
    assert (
        refusal(m.state, c.ReviewPrevious("action", 1, "done")).key == "engine.error.review_not_now"
    )  # type: ignore[union-attr]
    m.do(c.ReviewPrevious("action", 0, "partly", "Halvvägs"))
    one = render_markdown(build_case_minutes(m.state, "T-01", STAMP))
    two = render_markdown(build_case_minutes(m.state, "T-02", STAMP))
    four = render_markdown(build_case_minutes(m.state, "T-04", STAMP))
    assert table_under(section(one, "Uppföljning av föregående plan"), "Insatser") == [
        ["1", "Kartlägga arbetsförmåga", "Arbetsförmedlingen (Omar Nilsson)", "delvis", "Halvvägs"]
    ]
    rows = table_under(section(two, "Uppföljning av föregående plan"), "Insatser")
    assert [r[1] for r in rows] == ["Ansöka om försörjningsstöd"] and rows[0][3] == "inte följd upp"
    assert "föregående plan" not in four
