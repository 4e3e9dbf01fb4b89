"""A template's own words: who opens each part, huvudansvarig, convener, horizons, sections."""

# ruff: noqa: E501
# Expected problem lines are kept whole so they read exactly as the user sees them.

from __future__ import annotations

import re
from pathlib import Path

import pytest

from starmote.plan import resources
from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import plan_from_dict, plan_to_dict
from starmote.plan.template import load_template
from tests.unit.plan.test_case_files import TEMPLATE, edit, lines_of, write

WORDS = """\
lead = false
convener = "fk"
horizons = ["short"]
decisions_sv = "Överenskommelser"
decisions_en = "Agreements"

[[sections]]
key = "arbetsformaga"
title_sv = "Arbetsförmåga"
title_en = "Work capacity"
"""
"""Written after the roles line of TEMPLATE (line 7): its lines are 8 on."""


def with_words(text: str = WORDS) -> str:
    return edit(TEMPLATE, ('roles = ["kommun", "fk"]\n', 'roles = ["kommun", "fk"]\n' + text))


def test_defaults_read_as_a_sip_meeting(tmp_path: Path) -> None:
    template = load_template(write(tmp_path, TEMPLATE, "mall.toml"))
    assert (template.lead, template.convener, template.horizons) == (
        True,
        "chair",
        ("short", "long"),
    )
    assert (template.decisions_sv, template.sections) == ("", ())
    assert [p.opener for p in template.phases] == ["individ", "individ"]


def test_words_are_read(tmp_path: Path) -> None:
    text = with_words() + "\n"
    text = edit(text, ("share = 40\n", 'share = 40\nfirst = "fk"\nprompt_parties = ["fk"]\n'))
    template = load_template(write(tmp_path, text, "mall.toml"))
    assert (template.lead, template.convener, template.horizons) == (False, "fk", ("short",))
    assert (template.decisions_sv, template.decisions_en) == ("Överenskommelser", "Agreements")
    assert [(s.key, s.title("en")) for s in template.sections] == [
        ("arbetsformaga", "Work capacity")
    ]
    first = template.phases[0]
    assert (first.opener, first.individual_first, first.prompt_parties) == ("fk", False, ("fk",))


BROKEN = {
    "convener not a role": (
        [('convener = "fk"', 'convener = "af"')],
        ["{f}:9: template.convener: 'af' är inte tillåtet; välj en av: chair, kommun, fk"],
    ),
    "unknown horizon": (
        [('horizons = ["short"]', 'horizons = ["short", "medium"]')],
        ["{f}:10: template.horizons[2]: 'medium' är inte tillåtet; välj en av: short, long"],
    ),
    "lead not a boolean": (
        [("lead = false", 'lead = "nej"')],
        ["{f}:8: template.lead: ska vara true eller false, inte en text inom citattecken"],
    ),
    "decisions in one language only": (
        [('decisions_en = "Agreements"\n', "")],
        [
            "{f}:1: template.decisions_en: saknas: decisions_sv är angivet, så ska båda språken anges"
        ],
    ),
    "section without an English title": (
        [('title_en = "Work capacity"\n', "")],
        ["{f}:14: sections[1].title_en: saknas men måste anges"],
    ),
    "a part opened by a party kind not in roles": (
        [("share = 40\n", 'share = 40\nfirst = "af"\n')],
        ["{f}:24: phases[1].first: 'af' är inte tillåtet; välj en av: individ, chair, kommun, fk"],
    ),
    "first against individual_first": (
        [("share = 40\n", 'share = 40\nindividual_first = true\nfirst = "fk"\n')],
        ["{f}:25: phases[1].first: 'fk' säger emot individual_first; ta bort individual_first"],
    ),
    "a part's agenda line in one language only": (
        [("share = 40\n", 'share = 40\nabout_sv = "A – det här"\n')],
        ["{f}:19: phases[1].about_en: saknas: about_sv är angivet, så ska båda språken anges"],
    ),
    "prompt_parties of the wrong length and kind": (
        [("share = 40\n", 'share = 40\nprompt_parties = ["", "af"]\n')],
        [
            "{f}:24: phases[1].prompt_parties: prompt_parties har 2 punkter men fasen har 1 prompter; de ska vara lika många",
            "{f}:24: phases[1].prompt_parties[2]: 'af' är inte tillåtet; välj en av: kommun, fk",
        ],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_words(tmp_path: Path, name: str) -> None:
    """`validate` reports each wrong field on its own line, naming it."""
    pairs, expected = BROKEN[name]
    path = write(tmp_path, edit(with_words(), *pairs), "mall.toml")
    assert lines_of(validate_file(path), path) == expected


def test_avstamning_speaks_in_its_own_words() -> None:
    template = load_template(resources.templates_dir() / "avstamningsmote.toml")
    assert (template.lead, template.convener, template.horizons) == (False, "fk", ())
    assert template.decisions_sv == "Överenskommelser"
    assert [s.title_sv for s in template.sections] == [
        "Arbetsförmåga",
        "Arbetsgivarens anpassningar",
        "Plan för återgång",
    ]
    # Försäkringskassan says why the meeting is held before anyone else has the word.
    assert template.phases[0].opener == "fk"


def test_plan_carries_the_words_through_the_journal() -> None:
    plan = load_case(resources.samples_dir() / "avstamning-rygg.toml")
    again = plan_from_dict(plan_to_dict(plan))
    assert (again.lead, again.convener, again.horizons) == (False, "fk", ())
    assert again.sections == plan.sections and again.decisions_en == "Agreements"
    assert again.convener_key() == "fk"
    # No af in this case: the prompt that names Arbetsförmedlingen is not shown.
    shown = [again.phases[2].prompts_sv[i] for i in again.shown_prompts(2)]
    assert "Vad kan Arbetsförmedlingen bidra med?" not in shown
    assert "Vad kan vården bidra med?" in shown


def test_plan_stored_before_the_words_reads_as_sip() -> None:
    plan = load_case(resources.samples_dir() / "demo.toml")
    data = plan_to_dict(plan)
    for key in ("lead", "convener", "horizons", "decisions_sv", "decisions_en", "sections"):
        del data[key]
    for phase in data["phases"]:
        del phase["first"], phase["prompt_parties"], phase["about_sv"], phase["about_en"]
    old = plan_from_dict(data)
    assert (old.lead, old.convener, old.horizons) == (True, "chair", ("short", "long"))
    assert all(p.opener == "individ" for p in old.phases)


OPENERS = {
    "personen": "individ",
    "Försäkringskassan": "fk",
    "Arbetsförmedlingen": "af",
    "arbetsgivaren": "arbetsgivare",
    "vården": "region",
}
"""Whom a checklist prompt "Låt … " gives the word to, as a part's `first`."""


@pytest.mark.parametrize("path", resources.shipped_templates(), ids=lambda p: p.stem)
def test_the_checklist_and_the_speaking_order_agree(path: Path) -> None:
    """Where a part's checklist says whom to let speak first, the round opens with them."""
    for phase in load_template(path).phases:
        named = [
            OPENERS[m.group(1)]
            for prompt in phase.prompts_sv
            for m in re.finditer(r"\b[Ll]åt (\w+)", prompt)
            if m.group(1) in OPENERS
        ]
        if named:
            assert named[0] == phase.opener, (path.stem, phase.key)
