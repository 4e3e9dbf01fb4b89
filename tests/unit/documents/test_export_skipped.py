"""An export says what it did not write and why: no .eml without a follow-up, say."""

from __future__ import annotations

from pathlib import Path

import pytest

from starmote.cli.main import main
from starmote.documents.skipped import not_written
from starmote.engine import commands as c
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.exportcase import play_meeting
from tests.support.factories import make_plan


def test_each_missing_invite_has_its_reason():
    waiting = play_meeting()  # a follow-up and dated insatser, their text not yet approved
    assert not_written(waiting.state, "sv", invites=True, eml=True) == [
        "Ingen inbjudan till uppföljningen (.ics, .eml) ännu: texten väntar på att du "
        "godkänner den.",
        "Inga påminnelser (.ics) ännu: texten väntar på att du godkänner den.",
    ]
    assert not_written(play_meeting(approve=True).state, "sv", invites=True, eml=True) == []
    assert not_written(waiting.state, "sv", invites=False, eml=False) == []  # minutes only


def test_export_with_eml_but_no_follow_up_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal.open(tmp_path) as journal:
        clock = FakeClock()
        s = Session.start(journal, make_plan(), clock)
        s.do(c.CheckIn("individ"))
        s.do(c.NextPhase())
        s.do(c.ConfirmConsent())
        for _ in range(5):
            clock.advance(300)
            s.do(c.NextPhase())
        s.do(c.SetMainResponsible("kommun"))
        s.do(c.CloseMeeting("Ingen uppföljning behövs"))
        meeting = s.meeting_id
    argv = ["--home", str(tmp_path), "export", meeting, "--eml", "--out", str(tmp_path / "o")]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert all(Path(line).suffix in (".md", ".html") for line in captured.out.splitlines())
    assert captured.err.splitlines() == [
        "Inte skrivet: Ingen inbjudan till uppföljningen (.ics, .eml): ingen uppföljning är bokad.",
        "Inte skrivet: Inga påminnelser (.ics): ingen insats har ett datum.",
    ]


def test_a_cancellation_waiting_for_approval_is_called_one() -> None:
    waiting = play_meeting()
    waiting.do(c.CancelFollowUp())
    assert not_written(waiting.state, "sv", invites=True, eml=True)[0] == (
        "Ingen avbokning av uppföljningen (.ics, .eml) ännu: texten väntar på att du godkänner den."
    )
