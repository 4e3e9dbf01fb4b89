"""Case and template files: loading, plan building, exact `file:line: field: message` lines."""

# Expected problem lines are kept whole so they read exactly as the user sees them.
# ruff: noqa: E501

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from starmote.plan.case import load_case
from starmote.plan.files import validate_file
from starmote.plan.model import INDIVIDUAL, STOCKHOLM
from starmote.plan.template import load_template
from starmote.plan.toml_source import MAX_BYTES, FormatError, Locator, Problem, field_name

CASE = """\
[case]
code = "SIP-2026-001"
template = "motescirkel-sip"

[individual]
name = "Sam L."

[meeting]
start = 2026-12-03T09:00:00
duration_min = 90
place = "Rum 1"
questions = ["Vad behövs?"]

[meeting.chair]
name = "Maria Ek"

[[parties]]
key = "kommun"
organisation = "Exempelby kommun"
kind = "kommun"
summons = "kallad"

[[parties]]
key = "fk"
organisation = "Försäkringskassan"
kind = "fk"
email = "lena.berg@fk.example.se"
"""

TEMPLATE = """\
[template]
key = "mall"
kind = "sip"
title_sv = "Mall"
title_en = "Template"
default_duration_min = 60
roles = ["kommun", "fk"]

[[phases]]
key = "a"
title_sv = "A"
title_en = "A"
share = 40
prompts_sv = ["Gör x"]
prompts_en = ["Do x"]

[[phases]]
key = "b"
title_sv = "B"
title_en = "B"
share = 60
turns = "open"
"""

TEMPLATES = "avstamningsmote, motescirkel-sip, star-samplanering, star-team"


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """Apply replacements, failing loudly if one does not apply."""
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def write(tmp_path: Path, text: str | bytes, name: str = "case.toml") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def lines_of(problems: list[Problem], file: str) -> list[str]:
    return [str(p).replace(file, "{f}", 1) for p in problems]


# --- the base files are valid --------------------------------------------------


def test_base_case_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, CASE)
    assert validate_file(path) == []
    plan = load_case(path)
    assert plan.case_code == "SIP-2026-001"
    assert plan.source == path


def test_base_template_is_valid(tmp_path: Path) -> None:
    path = write(tmp_path, TEMPLATE, "mall.toml")
    assert validate_file(path) == []
    template = load_template(path)
    assert template.key == "mall"
    assert [p.key for p in template.phases] == ["a", "b"]
    assert template.phases[1].turns == "open"
    assert template.individual_attends is True
    assert template.per_case == ""


# --- broken case files: exact lines ------------------------------------------------

BROKEN_CASES = {
    "duration as text": (
        [("duration_min = 90", 'duration_min = "90"')],
        ["{f}:10: meeting.duration_min: ska vara ett heltal, inte en text inom citattecken"],
    ),
    "negative duration": (
        [("duration_min = 90", "duration_min = -5")],
        ["{f}:10: meeting.duration_min: ska vara mellan 15 och 480, inte -5"],
    ),
    "start is a date": (
        [("start = 2026-12-03T09:00:00", "start = 2026-12-03")],
        ["{f}:9: meeting.start: klockslag saknas; skriv t.ex. start = 2026-12-03T09:00:00"],
    ),
    "start is a string": (
        [("start = 2026-12-03T09:00:00", 'start = "2026-12-03 09:00"')],
        ["{f}:9: meeting.start: skriv tiden utan citattecken, t.ex. start = 2026-12-03T09:00:00"],
    ),
    "start in the DST gap": (
        [("start = 2026-12-03T09:00:00", "start = 2026-03-29T02:30:00")],
        [
            "{f}:9: meeting.start: 2026-03-29 02:30 finns inte i svensk tid (klockan ställs fram en timme den natten)"
        ],
    ),
    "start in the DST fold": (
        [("start = 2026-12-03T09:00:00", "start = 2026-10-25T02:30:00")],
        [
            "{f}:9: meeting.start: 2026-10-25 02:30 inträffar två gånger i svensk tid (klockan"
            " ställs tillbaka en timme den natten); skriv vilken: start = 2026-10-25T02:30:00+02:00"
            " (den första) eller start = 2026-10-25T02:30:00+01:00 (den andra)"
        ],
    ),
    "impossible date": (
        [("start = 2026-12-03T09:00:00", "start = 2026-02-30T09:00:00")],
        ["{f}:9: toml: TOML-syntaxfel i kolumn 9: Invalid date or datetime"],
    ),
    "implausible year": (
        [("start = 2026-12-03T09:00:00", "start = 1926-12-03T09:00:00")],
        ["{f}:9: meeting.start: året 1926 är orimligt (tillåtet 2000–2099)"],
    ),
    "unterminated string": (
        [('place = "Rum 1"', 'place = "Rum 1')],
        ["{f}:11: toml: TOML-syntaxfel i kolumn 15: Illegal character '\\n'"],
    ),
    "unknown template": (
        [('template = "motescirkel-sip"', 'template = "nope"')],
        [f"{{f}}:3: case.template: det finns ingen mall 'nope'; tillgängliga: {TEMPLATES}"],
    ),
    "template file missing": (
        [('template = "motescirkel-sip"', 'template = "mallar/egen.toml"')],
        ["{f}:3: case.template: mallfilen 'mallar/egen.toml' finns inte"],
    ),
    "bad case code": (
        [('code = "SIP-2026-001"', 'code = "SIP 2026/001"')],
        [
            "{f}:2: case.code: 'SIP 2026/001' går inte att använda: bara bokstäver, siffror, - och _, högst 40 tecken"
        ],
    ),
    "duplicate party keys": (
        [('key = "fk"', 'key = "kommun"')],
        ["{f}:24: parties[2].key: 'kommun' används redan (rad 18)"],
    ),
    "bad e-mail": (
        [("lena.berg@fk.example.se", "lena.berg@fk")],
        ["{f}:27: parties[2].email: 'lena.berg@fk' är ingen giltig e-postadress"],
    ),
    "e-mail with a space and two @": (
        [("lena.berg@fk.example.se", "lena berg@fk@example.se")],
        ["{f}:27: parties[2].email: 'lena berg@fk@example.se' är ingen giltig e-postadress"],
    ),
    "chair without a name": (
        [('name = "Maria Ek"', 'organisation = "Exempelby kommun"')],
        ["{f}:14: meeting.chair.name: saknas men måste anges"],
    ),
    "empty individual name": (
        [('name = "Sam L."', 'name = "  "')],
        ["{f}:6: individual.name: får inte vara tomt"],
    ),
    "a personnummer field, even an invalid one": (
        [('name = "Sam L."\n', 'name = "Sam L."\npersonnummer = "19121212-1213"\n')],
        [
            "{f}:7: individual.personnummer: starmote lagrar aldrig personnummer: ta bort fältet"
            " (en pseudonym eller initialer räcker för att hålla mötet)"
        ],
    ),
    "party kind not in the template's roles": (
        [('kind = "fk"', 'kind = "arbetsgivare"')],
        [
            "{f}:26: parties[2].kind: 'arbetsgivare' är ingen roll i mallen motescirkel-sip; tillåtna: "
            "kommun, region, fk, af, samcoach, narstaende, vardnadshavare, god_man, skola, po, ovrig"
        ],
    ),
    "reserved party key": (
        [('key = "fk"', 'key = "individ"')],
        ["{f}:24: parties[2].key: 'individ' är reserverat för personen"],
    ),
    "window after the meeting ends": (
        [('example.se"\n', 'example.se"\nwindow = { from_min = 0, until_min = 120 }\n')],
        ["{f}:28: parties[2].window.until_min: 120 minuter är efter mötets slut (90 min)"],
    ),
    "window backwards": (
        [('example.se"\n', 'example.se"\nwindow = { from_min = 60, until_min = 30 }\n')],
        ["{f}:28: parties[2].window.until_min: from_min (60) måste vara mindre än until_min (30)"],
    ),
    "typo in a field name": (
        [('summons = "kallad"\n', 'summons = "kallad"\npresense_requested = true\n')],
        ["{f}:22: parties[1].presense_requested: okänt fält (stavfel?)"],
    ),
    "bad summons": (
        [('summons = "kallad"', 'summons = "kalad"')],
        ["{f}:21: parties[1].summons: 'kalad' är inte tillåtet; välj en av: kallad, inbjuden"],
    ),
    "no place nor video link": (
        [('place = "Rum 1"\n', "")],
        ["{f}:8: meeting: ange plats (place), videolänk (video_link) eller båda"],
    ),
    "video link without https": (
        [('place = "Rum 1"', 'video_link = "mote.example.se/x"')],
        ["{f}:11: meeting.video_link: 'mote.example.se/x' ska börja med https://"],
    ),
    "no questions for a SIP": (
        [('questions = ["Vad behövs?"]', "questions = []")],
        ["{f}:12: meeting.questions: minst en frågeställning behövs"],
    ),
    "a question that is not text": (
        [('questions = ["Vad behövs?"]', 'questions = ["Vad behövs?", 3]')],
        ["{f}:12: meeting.questions[2]: ska vara en text inom citattecken, inte ett heltal"],
    ),
    "team cases on a SIP": (
        [
            (
                'example.se"\n',
                'example.se"\n\n[[team_cases]]\ncode = "T-01"\nminutes = 20\nconsent = true\n',
            )
        ],
        ["{f}:29: team_cases: mallen motescirkel-sip har ingen ärendefas; ta bort [[team_cases]]"],
    ),
    "consent scope names no party": (
        [
            (
                "[[parties]]\n",
                '[consent]\ngiven = 2026-11-20\nscope = ["kommun", "af"]\n\n[[parties]]\n',
            )
        ],
        ["{f}:19: consent.scope[2]: 'af' är ingen part i ärendet; parter: fk, kommun"],
    ),
    "consent expired before the meeting": (
        [
            (
                "[[parties]]\n",
                "[consent]\ngiven = 2025-11-20\nvalid_until = 2026-11-20\n\n[[parties]]\n",
            )
        ],
        [
            "{f}:19: consent.valid_until: samtycket gäller bara till 2026-11-20, före mötet 2026-12-03"
        ],
    ),
    "consent date as date-time": (
        [("[[parties]]\n", "[consent]\ngiven = 2026-11-20T10:00:00\n\n[[parties]]\n")],
        ["{f}:18: consent.given: ska vara ett datum (ÅÅÅÅ-MM-DD), inte datum och tid"],
    ),
    "individual is not a table": (
        [('[individual]\nname = "Sam L."\n', "")],
        ["{f}:1: individual: tabellen [individual] saknas"],
    ),
    "many problems at once, in line order": (
        [
            ('code = "SIP-2026-001"', 'code = ""'),
            ("duration_min = 90", "duration_min = 9000"),
            ("lena.berg@fk.example.se", "nej"),
        ],
        [
            "{f}:2: case.code: får inte vara tomt",
            "{f}:10: meeting.duration_min: ska vara mellan 15 och 480, inte 9000",
            "{f}:27: parties[2].email: 'nej' är ingen giltig e-postadress",
        ],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_CASES))
def test_broken_case(tmp_path: Path, name: str) -> None:
    pairs, expected = BROKEN_CASES[name]
    path = write(tmp_path, edit(CASE, *pairs))
    problems = validate_file(path)
    assert lines_of(problems, path) == expected
    with pytest.raises(FormatError) as caught:
        load_case(path)
    assert lines_of(caught.value.problems, path) == expected


def test_parties_not_a_list(tmp_path: Path) -> None:
    text = "parties = 3\n" + CASE[: CASE.index("[[parties]]")]
    path = write(tmp_path, text)
    assert lines_of(validate_file(path), path) == [
        "{f}:1: parties: ska vara en lista med tabeller ([[…]]), inte ett heltal"
    ]


def test_missing_meeting_table_points_at_line_1(tmp_path: Path) -> None:
    text = CASE.replace(CASE[CASE.index("[meeting]") : CASE.index("[[parties]]")], "")
    path = write(tmp_path, text)
    assert lines_of(validate_file(path), path) == ["{f}:1: meeting: tabellen [meeting] saknas"]


def test_messages_in_english(tmp_path: Path) -> None:
    path = write(tmp_path, edit(CASE, ("duration_min = 90", 'duration_min = "90"')))
    assert lines_of(validate_file(path, lang="en"), path) == [
        "{f}:10: meeting.duration_min: must be a whole number, not a quoted text"
    ]


# --- files that are not TOML at all ---------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert lines_of(validate_file(path), path) == [
        "{f}:1: fil: filen har varken [case] (ärende), [template] (mall) eller [utbudskarta]"
    ]
    with pytest.raises(FormatError) as caught:
        load_case(path)
    assert "{f}:1: case: tabellen [case] saknas" in lines_of(caught.value.problems, path)


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(256)))
    assert lines_of(validate_file(path), path) == [  # b"\n" comes before 0x80: line 2
        "{f}:2: fil: filen är inte UTF-8-text (byte 0x80 går inte att läsa); spara den som UTF-8"
    ]


def test_latin1_file_points_at_the_bad_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        CASE.encode("utf-8").replace(
            "Försäkringskassan".encode(), "Försäkringskassan".encode("latin-1")
        ),
    )
    assert lines_of(validate_file(path), path) == [
        "{f}:25: fil: filen är inte UTF-8-text (byte 0xf6 går inte att läsa); spara den som UTF-8"
    ]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + CASE.encode("utf-8"))
    assert validate_file(path) == []
    assert load_case(path).case_code == "SIP-2026-001"


def test_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, CASE.encode() + b"\x00\x00")
    problems = validate_file(path)
    assert len(problems) == 1 and problems[0].field == "toml"


def test_huge_file(tmp_path: Path) -> None:
    path = write(tmp_path, CASE + "#" * (MAX_BYTES + 10))
    assert lines_of(validate_file(path), path) == [
        f"{{f}}:1: fil: filen är för stor ({len(CASE.encode()) + MAX_BYTES + 10} byte; högst {MAX_BYTES})"
    ]


def test_deep_nesting(tmp_path: Path) -> None:
    path = write(tmp_path, "a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    problems = validate_file(path)
    assert len(problems) == 1
    assert problems[0].line == 1


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.toml")
    assert lines_of(validate_file(missing), missing) == ["{f}:1: fil: filen finns inte"]
    assert lines_of(validate_file(str(tmp_path)), str(tmp_path)) == [
        "{f}:1: fil: är ingen vanlig fil"
    ]
    with pytest.raises(FormatError):
        load_case(missing)
    with pytest.raises(FormatError):
        load_template(missing)


def test_file_with_both_tables(tmp_path: Path) -> None:
    path = write(tmp_path, CASE + "\n" + TEMPLATE)
    assert lines_of(validate_file(path), path) == [
        "{f}:29: template: filen har både [case] och [template]; en fil är antingen ett ärende eller en mall"
    ]


# --- broken templates -----------------------------------------------------------------

BROKEN_TEMPLATES = {
    "shares do not sum to 100": (
        [("share = 60", "share = 50")],
        ["{f}:9: phases: fasernas andelar blir 90 % tillsammans, inte 100 %"],
    ),
    "prompts of unequal length": (
        [('prompts_en = ["Do x"]', 'prompts_en = ["Do x", "Do y"]')],
        [
            "{f}:15: phases[1].prompts_en: prompts_sv har 1 punkter men prompts_en har 2; de ska vara lika många"
        ],
    ),
    "key differs from the file name": (
        [('key = "mall"', 'key = "annan"')],
        ["{f}:2: template.key: 'annan' ska vara samma som filnamnet ('mall')"],
    ),
    "duplicate phase key": (
        [('key = "b"', 'key = "a"')],
        ["{f}:18: phases[2].key: 'a' används redan (rad 10)"],
    ),
    "floor above share": (
        [("share = 40\n", "share = 40\nfloor_share = 50\n")],
        ["{f}:14: phases[1].floor_share: golvet 50 % är större än fasens andel 40 %"],
    ),
    "unknown turn rule": (
        [('turns = "open"', 'turns = "free"')],
        ["{f}:22: phases[2].turns: 'free' är inte tillåtet; välj en av: round, open"],
    ),
    "unknown kind": (
        [('kind = "sip"', 'kind = "fika"')],
        [
            "{f}:3: template.kind: 'fika' är inte tillåtet; välj en av: sip, star-samplanering, avstamning, star-team"
        ],
    ),
    "two per-case phases": (
        [
            ("share = 40\n", "share = 40\nper_case = true\n"),
            ("share = 60\n", "share = 60\nper_case = true\n"),
        ],
        ["{f}:23: phases[2].per_case: bara en fas får ha per_case = true"],
    ),
    "roles include the individual": (
        [('roles = ["kommun", "fk"]', 'roles = ["kommun", "individ"]')],
        ["{f}:7: template.roles[2]: 'individ' är reserverat för personen"],
    ),
    "share as text and negative": (
        [("share = 40", 'share = "40"'), ("share = 60", "share = -60")],
        [
            "{f}:13: phases[1].share: ska vara ett tal, inte en text inom citattecken",
            "{f}:21: phases[2].share: ska vara mellan 0 och 100, inte -60",
        ],
    ),
    "no phases": (
        [(TEMPLATE, "phases = []\n" + TEMPLATE[: TEMPLATE.index("[[phases]]")])],
        ["{f}:1: phases: mallen har inga faser"],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_TEMPLATES))
def test_broken_template(tmp_path: Path, name: str) -> None:
    pairs, expected = BROKEN_TEMPLATES[name]
    path = write(tmp_path, edit(TEMPLATE, *pairs), "mall.toml")
    assert lines_of(validate_file(path), path) == expected
    with pytest.raises(FormatError) as caught:
        load_template(path)
    assert lines_of(caught.value.problems, path) == expected


def test_shares_within_tolerance(tmp_path: Path) -> None:
    path = write(tmp_path, edit(TEMPLATE, ("share = 40", "share = 39.995")), "mall.toml")
    assert validate_file(path) == []


def test_case_with_own_template_by_path(tmp_path: Path) -> None:
    (tmp_path / "mallar").mkdir()
    write(tmp_path, TEMPLATE.replace('key = "mall"', 'key = "egen"'), "mallar/egen.toml")
    path = write(
        tmp_path, edit(CASE, ('template = "motescirkel-sip"', 'template = "mallar/egen.toml"'))
    )
    plan = load_case(path)
    assert plan.template_key == "egen"
    assert [p.key for p in plan.phases] == ["a", "b"]


def test_case_with_broken_own_template_reports_both_files(tmp_path: Path) -> None:
    tpl = write(tmp_path, edit(TEMPLATE, ("share = 60", "share = 50")), "mall.toml")
    path = write(tmp_path, edit(CASE, ('template = "motescirkel-sip"', 'template = "mall.toml"')))
    problems = validate_file(path)
    assert [str(p) for p in problems] == [
        f"{path}:3: case.template: mallen 'mall.toml' har fel (se raderna nedan)",
        f"{tpl}:9: phases: fasernas andelar blir 90 % tillsammans, inte 100 %",
    ]


def test_template_lookup_in_given_dirs(tmp_path: Path) -> None:
    write(tmp_path, TEMPLATE, "mall.toml")
    path = write(tmp_path, edit(CASE, ('template = "motescirkel-sip"', 'template = "mall"')))
    assert load_case(path, templates_dirs=[tmp_path]).template_key == "mall"
    assert lines_of(validate_file(path), path)[0].startswith(
        "{f}:3: case.template: det finns ingen mall 'mall'"
    )


# --- building the plan ----------------------------------------------------------------


def test_plan_from_case(tmp_path: Path) -> None:
    path = write(tmp_path, CASE)
    plan = load_case(path)
    assert plan.template_key == "motescirkel-sip"
    assert plan.kind == "sip"
    assert plan.start == datetime(2026, 12, 3, 9, 0, tzinfo=STOCKHOLM)
    assert plan.start.utcoffset() == timedelta(hours=1)
    assert [p.key for p in plan.parties] == [INDIVIDUAL, "kommun", "fk"]
    me = plan.parties[0]
    assert (me.kind, me.person, me.summons, me.organisation) == (INDIVIDUAL, "Sam L.", "none", "")
    assert plan.parties[1].summons == "kallad"
    assert plan.parties[2].summons == "inbjuden"  # the default
    assert plan.note_taker is None
    assert plan.language == "sv"
    assert plan.questions == ("Vad behövs?",)
    assert plan.phase_budgets() == (540, 1080, 2430, 810, 540)


def test_offset_start_is_converted(tmp_path: Path) -> None:
    path = write(
        tmp_path, edit(CASE, ("start = 2026-12-03T09:00:00", "start = 2026-06-03T07:00:00Z"))
    )
    start = load_case(path).start
    assert start.tzinfo is STOCKHOLM
    assert start.replace(tzinfo=None) == datetime(2026, 6, 3, 9, 0)
    assert start.astimezone(UTC).hour == 7


def test_an_autumn_time_with_its_offset_says_which_of_the_two(tmp_path: Path) -> None:
    # 02:30 happens twice that night; the offset the refusal suggests picks one.
    for offset, utc_hour in (("+02:00", 0), ("+01:00", 1)):
        start = f"start = 2026-10-25T02:30:00{offset}"
        path = write(tmp_path, edit(CASE, ("start = 2026-12-03T09:00:00", start)))
        moment = load_case(path).start
        assert moment.replace(tzinfo=None) == datetime(2026, 10, 25, 2, 30)
        assert moment.astimezone(UTC).hour == utc_hour


def test_duration_defaults_to_the_template(tmp_path: Path) -> None:
    path = write(tmp_path, edit(CASE, ("duration_min = 90\n", "")))
    assert load_case(path).duration_min == 90


def test_a_personnummer_field_is_refused_and_never_echoed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        edit(CASE, ('name = "Sam L."\n', 'name = "Sam L."\npersonnummer = "19121212-1212"\n')),
    )
    with pytest.raises(FormatError) as err:
        load_case(path)
    assert [p.field for p in err.value.problems] == ["individual.personnummer"]
    assert "starmote lagrar aldrig personnummer" in str(err.value)
    assert "1212" not in str(err.value).replace(str(path), "")


def test_full_party_and_consent(tmp_path: Path) -> None:
    text = edit(
        CASE,
        ('code = "SIP-2026-001"\n', 'code = "SIP-2026-001"\nlanguage = "en"\n'),
        (
            "[[parties]]\n",
            '[consent]\ngiven = 2026-11-20\nform = "skriftligt"\nscope = ["fk"]\n'
            'not_shared = ["X"]\nvalid_until = 2027-11-20\n\n[[parties]]\n',
        ),
        (
            'example.se"\n',
            'example.se"\nperson = "Lena Berg"\nrole = "handläggare"\npresence_requested = true\n'
            'window = { from_min = 0, until_min = 60 }\nbrings = "Bedömning"\n',
        ),
    )
    plan = load_case(write(tmp_path, text))
    fk = plan.party("fk")
    assert (fk.person, fk.role, fk.presence_requested, fk.brings) == (
        "Lena Berg",
        "handläggare",
        True,
        "Bedömning",
    )
    assert fk.window is not None and (fk.window.from_min, fk.window.until_min) == (0, 60)
    assert plan.consent.scope == ("fk",)
    assert plan.consent.valid_until is not None and plan.consent.valid_until.year == 2027
    assert plan.language == "en"


STAR_TEAM = """\
[case]
code = "STAR-TEAM-1"
template = "star-team"

[meeting]
start = 2027-01-14T09:00:00
duration_min = 120
place = "Sal 1"

[meeting.chair]
name = "Maria Ek"

[[parties]]
key = "fk"
organisation = "Försäkringskassan"
kind = "fk"
window = { from_min = 0, until_min = 60 }

[[team_cases]]
code = "T-01"
minutes = 30
consent = { given = 2027-01-02, form = "skriftligt", scope = ["fk"] }

[[team_cases]]
code = "T-02"
minutes = 10
anonymised = true
"""


def test_star_team_expands_the_case_phase(tmp_path: Path) -> None:
    plan = load_case(write(tmp_path, STAR_TEAM))
    keys = ["inledning", "arenden-T-01", "arenden-T-02", "avslutning"]
    assert [p.key for p in plan.phases] == keys
    assert [p.case_code for p in plan.phases] == ["", "T-01", "T-02", ""]
    assert plan.phases[1].title_sv == "Ärende T-01" and plan.phases[2].title_en == "Case T-02"
    # Each case keeps its own minutes; opening and closing keep their template share
    # (5 % and 10 % of 120 min). Nothing is stretched: the agenda ends 22 minutes early.
    assert [b // 60 for b in plan.phase_budgets()] == [6, 30, 10, 12]
    assert plan.team_cases[0].consent is not None
    assert plan.team_cases[0].consent.scope == ("fk",)
    assert [p.key for p in plan.parties] == ["fk"]  # no individual in a team session
    assert plan.individual.name == ""
    assert [c.code for c in plan.team_cases] == ["T-01", "T-02"]


STAR_TEAM_PROBLEMS = {
    "no team cases": (
        [(STAR_TEAM[STAR_TEAM.index("[[team_cases]]") :], "")],
        [
            "{f}:1: team_cases: mallen star-team går igenom ärenden: lägg till minst ett [[team_cases]]"
        ],
    ),
    "case without consent or anonymising": (
        [('consent = { given = 2027-01-02, form = "skriftligt", scope = ["fk"] }\n', "")],
        [
            "{f}:19: team_cases[1]: ärendet är varken avidentifierat (anonymised) eller har samtycke (consent)"
        ],
    ),
    "consent written as a flag": (
        [
            (
                'consent = { given = 2027-01-02, form = "skriftligt", scope = ["fk"] }',
                "consent = true",
            )
        ],
        ["{f}:22: team_cases[1].consent: ska vara en tabell, inte true eller false"],
    ),
    "anonymised case with a person and a consent": (
        [
            (
                "anonymised = true\n",
                'anonymised = true\nconsent = { given = 2027-01-02 }\nperson = { name = "Kim" }\n',
            )
        ],
        [
            "{f}:28: team_cases[2].consent: ett avidentifierat ärende har inget samtycke att visa; "
            "ta bort consent eller anonymised",
            "{f}:29: team_cases[2].person: ett avidentifierat ärende nämner ingen person; "
            "ta bort person eller anonymised",
        ],
    ),
    "needs a party that is not in the meeting, of an unknown kind": (
        [("minutes = 30\n", 'minutes = 30\nneeds = ["fk", "af"]\nkind = "akut"\n')],
        [
            "{f}:22: team_cases[1].needs[2]: 'af' är ingen part i mötet; parter: fk",
            "{f}:23: team_cases[1].kind: 'akut' är inte tillåtet; välj en av: ny, uppfoljning, konsultation",
        ],
    ),
    "an [individual] table in a team session": (
        [("[meeting.chair]", '[individual]\nname = "Kim"\n\n[meeting.chair]')],
        [
            "{f}:10: individual: mallen star-team tar flera ärenden: skriv varje persons pseudonym "
            'i sitt ärende (person = { name = "…" }), inte i [individual]'
        ],
    ),
    "a session-wide [consent] in a team session": (
        [("[meeting.chair]", "[consent]\ngiven = 2027-01-02\n\n[meeting.chair]")],
        [
            "{f}:10: consent: mallen star-team tar flera ärenden med olika samtycken: skriv samtycket "
            "i varje ärende (consent = { given = …, scope = […] })"
        ],
    ),
    "duplicate code and zero minutes": (
        [('code = "T-02"', 'code = "T-01"'), ("minutes = 10", "minutes = 0")],
        [
            "{f}:25: team_cases[2].code: 'T-01' används redan (rad 20)",
            "{f}:26: team_cases[2].minutes: ska vara mellan 1 och 480, inte 0",
        ],
    ),
    "personnummer in a question": (
        [("minutes = 10\n", 'minutes = 10\nquestions = ["Gäller 19121212-1212"]\n')],
        [
            "{f}:27: team_cases[2].questions[1]: innehåller ett personnummer; ta bort det (det skulle synas på skärmen och i minnesanteckningarna). Är det ett telefonnummer, skriv det med mellanslag (070-123 45 67)"
        ],
    ),
    "the old single question field": (
        [("minutes = 10\n", 'minutes = 10\nquestion = "Vem?"\n')],
        ["{f}:27: team_cases[2].question: okänt fält (stavfel?)"],
    ),
}


@pytest.mark.parametrize("name", list(STAR_TEAM_PROBLEMS))
def test_star_team_problems(tmp_path: Path, name: str) -> None:
    pairs, expected = STAR_TEAM_PROBLEMS[name]
    path = write(tmp_path, edit(STAR_TEAM, *pairs))
    assert lines_of(validate_file(path), path) == expected


# --- the pieces ------------------------------------------------------------------------


def test_problem_str_and_format_error() -> None:
    problem = Problem("a.toml", 3, "meeting.start", "saknas")
    assert str(problem) == "a.toml:3: meeting.start: saknas"
    error = FormatError([problem, problem])
    assert error.problems == [problem, problem]
    assert str(error) == "a.toml:3: meeting.start: saknas\na.toml:3: meeting.start: saknas"


def test_field_name() -> None:
    assert field_name(("parties", 1, "window", "until_min")) == "parties[2].window.until_min"
    assert field_name(("meeting", "questions", 0)) == "meeting.questions[1]"
    assert field_name(()) == "-"


def test_locator() -> None:
    text = """\
top = 1
[meeting]
questions = [
    "a = [b",
    "c",
]
chair.name = "x"
'quoted key' = 2
[meeting.note_taker]
name = "y"
[[parties]]
key = "a"
window = { from_min = 0 }
[[parties]]
key = "b"
[[parties.extra]]
x = 1
text = \"\"\"
key = "not a key"
\"\"\"
after = 3
"""
    loc = Locator(text)
    assert loc.line(("top",)) == 1
    assert loc.line(("meeting",)) == 2
    assert loc.line(("meeting", "questions", 1)) == 3
    assert loc.line(("meeting", "chair", "name")) == 7
    assert loc.line(("meeting", "chair")) == 7
    assert loc.line(("meeting", "quoted key")) == 8
    assert loc.line(("meeting", "note_taker", "email")) == 9  # missing field -> its table
    assert loc.line(("parties", 0, "window", "until_min")) == 13
    assert loc.line(("parties", 1)) == 14
    assert loc.line(("parties", 1, "key")) == 15
    assert loc.line(("parties", 1, "extra", 0, "x")) == 17
    assert loc.line(("parties", 1, "extra", 0, "text")) == 18
    assert loc.line(("parties", 1, "extra", 0, "key")) == 16  # line 19 is inside a string
    assert loc.line(("parties", 1, "extra", 0, "after")) == 21
    assert loc.line(("nothing", "here")) == 1
