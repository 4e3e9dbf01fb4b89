"""Where starmote keeps its data, and how it writes private files safely."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import platformdirs

from starmote.errors import KeyedError

ENV_HOME = "STARMOTE_HOME"
"""Environment variable that overrides the data directory (tests, portable use)."""

DIR_MODE = 0o700
FILE_MODE = 0o600


class UnsafeHome(KeyedError, PermissionError):
    """The data directory is one others can write to: they could replace the journal.

    A PermissionError too, so whatever copes with a folder it may not use copes with this.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__("store.home_unsafe", path=str(path))


def data_home(home: Path | str | None = None) -> Path:
    """The data directory: created private (0700) if missing, checked if it exists.

    Args:
        home: Explicit directory (from `--home`); wins over everything else.

    Returns:
        `home`, else `$STARMOTE_HOME`, else the platform's user data dir.

    Raises:
        UnsafeHome: It exists and others may write to it (see `home_dir`).
    """
    return home_dir(locate_home(home))


def home_dir(path: Path | str) -> Path:
    """The data directory `path`, created 0700 (with any missing parents) if it is not there.

    An existing directory keeps its mode: it may be a folder the chair chose with
    `--home` for reasons of their own, and changing it behind their back is no answer.
    One that others can write to (group or other write bit, e.g. /tmp) is refused
    instead: whoever can write there can swap the journal or read what is written next.

    Args:
        path: The directory.

    Returns:
        The directory as a Path.

    Raises:
        UnsafeHome: Others may write to it.
    """
    path = Path(path)
    if path.is_dir():
        if stat.S_IMODE(path.stat().st_mode) & (stat.S_IWGRP | stat.S_IWOTH):
            raise UnsafeHome(path)
        return path
    return private_dir(path)


def locate_home(home: Path | str | None = None) -> Path:
    """Where the data directory is, without creating it (for looking, e.g. `--help`).

    Args:
        home: Explicit directory (from `--home`); wins over everything else.

    Returns:
        `home`, else `$STARMOTE_HOME`, else the platform's user data dir.
    """
    if home is None or str(home) == "":
        home = os.environ.get(ENV_HOME) or platformdirs.user_data_dir("starmote", appauthor=False)
    return Path(home).expanduser().absolute()


def private_dir(path: Path | str) -> Path:
    """Create `path` (and any missing parents) 0700; one we own loses group and other rights.

    For the folders inside the data directory (exports, logs, locks) and an export folder
    the app creates: every folder it makes is 0700, whatever the umask, parents included
    (`Path.mkdir(parents=True)` would make those with the umask's mode).

    Args:
        path: The directory.

    Returns:
        The directory as a Path.
    """
    path = Path(path)
    missing = []
    at = path
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: checked below like any other
        os.chmod(folder, DIR_MODE)  # the umask may have taken bits away; ours, so exactly 0700
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE)  # raises as mkdir does: a file is in the way
    st = path.stat()
    current = stat.S_IMODE(st.st_mode)
    # Only take rights away, and only on a directory we own (not e.g. a shared mount):
    # a folder its owner made read-only stays read-only, and the journal says so.
    tightened = current & DIR_MODE
    if st.st_uid == os.getuid() and tightened != current:
        os.chmod(path, tightened)
    return path


def journal_path(home: Path | str) -> Path:
    """The journal database inside the data directory `home`.

    Args:
        home: The data directory (see `data_home`).

    Returns:
        `home / "journal.sqlite3"`.
    """
    return Path(home) / "journal.sqlite3"


def private_file(path: Path | str) -> Path:
    """Make sure `path` exists with mode 0600, without truncating it.

    Args:
        path: The file; its parent directory must exist.

    Returns:
        The file as a Path.
    """
    path = Path(path)
    try:
        # Created with 0600 from the start, so there is no window where it is world-readable.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        # An existing file is never opened here: closing any descriptor of an SQLite file
        # drops every POSIX lock this process holds on it, so another process would think
        # the journal unused, checkpoint it and delete its WAL under an open connection,
        # and the next events would be written to a deleted file.
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)
        return path
    os.close(fd)
    return path


def fsync_dir(path: Path | str) -> None:
    """Flush a directory entry change (create, rename) to disk.

    Args:
        path: The directory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # Some platforms cannot open directories; nothing more we can do.
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Replace `path` with `data` so readers see the old or the new file, never a mix.

    The temporary file lives in the same directory (so the rename is atomic),
    is created 0600, and is fsynced before and after the rename.

    Args:
        path: Destination file.
        data: The complete new content.

    Returns:
        The destination as a Path.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    tmp: Path | None = None
    for attempt in range(100):
        candidate = directory / f".{path.name}.{os.getpid()}.{attempt}.tmp"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            continue
        tmp = candidate
        break
    else:
        raise FileExistsError(f"no free temporary name next to {path}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(directory)
    return path


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    """Like `atomic_write_bytes`, for text.

    Args:
        path: Destination file.
        text: The complete new content.
        encoding: Text encoding (UTF-8 unless told otherwise).

    Returns:
        The destination as a Path.
    """
    return atomic_write_bytes(path, text.encode(encoding))


def write_set(
    directory: Path | str, files: dict[str, bytes], owned: Callable[[str], bool]
) -> list[Path]:
    """Make `directory` hold exactly `files` of its own kind: a whole set, no stale file.

    A folder that holds nothing else (every entry `owned`) is built anew beside itself,
    every file 0600 and fsynced, and swapped in by renames, so no reader ever sees a
    new file beside an old one (a moved meeting's new .ics next to its old .eml). A
    folder that holds other files (one the chair chose with --out), or that cannot be
    renamed (a mount point), keeps its place: the new files are written atomically one
    by one, then the owned files not in the set removed.

    Args:
        directory: The export folder; created 0700 if missing, its mode kept if it exists.
        files: File name -> content.
        owned: Whether a file name is one of this set's kind (the meeting's files).

    Returns:
        The written paths, in the order of `files`.
    """
    out = Path(directory)
    entries = list(out.iterdir()) if out.is_dir() and not out.is_symlink() else None
    whole = entries is not None and all(e.is_file() and owned(e.name) for e in entries)
    # Swapped only where a rename can: not a mount point, nor on another disk than its
    # parent (a USB stick, a network share), nor the folder the command runs in.
    if whole and (os.path.ismount(out) or out.stat().st_dev != out.parent.stat().st_dev):
        whole = False
    if entries is None or not whole or out.resolve() == Path.cwd().resolve():
        if not out.exists():
            private_dir(out)
        written = [atomic_write_bytes(out / name, data) for name, data in files.items()]
        for entry in out.iterdir():
            if entry.is_file() and owned(entry.name) and entry.name not in files:
                entry.unlink()
        fsync_dir(out)
        return written
    parent = out.parent
    mode = stat.S_IMODE(out.stat().st_mode)
    tmp = parent / f".{out.name}.{os.getpid()}.new"
    old = parent / f".{out.name}.{os.getpid()}.old"
    for leftover in (tmp, old):  # from a run that stopped half-way
        shutil.rmtree(leftover, ignore_errors=True)
    private_dir(tmp)
    try:
        for name, data in files.items():
            atomic_write_bytes(tmp / name, data)
        os.chmod(tmp, mode)
        os.rename(out, old)
        try:
            os.rename(tmp, out)
        except BaseException:
            os.rename(old, out)  # put the last set back: never no set at all
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(parent)
    shutil.rmtree(old, ignore_errors=True)
    return [out / name for name in files]
