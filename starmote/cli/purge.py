"""`starmote purge ID | --older-than DAYS`: remove closed meetings for good, after asking."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from starmote.i18n import t, tn

if TYPE_CHECKING:
    from starmote.store.journal import Journal
    from starmote.store.retention import Dated

WIPE_WAIT_S = 10.0
"""How long the wipe waits for another program to stop reading the journal."""

DONE, NOT_DONE, REFUSED = 0, 1, 2
"""Exit statuses: done (or nothing to do); not done (the answer was no, or the files could
not be wiped yet); refused (bad input, an unfinished meeting, one open in a window)."""


def configure_purge(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting", nargs="?", metavar="ID", help=t("cli.purge.id", lang))
    parser.add_argument(
        "--older-than", type=int, metavar="DAYS", default=None, help=t("cli.purge.older", lang)
    )
    parser.add_argument("--yes", action="store_true", help=t("cli.purge.yes", lang))
    parser.add_argument("--wipe", action="store_true", help=t("cli.purge.wipe", lang))


def cmd_purge(args: argparse.Namespace) -> int:
    """Remove closed meetings from the journal and their export folders, after a y/N question.

    Args:
        args: Parsed arguments (`home`, `lang`, `meeting`, `older_than`, `yes`, `wipe`).

    Returns:
        0 when done or there was nothing to do; 1 when the answer was no, or the journal's
        files could not be wiped yet; 2 for bad input or a meeting that may not go.
    """
    import sqlite3

    from starmote.cli.failures import failure_line
    from starmote.store.journal import Journal, JournalError

    lang = args.lang
    given = [args.meeting is not None, args.older_than is not None, args.wipe]
    if sum(given) != 1:
        print(t("cli.purge.what", lang), file=sys.stderr)
        return REFUSED
    if args.older_than is not None and args.older_than < 0:
        print(t("cli.purge.negative", lang, days=args.older_than), file=sys.stderr)
        return REFUSED
    if not Journal.exists(args.home):  # looking never creates a journal
        if args.meeting is not None:
            print(t("cli.purge.unknown", lang, id=args.meeting), file=sys.stderr)
            return REFUSED
        print(t("cli.purge.nothing", lang))
        return DONE
    try:
        with Journal.open(args.home) as journal:
            if args.wipe:
                return _report_wipe(journal.wipe(WIPE_WAIT_S), lang)
            chosen = _choose(journal, args)
            if isinstance(chosen, int):
                return chosen
            return _confirm_and_purge(journal, chosen, args)
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(failure_line(exc, args, lang), file=sys.stderr)
        return REFUSED


def _choose(journal: Journal, args: argparse.Namespace) -> list[Dated] | int:
    """The closed meetings the command line names, or an exit status after saying why none."""
    from datetime import UTC, datetime

    from starmote.cli.records import find_meeting
    from starmote.store import retention

    lang = args.lang
    if args.meeting is not None:
        try:
            meeting_id = find_meeting(journal, args.meeting)
        except LookupError as exc:
            key = "cli.purge.ambiguous" if str(exc) else "cli.purge.unknown"
            if not args.meeting.strip():
                key = "cli.purge.empty"
            print(t(key, lang, id=args.meeting, matches=str(exc)), file=sys.stderr)
            return REFUSED
        found = retention.dated(journal, meeting_id)
        if found is None or not found.closed:
            print(t("cli.purge.open", lang, id=meeting_id), file=sys.stderr)
            return REFUSED
        return [found]
    before = retention.limit(datetime.now(UTC), args.older_than)
    unfinished = retention.past(journal, before, closed=False)
    if unfinished:
        ids = ", ".join(m.meeting_id for m in unfinished)
        print(tn("cli.purge.skipped_open", len(unfinished), lang, ids=ids))
    chosen = retention.past(journal, before)
    if not chosen:
        print(t("cli.purge.nothing_older", lang, days=args.older_than))
        return DONE
    return chosen


def _confirm_and_purge(journal: Journal, chosen: list[Dated], args: argparse.Namespace) -> int:
    """List what goes, ask (unless --yes), purge, and say what happened."""
    from starmote.store import lease, retention

    lang = args.lang
    print(tn("cli.purge.listing", len(chosen), lang))
    width = max(len(m.meeting_id) for m in chosen)
    for m in chosen:
        day = m.day.isoformat() if m.day else "?"
        print(f"  {m.meeting_id.ljust(width)}  {day}  {m.case_code}")
    print(t("cli.purge.elsewhere", lang))
    if not args.yes and not _yes(tn("cli.purge.ask", len(chosen), lang), lang):
        print(t("cli.purge.declined", lang))
        return NOT_DONE
    try:
        done = retention.purge(journal, [m.meeting_id for m in chosen], WIPE_WAIT_S)
    except lease.MeetingInUse as exc:
        print(t("cli.purge.in_use", lang, id=str(exc)), file=sys.stderr)
        return REFUSED
    print(tn("cli.purge.done", len(done.meetings), lang, folders=done.folders))
    return _report_wipe(done.wiped, lang)


def _report_wipe(wiped: bool, lang: str) -> int:
    if wiped:
        return DONE
    print(t("cli.purge.not_wiped", lang), file=sys.stderr)
    return NOT_DONE


def _yes(question: str, lang: str) -> bool:
    """Ask `question`; only a yes in the UI language (or English) is yes. No answer is no."""
    print(question, end=" ", flush=True)
    try:
        answer = input()
    except EOFError:
        answer = ""
    if not sys.stdin.isatty():
        print()  # an answer from a pipe is not echoed: end the question's line
    words = {w.strip() for w in t("cli.purge.yes_words", lang).split(",")} | {"y", "yes"}
    return answer.strip().casefold() in words
