"""The shipped templates and fictional sample cases: all valid, and covering what the issue asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from starmote.plan import agenda, resources
from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import INDIVIDUAL, plan_from_dict, plan_to_dict
from starmote.plan.template import load_template
from starmote.privacy import find_personnummer

TEMPLATES = resources.shipped_templates()
SAMPLES = resources.sample_cases()


# Skatteverket's published test number; the only one the samples may carry.
def ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_shipped_folders_found() -> None:
    assert resources.templates_dir().is_dir()
    assert resources.samples_dir().is_dir()
    assert {p.stem for p in TEMPLATES} >= {
        "motescirkel-sip",
        "star-samplanering",
        "avstamningsmote",
        "star-team",
    }
    assert len(SAMPLES) >= 5
    assert resources.demo_case() in SAMPLES


def test_installed_layout_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "starmote"
    (package / "templates").mkdir(parents=True)
    (package / "templates" / "x.toml").write_text("")
    (tmp_path / "site" / "templates").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.templates_dir() == package / "templates"
    assert resources.shipped_templates() == [package / "templates" / "x.toml"]
    # No sample_cases inside the package: fall back to the checkout layout.
    assert resources.samples_dir() == tmp_path / "site" / "sample_cases"
    assert resources.sample_cases() == []


@pytest.mark.parametrize("path", TEMPLATES, ids=ids(TEMPLATES))
def test_template_valid(path: Path) -> None:
    assert validate_file(path) == []
    template = load_template(path)
    assert template.key == path.stem
    assert abs(sum(p.share for p in template.phases) - 100) <= 0.01
    for phase in template.phases:
        assert 3 <= len(phase.prompts_sv) <= 6, phase.key
        assert len(phase.prompts_sv) == len(phase.prompts_en), phase.key
        assert all(p.strip() for p in phase.prompts_sv + phase.prompts_en)


def test_motescirkel_shares() -> None:
    template = load_template(resources.templates_dir() / "motescirkel-sip.toml")
    assert [(p.key, p.share) for p in template.phases] == [
        ("inledning", 10),
        ("aktuell-situation", 20),
        ("behov", 45),
        ("sammanfattning", 15),
        ("avslutning", 10),
    ]
    behov = template.phases[2]
    assert behov.floor_share == 30
    assert max(template.phases, key=lambda p: p.share) is behov


def test_template_kinds() -> None:
    kinds = {p.stem: load_template(p).kind for p in TEMPLATES}
    assert kinds["motescirkel-sip"] == "sip"
    assert kinds["star-samplanering"] == "star-samplanering"
    assert kinds["avstamningsmote"] == "avstamning"
    assert kinds["star-team"] == "star-team"


def test_star_team_template() -> None:
    template = load_template(resources.templates_dir() / "star-team.toml")
    assert template.individual_attends is False
    assert template.per_case == "arenden"
    assert [(p.key, p.share, p.turns) for p in template.phases] == [
        ("inledning", 5, "open"),
        ("arenden", 85, "round"),
        ("avslutning", 10, "open"),
    ]


@pytest.mark.parametrize("path", SAMPLES, ids=ids(SAMPLES))
def test_sample_valid_and_round_trips(path: Path) -> None:
    assert validate_file(path) == []
    plan = load_case(path)
    assert plan.source == str(path)
    # A circle fills its booked time; a team session's agenda ends within it.
    fills = sum(plan.phase_budgets()) == plan.duration_s
    assert fills if not plan.team_cases else sum(plan.phase_budgets()) <= plan.duration_s
    assert plan_from_dict(plan_to_dict(plan)) == plan
    if plan.kind != "star-team":
        assert plan.parties[0].key == INDIVIDUAL


@pytest.mark.parametrize("path", SAMPLES, ids=ids(SAMPLES))
def test_sample_is_fictional(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for address in re.findall(r"[\w.+-]+@([\w.-]+)", text):
        assert address.endswith(("example.se", "example.org", "example.com")), address
    assert find_personnummer(text) == []  # not even Skatteverket's test numbers: none is needed
    assert "påhitta" in text.lower()  # says so in its header comment


def test_demo_budgets() -> None:
    plan = load_case(resources.demo_case())
    assert plan.template_key == "motescirkel-sip"
    assert plan.duration_min == 90
    assert plan.phase_budgets() == (540, 1080, 2430, 810, 540)
    assert len(plan.parties) >= 6
    assert plan.note_taker is not None and plan.place and plan.video_link
    assert len(plan.questions) >= 2 and plan.consent.given is not None


def _plans() -> list:
    return [load_case(p) for p in SAMPLES]


def test_samples_cover_the_issue() -> None:
    plans = _plans()
    # A STAR planning where FK is invited, with its presence requested.
    assert any(
        p.kind == "star-samplanering"
        and any(
            x.kind == "fk" and x.summons == "inbjuden" and x.presence_requested for x in p.parties
        )
        for p in plans
    )
    # A SIP with a parent and a god man.
    assert any(
        p.kind == "sip"
        and {x.kind for x in p.parties} >= {"god_man"}
        and {x.kind for x in p.parties} & {"narstaende", "vardnadshavare"}
        for p in plans
    )
    # A hybrid meeting with a party on the phone.
    assert any(
        p.place and p.video_link and any("telefon" in x.role for x in p.parties) for p in plans
    )
    # A young adult's first meeting: BUP to vuxenpsykiatri, with a SYV.
    assert any(
        any("BUP" in x.organisation for x in p.parties)
        and any(x.kind == "skola" for x in p.parties)
        for p in plans
    )


def test_star_team_sample() -> None:
    plan = next(p for p in _plans() if p.kind == "star-team")
    assert len(plan.team_cases) == 4
    assert sum(c.anonymised for c in plan.team_cases) == 1
    assert all(c.anonymised != (c.consent is not None) for c in plan.team_cases)
    fk = next(x for x in plan.parties if x.kind == "fk")
    assert fk.window is not None and (fk.window.from_min, fk.window.until_min) == (0, 60)
    # The two cases that need FK are listed first and last; the agenda puts both in FK's hour.
    assert [c.code for c in plan.team_cases if "fk" in c.needs] == ["T-01", "T-04"]
    case_phases = [p.case_code for p in plan.phases if p.case_code]
    assert case_phases == ["T-01", "T-04", "T-02", "T-03"]
    assert agenda.window_clashes(plan) == ()
    assert not plan.has_party(INDIVIDUAL)
    # The person in T-03 attends their own case, and only that one.
    person = plan.party(plan.team_case("T-03").party_key)
    assert person.is_individual and person.case == "T-03" and person.person == "Robin K."
