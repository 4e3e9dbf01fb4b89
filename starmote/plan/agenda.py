"""A team session's agenda: each case's time, placed inside the windows of the parties it needs.

A STAR team session takes several cases in turn. Each case keeps its own minutes and the
opening and closing parts keep their template share of the session: nothing is stretched
to fill the booked time, so time to spare shows as an agenda that ends early.
Försäkringskassan and others may only be there for part of the session, so a case that
needs them is moved into their window, keeping the listed order otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from starmote.plan.model import MeetingPlan, Phase, TeamCase, Window
from starmote.record import Record, record


@record
class Slot(Record):
    """Where a case sits on the agenda, in minutes from the booked start."""

    case: str
    start_min: float
    end_min: float


@record
class WindowClash(Record):
    """A case that needs a party outside the party's window."""

    case: str
    party: str
    window: Window
    slot: Slot


@record
class Overbooked(Record):
    """The agenda (cases, opening and closing) needs more time than the session has."""

    agenda_minutes: int
    duration_min: int


def _bounds(case: TeamCase, windows: dict[str, Window]) -> tuple[float, float]:
    """The earliest start and latest end the windows of the needed parties allow."""
    release, deadline = 0.0, float("inf")
    for key in case.needs:
        window = windows.get(key)
        if window is None:
            continue
        release = max(release, float(window.from_min))
        if window.until_min is not None:
            deadline = min(deadline, float(window.until_min))
    return release, deadline


def place(
    cases: Sequence[TeamCase], windows: dict[str, Window], begin_min: float
) -> tuple[TeamCase, ...]:
    """The cases in agenda order: inside the needed parties' windows where they fit.

    At each point in time, of the cases whose parties have arrived, the one whose
    window closes first goes next; cases without a window keep the listed order.

    Args:
        cases: In the order the case file lists them.
        windows: Party key -> its window (parties without one are there throughout).
        begin_min: When the first case starts, in minutes from the booked start.

    Returns:
        The same cases, reordered.
    """
    left = list(enumerate(cases))
    order: list[TeamCase] = []
    now = begin_min
    while left:
        ready = [(i, c) for i, c in left if _bounds(c, windows)[0] <= now]
        if not ready:
            # Nobody needed by the remaining cases is here yet: take the one that can start first.
            ready = [min(left, key=lambda ic: (_bounds(ic[1], windows)[0], ic[0]))]
        i, case = min(ready, key=lambda ic: (_bounds(ic[1], windows)[1], ic[0]))
        left.remove((i, case))
        order.append(case)
        now += case.minutes  # the agenda has no gaps: the next case follows at once
    return tuple(order)


def case_phases(
    phases: Sequence[Phase], per_case: str, cases: Sequence[TeamCase], duration_min: int
) -> tuple[Phase, ...]:
    """The template's phases with its per-case phase repeated once per case, in the given order.

    A case's phase gets exactly the case's minutes (as a share of the session); the
    other phases keep their template shares.

    Args:
        phases: The template's phases.
        per_case: Key of the phase that repeats per case ("" for none).
        cases: In agenda order.
        duration_min: The booked length of the session.

    Returns:
        The expanded phases.
    """
    case_share = {c.code: 100.0 * c.minutes / duration_min for c in cases}
    out: list[Phase] = []
    for phase in phases:
        if phase.key != per_case:
            out.append(phase)
            continue
        for case in cases:
            out.append(
                replace(
                    phase,
                    key=f"{phase.key}-{case.code}",
                    title_sv=f"Ärende {case.code}",
                    title_en=f"Case {case.code}",
                    share=case_share[case.code],
                    floor_share=0.0,
                    turns="round",
                    case_code=case.code,
                )
            )
    return tuple(out)


def slots(plan: MeetingPlan) -> tuple[Slot, ...]:
    """Each case's place on the plan's agenda, from the phases' budgets."""
    out = []
    start = 0.0
    for phase, seconds in zip(plan.phases, plan.phase_budgets(), strict=True):
        end = start + seconds / 60
        if phase.case_code:
            out.append(Slot(phase.case_code, start, end))
        start = end
    return tuple(out)


def window_clashes(plan: MeetingPlan) -> tuple[WindowClash, ...]:
    """Cases placed (partly) outside the window of a party they need."""
    windows = {p.key: p.window for p in plan.parties if p.window is not None}
    clashes = []
    for slot in slots(plan):
        case = plan.team_case(slot.case)
        for key in case.needs:
            window = windows.get(key)
            if window is None:
                continue
            late = window.until_min is not None and slot.end_min > window.until_min + 1e-6
            if slot.start_min + 1e-6 < window.from_min or late:
                clashes.append(WindowClash(case.code, key, window, slot))
    return tuple(clashes)


def overbooked(plan: MeetingPlan) -> Overbooked | None:
    """Whether the agenda runs past the booked end."""
    seconds = sum(plan.phase_budgets())
    if seconds > plan.duration_s:
        return Overbooked(round(seconds / 60), plan.duration_min)
    return None


def reorder(plan: MeetingPlan, order: Sequence[str]) -> tuple[Phase, ...]:
    """The plan's phases with the case phases in `order` (case codes), the others in place.

    Raises:
        ValueError: `order` is not a permutation of the plan's case codes.
    """
    current = [p for p in plan.phases if p.case_code]
    by_code = {p.case_code: p for p in current}
    if sorted(order) != sorted(by_code):
        raise ValueError("not a permutation of the cases")
    queue = iter([by_code[code] for code in order])
    return tuple(next(queue) if p.case_code else p for p in plan.phases)
