"""A case being written in the `new` form: its fields as typed, and how they map to the file.

The form holds text (a date as `tis 14:00`, a window as `0-60`, questions one per
line). `plan.casedata` reads that text into a case file's data, each mistake named
by the field it is in, so the form can put its cursor there; `validate` then checks
the written file as it checks any other, and `form_field` leads its problems back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from starmote.plan.model import (
    STOCKHOLM,
    MeetingPlan,
    Previous,
)
from starmote.plan.template import Template

SUMMONS = ("kallad", "inbjuden")
CONSENT_FORMS = ("", "skriftligt", "muntligt")
"""How consent was given; "" when the form leaves it unsaid."""


@dataclass
class PartyDraft:
    """One party as the form holds it."""

    key: str = ""
    organisation: str = ""
    kind: str = ""
    person: str = ""
    email: str = ""
    role: str = ""
    summons: str = "inbjuden"
    requested: bool = False
    window: str = ""
    """`0-60`, `30-`, `-60` (minutes from the start) or `09:00-10:00`; "" for all of it."""
    brings: str = ""
    in_consent: bool = True
    """Whether the individual's consent covers this party (its key goes into the scope)."""


@dataclass
class TeamCaseDraft:
    """One case of a STAR team session as the form holds it."""

    code: str = ""
    kind: str = "ny"
    minutes: str = ""
    questions: str = ""
    """One per line."""
    needs: str = ""
    """Party keys, separated by commas or spaces."""
    anonymised: bool = False
    consent_given: str = ""
    consent_form: str = ""
    consent_scope: str = ""
    """Party keys; "" for every party."""
    person: str = ""
    """The person's pseudonym (never for an anonymised case)."""
    person_attends: bool = False
    person_first: bool = True


@dataclass
class CaseDraft:
    """A whole case file as the form holds it."""

    template: str = "motescirkel-sip"
    code: str = ""
    language: str = "sv"
    individual: str = ""
    first_word: bool = True
    contact_note: str = ""
    when: str = ""
    """Date and time, as the app takes them: `tis 14:00`, `15/12 13.30`, `+2v 9`."""
    duration: str = ""
    place: str = ""
    video_link: str = ""
    chair_name: str = ""
    chair_email: str = ""
    chair_organisation: str = ""
    note_name: str = ""
    note_email: str = ""
    note_organisation: str = ""
    questions: str = ""
    """Frågeställningar, one per line."""
    consent_given: str = ""
    consent_form: str = ""
    consent_until: str = ""
    not_shared: str = ""
    """What the individual does not want shared, one per line."""
    parties: list[PartyDraft] = field(default_factory=list)
    team_cases: list[TeamCaseDraft] = field(default_factory=list)
    previous: Previous | None = None
    """Carried from the meeting before (`new --from`); shown, not edited in the form."""


def is_team(template: Template) -> bool:
    """Whether the template takes team cases instead of one individual."""
    return bool(template.per_case)


class DraftError(Exception):
    """Fields that cannot become a case file; `errors` holds (field, message) in form order."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{f}: {m}" for f, m in errors))


# --- reading one field --------------------------------------------------------------


def field_order(draft: CaseDraft) -> list[str]:
    """Every field of the draft in the order the form shows them."""
    head = [
        "template",
        "code",
        "language",
        "individual",
        "first_word",
        "contact_note",
        "when",
        "duration",
        "place",
        "video_link",
        "chair_name",
        "chair_email",
        "chair_organisation",
        "note_name",
        "note_email",
        "note_organisation",
        "questions",
        "consent_given",
        "consent_form",
        "consent_until",
        "not_shared",
        "parties",
    ]
    party_fields = [f.name for f in PartyDraft.__dataclass_fields__.values()]
    case_fields = [f.name for f in TeamCaseDraft.__dataclass_fields__.values()]
    fields = head + [f"parties.{i}.{n}" for i in range(len(draft.parties)) for n in party_fields]
    fields.append("team_cases")
    fields += [f"team_cases.{i}.{n}" for i in range(len(draft.team_cases)) for n in case_fields]
    return fields


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

_TOP_FIELDS = {
    ("case", "code"): "code",
    ("case", "template"): "template",
    ("case", "language"): "language",
    ("individual",): "individual",
    ("individual", "name"): "individual",
    ("individual", "wants_first_word"): "first_word",
    ("individual", "contact_note"): "contact_note",
    ("meeting",): "place",
    ("meeting", "start"): "when",
    ("meeting", "duration_min"): "duration",
    ("meeting", "place"): "place",
    ("meeting", "video_link"): "video_link",
    ("meeting", "questions"): "questions",
    ("meeting", "chair"): "chair_name",
    ("meeting", "note_taker"): "note_name",
    ("consent",): "consent_given",
    ("consent", "given"): "consent_given",
    ("consent", "form"): "consent_form",
    ("consent", "scope"): "parties",
    ("consent", "not_shared"): "not_shared",
    ("consent", "valid_until"): "consent_until",
    ("parties",): "parties",
    ("team_cases",): "team_cases",
}
_PARTY_FIELDS = {"presence_requested": "requested"}
_CASE_FIELDS = {"consent": "consent_given", "given": "consent_given", "form": "consent_form"}


def form_field(problem_field: str) -> str | None:
    """The form's field for a problem `validate` found at `problem_field`, if the form has one.

    Args:
        problem_field: As a Problem names it: `parties[2].window.until_min`.

    Returns:
        `parties.1.window`, `when`, …; None for what the form does not show (`[previous]`).
    """
    parts: list[str | int] = []
    for name, index in _PATH_PART.findall(problem_field):
        parts.append(int(index) - 1 if index else name)
    if not parts or parts[0] == "previous":
        return None
    head = parts[0]
    if head in ("parties", "team_cases") and len(parts) >= 2 and isinstance(parts[1], int):
        at = f"{head}.{parts[1]}"
        rest = [p for p in parts[2:] if isinstance(p, str)]
        if not rest:
            return f"{at}.{'organisation' if head == 'parties' else 'code'}"
        if head == "parties":
            return f"{at}.{_PARTY_FIELDS.get(rest[0], rest[0])}"
        if rest[0] == "consent":
            sub = rest[1] if len(rest) > 1 else "consent"
            return f"{at}.{_CASE_FIELDS.get(sub, 'consent_' + sub)}"
        return f"{at}.{rest[0]}"
    if head == "meeting" and len(parts) >= 3 and parts[1] in ("chair", "note_taker"):
        who = "chair" if parts[1] == "chair" else "note"
        return f"{who}_{parts[2]}" if isinstance(parts[2], str) else f"{who}_name"
    names = tuple(p for p in parts if isinstance(p, str))
    for n in range(len(names), 0, -1):
        found = _TOP_FIELDS.get(names[:n])
        if found is not None:
            return found
    return None


# --- from a plan ------------------------------------------------------------------------


def _clock(start: datetime) -> str:
    local = start.astimezone(STOCKHOLM)
    return f"{local:%Y-%m-%d %H:%M}"


def _window_text(lo: int, hi: int | None) -> str:
    return f"{lo}-{hi}" if hi is not None else f"{lo}-"


def from_plan(plan: MeetingPlan, template: str | None = None) -> CaseDraft:
    """The form's fields for an existing plan (to edit it, or to start a follow-up from).

    Args:
        plan: A plan (from a case file, or the one a stored meeting ran on).
        template: The template as the case file names it; the plan's key by default.

    Returns:
        A draft that, saved unchanged, gives the same plan.
    """
    scope = set(plan.consent.scope)
    parties = [
        PartyDraft(
            key=p.key,
            organisation=p.organisation,
            kind=p.kind,
            person=p.person,
            email=p.email,
            role=p.role,
            summons=p.summons if p.summons in SUMMONS else "inbjuden",
            requested=p.presence_requested,
            window=_window_text(p.window.from_min, p.window.until_min) if p.window else "",
            brings=p.brings,
            in_consent=p.key in scope,
        )
        for p in plan.parties
        if not p.is_individual
    ]
    cases = []
    for case in plan.team_cases:
        consent = case.consent
        cases.append(
            TeamCaseDraft(
                code=case.code,
                kind=case.kind,
                minutes=str(case.minutes),
                questions="\n".join(case.questions),
                needs=", ".join(case.needs),
                anonymised=case.anonymised,
                consent_given=consent.given.isoformat() if consent and consent.given else "",
                consent_form=consent.form if consent else "",
                consent_scope=", ".join(consent.scope) if consent else "",
                person=case.person.name if case.person else "",
                person_attends=case.person.attends if case.person else False,
                person_first=case.person.wants_first_word if case.person else True,
            )
        )
    note = plan.note_taker
    return CaseDraft(
        template=template or plan.template_key,
        code=plan.case_code,
        language=plan.language,
        individual=plan.individual.name,
        first_word=plan.individual.wants_first_word,
        contact_note=plan.individual.contact_note,
        when=_clock(plan.start),
        duration=str(plan.duration_min),
        place=plan.place,
        video_link=plan.video_link,
        chair_name=plan.chair.name,
        chair_email=plan.chair.email,
        chair_organisation=plan.chair.organisation,
        note_name=note.name if note else "",
        note_email=note.email if note else "",
        note_organisation=note.organisation if note else "",
        questions="\n".join(plan.questions),
        consent_given=plan.consent.given.isoformat() if plan.consent.given else "",
        consent_form=plan.consent.form,
        consent_until=plan.consent.valid_until.isoformat() if plan.consent.valid_until else "",
        not_shared="\n".join(plan.consent.not_shared),
        parties=parties,
        team_cases=cases,
        previous=plan.previous,
    )


def blank(template: Template, lang: str = "sv") -> CaseDraft:
    """An empty draft for `template`: one party to fill in, or one team case."""
    draft = CaseDraft(template=template.key, language=lang)
    draft.duration = str(template.default_duration_min)
    draft.parties = [PartyDraft(kind=template.roles[0])]
    if is_team(template):
        draft.team_cases = [TeamCaseDraft()]
    return draft
