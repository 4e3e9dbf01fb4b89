"""Writing case files: a plan (or a form's data) as TOML a person can read and edit.

Every value is formatted by tomli-w, so quoting and escaping are its; the layout is
ours, in the order of the README's example: `[case]`, `[individual]`, `[meeting]`
with its chair and note taker, `[consent]`, one `[[parties]]` per party in speaking
order, `[[team_cases]]`, and last `[previous]` for a follow-up. tomli-w alone would
write a short party as an inline table and a long one as a table, and move a table's
sub-tables around; a file that changes shape with the length of a name is hard to edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import tomli_w

from starmote.dates import wall_clock_problem
from starmote.plan.model import (
    INDIVIDUAL,
    STOCKHOLM,
    Consent,
    MeetingPlan,
    Party,
    Person,
    Previous,
    TeamCase,
)

Data = dict[str, Any]
"""A case file's content as `tomllib` reads it: tables, arrays, strings, dates."""


# --- from a plan ---------------------------------------------------------------------


def local_start(start: datetime) -> datetime:
    """How a start is written: local Stockholm time, with its offset only when it is ambiguous.

    Args:
        start: An aware start.

    Returns:
        A naive local datetime, or an aware one for a time the autumn change repeats.
    """
    local = start.astimezone(STOCKHOLM)
    if wall_clock_problem(local) == "fold":
        return local  # only the offset says which of the two 02:30s is meant
    return local.replace(tzinfo=None)


def _person(person: Person) -> Data:
    return _lean({"name": person.name, "email": person.email, "organisation": person.organisation})


def _consent(consent: Consent) -> Data:
    return _lean(
        {
            "given": consent.given,
            "form": consent.form,
            "scope": list(consent.scope),
            "not_shared": list(consent.not_shared),
            "valid_until": consent.valid_until,
            "exclude": [{"party": e.party, "category": e.category} for e in consent.exclude],
        }
    )


def _party(party: Party) -> Data:
    window = None
    if party.window is not None:
        window = {"from_min": party.window.from_min}
        if party.window.until_min is not None:
            window["until_min"] = party.window.until_min
    return _lean(
        {
            "key": party.key,
            "organisation": party.organisation,
            "kind": party.kind,
            "person": party.person,
            "email": party.email,
            "role": party.role,
            "summons": party.summons,
            "presence_requested": party.presence_requested or None,
            "window": window,
            "brings": party.brings,
        }
    )


def _team_case(case: TeamCase) -> Data:
    person = None
    if case.person is not None:
        person = {
            "name": case.person.name,
            "attends": case.person.attends,
            "wants_first_word": case.person.wants_first_word,
        }
    data = _lean(
        {
            "code": case.code,
            "kind": case.kind,
            "minutes": case.minutes,
            "questions": list(case.questions),
            "needs": list(case.needs),
            "anonymised": case.anonymised or None,
        }
    )
    if case.consent is not None:
        data["consent"] = _consent(case.consent)  # even empty: it says consent was given
    if person is not None:
        data["person"] = person
    return data


def previous_data(previous: Previous) -> Data:
    """The `[previous]` table of a follow-up's case file."""
    return _lean(
        {
            "meeting": previous.meeting,
            "date": previous.date,
            "goals": [
                _lean(
                    {"horizon": g.horizon, "text": g.text, "case": g.case, "category": g.category}
                )
                for g in previous.goals
            ],
            "insatser": [
                _lean(
                    {
                        "what": a.what,
                        "owner": a.owner,
                        "owner_name": a.owner_name,
                        "due": a.due,
                        "how_often": a.how_often,
                        "case": a.case,
                        "category": a.category,
                    }
                )
                for a in previous.insatser
            ],
            "parked": [
                _lean(
                    {
                        "text": p.text,
                        "for_party": p.for_party,
                        "for_name": p.for_name,
                        "case": p.case,
                    }
                )
                for p in previous.parked
            ],
            "open_questions": [
                _lean(
                    {
                        "text": q.text,
                        "status": q.status if q.status != "open" else "",
                        "reason": q.reason,
                        "case": q.case,
                    }
                )
                for q in previous.open_questions
            ],
        }
    )


def case_data(plan: MeetingPlan, template: str | None = None) -> Data:
    """The case file that gives `plan` again when loaded.

    Args:
        plan: A plan loaded from a case file (or built by the form).
        template: What to write as `template` (a key or a path); the plan's key by default.

    Returns:
        The file's content, ready for `dumps`.
    """
    data: Data = {
        "case": _lean(
            {
                "code": plan.case_code,
                "template": template or plan.template_key,
                "language": plan.language,
            }
        )
    }
    me = next((p for p in plan.parties if p.key == INDIVIDUAL), None)
    if me is not None or plan.individual.name:
        data["individual"] = _lean(
            {
                "name": plan.individual.name,
                "wants_first_word": plan.individual.wants_first_word,
                "contact_note": plan.individual.contact_note,
            }
        )
    meeting: Data = {
        "start": local_start(plan.start),
        "duration_min": plan.duration_min,
        "place": plan.place,
        "video_link": plan.video_link,
        "questions": list(plan.questions),
        "chair": _person(plan.chair),
    }
    if plan.note_taker is not None:
        meeting["note_taker"] = _person(plan.note_taker)
    data["meeting"] = _lean(meeting)
    if plan.consent != Consent() and not plan.team_cases:
        data["consent"] = _consent(plan.consent)
    # The individual and a team case's person are made from [individual] and the case.
    data["parties"] = [_party(p) for p in plan.parties if not p.is_individual]
    if plan.team_cases:
        data["team_cases"] = [_team_case(case) for case in plan.team_cases]
    if plan.previous is not None:
        data["previous"] = previous_data(plan.previous)
    return data


def _lean(table: Data) -> Data:
    """`table` without its empty values: a field left out is the field's default."""
    return {k: v for k, v in table.items() if v not in (None, "", [], {})}


# --- to text --------------------------------------------------------------------------


def _literal(value: Any) -> str:
    """One TOML value as tomli-w writes it (`"text"`, `90`, `true`, `2026-12-03`)."""
    if isinstance(value, datetime):
        # tomli-w writes a space between date and time; the README and the samples use T.
        return value.isoformat(timespec="seconds")
    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def _inline(value: Any) -> str:
    """A value on one line: arrays as `[a, b]`, tables as `{ k = v, … }`."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _literal(value)


def _key(name: str) -> str:
    # The field names are bare keys; tomli-w decides for anything else.
    return (
        name
        if name.replace("_", "").replace("-", "").isalnum() and name.isascii()
        else _literal(name)
    )


WIDTH = 88
"""An array of texts longer than this on one line is written one text per line."""


def _line(name: str, value: Any) -> str:
    """`name = value`; a long array of texts one per line, as the samples write them."""
    line = f"{_key(name)} = {_inline(value)}"
    if isinstance(value, list) and len(value) > 1 and len(line) > WIDTH:
        inner = "".join(f"    {_inline(v)},\n" for v in value)
        return f"{_key(name)} = [\n{inner}]"
    return line


def _table(header: str, table: Data, skip: Iterable[str] = ()) -> list[str]:
    lines = [header]
    lines += [_line(k, v) for k, v in table.items() if k not in skip]
    return lines


def dumps(data: Data) -> str:
    """The text of a case file, laid out as the README shows one.

    Args:
        data: As made by `case_data` or the form: tables and arrays of tables in the
            case file's format; empty values are left out.

    Returns:
        TOML text ending in a newline.
    """
    blocks: list[list[str]] = []
    for name in ("case", "individual"):
        if name in data:
            blocks.append(_table(f"[{name}]", data[name]))
    if "meeting" in data:
        meeting = data["meeting"]
        blocks.append(_table("[meeting]", meeting, skip=("chair", "note_taker")))
        for person in ("chair", "note_taker"):
            if person in meeting:
                blocks.append(_table(f"[meeting.{person}]", meeting[person]))
    if "consent" in data:
        blocks.append(_table("[consent]", data["consent"]))
    for name in ("parties", "team_cases"):
        for item in data.get(name, ()):
            blocks.append(_table(f"[[{name}]]", item))
    if "previous" in data:
        previous = data["previous"]
        arrays = ("goals", "insatser", "parked", "open_questions")
        blocks.append(_table("[previous]", previous, skip=arrays))
        for name in arrays:
            for item in previous.get(name, ()):
                blocks.append(_table(f"[[previous.{name}]]", item))
    known = {"case", "individual", "meeting", "consent", "parties", "team_cases", "previous"}
    for name in data:
        if name not in known:
            raise ValueError(f"not a case file table: {name}")
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
