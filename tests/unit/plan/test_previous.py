"""A case file's `[previous]`: what a follow-up carries, checked like every other table."""

# Expected problem lines are kept whole so they read exactly as the user sees them.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date

from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from tests.unit.plan.test_case_files import CASE

PREVIOUS = """
[previous]
meeting = "20261105-0900-SIP-2026-001-abcd"
date = 2026-11-05

[[previous.goals]]
horizon = "short"
text = "Ett eget boende"

[[previous.insatser]]
what = "Boendestöd"
owner = "kommun"
owner_name = "Exempelby kommun"
due = 2026-12-01
how_often = "varje vecka"

[[previous.parked]]
text = "Kan FK pröva rehabiliteringsersättning?"
for_party = "fk"
for_name = "Försäkringskassan"

[[previous.open_questions]]
text = "Hur ska försörjningen se ut?"
status = "deferred"
"""


def write(tmp_path, text: str):
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


def lines(tmp_path, text: str) -> list[str]:
    path = write(tmp_path, text)
    return [str(p).replace(str(path), "case.toml") for p in validate_file(path)]


def test_the_previous_meeting_arrives_in_the_plan(tmp_path):
    plan = load_case(write(tmp_path, CASE + PREVIOUS))
    previous = plan.previous
    assert previous is not None and previous.meeting == "20261105-0900-SIP-2026-001-abcd"
    assert previous.date == date(2026, 11, 5)
    assert [(g.horizon, g.text) for g in previous.goals] == [("short", "Ett eget boende")]
    action = previous.insatser[0]
    assert (action.what, action.owner, action.due, action.how_often) == (
        "Boendestöd",
        "kommun",
        date(2026, 12, 1),
        "varje vecka",
    )
    assert previous.parked[0].for_party == "fk"
    assert [(q.text, q.status) for q in previous.open_questions] == [
        ("Hur ska försörjningen se ut?", "deferred")
    ]


def test_a_case_without_previous_has_none(tmp_path):
    assert load_case(write(tmp_path, CASE)).previous is None


def test_unknown_fields_and_wrong_values_in_previous_are_errors(tmp_path):
    text = CASE + PREVIOUS.replace('horizon = "short"', 'horizon = "soon"').replace(
        'how_often = "varje vecka"', 'how_often = "varje vecka"\nowner_mail = "x@y.se"'
    ).replace('status = "deferred"', 'status = "answered"')
    assert lines(tmp_path, text) == [
        "case.toml:34: previous.goals[1].horizon: 'soon' är inte tillåtet; välj en av: short, long",
        "case.toml:43: previous.insatser[1].owner_mail: okänt fält (stavfel?)",
        "case.toml:52: previous.open_questions[1].status: 'answered' är inte tillåtet; välj en av: open, deferred",
    ]


def test_the_previous_meeting_must_come_before_this_one(tmp_path):
    text = CASE + PREVIOUS.replace("date = 2026-11-05", "date = 2026-12-03")
    assert lines(tmp_path, text) == [
        "case.toml:31: previous.date: föregående möte 2026-12-03 ligger inte före det här mötet 2026-12-03"
    ]


def test_an_owner_no_longer_called_is_a_warning_not_an_error(tmp_path):
    text = CASE + PREVIOUS.replace('owner = "kommun"', 'owner = "af"').replace(
        'owner_name = "Exempelby kommun"', 'owner_name = "Arbetsförmedlingen"'
    )
    found = validate_file(write(tmp_path, text))
    assert [p.warning for p in found] == [True]
    assert "Arbetsförmedlingen är inte kallad till det här mötet" in found[0].message
    # The file is still valid: the insats is reviewed under the name it had.
    assert load_case(write(tmp_path, text)).previous.insatser[0].owner == "af"


def test_the_individual_may_own_an_insats(tmp_path):
    text = CASE + PREVIOUS.replace('owner = "kommun"', 'owner = "individ"')
    assert validate_file(write(tmp_path, text)) == []


def test_a_previous_without_its_meeting_and_date_is_refused(tmp_path):
    text = CASE + "\n[previous]\n"
    assert lines(tmp_path, text) == [
        "case.toml:29: previous.meeting: saknas men måste anges",
        "case.toml:29: previous.date: saknas men måste anges",
    ]
