"""What each party's attendance came to, read from the folded state: the one definition.

History, summaries and (later) the minutes take a party's outcome from here, so
they cannot disagree. Everything is derived from `MeetingState.attendance` (where
each party stands at the end, and its log of changes) and the meeting's clocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from starmote.record import Record, record

if TYPE_CHECKING:  # only for hints: history reads the labels without loading the engine
    from starmote.engine.state import Attendance, MeetingState, Mode

Outcome = Literal[
    "present",
    "late",
    "left_early",
    "dropped",
    "substitute",
    "absent_notified",
    "absent_unnotified",
    "not_recorded",
]
OUTCOMES: tuple[Outcome, ...] = (
    "present",
    "late",
    "left_early",
    "dropped",
    "substitute",
    "absent_notified",
    "absent_unnotified",
    "not_recorded",
)
"""Every outcome, in the order tables and the CSV show them."""

ATTENDED: frozenset[str] = frozenset({"present", "late", "left_early", "dropped", "substitute"})
ABSENT: frozenset[str] = frozenset({"absent_notified", "absent_unnotified"})


@record
class PartyOutcome(Record):
    """How one party took part in one meeting: one label and the facts behind it.

    Carries no names: a stand-in is only a flag here.
    """

    party: str
    outcome: Outcome
    """The one label a count uses (see `party_outcome` for the order of precedence)."""
    mode: Mode | None
    """How it took part at the end (its last line); None when it did not take part."""
    late: bool
    """It (or its stand-in) arrived after the first part had started."""
    substitute: bool
    """A stand-in took part instead of the party's own officer."""
    left_early: bool
    """It was gone at the end, having left before its booked time was up."""
    dropped: bool
    """Its line broke and it did not come back."""
    drops: int
    """How often its line broke (rejoined or not)."""
    notified: bool | None
    """For an absent party: whether it sent word; None otherwise."""
    present_s: float | None
    """Seconds present between the first part's start and the close; None until closed."""
    booked_s: float
    """Seconds it was booked for: its window within the meeting, else the whole meeting."""
    due_s: float | None = None
    """Seconds of its booked span while the meeting was held (first part to close); None
    until closed. A meeting that began late or ended early asked less of everyone."""
    present_due_s: float | None = None
    """Seconds of `due_s` it was present: the share of booked time present is this / that."""
    cases_total: int = 0
    """In a team session: the cases taken up that it belonged in (a case's person: its own)."""
    cases_present: int = 0
    """Of those, the cases it was there for (at any time while each was discussed)."""


def _booked(state: MeetingState, party: str) -> tuple[float, float]:
    """The party's booked span as meeting offsets (its window, else the booked meeting).

    A team case's person is due for their own case only: while it was discussed, else
    for the minutes it was given.
    """
    from starmote.engine.presence import case_window

    plan = state.plan
    bound = plan.party(party).case
    if bound:
        taken = case_window(state, bound)
        if taken is None:
            return 0.0, 0.0
        began, ended = taken
        # Under way: its planned minutes from when it began.
        return began, ended if ended is not None else began + plan.team_case(bound).minutes * 60
    start = state.booked_end - plan.duration_s  # offset of the booked start
    window = plan.party(party).window
    first = window.from_min if window is not None else 0
    until = window.until_min if window is not None and window.until_min is not None else None
    last = plan.duration_min if until is None else min(until, plan.duration_min)
    return start + first * 60, start + max(first, last) * 60


def _present_seconds(att: Attendance, began: float, end: float) -> float:
    """Seconds between `began` and `end` that the party was in the room or on the line."""
    from starmote.engine.presence import clip, spans

    if end <= began:
        return 0.0
    return sum(
        (s.end if s.end is not None else end) - s.start for s in clip(spans(att), began, end)
    )


def _cases(state: MeetingState, att: Attendance) -> tuple[int, int]:
    """(cases it belonged in, cases it was there for) among the team cases taken up."""
    from starmote.engine.presence import case_window, in_case

    bound = state.plan.party(att.party).case
    total = present = 0
    for case in state.plan.team_cases:
        if (bound and case.code != bound) or case_window(state, case.code) is None:
            continue
        total += 1
        present += any(party == att.party for party, _ in in_case(state, case.code))
    return total, present


def party_outcome(state: MeetingState, att: Attendance) -> PartyOutcome:
    """What `att` came to by the end of `state`.

    The label, in order of precedence: never recorded -> `not_recorded`; absent
    as last recorded -> absent with or without notice (a check-in or a stand-in
    before it does not count: the chair corrected it); a stand-in took part ->
    `substitute`; gone before its booked time was up -> `left_early` (leaving at
    or after the end of its window, or of the booked meeting, is not early); its
    line broke for good -> `dropped`; else `late` or `present`.

    Args:
        state: The folded meeting.
        att: One party's attendance in it.

    Returns:
        The label and the facts behind it.
    """
    presence = att.presence
    took_part = presence in ("present", "left", "dropped")
    booked_from, booked_until = _booked(state, att.party)
    late = att.late and took_part
    if late and state.plan.party(att.party).case:
        # A case's person comes for their own case: late only if after it began.
        arrived = next((ch.at.t for ch in att.log if ch.what in ("late", "checked_in")), 0.0)
        late = arrived > booked_from
    left_early = False
    if presence == "left":
        left_at = next(ch.at.t for ch in reversed(att.log) if ch.what == "left")
        left_early = left_at < booked_until
    present_s: float | None = None
    due_s: float | None = None
    present_due_s: float | None = None
    if state.closed is not None:
        began = state.began.t if state.began is not None else state.closed.t
        present_s = _present_seconds(att, began, state.closed.t)
        due_from, due_until = max(began, booked_from), min(state.closed.t, booked_until)
        due_s = max(0.0, due_until - due_from)
        present_due_s = _present_seconds(att, due_from, due_until)
    cases_total, cases_present = _cases(state, att)
    outcome: Outcome
    if presence == "expected":
        outcome = "not_recorded"
    elif presence == "absent":
        outcome = "absent_notified" if att.notified else "absent_unnotified"
    elif att.substitute:
        outcome = "substitute"
    elif left_early:
        outcome = "left_early"
    elif presence == "dropped":
        outcome = "dropped"
    else:
        outcome = "late" if late else "present"
    return PartyOutcome(
        party=att.party,
        outcome=outcome,
        mode=att.mode if took_part else None,
        late=late,
        substitute=bool(att.substitute) and took_part,
        left_early=left_early,
        dropped=presence == "dropped",
        drops=sum(ch.what == "dropped" for ch in att.log),
        notified=att.notified if presence == "absent" else None,
        present_s=present_s,
        booked_s=booked_until - booked_from,
        due_s=due_s,
        present_due_s=present_due_s,
        cases_total=cases_total,
        cases_present=cases_present,
    )


def outcomes(state: MeetingState) -> tuple[PartyOutcome, ...]:
    """Every party's outcome, in the plan's order.

    Args:
        state: The folded meeting.

    Returns:
        One `PartyOutcome` per party of the plan.
    """
    return tuple(party_outcome(state, att) for att in state.attendance)
