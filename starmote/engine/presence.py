"""Who was there when: a party's attendance log as spans, and who took part in each case.

A team session's minutes are written per case, and each case's document names only
the parties present while that case was discussed, with their times. The spans come
from the attendance log that the fold keeps, so the minutes, the session overview and
the history all read the same facts.
"""

from __future__ import annotations

from datetime import datetime

from starmote.engine.state import Attendance, MeetingState, Mode
from starmote.engine.timing import wall_at
from starmote.record import Record, record


@record
class Span(Record):
    """A stretch of time a party was here, in meeting offsets (seconds)."""

    start: float
    end: float | None
    """None: still here (or until the meeting closed)."""
    mode: Mode | None = None
    substitute: str = ""
    """The stand-in's name, when a substitute was here for the party."""
    late: bool = False


def spans(att: Attendance) -> tuple[Span, ...]:
    """The stretches of time `att`'s party was here, in order.

    A check-in corrected before the start (video, not phone) continues one stretch; a
    party marked absent after a check-in before the start was never here.
    """
    out: list[Span] = []
    current: Span | None = None
    for change in att.log:
        t = change.at.t
        if change.what in ("checked_in", "late", "substitute", "rejoined"):
            if current is not None:  # a correction: the stretch goes on, as corrected
                current = Span(current.start, None, change.mode, current.substitute, current.late)
                continue
            name = change.detail if change.what == "substitute" else ""
            current = Span(t, None, change.mode, name, change.what == "late")
        elif change.what in ("left", "dropped") and current is not None:
            out.append(Span(current.start, t, current.mode, current.substitute, current.late))
            current = None
        elif change.what == "absent":
            current = None  # a check-in by mistake before the start: never here
    if current is not None:
        out.append(current)
    return tuple(out)


def clip(found: tuple[Span, ...], start: float, end: float | None) -> tuple[Span, ...]:
    """The parts of `found` within [start, end) (end None: open)."""
    out = []
    for span in found:
        lo = max(span.start, start)
        hi = span.end if end is None else (end if span.end is None else min(span.end, end))
        if hi is not None and hi <= lo:
            continue
        out.append(Span(lo, hi, span.mode, span.substitute, span.late and span.start >= start))
    return tuple(out)


def case_window(state: MeetingState, code: str) -> tuple[float, float | None] | None:
    """When a team case was discussed: from its phase's start to its end (None: not yet).

    Returns:
        (start, end) in meeting offsets, end None while it runs; None if never taken up.
    """
    index = state.phase_of_case(code)
    if index is None:
        return None
    clock = state.phases[index]
    if clock.began is None:
        return None
    return clock.began, clock.ended


def in_case(state: MeetingState, code: str) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """The parties that were here while case `code` was discussed, with their times there.

    Returns:
        (party key, spans within the case) in plan order; empty if not taken up.
    """
    window = case_window(state, code)
    if window is None:
        return ()
    out = []
    for att in state.attendance:
        within = clip(spans(att), *window)
        if within:
            out.append((att.party, within))
    return tuple(out)


def in_meeting(state: MeetingState) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """The parties that were here during the meeting proper (from its first part), with times."""
    if state.began is None:
        return ()
    end = state.closed.t if state.closed is not None else None
    out = []
    for att in state.attendance:
        within = clip(spans(att), state.began.t, end)
        if within:
            out.append((att.party, within))
    return tuple(out)


def wall_span(state: MeetingState, span: Span) -> tuple[datetime, datetime | None]:
    """The span's start and end as wall times (aware UTC); end None while still here."""
    end = None if span.end is None else wall_at(state, span.end)
    return wall_at(state, span.start), end


@record
class Away(Record):
    """A party that was here and is away now: it left, or its line dropped."""

    party: str
    how: str
    """"left" or "dropped"."""
    since: float
    """Meeting offset of the change."""


def away_now(state: MeetingState) -> tuple[Away, ...]:
    """The parties that left or whose line dropped and who belong to the part now running.

    A team session's own person leaves with their case; once it is over they are not
    "away" from the next case, so only parties of the whole session or the running
    case count.

    Returns:
        One row per party away now, in plan order.
    """
    code = state.plan.phases[state.phase].case_code if state.phase is not None else ""
    out = []
    for att in state.attendance:
        if att.presence not in ("left", "dropped") or not att.log:
            continue
        case = state.plan.party(att.party).case if state.plan.has_party(att.party) else ""
        if case and case != code:
            continue
        out.append(Away(att.party, att.presence, att.log[-1].at.t))
    return tuple(out)


def gaps(
    found: tuple[Span, ...], start: float, end: float | None
) -> tuple[tuple[float, float | None], ...]:
    """The stretches of [start, end) that `found` does not cover: when the party was away.

    Args:
        found: A party's spans, in order.
        start: From this meeting offset.
        end: Until this offset; None while the window is still open (away "until now").

    Returns:
        (from, until) pairs in order; until None for an absence that still lasts.
    """
    out: list[tuple[float, float | None]] = []
    cursor = start
    for span in clip(found, start, end):
        if span.start > cursor:
            out.append((cursor, span.start))
        if span.end is None:
            return tuple(out)
        cursor = max(cursor, span.end)
    if end is None:
        out.append((cursor, None))
    elif cursor < end:
        out.append((cursor, end))
    return tuple(out)


def away_in_phases(
    state: MeetingState,
) -> tuple[tuple[str, int, tuple[tuple[float, float | None], ...]], ...]:
    """Parties here for some of the meeting but away for part of a phase, with the times.

    A party that never came is missing from the whole meeting and is not listed here.

    Returns:
        (party key, phase index, gaps within the phase) in plan and phase order.
    """
    here = dict(in_meeting(state))
    close = state.closed.t if state.closed is not None else None
    out = []
    for att in state.attendance:
        if att.party not in here:
            continue
        found = spans(att)
        for index, clock in enumerate(state.phases):
            if clock.began is None:
                continue
            end = clock.ended if clock.ended is not None else close
            away = gaps(found, clock.began, end)
            if away:
                out.append((att.party, index, away))
    return tuple(out)
