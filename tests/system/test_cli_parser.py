"""The command line itself: a bare `starmote`, `--version`, argparse's words in the UI language."""

from __future__ import annotations

import argparse
import ast
import gettext
import inspect
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from starmote.cli import main as cli
from starmote.i18n import sv

REPO = Path(__file__).resolve().parents[2]
CASE = str(REPO / "sample_cases" / "demo.toml")


def starmote(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "STARMOTE_HOME"}
    if home is not None:
        env["STARMOTE_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "starmote", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
        env=env,
    )


def test_a_bare_starmote_prints_the_help_and_is_no_error(tmp_path: Path) -> None:
    result = starmote(home=tmp_path / "home")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("användning: starmote")
    for command in cli.SUBCOMMANDS:
        assert f"\n    {command.name} " in result.stdout
    assert "flaggor:" in result.stdout and "visa den här hjälptexten och avsluta" in result.stdout
    assert not (tmp_path / "home").exists()  # looking never creates the data directory


def test_version_comes_from_the_package_metadata_alone() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert version("starmote") == pyproject["project"]["version"]
    result = starmote("--version")
    assert result.returncode == 0
    assert result.stdout == f"starmote {pyproject['project']['version']}\n"
    # No second copy of the number in the code.
    quoted = re.compile(rf"""["']{re.escape(pyproject["project"]["version"])}["']""")
    for path in (REPO / "starmote").rglob("*.py"):
        text = path.read_text("utf-8")
        assert not quoted.search(text) and "__version__" not in text, path


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (
            ["run"],
            ["användning: starmote run [-h]", "starmote run: fel: följande argument saknas: CASE"],
            ["usage: starmote run [-h]", "error: the following arguments are required: CASE"],
        ),
        (
            ["möte"],
            ["starmote: fel: argument COMMAND: ogiltigt val: 'möte' (välj bland 'demo',"],
            ["starmote: error: argument COMMAND: invalid choice: 'möte' (choose from 'demo',"],
        ),
        (
            ["meetings", "--bogus"],
            ["starmote: fel: okända argument: --bogus"],
            ["starmote: error: unrecognized arguments: --bogus"],
        ),
        (
            ["export", "x", "--minutes"],
            ["argument --minutes: ett argument behövs"],
            ["argument --minutes: expected one argument"],
        ),
    ],
    ids=["required", "invalid-choice", "unrecognized", "expected-one"],
)
def test_argparse_speaks_the_ui_language(
    tmp_path: Path, args: list[str], swedish: list[str], english: list[str]
) -> None:
    for extra, expected in (([], swedish), (["--lang", "en"], english)):
        result = starmote(*args, *extra, home=tmp_path)
        assert result.returncode == 2 and result.stdout == ""
        for text in expected:
            assert text in result.stderr, result.stderr


def test_the_language_chosen_in_the_app_is_the_default(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('lang = "en"\n', "utf-8")
    result = starmote("run", home=tmp_path)
    assert "error: the following arguments are required: CASE" in result.stderr
    assert starmote("meetings", home=tmp_path).stdout == "No meetings in the journal yet.\n"
    help_text = starmote("validate", "-h", "--lang", "sv", home=tmp_path).stdout
    assert help_text.startswith("användning: starmote validate")  # --lang still wins


def test_validate_and_templates_take_lang_and_home_before_or_after(tmp_path: Path) -> None:
    home = tmp_path / "elsewhere"
    for args in (
        ["validate", CASE, "--lang", "en", "--home", str(home)],
        ["--lang", "en", "--home", str(home), "validate", CASE],
    ):
        result = starmote(*args)
        assert (result.returncode, result.stdout) == (0, f"OK: {CASE}\n"), result.stderr
    for args in (
        ["templates", "--lang=en", f"--home={home}"],
        ["--lang=en", f"--home={home}", "templates"],
    ):
        result = starmote(*args)
        assert (
            result.returncode == 0
            and "SIP (coordinated individual plan) meeting – the meeting circle" in result.stdout
        )
    assert not home.exists()  # neither command needs the data directory


def test_help_lists_the_version_and_every_option_in_english(tmp_path: Path) -> None:
    text = cli.build_parser("en").format_help()
    assert text.startswith("usage: starmote")
    assert "--version" in text and "show starmote's version and exit" in text
    assert "options:" in text and "show this help message and exit" in text


def test_argparse_is_left_as_it_was_found(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse(["run"])
    assert "följande argument saknas" in capsys.readouterr().err
    # Outside our parsers argparse is the standard library's again.
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")


# argparse messages that only a programming mistake (in our parser set-up) can show.
PROGRAMMER_ERRORS = {
    "'required' is an invalid argument for positionals",
    "%r is not callable",
    ".__call__() not defined",
    'argument "-" with mode %r',
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional",
    "unexpected option string: %s",
    "conflicting option string: %s",
    "conflicting option strings: %s",
}


def test_every_message_argparse_can_show_has_a_swedish_translation() -> None:
    """Scans this Python's argparse, so a new version's new message shows up here."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            found.update(text for text in texts if isinstance(text, str))
    assert {"usage: ", "options", "the following arguments are required: %s"} <= found
    missing = sorted(found - PROGRAMMER_ERRORS - set(sv.ARGPARSE))
    assert missing == []
