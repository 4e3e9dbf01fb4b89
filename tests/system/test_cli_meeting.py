"""The meeting subcommands from the shell: a bad case never opens the app; the CLI stays light."""

from __future__ import annotations

import subprocess
import sys

from starmote.cli.meeting import starting_now
from tests.support.tui import demo_plan


def run_cli(*args: str, home: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "starmote", *args, "--home", home],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_bad_case_exits_2_with_every_problem_as_validate_shows_them(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[case]\ncode = "X-1"\ntemplate = "motescirkel-sip"\n\n[meeting]\nduration_min = "lång"\n'
    )
    result = run_cli("run", str(bad), home=str(tmp_path / "home"))
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    *problems, hint = result.stderr.strip().splitlines()
    checked = run_cli("validate", str(bad), home=str(tmp_path / "home"))
    assert problems == checked.stderr.strip().splitlines() and len(problems) > 1
    assert all(line.startswith(f"{bad}:") and line.count(":") >= 3 for line in problems)
    assert f"starmote validate {bad}" in hint and f"{len(problems)} fel" in hint


def test_a_case_with_one_problem_is_one_line(tmp_path):
    from starmote.plan.resources import demo_case

    text = (
        demo_case().read_text(encoding="utf-8").replace("duration_min = 90", 'duration_min = "x"')
    )
    bad = tmp_path / "one.toml"
    bad.write_text(text, encoding="utf-8")
    result = run_cli("run", str(bad), home=str(tmp_path / "home"))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{bad}:") and "duration_min" in line


def test_missing_case_file_is_one_line_too(tmp_path):
    result = run_cli("run", str(tmp_path / "nope.toml"), home=str(tmp_path / "home"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_resume_with_nothing_open_says_so(tmp_path):
    result = run_cli("resume", home=str(tmp_path / "home"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_importing_the_cli_never_loads_textual():
    code = "import sys, starmote.cli.main, starmote.cli.meeting; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_demo_moves_the_plan_to_start_now():
    from datetime import UTC, datetime

    # Just after a quarter hour the demo is booked from it; later, from this minute.
    plan = starting_now(demo_plan(), datetime(2027, 5, 6, 12, 3, tzinfo=UTC))
    assert plan.start.isoformat() == "2027-05-06T14:00:00+02:00"
    plan = starting_now(demo_plan(), datetime(2027, 5, 6, 12, 7, 30, tzinfo=UTC))
    assert plan.start.isoformat() == "2027-05-06T14:07:00+02:00"


def test_demo_sweeps_only_its_own_stale_folders(tmp_path):
    import os
    import time

    from starmote.cli.meeting import DEMO_STALE_S, _sweep_old_demos

    now = time.time()
    old = tmp_path / "starmote-demo-old"
    old.mkdir()
    (old / "journal.sqlite3").write_bytes(b"x")
    fresh = tmp_path / "starmote-demo-fresh"
    fresh.mkdir()
    (fresh / "journal.sqlite3").write_bytes(b"x")
    other = tmp_path / "unrelated-old"
    other.mkdir()
    long_ago = now - DEMO_STALE_S - 60
    for path in (old / "journal.sqlite3", old, other):
        os.utime(path, (long_ago, long_ago))
    # A demo still running: its folder is old, but its journal was written just now.
    os.utime(fresh, (long_ago, long_ago))

    assert _sweep_old_demos(tmp_path, now) == 1
    assert not old.exists() and fresh.exists() and other.exists()


def test_run_refuses_to_split_an_unfinished_meeting(tmp_path):
    from starmote.plan.case import load_case
    from starmote.plan.resources import samples_dir
    from starmote.store.journal import Journal
    from starmote.store.session import FakeClock, Session

    case = samples_dir() / "hybrid-telefon.toml"
    home = tmp_path / "home"
    with Journal.open(home) as journal:
        Session.start(journal, load_case(case), FakeClock(), meeting_id="m-under-way")
    result = run_cli("run", str(case), home=str(home))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "starmote resume m-under-way" in lines[0] and "--new" in lines[0]
    with Journal.open(home) as journal:
        assert [m.meeting_id for m in journal.meetings()] == ["m-under-way"]  # nothing new written


def test_a_lang_given_anywhere_beats_the_saved_setting():
    from starmote.cli.main import parse
    from starmote.cli.meeting import _lang

    assert _lang(parse(["run", "x.toml"]), "en") == "en"  # none given: the setting
    assert _lang(parse(["--lang", "sv", "run", "x.toml"]), "en") == "sv"
    assert _lang(parse(["run", "x.toml", "--lang", "en"]), "sv") == "en"
    assert _lang(parse(["--lang=en", "demo"]), "sv") == "en"


def test_a_bad_utbudskarta_in_the_data_dir_stops_run_as_a_bad_case_file_does(tmp_path):
    from starmote.plan.resources import samples_dir

    home = tmp_path / "home"
    home.mkdir()
    bad = home / "utbudskarta.toml"
    case = str(samples_dir() / "star-team-januari.toml")
    bad.write_text('[utbudskarta]\nname = "X"\n\n[[offers]]\nkey = "ok"\nkind = "af"\n', "utf-8")
    result = run_cli("run", case, home=str(home))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{bad}:4: offers[1].title: saknas men måste anges"], result.stderr
    assert result.stdout == ""
    # Several problems: each on its line, then where to see them again.
    bad.write_text('[utbudskarta]\nname = "X"\n\n[[offers]]\nkey = "Fel nyckel"\n', "utf-8")
    result = run_cli("run", case, home=str(home))
    assert result.returncode == 2
    *problems, hint = result.stderr.strip().splitlines()
    assert len(problems) == 3 and all(p.startswith(f"{bad}:") for p in problems)
    assert f"starmote validate {bad}" in hint and "Traceback" not in result.stderr


def test_run_takes_the_users_own_utbudskarta_and_the_demo_the_sample(tmp_path):
    from starmote.cli.main import parse
    from starmote.cli.meeting import demo_plan, own_offers, with_offers
    from starmote.plan.resources import sample_offers

    home = tmp_path / "home"
    plan = demo_plan(False, "sv")
    assert plan is not None and not plan.is_team_session and plan.offers
    assert with_offers(plan, own_offers(home), "sv") == plan  # none of one's own: as it is
    own = own_offers(home)
    own.parent.mkdir(parents=True)
    own.write_text(
        '[utbudskarta]\nname = "Vårt team"\n\n'
        '[[offers]]\nkey = "kommun-ips"\nkind = "kommun"\ntitle = "IPS"\n',
        "utf-8",
    )
    mine = with_offers(plan, own, "sv")
    assert mine is not None and [o.key for o in mine.offers] == ["kommun-ips"]
    assert sample_offers().is_file()
    assert parse(["demo", "--team"]).team and not parse(["demo"]).team
    team = demo_plan(True, "sv")
    assert team is not None and team.is_team_session and len(team.team_cases) == 4
    assert {o.key for o in team.offers} >= {"af-stod-och-matchning", "fk-rehabiliteringsersattning"}
