"""The timing section of the minutes: planned vs actual per part and per speaker."""

from __future__ import annotations

from starmote.docfmt import fmt_diff, fmt_span, party_label
from starmote.document import Block, Heading, Para, Table
from starmote.i18n import t
from starmote.state import MeetingState


def timing_section(state: MeetingState, lang: str) -> list[Block]:
    """Planned vs actual time per part and per speaker, with rebalance and pause remarks."""
    plan = state.plan
    planned = plan.phase_budgets()
    rebalanced = state.rebalances > 0
    keys = ["part", "planned"] + (["budget"] if rebalanced else []) + ["actual", "diff"]
    header = tuple(t(f"minutes.timing.{k}", lang) for k in keys)
    rows = []
    # Recorded time only: closing ends every part, and the minutes of a meeting still under
    # way must not depend on when they were exported (the same journal, the same bytes).
    for i, (phase, clock) in enumerate(zip(plan.phases, state.phases, strict=True)):
        used = clock.used
        row = [phase.title(lang), fmt_span(planned[i])]
        if rebalanced:
            row.append(fmt_span(clock.budget))
        row += [fmt_span(used), fmt_diff(used - clock.budget)]
        rows.append(tuple(row))
    total_used = sum(c.used for c in state.phases)
    total = [t("minutes.timing.total", lang), fmt_span(plan.duration_s)]
    if rebalanced:
        total.append(fmt_span(sum(c.budget for c in state.phases)))
    total += [fmt_span(total_used), fmt_diff(total_used - plan.duration_s)]
    rows.append(tuple(total))
    right = tuple(range(1, len(header)))
    blocks: list[Block] = [
        Heading(t("minutes.timing", lang)),
        Heading(t("minutes.timing.per_part", lang), 3),
    ]
    blocks.append(Table(header, tuple(rows), right=right))
    if state.rebalances:
        blocks.append(Para(t("minutes.timing.rebalanced", lang, n=state.rebalances), note=True))
    paused = sum(end - start for start, end in state.pauses)
    if paused:
        blocks.append(Para(t("minutes.timing.paused", lang, span=fmt_span(paused)), note=True))
    blocks += _speakers(state, lang)
    return blocks


def _speakers(state: MeetingState, lang: str) -> list[Block]:
    plan = state.plan
    sums: dict[str, list[float]] = {}
    for turn in state.spoken:
        if turn.party not in sums:
            sums[turn.party] = [0, 0.0, 0.0, 0]
        row = sums[turn.party]
        row[0] += 1
        row[1] += turn.budget
        row[2] += turn.used
        row[3] += 1 if turn.skipped else 0
    if not sums:
        return []
    keys = ("speaker", "turns", "allotted", "actual", "diff")
    header = tuple(t(f"minutes.timing.{k}", lang) for k in keys)
    rows = []
    for party in (p.key for p in plan.parties if p.key in sums):
        n, budget, used, skipped = sums[party]
        turns = str(int(n)) + (t("minutes.timing.skipped", lang, n=int(skipped)) if skipped else "")
        rows.append(
            (
                party_label(plan, party),
                turns,
                fmt_span(budget),
                fmt_span(used),
                fmt_diff(used - budget),
            )
        )
    return [
        Heading(t("minutes.timing.per_speaker", lang), 3),
        Table(header, tuple(rows), right=(1, 2, 3, 4)),
    ]
