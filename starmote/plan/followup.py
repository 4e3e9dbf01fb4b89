"""A case file's `[previous]` table: what a follow-up carries from the meeting before it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from starmote.plan import limits
from starmote.plan.fields import KEY_RE, Checker, show
from starmote.plan.model import (
    CONSENT_CATEGORIES,
    HORIZONS,
    INDIVIDUAL,
    OPEN_STATUSES,
    MeetingPlan,
    Previous,
    PreviousAction,
    PreviousGoal,
    PreviousParked,
    PreviousQuestion,
)
from starmote.plan.toml_source import FieldPath

MEETING_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,120}$")
"""A journal id as `new_meeting_id` makes them (date, time, case code, suffix)."""

_PREVIOUS = {"meeting", "date", "goals", "insatser", "parked", "open_questions"}
_GOAL = {"horizon", "text", "case", "category"}
_ACTION = {"what", "owner", "owner_name", "due", "how_often", "case", "category"}
_PARKED = {"text", "for_party", "for_name", "case"}
_QUESTION = {"text", "status", "case", "reason"}


def check_previous(
    c: Checker, data: dict[str, Any], start: datetime | None
) -> tuple[bool, Previous | None]:
    """Read `[previous]`, reporting every problem on `c`.

    Args:
        c: The case file's checker.
        data: The whole parsed case file.
        start: The meeting's booked start, if it was valid (the previous meeting is before it).

    Returns:
        (ok, previous): ok is False when something was reported; previous is None when the
        table is absent or wrong.
    """
    table = c.table(data, (), "previous", required=False)
    if table is None:
        return "previous" not in data, None
    before = len(c.problems)
    path: FieldPath = ("previous",)
    c.unknown_keys(table, path, _PREVIOUS)
    meeting = c.text(table, path, "meeting", required=True)
    if meeting and not MEETING_ID_RE.match(meeting):
        c.report(path + ("meeting",), "formats.previous_bad_id", value=show(meeting))
    held = c.day(table, path, "date")
    if held is None and "date" not in table:
        c.report(path + ("date",), "formats.missing_field")
    if held is not None and start is not None and held >= start.date():
        c.report(path + ("date",), "formats.previous_after", held=held, meeting=start.date())
    goals = [_goal(c, t, path + ("goals", i)) for i, t in _items(c, table, path, "goals")]
    actions = [_action(c, t, path + ("insatser", i)) for i, t in _items(c, table, path, "insatser")]
    parked = [_parked(c, t, path + ("parked", i)) for i, t in _items(c, table, path, "parked")]
    questions = [
        _question(c, t, path + ("open_questions", i))
        for i, t in _items(c, table, path, "open_questions")
    ]
    if len(c.problems) > before or meeting is None or held is None:
        return False, None
    return True, Previous(
        meeting=meeting,
        date=held,
        goals=tuple(g for g in goals if g is not None),
        insatser=tuple(a for a in actions if a is not None),
        parked=tuple(p for p in parked if p is not None),
        open_questions=tuple(q for q in questions if q is not None),
    )


def _items(
    c: Checker, table: dict[str, Any], path: FieldPath, name: str
) -> list[tuple[int, dict[str, Any]]]:
    """The tables of the array `name`, each with its index in the file."""
    value = table.get(name)
    tables = c.tables(table, path, name, required=False)
    if not isinstance(value, list):
        return []
    indexed = [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]
    return indexed if len(indexed) == len(tables) else []


def _case(c: Checker, table: dict[str, Any], path: FieldPath) -> str | None:
    value = c.text(table, path, "case", limit=40)
    return value.strip() if value is not None else None


def _goal(c: Checker, table: dict[str, Any], path: FieldPath) -> PreviousGoal | None:
    c.unknown_keys(table, path, _GOAL)
    horizon = c.choice(table, path, "horizon", HORIZONS, default=None)
    text = c.text(table, path, "text", required=True, limit=limits.TEXT)
    case = _case(c, table, path)
    category = _category(c, table, path)
    if horizon is None or text is None or case is None or category is None:
        return None
    return PreviousGoal(horizon=horizon, text=text, case=case, category=category)


def _category(c: Checker, table: dict[str, Any], path: FieldPath) -> str | None:
    """The consent mark an item carries from the meeting that agreed it ("" for none)."""
    return c.choice(table, path, "category", CONSENT_CATEGORIES, default="")


def _owner(c: Checker, table: dict[str, Any], path: FieldPath, name: str) -> str | None:
    value = c.text(table, path, name, required=True)
    if value is not None and not KEY_RE.match(value):
        c.report(path + (name,), "formats.bad_key", value=show(value))
        return None
    return value


def _action(c: Checker, table: dict[str, Any], path: FieldPath) -> PreviousAction | None:
    c.unknown_keys(table, path, _ACTION)
    what = c.text(table, path, "what", required=True, limit=limits.TEXT)
    owner = _owner(c, table, path, "owner")
    owner_name = c.text(table, path, "owner_name", limit=limits.NAME)
    due = c.day(table, path, "due")
    how_often = c.text(table, path, "how_often", limit=limits.SHORT)
    case = _case(c, table, path)
    category = _category(c, table, path)
    if None in (what, owner, owner_name, how_often, case, category):
        return None
    return PreviousAction(
        what=what or "",
        owner=owner or "",
        owner_name=owner_name or "",
        due=due,
        how_often=how_often or "",
        case=case or "",
        category=category or "",
    )


def _parked(c: Checker, table: dict[str, Any], path: FieldPath) -> PreviousParked | None:
    c.unknown_keys(table, path, _PARKED)
    text = c.text(table, path, "text", required=True, limit=limits.TEXT)
    for_party = _owner(c, table, path, "for_party")
    for_name = c.text(table, path, "for_name", limit=limits.NAME)
    case = _case(c, table, path)
    if None in (text, for_party, for_name, case):
        return None
    return PreviousParked(
        text=text or "", for_party=for_party or "", for_name=for_name or "", case=case or ""
    )


def _question(c: Checker, table: dict[str, Any], path: FieldPath) -> PreviousQuestion | None:
    c.unknown_keys(table, path, _QUESTION)
    text = c.text(table, path, "text", required=True, limit=limits.TEXT)
    status = c.choice(table, path, "status", OPEN_STATUSES, default="open")
    reason = c.text(table, path, "reason", limit=limits.TEXT)
    case = _case(c, table, path)
    if text is None or status is None or case is None or reason is None:
        return None
    return PreviousQuestion(text=text, status=status, case=case, reason=reason)


def previous_warnings(c: Checker, plan: MeetingPlan) -> list[Any]:
    """What in `[previous]` the chair should look at; the file stays valid.

    An insats whose owner no longer takes part is still reviewed (under the name it
    had), and so is a parked question for a party not called this time; an item of a
    team case not on today's list waits for a session that takes the case up again.

    Returns:
        The warnings (also recorded on `c`).
    """
    previous = plan.previous
    if previous is None:
        return []
    before = len(c.problems)
    keys = {p.key for p in plan.parties} | {INDIVIDUAL}
    codes = {case.code for case in plan.team_cases}
    for i, action in enumerate(previous.insatser):
        if action.owner not in keys:
            c.warn(
                ("previous", "insatser", i, "owner"),
                "formats.previous_owner_absent",
                owner=action.owner_name or action.owner,
            )
    for i, parked in enumerate(previous.parked):
        if parked.for_party not in keys:
            c.warn(
                ("previous", "parked", i, "for_party"),
                "formats.previous_owner_absent",
                owner=parked.for_name or parked.for_party,
            )
    items: list[tuple[str, int, str]] = [
        *(("goals", i, g.case) for i, g in enumerate(previous.goals)),
        *(("insatser", i, a.case) for i, a in enumerate(previous.insatser)),
        *(("parked", i, p.case) for i, p in enumerate(previous.parked)),
        *(("open_questions", i, q.case) for i, q in enumerate(previous.open_questions)),
    ]
    for name, i, case in items:
        if case and case not in codes:
            c.warn(("previous", name, i, "case"), "formats.previous_case_absent", case=case)
    return c.problems[before:]
