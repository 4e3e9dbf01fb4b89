"""The `new` form's draft made a case file's data; a field it cannot use is named by the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from starmote.plan import limits
from starmote.plan.draft import (
    SUMMONS,
    CaseDraft,
    DraftError,
    PartyDraft,
    TeamCaseDraft,
    field_order,
    is_team,
)
from starmote.plan.entry import (
    FieldRefused,
    code_field,
    email_field,
    key_field,
    lines_field,
    link_field,
    parse_day,
    parse_minutes,
    parse_past_day,
    parse_when,
    parse_window,
    refusal,
    split_keys,
    text_field,
    unique_key,
)
from starmote.plan.model import CASE_KINDS, MAX_DURATION, MIN_DURATION
from starmote.plan.template import Template
from starmote.plan.writer import Data, local_start, previous_data
from starmote.privacy import contains_personnummer


@dataclass
class _Reader:
    """Reads fields one at a time, collecting (field, message) instead of stopping."""

    lang: str
    errors: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, name: str, read: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        """`read(*args, lang)`, or `default` with the refusal noted against `name`.

        A personnummer is refused before anything else, in every field: a message that
        quoted the text back (a date it cannot read) would show it on the screen.
        """
        if args and isinstance(args[0], str) and contains_personnummer(args[0]):
            self.refuse(name, "personnummer")
            return default
        try:
            return read(*args, lang=self.lang)
        except FieldRefused as err:
            self.errors.append((name, str(err)))
            return default

    def refuse(self, name: str, key: str, **values: Any) -> None:
        """Note the message `key` against the field `name`."""
        self.errors.append((name, refusal(self.lang)(key, **values)))


def _lean(table: Data) -> Data:
    """`table` without empty values: a field left out takes its default."""
    return {k: v for k, v in table.items() if v not in (None, "", [], {})}


def to_data(draft: CaseDraft, template: Template, today: date, lang: str = "sv") -> Data:
    """The case file the draft describes.

    Args:
        draft: The form's fields.
        template: The chosen template (its roles, and whether it takes team cases).
        today: Today in Stockholm (quick dates count from it).
        lang: Language of the messages.

    Returns:
        The file's content for `writer.dumps`.

    Raises:
        DraftError: Every field that cannot be used, in the form's order.
    """
    read = _Reader(lang)
    team = is_team(template)
    data: Data = {
        "case": {
            "code": read("code", code_field, draft.code, default=""),
            "template": draft.template,
            "language": draft.language,
        }
    }
    if template.individual_attends and not team:
        data["individual"] = _lean(
            {
                "name": read(
                    "individual", text_field, draft.individual, limits.NAME, True, default=""
                ),
                "wants_first_word": draft.first_word,
                "contact_note": read(
                    "contact_note", text_field, draft.contact_note, limits.SHORT, default=""
                ),
            }
        )
    start: datetime | None = read("when", parse_when, draft.when, today)
    duration: int | None = template.default_duration_min
    if draft.duration.strip():
        duration = read("duration", parse_minutes, draft.duration, MIN_DURATION, MAX_DURATION)
    data["meeting"] = _meeting(read, draft, start, duration, team)
    parties = _parties(read, draft, template, start, duration)
    if not team:
        scope = [
            p["key"] for p, typed in zip(parties, draft.parties, strict=True) if typed.in_consent
        ]
        consent = _lean(
            {
                "given": read("consent_given", parse_past_day, draft.consent_given, today),
                "form": read("consent_form", text_field, draft.consent_form, limits.SHORT),
                "scope": scope,
                "not_shared": read(
                    "not_shared", lines_field, draft.not_shared, limits.SHORT, default=[]
                ),
                "valid_until": read("consent_until", parse_day, draft.consent_until, today),
            }
        )
        if consent:
            data["consent"] = consent
    data["parties"] = parties
    if team:
        keys = [p["key"] for p in parties]
        data["team_cases"] = [
            _team_case(read, f"team_cases.{i}", case, keys, today)
            for i, case in enumerate(draft.team_cases)
        ]
        if not draft.team_cases:
            read.refuse("team_cases", "no_team_cases")
        codes = [str(c.get("code", "")).casefold() for c in data["team_cases"]]
        for i, code in enumerate(codes):
            if code and code in codes[:i]:
                read.refuse(f"team_cases.{i}.code", "code_twice", value=draft.team_cases[i].code)
    if draft.previous is not None:
        data["previous"] = previous_data(draft.previous)
    if read.errors:
        order = {name: i for i, name in enumerate(field_order(draft))}
        raise DraftError(sorted(read.errors, key=lambda e: order.get(e[0], len(order))))
    return data


def _meeting(
    read: _Reader, draft: CaseDraft, start: datetime | None, duration: int | None, team: bool
) -> Data:
    questions = read("questions", lines_field, draft.questions, limits.TEXT, default=None)
    if not team and questions == []:
        read.refuse("questions", "no_questions")
    if not (draft.place.strip() or draft.video_link.strip()):
        read.refuse("place", "no_place")
    meeting: Data = {
        "start": local_start(start) if start is not None else None,
        "duration_min": duration,
        "place": read("place", text_field, draft.place, limits.SHORT, default=""),
        "video_link": read("video_link", link_field, draft.video_link, default=""),
        "questions": questions or [],
        "chair": _person(read, draft, "chair", required=True),
    }
    note_taker = _person(read, draft, "note", required=False)
    if note_taker:
        meeting["note_taker"] = note_taker
    return _lean(meeting)


def _person(read: _Reader, draft: CaseDraft, who: str, required: bool) -> Data:
    """The chair or the note taker (`who` is "chair" or "note")."""

    def value(name: str) -> str:
        return str(getattr(draft, f"{who}_{name}"))

    name = read(f"{who}_name", text_field, value("name"), limits.NAME, required, default="")
    person = _lean(
        {
            "name": name,
            "email": read(f"{who}_email", email_field, value("email"), default=""),
            "organisation": read(
                f"{who}_organisation", text_field, value("organisation"), limits.NAME, default=""
            ),
        }
    )
    if person and not name and f"{who}_name" not in dict(read.errors):
        read.refuse(f"{who}_name", "required")  # an e-mail with nobody to it
    return person


def _parties(
    read: _Reader,
    draft: CaseDraft,
    template: Template,
    start: datetime | None,
    duration: int | None,
) -> list[Data]:
    if not draft.parties:
        read.refuse("parties", "no_parties")
    typed = [p.key.strip() for p in draft.parties]
    out: list[Data] = []
    for i, party in enumerate(draft.parties):
        at = f"parties.{i}"
        key = read(f"{at}.key", key_field, party.key, default="")
        if key and typed.count(key) > 1:
            read.refuse(f"{at}.key", "key_twice", value=key)
        if not key:
            # Left empty: made from the kind, unlike any other party's.
            key = unique_key(party.kind or party.organisation, typed + [p["key"] for p in out])
        if party.kind not in template.roles:
            read.refuse(f"{at}.kind", "kind", choices=", ".join(template.roles))
        out.append(_party(read, at, party, key, start, duration))
    return out


def _party(
    read: _Reader,
    at: str,
    party: PartyDraft,
    key: str,
    start: datetime | None,
    duration: int | None,
) -> Data:
    window = read(f"{at}.window", parse_window, party.window, start, duration)
    return _lean(
        {
            "key": key,
            "organisation": read(
                f"{at}.organisation", text_field, party.organisation, limits.NAME, True, default=""
            ),
            "kind": party.kind,
            "person": read(f"{at}.person", text_field, party.person, limits.NAME, default=""),
            "email": read(f"{at}.email", email_field, party.email, default=""),
            "role": read(f"{at}.role", text_field, party.role, limits.ROLE, default=""),
            "summons": party.summons if party.summons in SUMMONS else "inbjuden",
            "presence_requested": party.requested or None,
            "window": _window(window),
            "brings": read(f"{at}.brings", text_field, party.brings, limits.SHORT, default=""),
        }
    )


def _window(window: tuple[int, int | None] | None) -> Data | None:
    if window is None:
        return None
    lo, hi = window
    return {"from_min": lo} if hi is None else {"from_min": lo, "until_min": hi}


def _known_keys(read: _Reader, name: str, text: str, keys: list[str]) -> list[str]:
    """The party keys typed in `text`; any that names no party is refused at `name`."""
    if contains_personnummer(text):
        read.refuse(name, "personnummer")
        return []
    wanted = split_keys(text)
    unknown = [k for k in wanted if k not in keys]
    if unknown:
        read.refuse(name, "unknown_keys", value=", ".join(unknown), choices=", ".join(keys) or "-")
    return [k for k in wanted if k in keys]


def _team_case(read: _Reader, at: str, case: TeamCaseDraft, keys: list[str], today: date) -> Data:
    data: Data = _lean(
        {
            "code": read(f"{at}.code", code_field, case.code, default=""),
            "kind": case.kind if case.kind in CASE_KINDS else "ny",
            "minutes": read(f"{at}.minutes", parse_minutes, case.minutes, 1, MAX_DURATION),
            "questions": read(
                f"{at}.questions", lines_field, case.questions, limits.TEXT, default=[]
            ),
            "needs": _known_keys(read, f"{at}.needs", case.needs, keys),
            "anonymised": case.anonymised or None,
        }
    )
    if not case.anonymised:
        scope = list(keys)
        if case.consent_scope.strip():
            scope = _known_keys(read, f"{at}.consent_scope", case.consent_scope, keys)
        # Written even when empty: a table says the person consented.
        data["consent"] = _lean(
            {
                "given": read(f"{at}.consent_given", parse_past_day, case.consent_given, today),
                "form": read(f"{at}.consent_form", text_field, case.consent_form, limits.SHORT),
                "scope": scope,
            }
        )
    name = read(f"{at}.person", text_field, case.person, limits.NAME, default="")
    if name and case.anonymised:
        read.refuse(f"{at}.person", "person_anonymised")
    elif name:
        data["person"] = {
            "name": name,
            "attends": case.person_attends,
            "wants_first_word": case.person_first,
        }
    return data


def check_field(
    draft: CaseDraft, name: str, template: Template, today: date, lang: str = "sv"
) -> str | None:
    """What is wrong with one field as the chair leaves it, or None.

    The whole draft is read and this field's first problem given, so a field is judged
    as saving would judge it (a window against the duration typed above it).
    """
    try:
        to_data(draft, template, today, lang)
    except DraftError as err:
        for found, message in err.errors:
            if found == name:
                return message
    return None
