"""Every text field of a case or template file: no personnummer, no control or bidi character.

Each spelling of a personnummer the detector knows, and each unsafe character, is put into
each text field in turn; the file is refused with one problem naming that field, and no
message echoes the number or the character back to the terminal.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from starmote.plan.files import validate_file
from starmote.plan.resources import templates_dir
from starmote.plan.toml_source import FieldPath, field_name
from starmote.privacy import unsafe_characters
from tests.unit.test_privacy import SPELLINGS, UNSAFE

PERSONNUMMER = "innehåller ett personnummer"
CONTROL = "innehåller styr- eller riktningstecken"


def sip_case() -> dict[str, Any]:
    """A valid SIP case that fills every text field a case file has."""
    return {
        "case": {"code": "SIP-2026-001", "template": "motescirkel-sip", "language": "sv"},
        "individual": {"name": "Sam L.", "contact_note": "Vill ha paus"},
        "meeting": {
            "start": datetime(2026, 12, 3, 9, 0),
            "duration_min": 90,
            "place": "Rum 1",
            "video_link": "https://mote.example.se/1",
            "questions": ["Vad behövs?"],
            "chair": {"name": "Maria Ek", "email": "maria@example.se", "organisation": "Kommunen"},
            "note_taker": {"name": "Jonas", "email": "jonas@example.se", "organisation": "AME"},
        },
        "consent": {
            "given": datetime(2026, 11, 20).date(),
            "form": "skriftligt",
            "scope": ["fk"],
            "not_shared": ["Familjen"],
        },
        "parties": [
            {
                "key": "kommun",
                "organisation": "Exempelby kommun",
                "kind": "kommun",
                "person": "Eva Ek",
                "email": "eva@example.se",
                "role": "socialsekreterare",
                "summons": "kallad",
                "brings": "Planeringen",
            },
            {"key": "fk", "organisation": "Försäkringskassan", "kind": "fk"},
        ],
    }


def team_case() -> dict[str, Any]:
    """A valid STAR team session whose cases fill their text fields."""
    data = sip_case()
    del data["individual"], data["consent"]
    data["case"]["template"] = "star-team"
    data["meeting"]["duration_min"] = 120
    data["team_cases"] = [
        {
            "code": "T-01",
            "minutes": 30,
            "questions": ["Vem tar kontakt?"],
            "kind": "ny",
            "needs": ["fk"],
            "consent": {"form": "muntligt", "scope": ["fk"], "not_shared": ["Skulder"]},
            "person": {"name": "Robin K.", "attends": True},
        },
        {"code": "T-02", "minutes": 20, "anonymised": True},
    ]
    return data


def template() -> dict[str, Any]:
    return tomllib.loads((templates_dir() / "motescirkel-sip.toml").read_text("utf-8"))


SIP_FIELDS: list[FieldPath] = [
    ("case", "code"),
    ("case", "template"),
    ("case", "language"),
    ("individual", "name"),
    ("individual", "contact_note"),
    ("meeting", "place"),
    ("meeting", "video_link"),
    ("meeting", "questions", 0),
    ("meeting", "chair", "name"),
    ("meeting", "chair", "email"),
    ("meeting", "chair", "organisation"),
    ("meeting", "note_taker", "name"),
    ("meeting", "note_taker", "email"),
    ("meeting", "note_taker", "organisation"),
    ("consent", "form"),
    ("consent", "scope", 0),
    ("consent", "not_shared", 0),
    ("parties", 0, "key"),
    ("parties", 0, "organisation"),
    ("parties", 0, "kind"),
    ("parties", 0, "person"),
    ("parties", 0, "email"),
    ("parties", 0, "role"),
    ("parties", 0, "summons"),
    ("parties", 0, "brings"),
]
TEAM_FIELDS: list[FieldPath] = [
    ("team_cases", 0, "code"),
    ("team_cases", 0, "questions", 0),
    ("team_cases", 0, "kind"),
    ("team_cases", 0, "needs", 0),
    ("team_cases", 0, "consent", "form"),
    ("team_cases", 0, "consent", "not_shared", 0),
    ("team_cases", 0, "person", "name"),
]
MULTI_LINE = {
    ("meeting", "questions", 0),
    ("parties", 0, "brings"),
    ("team_cases", 0, "questions", 0),
}
"""Fields whose text may span lines: a tab or line feed is allowed there, nothing else."""
TEMPLATE_FIELDS: list[FieldPath] = [
    ("template", "key"),
    ("template", "kind"),
    ("template", "title_sv"),
    ("template", "title_en"),
    ("template", "roles", 0),
    ("phases", 0, "key"),
    ("phases", 0, "title_sv"),
    ("phases", 0, "title_en"),
    ("phases", 0, "turns"),
    ("phases", 0, "prompts_sv", 0),
    ("phases", 0, "prompts_en", 0),
]


def put(data: dict[str, Any], path: FieldPath, value: str) -> dict[str, Any]:
    at: Any = data
    for part in path[:-1]:
        at = at[part]
    at[path[-1]] = value
    return data


def check(
    tmp_path: Path, data: dict[str, Any], paths: list[FieldPath], value: str, name: str
) -> None:
    """`value` in every field of `paths` at once: each is refused on its own, named once."""
    for path in paths:
        put(data, path, value)
    file = tmp_path / name
    file.write_text(tomli_w.dumps(data), "utf-8")
    problems = validate_file(file)
    expected = CONTROL if unsafe_characters(value) else PERSONNUMMER
    for path in paths:
        hits = [p for p in problems if p.field == field_name(path)]
        assert len(hits) == 1, (field_name(path), [str(p) for p in problems])
        assert hits[0].message.startswith(expected), hits[0].message
    printed = "\n".join(str(p) for p in problems).replace(str(file), "")
    assert value not in printed and "1212" not in printed and "0017" not in printed
    assert not unsafe_characters(printed, multiline=True)


def one_line(paths: list[FieldPath]) -> list[FieldPath]:
    return [p for p in paths if p not in MULTI_LINE]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_personnummer_in_any_case_field_is_refused(tmp_path: Path, spelling: str) -> None:
    check(tmp_path, sip_case(), SIP_FIELDS, f"Text {spelling} text", "case.toml")
    check(tmp_path, team_case(), TEAM_FIELDS, f"Text {spelling} text", "team.toml")


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_personnummer_in_any_template_field_is_refused(tmp_path: Path, spelling: str) -> None:
    check(tmp_path, template(), TEMPLATE_FIELDS, f"Text {spelling} text", "motescirkel-sip.toml")


@pytest.mark.parametrize("ch", [*UNSAFE, "\x1b[2J"])
def test_a_control_or_bidi_character_in_any_field_is_refused(tmp_path: Path, ch: str) -> None:
    check(tmp_path, sip_case(), SIP_FIELDS, f"Rum{ch}4", "case.toml")
    check(tmp_path, team_case(), TEAM_FIELDS, f"Rum{ch}4", "team.toml")
    check(tmp_path, template(), TEMPLATE_FIELDS, f"Rum{ch}4", "motescirkel-sip.toml")


@pytest.mark.parametrize("ch", ["\t", "\n"])
def test_tab_and_line_feed_only_in_a_multi_line_field(tmp_path: Path, ch: str) -> None:
    check(tmp_path, sip_case(), one_line(SIP_FIELDS), f"Rum{ch}4", "case.toml")
    check(tmp_path, team_case(), one_line(TEAM_FIELDS), f"Rum{ch}4", "team.toml")
    data = team_case()
    for path in MULTI_LINE:
        put(data, path, f"Rum{ch}4")
    file = tmp_path / "multi.toml"
    file.write_text(tomli_w.dumps(data), "utf-8")
    assert validate_file(file) == []


def test_the_full_cases_are_valid(tmp_path: Path) -> None:
    for name, data in (("sip.toml", sip_case()), ("team.toml", team_case())):
        file = tmp_path / name
        file.write_text(tomli_w.dumps(data), "utf-8")
        assert validate_file(file) == [], name
