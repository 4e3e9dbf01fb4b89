"""Where new case files go, and how one is written: private, whole, and never over another."""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from starmote.store import paths

CASES = "cases"
"""The folder in the data directory that `starmote new` saves case files to by default."""


def cases_dir(home: Path | str | None = None) -> Path:
    """`<data dir>/cases`, not created (see `save`)."""
    return paths.locate_home(home) / CASES


def default_path(home: Path | str | None, code: str, day: date | None = None) -> Path:
    """Where a new case file goes unless the chair says otherwise.

    `<data dir>/cases/<code>.toml`; when that is taken (a follow-up of the same case),
    the meeting's date is added, then a number.

    Args:
        home: The data directory (`--home`).
        code: The case code (letters, digits, - and _).
        day: The meeting's date, if known.

    Returns:
        A path that does not exist yet (when this was called).
    """
    folder = cases_dir(home)
    stem = code.strip() or "case"
    candidates = [stem] + ([f"{stem}-{day.isoformat()}"] if day else [])
    for name in candidates:
        if not (folder / f"{name}.toml").exists():
            return folder / f"{name}.toml"
    base, n = candidates[-1], 2
    while (folder / f"{base}-{n}.toml").exists():
        n += 1
    return folder / f"{base}-{n}.toml"


@dataclass
class Staged:
    """A case file written beside its destination, to be checked before it takes its place."""

    temp: Path
    target: Path

    def commit(self, overwrite: bool = False) -> Path:
        """Put the file in place.

        Args:
            overwrite: Replace a file already at the target (the chair said so).

        Returns:
            The target.

        Raises:
            FileExistsError: The target exists and `overwrite` is False (nothing changed).
        """
        try:
            if overwrite:
                os.replace(self.temp, self.target)
            else:
                _link_new(self.temp, self.target)
        except BaseException:
            self.discard()
            raise
        paths.fsync_dir(self.target.parent)
        return self.target

    def discard(self) -> None:
        """Remove the staged file (it failed its check, or the chair gave up)."""
        with contextlib.suppress(OSError):
            self.temp.unlink()


def _link_new(temp: Path, target: Path) -> None:
    """Give `temp` the name `target` only if no file has it: atomic where links exist."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links (FAT, some network shares): exclusive create.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(temp.read_bytes())
            out.flush()
            os.fsync(out.fileno())
    temp.unlink()


def stage(target: Path | str, text: str, home: Path | str | None = None) -> Staged:
    """Write `text` to a private file beside `target`, to be checked and then committed.

    The folder is created 0700 when missing; the data directory's own `cases` folder
    is also kept 0700. A folder the chair chose that already exists is left as it is.

    Args:
        target: Where the case file is to go.
        text: Its content.
        home: The data directory (`--home`), to know its `cases` folder.

    Returns:
        The staged file; `commit` or `discard` it.
    """
    target = Path(target).expanduser().absolute()
    folder = target.parent
    if folder == cases_dir(home):
        paths.private_dir(folder)
    else:
        folder.mkdir(mode=paths.DIR_MODE, parents=True, exist_ok=True)
    for attempt in range(100):
        temp = folder / f".{target.name}.{os.getpid()}.{attempt}.new"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.FILE_MODE)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"no free temporary name next to {target}")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return Staged(temp, target)
