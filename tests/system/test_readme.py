"""The README's case-file example is a valid case, and its quick start is two commands."""

from __future__ import annotations

import re
from pathlib import Path

from starmote.plan import case, files

README = Path(__file__).resolve().parents[2] / "README.md"


def toml_blocks(section: str) -> list[str]:
    text = README.read_text("utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```toml\n(.*?)```", body, flags=re.S)


def test_case_file_example_validates(tmp_path: Path) -> None:
    example = tmp_path / "example.toml"
    example.write_text(toml_blocks("Case files")[0], "utf-8")
    assert files.validate_file(example) == []
    plan = case.load_case(example)
    assert plan.case_code == "SIP-2026-031"
    assert plan.party("fk").window is not None and plan.party("fk").window.until_min == 60


def test_quick_start_is_exactly_two_commands() -> None:
    text = README.read_text("utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```\n(.*?)```", quick, flags=re.S)[0]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].endswith("starmote demo") and lines[1].endswith("pytest")


def test_the_previous_meeting_example_completes_the_case_example(tmp_path: Path) -> None:
    blocks = toml_blocks("Case files")
    previous = next(block for block in blocks if block.startswith("[previous]"))
    example = tmp_path / "follow-up.toml"
    example.write_text(blocks[0] + "\n" + previous, "utf-8")
    problems = files.validate_file(example)
    # The abridged case calls neither the insats's owner nor AF: warnings, reviewed all the same.
    assert [(p.field, p.warning) for p in problems] == [
        ("previous.insatser[1].owner", True),
        ("previous.parked[1].for_party", True),
    ]
    plan = case.load_case(example)
    assert plan.previous is not None and plan.previous.insatser[0].owner == "socialtjanst"
    assert [q.status for q in plan.previous.open_questions] == ["deferred"]


def test_the_chain_from_one_meeting_to_the_next_names_its_commands() -> None:
    text = README.read_text("utf-8")
    chain = text.split("## From one meeting to the next", 1)[1].split("\n## ", 1)[0]
    commands = ("starmote new", "starmote invite FILE", "starmote run FILE", "starmote export ID")
    for command in (*commands, "starmote followup ID --move", "--from ID"):
        assert command in chain
