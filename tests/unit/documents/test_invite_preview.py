"""The invite preview: what each invite would carry, exactly, with the words to look at marked."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from starmote.documents.invite_preview import approval_code, previews, render_text
from starmote.documents.invites import invites
from starmote.documents.warning_words import case_names, flags
from starmote.engine import commands as c
from starmote.i18n import en, sv
from starmote.plan.model import STOCKHOLM, Individual, Party
from tests.support.exportcase import FOLLOW_UP, approve_invites, make_plan, play_meeting

ISSUE_TERMS = [
    # Places a tester saw go out as LOCATION under the old banned-word scrub.
    "LARO-mottagningen",
    "Metadonmottagningen",
    "Sprututbytet",
    "Infektionskliniken",
    "Onkologen",
    "Hospice",
    "Vårdcentralen",
    "Neurologen",
    "Dialysavdelningen",
    "Smittskyddsenheten",
    "Rehab-kliniken",
    "Stödboendet",
    "Härbärget",
    "Migrationsverket",
    "Maria Ungdom",
    # What parties were asked to bring.
    "Behandlingsplan",
    "remiss till neurologen",
    # The old scrub list, now warnings.
    "Psykiatrimottagningen",
    "LSS-enheten",
    "BUP-mottagningen",
    "Ungdomsmottagningen",
    "Vuxenhabiliteringen",
    "HVB-hemmet Solgläntan",
    "Skyddat boende",
    "Beroendemottagningen",
    "Per Holm, god man",
    "Socialkontoret",
    "försörjningsstöd",
]


def follow_up_preview(place: str = "Kommunhuset", brings: str = "", **plan_changes: object):
    plan = make_plan(**plan_changes)
    if brings:
        parties = tuple(replace(p, brings=brings) if p.key == "fk" else p for p in plan.parties)
        plan = replace(plan, parties=parties)
    p = play_meeting(plan, close=False)
    p.do(c.SetFollowUp(FOLLOW_UP, 60, place))
    (shown,) = [x for x in previews(p.state) if x.invite.proposal.key == "follow_up"]
    return shown


def warned(shown, field: str) -> list[str]:
    return [flag.text for name, flag in shown.flags if name == field]


@pytest.mark.parametrize("term", ISSUE_TERMS)
def test_each_warning_term_in_a_place_is_warned_and_kept(term: str) -> None:
    shown = follow_up_preview(place=f"{term}, Storgatan 1")
    assert warned(shown, "LOCATION"), term
    # Warned, not removed: the place goes as written once the chair approves it.
    assert shown.invite.draft.place == f"{term}, Storgatan 1"
    text = render_text([shown], "sv")
    assert f"LOCATION     {term}, Storgatan 1" in text
    assert "kan avslöja hälsa, vård, stöd eller ärendet" in text


@pytest.mark.parametrize("term", ISSUE_TERMS)
def test_each_warning_term_in_what_a_party_brings_is_warned(term: str) -> None:
    shown = follow_up_preview(brings=f"Ta med {term}.")
    found = [w.lower() for w in warned(shown, "DESCRIPTION")]
    assert any(w in term.lower() or term.lower() in w for w in found), found
    assert f"- Försäkringskassan: Ta med {term}." in shown.invite.draft.message


@pytest.mark.parametrize(
    "place",
    [
        "Hemma hos Anna-Lenas mamma",  # the genitive
        "Hemma hos annalena",  # without its hyphen, any letter case
        "Hemma hos ANNA LENA",  # a space for the hyphen
        "Kims lägenhet",  # the individual party's name, genitive
    ],
)
def test_the_individual_s_name_in_any_form_is_warned(place: str) -> None:
    shown = follow_up_preview(place=place, individual=Individual("Anna-Lena K."))
    assert [n for n, f in shown.flags if n == "LOCATION" and f.why == "name"], shown.flags


def test_an_attendee_address_that_names_a_clinic_is_warned() -> None:
    plan = make_plan()
    parties = tuple(
        replace(p, email="psykiatrimottagningen@region.example.se") if p.key == "region" else p
        for p in plan.parties
    )
    p = play_meeting(replace(plan, parties=parties), close=False)
    shown = [x for x in previews(p.state) if x.invite.proposal.key == "follow_up"][0]
    assert warned(shown, "ATTENDEE") == ["psykiatrimottagningen"]


def test_a_personnummer_is_warned_first() -> None:
    shown = follow_up_preview(brings="Kopia av 19121212-1212 och journalen")
    whys = {f.text: f.why for _, f in shown.flags}
    assert whys["19121212-1212"] == "personnummer"


def test_private_persons_names_warn_but_professionals_names_do_not() -> None:
    plan = make_plan()
    relative = Party("mamma", "", "narstaende", "Lisa Lind", summons="none")
    names = case_names(replace(plan, parties=(*plan.parties, relative)))
    assert names == ["Kim L.", "Lisa Lind"]
    assert flags("Eva Ek och Per Åström", names) == []
    assert [f.text for f in flags("Lisas kök", names)] == ["Lisas"]


def test_the_preview_shows_exactly_what_the_invite_carries() -> None:
    shown = follow_up_preview(place="Kommunhuset, rum Storsjön")
    draft = shown.invite.draft
    rows = {row.name: row.text for row in shown.rows}
    assert rows["SUMMARY"] == draft.title == "Samordningsmöte SIP-2026-031"
    assert rows["LOCATION"] == "Kommunhuset, rum Storsjön"
    assert rows["URL"] == "https://video.example.se/m/123"
    assert rows["DESCRIPTION"] == draft.description
    assert [r.text for r in shown.rows if r.name == "ATTENDEE"] == [
        "eva.ek@example.se",
        "per.astrom@example.se",
        "lena.berg@example.se",
        "omar.said@example.se",
    ]
    text = render_text([shown], "sv")
    assert text.startswith(
        "Inbjudan till uppföljningen → SIP-2026-031_2026-12-03_uppfoljning.ics (inte godkänd)"
    )
    for line in draft.description.split("\n"):
        assert line in text  # every line of DESCRIPTION, as written


def test_status_and_code_follow_the_invite() -> None:
    p = play_meeting(close=False)
    waiting = previews(p.state)
    assert [x.status for x in waiting] == ["pending"] * 3
    code = approval_code(waiting)
    assert code == approval_code(previews(p.state))  # the same invites, the same code
    approve_invites(p)
    assert [x.status for x in previews(p.state)] == ["approved"] * 3
    p.do(c.SetFollowUp(datetime(2027, 4, 5, 13, 0, tzinfo=STOCKHOLM), 90, "Rådhuset"))
    moved = previews(p.state)
    assert [x.status for x in moved] == ["changed", "approved", "approved"]
    assert approval_code(moved[:1]) != approval_code(waiting[:1])
    assert invites(p.state)[0].draft.place == "Rådhuset"  # the new proposal, shown again


@pytest.mark.parametrize("catalogue", [sv.MESSAGES, en.MESSAGES])
def test_our_own_invite_texts_raise_no_warning(catalogue: dict[str, str]) -> None:
    """A warning means something only if our own words never raise one."""
    for key, text in catalogue.items():
        if key.startswith("invites.") and not key.startswith("invites.error."):
            assert flags(text, ["Kim L."]) == [], key


def test_a_cancelled_follow_up_is_previewed_as_its_cancellation_not_an_invite() -> None:
    p = play_meeting(close=False)
    p.do(c.SetFollowUp(FOLLOW_UP, 60, "Kommunhuset"))
    p.do(c.CancelFollowUp())
    (shown,) = [x for x in previews(p.state) if x.invite.proposal.key == "follow_up"]
    # What the chair approves goes out as METHOD:CANCEL: the heading must say so.
    assert render_text([shown], "sv").startswith("Avbokning av uppföljningen → ")
    assert render_text([shown], "en").startswith("Cancellation of the follow-up → ")
