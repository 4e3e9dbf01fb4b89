"""`starmote followup ID --move WHEN | --cancel`, and the export after it: no stale file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar

from starmote.cli.main import main
from tests.system.test_cli_records import play


def export(home: Path, meeting: str, out: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """Export everything with an .eml, approving the invites as the preview says."""
    argv = ["--home", str(home), "export", meeting, "--eml", "--out", str(out)]
    assert main(argv) == 0
    codes = re.findall(r"--approve-invites (\w+)`", capsys.readouterr().err)
    if codes:
        assert main([*argv, "--approve-invites", codes[0]]) == 0
        capsys.readouterr()
    return {p.name for p in out.iterdir()}


def follow_up_events(out: Path) -> list[tuple[str, str, int, str]]:
    """(METHOD, UID, SEQUENCE, DTSTART) of every follow-up VEVENT in the .ics and .eml files."""
    found = []
    for path in sorted(out.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".eml":
            block = re.search(rb"BEGIN:VCALENDAR.*END:VCALENDAR", data, re.S)
            if block is None:  # base64 in the mail: decode the text/calendar part
                import email

                msg = email.message_from_bytes(data)
                parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
                data = parts[0].get_payload(decode=True)
            else:
                data = block.group(0)
        elif path.suffix != ".ics" or "insatser" in path.name:
            continue
        cal = Calendar.from_ical(data)
        for ev in cal.walk("VEVENT"):
            start = ev.decoded("DTSTART").isoformat()
            found.append((str(cal["METHOD"]), str(ev["UID"]), int(ev["SEQUENCE"]), start))
    return found


def test_move_then_cancel_rewrites_the_set_with_one_uid_and_rising_sequence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = play(tmp_path, close=True)
    out = tmp_path / "out"
    first = export(tmp_path, meeting, out, capsys)
    (uid,) = {e[1] for e in follow_up_events(out)}
    assert {e[2] for e in follow_up_events(out)} == {0}
    # A date alone keeps the booked hour (09:00).
    assert main(["--home", str(tmp_path), "followup", meeting, "--move", "2027-01-21"]) == 0
    assert "SEQUENCE 1" in capsys.readouterr().out
    assert export(tmp_path, meeting, out, capsys) == first  # the same names, rewritten
    events = follow_up_events(out)
    assert len(events) == 2  # the .ics and the .eml, and they agree: no stale copy
    assert set(events) == {("REQUEST", uid, 1, "2027-01-21T09:00:00+01:00")}
    assert not any("2027-01-14" in p.read_text("utf-8") for p in out.glob("*.md"))
    assert main(["--home", str(tmp_path), "followup", meeting, "--cancel"]) == 0
    capsys.readouterr()
    names = export(tmp_path, meeting, out, capsys)
    assert not any(n.endswith("_uppfoljning.ics") or n.endswith("_uppfoljning.eml") for n in names)
    assert set(follow_up_events(out)) == {("CANCEL", uid, 2, "2027-01-21T09:00:00+01:00")}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["followup", "nosuch", "--move", "+2v"], "inget möte"),
        (["followup", "@", "--move", "någon gång"], "Förstår inte"),
        (["followup", "@", "--move", "2020-01-01 10:00"], "2020-01-01"),
        (["followup", "@", "--move", "+1v 9", "--minutes", "lång"], "lång"),
    ],
)
def test_a_bad_id_or_when_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    meeting = play(tmp_path, close=True)
    argv = [a.replace("@", meeting) for a in args]
    assert main(["--home", str(tmp_path), *argv]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
