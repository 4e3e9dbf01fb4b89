"""A journal that cannot be used: every command says so in one line naming the file, exit 2."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest

from starmote.engine import commands as c
from starmote.store.journal import Journal
from starmote.store.paths import journal_path
from starmote.store.session import FakeClock, Session, load_events
from tests.support.tui import demo_plan

REPO = Path(__file__).resolve().parents[2]
CASE = str(REPO / "sample_cases" / "demo.toml")
FAULT_CHILD = str(REPO / "tests" / "support" / "fault_child.py")
COMMANDS = {
    "run": ["run", CASE],
    "resume": ["resume"],
    "meetings": ["meetings"],
    "history": ["history"],
    "export": ["export", "2026"],
}


def starmote(*args: str, home: Path, prefix: tuple[str, ...] = ("-m", "starmote"), **env: str):
    return subprocess.run(
        [sys.executable, *prefix, *args, "--home", str(home)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
        env={**os.environ, **env},
    )


def every_command(home: Path, *extra: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each command on `home`, run side by side (they only fail, so they cannot clash)."""
    with ThreadPoolExecutor(len(COMMANDS)) as pool:
        futures = {
            name: pool.submit(starmote, *args, *extra, home=home) for name, args in COMMANDS.items()
        }
        return {name: future.result() for name, future in futures.items()}


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def a_real_journal(home: Path, meetings: int = 1) -> list[str]:
    """`meetings` open meetings with a few notes each, as a chair would leave them."""
    ids = []
    with Journal.open(home) as journal:
        for _ in range(meetings):
            session = Session.start(journal, demo_plan(), FakeClock())
            for party in session.state.plan.parties:
                session.do(c.CheckIn(party.key))
            session.do(c.NextPhase())
            session.do(c.ConfirmConsent())
            for i in range(20):
                session.do(c.AddNote(f"Anteckning {i}: " + "Sam vill pröva praktik. " * 20))
            ids.append(session.meeting_id)
    return ids


def _truncated(home: Path) -> None:
    a_real_journal(home, meetings=3)
    path = journal_path(home)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _not_sqlite(home: Path) -> None:
    journal_path(home).write_text("Mötesanteckningar\n" * 200, encoding="utf-8")


def _directory(home: Path) -> None:
    journal_path(home).mkdir()


def _newer(home: Path) -> None:
    a_real_journal(home)
    with closing(sqlite3.connect(journal_path(home))) as db, db:
        db.execute("PRAGMA user_version=99")


def _another_program(home: Path) -> None:
    with closing(sqlite3.connect(journal_path(home))) as db, db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO notes (body) VALUES ('inköpslista')")


def _another_program_with_a_version(home: Path) -> None:
    with closing(sqlite3.connect(journal_path(home))) as db, db:
        db.execute("CREATE TABLE settings (key TEXT, value TEXT)")
        db.execute("PRAGMA user_version=1")


DAMAGE = {
    "truncated": (_truncated, "skadad"),
    "not-sqlite": (_not_sqlite, "skadad"),
    "a-directory": (_directory, "är en mapp"),
    "newer-schema": (_newer, "nyare starmote"),
    "another-program": (_another_program, "ingen starmote-journal"),
    "another-program-v1": (_another_program_with_a_version, "ingen starmote-journal"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_every_command_names_the_file_and_what_to_do(tmp_path: Path, damage: str) -> None:
    make, says = DAMAGE[damage]
    home = tmp_path / "home"
    home.mkdir()
    make(home)
    path = journal_path(home)
    before = path.read_bytes() if path.is_file() else None
    for name, result in every_command(home).items():
        line = one_line(result)
        assert line.startswith(str(path)), (name, line)
        assert says in line, (name, line)
        assert "kör kommandot igen" in line, (name, line)
    # Nothing was changed: another program's database never gets our tables.
    assert (path.read_bytes() if path.is_file() else None) == before


def test_the_line_follows_the_language(tmp_path: Path) -> None:
    _another_program(tmp_path)
    line = one_line(starmote("meetings", "--lang", "en", home=tmp_path))
    assert "is not a starmote journal" in line and "Move it aside" in line


def test_an_entry_that_is_not_json_stops_only_its_meeting(tmp_path: Path) -> None:
    broken, intact = a_real_journal(tmp_path, meetings=2)
    with closing(sqlite3.connect(journal_path(tmp_path))) as db, db:
        db.execute(
            'UPDATE events SET payload = \'{"text": "Sam vill\' WHERE meeting_id = ? AND seq = 12',
            (broken,),
        )
    for args in (["export", broken], ["resume", broken]):
        line = one_line(starmote(*args, "--lang", "en", home=tmp_path))
        assert line.startswith(f"{journal_path(tmp_path)}: meeting {broken}"), line
        assert "#12 is damaged" in line and "Other meetings are not affected" in line
    exported = starmote("export", intact, "--out", str(tmp_path / "out"), home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert any(p.suffix == ".md" for p in (tmp_path / "out").iterdir())


def test_a_full_disk_stores_nothing_and_says_free_space(tmp_path: Path) -> None:
    (kept,) = a_real_journal(tmp_path)
    with Journal.open(tmp_path) as journal:
        before = load_events(journal, kept)
    result = starmote("full", "--", "run", "--new", CASE, home=tmp_path, prefix=(FAULT_CHILD,))
    line = one_line(result)
    assert line.startswith("Disken är full: " + str(journal_path(tmp_path)))
    assert "Frigör diskutrymme" in line
    with Journal.open(tmp_path) as journal:
        # The refused meeting left no half-written record; the earlier one is whole.
        assert [row.meeting_id for row in journal.meetings()] == [kept]
        assert load_events(journal, kept) == before


def _namespace_works() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        return False
    probe = subprocess.run([unshare, "-Urm", "true"], capture_output=True, timeout=10)
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _namespace_works(), reason="needs `unshare -Urm` (a private mount namespace) to mount"
)


def in_namespace(mounts: str, *args: str, home: Path, **env: str):
    """starmote inside a private mount namespace, after `mounts` (a shell line) has run."""
    command = " ".join(f"'{a}'" for a in (sys.executable, "-m", "starmote", *args))
    return subprocess.run(
        ["unshare", "-Urm", "sh", "-c", f"{mounts} && exec {command} --home '{home}'"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
        env={**os.environ, **env},
    )


@needs_mounts
def test_a_really_full_disk(tmp_path: Path) -> None:
    home = tmp_path / "small"
    home.mkdir()
    # mode=0700: a tmpfs root is world-writable (1777) otherwise, and starmote refuses a
    # data directory others can write to.
    mount = f"mount -t tmpfs -o size=48k,mode=0700 tmpfs '{home}'"
    result = in_namespace(mount, "run", CASE, home=home)
    line = one_line(result)
    assert line.startswith(f"Disken är full: {journal_path(home)}"), line


@needs_mounts
def test_a_read_only_disk(tmp_path: Path) -> None:
    (meeting,) = a_real_journal(tmp_path)
    ro = f"mount --bind '{tmp_path}' '{tmp_path}' && mount -o remount,bind,ro '{tmp_path}'"
    for args in (["run", CASE], ["resume", meeting], ["meetings"]):
        line = one_line(in_namespace(ro, *args, home=tmp_path))
        assert line.startswith(
            f"{journal_path(tmp_path)} ligger på en disk som är monterad skrivskyddad"
        )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_and_folder(tmp_path: Path) -> None:
    (meeting,) = a_real_journal(tmp_path)
    path = journal_path(tmp_path)
    path.chmod(0o400)
    try:
        for args in (["run", CASE], ["resume", meeting], ["export", meeting]):
            line = one_line(starmote(*args, home=tmp_path))
            assert line.startswith(f"{path} går inte att skriva"), line
            assert f"chmod u+w {path} {tmp_path}" in line
    finally:
        path.chmod(0o600)
    tmp_path.chmod(0o500)
    try:
        line = one_line(starmote("run", CASE, home=tmp_path))
        assert line.startswith(f"{path} går inte att skriva"), line
    finally:
        tmp_path.chmod(0o700)


def test_the_demo_without_a_usable_temporary_folder(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "tmp"
    not_a_folder.write_text("")
    result = starmote(
        "temp", str(not_a_folder), "--", "demo", home=tmp_path / "home", prefix=(FAULT_CHILD,)
    )
    line = one_line(result)
    assert line.startswith(f"Demot kunde inte använda sin tillfälliga mapp {not_a_folder} (")
    assert "TMPDIR" in line


@needs_mounts
def test_the_demo_with_a_full_temporary_folder(tmp_path: Path) -> None:
    small = tmp_path / "tmp"
    small.mkdir()
    result = in_namespace(
        f"mount -t tmpfs -o size=48k tmpfs '{small}'",
        "demo",
        home=tmp_path / "home",
        TMPDIR=str(small),
    )
    line = one_line(result)
    assert line == (
        f"Demot kunde inte använda sin tillfälliga mapp {small} (disken är full). "
        "Låt TMPDIR peka på en skrivbar mapp med ledigt utrymme och försök igen."
    )


@needs_mounts
def test_a_full_disk_while_exporting(tmp_path: Path) -> None:
    (meeting,) = a_real_journal(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = in_namespace(
        f"mount -t tmpfs -o size=8k tmpfs '{out}'",
        "export",
        meeting,
        "--out",
        str(out),
        home=tmp_path,
    )
    line = one_line(result)
    assert line.endswith(": disken är full. Frigör diskutrymme och kör kommandot igen."), line
    assert line.startswith(str(out))
