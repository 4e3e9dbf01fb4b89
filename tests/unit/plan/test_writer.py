"""Case files written back: every plan loads again as itself, laid out as the README shows one."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import (
    STOCKHOLM,
    Previous,
    PreviousAction,
    PreviousGoal,
    PreviousParked,
    PreviousQuestion,
    Window,
    plan_from_dict,
    plan_to_dict,
)
from starmote.plan.resources import sample_cases
from starmote.plan.writer import case_data, dumps

SAMPLES = sample_cases()


def written(plan, tmp_path: Path, name: str = "case.toml") -> Path:
    path = tmp_path / name
    path.write_text(dumps(case_data(plan)), encoding="utf-8")
    return path


def same(a, b) -> bool:
    """Equal plans, whatever file each came from."""
    return replace(a, source="") == replace(b, source="")


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_loads_written_and_loads_again_as_the_same_plan(path, tmp_path):
    plan = load_case(path)
    again = written(plan, tmp_path)
    assert validate_file(again) == []
    assert same(load_case(again), plan)


def test_the_layout_follows_the_readme(tmp_path):
    plan = load_case(next(p for p in SAMPLES if p.stem == "demo"))
    text = dumps(case_data(plan))
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers[:6] == [
        "[case]",
        "[individual]",
        "[meeting]",
        "[meeting.chair]",
        "[meeting.note_taker]",
        "[consent]",
    ]
    assert headers[6:] == ["[[parties]]"] * 6  # one table per party, never inline
    fk = text[text.index('key = "fk"') :]
    keys = [line.split(" = ")[0] for line in fk.split("\n\n")[0].splitlines()]
    assert keys == [
        "key",
        "organisation",
        "kind",
        "person",
        "email",
        "role",
        "summons",
        "presence_requested",
        "window",
        "brings",
    ]
    assert "window = { from_min = 0, until_min = 60 }" in text
    assert "start = 2026-12-03T09:00:00" in text
    # Quotes and backslashes are tomli-w's to escape.
    odd = replace(plan, place='Rum "Älven" \\ plan 2')
    assert tomllib.loads(dumps(case_data(odd)))["meeting"]["place"] == 'Rum "Älven" \\ plan 2'


def test_a_start_in_the_repeated_autumn_hour_keeps_its_offset(tmp_path):
    plan = load_case(next(p for p in SAMPLES if p.stem == "demo"))
    second = datetime(2026, 10, 25, 2, 30, tzinfo=STOCKHOLM, fold=1)
    moved = replace(plan, start=second, consent=replace(plan.consent, given=date(2026, 10, 1)))
    text = dumps(case_data(moved))
    assert "start = 2026-10-25T02:30:00+01:00" in text
    assert load_case(written(moved, tmp_path)).start.utcoffset() == second.utcoffset()


def test_a_window_from_the_start_to_the_end_is_kept(tmp_path):
    plan = load_case(next(p for p in SAMPLES if p.stem == "demo"))
    open_ended = tuple(
        replace(p, window=Window(0, None)) if p.key == "af" else p for p in plan.parties
    )
    plan = replace(plan, parties=open_ended)
    assert same(load_case(written(plan, tmp_path)), plan)


PREVIOUS = Previous(
    meeting="20261203-0900-SIP-2026-031-k7mq",
    date=date(2026, 12, 3),
    goals=(PreviousGoal("short", "Sam har ett eget boende"), PreviousGoal("long", "Arbete")),
    insatser=(
        PreviousAction(
            "Boendestöd två gånger i veckan",
            "socialtjanst",
            "Socialtjänsten (Aisha Karlsson)",
            date(2027, 1, 15),
            "två gånger i veckan",
        ),
        PreviousAction("Söka praktik", "individ", "Sam L."),
    ),
    parked=(PreviousParked("Kan AF erbjuda praktik?", "af", "Arbetsförmedlingen"),),
    open_questions=(PreviousQuestion("Hur ska försörjningen se ut?", "deferred"),),
)


def test_a_follow_up_carries_its_previous_meeting_through_the_file_and_the_journal(tmp_path):
    plan = load_case(next(p for p in SAMPLES if p.stem == "demo"))
    follow_up = replace(plan, start=datetime(2027, 2, 4, 9, 0, tzinfo=STOCKHOLM), previous=PREVIOUS)
    path = written(follow_up, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "[previous]" in text and text.count("[[previous.insatser]]") == 2
    assert validate_file(path) == []
    loaded = load_case(path)
    assert loaded.previous == PREVIOUS
    assert same(loaded, follow_up)
    assert plan_from_dict(plan_to_dict(loaded)) == loaded
    # Stored as the journal stores it (JSON), and read back.
    import json

    assert plan_from_dict(json.loads(json.dumps(plan_to_dict(loaded)))) == loaded
