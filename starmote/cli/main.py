"""The `starmote` command line: one small function per subcommand, registered in a table."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from starmote.cli.parser import LocalParser, VersionAction
from starmote.i18n import LANGUAGES, t
from starmote.record import Record, record


@record
class Subcommand(Record):
    """One `starmote NAME …` command, in the module of `starmote.cli` that holds it.

    The module is imported when the command's parser is built: a meeting command
    (see `_meeting_command`) builds only its own, so the first frame never waits on
    the other commands' modules.
    """

    name: str
    help_key: str
    """Message key of the one-line help."""
    module: str
    """The module in `starmote.cli` that holds the two functions below."""
    configure: str
    """Adds the command's own arguments (given the parser and the language)."""
    run: str
    """Does the work (given the parsed arguments); returns the exit status."""

    def functions(
        self,
    ) -> tuple[Callable[[argparse.ArgumentParser, str], None], Callable[[argparse.Namespace], int]]:
        """The command's `configure` and `run` functions, its module imported."""
        module = importlib.import_module(f"starmote.cli.{self.module}")
        return getattr(module, self.configure), getattr(module, self.run)


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
    Subcommand("demo", "tui.cli.demo_help", "meeting", "configure_demo", "cmd_demo"),
    Subcommand("new", "cli.new.help", "newcase", "configure_new", "cmd_new"),
    Subcommand("invite", "cli.invite.help", "invite", "configure_invite", "cmd_invite"),
    Subcommand("run", "tui.cli.run_help", "meeting", "configure_run", "cmd_run"),
    Subcommand("resume", "tui.cli.resume_help", "meeting", "configure_resume", "cmd_resume"),
    Subcommand("meetings", "cli.meetings.help", "records", "configure_meetings", "cmd_meetings"),
    Subcommand("export", "cli.export.help", "records", "configure_export", "cmd_export"),
    Subcommand("followup", "cli.followup.help", "followup", "configure_followup", "cmd_followup"),
    Subcommand("history", "cli.history.help", "history", "configure_history", "cmd_history"),
    Subcommand("board", "cli.board.help", "board", "configure_board", "cmd_board"),
    Subcommand("purge", "cli.purge.help", "purge", "configure_purge", "cmd_purge"),
    Subcommand("validate", "cli.validate.help", "plans", "configure_validate", "cmd_validate"),
    Subcommand("templates", "cli.templates.help", "plans", "configure_templates", "cmd_templates"),
]
"""Every subcommand, in the order `--help` lists them. Add new ones here."""


def _given(argv: Sequence[str], option: str) -> str | None:
    """The value of `option` (`--lang en` or `--lang=en`) anywhere in `argv`, if given."""
    for i, arg in enumerate(argv):
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
        if arg == option and i + 1 < len(argv):
            return argv[i + 1]
    return None


def _guess_lang(argv: Sequence[str]) -> str:
    # Help texts and argparse's own words are built before parsing, so peek first:
    # --lang wins, else the language saved in settings, else Swedish.
    value = _given(argv, "--lang")
    if value is not None:
        return value if value in LANGUAGES else "sv"
    return _saved_lang(_given(argv, "--home"))


def _saved_lang(home: str | None) -> str:
    """The saved UI language, read without creating the data directory."""
    from starmote.store import paths, settings

    try:
        if not (paths.locate_home(home) / settings.FILE_NAME).is_file():
            return "sv"
        return settings.load(home).lang
    except OSError:
        return "sv"


# --- the fast path to a meeting ----------------------------------------------

MEETING_COMMANDS = ("demo", "run", "resume")
"""Commands that open the TUI: their parser is built alone, as the first frame waits on it."""


def _meeting_command(argv: Sequence[str]) -> str | None:
    """The meeting command `argv` names, when nothing else needs the full parser.

    Building the other subparsers (importing their modules, translating their help)
    costs time before the first frame and changes nothing for these commands: their own arguments,
    help and errors come from their subparser, and the top-level usage names
    COMMAND, not the list. Anything unusual before the command (`-h`, an
    abbreviated option) gets the full parser, so its output stays the same.

    Returns:
        "demo", "run" or "resume", or None for the full parser.
    """
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg in ("--lang", "--home"):
            skip_value = True
        elif arg.startswith(("--lang=", "--home=")):
            continue
        else:
            return arg if arg in MEETING_COMMANDS else None
    return None


def build_parser(lang: str = "sv", only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand.

    Args:
        lang: Language of the help texts and of argparse's own words.
        only: Build just this subcommand (see `_meeting_command`); None for all.

    Returns:
        The parser; each subparser sets `run` to its command function.
    """
    parser = LocalParser(prog="starmote", description=t("cli.description", lang), lang=lang)
    parser.add_argument("--version", action=VersionAction, help=t("cli.version", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=lang, help=t("cli.lang", lang))
    parser.add_argument("--home", default=None, metavar="DIR", help=t("cli.home", lang))
    # Not required: a bare `starmote` prints the help (see `main`).
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in SUBCOMMANDS:
        if only is not None and command.name != only:
            continue
        configure, run = command.functions()
        child = sub.add_parser(command.name, help=t(command.help_key, lang), lang=lang)
        configure(child, lang)
        _add_common_options(child, lang)
        child.set_defaults(run=run)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line, with `lang_given`: whether `--lang` was given anywhere.

    Args:
        argv: Arguments without the program name.

    Returns:
        The namespace; `run` is the subcommand's function (absent when none was given);
        `lang` is `--lang`, else the saved setting, else "sv".
    """
    args_list = list(argv)
    args = build_parser(_guess_lang(args_list), _meeting_command(args_list)).parse_args(args_list)
    args.lang_given = any(a == "--lang" or a.startswith("--lang=") for a in args_list)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run `starmote` with `argv` (default: the process arguments).

    Args:
        argv: Arguments without the program name.

    Returns:
        The exit status: 0 after the help for a bare `starmote`; 2 for a usage error
        (through SystemExit), a bad file, or a journal or folder that cannot be used
        (one line on stderr, never a traceback).
    """
    args = parse(sys.argv[1:] if argv is None else argv)
    if getattr(args, "run", None) is None:
        # A bare `starmote` asks what it can do: the help on stdout, and no error.
        build_parser(args.lang).print_help()
        return 0
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0  # e.g. `starmote templates | head`
    except Exception as exc:
        # A damaged journal or an unusable folder: one line that says what to do.
        from starmote.cli.failures import explain

        line = explain(exc, args)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
