"""Case files: a case applied to its template gives a `MeetingPlan`, or located problems."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from starmote.dates import wall_clock_problem
from starmote.i18n import LANGUAGES
from starmote.plan import agenda, limits
from starmote.plan.fields import CODE_RE, KEY_RE, Checker, show
from starmote.plan.followup import check_previous, previous_warnings
from starmote.plan.model import (
    CASE_KINDS,
    CONSENT_CATEGORIES,
    INDIVIDUAL,
    MAX_DURATION,
    MIN_DURATION,
    STOCKHOLM,
    CasePerson,
    Consent,
    Exclusion,
    Individual,
    MeetingPlan,
    Party,
    Person,
    Phase,
    TeamCase,
    Window,
)
from starmote.plan.resources import templates_dir
from starmote.plan.template import Template, load_template
from starmote.plan.toml_source import (
    FieldPath,
    FormatError,
    Problem,
    Source,
    read_toml,
    sorted_problems,
)

FIRST_YEAR, LAST_YEAR = 2000, 2099

_TOP = {"case", "individual", "meeting", "consent", "parties", "team_cases", "previous"}
_CASE = {"code", "template", "language"}
# "personnummer" is known only to refuse it with its own message (see _check_individual).
_INDIVIDUAL = {"name", "wants_first_word", "personnummer", "contact_note"}
_MEETING = {"start", "duration_min", "place", "video_link", "questions", "chair", "note_taker"}
_PERSON = {"name", "email", "organisation"}
_CONSENT = {"given", "form", "scope", "not_shared", "valid_until", "exclude"}
_EXCLUSION = {"party", "category"}
_PARTY = {
    "key",
    "organisation",
    "kind",
    "person",
    "email",
    "role",
    "summons",
    "presence_requested",
    "window",
    "brings",
}
_WINDOW = {"from_min", "until_min"}
_TEAM_CASE = {"code", "minutes", "questions", "anonymised", "consent", "needs", "kind", "person"}
_CASE_PERSON = {"name", "attends", "wants_first_word"}


def load_case(
    path: str | Path,
    templates_dirs: Iterable[str | Path] | None = None,
    lang: str = "sv",
) -> MeetingPlan:
    """Read a case file, apply its template, and build the meeting plan.

    Args:
        path: The case `.toml` file (kept as given in `MeetingPlan.source`).
        templates_dirs: Where to look up a template given by key; default the
            shipped templates. A template given as a path is read relative to
            the case file.
        lang: Language of problem messages ("sv" or "en").

    Returns:
        The MeetingPlan.

    Raises:
        FormatError: with every problem found in the case (and its template).
    """
    src = read_toml(path, lang)
    if src.data is None:
        raise FormatError(src.problems or [])
    plan, problems = check_case(src, templates_dirs, lang)
    if plan is None:
        raise FormatError(problems)
    return plan


# --- template lookup ---------------------------------------------------------


def _available(dirs: list[Path]) -> list[str]:
    keys: set[str] = set()
    for d in dirs:
        try:
            keys.update(p.stem for p in d.glob("*.toml"))
        except OSError:
            continue
    return sorted(keys)


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; False also for a name the OS refuses (too long, bad bytes)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _find_template(
    c: Checker, ref: str, case_file: str, templates_dirs: Iterable[str | Path] | None
) -> tuple[Template | None, list[Problem]]:
    path: FieldPath = ("case", "template")
    if ref.endswith(".toml") or "/" in ref or "\\" in ref:
        candidate = Path(ref).expanduser()
        if not candidate.is_absolute():
            candidate = Path(case_file).parent / candidate
        if not _is_file(candidate):
            c.report(path, "formats.template_file_missing", value=show(ref))
            return None, []
    else:
        dirs = (
            [Path(d) for d in templates_dirs] if templates_dirs is not None else [templates_dir()]
        )
        if not KEY_RE.match(ref):
            c.report(path, "formats.bad_key", value=show(ref))
            return None, []
        found = [d / f"{ref}.toml" for d in dirs if _is_file(d / f"{ref}.toml")]
        if not found:
            c.report(
                path,
                "formats.template_unknown",
                value=show(ref),
                choices=", ".join(_available(dirs)) or "-",
            )
            return None, []
        candidate = found[0]
    try:
        return load_template(candidate, c.lang), []
    except FormatError as exc:
        c.report(path, "formats.template_invalid", value=show(ref))
        return None, exc.problems


# --- the case ----------------------------------------------------------------


def check_case(
    src: Source, templates_dirs: Iterable[str | Path] | None, lang: str
) -> tuple[MeetingPlan | None, list[Problem]]:
    c = Checker(src, lang)
    data: dict[str, Any] = src.data or {}
    c.unknown_keys(data, (), _TOP)

    case = c.table(data, (), "case", required=True) or {}
    c.unknown_keys(case, ("case",), _CASE)
    code = c.text(case, ("case",), "code", required=True)
    if code is not None and not CODE_RE.match(code):
        c.report(("case", "code"), "formats.bad_code", value=show(code))
        code = None
    language = c.choice(case, ("case",), "language", LANGUAGES, default="sv")
    ref = c.text(case, ("case",), "template", required=True, limit=limits.SHORT)
    template: Template | None = None
    template_problems: list[Problem] = []
    if ref:
        template, template_problems = _find_template(c, ref, src.file, templates_dirs)

    individual = _check_individual(c, data, template)
    meeting = _check_meeting(c, data, template)
    parties, party_keys = _check_parties(c, data, template, meeting.get("duration_min"))
    consent = _check_consent(c, data, party_keys, meeting.get("start"), template)
    team_cases = _check_team_cases(c, data, template, party_keys, meeting.get("start"))
    carried, previous = check_previous(c, data, meeting.get("start"))

    problems = sorted_problems(c.problems) + template_problems
    if problems or template is None or code is None or individual is None or parties is None:
        return None, problems
    if None in meeting.values() or consent is None or team_cases is None or language is None:
        return None, problems  # every None here was reported above
    if not carried:
        return None, problems
    plan = MeetingPlan(
        case_code=code,
        template_key=template.key,
        kind=template.kind,
        title_sv=template.title_sv,
        title_en=template.title_en,
        start=meeting["start"],
        duration_min=meeting["duration_min"],
        individual=individual,
        parties=_with_individual(template, individual, parties) + _case_people(team_cases),
        phases=_expand_phases(template, team_cases, parties, meeting["duration_min"]),
        chair=meeting["chair"],
        note_taker=meeting["note_taker"] or None,
        place=meeting["place"],
        video_link=meeting["video_link"],
        questions=meeting["questions"],
        consent=consent,
        team_cases=team_cases,
        language=language,
        source=src.file,
        previous=previous,
        lead=template.lead,
        convener=template.convener,
        horizons=template.horizons,
        decisions_sv=template.decisions_sv,
        decisions_en=template.decisions_en,
        sections=template.sections,
    )
    return plan, _agenda_warnings(c, plan, data) + previous_warnings(c, plan)


def _agenda_warnings(c: Checker, plan: MeetingPlan, data: dict[str, Any]) -> list[Problem]:
    """What may go wrong in a team session's agenda; the file is still valid."""
    if not plan.team_cases:
        return []
    index = {case.code: i for i, case in enumerate(plan.team_cases)}
    warnings = c
    before = len(warnings.problems)
    for clash in agenda.window_clashes(plan):
        i = index[clash.case]
        party = plan.party(clash.party)
        warnings.warn(
            ("team_cases", i, "needs"),
            "formats.warn_window",
            case=clash.case,
            party=party.organisation or party.key,
            window=_clock_span(plan, clash.window.from_min, clash.window.until_min),
            slot=_clock_span(plan, clash.slot.start_min, clash.slot.end_min),
        )
    over = agenda.overbooked(plan)
    if over is not None:
        warnings.warn(
            ("team_cases",),
            "formats.warn_overbooked",
            minutes=over.agenda_minutes,
            duration=over.duration_min,
        )
    return warnings.problems[before:]


def _clock_span(plan: MeetingPlan, lo: float, hi: float | None) -> str:
    start = plan.start.astimezone(STOCKHOLM)
    first = start + timedelta(minutes=lo)
    last = start + timedelta(minutes=hi if hi is not None else plan.duration_min)
    return f"{first:%H:%M}–{last:%H:%M}"


def _check_individual(
    c: Checker, data: dict[str, Any], template: Template | None
) -> Individual | None:
    needed = template is None or template.individual_attends
    if template is not None and template.per_case and "individual" in data:
        # A team session is about several people: each case names its own person.
        c.report(("individual",), "formats.individual_in_team", template=template.key)
        return None
    table = c.table(data, (), "individual", required=needed)
    if table is None:
        # A team session reviews cases without the person; a blank stands in.
        return (
            None if needed or "individual" in data else Individual(name="", wants_first_word=False)
        )
    path: FieldPath = ("individual",)
    c.unknown_keys(table, path, _INDIVIDUAL)
    name = c.text(table, path, "name", required=True, limit=limits.NAME)
    wants = c.boolean(table, path, "wants_first_word", True)
    if "personnummer" in table:
        # Known, so the message says why it goes rather than calling it a typo.
        c.report(path + ("personnummer",), "formats.personnummer_field")
    note = c.text(table, path, "contact_note", limit=limits.SHORT)
    if name is None or note is None or "personnummer" in table:
        return None
    return Individual(name=name, wants_first_word=wants, contact_note=note)


def _check_start(c: Checker, meeting: dict[str, Any]) -> datetime | None:
    path: FieldPath = ("meeting", "start")
    value = meeting.get("start")
    if value is None:
        c.report(path, "formats.missing_field")
        return None
    if isinstance(value, str):
        c.report(path, "formats.start_string")
        return None
    if not isinstance(value, datetime):
        c.report(
            path, "formats.start_date_only" if isinstance(value, date) else "formats.start_type"
        )
        return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        c.report(path, "formats.year_range", lo=FIRST_YEAR, hi=LAST_YEAR, value=value.year)
        return None
    if value.tzinfo is not None:
        return value.astimezone(STOCKHOLM)
    aware = value.replace(tzinfo=STOCKHOLM)
    problem = wall_clock_problem(aware)
    shown = value.isoformat(sep=" ", timespec="minutes")
    if problem == "gap":
        c.report(path, "formats.start_gap", value=shown)
        return None
    if problem == "fold":
        # Twice that night: only an explicit offset says which one is meant.
        first, second = (aware.replace(fold=fold).isoformat(timespec="seconds") for fold in (0, 1))
        c.report(path, "formats.start_fold", value=shown, first=first, second=second)
        return None
    return aware


def _check_person(
    c: Checker, parent: dict[str, Any], name: str, required: bool
) -> Person | None | bool:
    path: FieldPath = ("meeting", name)
    table = c.table(parent, ("meeting",), name, required=required)
    if table is None:
        return False if not required and name not in parent else None
    c.unknown_keys(table, path, _PERSON)
    person = c.text(table, path, "name", required=True, limit=limits.NAME)
    email = c.email(table, path, "email")
    organisation = c.text(table, path, "organisation", limit=limits.NAME)
    if person is None or organisation is None:
        return None
    return Person(name=person, email=email, organisation=organisation)


def _check_meeting(c: Checker, data: dict[str, Any], template: Template | None) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(
        ("start", "duration_min", "place", "video_link", "questions", "chair", "note_taker")
    )
    table = c.table(data, (), "meeting", required=True)
    if table is None:
        return out
    path: FieldPath = ("meeting",)
    c.unknown_keys(table, path, _MEETING)
    out["start"] = _check_start(c, table)
    duration = c.integer(table, path, "duration_min", MIN_DURATION, MAX_DURATION)
    if duration is None and "duration_min" not in table and template is not None:
        duration = template.default_duration_min
    out["duration_min"] = duration
    place = c.text(table, path, "place", limit=limits.SHORT)
    link = c.text(table, path, "video_link", limit=limits.LINK)
    if link and not link.startswith(("https://", "http://")):
        c.report(path + ("video_link",), "formats.bad_url", value=show(link))
        link = None
    if place is not None and link is not None and not (place.strip() or link.strip()):
        c.report(path, "formats.no_place")
    out["place"], out["video_link"] = place, link
    questions = c.strings(table, path, "questions", limit=limits.TEXT, multiline=True)
    no_questions = questions is not None and not any(q.strip() for q in questions)
    if no_questions and template is not None and template.kind != "star-team":
        c.report(path + ("questions",), "formats.no_questions")
        questions = None
    out["questions"] = questions
    out["chair"] = _check_person(c, table, "chair", required=True)
    note_taker = _check_person(c, table, "note_taker", required=False)
    out["note_taker"] = note_taker
    return out


def _check_parties(
    c: Checker, data: dict[str, Any], template: Template | None, duration: int | None
) -> tuple[list[Party] | None, set[str]]:
    tables = c.tables(data, (), "parties", required=True)
    if "parties" in data and isinstance(data["parties"], list) and not data["parties"]:
        c.report(("parties",), "formats.no_parties")
    parties: list[Party] = []
    ok = True
    seen: dict[str, int] = {}
    for i, table in enumerate(tables):
        party = _check_party(c, table, ("parties", i), template, duration)
        key = table.get("key")
        # Duplicates are checked on the raw key, so they show even when the
        # party has other problems too.
        if isinstance(key, str) and KEY_RE.match(key):
            if key in seen:
                c.report(
                    ("parties", i, "key"), "formats.duplicate", value=show(key), line=seen[key]
                )
                ok = False
            seen.setdefault(key, c.line(("parties", i, "key")))
        if party is None:
            ok = False
            continue
        parties.append(party)
    return (parties if ok and tables else None), set(seen)


def _check_party(
    c: Checker,
    table: dict[str, Any],
    path: FieldPath,
    template: Template | None,
    duration: int | None,
) -> Party | None:
    before = len(c.problems)
    c.unknown_keys(table, path, _PARTY)
    key = c.key(table, path, "key")
    if key == INDIVIDUAL:
        c.report(path + ("key",), "formats.reserved_key")
    organisation = c.text(table, path, "organisation", required=True, limit=limits.NAME)
    kind = c.key(table, path, "kind")
    if kind is not None and template is not None and kind not in template.roles:
        c.report(
            path + ("kind",),
            "formats.kind_not_in_roles",
            value=show(kind),
            template=template.key,
            choices=", ".join(template.roles),
        )
    person = c.text(table, path, "person", limit=limits.NAME)
    email = c.email(table, path, "email")
    role = c.text(table, path, "role", limit=limits.ROLE)
    summons = c.choice(table, path, "summons", ("kallad", "inbjuden"), default="inbjuden")
    requested = c.boolean(table, path, "presence_requested", False)
    window = _check_window(c, table, path, duration)
    brings = c.text(table, path, "brings", limit=limits.SHORT, multiline=True)
    if (
        len(c.problems) > before
        or key is None
        or organisation is None
        or kind is None
        or person is None
        or role is None
        or summons is None
        or brings is None
    ):
        return None
    return Party(
        key=key,
        organisation=organisation,
        kind=kind,
        person=person,
        email=email,
        role=role,
        summons=summons,  # type: ignore[arg-type]  # one of the choices checked above
        presence_requested=requested,
        window=window,
        brings=brings,
    )


def _check_window(
    c: Checker, party: dict[str, Any], path: FieldPath, duration: int | None
) -> Window | None:
    table = c.table(party, path, "window", required=False)
    if table is None:
        return None
    path = path + ("window",)
    c.unknown_keys(table, path, _WINDOW)
    lo = c.integer(table, path, "from_min", 0, MAX_DURATION)
    hi = c.integer(table, path, "until_min", 1, MAX_DURATION)
    lo = lo if lo is not None else 0
    if hi is not None and lo >= hi:
        c.report(path + ("until_min",), "formats.window_order", lo=lo, hi=hi)
    elif duration is not None and hi is not None and hi > duration:
        c.report(path + ("until_min",), "formats.window_beyond", hi=hi, duration=duration)
    elif duration is not None and lo >= duration:
        c.report(path + ("from_min",), "formats.window_beyond", hi=lo, duration=duration)
    return Window(from_min=lo, until_min=hi)


def _check_consent(
    c: Checker,
    data: dict[str, Any],
    party_keys: set[str],
    start: datetime | None,
    template: Template | None,
) -> Consent | None:
    if template is not None and template.per_case and "consent" in data:
        # Consents differ from person to person: one for the session would cover nobody.
        c.report(("consent",), "formats.consent_in_team", template=template.key)
        return None
    table = c.table(data, (), "consent", required=False)
    if table is None:
        return None if "consent" in data else Consent()
    return _consent_table(c, table, ("consent",), party_keys, start)


def _consent_table(
    c: Checker,
    table: dict[str, Any],
    path: FieldPath,
    party_keys: set[str],
    start: datetime | None,
) -> Consent | None:
    before = len(c.problems)
    c.unknown_keys(table, path, _CONSENT)
    given = c.day(table, path, "given")
    form = c.text(table, path, "form", limit=limits.SHORT)
    scope = c.strings(table, path, "scope")
    not_shared = c.strings(table, path, "not_shared", limit=limits.SHORT)
    until = c.day(table, path, "valid_until")
    exclude = _check_exclusions(c, table, path, party_keys)
    for i, entry in enumerate(scope or ()):
        if entry not in party_keys:
            choices = ", ".join(sorted(party_keys)) or "-"
            c.report(
                path + ("scope", i), "formats.scope_unknown", value=show(entry), choices=choices
            )
    if given and until and until < given:
        c.report(path + ("valid_until",), "formats.consent_order", until=until, given=given)
    elif until and start and until < start.date():
        c.report(
            path + ("valid_until",), "formats.consent_expired", until=until, meeting=start.date()
        )
    if given and start and given > start.date():
        c.report(path + ("given",), "formats.consent_future", given=given, meeting=start.date())
    if len(c.problems) > before or form is None or scope is None or not_shared is None:
        return None
    return Consent(
        given=given,
        form=form,
        scope=scope,
        not_shared=not_shared,
        valid_until=until,
        exclude=exclude,
    )


def _check_exclusions(
    c: Checker, table: dict[str, Any], path: FieldPath, party_keys: set[str]
) -> tuple[Exclusion, ...]:
    """`exclude = [{party = "af", category = "halsa"}]`: each a known party and category.

    Problems are reported (the caller sees them by count); what is right is returned.
    """
    out: list[Exclusion] = []
    for i, item in enumerate(c.tables(table, path, "exclude", required=False)):
        at: FieldPath = path + ("exclude", i)
        c.unknown_keys(item, at, _EXCLUSION)
        party = c.text(item, at, "party", required=True)
        category = c.choice(item, at, "category", CONSENT_CATEGORIES, default=None)
        if party and party not in party_keys:
            choices = ", ".join(sorted(party_keys)) or "-"
            c.report(at + ("party",), "formats.scope_unknown", value=show(party), choices=choices)
            continue
        if party and category:
            out.append(Exclusion(party=party, category=category))
    return tuple(out)


def _check_team_cases(
    c: Checker,
    data: dict[str, Any],
    template: Template | None,
    party_keys: set[str],
    start: datetime | None,
) -> tuple[TeamCase, ...] | None:
    tables = c.tables(data, (), "team_cases", required=False)
    if template is not None:
        if template.per_case and not tables:
            c.report(("team_cases",), "formats.team_cases_missing", template=template.key)
            return None
        if not template.per_case and "team_cases" in data:
            c.report(("team_cases",), "formats.team_cases_unexpected", template=template.key)
            return None
    cases: list[TeamCase] = []
    seen: dict[str, int] = {}
    before = len(c.problems)
    for i, table in enumerate(tables):
        path: FieldPath = ("team_cases", i)
        code = c.text(table, path, "code", required=True)
        if code is not None and not CODE_RE.match(code):
            c.report(path + ("code",), "formats.bad_code", value=show(code))
            code = None
        if code is not None:
            if code.casefold() in seen:
                line = seen[code.casefold()]
                c.report(path + ("code",), "formats.duplicate", value=show(code), line=line)
            seen.setdefault(code.casefold(), c.line(path + ("code",)))
        case = _check_team_case(c, table, path, code, party_keys, start)
        if case is not None:
            cases.append(case)
    if len(c.problems) > before or len(cases) != len(tables):
        return None
    return tuple(cases)


def _check_team_case(
    c: Checker,
    table: dict[str, Any],
    path: FieldPath,
    code: str | None,
    party_keys: set[str],
    start: datetime | None,
) -> TeamCase | None:
    before = len(c.problems)
    c.unknown_keys(table, path, _TEAM_CASE)
    minutes = c.integer(table, path, "minutes", 1, MAX_DURATION, required=True)
    questions = c.strings(table, path, "questions", limit=limits.TEXT, multiline=True)
    anonymised = c.boolean(table, path, "anonymised", False)
    consent: Consent | None = None
    consent_table = c.table(table, path, "consent", required=False)
    if consent_table is not None:
        consent = _consent_table(c, consent_table, path + ("consent",), party_keys, start)
    if anonymised and "consent" in table:
        c.report(path + ("consent",), "formats.team_case_both")
    elif not anonymised and "consent" not in table:
        c.report(path, "formats.team_case_no_consent")
    needs = c.strings(table, path, "needs")
    for n, key in enumerate(needs or ()):
        if key not in party_keys:
            choices = ", ".join(sorted(party_keys)) or "-"
            c.report(path + ("needs", n), "formats.needs_unknown", value=show(key), choices=choices)
    kind = c.choice(table, path, "kind", CASE_KINDS, default="ny")
    person = _check_case_person(c, table, path, anonymised)
    if len(c.problems) > before or None in (code, minutes, questions, needs, kind):
        return None
    return TeamCase(
        code=code or "",
        minutes=minutes or 0,
        questions=questions or (),
        anonymised=anonymised,
        consent=consent,
        needs=needs or (),
        kind=kind or "ny",
        person=person,
    )


def _check_case_person(
    c: Checker, case: dict[str, Any], path: FieldPath, anonymised: bool
) -> CasePerson | None:
    """The case's person, or None (none named, or a problem that is reported)."""
    table = c.table(case, path, "person", required=False)
    if table is None:
        return None
    path = path + ("person",)
    if anonymised:
        # An anonymised case names nobody, not even by a pseudonym.
        c.report(path, "formats.person_in_anonymised")
        return None
    c.unknown_keys(table, path, _CASE_PERSON)
    name = c.text(table, path, "name", required=True, limit=limits.NAME)
    attends = c.boolean(table, path, "attends", False)
    first = c.boolean(table, path, "wants_first_word", True)
    if name is None:
        return None
    return CasePerson(name=name.strip(), attends=attends, wants_first_word=first)


# --- building the plan -------------------------------------------------------


def _with_individual(
    template: Template, individual: Individual, parties: list[Party]
) -> tuple[Party, ...]:
    if not template.individual_attends:
        return tuple(parties)
    me = Party(
        key=INDIVIDUAL, organisation="", kind=INDIVIDUAL, person=individual.name, summons="none"
    )
    return (me, *parties)


def _case_people(cases: tuple[TeamCase, ...]) -> tuple[Party, ...]:
    """A party for each person who attends their own team case (and only that case)."""
    return tuple(
        Party(
            key=case.party_key,
            organisation="",
            kind=INDIVIDUAL,
            person=case.person.name,
            summons="none",
            case=case.code,
        )
        for case in cases
        if case.person is not None and case.person.attends
    )


def _expand_phases(
    template: Template, cases: tuple[TeamCase, ...], parties: list[Party], duration: int
) -> tuple[Phase, ...]:
    if not template.per_case:
        return template.phases
    # The cases start after the parts before the per-case part: place them from there.
    before = 0.0
    for phase in template.phases:
        if phase.key == template.per_case:
            break
        before += duration * phase.share / 100
    windows = {p.key: p.window for p in parties if p.window is not None}
    ordered = agenda.place(cases, windows, before)
    return agenda.case_phases(template.phases, template.per_case, ordered, duration)
