"""Time rules: budgets, remaining time, projected end and rebalancing.

Pure functions of a `MeetingState` and a meeting offset `t` (seconds since
the meeting opened, from the monotonic clock). Nothing here counts ticks.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from starmote.engine.state import MeetingState
from starmote.record import Record, record


def elapsed(state: MeetingState, t: float) -> float:
    """Seconds since the meeting opened (pauses included: the room's clock runs)."""
    end = state.closed.t if state.closed else t
    return max(0.0, end - state.opened.t)


def phase_used(state: MeetingState, index: int, t: float) -> float:
    """Active seconds spent in phase `index` by offset `t`."""
    return state.phases[index].used_at(t, state.paused_at)


def phase_remaining(state: MeetingState, t: float) -> float | None:
    """Seconds left of the current phase (negative when over), or None if no phase."""
    if state.phase is None:
        return None
    return state.phases[state.phase].budget - phase_used(state, state.phase, t)


def turn_remaining(state: MeetingState, t: float) -> float | None:
    """Seconds left of the current turn (negative when over), or None if nobody has the word."""
    if state.turn is None:
        return None
    return state.turn.remaining(t, state.paused_at)


def turn_budget(state: MeetingState, t: float, speakers_left: int) -> float:
    """Budget for a turn starting now: what remains of the phase ÷ speakers still to come."""
    remaining = phase_remaining(state, t) or 0.0
    return max(0.0, remaining) / max(1, speakers_left)


def projected_end(state: MeetingState, t: float) -> float:
    """Offset at which the meeting ends if every remaining part keeps its budget.

    An overrunning part adds nothing more (its overrun is already in `t`); a
    pause pushes the end out for as long as it lasts.
    """
    if state.closed:
        return state.closed.t
    remaining = 0.0
    for index, clock in enumerate(state.phases):
        if clock.done:
            continue
        remaining += max(0.0, clock.budget - phase_used(state, index, t))
    return t + remaining


def wall_at(state: MeetingState, offset: float) -> datetime:
    """The wall time (aware UTC) at meeting offset `offset`."""
    return state.opened.wall + timedelta(seconds=offset - state.opened.t)


def booked_end_wall(state: MeetingState) -> datetime:
    """The booked end (aware, in the plan's zone)."""
    return state.plan.end


@record
class RebalanceProposal(Record):
    """New budgets for the parts, and why each got what it got."""

    budgets: tuple[float, ...]
    """A budget per phase in seconds: whole minutes for the parts still to come (what the
    dialog shows is exactly what is applied), the part under way takes up the rounding;
    finished parts keep theirs."""
    pro_rata: tuple[float, ...]
    """What each part would get by its share alone, before any floor (seconds)."""
    floored: tuple[int, ...] = ()
    """Parts held at their floor: they get more than pro rata, and the others less."""


def propose_rebalance(state: MeetingState, t: float) -> tuple[float, ...]:
    """New budgets so the remaining parts fit before the booked end (see `rebalance_proposal`).

    Returns:
        A budget per phase (seconds, whole minutes for the open parts); finished parts keep theirs.
    """
    return rebalance_proposal(state, t).budgets


def rebalance_proposal(state: MeetingState, t: float) -> RebalanceProposal:
    """New budgets so the remaining parts fit before the booked end.

    The time left is shared among the current part's remainder and the
    parts still to come, in proportion to the share each has not used yet. A part with a
    floor (Behov) is never cut below it; if the floors alone do not fit,
    they still hold and the projected end shows the overrun. The parts still to come get
    whole minutes, rounded so that together they make the (rounded) time shared out; the
    part under way takes up what rounding left, so they fit the booked end exactly.

    Args:
        state: The meeting.
        t: The meeting offset now.

    Returns:
        The proposal: budgets per phase, what pro rata alone would give, and which
        parts their floor holds.
    """
    plan = state.plan
    budgets = [clock.budget for clock in state.phases]
    open_parts = [i for i, clock in enumerate(state.phases) if not clock.done]
    if not open_parts:
        return RebalanceProposal(tuple(budgets), tuple(budgets))
    used = {i: phase_used(state, i, t) for i in open_parts}
    time_left = max(0.0, state.booked_end - t)
    floors = {i: plan.duration_s * plan.phases[i].floor_share / 100 for i in open_parts}
    # A part claims the share of its budget it has not used yet (a part that
    # is already over claims nothing more). A part held at its floor is fixed;
    # the others share what is left.
    claim = {
        i: plan.phases[i].share * max(0.0, 1 - used[i] / budgets[i]) if budgets[i] else 0.0
        for i in open_parts
    }
    fixed: dict[int, float] = {}
    first: dict[int, float] | None = None
    while True:
        free = [i for i in open_parts if i not in fixed]
        pool = time_left - sum(max(0.0, fixed[i] - used[i]) for i in fixed)
        weight = sum(claim[i] for i in free)
        proposal = {
            i: used[i] + (max(0.0, pool) * claim[i] / weight if weight else 0.0) for i in free
        }
        first = first if first is not None else dict(proposal)
        below = [i for i in free if proposal[i] < floors[i]]
        if not below:
            break
        for i in below:
            fixed[i] = floors[i]
    proposal.update(fixed)
    whole = _whole_minutes(proposal, {i: floors[i] if i in fixed else 0.0 for i in open_parts})
    current = state.phase
    if current in proposal and current not in fixed:
        # The part under way takes up the rounding, so the parts still fit the time left
        # exactly: what it has used is no whole number of minutes anyway.
        others = sum(whole[i] for i in open_parts if i != current)
        exact = sum(proposal.values())
        whole[current] = float(round(max(exact - others, floors[current])))
    pro_rata = list(budgets)
    for i in open_parts:
        budgets[i] = whole[i]
        pro_rata[i] = first.get(i, proposal[i])
        if plan.team_cases:
            # A team session's agenda may end early; rebalancing only ever cuts, so a case
            # never grows past the minutes it was given.
            budgets[i] = min(budgets[i], state.phases[i].budget)
    return RebalanceProposal(tuple(budgets), tuple(pro_rata), tuple(sorted(fixed)))


def _whole_minutes(seconds: dict[int, float], floors: dict[int, float]) -> dict[int, float]:
    """`seconds` as whole minutes that add up to their rounded total (largest remainder).

    A part at its floor gets the floor rounded up, so rounding never takes it below.
    """
    out = {i: float(math.ceil(floors[i] / 60 - 1e-9) * 60) for i in seconds if floors[i]}
    rest = {i: v / 60 for i, v in seconds.items() if i not in out}
    target = round(sum(rest.values()))
    minutes = {i: math.floor(v) for i, v in rest.items()}
    short = target - sum(minutes.values())
    for i in sorted(rest, key=lambda i: (minutes[i] - rest[i], i))[: max(0, short)]:
        minutes[i] += 1
    out.update({i: float(m * 60) for i, m in minutes.items()})
    return out


def booked_start(state: MeetingState) -> float:
    """The meeting offset of the booked start (party windows count from it)."""
    return state.booked_end - state.plan.duration_s


def window_left(state: MeetingState, party: str, t: float) -> float | None:
    """Seconds until `party`'s window ends (negative once it has), or None without an end."""
    window = state.plan.party(party).window
    if window is None or window.until_min is None:
        return None
    return booked_start(state) + window.until_min * 60 - t


def windows_ending(state: MeetingState, t: float, lead_s: float) -> tuple[tuple[str, float], ...]:
    """Parties here whose window ends within `lead_s` seconds or has ended: (party, seconds left).

    Args:
        state: The meeting.
        t: The meeting offset now.
        lead_s: How long before the end to start saying so (5 minutes by default in settings).

    Returns:
        In plan order; the seconds left are negative for a window that has ended.
    """
    out = []
    for att in state.attendance:
        if not att.here:
            continue
        left = window_left(state, att.party, t)
        if left is not None and left <= lead_s:
            out.append((att.party, left))
    return tuple(out)
