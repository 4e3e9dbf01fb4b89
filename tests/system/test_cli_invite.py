"""`starmote invite CASE`: the kallelse previewed, written once approved, updated after a change."""

from __future__ import annotations

import email
import re
import shutil
from email import policy
from pathlib import Path

import pytest
from icalendar import Calendar

from starmote.cli.main import main
from starmote.plan.resources import demo_case


def invite(home: Path, case: Path, capsys: pytest.CaptureFixture[str], *more: str) -> str:
    assert main(["--home", str(home), "invite", str(case), *more]) == 0
    return capsys.readouterr().out


def approve(home: Path, case: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Show the kallelse, approve it with the code shown; the folder it went to."""
    (code,) = re.findall(r"--approve (\w+)`", invite(home, case, capsys))
    out = invite(home, case, capsys, "--approve", code)
    (folder,) = {Path(line).parent for line in out.splitlines() if line.startswith("/")}
    return folder


def event_of(folder: Path) -> tuple[Calendar, object]:
    (ics,) = folder.glob("*.ics")
    cal = Calendar.from_ical(ics.read_bytes())
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_a_kallelse_is_previewed_then_written_and_updated_with_the_same_uid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.toml"
    shutil.copy(demo_case(), case)
    home = tmp_path / "home"
    shown = invite(home, case, capsys)
    assert "Kallelse till mötet →" in shown and "(inte godkänd)" in shown
    assert "Meddelas på annat sätt (ingen e-post):" in shown
    assert "Sam L.: Nås via brev eller sms" in shown  # the case's contact note, for the chair
    assert not (home / "exports").exists()  # nothing written before the approval
    assert main(["--home", str(home), "invite", str(case), "--approve", "0000"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1

    (code,) = re.findall(r"--approve (\w+)`", invite(home, case, capsys))
    approved = invite(home, case, capsys, "--approve", code)
    assert "inte godkänd" not in approved and "Kallelsen är skriven" in approved
    folder = approve(home, case, capsys)
    cal, event = event_of(folder)
    assert str(cal["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 0
    uid = str(event["UID"])
    text = (next(folder.glob("*.ics"))).read_text("utf-8")
    assert "Sam L" not in text and "Eva L" not in text  # told another way, never named here
    mails = {
        p.name: email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in folder.glob("*.eml")
    }
    subjects = sorted(str(m["Subject"]) for m in mails.values())
    assert subjects == [
        "Inbjudan: Samordningsmöte SIP-2026-031",
        "Kallelse: Samordningsmöte SIP-2026-031",
    ]
    called = next(m for m in mails.values() if str(m["Subject"]).startswith("Kallelse"))
    assert "lena.berg@fk.example.se" not in str(called["To"])  # FK is inbjuden, not kallad

    # The same text again: the same SEQUENCE. Moved in the case file: an update.
    assert int(event_of(approve(home, case, capsys))[1]["SEQUENCE"]) == 0
    case.write_text(case.read_text("utf-8").replace("2026-12-03T09:00", "2026-12-10T13:00"))
    folder = approve(home, case, capsys)
    _, moved = event_of(folder)
    assert (str(moved["UID"]), int(moved["SEQUENCE"])) == (uid, 1)
    assert moved.decoded("DTSTART").isoformat() == "2026-12-10T13:00:00+01:00"
    # Only the new kallelse is in the folder: the one with the old date is gone.
    assert all("2026-12-10" in p.name for p in folder.iterdir())


def test_a_bad_case_file_is_refused_before_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("case_code = 1\n")
    assert main(["--home", str(tmp_path / "home"), "invite", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(str(bad))


def test_a_preview_piped_into_head_ends_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "case.toml"
    shutil.copy(demo_case(), case)

    def closed(text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    # The reader (`| head -3`) has gone: no advice about folders, and no error status.
    monkeypatch.setattr("sys.stdout.write", closed)
    assert main(["--home", str(tmp_path / "home"), "invite", str(case)]) == 0
    assert capsys.readouterr().err == ""
