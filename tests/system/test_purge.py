"""`starmote purge` and the retention marks of `starmote meetings`, against real journals."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from starmote.cli.main import main
from starmote.store import lease
from starmote.store.journal import Journal
from starmote.store.paths import journal_path
from starmote.store.session import FakeClock, Session
from tests.support.retention import MARK, days_ago, hold, leftovers, secure_delete_off

__all__ = ["secure_delete_off"]  # the fixture, used by name

CHILD = Path(__file__).resolve().parents[1] / "support" / "session_child.py"


def run(home: Path, *argv: str, answer: str | None = None) -> int:
    """`starmote --home HOME ARGV…` in this process, with `answer` typed at the question."""
    stdin = sys.stdin
    sys.stdin = io.StringIO(answer) if answer is not None else _Untouchable()
    try:
        return main(["--home", str(home), *argv])
    finally:
        sys.stdin = stdin


class _Untouchable(io.StringIO):
    """Standard input for a run that must not ask anything."""

    def readline(self, *args: object) -> str:
        raise AssertionError("the command asked a question")

    read = readline  # type: ignore[assignment]


def meeting_ids(home: Path) -> set[str]:
    with Journal.open(home) as journal:
        return {m.meeting_id for m in journal.meetings()}


def export_everything(home: Path, meeting_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Minutes and approved invites into `<home>/exports/<id>/`, as the chair would."""
    assert run(home, "export", meeting_id) == 0
    (code,) = re.findall(r"--approve-invites (\w+)`", capsys.readouterr().err)
    assert run(home, "export", meeting_id, "--approve-invites", code) == 0
    written = capsys.readouterr().out.split()
    assert any(p.endswith(".ics") for p in written) and any(p.endswith(".md") for p in written)


def test_purge_leaves_no_byte_of_the_meeting_while_another_meeting_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], secure_delete_off: None
) -> None:
    home = tmp_path / "home"
    with Journal.open(home) as journal:
        kept = hold(journal, days_ago(200), days_ago(200), code="SIP-2026-002")
        gone = hold(journal, days_ago(150), days_ago(150), marked=True)
        kept_events = journal.query("SELECT * FROM events WHERE meeting_id = ?", (kept,))
        kept_summary = journal.query("SELECT * FROM party_summary WHERE meeting_id = ?", (kept,))
    export_everything(home, gone, capsys)
    assert any("exports" in hit for hit in leftovers(home))

    # A second meeting is running in another starmote, writing an event every 20 ms: far
    # faster than any chair types, yet not a tight loop that starves every checkpoint.
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(home), "0", "0.02"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        for _ in range(5):
            child.stdout.readline()
        assert run(home, "purge", gone[:-2], "--yes") == 0
        out = capsys.readouterr().out
        assert gone in out and f"SIP-{MARK}-01" in out and "Borttaget: 1 möte" in out
        # Checked while the other meeting still has the journal open and keeps writing.
        assert leftovers(home) == []
        stored = [int(child.stdout.readline().split()[1]) for _ in range(5)]
        assert stored == sorted(stored) and stored[-1] > stored[0]  # it carried on
    finally:
        child.kill()
        child.wait()

    assert leftovers(home) == []
    with Journal.open(home) as journal:
        assert journal.query("SELECT * FROM events WHERE meeting_id = ?", (kept,)) == kept_events
        assert (
            journal.query("SELECT * FROM party_summary WHERE meeting_id = ?", (kept,))
            == kept_summary
        )
        running = Session.resume(journal, "20261203-0900-SIP-2026-001-kill", FakeClock())
        assert running.state.last_seq >= stored[-1]
        assert gone not in {m.meeting_id for m in journal.meetings()}
    assert run(home, "export", kept, "--minutes", "md") == 0
    written = capsys.readouterr().out.split()
    assert any("SIP-2026-002" in Path(f).read_text("utf-8") for f in written)


READER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT count(*) FROM events").fetchall()
print("reading", flush=True)
sys.stdin.readline()
"""


def test_a_purge_a_reader_held_up_says_so_and_purge_wipe_finishes_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    secure_delete_off: None,
) -> None:
    from starmote.cli import purge

    monkeypatch.setattr(purge, "WIPE_WAIT_S", 0.3)
    with Journal.open(tmp_path) as journal:
        gone = hold(journal, days_ago(100), days_ago(100), marked=True)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(journal_path(tmp_path))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline() == "reading\n"
        assert run(tmp_path, "purge", gone, "--yes") == 1
        err = capsys.readouterr().err
        assert "gamla kopior av texten kan finnas kvar" in err and "starmote purge --wipe" in err
        assert run(tmp_path, "purge", "--wipe") == 1  # still reading
        capsys.readouterr()
    finally:
        reader.kill()
        reader.wait()
    assert run(tmp_path, "purge", "--wipe") == 0
    assert leftovers(tmp_path) == []
    assert meeting_ids(tmp_path) == set()


def test_the_question_defaults_to_no(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(tmp_path) as journal:
        gone = hold(journal, days_ago(100), days_ago(100), code="SIP-2026-009")
    for answer in ("", "\n", "n\n", "nej\n", "jaha\n"):
        assert run(tmp_path, "purge", gone, answer=answer) == 1
        out = capsys.readouterr().out
        assert "Ta bort mötet? [j/N]" in out and "Inget togs bort." in out
        assert f"{gone}  {days_ago(100).date().isoformat()}  SIP-2026-009" in out
    assert run(tmp_path, "purge", gone, "--lang", "en", answer="j\n") == 1  # not yes in English
    assert "Remove the meeting? [y/N]" in capsys.readouterr().out
    assert meeting_ids(tmp_path) == {gone}
    assert run(tmp_path, "purge", gone, answer="J\n") == 0
    assert meeting_ids(tmp_path) == set()


def test_older_than_takes_closed_meetings_by_the_day_held_else_booked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal.open(tmp_path) as journal:
        held_long_ago = hold(journal, days_ago(200), days_ago(200), code="A")
        held_lately = hold(journal, days_ago(200), days_ago(10), code="B")  # old case file
        never_held = hold(journal, days_ago(120), None, code="C")  # cancelled
        unfinished = hold(journal, days_ago(200), days_ago(200), code="D", close=False)
        recent = hold(journal, days_ago(10), days_ago(10), code="E")
        on_the_limit = hold(journal, days_ago(90, hour=0), days_ago(90, hour=0), code="F")
    assert run(tmp_path, "purge", "--older-than", "90", "--yes") == 0
    out = capsys.readouterr().out
    assert "Dessa 2 möten tas bort för gott" in out
    listed = [line.split() for line in out.splitlines() if line.startswith("  ")]
    assert listed == [
        [held_long_ago, days_ago(200).date().isoformat(), "A"],
        [never_held, days_ago(120).date().isoformat(), "C"],
    ]
    assert (
        f"1 möte som inte är avslutat är också så gammalt; det tas inte bort: {unfinished}" in out
    )
    assert meeting_ids(tmp_path) == {held_lately, unfinished, recent, on_the_limit}
    assert run(tmp_path, "purge", "--older-than", "90") == 0  # nothing left to ask about
    assert "Inget avslutat möte är äldre än 90 dagar" in capsys.readouterr().out
    assert run(tmp_path, "purge", "--older-than", "0", "--lang", "en", answer="y\n") == 0
    assert "These 3 meetings go for good" in capsys.readouterr().out
    assert meeting_ids(tmp_path) == {unfinished}


def test_exit_statuses_for_what_cannot_be_purged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    assert run(empty, "purge", "--older-than", "30") == 0
    assert run(empty, "purge", "2026") == 2
    assert not journal_path(empty).exists()  # asking never creates a journal
    home = tmp_path / "home"
    with Journal.open(home) as journal:
        closed = hold(journal, days_ago(100), days_ago(100), code="SIP-1")
        other = hold(journal, days_ago(100), days_ago(100), code="SIP-2")
        running = hold(journal, days_ago(100), days_ago(100), code="SIP-3", close=False)
    everyone = (closed, other, running)
    capsys.readouterr()
    cases = {
        ("purge",): "ange ett möte (ID) eller --older-than DAYS",
        ("purge", closed, "--older-than", "3"): "ange ett möte (ID) eller --older-than DAYS",
        ("purge", "--older-than", "-1"): "0 eller fler (inte -1)",
        ("purge", ""): "ange vilket möte",
        ("purge", "  "): "ange vilket möte",
        ("purge", "nope"): "inget möte med ID 'nope'",
        ("purge", closed[:9]): f"passar flera möten: {', '.join(sorted(everyone))}",
        ("purge", running, "--yes"): f"mötet {running} är inte avslutat",
    }
    for argv, said in cases.items():
        assert run(home, *argv) == 2, argv
        assert said in capsys.readouterr().err, argv
    with pytest.raises(SystemExit) as usage:  # argparse: not a number
        run(home, "purge", "--older-than", "x")
    assert usage.value.code == 2 and "ogiltigt värde för int: 'x'" in capsys.readouterr().err
    # A closed meeting still open in a window (its closing screen can store an approval).
    with lease.take(journal_path(home), closed):
        assert run(home, "purge", closed, "--yes") == 2
        assert "öppet i ett annat fönster" in capsys.readouterr().err
    assert meeting_ids(home) == {closed, other, running}
    assert run(home, "purge", "--wipe") == 0


def test_meetings_marks_those_past_retention_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal.open(tmp_path) as journal:
        old = hold(journal, days_ago(120), days_ago(120), code="SIP-OLD")
        new = hold(journal, days_ago(5), days_ago(5), code="SIP-NEW")
        unfinished = hold(journal, days_ago(120), days_ago(120), code="SIP-OPEN", close=False)
    assert run(tmp_path, "meetings") == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line for line in out[1:]}
    assert "avslutat, äldre än 90 d" in rows[old]
    assert "äldre" not in rows[new] and "äldre" not in rows[unfinished]
    assert out[-1].startswith("1 avslutat möte är äldre än 90 dagar (retention_days)")
    assert out[-1].endswith("`starmote purge --older-than 90`")
    (tmp_path / "settings.toml").write_text("retention_days = 200\n", "utf-8")
    assert run(tmp_path, "meetings", "--lang", "en") == 0
    assert "older than" not in capsys.readouterr().out
    (tmp_path / "settings.toml").write_text("retention_days = 0\n", "utf-8")
    assert run(tmp_path, "meetings") == 0
    assert "äldre" not in capsys.readouterr().out
