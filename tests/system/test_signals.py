"""SIGTERM and SIGHUP end a real `starmote` in a terminal as a quit does: screen back, hint."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from starmote.store.journal import Journal
from starmote.store.session import FakeClock, Session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals"),
]

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "sample_cases" / "demo.toml"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")
SHOW_CURSOR = b"\x1b[?25h"


class Terminal:
    """`starmote ARGS` on a pseudo-terminal of 120×40, its output collected as it comes."""

    def __init__(self, *args: str, **env_extra: str) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", **env_extra}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "starmote", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master: int | None = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.master is not None
        fd = self.master
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return  # EIO: every writer has closed the terminal
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def mark(self) -> int:
        with self._lock:
            return len(self.output)

    def since(self, mark: int) -> bytes:
        with self._lock:
            return bytes(self.output[mark:])

    def wait_for(self, text: bytes, after: int = 0, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.since(after):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never came; got {self.since(after)[-2000:]!r}")
            time.sleep(0.05)

    def press(self, keys: bytes) -> None:
        assert self.master is not None
        os.write(self.master, keys)

    def finish(self, timeout: float = 30) -> int:
        status = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=5)
        if self.master is not None:
            os.close(self.master)
            self.master = None
        return status

    def hang_up(self) -> None:
        """The terminal window closes: nobody reads or writes it any more."""
        assert self.master is not None
        os.close(self.master)
        self.master = None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.master is not None:
            os.close(self.master)
            self.master = None


def stored(home: Path) -> tuple[str, int, frozenset[str]]:
    """The one meeting in `home`: its id, its number of events and who is checked in."""
    with Journal.open(home) as journal:
        (row,) = journal.meetings()
        state = Session.resume(journal, row.meeting_id, FakeClock()).state
        return row.meeting_id, row.events, frozenset(state.attendance)


def wait_stored(home: Path, events: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while stored(home)[1] < events:
        assert time.monotonic() < deadline, "the key press was never stored"
        time.sleep(0.05)


def run_and_check_in(home: Path) -> tuple[Terminal, tuple[str, int, frozenset[str]]]:
    """`starmote run` with the first party checked in by its key, as the chair would."""
    term = Terminal("run", str(CASE), "--home", str(home))
    try:
        term.wait_for(b"\x1b[?1049h")  # the alternate screen
        term.wait_for(b"Checka in")  # the footer: the first frame is up
        events = stored(home)[1]
        term.press(b"h")  # in person, for the party under the cursor
        wait_stored(home, events + 1)
    except BaseException:
        term.kill()
        raise
    return term, stored(home)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_restores_the_terminal_and_shows_the_resume_hint(tmp_path: Path, name: str):
    number = getattr(signal, name)
    term, before = run_and_check_in(tmp_path)
    meeting = before[0]
    try:
        mark = term.mark()
        term.proc.send_signal(number)
        status = term.finish()
    finally:
        term.kill()
    after = term.since(mark)
    assert status == 128 + number
    assert LEAVE_ALT_SCREEN in after
    assert all(off in after for off in MOUSE_OFF)
    assert SHOW_CURSOR in after
    hint = f"Fortsätt med: starmote resume {meeting}".encode()
    assert hint in after
    # The hint comes after the screen is restored, so it stays readable in the shell.
    assert after.index(hint) > after.index(LEAVE_ALT_SCREEN)
    assert b"Traceback" not in after
    assert stored(tmp_path) == before

    # The meeting resumes with nothing lost (and no lock left behind): open it, quit.
    again = Terminal("resume", meeting, "--home", str(tmp_path))
    try:
        again.wait_for(b"Checka in")
        again.press(b"\x11")  # Ctrl+Q: the meeting has not started, so no question
        assert again.finish() == 0
    finally:
        again.kill()
    assert f"starmote resume {meeting}".encode() in again.since(0)
    assert stored(tmp_path) == before


def test_a_closed_terminal_window_ends_it_without_losing_anything(tmp_path: Path):
    term, before = run_and_check_in(tmp_path)
    try:
        term.hang_up()
        term.proc.send_signal(signal.SIGHUP)
        status = term.proc.wait(timeout=30)
    finally:
        term.kill()
    assert status == 128 + signal.SIGHUP
    assert stored(tmp_path) == before


def test_sigterm_ends_the_demo_and_throws_its_journal_away(tmp_path: Path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    term = Terminal("demo", "--home", str(tmp_path / "home"), TMPDIR=str(tmp))
    try:
        term.wait_for(b"Checka in")
        assert [p.name[:14] for p in tmp.iterdir()] == ["starmote-demo-"]
        mark = term.mark()
        term.proc.send_signal(signal.SIGTERM)
        status = term.finish()
    finally:
        term.kill()
    after = term.since(mark)
    assert status == 128 + signal.SIGTERM
    assert LEAVE_ALT_SCREEN in after and SHOW_CURSOR in after
    assert all(off in after for off in MOUSE_OFF)
    assert b"starmote resume" not in after  # nothing to resume: the demo is not kept
    assert list(tmp.iterdir()) == []
