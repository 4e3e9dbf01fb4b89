"""A key remap that names no key, or takes one another binding has, stops start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from starmote.cli.main import main
from starmote.plan.resources import demo_case
from starmote.store.journal import Journal
from starmote.tui.keymap import keymap_problem


def test_unknown_ids_and_clashes_are_found_free_keys_pass():
    assert keymap_problem({"live.skip": "x", "live.next_speaker": "enter"}) is None
    assert keymap_problem({"live.skipp": "x"}).clash == ""  # type: ignore[union-attr]
    assert keymap_problem({"live.skip": "space"}).clash == "live.next_speaker"  # type: ignore[union-attr]
    assert keymap_problem({"live.skip": "f1"}).clash == "app.help"  # type: ignore[union-attr]
    # Two remaps onto one key clash with each other too.
    assert keymap_problem({"live.skip": "x", "live.back": "x"}) is not None
    # Moving a key away frees it: skip may take b once back has moved on.
    assert keymap_problem({"live.back": "y", "live.skip": "b"}) is None


def test_run_refuses_a_clashing_remap_with_one_line_and_opens_no_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "settings.toml").write_text('[keys]\n"live.skip" = "space"\n', encoding="utf-8")
    assert main(["--home", str(tmp_path), "run", str(demo_case())]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "settings.toml" in line and "»live.skip«" in line and "»live.next_speaker«" in line
    with Journal.open(tmp_path) as journal:
        assert journal.latest_open() is None
