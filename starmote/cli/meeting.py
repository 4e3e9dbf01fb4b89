"""`starmote demo`, `run CASE` and `resume [ID]`: set up the session, then open the app.

Textual is imported only inside `open_app`, so the CLI stays light (and
`import starmote.cli.main` never loads it).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from starmote.i18n import t
from starmote.plan.model import STOCKHOLM, MeetingPlan


def configure_run(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("case", metavar="CASE", help=t("tui.cli.case", lang))
    parser.add_argument("--new", action="store_true", help=t("tui.cli.new", lang))


def configure_demo(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--team", action="store_true", help=t("tui.cli.team", lang))


def configure_resume(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("meeting_id", nargs="?", metavar="ID", help=t("tui.cli.meeting_id", lang))


def _lang(args: argparse.Namespace, settings_lang: str) -> str:
    # A `--lang` given anywhere on the command line wins over the saved setting.
    return str(args.lang) if getattr(args, "lang_given", False) else settings_lang


def starting_now(plan: MeetingPlan, now: datetime) -> MeetingPlan:
    """The demo plan moved to start at the current quarter hour, so the clocks make sense today."""
    local = now.astimezone(STOCKHOLM)
    start = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
    if start < local - timedelta(minutes=5):
        start = local.replace(second=0, microsecond=0)
    return replace(plan, start=start)


SIGNALLED = 128
"""An exit status above this is 128 + the signal (SIGTERM 143, SIGHUP 129) that ended the app."""


def _start_up(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a meeting command with the UI loading meanwhile and no garbage collection.

    The UI (Textual and the screens) is ~0.2 s of imports that need no disk, while
    the command reads the case and settings and opens the journal, which waits on the
    disk (a new journal's tables and first event are fsynced: 5-50 ms). A thread
    imports the UI during that wait; `open_app` imports it as before, waiting only if
    the thread is not done yet, and an import error shows there as it always did. The
    thread is a daemon, so an early exit (a bad case file) does not wait for it.

    Start-up makes what lives as long as the process: modules, classes, the plan,
    the state. A collection pass then frees next to nothing, yet each one walks a
    heap that keeps growing, ~35 ms in all before the first frame. `open_app`
    freezes what was made (later passes skip it) and restarts the collector after
    the first frame.
    """

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        enabled = gc.isenabled()
        gc.disable()
        # What both threads need is imported here first, so neither waits on the other.
        import starmote.store.session  # noqa: F401

        threading.Thread(target=_import_ui, name="starmote-ui-import", daemon=True).start()
        try:
            return command(args)
        finally:
            if enabled:
                gc.enable()

    return run


def _import_ui() -> None:
    # On an error open_app imports it again, in the main thread, and that says what is wrong.
    with contextlib.suppress(Exception):
        import starmote.tui.app  # noqa: F401


def keymap_refused(settings: Any, home: Path | str | None, lang: str) -> bool:
    """Whether the remapped keys stop start-up, after printing the one line that says why.

    Returns:
        True when a remap names no key or takes a key another binding has.
    """
    if not settings.keys:
        return False  # nothing remapped: the key tables need not be loaded
    from starmote.store.settings import settings_path
    from starmote.tui.keymap import keymap_problem

    problem = keymap_problem(settings.keymap)
    if problem is None:
        return False
    print(problem.message(lang, str(settings_path(home))), file=sys.stderr)
    return True


def open_app(
    session: Any, lang: str, settings: Any, home: Path | str | None, demo: bool = False
) -> int:
    """Run the TUI on `session` until the chair quits.

    Returns:
        0; 2 when the meeting is open in another window; 1 after an unexpected error
        (the meeting is saved, the details are in a private log); 128 + n when signal n
        (SIGTERM, SIGHUP) ended it as a quit would, the terminal restored.
    """
    from starmote.store import lease
    from starmote.tui.app import make_app

    try:
        held = lease.take(session.journal.path, session.meeting_id)
    except lease.MeetingInUse:
        print(t("tui.cli.in_use", lang, meeting=session.meeting_id), file=sys.stderr)
        return 2
    with held:
        app = make_app(session, lang=lang, settings=settings, home=home, demo=demo)
        # What start-up made lives until the process ends: freeze it, so that no pass of
        # the collector walks it again (a full pass over it took ~30 ms). The collector
        # comes back once the first frame is on the screen.
        gc.freeze()
        app.call_after_refresh(gc.enable)
        app.run()
    if app.crash_log is not None:
        print(
            t("tui.cli.crashed", lang, meeting=session.meeting_id, log=app.crash_log),
            file=sys.stderr,
        )
        return 1
    return int(app.return_code or 0)


def _load(path: str, lang: str) -> MeetingPlan | None:
    """The plan of a case file, or None after printing its `file:line: field: message` lines.

    Every problem is shown, as `validate` shows them, so the chair can mend them all at
    once; with more than one, the last line names `validate`.
    """
    from starmote.plan.case import FormatError, load_case

    try:
        return load_case(path, lang=lang)
    except FormatError as err:
        lines = [str(p) for p in err.problems] or [f"{path}:1: case: {err}"]
        for line in lines:
            print(line, file=sys.stderr)
        if len(err.problems) > 1:
            print(t("tui.cli.see_validate", lang, n=len(err.problems), file=path), file=sys.stderr)
    except Exception as err:  # noqa: BLE001 – never a traceback for a bad file
        print(f"{path}:1: case: {err}", file=sys.stderr)
    return None


def with_offers(plan: MeetingPlan, path: Path | None, lang: str) -> MeetingPlan | None:
    """`plan` with the utbudskarta at `path` copied in (kept with the meeting in its journal).

    Args:
        plan: The meeting's plan.
        path: The utbudskarta file; None, or a file that is not there, leaves the plan as it is.
        lang: Language of a problem's message.

    Returns:
        The plan; None after printing a bad file's `file:line: field: message` lines.
    """
    from starmote.plan.offers import load_offers
    from starmote.plan.toml_source import FormatError

    if path is None or not path.is_file():
        return plan
    try:
        return replace(plan, offers=load_offers(path, lang))
    except FormatError as err:
        # Every problem, as for a bad case file; `validate` checks an utbudskarta too.
        lines = [str(p) for p in err.problems] or [f"{path}:1: utbudskarta: {err}"]
        for line in lines:
            print(line, file=sys.stderr)
        if len(err.problems) > 1:
            print(t("tui.cli.see_validate", lang, n=len(err.problems), file=path), file=sys.stderr)
    except Exception as err:  # noqa: BLE001 – never a traceback for a bad file
        print(f"{path}:1: utbudskarta: {err}", file=sys.stderr)
    return None


def own_offers(home: Path | str | None) -> Path:
    """The user's own utbudskarta: `<data dir>/utbudskarta.toml` (looked at, not created)."""
    from starmote.plan.offers import FILE_NAME
    from starmote.store import paths

    return paths.locate_home(home) / FILE_NAME


@_start_up
def cmd_run(args: argparse.Namespace) -> int:
    """Open a case file as a new meeting; a bad file exits 2 before any UI.

    Returns:
        0, or 2 for a bad case file; otherwise what `open_app` returns.
    """
    from starmote.store import settings as settings_mod
    from starmote.store.journal import Journal
    from starmote.store.session import Session, SystemClock

    home = getattr(args, "home", None)
    settings = settings_mod.load(home)
    lang = _lang(args, settings.lang)
    if keymap_refused(settings, home, lang):
        return 2
    plan = _load(args.case, lang)
    if plan is not None:
        plan = with_offers(plan, own_offers(home), lang)
    if plan is None:
        return 2
    with Journal.open(home) as journal:
        unfinished = unfinished_of(journal, plan)
        if unfinished and not getattr(args, "new", False):
            print(t("tui.cli.unfinished", lang, file=args.case, id=unfinished), file=sys.stderr)
            return 2
        session = Session.start(journal, plan, SystemClock(), lang=lang)
        status = open_app(session, lang, settings, home)
        if status == 0 or status > SIGNALLED:
            _after(session, lang)
    return status


def unfinished_of(journal: Any, plan: MeetingPlan) -> str | None:
    """The id of an unfinished meeting on the same case and booked start, if any.

    Opening the case again would split one meeting over two records; the chair
    almost always meant `resume`. An indexed look-up of the case's open meetings,
    however many meetings the journal holds.
    """
    for row in journal.unfinished(plan.case_code):
        try:
            same_start = datetime.fromisoformat(row.start) == plan.start
        except (TypeError, ValueError):
            continue
        if same_start:
            return str(row.meeting_id)
    return None


def demo_plan(team: bool, lang: str) -> MeetingPlan | None:
    """The demo's plan with the sample utbudskarta: the SIP demo, or the team session.

    Args:
        team: The sample STAR team session (`demo --team`) instead of the SIP meeting.
        lang: Language of a problem's message.

    Returns:
        The plan as booked in the sample (`cmd_demo` moves it to start now); None after
        printing one line, should a shipped file be broken.
    """
    from starmote.plan.resources import demo_case, sample_offers, samples_dir

    case = samples_dir() / TEAM_DEMO if team else demo_case()
    plan = _load(str(case), lang)
    return with_offers(plan, sample_offers(), lang) if plan is not None else None


@_start_up
def cmd_demo(args: argparse.Namespace) -> int:
    """The bundled demo case in a throwaway journal (deleted on exit), starting now.

    `--team` runs the sample STAR team session (four cases, FK for the first hour)
    instead. Either comes with the sample utbudskarta.

    Returns:
        0, or 2 when the temporary folder cannot hold the demo's journal; otherwise what
        `open_app` returns.
    """
    import sqlite3

    from starmote.store import settings as settings_mod
    from starmote.store.journal import Journal, JournalUnusable, unusable
    from starmote.store.session import Session, SystemClock

    home = getattr(args, "home", None)
    settings = settings_mod.load(home)
    lang = _lang(args, settings.lang)
    if keymap_refused(settings, home, lang):
        return 2
    plan = demo_plan(getattr(args, "team", False), lang)
    if plan is None:
        return 2
    clock = SystemClock()
    plan = starting_now(plan, clock.wall())
    # A temp journal, so trying the app never mixes fictional meetings into the real
    # journal or its absence history; the title bar says the meeting is not kept.
    # Settings and exports use the real home, so a theme chosen or minutes written
    # in the demo are still there afterwards.
    try:
        scratch = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    except OSError as exc:
        where = tempfile.tempdir or (Path(exc.filename).parent if exc.filename else "TMPDIR")
        reason = exc.strerror or str(exc)
        print(t("cli.demo.no_temp", lang, path=where, error=reason), file=sys.stderr)
        return 2
    try:
        with Journal.open(scratch) as journal:
            try:
                session = Session.start(journal, plan, clock, lang=lang)
            except sqlite3.Error as exc:
                raise unusable(exc, journal.path) from exc
            return open_app(session, lang, settings, home, demo=True)
    except JournalUnusable as exc:
        # The advice for a real journal (move it aside, resume) means nothing for a scratch one.
        print(
            t("cli.demo.no_temp", lang, path=scratch.parent, error=exc.short(lang)), file=sys.stderr
        )
        return 2
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        # Tidy up after killed demos on the way out, not on the way in: a busy /tmp
        # costs milliseconds that the first frame would wait for.
        with contextlib.suppress(OSError):
            _sweep_old_demos(Path(tempfile.gettempdir()))


TEAM_DEMO = "star-team-januari.toml"
"""The sample team session `starmote demo --team` runs."""
DEMO_PREFIX = "starmote-demo-"
DEMO_STALE_S = 12 * 3600
"""A demo journal this old was left by a demo that was killed; no demo runs that long."""


def _sweep_old_demos(tmp: Path, now: float | None = None) -> int:
    """Remove demo journals left behind by killed demos.

    Returns:
        How many folders were removed.
    """
    import os
    import time

    now = time.time() if now is None else now
    removed = 0
    for folder in tmp.glob(f"{DEMO_PREFIX}*"):
        try:
            if folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            # A running demo touches its journal files; only a quiet folder is stale.
            touched = max([folder.stat().st_mtime, *(f.stat().st_mtime for f in folder.iterdir())])
            if now - touched > DEMO_STALE_S:
                shutil.rmtree(folder)
                removed += 1
        except OSError:
            continue
    return removed


@_start_up
def cmd_resume(args: argparse.Namespace) -> int:
    """Reopen an unfinished meeting exactly where it was (the latest by default).

    Returns:
        0, or 2 when there is nothing to resume; otherwise what `open_app` returns.
    """
    from starmote.store import settings as settings_mod
    from starmote.store.journal import Journal
    from starmote.store.session import Session, SystemClock

    home = getattr(args, "home", None)
    settings = settings_mod.load(home)
    lang = _lang(args, settings.lang)
    if keymap_refused(settings, home, lang):
        return 2
    with Journal.open(home) as journal:
        meeting_id = args.meeting_id or journal.latest_open()
        if meeting_id is None:
            print(t("tui.cli.nothing_open", lang), file=sys.stderr)
            return 2
        if args.meeting_id:
            # A unique start of the id, as export, followup and new --from take it.
            from starmote.cli.records import find_meeting

            try:
                meeting_id = find_meeting(journal, meeting_id)
            except LookupError as exc:
                if str(exc):
                    print(
                        t("cli.resume.ambiguous", lang, id=meeting_id, matches=str(exc)),
                        file=sys.stderr,
                    )
                    return 2
        try:
            session = Session.resume(journal, meeting_id, SystemClock())
        except KeyError:
            print(t("tui.cli.unknown_meeting", lang, meeting=meeting_id), file=sys.stderr)
            return 2
        status = open_app(session, lang, settings, home)
        if status == 0 or status > SIGNALLED:
            _after(session, lang)
    return status


def _after(session: Any, lang: str) -> None:
    """Tell the chair how to come back to a meeting that is still open."""
    if session.state.status != "closed":
        # After SIGHUP the terminal may be gone, and with it anyone to tell.
        with contextlib.suppress(OSError):
            print(t("tui.cli.resume_hint", lang, meeting=session.meeting_id), flush=True)
