"""`starmote meetings` and `starmote export` against a real journal."""

from __future__ import annotations

import re
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from starmote.cli.main import main
from starmote.engine import commands as c
from starmote.plan.model import STOCKHOLM
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session
from tests.support.factories import make_plan


def play(home: Path, close: bool, meeting_id: str | None = None) -> str:
    with Journal.open(home) as journal:
        clock = FakeClock()
        s = Session.start(journal, make_plan(), clock, meeting_id=meeting_id)
        for party in ("individ", "kommun", "region", "af"):
            s.do(c.CheckIn(party))
        s.do(c.MarkAbsent("fk", notified=True, reason="Sjuk"))
        s.do(c.NextPhase())
        s.do(c.ConfirmConsent("kommun, region, AF"))
        s.do(c.AddNote("Sam vill pröva praktik."))
        if close:
            for _ in range(5):
                clock.advance(300)
                s.do(c.NextPhase())
            s.do(c.SetMainResponsible("kommun"))
            s.do(c.SetFollowUp(datetime(2027, 1, 14, 9, tzinfo=STOCKHOLM), 60, "Kommunhuset"))
            s.do(c.AddAction("Ordna praktik", "af", make_plan().start.date() + timedelta(days=14)))
            s.do(c.CloseMeeting())
        return s.meeting_id


def test_meetings_lists_state_and_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_id = play(tmp_path, close=False)
    closed_id = play(tmp_path, close=True)
    assert main(["--home", str(tmp_path), "meetings"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["ID", "Datum", "Ärende"]
    rows = {line.split()[0]: line for line in out[1:]}
    assert "pågår" in rows[open_id] and "avslutat" in rows[closed_id]
    assert "2026-12-03 09:00" in rows[open_id] and "SIP-2026-001" in rows[open_id]
    assert main(["meetings", "--lang", "en", "--home", str(tmp_path)]) == 0
    assert "in progress" in capsys.readouterr().out


def test_meetings_on_an_empty_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(tmp_path), "meetings"]) == 0
    assert "Inga möten" in capsys.readouterr().out
    assert main(["--home", str(tmp_path), "history"]) == 0
    # Looking never writes: no journal appears in a home that had none.
    assert list(tmp_path.iterdir()) == []


def approval_code(err: str) -> str:
    """The code the preview told the chair to approve with."""
    (code,) = re.findall(r"--approve-invites (\w+)`", err)
    return code


def test_export_writes_the_minutes_and_shows_the_invites_until_they_are_approved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = play(tmp_path, close=True)
    out = tmp_path / "out"
    assert main(["--home", str(tmp_path), "export", meeting[:-3], "--out", str(out)]) == 0
    captured = capsys.readouterr()
    written = [Path(line) for line in captured.out.splitlines()]
    assert sorted(p.suffix for p in written) == [".html", ".html", ".md", ".md"]  # no invite yet
    # The preview: exactly what would go out, and how to approve it.
    err = captured.err
    assert "SUMMARY      Samordningsmöte SIP-2026-001" in err
    assert "LOCATION     Kommunhuset" in err
    assert "Inbjudan till uppföljningen →" in err and "(inte godkänd)" in err
    assert "Påminnelse om en insats →" in err
    code = approval_code(err)
    # A wrong code approves nothing.
    argv = ["--home", str(tmp_path), "export", meeting, "--out", str(out)]
    assert main([*argv, "--approve-invites", "00000000"]) == 2
    assert "koden stämmer inte" in capsys.readouterr().err
    assert not [p for p in out.iterdir() if p.suffix == ".ics"]
    # The code shown approves what was shown; the approval is kept in the journal.
    assert main([*argv, "--approve-invites", code]) == 0
    captured = capsys.readouterr()
    assert "Godkänt: 2 inbjudningar." in captured.err
    written = [Path(line) for line in captured.out.splitlines()]
    assert sorted(p.suffix for p in written) == [".html", ".html", ".ics", ".ics", ".md", ".md"]
    for path in written:
        assert path.parent == out
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "Sam" not in path.name  # file names carry the case code, never the person
    invite = next(p for p in written if p.suffix == ".ics" and "uppfoljning" in p.name)
    cal = Calendar.from_ical(invite.read_bytes())
    assert str(cal["METHOD"]) == "REQUEST"
    md = next(p for p in written if p.name.endswith("minnesanteckningar.md")).read_text("utf-8")
    assert "Sam vill pröva praktik." in md
    # Approved once, it stays approved: the next export writes the invites without a word.
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and len(captured.out.splitlines()) == 6


def test_export_only_invites_and_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = play(tmp_path, close=True)
    out = tmp_path / "inv"
    argv = ["--home", str(tmp_path), "export", meeting, "--invites", "--out", str(out)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing approved, nothing written
    assert main([*argv, "--approve-invites", approval_code(captured.err)]) == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert written and all(p.suffix == ".ics" for p in written)
    out_en = tmp_path / "en"
    assert (
        main(
            [
                "--home",
                str(tmp_path),
                "--lang",
                "en",
                "export",
                meeting,
                "--minutes",
                "md",
                "--out",
                str(out_en),
            ]
        )
        == 0
    )
    md_files = [Path(x) for x in capsys.readouterr().out.splitlines() if x.endswith(".md")]
    assert md_files and all(p.suffix == ".md" for p in md_files)


def test_approving_from_the_command_line_waits_for_the_app_to_let_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from starmote.store import lease, paths

    meeting = play(tmp_path, close=True)
    assert main(["--home", str(tmp_path), "export", meeting, "--invites"]) == 0
    code = approval_code(capsys.readouterr().err)
    with lease.take(paths.journal_path(tmp_path), meeting):  # the meeting is open in the app
        assert main(["--home", str(tmp_path), "export", meeting, "--approve-invites", code]) == 2
    assert "redan öppet" in capsys.readouterr().err


def test_a_data_directory_others_can_write_to_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    for command in (["meetings"], ["export", "x"], ["history"]):
        assert main(["--home", str(shared), *command]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "andra användare kan skriva i mappen" in err
        assert "Traceback" not in err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o777  # left as it was
    assert list(shared.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["export", "no-such-meeting"], "inget möte"),
        (["export", "2026", "--minutes", "pdf"], "pdf"),
    ],
)
def test_export_errors_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    play(tmp_path, close=True)
    play(tmp_path, close=False)
    assert main(["--home", str(tmp_path), *argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_export_ambiguous_prefix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    play(tmp_path, close=True)
    play(tmp_path, close=False)
    assert main(["--home", str(tmp_path), "export", "2026"]) == 2
    assert "flera" in capsys.readouterr().err


def test_an_id_is_resolved_whole_first_then_as_a_unique_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for mid in ("mote-1", "mote-10", "mote-2"):
        play(tmp_path, close=True, meeting_id=mid)
    out = tmp_path / "out"
    # "mote-1" is a whole id, though "mote-10" starts with it too.
    assert main(["--home", str(tmp_path), "export", "mote-1", "--out", str(out / "a")]) == 0
    assert capsys.readouterr().out
    assert main(["--home", str(tmp_path), "export", "mote-2", "--out", str(out / "b")]) == 0
    capsys.readouterr()
    assert main(["--home", str(tmp_path), "export", "mote-", "--out", str(out / "c")]) == 2
    err = capsys.readouterr().err
    assert "mote-1, mote-10, mote-2" in err and len(err.strip().splitlines()) == 1
    assert not (out / "c").exists()


def test_meetings_lists_the_unfinished_and_the_latest_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from starmote.cli.records import RECENT
    from starmote.store.journal import Record

    with Journal.open(tmp_path) as journal:
        for n in range(RECENT + 5):
            day = datetime(2026, 1, 1, 8, tzinfo=STOCKHOLM) + timedelta(days=n)
            plan = {"case_code": f"SIP-{n:03d}", "template_key": "t", "start": day.isoformat()}
            wall = day.isoformat()
            records = [Record(f"m{n:03d}", 1, "meeting_opened", 0.0, wall, {"plan": plan})]
            if n != 1:  # the second meeting was never closed
                records.append(Record(f"m{n:03d}", 2, "meeting_closed", 60.0, wall, {}))
            journal.append(records)
    # January's meetings are past retention_days by now; those marks are test_purge's.
    (tmp_path / "settings.toml").write_text("retention_days = 0\n", encoding="utf-8")
    assert main(["--home", str(tmp_path), "meetings", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ids = [line.split()[0] for line in lines[1:-1]]
    assert ids == [f"m{n:03d}" for n in range(RECENT + 4, 4, -1)] + ["m001"]
    assert lines[-1].startswith("… and 4 older, closed meetings (25 in all).")
    assert "--all" in lines[-1]
    assert main(["--home", str(tmp_path), "meetings", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + RECENT + 5  # the header and every meeting, nothing more


def test_export_refuses_an_empty_id_even_with_one_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only = play(tmp_path, close=True)
    for wanted in ("", "  "):
        assert main(["--home", str(tmp_path), "export", wanted]) == 2
        err = capsys.readouterr().err
        assert only in err and "ange vilket möte" in err
    assert not (tmp_path / "exports").exists()
