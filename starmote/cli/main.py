"""The `starmote` command line: one small function per subcommand, registered in a table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starmote.cli import meeting, plans, records
from starmote.i18n import LANGUAGES, t


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


def _nothing(parser: argparse.ArgumentParser, lang: str) -> None:
    del parser, lang


def _add_common_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """`--lang` and `--home`, accepted after any subcommand as well as before it.

    SUPPRESS keeps the global value when not given here (`lang_given` in `parse`
    says whether one was given anywhere).
    """
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.lang", lang)
    )
    parser.add_argument(
        "--home", default=argparse.SUPPRESS, metavar="DIR", help=t("cli.home", lang)
    )


# --- the table and the entry point -------------------------------------------

SUBCOMMANDS: list[Subcommand] = [
    Subcommand("demo", "tui.cli.demo_help", _nothing, meeting.cmd_demo),
    Subcommand("run", "tui.cli.run_help", meeting.configure_run, meeting.cmd_run),
    Subcommand("resume", "tui.cli.resume_help", meeting.configure_resume, meeting.cmd_resume),
    Subcommand("meetings", "cli.meetings.help", records.configure_meetings, records.cmd_meetings),
    Subcommand("export", "cli.export.help", records.configure_export, records.cmd_export),
    Subcommand("history", "cli.history.help", records.configure_history, records.cmd_history),
    Subcommand("validate", "cli.validate.help", plans.configure_validate, plans.cmd_validate),
    Subcommand("templates", "cli.templates.help", _nothing, plans.cmd_templates),
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
        _add_common_options(child, lang)
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
