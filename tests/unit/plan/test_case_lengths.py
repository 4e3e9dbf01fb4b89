"""Case files: a text longer than its field allows is one `file:line: field: …` problem."""

# Expected problem lines are kept whole so they read exactly as the user sees them.
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import pytest

from starmote.plan import limits
from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.toml_source import FormatError
from tests.unit.plan.test_case_files import CASE, edit, lines_of, write


def test_an_organisation_over_the_limit_is_one_located_problem(tmp_path: Path) -> None:
    long = "Ö" * 250
    path = write(
        tmp_path, edit(CASE, ('organisation = "Exempelby kommun"', f'organisation = "{long}"'))
    )
    expected = ["{f}:19: parties[1].organisation: högst 200 tecken, nu 250"]
    assert lines_of(validate_file(path), path) == expected
    with pytest.raises(FormatError) as caught:
        load_case(path)
    assert lines_of(caught.value.problems, path) == expected
    assert lines_of(validate_file(path, lang="en"), path) == [
        "{f}:19: parties[1].organisation: at most 200 characters, got 250"
    ]


def test_exactly_the_limit_is_accepted_and_kept_whole(tmp_path: Path) -> None:
    name, place = "N" * limits.NAME, "P" * limits.SHORT
    question = "Q" * limits.TEXT
    path = write(
        tmp_path,
        edit(
            CASE,
            ('name = "Sam L."', f'name = "{name}"'),
            ('place = "Rum 1"', f'place = "{place}"'),
            ('questions = ["Vad behövs?"]', f'questions = ["{question}"]'),
            (
                'organisation = "Försäkringskassan"',
                f'organisation = "{name}"\nrole = "{"R" * limits.ROLE}"',
            ),
        ),
    )
    assert validate_file(path) == []
    plan = load_case(path)
    assert plan.individual.name == name and plan.place == place
    assert plan.questions == (question,)
    assert plan.party("fk").organisation == name and len(plan.party("fk").role) == limits.ROLE


def test_every_long_field_is_reported_on_its_own_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        edit(
            CASE,
            ('name = "Sam L."', f'name = "{"n" * 201}"'),
            ('place = "Rum 1"', f'place = "{"p" * 501}"'),
            ('questions = ["Vad behövs?"]', f'questions = ["Kort", "{"q" * 1001}"]'),
            ('name = "Maria Ek"', f'name = "{"m" * 300}"'),
            ('kind = "fk"', f'kind = "fk"\nrole = "{"r" * 101}"'),
        ),
    )
    assert lines_of(validate_file(path), path) == [
        "{f}:6: individual.name: högst 200 tecken, nu 201",
        "{f}:11: meeting.place: högst 500 tecken, nu 501",
        "{f}:12: meeting.questions[2]: högst 1000 tecken, nu 1001",
        "{f}:15: meeting.chair.name: högst 200 tecken, nu 300",
        "{f}:27: parties[2].role: högst 100 tecken, nu 101",
    ]


def test_a_multi_line_string_counts_its_line_breaks(tmp_path: Path) -> None:
    # A TOML multi-line string: 500 characters on two lines is one too many for `brings`.
    two_lines = "a" * 250 + "\n" + "b" * 250
    text = edit(CASE, ('kind = "fk"', f'kind = "fk"\nbrings = """{two_lines}"""'))
    path = write(tmp_path, text)
    assert lines_of(validate_file(path), path) == [
        "{f}:27: parties[2].brings: högst 500 tecken, nu 501"
    ]


def test_a_line_break_in_a_one_line_field_is_refused(tmp_path: Path) -> None:
    two_lines = "a" * 10 + "\n" + "b" * 10
    path = write(tmp_path, edit(CASE, ('name = "Sam L."', f'name = """{two_lines}"""')))
    (line,) = lines_of(validate_file(path), path)
    assert line.startswith(
        "{f}:6: individual.name: innehåller styr- eller riktningstecken (U+000A)"
    )


def test_keys_and_the_template_have_limits_too(tmp_path: Path) -> None:
    # A key is shown in refusals and F1; a kilobyte of one is a paste gone wrong, not a key.
    path = write(
        tmp_path,
        edit(
            CASE,
            ('key = "fk"', f'key = "{"k" * (limits.KEY + 1)}"'),
            ('template = "motescirkel-sip"', f'template = "{"t" * (limits.SHORT + 1)}"'),
        ),
    )
    lines = lines_of(validate_file(path), path)
    assert "{f}:3: case.template: högst 500 tecken, nu 501" in lines
    assert "{f}:24: parties[2].key: högst 40 tecken, nu 41" in lines
