"""`starmote followup ID --move WHEN | --cancel`: change the next meeting after closing."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING

from starmote.i18n import t

if TYPE_CHECKING:
    from starmote.engine.state import FollowUp


def configure_followup(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting", metavar="ID", help=t("cli.export.id", lang))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--move", metavar="WHEN", help=t("cli.followup.move", lang))
    what.add_argument("--cancel", action="store_true", help=t("cli.followup.cancel", lang))
    parser.add_argument("--minutes", metavar="MIN", help=t("cli.followup.minutes", lang))
    parser.add_argument("--place", metavar="TEXT", help=t("cli.followup.place", lang))
    parser.add_argument("--link", metavar="URL", help=t("cli.followup.link", lang))


def moved_start(text: str, current: FollowUp | None, today: date, lang: str) -> datetime:
    """The new start `text` gives, read as the app reads it (`tis 14:00`, `+2v 9`).

    A date alone (`+2v`, `15/3`) keeps the booked time of day: moving a meeting to
    another day rarely moves its hour too.

    Raises:
        ValueError: The message, in `lang`, for a start that cannot be used.
    """
    from starmote.dates import DateParseError, combine_local, parse_due
    from starmote.plan.entry import FieldRefused, parse_when
    from starmote.plan.model import STOCKHOLM

    try:
        return parse_when(text, today, lang=lang)
    except FieldRefused as refused:
        try:
            day = parse_due(text, today)
        except DateParseError:
            raise ValueError(str(refused)) from None
        if current is None:
            raise ValueError(str(refused)) from None
        if day < today:
            raise ValueError(t("cli.followup.past", lang, date=day.isoformat())) from None
        try:
            return combine_local(day, current.start.astimezone(STOCKHOLM).time(), STOCKHOLM)
        except DateParseError as err:
            raise ValueError(err.message(lang)) from None


def cmd_followup(args: argparse.Namespace) -> int:
    """Move or cancel a stored meeting's follow-up, as events in its journal.

    A move keeps the invite's UID and raises its SEQUENCE (an update); a cancellation
    does too (a CANCEL). Either needs the invite approved and sent again: `export` shows it.

    Returns:
        0; or 2 with one line on stderr (unknown id, a WHEN or length that cannot be
        used, a change the rules refuse, the meeting open elsewhere, an unusable journal).
    """
    import sqlite3

    from starmote.cli.failures import failure_line
    from starmote.cli.records import find_meeting
    from starmote.dates import DateParseError, parse_duration_min
    from starmote.engine import commands as c
    from starmote.engine.rules import DomainError
    from starmote.plan.model import STOCKHOLM
    from starmote.store import lease
    from starmote.store.journal import Journal, JournalError
    from starmote.store.session import Session, SystemClock

    lang = args.lang
    try:
        if not Journal.exists(args.home):
            print(t("cli.followup.unknown", lang, id=args.meeting), file=sys.stderr)
            return 2
        with Journal.open(args.home) as journal:
            try:
                meeting_id = find_meeting(journal, args.meeting)
            except LookupError as exc:
                key = "cli.followup.ambiguous" if str(exc) else "cli.followup.unknown"
                print(t(key, lang, id=args.meeting, matches=str(exc)), file=sys.stderr)
                return 2
            try:
                held = lease.take(journal.path, meeting_id)
            except lease.MeetingInUse:
                print(t("tui.cli.in_use", lang, meeting=meeting_id), file=sys.stderr)
                return 2
            with held:
                session = Session.resume(journal, meeting_id, SystemClock())
                current = session.state.follow_up
                command: c.Command
                if args.cancel:
                    command = c.CancelFollowUp()
                else:
                    today = datetime.now(STOCKHOLM).date()
                    start = moved_start(args.move, current, today, lang)
                    minutes = current.duration_min if current else session.state.plan.duration_min
                    if args.minutes is not None:
                        minutes = parse_duration_min(args.minutes)
                    place = (
                        args.place if args.place is not None else (current.place if current else "")
                    )
                    link = (
                        args.link if args.link is not None else (current.link if current else None)
                    )
                    convener = current.convener if current else ""
                    command = c.SetFollowUp(start, minutes, place, convener, link=link)
                state = session.do(command)
    except (DateParseError, DomainError) as err:  # a length, or a change the rules refuse
        print(f"followup: {err.message(lang)}", file=sys.stderr)
        return 2
    except ValueError as exc:  # a WHEN that cannot be used (said in `lang`)
        print(f"followup: {exc}", file=sys.stderr)
        return 2
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(failure_line(exc, args, lang), file=sys.stderr)
        return 2
    fu = state.follow_up
    assert fu is not None
    if fu.cancelled:
        print(t("cli.followup.cancelled", lang, id=meeting_id, sequence=fu.sequence))
    else:
        when = fu.start.astimezone(STOCKHOLM)
        print(
            t(
                "cli.followup.moved",
                lang,
                when=f"{when:%Y-%m-%d %H:%M}",
                minutes=fu.duration_min,
                sequence=fu.sequence,
                id=meeting_id,
            )
        )
    return 0
