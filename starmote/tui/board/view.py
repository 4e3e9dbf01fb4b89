"""What the projector board may know of a meeting: an allow-list of the state, and labels from it.

The board is seen by the whole room. It gets a copy of the state holding only the
fields listed here: the circle and its clocks, who has the word and who is next,
who is here or away, and the case code. Notes, goals, actions, decisions, parked
questions, frågeställningar, consent, feedback, places and every person's name are
not copied, so no widget of the board can show them, whatever it is changed to do.
No Textual here: the allow-list is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from starmote.engine import timing
from starmote.engine.state import Attendance, MeetingState
from starmote.i18n import t
from starmote.plan.model import (
    PRIVATE_KINDS,
    Individual,
    MeetingPlan,
    Party,
    Person,
    TeamCase,
)

STATE_FIELDS = (
    "plan",
    "meeting_id",
    "opened",
    "booked_end",
    "last_seq",
    "status",
    "lang",
    "attendance",
    "phases",
    "phase",
    "turn",
    "queue",
    "missing",
    "paused_at",
    "pauses",
    "began",
    "closed",
)
"""The fields of MeetingState the board copies; every other one keeps its empty default."""


def board_plan(plan: MeetingPlan) -> MeetingPlan:
    """The plan with only what the room may see: parts, timing, case codes, organisations.

    A private person (the individual, a relative, a god man) keeps only key and kind,
    so even a name typed as their organisation stays out; a team case keeps its code
    and minutes.
    """
    parties = tuple(
        Party(
            p.key,
            "" if p.is_individual or p.kind in PRIVATE_KINDS else p.organisation,
            p.kind,
            window=p.window,
            case=p.case,
        )
        for p in plan.parties
    )
    phases = tuple(replace(p, prompts_sv=(), prompts_en=()) for p in plan.phases)
    return MeetingPlan(
        case_code=plan.case_code,
        template_key=plan.template_key,
        kind=plan.kind,
        title_sv=plan.title_sv,
        title_en=plan.title_en,
        start=plan.start,
        duration_min=plan.duration_min,
        individual=Individual(""),
        parties=parties,
        phases=phases,
        chair=Person(""),
        team_cases=tuple(TeamCase(c.code, c.minutes) for c in plan.team_cases),
        language=plan.language,
    )


def board_state(state: MeetingState) -> MeetingState:
    """A copy of `state` with the STATE_FIELDS alone, the plan and attendance stripped too.

    Args:
        state: The meeting as folded from the journal.

    Returns:
        A state the timing functions read as they read the real one (the same clocks,
        the same speaker), holding nothing the room must not see.
    """
    kept = {name: getattr(state, name) for name in STATE_FIELDS}
    kept["plan"] = board_plan(state.plan)
    # Presence and mode only: no reason for an absence, no stand-in's name, no log.
    kept["attendance"] = tuple(
        Attendance(a.party, presence=a.presence, mode=a.mode, late=a.late) for a in state.attendance
    )
    return MeetingState(**kept)


def party_label(plan: MeetingPlan, key: str, lang: str) -> str:
    """How the board names a party: its organisation; a private person by role only.

    Returns:
        "Försäkringskassan", "Huvudpersonen", "Huvudpersonen (T-03)", "Närstående".
    """
    if not plan.has_party(key):
        return key
    party = plan.party(key)
    if party.is_individual:
        own = t("board.individual", lang)
        return f"{own} ({party.case})" if party.case else own
    if party.organisation:
        return party.organisation
    text = t(f"history.kind.{party.kind}", lang)
    return party.kind if text.startswith("history.kind.") else text


@dataclass(frozen=True)
class BoardView:
    """Everything the board draws besides the circle and the clock line, as plain values."""

    title: str
    """The case code (a team session's own code) and the meeting type."""
    case: str
    """The team case taken up now ("" outside one, and in a SIP meeting)."""
    status: str
    """What the big digits stand for: "turn", "part", "before", "paused", "closing", "closed"."""
    label: str
    """The line above the digits: the speaker, or what is going on."""
    digits: str
    """What the big digits show: the speaker's time left ("+0:42" when over), a time."""
    over: bool
    of: str
    """The line under the digits ("av 4:00")."""
    next: tuple[str, ...]
    """Who has the word after the speaker, in order."""
    absent: tuple[str, ...]
    gone: tuple[str, ...]
    """Left, or their line dropped, and not back."""


def board_view(state: MeetingState, t_now: float, lang: str) -> BoardView:
    """What the board shows of `state` (a `board_state`) at meeting offset `t_now`.

    The times come from engine.timing, as the chair's screen computes them.
    """
    from starmote.tui import fmt

    plan = state.plan
    title = f"{plan.case_code} · {plan.title(lang)}"
    case = state.current_case if plan.team_cases else ""
    over = False
    of = ""
    if state.status == "closed":
        status, label = "closed", t("board.closed", lang)
        end = state.closed.wall if state.closed is not None else plan.end
        digits = fmt.hhmm(end)
    elif state.status == "open":
        status, label = "before", t("board.before", lang)
        digits = fmt.hhmm(plan.start)
        of = t("board.booked", lang, end=fmt.hhmm(plan.end))
    elif state.status == "closing":
        status, label, digits = (
            "closing",
            t("board.closing", lang),
            fmt.hhmm(timing.wall_at(state, t_now)),
        )
    elif state.turn is not None:
        status = "turn"
        label = party_label(plan, state.turn.party, lang)
        left = timing.turn_remaining(state, t_now) or 0.0
        over = left < 0
        digits = fmt.mmss(left)
        of = t("board.of", lang, budget=fmt.mmss(state.turn.budget))
    else:
        status = "part"
        phase = plan.phases[state.phase] if state.phase is not None else None
        if phase is not None and phase.turns == "open":
            label = t("board.open", lang)
        elif state.queue:
            label = t("board.nobody", lang)
        else:
            label = t("board.round_done", lang)
        part_left = timing.phase_remaining(state, t_now)
        over = part_left is not None and part_left < 0
        digits = fmt.mmss(part_left)
        if phase is not None:
            of = t("board.part_left", lang, part=phase.title(lang))
    if state.paused_at is not None and state.status == "running":
        status, label = "paused", t("board.paused", lang) + " · " + label
    upcoming = tuple(party_label(plan, p, lang) for p in state.queue)
    absent = tuple(
        party_label(plan, a.party, lang) for a in state.attendance if a.presence == "absent"
    )
    gone = tuple(
        party_label(plan, a.party, lang)
        for a in state.attendance
        # A case's person leaves with their case: that is no absence.
        if a.presence in ("left", "dropped") and not plan.party(a.party).case
    )
    return BoardView(title, case, status, label, digits, over, of, upcoming, absent, gone)
