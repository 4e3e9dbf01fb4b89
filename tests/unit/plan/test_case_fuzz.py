"""Property tests: garbage and mutated files only ever give a plan or located problems."""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import MeetingPlan, plan_from_dict, plan_to_dict
from starmote.plan.resources import sample_cases, shipped_templates
from starmote.plan.template import Template, load_template
from starmote.plan.toml_source import FormatError, Problem

WORK = Path(tempfile.mkdtemp(prefix="starmote-fuzz-"))
CASE_TEXTS = [p.read_text(encoding="utf-8") for p in sample_cases()]
TEMPLATE_FILES = [(p.name, p.read_text(encoding="utf-8")) for p in shipped_templates()]

# Values a careless edit might leave behind: wrong types, edge numbers, odd dates.
VALUES = [
    '"x"',
    '""',
    '"  "',
    "3",
    "-5",
    "0",
    "15",
    "481",
    "99999999999999999999",
    "1e999",
    "-1e999",
    "nan",
    "inf",
    "0.5",
    "true",
    "false",
    "[]",
    '[1, "a"]',
    '["fk", "nope"]',
    "{}",
    "{ from_min = 90 }",
    "{ from_min = 5, until_min = 1 }",
    "{ until_min = 0 }",
    "2026-02-28",
    "2026-03-29T02:30:00",
    "2026-10-25T02:30:00",
    "2026-12-03T09:00:00+01:00",
    "1979-05-27T07:32:00Z",
    "2099-12-31T23:59:59.999999",
    "0001-01-01T00:00:00-23:59",
    "09:00:00",
    '"19121212-1212"',
    '"19121212-1213"',
    '"a@b"',
    '"individ"',
    '"kallad"',
    '"open"',
    '"motescirkel-sip"',
    '"star-team"',
    '"avstamningsmote"',
    '"../templates/star-team.toml"',
    '"/"',
    '"."',
    '"T-01"',
    "[[1]]",
    '"' + "x" * 300 + '"',
    '"""\nmulti\n"""',
    "'literal'",
]
OPS = ["delete", "duplicate", "swap_lines", "swap_values", "set_value", "truncate", "insert_line"]
INSERTS = [
    "[[parties]]",
    "[[team_cases]]",
    "[consent]",
    "[meeting]",
    "[individual]",
    "[case]",
    "[template]",
    "[[phases]]",
    'key = "fk"',
    "per_case = true",
    "x = 1",
    "[meeting.chair]",
    "window = { from_min = 0, until_min = 60 }",
    "",
    "# comment",
    "[",
    "]]",
    '"',
    "=",
]

mutation = st.tuples(
    st.sampled_from(OPS),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.sampled_from(VALUES),
    st.sampled_from(INSERTS),
)


def mutate(text: str, ops: list[tuple[str, int, int, str, str]]) -> str:
    """Apply line-level edits to `text`; each op picks its lines modulo the length."""
    lines = text.splitlines()
    for op, i, j, value, insert in ops:
        if not lines:
            lines = [insert]
            continue
        a, b = i % len(lines), j % len(lines)
        if op == "delete":
            del lines[a]
        elif op == "duplicate":
            lines.insert(a, lines[a])
        elif op == "swap_lines":
            lines[a], lines[b] = lines[b], lines[a]
        elif op == "swap_values" and "=" in lines[a] and "=" in lines[b]:
            ka, va = lines[a].split("=", 1)
            kb, vb = lines[b].split("=", 1)
            lines[a], lines[b] = f"{ka}={vb}", f"{kb}={va}"
        elif op == "set_value" and "=" in lines[a]:
            lines[a] = lines[a].split("=", 1)[0] + "= " + value
        elif op == "truncate":
            lines[a] = lines[a][: j % (len(lines[a]) + 1)]
        elif op == "insert_line":
            lines.insert(a, insert)
    return "\n".join(lines) + "\n"


def check_problems(problems: object, path: Path, n_lines: int | None) -> None:
    assert isinstance(problems, list)
    for p in problems:
        assert isinstance(p, Problem)
        assert isinstance(p.line, int) and p.line >= 1
        if n_lines is not None and p.file == str(path):
            assert p.line <= n_lines
        text = str(p)
        assert "\n" not in text and p.field and p.message
        assert text.startswith(f"{p.file}:{p.line}: ")


def check_case(path: Path, n_lines: int | None) -> None:
    problems = validate_file(path)
    check_problems(problems, path, n_lines)
    try:
        plan = load_case(path)
    except FormatError as exc:
        assert exc.problems, "a FormatError must say what is wrong"
        check_problems(exc.problems, path, n_lines)
        loaded = False
    else:
        assert isinstance(plan, MeetingPlan)
        budgets = plan.phase_budgets()
        if plan.team_cases:
            # A team case keeps its own minutes; the agenda may end early or run over.
            minutes = {c.code: c.minutes for c in plan.team_cases}
            for phase, seconds in zip(plan.phases, budgets, strict=True):
                if phase.case_code:
                    assert seconds == minutes[phase.case_code] * 60
        else:
            assert sum(budgets) == plan.duration_s
            assert abs(sum(p.share for p in plan.phases) - 100) <= 0.01 + 1e-9
        assert plan_from_dict(plan_to_dict(plan)) == plan
        loaded = True
    if loaded:
        assert [p for p in problems if not p.warning] == []
    # For a file that is a case (and not also a template) the two must agree.
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except Exception:  # noqa: BLE001 – not TOML: validate_file already said so
        return
    if "case" in data and "template" not in data:
        # A warning (a team case outside a needed party's window) leaves the file valid.
        errors = [p for p in problems if not p.warning]
        assert loaded == (errors == []), problems


def lines_in(data: bytes) -> int:
    return data.count(b"\n") + 1


FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@FUZZ
@given(st.binary(max_size=2000))
def test_garbage_bytes(data: bytes) -> None:
    path = WORK / "garbage.toml"
    path.write_bytes(data)
    check_case(path, lines_in(data))


@FUZZ
@given(st.text(max_size=400))
def test_garbage_text(text: str) -> None:
    path = WORK / "text.toml"
    data = text.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    check_case(path, lines_in(data))


@FUZZ
@given(st.sampled_from(CASE_TEXTS), st.lists(mutation, min_size=1, max_size=6))
def test_mutated_cases(text: str, ops: list[tuple[str, int, int, str, str]]) -> None:
    path = WORK / "case.toml"
    data = mutate(text, ops).encode("utf-8")
    path.write_bytes(data)
    check_case(path, lines_in(data))


@FUZZ
@given(st.sampled_from(TEMPLATE_FILES), st.lists(mutation, min_size=1, max_size=6))
def test_mutated_templates(
    named: tuple[str, str], ops: list[tuple[str, int, int, str, str]]
) -> None:
    name, text = named
    path = WORK / name  # same file name, so the key still matches the stem
    data = mutate(text, ops).encode("utf-8")
    path.write_bytes(data)
    problems = validate_file(path)
    check_problems(problems, path, lines_in(data))
    try:
        template = load_template(path)
    except FormatError as exc:
        assert exc.problems
        check_problems(exc.problems, path, lines_in(data))
    else:
        assert isinstance(template, Template)
        assert problems == []
        assert abs(sum(p.share for p in template.phases) - 100) <= 0.01 + 1e-9


@FUZZ
@given(st.sampled_from(CASE_TEXTS), st.lists(mutation, max_size=4))
def test_cases_with_mutated_own_template(
    text: str, ops: list[tuple[str, int, int, str, str]]
) -> None:
    # The case points at a local copy of its template; the template is mutated.
    folder = WORK / "own"
    folder.mkdir(exist_ok=True)
    key = next(line.split('"')[1] for line in text.splitlines() if line.startswith("template ="))
    source = dict(TEMPLATE_FILES)[f"{key}.toml"]
    (folder / f"{key}.toml").write_text(mutate(source, ops) if ops else source, encoding="utf-8")
    case = folder / "case.toml"
    data = text.replace(f'template = "{key}"', f'template = "{key}.toml"').encode("utf-8")
    case.write_bytes(data)
    check_case(case, None)


def teardown_module() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
