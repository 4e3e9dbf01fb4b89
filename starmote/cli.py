"""The `starmote` command line: one small function per subcommand, registered in a table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from starmote.i18n import LANGUAGES, t

T = TypeVar("T")


@dataclass(frozen=True)
class Subcommand:
    """One `starmote NAME …` command."""

    name: str
    help_key: str
    """Message key of the one-line help."""
    configure: Callable[[argparse.ArgumentParser, str], None]
    """Adds the command's own arguments (given the parser and the language)."""
    run: Callable[[argparse.Namespace], int]
    """Does the work; returns the exit status."""


# --- validate ----------------------------------------------------------------


def _configure_validate(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("cli.validate.files", lang))


def cmd_validate(args: argparse.Namespace) -> int:
    """Check case and template files; problems to stderr, exit 2 if any.

    Args:
        args: Parsed arguments (`files`, `lang`).

    Returns:
        0 when every file is valid, else 2.
    """
    from starmote.formats import Problem, validate_file

    status = 0
    for path in args.files:
        try:
            problems = validate_file(path, lang=args.lang)
        except Exception as exc:  # noqa: BLE001 – a bug must still be one line, never a traceback
            problems = [
                Problem(
                    path,
                    1,
                    t("formats.field_file", args.lang),
                    t("cli.unexpected", args.lang, error=repr(exc)),
                )
            ]
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            status = 2
        else:
            print(t("cli.validate.ok", args.lang, path=path))
    return status


# --- templates ---------------------------------------------------------------


def _configure_nothing(parser: argparse.ArgumentParser, lang: str) -> None:
    del parser, lang


def cmd_templates(args: argparse.Namespace) -> int:
    """List the shipped templates with their phases and shares.

    Args:
        args: Parsed arguments (`lang`).

    Returns:
        0, or 2 if a shipped template is broken (its problems go to stderr).
    """
    from starmote.formats import FormatError, load_template
    from starmote.resources import shipped_templates, templates_dir

    lang = args.lang
    paths = shipped_templates()
    if not paths:
        print(t("cli.templates.none", lang, path=templates_dir()), file=sys.stderr)
        return 2
    status = 0
    for i, path in enumerate(paths):
        try:
            template = load_template(path, lang)
        except FormatError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            status = 2
            continue
        if i:
            print()
        print(
            t(
                "cli.templates.line",
                lang,
                key=template.key,
                kind=template.kind,
                title=template.title(lang),
                minutes=template.default_duration_min,
            )
        )
        for phase in template.phases:
            extra = ""
            if phase.key == template.per_case:
                extra = t("cli.templates.per_case", lang)
            elif phase.floor_share:
                extra = t("cli.templates.floor", lang, floor=f"{phase.floor_share:g}")
            print(
                t(
                    "cli.templates.phase",
                    lang,
                    title=phase.title(lang),
                    share=f"{phase.share:g}",
                    extra=extra,
                )
            )
    return status


def _configure_local_options(parser: argparse.ArgumentParser, lang: str) -> None:
    # Also accepted after the subcommand; SUPPRESS keeps the global value when not given here
    # (`lang_given` in `main` says whether one was given anywhere).
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.lang", lang)
    )
    parser.add_argument(
        "--home", default=argparse.SUPPRESS, metavar="DIR", help=t("cli.home", lang)
    )


# --- history -----------------------------------------------------------------


def _configure_history(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--csv", action="store_true", help=t("cli.history.csv", lang))
    _configure_local_options(parser, lang)


def cmd_history(args: argparse.Namespace) -> int:
    """Print attendance per organisation across all meetings (counts only, no names).

    Args:
        args: Parsed arguments (`home`, `lang`, `csv`).

    Returns:
        0, or 2 if the journal cannot be read.
    """
    import sqlite3

    from starmote.history import (
        attendance_history,
        format_table,
        summary_by_organisation,
        write_csv,
    )
    from starmote.journal import JournalError

    try:
        rows = _read_journal(args.home, attendance_history)
        summaries = summary_by_organisation(rows)
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(t("cli.unexpected", args.lang, error=str(exc)), file=sys.stderr)
        return 2
    if args.csv:
        write_csv(summaries, sys.stdout)
    else:
        sys.stdout.write(format_table(summaries, args.lang))
    return 0


# --- meetings and export -------------------------------------------------------


def _read_journal(home: str | None, read: Callable[[Any], list[T]]) -> list[T]:
    """`read(journal)`, or nothing when there is no journal yet: reading never creates one."""
    from starmote.journal import Journal

    if not Journal.exists(home):
        return []
    with Journal.open(home) as journal:
        return read(journal)


def find_meeting(journal: object, wanted: str) -> str:
    """The id of the meeting `wanted` names: the whole id or a unique start of it.

    Raises:
        LookupError: No meeting, or several, match; the message says which.
    """
    ids = [row.meeting_id for row in journal.meetings()]  # type: ignore[attr-defined]
    if wanted in ids:
        return wanted
    hits = [i for i in ids if i.startswith(wanted)]
    if len(hits) == 1:
        return hits[0]
    raise LookupError(", ".join(hits) if hits else "")


def cmd_meetings(args: argparse.Namespace) -> int:
    """List the meetings in the journal, newest first.

    Args:
        args: Parsed arguments (`home`, `lang`).

    Returns:
        0, or 2 if the journal cannot be read.
    """
    import sqlite3
    from datetime import datetime

    from starmote.journal import JournalError
    from starmote.plan import STOCKHOLM

    lang = args.lang
    try:
        rows = _read_journal(args.home, lambda journal: journal.meetings())
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(t("cli.unexpected", lang, error=str(exc)), file=sys.stderr)
        return 2
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
    return 0


def _configure_export(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting", metavar="ID", help=t("cli.export.id", lang))
    parser.add_argument(
        "--minutes", metavar="md,html", default=None, help=t("cli.export.minutes", lang)
    )
    parser.add_argument("--invites", action="store_true", help=t("cli.export.invites", lang))
    parser.add_argument("--eml", action="store_true", help=t("cli.export.eml", lang))
    parser.add_argument("--out", metavar="DIR", default=None, help=t("cli.export.out", lang))
    _configure_local_options(parser, lang)


def cmd_export(args: argparse.Namespace) -> int:
    """Write a meeting's minutes and invites from its journal.

    With neither --minutes nor --invites, everything is written. Files are
    written atomically, mode 0600, by default into `<data home>/exports/<id>/`.

    Returns:
        0, or 2 with one line on stderr (unknown id, bad format list, unreadable journal).
    """
    import sqlite3
    from pathlib import Path

    from starmote.export import MINUTES_FORMATS, export_meeting
    from starmote.fold import fold
    from starmote.invites import InviteError
    from starmote.journal import Journal, JournalError
    from starmote.paths import data_home
    from starmote.session import load_events

    lang = args.lang
    formats = MINUTES_FORMATS
    if args.minutes is not None:
        formats = tuple(f.strip() for f in args.minutes.split(",") if f.strip())
        bad = [f for f in formats if f not in MINUTES_FORMATS]
        if bad:
            print(t("cli.export.bad_format", lang, formats=", ".join(bad)), file=sys.stderr)
            return 2
    everything = args.minutes is None and not args.invites
    try:
        with Journal.open(args.home) as journal:
            try:
                meeting_id = find_meeting(journal, args.meeting)
            except LookupError as exc:
                key = "cli.export.ambiguous" if str(exc) else "cli.export.unknown"
                print(t(key, lang, id=args.meeting, matches=str(exc)), file=sys.stderr)
                return 2
            state = fold(load_events(journal, meeting_id))
        out = Path(args.out) if args.out else data_home(args.home) / "exports" / meeting_id
        written = export_meeting(
            state,
            out,
            minutes=formats if (everything or args.minutes is not None) else (),
            invites=everything or args.invites,
            eml=args.eml,
            # The meeting's own language unless --lang was given.
            lang=lang if getattr(args, "lang_given", False) else None,
        )
    except InviteError as exc:
        print(f"export: {exc.message(lang)}", file=sys.stderr)
        return 2
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(t("cli.unexpected", lang, error=str(exc)), file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


# --- demo, run, resume: the meeting itself (Textual loads only when the app opens) ---


def _configure_run(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("case", metavar="CASE", help=t("tui.cli.case", lang))
    parser.add_argument("--new", action="store_true", help=t("tui.cli.new", lang))
    _configure_local_options(parser, lang)


def _configure_resume(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting_id", nargs="?", metavar="ID", help=t("tui.cli.meeting_id", lang))
    _configure_local_options(parser, lang)


def cmd_demo(args: argparse.Namespace) -> int:
    """Open the app on the bundled demo case in a throwaway journal."""
    from starmote.tui.launch import cmd_demo as run

    return run(args)


def cmd_run(args: argparse.Namespace) -> int:
    """Open the app on a case file; a bad file is one line on stderr and exit 2."""
    from starmote.tui.launch import cmd_run as run

    return run(args)


def cmd_resume(args: argparse.Namespace) -> int:
    """Reopen an unfinished meeting where it was."""
    from starmote.tui.launch import cmd_resume as run

    return run(args)


# --- the table and the entry point -------------------------------------------

SUBCOMMANDS: list[Subcommand] = [
    Subcommand("validate", "cli.validate.help", _configure_validate, cmd_validate),
    Subcommand("templates", "cli.templates.help", _configure_nothing, cmd_templates),
    Subcommand("meetings", "cli.meetings.help", _configure_local_options, cmd_meetings),
    Subcommand("export", "cli.export.help", _configure_export, cmd_export),
    Subcommand("history", "cli.history.help", _configure_history, cmd_history),
    Subcommand("demo", "tui.cli.demo_help", _configure_local_options, cmd_demo),
    Subcommand("run", "tui.cli.run_help", _configure_run, cmd_run),
    Subcommand("resume", "tui.cli.resume_help", _configure_resume, cmd_resume),
]
"""Every subcommand, in the order `--help` lists them. Add new ones here."""


def _guess_lang(argv: Sequence[str]) -> str:
    # Help texts are built before parsing, so peek at --lang first.
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        else:
            continue
        return value if value in LANGUAGES else "sv"
    return "sv"


def build_parser(lang: str = "sv") -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand.

    Args:
        lang: Language of the help texts.

    Returns:
        The parser; each subparser sets `run` to its command function.
    """
    parser = argparse.ArgumentParser(prog="starmote", description=t("cli.description", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=lang, help=t("cli.lang", lang))
    parser.add_argument("--home", default=None, metavar="DIR", help=t("cli.home", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in SUBCOMMANDS:
        child = sub.add_parser(command.name, help=t(command.help_key, lang))
        command.configure(child, lang)
        child.set_defaults(run=command.run)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line, with `lang_given`: whether `--lang` was given anywhere.

    Args:
        argv: Arguments without the program name.

    Returns:
        The namespace; `run` is the subcommand's function.
    """
    args_list = list(argv)
    args = build_parser(_guess_lang(args_list)).parse_args(args_list)
    args.lang_given = any(a == "--lang" or a.startswith("--lang=") for a in args_list)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run `starmote` with `argv` (default: the process arguments).

    Args:
        argv: Arguments without the program name.

    Returns:
        The exit status (argparse usage errors exit 2 through SystemExit).
    """
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0  # e.g. `starmote templates | head`


if __name__ == "__main__":
    raise SystemExit(main())
