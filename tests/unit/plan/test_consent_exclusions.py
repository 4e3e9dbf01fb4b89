"""Consent exclusions in case files: `[consent] exclude`, checked to one located line each."""

# Expected problem lines are kept whole so they read exactly as the user sees them.
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import Exclusion, plan_from_dict, plan_to_dict
from starmote.plan.writer import case_data, dumps
from tests.unit.plan.test_case_files import CASE, STAR_TEAM, edit, write

EXCLUDING = edit(
    CASE,
    (
        "[[parties]]\n",
        "[consent]\ngiven = 2026-11-20\n\n"
        '[[consent.exclude]]\nparty = "fk"\ncategory = "halsa"\n\n'
        '[[consent.exclude]]\nparty = "kommun"\ncategory = "missbruk"\n\n[[parties]]\n',
    ),
)


def test_an_exclusion_names_a_party_and_a_category_and_survives_the_journal(
    tmp_path: Path,
) -> None:
    plan = load_case(write(tmp_path, EXCLUDING))
    assert plan.consent.exclude == (Exclusion("fk", "halsa"), Exclusion("kommun", "missbruk"))
    assert plan.consent.excluded_for("fk") == ("halsa",)
    assert plan.consent.excluded_for("individ") == ()
    assert plan_from_dict(plan_to_dict(plan)).consent == plan.consent
    # `new --from` writes the case file again: the exclusions go with it.
    again = load_case(write(tmp_path, dumps(case_data(plan)), "again.toml"))
    assert again.consent.exclude == plan.consent.exclude


def test_an_unknown_party_or_category_is_one_line_naming_file_line_and_field(
    tmp_path: Path,
) -> None:
    text = edit(
        EXCLUDING,
        ('party = "fk"', 'party = "af"'),
        ('category = "missbruk"', 'category = "sjukdom"\nreason = "x"'),
    )
    path = write(tmp_path, text)
    got = [str(p) for p in validate_file(path)]
    assert got == [
        f"{path}:21: consent.exclude[1].party: 'af' är ingen part i ärendet; parter: fk, kommun",
        f"{path}:26: consent.exclude[2].category: 'sjukdom' är inte tillåtet; välj en av: halsa, ekonomi, familj, missbruk",
        f"{path}:27: consent.exclude[2].reason: okänt fält (stavfel?)",
    ]


def test_a_team_case_excludes_for_its_own_consent(tmp_path: Path) -> None:
    good = edit(
        STAR_TEAM,
        (
            'scope = ["fk"] }',
            'scope = ["fk"], exclude = [{ party = "fk", category = "ekonomi" }] }',
        ),
    )
    plan = load_case(write(tmp_path, good))
    assert plan.consent_of("T-01") is not None
    assert plan.consent_of("T-01").excluded_for("fk") == ("ekonomi",)  # type: ignore[union-attr]
    assert plan.consent_of("T-02") is None and plan.consent_of("") is None
    bad = write(
        tmp_path, good.replace('party = "fk", category', 'party = "af", category'), "bad.toml"
    )
    got = [str(p) for p in validate_file(bad)]
    assert got == [
        f"{bad}:22: team_cases[1].consent.exclude[1].party: 'af' är ingen part i ärendet; parter: fk"
    ]
