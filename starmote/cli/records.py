"""`starmote meetings` and `export`: what the journal holds, read back (history: cli/history.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from starmote.cli.failures import failure_line
from starmote.i18n import t, tn

if TYPE_CHECKING:
    from starmote.engine.state import MeetingState
    from starmote.store.journal import Journal

T = TypeVar("T")


def _read_journal(home: str | None, read: Callable[[Journal], T]) -> T | None:
    """`read(journal)`, or None when there is no journal yet: reading never creates one."""
    from starmote.store.journal import Journal

    if not Journal.exists(home):
        return None
    with Journal.open(home) as journal:
        return read(journal)


def find_meeting(journal: Journal, wanted: str) -> str:
    """The id of the meeting `wanted` names: the whole id or a unique start of it.

    Two indexed look-ups, whatever the number of meetings stored.

    Raises:
        LookupError: No meeting, or several, match; the message lists some that do.
    """
    if not wanted.strip():
        # An empty id is the start of every id: it must never pick the only meeting there is.
        raise LookupError(", ".join(journal.meeting_ids("", limit=AMBIGUOUS_SHOWN)) or "")
    if journal.meeting(wanted) is not None:
        return wanted
    hits = journal.meeting_ids(wanted, limit=AMBIGUOUS_SHOWN + 1)
    if len(hits) == 1:
        return hits[0]
    shown = ", ".join(hits[:AMBIGUOUS_SHOWN])
    raise LookupError(shown + (", …" if len(hits) > AMBIGUOUS_SHOWN else ""))


AMBIGUOUS_SHOWN = 10
"""How many matching ids an ambiguous prefix names."""

RECENT = 20
"""`starmote meetings` lists the unfinished meetings and this many of the latest."""


def configure_meetings(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--all", action="store_true", help=t("cli.meetings.all", lang, recent=RECENT)
    )


def cmd_meetings(args: argparse.Namespace) -> int:
    """List the meetings in the journal, newest first: the unfinished and the latest ones.

    Read from the journal's index, so a long journal lists as fast as a short one.

    Args:
        args: Parsed arguments (`home`, `lang`, `all`).

    Returns:
        0, or 2 if the journal cannot be read.
    """
    import sqlite3
    from datetime import datetime

    from starmote.plan.model import STOCKHOLM
    from starmote.store.journal import JournalError

    lang = args.lang
    recent = None if getattr(args, "all", False) else RECENT
    try:
        found = _read_journal(
            args.home,
            lambda journal: (journal.meetings(recent), journal.meeting_count(), _due(journal)),
        )
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(failure_line(exc, args, args.lang), file=sys.stderr)
        return 2
    rows, total, (days, due) = found or ([], 0, (0, set()))
    if not rows:
        print(t("cli.meetings.none", lang))
        return 0
    header = (
        t("cli.meetings.id", lang),
        t("cli.meetings.date", lang),
        t("cli.meetings.case", lang),
        t("cli.meetings.template", lang),
        t("cli.meetings.state", lang),
        t("cli.meetings.events", lang),
    )
    table = [header]
    for row in rows:
        start = datetime.fromisoformat(row.start).astimezone(STOCKHOLM) if row.start else None
        state = t("cli.meetings.closed" if row.closed else "cli.meetings.open", lang)
        if row.meeting_id in due:
            state = t("cli.meetings.past_retention", lang, days=days)
        table.append(
            (
                row.meeting_id,
                start.strftime("%Y-%m-%d %H:%M") if start else "",
                row.case_code,
                row.template,
                state,
                str(row.events),
            )
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    if total > len(rows):
        print(t("cli.meetings.more", lang, more=total - len(rows), total=total))
    if due:
        print(tn("cli.meetings.due", len(due), lang, days=days))
    return 0


def _due(journal: Journal) -> tuple[int, set[str]]:
    """The retention limit in days and the closed meetings past it (none when it is 0)."""
    from datetime import UTC, datetime

    from starmote.store import retention, settings

    days = settings.load(journal.path.parent).retention_days
    if not days:
        return 0, set()
    before = retention.limit(datetime.now(UTC), days)
    return days, set(retention.past_ids(journal, before))


def configure_export(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting", metavar="ID", help=t("cli.export.id", lang))
    parser.add_argument(
        "--minutes", metavar="md,html", default=None, help=t("cli.export.minutes", lang)
    )
    parser.add_argument("--invites", action="store_true", help=t("cli.export.invites", lang))
    parser.add_argument("--eml", action="store_true", help=t("cli.export.eml", lang))
    parser.add_argument("--out", metavar="DIR", default=None, help=t("cli.export.out", lang))
    parser.add_argument(
        "--approve-invites",
        metavar="CODE",
        default=None,
        help=t("cli.export.approve_invites", lang),
    )


def cmd_export(args: argparse.Namespace) -> int:
    """Write a meeting's minutes and invites from its journal.

    With neither --minutes nor --invites, everything is written. Files are
    written atomically, mode 0600, by default into `<data home>/exports/<id>/`.
    An invite is written only once the chair approved its text: the preview of any
    that wait is printed, with the code that `--approve-invites CODE` takes to approve
    exactly what was shown (stored in the journal, as the app's approval is).

    Returns:
        0, or 2 with one line on stderr (unknown id, bad format list, unreadable journal,
        a wrong approval code).
    """
    import sqlite3
    from pathlib import Path

    from starmote.documents.export import MINUTES_FORMATS, export_meeting
    from starmote.documents.invites import InviteError
    from starmote.engine.fold import fold
    from starmote.store.journal import Journal, JournalError
    from starmote.store.paths import data_home, locate_home
    from starmote.store.session import load_events

    lang = args.lang
    formats = MINUTES_FORMATS
    if args.minutes is not None:
        formats = tuple(f.strip() for f in args.minutes.split(",") if f.strip())
        bad = [f for f in formats if f not in MINUTES_FORMATS]
        if bad:
            print(t("cli.export.bad_format", lang, formats=", ".join(bad)), file=sys.stderr)
            return 2
    everything = args.minutes is None and not args.invites
    with_invites = everything or args.invites or args.approve_invites is not None
    # The case file's language (documents.fmt.lang_of) unless --lang was given.
    doc_lang = lang if getattr(args, "lang_given", False) else None
    try:
        with Journal.open(args.home) as journal:
            try:
                meeting_id = find_meeting(journal, args.meeting)
            except LookupError as exc:
                key = "cli.export.ambiguous" if str(exc) else "cli.export.unknown"
                if not args.meeting.strip():
                    key = "cli.export.empty" if str(exc) else "cli.export.unknown"
                print(t(key, lang, id=args.meeting, matches=str(exc)), file=sys.stderr)
                return 2
            state = fold(load_events(journal, meeting_id))
            if with_invites:
                state, status = _invite_approval(args, journal, state, doc_lang)
                if status:
                    return status
        out = Path(args.out) if args.out else data_home(args.home) / "exports" / meeting_id
        from starmote.store.settings import load as load_settings

        written = export_meeting(
            state,
            out,
            minutes=formats if (everything or args.minutes is not None) else (),
            invites=with_invites,
            eml=args.eml,
            lang=doc_lang,
            signature=load_settings(args.home).signature_line,
        )
    except InviteError as exc:
        print(f"export: {exc.message(lang)}", file=sys.stderr)
        return 2
    except (JournalError, OSError, sqlite3.Error) as exc:
        where = args.out or locate_home(args.home) / "exports"
        print(failure_line(exc, args, args.lang, where), file=sys.stderr)
        return 2
    for path in written:
        print(path)
    from starmote.documents.skipped import not_written

    # What was left out and why goes to stderr: stdout stays the list of files written.
    for line in not_written(state, lang, invites=with_invites, eml=args.eml):
        print(f"{t('export.skip.heading', lang)} {line}", file=sys.stderr)
    return 0


def _invite_approval(
    args: argparse.Namespace, journal: Journal, state: MeetingState, doc_lang: str | None
) -> tuple[MeetingState, int]:
    """Show the invites that wait for approval, and approve them if the code says so.

    Returns:
        The state (with the approvals stored, if given) and 0; or 2 after a one-line
        refusal (a code for other text than is shown now, or the meeting open elsewhere).
    """
    from starmote.documents.invite_preview import approval_code, previews, render_text
    from starmote.documents.invites import approve
    from starmote.engine.rules import DomainError
    from starmote.store import lease
    from starmote.store.session import Session, SystemClock

    lang = args.lang
    waiting = [p for p in previews(state, doc_lang) if p.status != "approved"]
    if not waiting:
        return state, 0
    code = approval_code(waiting)
    print(t("cli.export.preview_intro", lang), file=sys.stderr)
    sys.stderr.write(render_text(waiting, lang))
    if args.approve_invites is None:
        print(t("cli.export.how_to_approve", lang, id=state.meeting_id, code=code), file=sys.stderr)
        return state, 0
    if args.approve_invites.strip() != code:
        print(t("cli.export.wrong_code", lang, code=code), file=sys.stderr)
        return state, 2
    try:
        held = lease.take(journal.path, state.meeting_id)
    except lease.MeetingInUse:
        print(t("tui.cli.in_use", lang, meeting=state.meeting_id), file=sys.stderr)
        return state, 2
    with held:
        session = Session.resume(journal, state.meeting_id, SystemClock())
        for shown in waiting:
            try:
                session.do(approve(shown.invite.proposal))
            except DomainError as err:  # text the engine refuses (a journal from before)
                print(f"export: {err.message(lang)}", file=sys.stderr)
                return session.state, 2
    print(t("cli.export.approved", lang, n=len(waiting)), file=sys.stderr)
    return session.state, 0
