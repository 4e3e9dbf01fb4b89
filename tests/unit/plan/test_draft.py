"""The new-case form's fields read as a case file: quick dates, windows, nothing a file refuses."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime

import pytest

from starmote.plan.case import load_case
from starmote.plan.casedata import check_field, to_data
from starmote.plan.draft import (
    CaseDraft,
    DraftError,
    PartyDraft,
    TeamCaseDraft,
    blank,
    form_field,
    from_plan,
)
from starmote.plan.entry import (
    FieldRefused,
    parse_past_day,
    parse_when,
    parse_window,
    unique_key,
)
from starmote.plan.files import validate_file
from starmote.plan.model import STOCKHOLM
from starmote.plan.resources import sample_cases, templates_dir
from starmote.plan.template import load_template
from starmote.plan.writer import dumps

TODAY = date(2026, 11, 2)  # a Monday
PERSONNUMMER = "19121212-1212"  # Skatteverket's test number
SIP = load_template(templates_dir() / "motescirkel-sip.toml")
TEAM = load_template(templates_dir() / "star-team.toml")


def good() -> CaseDraft:
    """A small SIP case as the chair would type it."""
    return CaseDraft(
        template="motescirkel-sip",
        code="SIP-2026-100",
        individual="Sam L.",
        when="tis 14:00",
        duration="1h30",
        place="Kommunhuset",
        chair_name="Maria Ek",
        questions="Hur kan Sam komma närmare arbete?\n\nVem samordnar vården?",
        consent_given="20/10",
        consent_form="skriftligt",
        parties=[
            PartyDraft(organisation="Försäkringskassan", kind="fk", window="0-60"),
            PartyDraft(organisation="Närstående", kind="narstaende", person="Eva L."),
        ],
    )


def errors(draft: CaseDraft, template=SIP) -> dict[str, str]:
    try:
        to_data(draft, template, TODAY)
    except DraftError as err:
        return dict(err.errors)
    return {}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tis 14:00", datetime(2026, 11, 3, 14, 0)),
        ("15/12 13.30", datetime(2026, 12, 15, 13, 30)),
        ("+2v 9", datetime(2026, 11, 16, 9, 0)),
        ("2027-01-14 09:00", datetime(2027, 1, 14, 9, 0)),
        ("15 dec 1330", datetime(2026, 12, 15, 13, 30)),
    ],
)
def test_the_start_is_typed_as_in_the_app(typed, expected):
    assert parse_when(typed, TODAY) == expected.replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Skriv datum och tid"),
        ("15/12", "Klockslaget saknas"),
        ("15/12 2026", "Klockslaget saknas"),  # a year, not 20:26
        ("31/02 10:00", "”31/02” är inget giltigt datum."),
        ("2026-10-01 10:00", "2026-10-01 har redan varit."),
        ("2027-03-28 02:30", "02:30 finns inte den 2027-03-28"),  # clocks skip it
        ("2027-10-31 02:30", "02:30 inträffar två gånger den 2027-10-31"),  # and repeat it
        ("fredag kl", "Förstår inte"),
    ],
)
def test_a_start_that_is_not_one_is_refused_with_a_message(typed, message):
    with pytest.raises(FieldRefused) as refused:
        parse_when(typed, TODAY)
    assert message in str(refused.value)


def test_consent_given_on_a_day_and_month_is_the_last_one_not_the_next():
    assert parse_past_day("20/10", TODAY) == date(2026, 10, 20)
    assert parse_past_day("15/12", TODAY) == date(2025, 12, 15)
    assert parse_past_day("idag", TODAY) == TODAY
    assert parse_past_day("", TODAY) is None


def test_a_window_in_minutes_or_in_clock_times():
    start = datetime(2026, 11, 3, 9, 0, tzinfo=STOCKHOLM)
    assert parse_window("0-60", start, 90) == (0, 60)
    assert parse_window("30-", start, 90) == (30, None)
    assert parse_window("-45", start, 90) == (0, 45)
    assert parse_window("09:15–10.00", start, 90) == (15, 60)
    assert parse_window("", start, 90) is None
    for bad, message in (
        ("60-30", "Början måste komma före slutet."),
        ("0-120", "Ligger efter mötets slut (90 minuter)."),
        ("en timme", "Förstår inte"),
    ):
        with pytest.raises(FieldRefused) as refused:
            parse_window(bad, start, 90)
        assert message in str(refused.value)


def test_a_typed_case_becomes_a_valid_file(tmp_path):
    data = to_data(good(), SIP, TODAY)
    path = tmp_path / "case.toml"
    path.write_text(dumps(data), encoding="utf-8")
    assert validate_file(path) == []
    plan = load_case(path)
    assert plan.start == datetime(2026, 11, 3, 14, 0, tzinfo=STOCKHOLM)
    assert plan.duration_min == 90
    assert plan.questions == ("Hur kan Sam komma närmare arbete?", "Vem samordnar vården?")
    assert [p.key for p in plan.parties] == ["individ", "fk", "narstaende"]
    assert plan.party("fk").window is not None and plan.party("fk").window.until_min == 60
    assert plan.consent.given == date(2026, 10, 20)
    assert plan.consent.scope == ("fk", "narstaende")


def test_keys_left_empty_are_made_from_the_kind_and_never_clash():
    draft = good()
    draft.parties.append(PartyDraft(organisation="Försäkringskassan, LKF", kind="fk"))
    keys = [p["key"] for p in to_data(draft, SIP, TODAY)["parties"]]
    assert keys == ["fk", "narstaende", "fk-2"]
    assert unique_key("Vårdcentralen Åre", ["vardcentralen-are"]) == "vardcentralen-are-2"


def _text_fields(draft: CaseDraft) -> list[tuple[str, object, str]]:
    """(field name, the object holding it, attribute) for every text the chair types."""
    found: list[tuple[str, object, str]] = []
    skip = {"template", "language", "consent_form", "previous", "parties", "team_cases"}
    for f in fields(CaseDraft):
        if f.type == "str" and f.name not in skip:
            found.append((f.name, draft, f.name))
    for i, party in enumerate(draft.parties):
        for f in fields(PartyDraft):
            if f.type == "str" and f.name not in ("kind", "summons"):
                found.append((f"parties.{i}.{f.name}", party, f.name))
    return found


def test_a_personnummer_is_refused_in_every_field_at_that_field():
    draft = good()
    for name, holder, attribute in _text_fields(draft):
        typed = replace(draft, parties=[replace(p) for p in draft.parties])
        target = typed if holder is draft else typed.parties[int(name.split(".")[1])]
        setattr(target, attribute, f"Se {PERSONNUMMER} i akten")
        found = errors(typed)
        assert name in found, name
        assert "personnummer" in found[name], (name, found[name])


def test_a_personnummer_is_refused_in_a_team_case_too():
    draft = blank(TEAM)
    draft.code, draft.when, draft.place, draft.chair_name = "T-1", "tis 9", "Rum", "Maria Ek"
    draft.parties = [PartyDraft(organisation="AF", kind="af")]
    draft.team_cases = [TeamCaseDraft(code="T-01", minutes="20", person=f"Robin {PERSONNUMMER}")]
    assert "personnummer" in errors(draft, TEAM)["team_cases.0.person"]


def test_every_problem_is_named_by_its_field_in_form_order():
    draft = good()
    draft.code = "SIP 2026"
    draft.when = "15/12"
    draft.parties[0].email = "lena.berg"
    draft.parties[1].key = "individ"
    assert list(errors(draft)) == ["code", "when", "parties.0.email", "parties.1.key"]
    assert check_field(draft, "parties.0.email", SIP, TODAY) == "”lena.berg” är ingen e-postadress."
    assert check_field(draft, "place", SIP, TODAY) is None


def test_a_team_case_names_only_parties_that_exist():
    draft = blank(TEAM)
    draft.code, draft.when, draft.place, draft.chair_name = "T-1", "tis 9", "Rum", "Maria Ek"
    draft.parties = [
        PartyDraft(organisation="AF", kind="af"),
        PartyDraft(organisation="FK", kind="fk"),
    ]
    draft.team_cases = [
        TeamCaseDraft(code="T-01", minutes="20", needs="fk, kommun"),
        TeamCaseDraft(code="T-02", minutes="25", anonymised=True),
    ]
    assert errors(draft, TEAM) == {
        "team_cases.0.needs": "Ingen part har nyckeln kommun; parterna: af, fk."
    }
    draft.team_cases[0].needs = "fk"
    data = to_data(draft, TEAM, TODAY)
    assert "individual" not in data and "consent" not in data
    assert data["team_cases"][0]["consent"] == {"scope": ["af", "fk"]}
    assert "consent" not in data["team_cases"][1]


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        ("case.code", "code"),
        ("meeting.start", "when"),
        ("meeting", "place"),
        ("meeting.questions[2]", "questions"),
        ("meeting.chair.email", "chair_email"),
        ("meeting.note_taker", "note_name"),
        ("consent.valid_until", "consent_until"),
        ("parties[2].window.until_min", "parties.1.window"),
        ("parties[1].presence_requested", "parties.0.requested"),
        ("parties[3]", "parties.2.organisation"),
        ("team_cases[2].consent.given", "team_cases.1.consent_given"),
        ("team_cases[1].needs[1]", "team_cases.0.needs"),
        ("previous.insatser[1].owner", None),
    ],
)
def test_a_problem_in_the_written_file_leads_back_to_its_field(problem, field):
    assert form_field(problem) == field


@pytest.mark.parametrize("path", sample_cases(), ids=[p.stem for p in sample_cases()])
def test_a_sample_in_the_form_and_saved_unchanged_is_the_same_plan(path, tmp_path):
    plan = load_case(path)
    template = load_template(templates_dir() / f"{plan.template_key}.toml")
    saved = tmp_path / "case.toml"
    saved.write_text(dumps(to_data(from_plan(plan), template, TODAY)), encoding="utf-8")
    assert replace(load_case(saved), source="") == replace(plan, source="")
