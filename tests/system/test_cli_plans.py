"""`starmote validate` and `starmote templates`: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from starmote.cli import main as cli
from starmote.cli import plans
from starmote.plan import files, toml_source
from starmote.plan.resources import sample_cases, shipped_templates

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_all_shipped_files_are_ok(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in shipped_templates() + sample_cases()]
    code, out, err = run(["validate", *files], capsys)
    assert code == 0
    assert err == ""
    assert out.splitlines() == [f"OK: {f}" for f in files]


def test_problems_go_to_stderr_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[case]\ncode = "X"\ntemplate = "nope"\n', encoding="utf-8")
    good = str(sample_cases()[0])
    code, out, err = run(["validate", str(bad), good], capsys)
    assert code == 2
    assert out.splitlines() == [f"OK: {good}"]
    lines = err.splitlines()
    assert f"{bad}:1: individual: tabellen [individual] saknas" in lines
    assert any(
        line.startswith(f"{bad}:3: case.template: det finns ingen mall 'nope'") for line in lines
    )
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert "Traceback" not in err


def test_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.toml")
    code, _, err = run(["--lang", "en", "validate", missing], capsys)
    assert code == 2
    assert err == f"{missing}:1: file: the file does not exist\n"


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff\xfe garbage \x80", b"[case\n", b"\xef\xbb\xbf[template]\n", b"parties = 3\n"],
)
def test_garbage_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(content)
    code, out, err = run(["validate", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err and "Traceback" not in err
    assert all(line.startswith(f"{path}:") for line in err.splitlines())


@pytest.mark.parametrize("ref", ["a" * 300, "a/" * 3000 + "x.toml"])
def test_a_template_name_the_os_refuses_is_an_unknown_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    # Found by the fuzz test: a path too long for the OS raised OSError out of Path.is_file().
    path = tmp_path / "x.toml"
    path.write_text(f'[case]\ncode = "X-1"\ntemplate = "{ref}"\n', encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    assert code == 2
    assert f"{path}:3: case.template:" in err
    assert "OSError" not in err and "oväntat fel" not in err


def test_unexpected_error_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> list[toml_source.Problem]:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(files, "validate_file", boom)
    code, out, err = run(["validate", "a.toml"], capsys)
    assert code == 2
    assert err == "a.toml:1: fil: oväntat fel vid läsning: RuntimeError('simulated bug')\n"


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["validate"])
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_templates_lists_phases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["templates"], capsys)
    assert code == 0 and err == ""
    assert "motescirkel-sip  (sip)  SIP-möte enligt Mötescirkeln  90 min" in out
    assert "    Behov                           45 %  (minst 30 %)" in out
    assert "    Ärenden                         85 %  (en runda per ärende)" in out
    for key in ("avstamningsmote", "star-samplanering", "star-team"):
        assert f"{key}  (" in out
    # A meeting type that differs from a SIP meeting says how, in one line under its parts.
    assert (
        "    ingen huvudansvarig; fk kallar till uppföljningen; inga mål; beslut heter "
        "Överenskommelser; egna avsnitt: Arbetsförmåga, Arbetsgivarens anpassningar, "
        "Plan för återgång"
    ) in out


def test_templates_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--lang=en", "templates"], capsys)
    assert code == 0
    assert "SIP (coordinated individual plan) meeting" in out and "Needs" in out


def test_every_subcommand_is_registered() -> None:
    parser = cli.build_parser()
    names = [c.name for c in cli.SUBCOMMANDS]
    assert len(names) == len(set(names))
    assert {"validate", "templates"} <= set(names)
    assert parser.parse_args(["validate", "x.toml"]).run is plans.cmd_validate


def test_subprocess_python_m(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    good = str(sample_cases()[0])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "starmote", "validate", good, str(bad)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == f"OK: {good}\n"
    assert proc.stderr.startswith(f"{bad}:1: fil: filen är inte UTF-8-text")
    assert len(proc.stderr.splitlines()) == 1
    assert "Traceback" not in proc.stderr

    ok = subprocess.run(
        [sys.executable, "-m", "starmote", "validate", good],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert (ok.returncode, ok.stderr) == (0, "")


def test_a_personnummer_or_a_bidi_override_in_a_case_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's header "Sam 19121212-1212s möte": validate refused nothing; now it does."""
    case = tmp_path / "case.toml"
    text = sample_cases()[0].read_text("utf-8")
    head, rest = text.split("[individual]", 1)
    name_line = next(line for line in rest.splitlines() if line.startswith("name ="))
    rest = rest.replace(name_line, 'name = "Sam 19121212-1212"', 1)
    place = next(line for line in text.splitlines() if line.startswith("place ="))
    case.write_text((head + "[individual]" + rest).replace(place, 'place = "Rum \u202e4"'), "utf-8")
    code, out, err = run(["validate", str(case)], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{case}:")
    assert ": individual.name: innehåller ett personnummer" in lines[0]
    assert ": meeting.place: innehåller styr- eller riktningstecken (U+202E)" in lines[1]
    assert "1212" not in err.replace(str(case), "") and "\u202e" not in err
