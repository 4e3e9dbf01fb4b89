"""A four-case team session's documents: one record per case, an overview, no leaks between them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from starmote.documents.export import export_files
from starmote.documents.invites import approve, invites
from starmote.engine import commands as c
from starmote.plan.case import load_case
from starmote.plan.offers import load_offers
from starmote.plan.resources import sample_offers, samples_dir
from tests.support.factories import OPENED_WALL
from tests.support.meeting import Meeting

STAMP = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
PERSON = "individ-t-03"


def _on_to(m: Meeting, code: str, minutes: float) -> None:
    """Spend `minutes` in the current part, then go on to case `code` (confirming consent)."""
    m.wait(minutes * 60)
    while m.state.current_case != code:
        if m.state.consent_pending:
            m.do(c.ConfirmConsent())
        m.do(c.NextPhase())


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    plan = load_case(samples_dir() / "star-team-januari.toml")
    plan = replace(plan, offers=load_offers(sample_offers()))
    m = Meeting(plan, opened_late_s=(plan.start - OPENED_WALL).total_seconds())
    for key in ("fk", "ame", "forsorjning", "af"):
        m.do(c.CheckIn(key))
    m.do(c.MarkAbsent("psykiatri", notified=False))  # the region's rehabkoordinator stays away
    m.do(c.NextPhase())
    m.do(c.AddDecision("Utbudskartan ses över i mars", case=""))
    _on_to(m, "T-01", 9)
    m.do(c.ConfirmConsent(scope="FK, AF, AME"))
    m.do(c.AddNote("ETT-anteckning om arbetsgivaren"))
    m.do(c.AddAction("Kartläggning", "af", offer="af-stod-och-matchning"))
    m.do(c.ParkQuestion("ETT-fråga: kan psykiatrin intyga?", "psykiatri"))
    _on_to(m, "T-04", 25)
    m.do(c.ConfirmConsent())
    m.do(c.AddGoal("short", "FYRA-mål: börja arbetsträna"))
    m.do(c.SetQuestionStatus(0, "deferred", text="FYRA-skäl: psykiatrin var inte med"))
    m.wait(25 * 60)  # 09:59
    m.do(c.Leave("fk"))  # FK's hour is over
    _on_to(m, "T-02", 1)
    m.do(c.AddNote("TVÅ-anteckning utan namn"))
    _on_to(m, "T-03", 40)
    m.do(c.CheckIn(PERSON))
    m.do(c.ConfirmConsent())
    m.do(c.AddDecision("TRE-beslut: samplanering med Robin i februari"))
    m.do(c.AddAction("Kalla till samplanering", "ame"))
    _on_to(m, "", 45)  # T-03 ends: Robin leaves with it
    m.do(
        c.SetFollowUp(
            datetime(2027, 2, 11, 9, 0, tzinfo=plan.start.tzinfo), 180, "Kommunhuset, sal Fjället"
        )
    )
    m.wait(15 * 60)
    m.do(c.NextPhase(), c.CloseMeeting())
    for invite in invites(m.state):  # the chair approves the invite as the preview shows it
        m.do(approve(invite.proposal))
    plan_with_email = m.state  # the chair has an e-mail in the sample
    out = export_files(plan_with_email, stamp=STAMP, invites=True)
    return {name: data.decode("utf-8") for name, data in out.items()}


def named(files: dict[str, str], part: str, ext: str = "md") -> str:
    hits = [text for name, text in files.items() if part in name and name.endswith("." + ext)]
    assert len(hits) == 1, sorted(files)
    return hits[0]


def test_one_record_per_case_an_overview_and_a_plain_copy_only_where_the_person_came(
    files: dict[str, str],
) -> None:
    md = sorted(n for n in files if n.endswith(".md"))
    assert md == [
        "STAR-TEAM-2027-01_2027-01-14_oversikt.md",
        "T-01_2027-01-14_minnesanteckningar.md",
        "T-02_2027-01-14_minnesanteckningar.md",
        "T-03_2027-01-14_lattlast.md",
        "T-03_2027-01-14_minnesanteckningar.md",
        "T-04_2027-01-14_minnesanteckningar.md",
    ]


@pytest.mark.parametrize("code", ["T-01", "T-02", "T-03", "T-04"])
def test_a_case_record_holds_only_its_own_entries(files: dict[str, str], code: str) -> None:
    text = named(files, f"{code}_2027-01-14_minnesanteckningar")
    marks = {"T-01": "ETT-", "T-02": "TVÅ-", "T-03": "TRE-", "T-04": "FYRA-"}
    for other, mark in marks.items():
        assert (mark in text) == (other == code), (code, mark)
    assert "Utbudskartan ses över" not in text  # the team's own decision is in the overview


def test_each_case_names_who_was_there_while_it_was_discussed(files: dict[str, str]) -> None:
    t01 = named(files, "T-01_2027-01-14_minnesanteckningar")
    t02 = named(files, "T-02_2027-01-14_minnesanteckningar")
    t04 = named(files, "T-04_2027-01-14_minnesanteckningar")
    present = lambda text: text.split("## Närvarande när ärendet togs upp")[1].split("##")[0]  # noqa: E731
    assert "Försäkringskassan (Lena Berg)" in present(t01)
    assert (
        "Försäkringskassan (Lena Berg), handläggare (månadens FK-representant): 09:34–09:59" in t04
    )
    assert "Försäkringskassan" not in present(t02)  # FK had left
    assert "Vuxenpsykiatrin" not in present(t01)  # absent all session
    assert "Ärendet behövde även" not in t01
    assert "Stöd och matchning" in t01 and "blev en insats" in t01


def test_the_anonymised_case_names_no_one_it_is_about(files: dict[str, str]) -> None:
    t02 = named(files, "T-02_2027-01-14_minnesanteckningar")
    assert "Robin" not in t02
    assert "avidentifierat" in t02


def test_the_overview_is_for_the_team_and_holds_no_case_content(files: dict[str, str]) -> None:
    overview = named(files, "oversikt")
    for mark in ("ETT-anteckning", "TVÅ-", "FYRA-mål", "Robin"):
        assert mark not in overview, mark
    assert "Försäkringskassan (Lena Berg): 09:00–09:59 (på plats) – ärenden T-01, T-04" in overview
    assert "Utbudskartan ses över i mars" in overview
    assert "T-01: ETT-fråga: kan psykiatrin intyga?" in overview  # parked, with its case
    table = overview.split("## Ärenden")[1].split("##")[0]
    rows = [line for line in table.splitlines() if line.startswith("| T-")]
    assert [line.split("|")[1].strip() for line in rows] == [
        "T-01",
        "T-04",
        "T-02",
        "T-03",
    ]


def test_the_plain_copy_holds_only_the_person_s_case(files: dict[str, str]) -> None:
    plain = named(files, "T-03_2027-01-14_lattlast")
    assert "TRE-beslut" in plain and "kalla till samplanering" in plain
    assert "Kartläggning" not in plain and "FYRA-mål" not in plain


def test_the_next_session_s_invite_speaks_of_a_team_session(files: dict[str, str]) -> None:
    name = next(n for n in files if n.endswith("uppfoljning.ics"))
    event = next(iter(Calendar.from_ical(files[name]).walk("VEVENT")))
    assert str(event["summary"]) == "Teammöte STAR-TEAM-2027-01"
    body = str(event["description"])
    assert "Mötescirkeln" not in body and "huvudansvarig" not in body.lower()
    assert "ärendelistan" in body


def test_a_case_record_has_the_sip_minutes_sections_that_apply(files: dict[str, str]) -> None:
    """Issue #12: the same sections as a SIP's minutes where they apply to a case."""
    t04 = named(files, "T-04_2027-01-14_minnesanteckningar")
    # A deferred question, with its reason, lands in the case's follow-up.
    assert "skjuts upp till uppföljningen: FYRA-skäl: psykiatrin var inte med" in t04
    follow_up = t04.split("\n## Uppföljning\n", 1)[1].split("\n## ", 1)[0]
    assert "ej behandlat: fråga 1 – till uppföljning" in follow_up
    # What the person and their network do is a section of its own; who was invited, too.
    assert "## Det personen och nätverket gör själva" in t04
    invited = t04.split("### Kallade och inbjudna", 1)[1].split("\n## ", 1)[0]
    assert "Försäkringskassan" in invited and "Robin" not in invited
    assert "- **Ärendet behövde:**" in invited
    overview = named(files, "oversikt")
    assert "### Kallade och inbjudna" in overview and "FYRA-" not in overview
