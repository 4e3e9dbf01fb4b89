"""One line that says what to do, never a traceback, when the journal or a folder is unusable."""

from __future__ import annotations

import argparse
import errno
from pathlib import Path

from starmote.i18n import t


def journal_file(home: str | None) -> Path:
    """Where the journal of data directory `home` is (see `paths.data_home`)."""
    from starmote.store import paths

    return paths.journal_path(paths.locate_home(home))


def explain(
    exc: BaseException,
    args: argparse.Namespace,
    lang: str | None = None,
    where: Path | str | None = None,
) -> str | None:
    """The line to print for `exc`, or None when it is not about the journal or a folder.

    Args:
        exc: What stopped the command.
        args: The parsed command line (`home`, `lang`).
        lang: The command's language (default: `args.lang`: `--lang`, else the saved one).
        where: What the command was writing, for an OS error that names no file
            (a failed write names none, only a failed open does).

    Returns:
        One line naming the file and what to do.
    """
    import sqlite3

    from starmote.store.journal import DamagedEntry, JournalUnusable, unusable
    from starmote.store.paths import UnsafeHome

    lang = lang or str(getattr(args, "lang", "sv"))
    if isinstance(exc, UnsafeHome):
        return exc.message(lang)
    if isinstance(exc, DamagedEntry):
        return f"{journal_file(getattr(args, 'home', None))}: {exc.message(lang)}"
    if isinstance(exc, JournalUnusable):
        return exc.message(lang)
    if isinstance(exc, sqlite3.Error):
        return unusable(exc, journal_file(getattr(args, "home", None))).message(lang)
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else (where or "starmote")
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return t("cli.os_full", lang, path=where)
        return t("cli.os_error", lang, path=where, error=exc.strerror or str(exc))
    return None


def failure_line(
    exc: BaseException, args: argparse.Namespace, lang: str, where: Path | str | None = None
) -> str:
    """Like `explain`, with a plain "unexpected error" line for anything else."""
    return explain(exc, args, lang, where) or t("cli.unexpected", lang, error=str(exc))
