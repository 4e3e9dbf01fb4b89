"""`starmote new`: the command around the form, its `--from`, and what it runs afterwards."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from starmote.cli import meeting, newcase
from starmote.cli.main import main, parse
from starmote.plan.writer import case_data, dumps
from starmote.store.journal import Journal
from tests.support.followup import MEETING_ID, hold_meeting
from tests.support.tui import demo_plan


def args_for(home: Path, *extra: str) -> argparse.Namespace:
    return parse(["new", "--home", str(home), *extra])


def test_new_is_listed_with_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    assert "--from ID" in out and "--out FILE" in out
    assert main([]) == 0
    assert "new" in capsys.readouterr().out


def test_from_an_unknown_meeting_says_so_and_creates_no_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--from", "20261203", "--home", str(tmp_path)]) == 2
    assert "det finns inget möte 20261203" in capsys.readouterr().err
    assert not Journal.exists(tmp_path)


def test_from_takes_a_unique_start_of_an_id_and_refuses_an_ambiguous_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hold_meeting(tmp_path)
    draft = newcase._follow_up(args_for(tmp_path, "--from", MEETING_ID[:20]), "sv")
    assert draft is not None and draft.previous is not None
    assert draft.previous.meeting == MEETING_ID
    with Journal.open(tmp_path) as journal:
        from starmote.store.session import Session, SystemClock

        Session.start(journal, demo_plan(), SystemClock(), meeting_id=MEETING_ID + "-2")
    assert main(["new", "--from", MEETING_ID[:20], "--home", str(tmp_path)]) == 2
    assert "kan vara flera möten" in capsys.readouterr().err


def test_what_the_chair_chooses_after_saving_runs_as_the_command_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.toml"
    case.write_text(dumps(case_data(demo_plan())), encoding="utf-8")
    # `run` is the very function `starmote run` calls, with the same home and language.
    chosen = parse(["run", str(case), "--home", str(tmp_path)])
    assert chosen.run is meeting.cmd_run
    args = args_for(tmp_path, "--lang", "en")
    assert newcase._then("validate", str(case), args) == 0
    assert capsys.readouterr().out.strip() == f"OK: {case}"
    case.write_text("[case]\n", encoding="utf-8")
    assert newcase._then("validate", str(case), args) == 2  # the real command judged it


def test_the_kallelse_is_offered_now_that_starmote_can_write_one() -> None:
    # `starmote invite CASE` exists (cli/invite.py): the saved dialog offers it.
    assert newcase.can_invite() is True
