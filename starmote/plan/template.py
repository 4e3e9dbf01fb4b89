"""Meeting templates: the phases, shares, prompts and roles of a kind of meeting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starmote.plan.fields import KEY_RE, Checker, show
from starmote.plan.model import (
    CONVENER_CHAIR,
    FIRST_CHAIR,
    FIRST_INDIVIDUAL,
    HORIZONS,
    INDIVIDUAL,
    MAX_DURATION,
    MIN_DURATION,
    Phase,
    Section,
)
from starmote.plan.toml_source import FieldPath, FormatError, Source, read_toml, sorted_problems
from starmote.record import Record, record

KINDS = ("sip", "star-samplanering", "avstamning", "star-team")
TURNS = ("round", "open")
SHARE_TOLERANCE = 0.01
"""Shares must sum to 100 within this many percent (allows 33.33 + 33.33 + 33.34)."""

_TEMPLATE_FIELDS = {
    "key",
    "kind",
    "title_sv",
    "title_en",
    "default_duration_min",
    "individual_attends",
    "roles",
    "lead",
    "convener",
    "horizons",
    "decisions_sv",
    "decisions_en",
}
_SECTION_FIELDS = {"key", "title_sv", "title_en", "hint_sv", "hint_en"}
_PHASE_FIELDS = {
    "key",
    "title_sv",
    "title_en",
    "share",
    "turns",
    "individual_first",
    "floor_share",
    "per_case",
    "prompts_sv",
    "prompts_en",
    "first",
    "prompt_parties",
    "about_sv",
    "about_en",
}


@record
class Template(Record):
    """A validated template file."""

    key: str
    kind: str
    """sip, star-samplanering, avstamning or star-team."""
    title_sv: str
    title_en: str
    default_duration_min: int
    individual_attends: bool
    """False for team sessions, where cases are reviewed without the person."""
    roles: tuple[str, ...]
    """Party kinds a case with this template may have."""
    phases: tuple[Phase, ...]
    per_case: str = ""
    """Key of the phase repeated once per team case ("" if none)."""
    source: str = ""
    lead: bool = True
    """Whether the meeting names a huvudansvarig."""
    convener: str = CONVENER_CHAIR
    """Who convenes the follow-up: "chair" or one of `roles`."""
    horizons: tuple[str, ...] = HORIZONS
    """The goal horizons that apply (a subset of HORIZONS, possibly none)."""
    decisions_sv: str = ""
    """The template's word for decisions ("" for the catalogue's)."""
    decisions_en: str = ""
    sections: tuple[Section, ...] = ()
    """The minutes' own sections of this meeting type."""

    def title(self, lang: str) -> str:
        """The title in `lang` ("sv" or "en")."""
        return self.title_en if lang == "en" else self.title_sv


def check_template(src: Source, lang: str = "sv") -> tuple[Template | None, Checker]:
    """Validate a parsed template document.

    Args:
        src: A Source with `data` set (see `tomlsource.read_toml`).
        lang: Language of the messages.

    Returns:
        The Template (None if anything is wrong) and the Checker holding the problems.
    """
    c = Checker(src, lang)
    data: dict[str, Any] = src.data or {}
    head = c.table(data, (), "template", required=True)
    c.unknown_keys(data, (), {"template", "phases", "sections"})
    fields = _check_head(c, head, Path(src.file).stem) if head is not None else None
    # The roles as written, even when the head has other faults: a part's `first` is
    # checked against them, and "not a role" would only add noise if they were dropped.
    listed = head.get("roles") if head is not None else None
    roles = tuple(r for r in listed if isinstance(r, str)) if isinstance(listed, list) else ()
    phases, per_case = _check_phases(c, data, roles)
    sections = _check_sections(c, data)
    if c.problems or fields is None or phases is None or sections is None:
        return None, c
    return Template(
        phases=phases, per_case=per_case, source=src.file, sections=sections, **fields
    ), c


def _check_head(c: Checker, head: dict[str, Any], stem: str) -> dict[str, Any] | None:
    path: FieldPath = ("template",)
    c.unknown_keys(head, path, _TEMPLATE_FIELDS)
    key = c.key(head, path, "key")
    if key is not None and key != stem:
        c.report(path + ("key",), "formats.key_mismatch", value=show(key), stem=show(stem))
    fields: dict[str, Any] = {
        "key": key,
        "kind": c.choice(head, path, "kind", KINDS, default=None),
        "title_sv": c.text(head, path, "title_sv", required=True),
        "title_en": c.text(head, path, "title_en", required=True),
        "default_duration_min": c.integer(
            head, path, "default_duration_min", MIN_DURATION, MAX_DURATION, required=True
        ),
        "individual_attends": c.boolean(head, path, "individual_attends", True),
    }
    roles = c.strings(head, path, "roles", required=True)
    fields["roles"] = roles
    if roles is not None:
        if not roles:
            c.report(path + ("roles",), "formats.empty")
        seen: set[str] = set()
        for i, role in enumerate(roles):
            if role == INDIVIDUAL:
                c.report(path + ("roles", i), "formats.reserved_key")
            elif not KEY_RE.match(role):
                c.report(path + ("roles", i), "formats.bad_key", value=show(role))
            elif role in seen:
                c.report(path + ("roles", i), "formats.duplicate_role", value=show(role))
            seen.add(role)
    fields.update(_check_words(c, head, path, roles or ()))
    if any(v is None for v in fields.values()):
        return None
    return fields


def _check_words(
    c: Checker, head: dict[str, Any], path: FieldPath, roles: tuple[str, ...]
) -> dict[str, Any]:
    """The head's fields that say how this meeting type differs from a SIP meeting."""
    lead = c.boolean(head, path, "lead", True)
    convener = c.text(head, path, "convener") or CONVENER_CHAIR
    if "convener" in head and convener != CONVENER_CHAIR and convener not in roles:
        c.report(
            path + ("convener",),
            "formats.one_of",
            value=show(convener),
            choices=", ".join((CONVENER_CHAIR, *roles)),
        )
    horizons = c.strings(head, path, "horizons") if "horizons" in head else HORIZONS
    for i, horizon in enumerate(horizons or ()):
        if horizon not in HORIZONS:
            c.report(
                path + ("horizons", i),
                "formats.one_of",
                value=show(horizon),
                choices=", ".join(HORIZONS),
            )
        elif horizon in (horizons or ())[:i]:
            c.report(path + ("horizons", i), "formats.duplicate_role", value=show(horizon))
    words = {k: c.text(head, path, k, nonempty=k in head) for k in ("decisions_sv", "decisions_en")}
    for name, other in (("decisions_sv", "decisions_en"), ("decisions_en", "decisions_sv")):
        if name in head and other not in head:
            c.report(path + (other,), "formats.pair_missing", other=name)
    return {
        "lead": lead,
        "convener": convener,
        "horizons": tuple(horizons) if horizons is not None else None,
        **words,
    }


def _check_sections(c: Checker, data: dict[str, Any]) -> tuple[Section, ...] | None:
    """The minutes' own sections: `[[sections]]` with a key and a title in each language."""
    sections: list[Section] = []
    seen: set[str] = set()
    before = len(c.problems)
    for i, table in enumerate(c.tables(data, (), "sections", required=False)):
        path: FieldPath = ("sections", i)
        c.unknown_keys(table, path, _SECTION_FIELDS)
        key = c.key(table, path, "key")
        if key is not None and key in seen:
            c.report(path + ("key",), "formats.duplicate_role", value=show(key))
        seen.add(key or "")
        texts = {
            name: c.text(table, path, name, required=name.startswith("title"))
            for name in ("title_sv", "title_en", "hint_sv", "hint_en")
        }
        if key is not None and None not in texts.values():
            sections.append(Section(key=key, **texts))  # type: ignore[arg-type]  # none is None
    return tuple(sections) if len(c.problems) == before else None


def _check_phases(
    c: Checker, data: dict[str, Any], roles: tuple[str, ...]
) -> tuple[tuple[Phase, ...] | None, str]:
    tables = c.tables(data, (), "phases", required=True)
    if "phases" in data and isinstance(data["phases"], list) and not data["phases"]:
        c.report(("phases",), "formats.no_phases")
    phases: list[Phase] = []
    per_case = ""
    seen: dict[str, int] = {}
    ok = bool(tables)
    shares_ok = True
    total = 0.0
    for i, table in enumerate(tables):
        phase, is_per_case = _check_phase(c, table, ("phases", i), roles)
        share = table.get("share")
        valid = isinstance(share, (int, float)) and not isinstance(share, bool) and 0 < share <= 100
        if not valid:
            shares_ok = False  # already reported; a sum would only add noise
        if phase is None:
            ok = False
            if shares_ok:
                total += float(share)  # type: ignore[arg-type]  # valid, checked just above
            continue
        total += phase.share
        if phase.key in seen:
            c.report(
                ("phases", i, "key"),
                "formats.duplicate",
                value=show(phase.key),
                line=seen[phase.key],
            )
            ok = False
        seen.setdefault(phase.key, c.line(("phases", i, "key")))
        if is_per_case:
            if per_case:
                c.report(("phases", i, "per_case"), "formats.per_case_many")
                ok = False
            per_case = per_case or phase.key
        phases.append(phase)
    if tables and shares_ok and abs(total - 100) > SHARE_TOLERANCE:
        c.report(("phases",), "formats.shares_sum", total=f"{total:g}")
        ok = False
    return (tuple(phases) if ok else None), per_case


def _check_phase(
    c: Checker, table: dict[str, Any], path: FieldPath, roles: tuple[str, ...]
) -> tuple[Phase | None, bool]:
    c.unknown_keys(table, path, _PHASE_FIELDS)
    before = len(c.problems)
    key = c.key(table, path, "key")
    title_sv = c.text(table, path, "title_sv", required=True)
    title_en = c.text(table, path, "title_en", required=True)
    share = c.number(table, path, "share", 0, 100, required=True)
    if share == 0:
        c.report(path + ("share",), "formats.share_zero")
        share = None
    turns = c.choice(table, path, "turns", TURNS, default="round")
    individual_first = c.boolean(table, path, "individual_first", True)
    floor = c.number(table, path, "floor_share", 0, 100)
    if floor is not None and share is not None and floor > share:
        c.report(
            path + ("floor_share",),
            "formats.floor_above_share",
            floor=f"{floor:g}",
            share=f"{share:g}",
        )
    per_case = c.boolean(table, path, "per_case", False)
    prompts_sv = c.strings(table, path, "prompts_sv")
    prompts_en = c.strings(table, path, "prompts_en")
    if prompts_sv is not None and prompts_en is not None and len(prompts_sv) != len(prompts_en):
        c.report(
            path + ("prompts_en",), "formats.prompts_length", sv=len(prompts_sv), en=len(prompts_en)
        )
    default_first = FIRST_INDIVIDUAL if individual_first else FIRST_CHAIR
    first = c.text(table, path, "first") or default_first
    openers = (FIRST_INDIVIDUAL, FIRST_CHAIR, *roles)
    if "first" in table and first not in openers:
        c.report(path + ("first",), "formats.one_of", value=show(first), choices=", ".join(openers))
    elif "individual_first" in table and individual_first != (first == FIRST_INDIVIDUAL):
        c.report(path + ("first",), "formats.first_conflict", value=show(first))
    named = c.strings(table, path, "prompt_parties") or ()
    if prompts_sv is not None and named and len(named) != len(prompts_sv):
        c.report(
            path + ("prompt_parties",),
            "formats.prompt_parties_length",
            n=len(named),
            prompts=len(prompts_sv),
        )
    for i, kind in enumerate(named):
        if kind and kind not in roles:
            c.report(
                path + ("prompt_parties", i),
                "formats.one_of",
                value=show(kind),
                choices=", ".join(roles),
            )
    about_sv = c.text(table, path, "about_sv")
    about_en = c.text(table, path, "about_en")
    for name, other in (("about_sv", "about_en"), ("about_en", "about_sv")):
        if name in table and other not in table:  # the invite is written in either language
            c.report(path + (other,), "formats.pair_missing", other=name)
    if (
        len(c.problems) > before
        or key is None
        or title_sv is None
        or title_en is None
        or share is None
        or turns is None
    ):
        return None, per_case
    phase = Phase(
        key=key,
        title_sv=title_sv,
        title_en=title_en,
        share=share,
        turns=turns,  # type: ignore[arg-type]  # checked against TURNS above
        individual_first=first == FIRST_INDIVIDUAL,
        first=first,
        floor_share=floor or 0.0,
        prompts_sv=prompts_sv or (),
        prompts_en=prompts_en or (),
        prompt_parties=named,
        about_sv=about_sv or "",
        about_en=about_en or "",
    )
    return phase, per_case


def load_template(path: str | Path, lang: str = "sv") -> Template:
    """Read and validate a template file.

    Args:
        path: The `.toml` file.
        lang: Language of problem messages ("sv" or "en").

    Returns:
        The Template.

    Raises:
        FormatError: with every problem found.
    """
    src = read_toml(path, lang)
    if src.data is None:
        raise FormatError(src.problems or [])
    template, checker = check_template(src, lang)
    if template is None:
        raise FormatError(sorted_problems(checker.problems))
    return template
