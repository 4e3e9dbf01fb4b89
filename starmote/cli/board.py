"""`starmote board [ID]`: the projector board, in a terminal of its own, following the meeting."""

from __future__ import annotations

import argparse
import sys

from starmote.i18n import t


def configure_board(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting_id", nargs="?", metavar="ID", help=t("cli.board.id", lang))


def cmd_board(args: argparse.Namespace) -> int:
    """Show the meeting `ID` (default: the open one, and the next one after it) for the room.

    The journal is opened read-only; the meeting's lease is left to the chair's app.

    Returns:
        0 when quit; 2 with one line on stderr when there is no journal, the ID names
        no meeting (or several), or the journal cannot be read.
    """
    from starmote.cli.meeting import _lang
    from starmote.store import paths
    from starmote.store import settings as settings_mod
    from starmote.store.follow import Follower
    from starmote.store.journal import JournalUnusable
    from starmote.store.session import SystemClock

    home = getattr(args, "home", None)
    folder = paths.locate_home(home)
    # Only looked at: the board never creates the data directory, or anything in it.
    saved = (folder / settings_mod.FILE_NAME).is_file()
    settings = settings_mod.load(home) if saved else settings_mod.Settings()
    lang = _lang(args, settings.lang)
    path = paths.journal_path(folder)
    try:
        follower = Follower(path, SystemClock())
    except JournalUnusable as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    try:
        if args.meeting_id:
            try:
                follower.wanted = follower.resolve(args.meeting_id)
            except LookupError as exc:
                key = "cli.export.ambiguous" if str(exc) else "tui.cli.unknown_meeting"
                print(
                    t(key, lang, id=args.meeting_id, meeting=args.meeting_id, matches=str(exc)),
                    file=sys.stderr,
                )
                return 2
        from starmote.tui.board.app import make_board

        app = make_board(follower, lang=lang, settings=settings, home=home)
        app.run()
        return int(app.return_code or 0)
    finally:
        follower.close()
