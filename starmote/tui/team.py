"""A team session on screen: case facts, agenda times, case choices, names kept out (no Textual)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.engine.allowed import allows
from starmote.engine.state import MeetingState
from starmote.i18n import t
from starmote.plan.model import MeetingPlan, TeamCase


def short_party(plan: MeetingPlan, key: str) -> str:
    """A party by its unit, for a line that names several: "AME", "Vuxenpsykiatrin".

    "Exempelby kommun, AME" has two kommun parties in one team; the unit after the
    comma tells them apart where the full name would not fit.
    """
    if not plan.has_party(key):
        return key
    party = plan.party(key)
    if party.is_individual:
        return plan.label_of(key)
    head, _, unit = party.organisation.partition(",")
    unit = unit.strip()
    if unit:
        return unit[:1].upper() + unit[1:]
    return head.strip() or party.person or key


def kind_text(case: TeamCase, lang: str) -> str:
    """ "ny aktualisering", "uppföljning" or "konsultation"."""
    return t(f"team.kind.{case.kind}", lang)


def case_label(case: TeamCase, lang: str) -> str:
    """ "T-01 uppföljning": how a case is named in a choice or a heading."""
    return f"{case.code} {kind_text(case, lang)}"


def cases_in_order(state: MeetingState) -> tuple[TeamCase, ...]:
    """The team cases in agenda order (as moved), not as the case file lists them."""
    plan = state.plan
    return tuple(plan.team_case(p.case_code) for p in plan.phases if p.case_code)


# --- the agenda's clock times ----------------------------------------------------


@dataclass(frozen=True)
class AgendaRow:
    """One part of the session with its clock times (taken, running, or planned from now)."""

    index: int
    """The phase's index."""
    case: str
    """The team case's code; "" for the opening and closing parts."""
    start: datetime
    end: datetime
    """Aware (UTC); a part still to come ends when its budget says, from the projected start."""
    budget_s: float
    done: bool
    current: bool


def agenda_rows(state: MeetingState, t: float) -> tuple[AgendaRow, ...]:
    """Every part with when it ran or is expected to run.

    Before the start the agenda runs from the booked start; once it runs, a finished
    part shows when it was held and what is left follows on from now.

    Args:
        state: The meeting (its phases in agenda order, with their budgets).
        t: The meeting offset now.

    Returns:
        One row per phase, in order.
    """
    rows = []
    at = timing.booked_start(state) if state.status == "open" else t
    for i, (phase, clock) in enumerate(zip(state.plan.phases, state.phases, strict=True)):
        if clock.done and clock.began is not None:
            start, end = clock.began, clock.ended if clock.ended is not None else clock.began
        elif i == state.phase and clock.began is not None:
            start = clock.began
            end = t + max(0.0, clock.budget - timing.phase_used(state, i, t))
        else:
            start, end = at, at + clock.budget
        if not clock.done:
            at = end
        rows.append(
            AgendaRow(
                index=i,
                case=phase.case_code,
                start=timing.wall_at(state, start),
                end=timing.wall_at(state, end),
                budget_s=clock.budget,
                done=clock.done,
                current=i == state.phase,
            )
        )
    return tuple(rows)


def window_wall(state: MeetingState, key: str) -> tuple[datetime, datetime | None] | None:
    """A party's time window as clock times (from the booked start), or None without one."""
    window = state.plan.party(key).window
    if window is None:
        return None
    start = state.plan.start + timedelta(minutes=window.from_min)
    if window.until_min is None:
        return start, None
    return start, state.plan.start + timedelta(minutes=window.until_min)


# --- the case taken up now --------------------------------------------------------


def current_team_case(state: MeetingState) -> TeamCase | None:
    """The team case being taken up now, or None (a SIP meeting, or between cases)."""
    if not state.plan.is_team_session or not state.current_case:
        return None
    return state.plan.team_case(state.current_case)


def needed_away(state: MeetingState, case: TeamCase) -> tuple[str, ...]:
    """The parties the case needs that are not here now, in the case file's order."""
    return tuple(
        key for key in case.needs if state.plan.has_party(key) and not state.attendance_of(key).here
    )


def is_anonymised(state: MeetingState, case: str) -> bool:
    """Whether `case` (a code; "" is the team) is a team case taken up without names."""
    if not case or not state.plan.is_team_session:
        return False
    try:
        return state.plan.team_case(case).anonymised
    except KeyError:
        return False


# --- which case an entry is for ----------------------------------------------------


def case_choices(
    state: MeetingState, make: Callable[[str], c.Command], lang: str
) -> tuple[tuple[str, str], ...]:
    """The cases an entry may be for, as the engine allows them, for a form's choice field.

    Args:
        state: The meeting.
        make: Builds the command for a case code ("" is the team itself); the engine
            is asked about it, so a kind of entry that needs a case never offers the team.
        lang: UI language.

    Returns:
        (code, label) in agenda order, then ("", "Teamet (inget ärende)") where allowed.
    """
    choices = [
        (case.code, case_label(case, lang))
        for case in cases_in_order(state)
        if allows(state, make(case.code))
    ]
    if allows(state, make("")):
        choices.append(("", t("tui.team.the_team", lang)))
    return tuple(choices)


def asks_for_case(state: MeetingState, correcting: bool) -> bool:
    """Whether a capture form asks which case: in a team session outside a case, or correcting."""
    return state.plan.is_team_session and (correcting or not state.current_case)


# --- no names in an anonymised case -------------------------------------------------


def names_in_case_file(plan: MeetingPlan) -> tuple[str, ...]:
    """Every person's name the case file holds: parties, chair, note taker, the cases' people."""
    names = [p.person for p in plan.parties]
    names += [plan.chair.name, plan.note_taker.name if plan.note_taker else ""]
    names += [case.person.name for case in plan.team_cases if case.person is not None]
    names.append(plan.individual.name)
    return tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def anonymised_reminder(state: MeetingState, fields: Iterable[Any], lang: str) -> str:
    """The reminder a form shows when what it stores may be about an anonymised case.

    Args:
        state: The meeting.
        fields: The form's fields; a choice of case names the cases it may be for.
        lang: UI language.

    Returns:
        "" when no anonymised case is concerned.
    """
    if is_anonymised(state, state.current_case):
        return t("tui.form.anonymised", lang, case=state.current_case)
    for field in fields:
        if field.name != "case":
            continue
        codes = [code for code, _ in field.choices if is_anonymised(state, code)]
        if codes:
            return t("tui.form.anonymised_choice", lang, cases=", ".join(codes))
    return ""


def names_question(names: list[str], lang: str) -> str:
    """The question asked before names are stored in an anonymised case, each name quoted.

    Quoted, a name ending in a full stop ("Robin K.") does not run into the sentence's own.

    Args:
        names: The names found (at least one).
        lang: UI language.

    Returns:
        "Texten innehåller namnet ”Robin K.”. Spara ändå?" and the like.
    """
    quoted = [t("tui.form.name_quoted", lang, name=name) for name in names]
    listed = (
        quoted[0]
        if len(quoted) == 1
        else t("tui.list.and", lang, most=", ".join(quoted[:-1]), last=quoted[-1])
    )
    key = "tui.form.names_one" if len(names) == 1 else "tui.form.names_many"
    return t(key, lang, names=listed)


TYPED = ("text", "what", "how_often")
"""The fields of a capture command that hold what the chair typed."""


def _typed(command: c.Command) -> Iterable[str]:
    for name in TYPED:
        value = getattr(command, name, None)
        if isinstance(value, str) and value:
            yield value


def names_written(state: MeetingState, commands: Iterable[c.Command]) -> list[str]:
    """The names from the case file typed into an entry for an anonymised case.

    Args:
        state: The meeting.
        commands: What a form is about to store (a correction is looked at through
            its replacement).

    Returns:
        The names found, each once; empty when no entry is for an anonymised case.
    """
    from starmote.privacy import find_names  # only when a form is saved

    found: list[str] = []
    names = names_in_case_file(state.plan)
    for command in commands:
        if isinstance(command, c.Correct):
            command = command.replacement
        if not hasattr(command, "case"):
            continue
        if not is_anonymised(state, state.case_of(getattr(command, "case", None))):
            continue
        for text in _typed(command):
            found += [name for name in find_names(text, names) if name not in found]
    return found
