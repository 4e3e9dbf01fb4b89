"""A team session's agenda: cases keep their minutes and move into the windows they need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from starmote.plan import agenda
from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import TeamCase, Window
from starmote.plan.offers import load_offers
from starmote.plan.resources import sample_offers, samples_dir

FK = {"fk": Window(0, 60)}


def case(code: str, minutes: int, *needs: str) -> TeamCase:
    return TeamCase(code=code, minutes=minutes, anonymised=True, needs=needs)


def codes(cases: tuple[TeamCase, ...]) -> list[str]:
    return [c.code for c in cases]


def test_cases_without_windows_keep_the_listed_order() -> None:
    listed = (case("A", 20), case("B", 30), case("C", 10))
    assert codes(agenda.place(listed, FK, 9)) == ["A", "B", "C"]


def test_a_case_that_needs_fk_moves_into_fk_s_hour() -> None:
    listed = (case("A", 30), case("B", 30), case("C", 25, "fk"), case("D", 20, "fk"))
    # C and D need FK (0–60): they go first, in their listed order; A and B follow.
    assert codes(agenda.place(listed, FK, 9)) == ["C", "D", "A", "B"]


def test_a_party_arriving_late_gets_its_cases_after_it_arrives() -> None:
    windows = {"fk": Window(60, 120)}
    listed = (case("F", 30, "fk"), case("A", 30), case("B", 30))
    # Nothing needs FK before it comes at 60, so A and B go first.
    assert codes(agenda.place(listed, windows, 0)) == ["A", "B", "F"]


def test_the_sample_session_places_fk_cases_and_warns_of_nothing() -> None:
    plan = load_case(samples_dir() / "star-team-januari.toml")
    slots = {s.case: (s.start_min, s.end_min) for s in agenda.slots(plan)}
    assert slots["T-01"] == (9, 34) and slots["T-04"] == (34, 59)
    assert agenda.window_clashes(plan) == () and agenda.overbooked(plan) is None


def _session(tmp_path: Path, first_minutes: int) -> Path:
    text = (samples_dir() / "star-team-januari.toml").read_text(encoding="utf-8")
    text = text.replace(
        'kind = "uppfoljning"\nminutes = 25', f'kind = "uppfoljning"\nminutes = {first_minutes}'
    )
    path = tmp_path / "session.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_warns_of_a_case_outside_fk_s_window_and_an_overbooked_session(
    tmp_path: Path,
) -> None:
    path = _session(tmp_path, 45)
    problems = validate_file(path)
    assert all(p.warning for p in problems)
    lines = [str(p) for p in problems]
    assert lines == [
        f"{path}:104: team_cases[4].needs: varning: ärende T-04 behöver Försäkringskassan "
        "(09:00–10:00) men ligger 09:54–10:19 på dagordningen",
        f"{path}:72: team_cases: varning: dagordningen tar 182 min men mötet är bokat 180 min; "
        "korta ärendena eller boka längre tid",
    ]
    load_case(path)  # a warning never stops the meeting


def test_validate_exits_0_on_warnings_and_prints_them(tmp_path: Path) -> None:
    path = _session(tmp_path, 45)
    done = subprocess.run(
        [sys.executable, "-m", "starmote", "validate", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        env={
            "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
            "STARMOTE_HOME": str(tmp_path),
        },
    )
    assert done.returncode == 0, done.stderr
    assert "warning: case T-04 needs Försäkringskassan (09:00–10:00)" in done.stderr
    assert done.stdout.startswith("OK: ")


def test_reorder_moves_only_the_case_phases() -> None:
    plan = load_case(samples_dir() / "star-team-januari.toml")
    phases = agenda.reorder(plan, ["T-02", "T-01", "T-04", "T-03"])
    assert [p.case_code or p.key for p in phases] == [
        "inledning",
        "T-02",
        "T-01",
        "T-04",
        "T-03",
        "avslutning",
    ]


def test_the_sample_utbudskarta_is_valid_and_covers_the_four_parties() -> None:
    offers = load_offers(sample_offers())
    assert validate_file(sample_offers()) == []
    assert {o.kind for o in offers} >= {"kommun", "region", "af", "fk"}
    assert "Stöd och matchning" in {o.title for o in offers}


def test_an_utbudskarta_with_a_duplicate_and_a_typo(tmp_path: Path) -> None:
    path = tmp_path / "utbud.toml"
    path.write_text(
        '[utbudskarta]\nname = "X"\n\n[[offers]]\nkey = "a"\nkind = "af"\ntitle = "A"\n\n'
        '[[offers]]\nkey = "a"\nkind = "af"\ntitel = "B"\n',
        encoding="utf-8",
    )
    assert [str(p) for p in validate_file(path)] == [
        f"{path}:9: offers[2].title: saknas men måste anges",
        f"{path}:10: offers[2].key: 'a' används redan (rad 5)",
        f"{path}:12: offers[2].titel: okänt fält (stavfel?)",
    ]
