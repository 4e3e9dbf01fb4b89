"""`starmote board` as the room sees it: a process of its own, and a chair's app that crashes."""

from __future__ import annotations

import asyncio
import contextlib
import html
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from starmote.cli.main import main
from starmote.engine import commands as c
from starmote.engine.rules import fold
from starmote.store import paths
from starmote.store.follow import Follower
from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session, load_events
from starmote.tui.board.app import make_board
from tests.support import session_child
from tests.support.tui import live_session

CHILD = Path(session_child.__file__)


def test_board_without_a_journal_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--home", str(tmp_path / "none"), "board"]) == 2
    err = capsys.readouterr().err
    assert "Det finns ingen journal" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "none").exists()  # a board creates nothing


def test_board_of_an_unknown_meeting(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    session, _ = live_session(tmp_path)
    session.journal.close()
    assert main(["--home", str(tmp_path), "--lang", "en", "board", "nosuch"]) == 2
    assert capsys.readouterr().err.strip() == "No meeting with id nosuch."


def screen(svg: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_the_board_follows_a_chair_whose_app_is_killed_and_resumed(tmp_path: Path) -> None:
    """The chair's process dies mid-meeting (SIGKILL); the board shows what was stored, and
    carries on when the meeting is resumed. Its notes never reach the board."""
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(home), "41"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        proc.stdout.readline()  # the meeting is open: the journal exists
        clock = FakeClock()
        board = make_board(Follower(paths.journal_path(home), clock), poll_s=0.02)
        async with board.run_test(size=(140, 40)) as pilot:
            for _ in range(40):
                assert proc.stdout.readline(), proc.stderr.read()  # type: ignore[union-attr]
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            with Journal.open(home) as journal:
                events = load_events(journal, session_child.MEETING)
                stored = fold(events)
                end = time.monotonic() + 5
                while board.shown is None or board.shown.last_seq < stored.last_seq:
                    assert time.monotonic() < end, "the board did not catch up"
                    await asyncio.sleep(0.02)
                assert (board.shown.phase, board.shown.turn) == (stored.phase, stored.turn)
                # The meeting is resumed, on another clock, after the room waited a minute.
                later = FakeClock(wall0=events[-1].wall, mono=5000.0, _start=5000.0)
                later.advance(60)
                resumed = Session.resume(journal, session_child.MEETING, later)
                resumed.do(c.NextSpeaker())
                while board.shown.last_seq < resumed.state.last_seq:
                    assert time.monotonic() < end + 5
                    await asyncio.sleep(0.02)
                await pilot.pause()
                assert board.shown.turn == resumed.state.turn
                text = screen(board.export_screenshot())
                assert "Anteckning" not in text and "Sam" not in text.replace("Sammanfattning", "")
                assert "Insats" not in text
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_starmote_board_in_a_terminal_follows_and_quits_on_q(tmp_path: Path) -> None:
    session, _ = live_session(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARMOTE")}
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    argv = [sys.executable, "-m", "starmote", "--home", str(tmp_path), "board"]
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    output = b""

    def read_until(text: bytes, since: int = 0, timeout: float = 20.0) -> None:
        nonlocal output
        end = time.monotonic() + timeout
        while text not in output[since:]:
            assert time.monotonic() < end, f"{text!r} never shown: {output[-2000:]!r}"
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:
                    break
                output += chunk
                if b"\x1b[c" in chunk or b"\x1b[0c" in chunk:
                    os.write(fd, b"\x1b[?62;22c")

    try:
        read_until(b"SIP-2026-031")
        # The chair gives the word on: the board shows the new speaker by itself.
        since = len(output)
        first = session.do(c.NextSpeaker()).turn
        assert first is not None
        expected = session.state.plan.party(first.party).organisation or "Personen"
        read_until(expected.encode(), since)
        os.write(fd, b"q")
        end = time.monotonic() + 20
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            assert time.monotonic() < end, "q did not quit the board"
            select.select([fd], [], [], 0.05)
            with contextlib.suppress(OSError):
                os.read(fd, 1 << 16)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
        session.journal.close()
