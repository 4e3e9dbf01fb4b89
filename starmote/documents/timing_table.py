"""The timing section of the minutes: planned vs actual per part and per speaker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from starmote.documents.fmt import fmt_diff, fmt_span, fmt_time, party_label
from starmote.documents.model import Block, Heading, Para, Table
from starmote.engine.state import MeetingState, SpokenTurn
from starmote.i18n import t


def timing_section(state: MeetingState, lang: str) -> list[Block]:
    """Per part: planned, after a rebalance, actual, and the difference against the plan.

    Each part is compared with its original plan, so an overrun shows in the part where
    it happened (comparing with a rebalanced budget moved it onto the parts after). The
    rebalanced budgets are a column of their own, and each column adds up to its total.
    """
    plan = state.plan
    planned = plan.phase_budgets()
    rebalanced = bool(state.rebalance_log)
    after = _after_rebalance(state)
    keys = ["part", "planned"] + (["budget"] if rebalanced else []) + ["actual", "diff"]
    header = tuple(t(f"minutes.timing.{k}", lang) for k in keys)
    rows = []
    # Recorded time only: closing ends every part, and the minutes of a meeting still under
    # way must not depend on when they were exported (the same journal, the same bytes).
    for i, (phase, clock) in enumerate(zip(plan.phases, state.phases, strict=True)):
        row = [phase.title(lang), fmt_span(planned[i])]
        if rebalanced:
            row.append(fmt_span(after[i]))
        row += [fmt_span(clock.used), fmt_diff(clock.used - planned[i])]
        rows.append(tuple(row))
    total_used = sum(c.used for c in state.phases)
    total = [t("minutes.timing.total", lang), fmt_span(sum(planned))]
    if rebalanced:
        total.append(fmt_span(sum(after)))
    total += [fmt_span(total_used), fmt_diff(total_used - sum(planned))]
    rows.append(tuple(total))
    right = tuple(range(1, len(header)))
    blocks: list[Block] = [
        Heading(t("minutes.timing", lang)),
        Heading(t("minutes.timing.per_part", lang), 3),
    ]
    blocks.append(Table(header, tuple(rows), right=right))
    for stamp, applied in state.rebalance_log:
        parts = ", ".join(plan.phases[i].title(lang) for i in applied)
        blocks.append(
            Para(
                t("minutes.timing.rebalanced_at", lang, at=fmt_time(stamp.wall, lang), parts=parts),
                note=True,
            )
        )
    paused = sum(end - start for start, end in state.pauses)
    if paused:
        blocks.append(Para(t("minutes.timing.paused", lang, span=fmt_span(paused)), note=True))
    blocks += _speakers(state, lang)
    return blocks


def _after_rebalance(state: MeetingState) -> tuple[float, ...]:
    """Each part's time in the plan the last rebalance made.

    A rebalance shares the time left before the booked end among the parts still open
    (the event records which); a part that had ended counts at the time it took, so
    together they make the meeting as rebalanced (the booked meeting, when it fitted).
    """
    if not state.rebalance_log:
        return tuple(c.budget for c in state.phases)
    _, applied = state.rebalance_log[-1]
    return tuple(c.budget if i in applied else c.used for i, c in enumerate(state.phases))


def _turn_shares(state: MeetingState) -> dict[int, float]:
    """Per part with turns: its budget shared evenly among the turns taken in it."""
    turns = Counter(turn.phase for turn in state.spoken)
    return {phase: state.phases[phase].budget / n for phase, n in turns.items()}


def _allotted(turn: SpokenTurn, share: float) -> float:
    """The time a turn was given of its own: its budget, never more than its even share.

    The engine gives a turn what is left of the part ÷ the speakers still to come, so the
    time the speakers before left unused is handed on: the last speaker of a round, and
    anyone given the word in an open discussion, is given all that is left of the part.
    That time is the part's, not theirs; counting it would credit it again to every later
    turn. An extra minute the chair gave (`+`) is the speaker's own, on top of the share.
    """
    return min(turn.budget - turn.extended, share) + turn.extended


@dataclass
class _SpeakerTime:
    """One speaker's line of the per-speaker table."""

    turns: int = 0
    skipped: int = 0
    allotted: float = 0.0
    used: float = 0.0


def _speaker_times(state: MeetingState) -> dict[str, _SpeakerTime]:
    shares = _turn_shares(state)
    times: dict[str, _SpeakerTime] = {}
    for turn in state.spoken:
        row = times.setdefault(turn.party, _SpeakerTime())
        row.turns += 1
        row.skipped += 1 if turn.skipped else 0
        row.allotted += _allotted(turn, shares[turn.phase])
        row.used += turn.used
    return times


def _speakers(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    times = _speaker_times(state)
    if not times:
        return []
    keys = ("speaker", "turns", "allotted", "actual", "diff")
    header = tuple(t(f"minutes.timing.{k}", lang) for k in keys)
    rows = []
    for party in (p.key for p in plan.parties if p.key in times):
        row = times[party]
        skipped = t("minutes.timing.skipped", lang, n=row.skipped) if row.skipped else ""
        rows.append(
            (
                party_label(plan, party),
                f"{row.turns}{skipped}",
                fmt_span(row.allotted),
                fmt_span(row.used),
                fmt_diff(row.used - row.allotted),
            )
        )
    return [
        Heading(t("minutes.timing.per_speaker", lang), 3),
        Table(header, tuple(rows), right=(1, 2, 3, 4)),
    ]
