"""One app per meeting: an OS file lock held while a meeting is open for editing.

Two windows on the same meeting would both append the next event and one of them
would lose what was just typed. The lock lives beside the journal, is released by
the kernel when the process ends (a crash never leaves a meeting locked), and
holds nothing but the meeting id's file name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import TracebackType

from starmote.store import paths

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; the journal still refuses a clash
    fcntl = None  # type: ignore[assignment]


class MeetingInUse(Exception):
    """The meeting is already open in another starmote on this machine."""


class Lease:
    """The lock on one meeting; release it (or leave the `with`) when the app closes."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def release(self) -> None:
        """Let another window open the meeting."""
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def lock_file(journal_file: Path | str, meeting_id: str) -> Path:
    """The lock file of `meeting_id` beside the journal at `journal_file` (`locks/<id>.lock`)."""
    return Path(journal_file).parent / "locks" / (re.sub(r"[^\w.-]", "_", meeting_id) + ".lock")


def take(journal_file: Path | str, meeting_id: str) -> Lease:
    """Lock `meeting_id` of the journal at `journal_file` for this process.

    Raises:
        MeetingInUse: Another process holds it.
    """
    if fcntl is None:  # pragma: no cover
        return Lease(None)
    path = lock_file(journal_file, meeting_id)
    paths.private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, paths.FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        os.close(fd)
        raise MeetingInUse(meeting_id) from err
    return Lease(fd)
