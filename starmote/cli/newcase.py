"""`starmote new [--from ID]`: write a case file in a form, then start the meeting on it."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from starmote.i18n import t


def configure_new(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--from", dest="from_meeting", metavar="ID", default=None, help=t("cli.new.from", lang)
    )
    parser.add_argument("--out", metavar="FILE", default=None, help=t("cli.new.out", lang))


def cmd_new(args: argparse.Namespace) -> int:
    """Open the new-case form; after saving, run what the chair chose (the meeting, the kallelse).

    Args:
        args: Parsed arguments (`from_meeting`, `out`, `home`, `lang`).

    Returns:
        0 when nothing was saved or after saving; 2 when the meeting to follow up cannot
        be read; otherwise the status of the command the chair chose to run next.
    """
    from starmote.plan.contacts import Contact
    from starmote.plan.model import STOCKHOLM
    from starmote.store import settings as settings_mod

    home = getattr(args, "home", None)
    settings = settings_mod.load(home)
    lang = str(args.lang) if getattr(args, "lang_given", False) else settings.lang
    found = templates(lang)
    if not found:
        from starmote.plan.resources import templates_dir

        print(t("cli.templates.none", lang, path=templates_dir()), file=sys.stderr)
        return 2
    if args.from_meeting:
        draft = _follow_up(args, lang)
        if draft is None:
            return 2
    else:
        from starmote.plan.draft import blank

        first = found.get("motescirkel-sip") or next(iter(found.values()))
        draft = blank(first, lang)
    book: list[Contact]
    try:
        from starmote.store.contacts import address_book

        book = address_book(home)
    except Exception:  # noqa: BLE001 – the address book only saves typing
        book = []
    from starmote.tui.newcase.app import make_newcase_app

    app = make_newcase_app(
        draft,
        found,
        book,
        today=datetime.now(STOCKHOLM).date(),
        lang=lang,
        home=home,
        settings=settings,
        can_invite=can_invite(),
        path=args.out,
    )
    outcome = app.run()
    if outcome is None:
        return 0
    print(t("cli.new.saved", lang, path=outcome.path))
    if outcome.then is None:
        print(t("cli.new.next", lang, path=outcome.path))
        return 0
    return _then(outcome.then, str(outcome.path), args)


def templates(lang: str) -> dict[str, Any]:
    """The shipped templates by key, to choose from (a broken one is left out; `starmote
    templates` reports it)."""
    from starmote.plan.resources import shipped_templates
    from starmote.plan.template import load_template
    from starmote.plan.toml_source import FormatError

    found = {}
    for path in shipped_templates():
        try:
            template = load_template(path, lang)
        except FormatError:
            continue
        found[template.key] = template
    return found


def _follow_up(args: argparse.Namespace, lang: str) -> Any:
    """The draft of a follow-up of the stored meeting `--from` names, or None (said why)."""
    import sqlite3

    from starmote.cli.failures import failure_line
    from starmote.cli.records import find_meeting
    from starmote.engine.fold import fold
    from starmote.store.carry import follow_up_draft
    from starmote.store.journal import Journal, JournalError
    from starmote.store.session import load_events

    wanted = args.from_meeting
    try:
        if not Journal.exists(args.home):
            print(t("cli.new.unknown", lang, id=wanted), file=sys.stderr)
            return None
        with Journal.open(args.home) as journal:
            try:
                meeting_id = find_meeting(journal, wanted)
            except LookupError as exc:
                key = "cli.new.ambiguous" if str(exc) else "cli.new.unknown"
                print(t(key, lang, id=wanted, matches=str(exc)), file=sys.stderr)
                return None
            state = fold(load_events(journal, meeting_id))
    except (JournalError, OSError, sqlite3.Error) as exc:
        print(failure_line(exc, args, lang), file=sys.stderr)
        return None
    return follow_up_draft(state)


def can_invite() -> bool:
    """Whether starmote can write a kallelse for a case file (`starmote invite CASE`)."""
    from starmote.cli.main import SUBCOMMANDS

    return any(command.name == "invite" for command in SUBCOMMANDS)


def _then(command: str, path: str, args: argparse.Namespace) -> int:
    """Run `starmote <command> PATH` with the same --home and --lang, as if typed."""
    from starmote.cli.main import parse

    argv = [command, path]
    if getattr(args, "home", None):
        argv += ["--home", str(args.home)]
    if getattr(args, "lang_given", False):
        argv += ["--lang", str(args.lang)]
    chosen = parse(argv)
    return int(chosen.run(chosen))
