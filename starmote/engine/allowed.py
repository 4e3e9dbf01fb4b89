"""When a command may be given: the preconditions that `decide` and the screens share.

Each kind of command has one check of the state (and of what the command acts
on: a party, a prompt, an entry). `decide` runs it before the command's own
checks of typed values (text, dates, budgets), so a screen that asks here
before offering a key can never disagree with what `decide` then does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeAlias, TypeVar

from starmote.engine import commands as c
from starmote.engine.review import review_items, review_phase
from starmote.engine.state import (
    CHAIR,
    MODES,
    NOTE_TAKER,
    MeetingState,
    SpokenTurn,
    passed_in_round,
)
from starmote.errors import KeyedError
from starmote.plan.model import INDIVIDUAL

__all__ = [
    "AFTER_CLOSING",
    "CORRECTABLE",
    "Asked",
    "DomainError",
    "allows",
    "check",
    "correction_refusal",
    "known_owner",
    "known_party",
    "last_part_done",
    "previous_turn",
    "refusal",
    "round_done",
    "still_to_speak",
]

T = TypeVar("T")

Asked: TypeAlias = c.Command | type[c.Command]
"""A command, or a kind of command (its class)."""


class DomainError(KeyedError):
    """A command the rules do not allow now. `key` names the message in the catalogue."""


def refusal(state: MeetingState, command: Asked) -> DomainError | None:
    """Why `command` may not be given in `state`, or None if it may.

    Typed values (text, dates, budgets, durations) are not looked at: `decide`
    checks them, so a command may be built with them still empty to ask before
    a form is filled in, and an allowed command may still be refused for them.

    Args:
        state: The meeting as folded so far.
        command: A command, asked about with what it acts on (its party, prompt
            or entry); or a command class, asked whether any command of that kind
            is allowed now (`JumpTo`: is there anyone to give the word to).

    Returns:
        None if allowed; else the error `decide` would raise.
    """
    try:
        check(state, command)
    except DomainError as err:
        return err
    return None


def allows(state: MeetingState, command: Asked) -> bool:
    """Whether `command` (or, given a class, some command of that kind) may be given now.

    Args:
        state: The meeting as folded so far.
        command: A command or a command class, as for `refusal`.

    Returns:
        True if `refusal` finds nothing against it.
    """
    return refusal(state, command) is None


def check(state: MeetingState, command: Asked) -> None:
    """Return if `command` may be given in `state`; raise the refusal otherwise.

    Args:
        state: The meeting as folded so far.
        command: A command or a command class, as for `refusal`.

    Raises:
        DomainError: Not allowed now; the error names why.
    """
    kind = command if isinstance(command, type) else type(command)
    if state.status == "closed" and kind not in AFTER_CLOSING:
        raise DomainError("engine.error.closed")
    precondition = _WHEN.get(kind)
    if precondition is None:
        raise DomainError("engine.error.unknown_command", command=kind.__name__)
    precondition(state, None if isinstance(command, type) else command)


def correction_refusal(state: MeetingState, entry_id: int) -> DomainError | None:
    """Why entry `entry_id` cannot be corrected now, whatever the correction; None if it can.

    Args:
        state: The meeting as folded so far.
        entry_id: The goal, action, decision or parked question to correct.

    Returns:
        None if some `Correct` of the entry is allowed; else the refusal.
    """
    kind = _kind_of(state, entry_id)
    if kind is None:
        return DomainError("engine.error.no_entry", entry=entry_id)
    return refusal(state, kind)


# --- shared by the preconditions and the rules --------------------------------


CORRECTABLE: dict[type[c.Command], str] = {
    c.AddNote: "notes",
    c.AddGoal: "goals",
    c.AddAction: "actions",
    c.AddDecision: "decisions",
    c.ParkQuestion: "parked",
}
"""Which entries a replacement command may correct (the same kind only), by state field."""


def known_party(state: MeetingState, key: str | None) -> str:
    """`key` if it names a party of the plan; DomainError otherwise."""
    if not key or not state.plan.has_party(key):
        raise DomainError("engine.error.unknown_party", party=key or "")
    return key


def known_owner(state: MeetingState, key: str | None) -> str:
    """`key` if it names a party, the chair or (when the plan has one) the note taker.

    Who may own an insats, or be named as having said a note: the parties, and the
    meeting's own people (the chair often takes a task, such as a question to an absent
    agency). DomainError otherwise.
    """
    if key == CHAIR or (key == NOTE_TAKER and state.plan.note_taker is not None):
        return key
    return known_party(state, key)


def still_to_speak(state: MeetingState) -> tuple[str, ...]:
    """Who in the current part's round has yet to be offered the word: those waiting in
    line, then those who passed and are to be offered it once more at the end."""
    return state.queue + tuple(p for p in passed_in_round(state) if p not in state.queue)


def round_done(state: MeetingState) -> bool:
    """Whether everyone here in the current part's round has been offered the word
    (one who passed, twice), and nobody has it now."""
    return state.phase is not None and state.turn is None and not still_to_speak(state)


def previous_turn(state: MeetingState) -> SpokenTurn | None:
    """The last finished turn of this part by someone other than the current speaker."""
    current = state.turn.party if state.turn else None
    return next(
        (s for s in reversed(state.spoken) if s.phase == state.phase and s.party != current), None
    )


def _running(state: MeetingState) -> None:
    """A part is on and the clock runs."""
    _part_on(state)
    if state.paused_at is not None:
        raise DomainError("engine.error.paused")


def _part_on(state: MeetingState) -> None:
    if state.status != "running" or state.phase is None:
        raise DomainError("engine.error.not_running")


def _any(targets: Iterable[T], one: Callable[[T], None], none: str | None = None) -> None:
    """Return if `one` passes for some target; else raise `none`, or the first refusal."""
    first: DomainError | None = None
    for target in targets:
        try:
            one(target)
            return
        except DomainError as err:
            first = first or err
    if none is not None:
        raise DomainError(none)
    if first is None:  # nothing to ask about: a plan always has parties
        raise DomainError("engine.error.unknown_party", party="")
    raise first


def _for_party(
    state: MeetingState, party: str | None, one: Callable[[str], None], none: str | None = None
) -> None:
    """`one` for the command's party; asked about the kind (`party` None), for some party."""
    if party is not None:
        one(known_party(state, party))
    else:
        _any((p.key for p in state.plan.parties), one, none)


def _kind_of(state: MeetingState, entry_id: int) -> type[c.Command] | None:
    for kind, group in CORRECTABLE.items():
        if any(e.id == entry_id for e in getattr(state, group)):
            return kind
    return None


# --- attendance ---------------------------------------------------------------


def _check_in(state: MeetingState, cmd: c.CheckIn | None) -> None:
    def one(target: tuple[str, str]) -> None:
        party, mode = target
        att = state.attendance_of(party)
        # Before the start a check-in may be corrected (video, not phone); once the meeting
        # runs, a change of line is a drop and a rejoin, so the log shows when it happened.
        correcting = state.status == "open" and att.mode != mode and not att.substitute
        if att.presence == "present" and not correcting:
            raise DomainError("engine.error.already_present", party=party)
        _in_own_case(state, party)

    if cmd is not None:
        one((known_party(state, cmd.party), cmd.mode))
    else:
        _any(((p.key, m) for p in state.plan.parties for m in MODES), one)


def _absent(state: MeetingState, cmd: c.MarkAbsent | None) -> None:
    def one(party: str) -> None:
        presence = state.attendance_of(party).presence
        # Before the start a party checked in by mistake can be marked absent instead.
        if presence not in ("expected", "absent") and not (
            state.status == "open" and presence == "present"
        ):
            raise DomainError("engine.error.absent_but_here", party=party)

    _for_party(state, cmd.party if cmd else None, one)


def _substitute(state: MeetingState, cmd: c.NoteSubstitute | None) -> None:
    def one(party: str) -> None:
        if state.plan.party(party).is_individual:  # the case is about them: no one stands in
            raise DomainError("engine.error.no_substitute_individual")
        if state.attendance_of(party).presence not in ("expected", "absent"):
            raise DomainError("engine.error.already_present", party=party)

    _for_party(state, cmd.party if cmd else None, one)


def _leave(state: MeetingState, cmd: c.Leave | c.Drop | None) -> None:
    def one(party: str) -> None:
        if state.attendance_of(party).presence != "present":
            raise DomainError("engine.error.not_present", party=party)

    _for_party(state, cmd.party if cmd else None, one)


def _rejoin(state: MeetingState, cmd: c.Rejoin | None) -> None:
    def one(party: str) -> None:
        if state.attendance_of(party).presence not in ("left", "dropped"):
            raise DomainError("engine.error.not_away", party=party)

    _for_party(state, cmd.party if cmd else None, one)


def _in_own_case(state: MeetingState, party: str) -> None:
    """A team case's person takes part in their own case only, never in anyone else's."""
    if not state.takes_part_now(party):
        case = state.plan.party(party).case
        raise DomainError("engine.error.case_person_not_now", party=party, case=case)


def _consent(state: MeetingState, cmd: c.ConfirmConsent | c.RecordConsentMissing | None) -> None:
    if state.plan.team_cases:
        # Each person's consent is settled when their case is taken up: there is none
        # for the session as a whole.
        wanted = state.case_of(cmd.case if cmd else None)
        if state.phase is None or not wanted or state.current_case != wanted:
            raise DomainError("engine.error.case_consent_not_now")
        if state.plan.team_case(wanted).anonymised:
            raise DomainError("engine.error.case_anonymised", case=wanted)
        return
    if cmd is not None and cmd.case not in (None, state.plan.case_code):
        raise DomainError("engine.error.unknown_case", case=cmd.case)
    # Consent is settled before the parts that share what the person has not agreed to
    # share; a withdrawal later ends the meeting (CloseMeeting with a reason).
    if state.status == "open" or (state.status == "running" and state.phase == 0):
        return
    raise DomainError("engine.error.consent_not_now")


def _known_case(state: MeetingState, requested: str | None, team_level: bool = True) -> str:
    """The case a capture is for; refused if the meeting has no such case.

    Args:
        state: The meeting.
        requested: As given in the command (None: the case taken up now).
        team_level: Whether "" (the team itself, in a team session) may be meant.
    """
    case = state.case_of(requested)
    if case == "" and state.plan.team_cases:
        if not team_level:
            raise DomainError("engine.error.case_needed")
        return case
    if case not in state.case_codes:
        raise DomainError("engine.error.unknown_case", case=case)
    return case


def _capture(state: MeetingState, cmd: Any, team_level: bool = True) -> None:
    if cmd is not None:
        _known_case(state, cmd.case, team_level)
        _category(state, cmd)


def _category(state: MeetingState, cmd: Any) -> None:
    """An entry is marked only with a category the case's consent keeps from some party:
    only such a mark changes who reads it, and a mark that changes nothing misleads."""
    category = getattr(cmd, "category", "")
    if not category:
        return
    consent = state.plan.consent_of(state.case_of(cmd.case))
    if consent is None or category not in consent.categories:
        raise DomainError("engine.error.category_not_excluded", category=category)


def _note(state: MeetingState, cmd: c.AddNote | None) -> None:
    if cmd is not None and cmd.section and state.plan.section(cmd.section) is None:
        raise DomainError("engine.error.no_section", section=cmd.section)
    _capture(state, cmd, team_level=False)


def _goal(state: MeetingState, cmd: c.AddGoal | None) -> None:
    horizons = state.plan.horizons
    if not horizons:
        # The meeting type keeps no goals (an avstämningsmöte: its return-to-work plan).
        raise DomainError("engine.error.no_goals_in_kind")
    if cmd is not None and cmd.horizon in ("short", "long") and cmd.horizon not in horizons:
        raise DomainError("engine.error.horizon_not_in_kind", horizon=cmd.horizon)
    _capture(state, cmd, team_level=False)


def _move_case(state: MeetingState, cmd: c.MoveCase | None) -> None:
    if not state.plan.team_cases:
        raise DomainError("engine.error.no_cases")

    def one(target: tuple[str, int]) -> None:
        code, by = target
        index = state.phase_of_case(code)
        if index is None:
            raise DomainError("engine.error.unknown_case", case=code)
        cases = [i for i, p in enumerate(state.plan.phases) if p.case_code]
        at = cases.index(index) + by
        if by == 0 or not 0 <= at < len(cases):
            raise DomainError("engine.error.case_cannot_move", case=code)
        for i in (index, cases[at]):
            if state.phases[i].began is not None:
                raise DomainError("engine.error.case_taken_up", case=state.plan.phases[i].case_code)

    if cmd is not None:
        one((cmd.code, cmd.by))
    else:
        _any(((p.case_code, by) for p in state.plan.phases if p.case_code for by in (-1, 1)), one)


def _consider_offer(state: MeetingState, cmd: c.ConsiderOffer | None) -> None:
    if not state.plan.offers:
        raise DomainError("engine.error.no_offers")
    if cmd is None:
        return
    _known_case(state, cmd.case, team_level=False)
    if not any(o.key == cmd.key for o in state.plan.offers):
        raise DomainError("engine.error.unknown_offer", offer=cmd.key)


# --- parts and turns ------------------------------------------------------------


def _next_phase(state: MeetingState, cmd: c.NextPhase | None) -> None:
    if state.paused_at is not None:
        raise DomainError("engine.error.paused")
    if state.status == "closing":
        raise DomainError("engine.error.no_more_phases")
    if state.status == "open" and not state.present:
        raise DomainError("engine.error.nobody_present")
    if state.status == "running" and state.consent_pending:
        if state.plan.team_cases:
            raise DomainError("engine.error.case_consent_required", case=state.current_case)
        raise DomainError("engine.error.consent_required")


def _next_speaker(state: MeetingState, cmd: c.NextSpeaker | None) -> None:
    _running(state)
    if state.turn is None and round_done(state):
        raise DomainError("engine.error.round_done")


def _skip_speaker(state: MeetingState, cmd: c.SkipSpeaker | None) -> None:
    if state.turn is None:
        raise DomainError("engine.error.no_speaker")
    _running(state)


def _back_speaker(state: MeetingState, cmd: c.BackSpeaker | None) -> None:
    _running(state)
    previous = previous_turn(state)
    if previous is None:
        raise DomainError("engine.error.no_previous")
    if state.attendance_of(previous.party).presence != "present":
        raise DomainError("engine.error.not_present", party=previous.party)


def _extend(state: MeetingState, cmd: c.ExtendTurn | None) -> None:
    if state.turn is None:  # paused or not: more time can be given while the clock stands
        raise DomainError("engine.error.no_speaker")


def _jump(state: MeetingState, cmd: c.JumpTo | None) -> None:
    _running(state)

    def one(party: str) -> None:
        if state.attendance_of(party).presence != "present":
            raise DomainError("engine.error.not_present", party=party)
        if state.turn is not None and state.turn.party == party:
            raise DomainError("engine.error.already_speaking", party=party)

    _for_party(state, cmd.party if cmd else None, one, "engine.error.no_one_else")


def _pause(state: MeetingState, cmd: c.Pause | None) -> None:
    _running(state)


def _resume(state: MeetingState, cmd: c.Resume | None) -> None:
    if state.paused_at is None:
        raise DomainError("engine.error.not_paused")


def _rebalance(state: MeetingState, cmd: c.Rebalance | None) -> None:
    # The time is shared out again while the parts run (paused too): before the start
    # nothing has run over, and after the last part there is nothing left to share.
    _part_on(state)


# --- capture --------------------------------------------------------------------


def _tick(state: MeetingState, cmd: c.TickPrompt | None) -> None:
    if state.phase is None:
        raise DomainError("engine.error.not_running")
    # A prompt naming a party kind that is not in the meeting is not shown: not ticked either.
    shown = state.plan.shown_prompts(state.phase)
    if cmd is None:
        if not shown:
            raise DomainError("engine.error.no_prompts")
    elif cmd.index not in shown:
        raise DomainError("engine.error.bad_index", index=cmd.index)


def _question(state: MeetingState, cmd: c.SetQuestionStatus | None) -> None:
    case = state.case_of(cmd.case if cmd else None)
    if case and case not in state.case_codes:
        raise DomainError("engine.error.unknown_case", case=case)
    count = len(state.questions_of(case))
    if cmd is None:
        if not count:
            raise DomainError("engine.error.no_questions")
    elif not 0 <= cmd.index < count:
        raise DomainError("engine.error.bad_index", index=cmd.index)


def _park(state: MeetingState, cmd: c.ParkQuestion | None) -> None:
    _capture(state, cmd)

    def one(party: str) -> None:
        if state.attendance_of(party).here:
            raise DomainError("engine.error.park_present", party=party)
        bound = state.plan.party(party).case
        if bound:  # a case's person is asked in their own case, not in a note for later
            raise DomainError("engine.error.case_person_not_now", party=party, case=bound)

    _for_party(state, cmd.for_party if cmd else None, one, "engine.error.everyone_here")


def _responsible(state: MeetingState, cmd: c.SetMainResponsible | None) -> None:
    if state.plan.team_cases:
        # A team session reviews cases; the huvudansvarig of a plan is named in its own meeting.
        raise DomainError("engine.error.no_responsible_in_team")
    if not state.plan.lead:
        # The meeting type names none: in an avstämningsmöte Försäkringskassan coordinates.
        raise DomainError("engine.error.no_responsible_in_kind")

    def one(party: str) -> None:
        if party == INDIVIDUAL:
            raise DomainError("engine.error.individual_not_responsible")
        if not state.plan.party(party).is_professional:
            # Huvudansvarig answers for the plan on behalf of the agencies.
            raise DomainError("engine.error.responsible_not_professional", party=party)

    _for_party(state, cmd.party if cmd else None, one, "engine.error.no_agency")


def _confirm_action(state: MeetingState, cmd: c.ConfirmAction | None) -> None:
    proposed = [a for a in state.actions if a.proposed]
    if cmd is None:
        if not proposed:
            raise DomainError("engine.error.nothing_proposed")
        return
    action = next((a for a in state.actions if a.id == cmd.entry_id), None)
    if action is None:
        raise DomainError("engine.error.no_entry", entry=cmd.entry_id)
    if not action.proposed:
        raise DomainError("engine.error.already_decided")


def _cancel_follow_up(state: MeetingState, cmd: c.CancelFollowUp | None) -> None:
    if state.follow_up is None or state.follow_up.cancelled:
        raise DomainError("engine.error.no_follow_up")


def _set_follow_up(state: MeetingState, cmd: c.SetFollowUp | None) -> None:
    # An ended plan expects no follow-up: booking one would contradict the minutes.
    if state.plan_closed is not None:
        raise DomainError("engine.error.plan_closed")


def _close_plan(state: MeetingState, cmd: c.ClosePlan | None) -> None:
    if state.plan.team_cases:
        # A team session reviews many cases; a plan is ended in its own meeting.
        raise DomainError("engine.error.no_plan_in_team")
    if state.plan_closed is not None:
        raise DomainError("engine.error.plan_closed")
    if state.status not in ("closing", "closed"):
        raise DomainError("engine.error.plan_close_early")
    if state.follow_up is not None and not state.follow_up.cancelled:
        # Its invite may be out: cancelling it sends the parties a CANCEL first.
        raise DomainError("engine.error.plan_close_follow_up")


def _retract(state: MeetingState, cmd: c.Retract | None) -> None:
    rows = (state.notes, state.goals, state.actions, state.decisions, state.parked)
    ids = {e.id for group in rows for e in group}
    for single in (state.main_responsible, state.feedback):
        if single is not None:
            ids.add(single.id)
    if cmd is None:
        if not ids:
            raise DomainError("engine.error.no_entries")
        return
    if state.follow_up is not None and cmd.entry_id == state.follow_up.id:
        # An invite may already be out: it must be cancelled (METHOD:CANCEL), not erased.
        raise DomainError("engine.error.retract_follow_up")
    if cmd.entry_id not in ids:
        raise DomainError("engine.error.no_entry", entry=cmd.entry_id)


def _correct(state: MeetingState, cmd: c.Correct | None) -> None:
    if cmd is None:
        kinds = [kind for kind, group in CORRECTABLE.items() if getattr(state, group)]
        _any(kinds, lambda kind: check(state, kind), "engine.error.no_entries")
        return
    if _kind_of(state, cmd.entry_id) is not type(cmd.replacement):
        raise DomainError("engine.error.no_entry", entry=cmd.entry_id)
    check(state, cmd.replacement)


def last_part_done(state: MeetingState) -> bool:
    """Whether the meeting's last part has run its course: all parts are over, or the last
    one is on, not paused, and everyone in its round has been offered the word."""
    if state.status == "closing":
        return True
    last = len(state.plan.phases) - 1
    return (
        state.status == "running"
        and state.phase == last
        and state.paused_at is None
        and round_done(state)
    )


def _close(state: MeetingState, cmd: c.CloseMeeting | None) -> None:
    if cmd is None or (cmd.reason or "").strip():
        return  # with a reason, a meeting may close at any moment
    if not last_part_done(state):
        raise DomainError("engine.error.close_early")
    if state.plan.team_cases:
        return  # a team session names no huvudansvarig, and its next session is standing
    # A meeting type without a huvudansvarig (an avstämningsmöte) never waits for one.
    no_lead = state.plan.lead and state.main_responsible is None
    no_follow_up = state.follow_up is None or state.follow_up.cancelled
    if state.plan_closed is not None:
        no_follow_up = False  # the plan ended: no follow-up is expected
    if no_lead and no_follow_up:
        raise DomainError("engine.error.close_missing_both")
    if no_lead:
        raise DomainError("engine.error.close_missing_responsible")
    if no_follow_up:
        raise DomainError("engine.error.close_missing_follow_up")


def _review(state: MeetingState, cmd: c.ReviewPrevious | None) -> None:
    """The previous plan is reviewed from Aktuell situation on (a team case's, in its own part)."""
    items = review_items(state.plan)
    if not items:
        raise DomainError("engine.error.no_previous_plan")
    if state.status == "open" or (
        state.status == "running"
        and not state.plan.team_cases
        and (state.phase is None or state.phase < review_phase(state.plan))
    ):
        raise DomainError("engine.error.review_not_now")
    if cmd is not None:
        items = [i for i in items if (i.kind, i.index) == (cmd.kind, cmd.index)]
        if not items:
            raise DomainError("engine.error.bad_index", index=cmd.index)
    if state.plan.team_cases:
        # Each case's items are reviewed when it is taken up; the team's own outside a case.
        here = [i for i in items if i.case == state.current_case]
        if not here:
            raise DomainError("engine.error.review_not_now")


def _until_closed(state: MeetingState, cmd: Any) -> None:
    """Allowed at any moment until the meeting is closed."""


AFTER_CLOSING = frozenset({c.ApproveInvite, c.SetFollowUp, c.CancelFollowUp, c.ClosePlan})
"""What may still be done once the meeting is closed: the minutes are written then, and the
invites with them, so their text is approved then too. The next meeting may be moved or
cancelled, or the plan ended, as life goes on after it; what happened in it never changes."""


def _invite(state: MeetingState, cmd: c.ApproveInvite | None) -> None:
    """An invite can be approved once there is one: the follow-up, or an insats with a date."""
    due = {f"action-{a.id}" for a in state.actions if a.due is not None}
    has_follow_up = state.follow_up is not None
    if cmd is None:
        if not (has_follow_up or due or state.status == "open"):
            raise DomainError("engine.error.no_invite")
        return
    if cmd.key == "kallelse":  # the meeting's own invite: sent before it starts
        if state.status != "open":
            raise DomainError("engine.error.kallelse_not_now")
        return
    if not ((cmd.key == "follow_up" and has_follow_up) or cmd.key in due):
        raise DomainError("engine.error.no_invite")


_WHEN: dict[type[c.Command], Callable[[MeetingState, Any], None]] = {
    c.CheckIn: _check_in,
    c.MarkAbsent: _absent,
    c.NoteSubstitute: _substitute,
    c.Leave: _leave,
    c.Drop: _leave,
    c.Rejoin: _rejoin,
    c.ConfirmConsent: _consent,
    c.RecordConsentMissing: _consent,
    c.SetIndividualFirst: _until_closed,
    c.NextPhase: _next_phase,
    c.NextSpeaker: _next_speaker,
    c.SkipSpeaker: _skip_speaker,
    c.BackSpeaker: _back_speaker,
    c.ExtendTurn: _extend,
    c.JumpTo: _jump,
    c.Pause: _pause,
    c.Resume: _resume,
    c.TickPrompt: _tick,
    c.SetQuestionStatus: _question,
    c.AddNote: _note,
    c.AddGoal: _goal,
    c.AddAction: _capture,
    c.ConfirmAction: _confirm_action,
    c.AddDecision: _capture,
    c.ParkQuestion: _park,
    c.MoveCase: _move_case,
    c.ConsiderOffer: _consider_offer,
    c.SetMainResponsible: _responsible,
    c.SetFollowUp: _set_follow_up,
    c.CancelFollowUp: _cancel_follow_up,
    c.ClosePlan: _close_plan,
    c.GiveFeedback: _until_closed,
    c.Rebalance: _rebalance,
    c.Retract: _retract,
    c.Correct: _correct,
    c.CloseMeeting: _close,
    c.ApproveInvite: _invite,
    c.ReviewPrevious: _review,
}
"""The precondition of every kind of command; it gets None when asked about the kind."""


EARLY_START_S = 3600.0
"""Starting more than this before the booked start is asked about: likely the wrong case."""


def start_off_booking(state: MeetingState, wall: datetime) -> str | None:
    """Whether starting the meeting at `wall` is far from its booking, so the chair is asked.

    The parts' times run from the moment the meeting starts, not from the booking: a case
    started after its booked end, or over an hour before its start, gets a projected end
    far from the one in the invitation, and is as likely to be the wrong case file.

    Args:
        state: The meeting, not yet started.
        wall: The wall time now (aware).

    Returns:
        "past" (the booked time is over), "early" (more than an hour ahead), or None.
    """
    if state.status != "open":
        return None
    if wall >= state.plan.end:
        return "past"
    if (state.plan.start - wall).total_seconds() > EARLY_START_S:
        return "early"
    return None
