"""`starmote resume ID` takes a unique start of the id, as export, followup and new --from do."""

from __future__ import annotations

from pathlib import Path

import pytest

from starmote.cli import meeting
from starmote.cli.main import main
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.factories import make_plan


def test_resume_takes_the_start_of_an_id_and_refuses_an_ambiguous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal.open(tmp_path) as journal:
        for meeting_id in ("20261208-0900-SIP-1-aaaa", "20261208-1300-SIP-2-bbbb"):
            Session.start(journal, make_plan(), FakeClock(), meeting_id=meeting_id)
    opened: list[str] = []
    monkeypatch.setattr(meeting, "open_app", lambda s, *rest: opened.append(s.meeting_id) or 0)
    assert main(["--home", str(tmp_path), "resume", "20261208-09"]) == 0
    assert opened == ["20261208-0900-SIP-1-aaaa"]
    capsys.readouterr()
    assert main(["--home", str(tmp_path), "resume", "20261208"]) == 2
    err = capsys.readouterr().err
    assert "20261208-0900-SIP-1-aaaa" in err and "20261208-1300-SIP-2-bbbb" in err
    assert opened == ["20261208-0900-SIP-1-aaaa"]
