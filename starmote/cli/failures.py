"""One line that says what to do, never a traceback, when the journal or a folder is unusable."""

from __future__ import annotations

import argparse
from pathlib import Path

from starmote.i18n import t


def ui_lang(args: argparse.Namespace) -> str:
    """The language the command speaks: `--lang` if given, else the saved setting."""
    lang = str(getattr(args, "lang", "sv"))
    if getattr(args, "lang_given", False):
        return lang
    from starmote.store import settings as settings_mod

    try:
        return settings_mod.load(getattr(args, "home", None)).lang
    except OSError:
        return lang


def journal_file(home: str | None) -> Path:
    """Where the journal of data directory `home` is (see `paths.data_home`)."""
    from starmote.store import paths

    try:
        return paths.journal_path(paths.data_home(home))
    except OSError:  # the folder itself is unusable; name what was asked for
        return paths.journal_path(Path(home or ".").expanduser().absolute())


def explain(exc: BaseException, args: argparse.Namespace, lang: str | None = None) -> str | None:
    """The line to print for `exc`, or None when it is not about the journal or a folder.

    Args:
        exc: What stopped the command.
        args: The parsed command line (`home`, `lang`).
        lang: The command's language (default: `ui_lang(args)`).

    Returns:
        One line naming the file and what to do.
    """
    import sqlite3

    from starmote.store.journal import DamagedEntry, JournalUnusable, unusable

    lang = lang or ui_lang(args)
    if isinstance(exc, DamagedEntry):
        return f"{journal_file(getattr(args, 'home', None))}: {exc.message(lang)}"
    if isinstance(exc, JournalUnusable):
        return exc.message(lang)
    if isinstance(exc, sqlite3.Error):
        return unusable(exc, journal_file(getattr(args, "home", None))).message(lang)
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        return t("cli.os_error", lang, path=where, error=exc.strerror or str(exc))
    return None


def failure_line(exc: BaseException, args: argparse.Namespace, lang: str) -> str:
    """Like `explain`, with a plain "unexpected error" line for anything else."""
    return explain(exc, args, lang) or t("cli.unexpected", lang, error=str(exc))
