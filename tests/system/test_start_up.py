"""The way to the first frame stays short: what `starmote demo` loads and builds before it shows.

Timing belongs in benchmarks/tui.py; these tests pin the design decisions that keep
the start-up short, so that a change which undoes one fails here, not as a slower
figure someone may or may not notice.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest

from starmote.cli.main import MEETING_COMMANDS, SUBCOMMANDS, _meeting_command, build_parser

# Runs `starmote demo` for real in a fresh interpreter, headless, and reports what is
# loaded and on the screen stack once the app is up with its first screen drawn.
FIRST_FRAME = r"""
import gc, json, sys
import textual.app

original_run = textual.app.App.run


def run(self, **kwargs):
    async def first_frame(pilot):
        await pilot.pause()  # the app is ready; let its first screen compose and draw
        app = pilot.app
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("starmote", "babel"))
        print(json.dumps({
            "loaded": loaded,
            "stack": [type(s).__name__ for s in app.screen_stack],
            "parties": app.screen.query_one("#parties").option_count,
            "collector": gc.isenabled(),
            "frozen": gc.get_freeze_count(),
        }))
        app.exit()

    return original_run(self, headless=True, size=(120, 40), auto_pilot=first_frame)


textual.app.App.run = run
from starmote.cli.main import main

sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def first_frame(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    scratch = tmp_path_factory.mktemp("start-up")
    # The demo's journal goes in the temp folder: keep it in this test's.
    env = dict(os.environ, TMPDIR=str(scratch))
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, "demo", "--home", str(scratch / "home")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_the_demo_opens_on_the_check_in_screen_with_its_content(first_frame):
    # The main screen is the first on the stack (Textual composes it with the app and
    # draws it once), not pushed over a blank default one.
    assert first_frame["stack"] == ["BeforeScreen"]
    assert first_frame["parties"] == 7  # the bundled case's parties, from the journal's state


def test_the_first_frame_needs_no_documents_and_no_english(first_frame):
    loaded = set(first_frame["loaded"])  # type: ignore[arg-type]
    # The journal and the state are there: the meeting is real, its first event stored.
    assert {"starmote.store.journal", "starmote.store.session", "starmote.engine.fold"} <= loaded
    # Minutes, invites, Babel: only when something is exported.
    assert not {m for m in loaded if m.startswith(("starmote.documents", "babel"))}
    # Swedish only: the English catalogue is read when English is asked for.
    assert "starmote.i18n.sv" in loaded and "starmote.i18n.en" not in loaded
    # The other screens and the dialogs come when the meeting gets there.
    screens = ("live", "closing", "capture", "attendance", "consent", "help")
    assert not {f"starmote.tui.screens.{name}" for name in screens} & loaded
    assert not {m for m in loaded if m.startswith("starmote.tui.dialogs.")}
    # Of the command line, only what the demo's own parser and command need.
    cli = {m for m in loaded if m.startswith("starmote.cli.")}
    assert cli == {"starmote.cli.main", "starmote.cli.meeting", "starmote.cli.parser"}


def test_the_collector_is_back_once_the_first_frame_is_drawn(first_frame):
    # Paused while starting up (nothing made then is garbage), what start-up made is
    # frozen, and the collector runs again for the meeting itself.
    assert first_frame["collector"] is True
    assert first_frame["frozen"] > 10_000


def test_english_is_read_only_when_asked_for():
    code = (
        "import sys\n"
        "from starmote.i18n import t\n"
        "sv = t('tui.before.parties', 'sv')\n"
        "print('starmote.i18n.en' in sys.modules)\n"
        "en = t('tui.before.parties', 'en')\n"
        "print('starmote.i18n.en' in sys.modules, sv != en)\n"
        # A key the English catalogue lacks falls back to the Swedish text.
        "from starmote.i18n import catalogue\n"
        "del catalogue('en')['tui.before.parties']\n"
        "print(t('tui.before.parties', 'en') == sv, t('no.such.key', 'en'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:3] == ["False", "True True", "True no.such.key"]


# --- the meeting commands' parser is built alone, and behaves exactly the same ----------


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["demo"], "demo"),
        (["--lang", "en", "run", "case.toml"], "run"),
        (["--lang=en", "--home=/x", "resume", "ID"], "resume"),
        (["--home", "demo", "run", "x"], "run"),  # a value is never the command
        (["-h", "demo"], None),  # anything else first: the full parser
        (["--version", "demo"], None),
        (["--la", "en", "demo"], None),
        (["meetings"], None),
        (["demoo"], None),
        ([], None),
    ],
)
def test_the_meeting_command_is_found_before_parsing(argv, command):
    assert _meeting_command(argv) == command


def _outcome(lang: str, only: str | None, argv: list[str]) -> tuple[object, ...]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = vars(build_parser(lang, only).parse_args(argv))
            status: object = 0
        except SystemExit as exit_:
            args, status = {}, exit_.code
    return args, status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["demo"],
        ["demo", "--help"],
        ["--lang", "en", "demo", "--help"],
        ["demo", "--lang", "xx"],
        ["--lang", "xx", "demo"],
        ["demo", "extra"],
        ["demo", "--bogus"],
        ["demo", "--version"],
        ["run"],
        ["run", "--help"],
        ["--lang", "en", "run", "case.toml", "--new", "--home", "/h"],
        ["run", "case.toml", "--bogus"],
        ["resume"],
        ["resume", "--help"],
        ["resume", "a", "b"],
        ["--home", "/h", "resume", "ID", "--lang=en"],
    ],
)
def test_the_meeting_parser_answers_exactly_as_the_full_one(argv, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the same help layout on any terminal
    command = _meeting_command(argv)
    assert command in MEETING_COMMANDS
    for lang in ("sv", "en"):
        assert _outcome(lang, command, argv) == _outcome(lang, None, argv)


def test_every_meeting_command_is_a_subcommand():
    assert set(MEETING_COMMANDS) <= {command.name for command in SUBCOMMANDS}
