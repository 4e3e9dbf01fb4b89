"""The meeting engine: commands in, events out. Pure: no I/O, no clock.

`decide(state, command, now)` checks a command against the rules and
returns the events it causes (or raises `DomainError`); `fold` turns events
into state. The caller (a `Session`) stores the events and folds them.
Whether a command may be given in a state at all is `engine.allowed`'s to
say: `decide` asks it first, and the screens ask it before offering a key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from starmote.dates import part_length
from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine import timing
from starmote.engine.allowed import (
    DomainError,
    check,
    known_owner,
    known_party,
    previous_turn,
)
from starmote.engine.fold import evolve, fold
from starmote.engine.review import statuses_for
from starmote.engine.state import MODES, MeetingState, Note, passed_in_round
from starmote.plan import limits
from starmote.plan.fields import EMAIL_RE
from starmote.plan.model import FIRST_CHAIR, MAX_DURATION, MeetingPlan
from starmote.privacy import contains_personnummer, strip_unsafe
from starmote.record import Record, record

__all__ = ["DomainError", "Now", "decide", "evolve", "fold", "open_meeting", "round_order"]

MAX_EXTENSION_S = 30 * 60


@record
class Now(Record):
    """A reading of the clock, passed into the engine."""

    t: float
    """Seconds since the meeting opened, from a monotonic clock."""
    wall: datetime
    """Aware wall time (UTC) for stamps and display."""


class _Emit:
    """Numbers the events of one decision in order."""

    def __init__(self, state: MeetingState, now: Now) -> None:
        self.seq = state.last_seq
        self.now = now
        self.events: list[ev.Event] = []

    def __call__(self, cls: type[ev.Event], **fields: Any) -> None:
        self.seq += 1
        self.events.append(cls(seq=self.seq, t=self.now.t, wall=self.now.wall, **fields))


def open_meeting(
    plan: MeetingPlan, meeting_id: str, now: Now, lang: str | None = None
) -> list[ev.Event]:
    """The first event of a meeting.

    Args:
        plan: The validated plan.
        meeting_id: The journal's id for this meeting.
        now: The clock reading at opening (normally t=0).
        lang: UI and minutes language; the plan's by default.

    Returns:
        `[MeetingOpened]`.
    """
    booked_end = now.t + (plan.start - now.wall).total_seconds() + plan.duration_s
    return [
        ev.MeetingOpened(
            seq=1,
            t=now.t,
            wall=now.wall,
            meeting_id=meeting_id,
            plan=plan,
            booked_end=booked_end,
            lang=lang or plan.language,
            individual_first=plan.individual.wants_first_word,
        )
    ]


def round_order(state: MeetingState, phase: int) -> tuple[str, ...]:
    """Present parties in speaking order for a round in `phase`.

    The template says who opens each part (`Phase.opener`): the person, a party kind
    (Försäkringskassan says why an avstämningsmöte is held), or the chair's order. The
    person is offered the first word if they wish and the part opens with them, or right
    after the named party; otherwise they speak last, so they also have the last word.
    A team case's person speaks in their own case only.
    """
    plan = state.plan
    opener = plan.phases[phase].opener
    code = plan.phases[phase].case_code
    order = [a.party for a in state.attendance if a.here and plan.party(a.party).case in ("", code)]
    people = [p for p in order if plan.party(p).is_individual]
    openers = [p for p in order if p not in people and plan.party(p).kind == opener]
    rest = [p for p in order if p not in people and p not in openers]
    first: list[str] = []
    last: list[str] = []
    for person in people:
        party = plan.party(person)
        if party.case:
            case = plan.team_case(party.case)
            wants = case.person is not None and case.person.wants_first_word
        else:
            wants = state.individual_first and opener != FIRST_CHAIR
        (first if wants else last).append(person)
    return tuple(openers + first + rest + last)


# --- guards -----------------------------------------------------------------
# What a command may act on, and when, is checked in engine.allowed before these run;
# here are the checks of typed values (text, modes, dates, budgets).


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError("engine.error.empty", what=field)
    return _free(value, field)


def _free(value: str, field: str) -> str:
    """Optional typed text, cleaned and stripped; within the field's length; never a personnummer.

    What is typed is shown on a screen that may be projected, and kept in the minutes.
    Control and bidi characters (a paste may bring ESC, BEL or a right-to-left override)
    are removed; only a multi-line field (`limits.MULTILINE`) keeps line breaks and tabs.
    `field` names the text in `limits.FIELDS` and in the refusal.
    """
    value = strip_unsafe(value or "", multiline=field in limits.MULTILINE).strip()
    limit = limits.FIELDS[field]
    if len(value) > limit:
        raise DomainError(f"engine.error.too_long.{field}", limit=limit, got=len(value))
    if contains_personnummer(value):
        raise DomainError("engine.error.personnummer_in_text")
    return value


def _mode(mode: str | None) -> str:
    if mode not in MODES:
        raise DomainError("engine.error.bad_mode", mode=mode or "")
    return mode


def _has_spoken(state: MeetingState, party: str, phase: int) -> bool:
    return any(s.party == party and s.phase == phase for s in state.spoken)


def _join_round(state: MeetingState, party: str, emit: _Emit) -> None:
    """A party that arrives during a round gets a place at its end.

    A team case's person who wants the first word arrives when their case is taken up
    (never before): they have the word next.
    """
    if state.phase is None or state.plan.phases[state.phase].turns != "round":
        return
    if party in state.queue or (state.turn and state.turn.party == party):
        return
    if _has_spoken(state, party, state.phase):
        return
    bound = state.plan.party(party).case
    person = state.plan.team_case(bound).person if bound else None
    if person is not None and person.wants_first_word:
        emit(ev.QueueSet, queue=(party,) + state.queue)
    else:
        emit(ev.QueueSet, queue=state.queue + (party,))
    _reshare(state, emit)


def _after(state: MeetingState, emit: _Emit) -> MeetingState:
    """`state` with the events of this decision so far folded in."""
    for event in emit.events:
        state = evolve(state, event)
    return state


def _reshare(before: MeetingState, emit: _Emit) -> None:
    """Share the part's time left out again between the speaker and those still to come.

    A turn's budget is its part's time left ÷ the speakers still to come when it starts.
    When the part's budget changes (a rebalance) or the round does (a party arrives,
    rejoins or leaves), the current speaker keeps what they have used and gets an even
    share of what is left now; the extra time the chair gave them stays theirs.

    Args:
        before: The state the decision started from (`emit` holds its events so far).
        emit: The decision's events.
    """
    state = _after(before, emit)
    turn = state.turn
    if turn is None or state.phase is None:
        return
    now = emit.now.t
    used = turn.used(now, state.paused_at)
    left = max(0.0, timing.phase_remaining(state, now) or 0.0)
    budget = used + left / (1 + len(state.queue)) + turn.extended
    if abs(budget - turn.budget) >= 0.5:
        emit(ev.TurnBudgetSet, budget=budget)


def _start_turn(state: MeetingState, party: str, emit: _Emit, queue_len: int) -> None:
    budget = timing.turn_budget(state, emit.now.t, queue_len)
    phase = state.phase if state.phase is not None else 0
    emit(ev.TurnStarted, party=party, phase=phase, budget=budget, used_before=0.0, resumed=False)


# --- attendance -------------------------------------------------------------


def _check_in(state: MeetingState, cmd: c.CheckIn, emit: _Emit) -> None:
    party = cmd.party
    mode = _mode(cmd.mode)
    if state.attendance_of(party).presence in ("left", "dropped"):
        emit(ev.PartyRejoined, party=party, mode=mode)
    else:
        emit(ev.PartyCheckedIn, party=party, mode=mode, late=state.status != "open")
    _join_round(state, party, emit)


def _absent(state: MeetingState, cmd: c.MarkAbsent, emit: _Emit) -> None:
    emit(
        ev.PartyAbsent,
        party=cmd.party,
        notified=bool(cmd.notified),
        reason=_free(cmd.reason, "reason"),
    )


def _substitute(state: MeetingState, cmd: c.NoteSubstitute, emit: _Emit) -> None:
    party = cmd.party
    name = _text(cmd.name, "substitute")
    mode = _mode(cmd.mode)
    emit(ev.SubstituteNoted, party=party, name=name, mode=mode, late=state.status != "open")
    _join_round(state, party, emit)


def _leave(state: MeetingState, party: str, emit: _Emit, kind: type[ev.Event]) -> None:
    if state.turn is not None and state.turn.party == party:
        emit(ev.TurnEnded, party=party, skipped=False, requeue=False)
    if party in state.queue:
        emit(ev.QueueSet, queue=tuple(p for p in state.queue if p != party))
    emit(kind, party=party)
    _reshare(state, emit)  # one fewer to come: the speaker's share grows


def _rejoin(state: MeetingState, cmd: c.Rejoin, emit: _Emit) -> None:
    party = cmd.party
    att = state.attendance_of(party)
    emit(ev.PartyRejoined, party=party, mode=_mode(cmd.mode or att.mode or "in_person"))
    _join_round(state, party, emit)


# --- phases and turns -------------------------------------------------------


def _next_phase(state: MeetingState, cmd: c.NextPhase, emit: _Emit) -> None:
    nxt = 0
    if state.status == "running" and state.phase is not None:
        if state.turn is not None:
            emit(ev.TurnEnded, party=state.turn.party, skipped=False, requeue=False)
        ending = state.plan.phases[state.phase].case_code
        if ending:
            # A person at their own case leaves with it: the next case is someone else's.
            for att in state.attendance:
                if att.here and state.plan.party(att.party).case == ending:
                    emit(ev.PartyLeft, party=att.party)
        emit(ev.PhaseEnded, phase=state.phase)
        nxt = state.phase + 1
        if nxt >= len(state.plan.phases):
            return
        for event in emit.events:  # who is here when the next part starts
            state = evolve(state, event)
    plan_phase = state.plan.phases[nxt]
    order = round_order(state, nxt)
    code = plan_phase.case_code
    missing = tuple(
        p.key
        for p in state.plan.parties
        if p.key not in order and (not p.case or (p.case == code and p.is_individual))
    )
    queue = order if plan_phase.turns == "round" else ()
    emit(ev.PhaseStarted, phase=nxt, queue=queue, missing=missing)
    if queue:
        budget = state.phases[nxt].budget / len(queue)
        emit(
            ev.TurnStarted, party=queue[0], phase=nxt, budget=budget, used_before=0.0, resumed=False
        )


def _advance(state: MeetingState, emit: _Emit, skipped: bool) -> None:
    ending = state.turn.party if state.turn is not None else None
    if ending is not None:
        emit(ev.TurnEnded, party=ending, skipped=skipped, requeue=False)
    if state.queue:
        # The phase clock already holds the time this turn used.
        _start_turn(state, state.queue[0], emit, len(state.queue))
        return
    # The end of the round: whoever passed is offered the word once more, before the
    # round counts as done (see `state.passed_in_round`).
    after = _after(state, emit)
    again = passed_in_round(after)
    if again:
        emit(ev.QueueSet, queue=again)
        _start_turn(after, again[0], emit, len(again))


def _next_speaker(state: MeetingState, cmd: c.NextSpeaker, emit: _Emit) -> None:
    _advance(state, emit, skipped=False)


def _skip_speaker(state: MeetingState, cmd: c.SkipSpeaker, emit: _Emit) -> None:
    _advance(state, emit, skipped=True)


def _back_speaker(state: MeetingState, cmd: c.BackSpeaker, emit: _Emit) -> None:
    previous = previous_turn(state)
    assert previous is not None and state.phase is not None  # engine.allowed checked both
    if state.turn is not None:
        emit(ev.TurnEnded, party=state.turn.party, skipped=False, requeue=True)
    emit(
        ev.TurnStarted,
        party=previous.party,
        phase=state.phase,
        budget=previous.budget,
        used_before=previous.used,
        resumed=True,
    )


def _extend(state: MeetingState, cmd: c.ExtendTurn, emit: _Emit) -> None:
    if not 0 < cmd.seconds <= MAX_EXTENSION_S:
        raise DomainError("engine.error.bad_extension", seconds=cmd.seconds)
    emit(ev.TurnExtended, seconds=float(cmd.seconds))


def _jump(state: MeetingState, cmd: c.JumpTo, emit: _Emit) -> None:
    party = cmd.party
    after = state
    if state.turn is not None:
        emit(ev.TurnEnded, party=state.turn.party, skipped=False, requeue=False)
        after = evolve(state, emit.events[-1])
    others = len([p for p in after.queue if p != party])
    _start_turn(after, party, emit, others + 1)


# --- capture ----------------------------------------------------------------


def _tick(state: MeetingState, cmd: c.TickPrompt, emit: _Emit) -> None:
    emit(ev.PromptTicked, phase=state.phase, index=cmd.index, ticked=bool(cmd.ticked))


def _question(state: MeetingState, cmd: c.SetQuestionStatus, emit: _Emit) -> None:
    if cmd.status not in ("answered", "deferred", "open"):
        raise DomainError("engine.error.bad_status", status=cmd.status)
    text = ""
    if cmd.status == "deferred":
        # It lands in the follow-up: the next meeting must know why it waits.
        text = _free(cmd.text, "question_reason")
        if not text:
            raise DomainError("engine.error.deferred_needs_reason")
    elif cmd.status == "answered":
        text = _free(cmd.text, "answer")
    emit(
        ev.QuestionStatusSet,
        index=cmd.index,
        status=cmd.status,
        case=state.case_of(cmd.case),
        text=text,
    )


def _consent(state: MeetingState, cmd: c.ConfirmConsent, emit: _Emit) -> None:
    case = state.case_of(cmd.case)
    scope, note = _free(cmd.scope, "consent_scope"), _free(cmd.note, "consent_note")
    emit(ev.ConsentConfirmed, scope=scope, note=note, case=case)


def _consent_missing(state: MeetingState, cmd: c.RecordConsentMissing, emit: _Emit) -> None:
    note = _free(cmd.note, "consent_note")
    emit(ev.ConsentMissing, note=note, case=state.case_of(cmd.case))


def _said_by(state: MeetingState, wanted: str | None, replaces: Note | None) -> str | None:
    """Who a note is tied to: only whom the chair chose; a correction keeps its note's own."""
    if wanted is None:
        return replaces.party if replaces else None
    if wanted == c.GENERAL:
        return None
    if wanted == c.SPEAKER:
        return state.turn.party if state.turn else None
    return known_owner(state, wanted)


def _note(state: MeetingState, cmd: c.AddNote, emit: _Emit, replaces: Note | None = None) -> None:
    text = _text(cmd.text, "note")
    # A note belongs to its part: a corrected one stays where it was said, not in the
    # closing; it is someone's only when the chair says whose (the speaker is not assumed).
    party = _said_by(state, cmd.party, replaces)
    emit(
        ev.NoteAdded,
        text=text,
        phase=replaces.phase if replaces else state.phase,
        party=party,
        case=state.case_of(cmd.case),
        replaces=replaces.id if replaces else 0,
        category=cmd.category,
        section=cmd.section,
    )


def _goal(state: MeetingState, cmd: c.AddGoal, emit: _Emit) -> None:
    if cmd.horizon not in ("short", "long"):
        raise DomainError("engine.error.bad_horizon", horizon=cmd.horizon)
    text = _text(cmd.text, "goal")
    case = state.case_of(cmd.case)
    emit(ev.GoalAdded, horizon=cmd.horizon, text=text, case=case, category=cmd.category)


def _action(state: MeetingState, cmd: c.AddAction, emit: _Emit) -> None:
    what = _text(cmd.what, "action")
    owner = known_owner(state, cmd.owner)
    proposed = cmd.proposed
    if proposed is None:
        # What a party that is not here proposes, or is given, waits for its word.
        here = not state.plan.has_party(owner) or state.attendance_of(owner).here
        proposed = not here
    if cmd.due is not None and cmd.due < state.plan.start.date():
        raise DomainError("engine.error.due_in_past", due=cmd.due.isoformat())
    if cmd.offer and not any(o.key == cmd.offer for o in state.plan.offers):
        raise DomainError("engine.error.unknown_offer", offer=cmd.offer)
    emit(
        ev.ActionAdded,
        what=what,
        owner=owner,
        due=cmd.due,
        how_often=_free(cmd.how_often, "how_often"),
        case=state.case_of(cmd.case),
        offer=cmd.offer,
        proposed=bool(proposed),
        category=cmd.category,
    )


def _confirm_action(state: MeetingState, cmd: c.ConfirmAction, emit: _Emit) -> None:
    emit(ev.ActionConfirmed, entry=cmd.entry_id)


def _decision(state: MeetingState, cmd: c.AddDecision, emit: _Emit) -> None:
    text, case = _text(cmd.text, "decision"), state.case_of(cmd.case)
    emit(ev.DecisionAdded, text=text, case=case, category=cmd.category)


def _park(state: MeetingState, cmd: c.ParkQuestion, emit: _Emit) -> None:
    text = _text(cmd.text, "question")
    emit(ev.QuestionParked, text=text, for_party=cmd.for_party, case=state.case_of(cmd.case))


def _move_case(state: MeetingState, cmd: c.MoveCase, emit: _Emit) -> None:
    codes = [p.case_code for p in state.plan.phases if p.case_code]
    at = codes.index(cmd.code)
    codes.insert(at + cmd.by, codes.pop(at))
    emit(ev.AgendaSet, order=tuple(codes))


def _consider_offer(state: MeetingState, cmd: c.ConsiderOffer, emit: _Emit) -> None:
    case = state.case_of(cmd.case)
    emit(ev.OfferConsidered, case=case, key=cmd.key, considered=bool(cmd.considered))


def _responsible(state: MeetingState, cmd: c.SetMainResponsible, emit: _Emit) -> None:
    party = cmd.party
    person = _free(cmd.person, "person") or state.plan.party(party).person
    emit(ev.MainResponsibleSet, party=party, person=person, asked_individual=cmd.asked_individual)


def _follow_up(state: MeetingState, cmd: c.SetFollowUp, emit: _Emit) -> None:
    if cmd.start.tzinfo is None:
        raise DomainError("engine.error.naive_time")
    if cmd.start <= state.plan.start:
        raise DomainError("engine.error.follow_up_before")
    if not 5 <= cmd.duration_min <= MAX_DURATION:
        raise DomainError("engine.error.bad_duration", minutes=cmd.duration_min)
    convener = known_party(state, cmd.convener) if cmd.convener else ""
    place = _free(cmd.place, "place")
    link = None if cmd.link is None else _free(cmd.link, "invite_link")
    current = state.follow_up
    if current is not None and not current.cancelled:
        booked = (current.start, current.duration_min, current.place, current.convener)
        if booked == (cmd.start, cmd.duration_min, place, convener) and current.link == link:
            # An update with nothing new would still go out to every party's calendar.
            raise DomainError("engine.error.follow_up_unchanged")
        uid, sequence = current.uid, current.sequence + 1
    else:
        uid, sequence = f"{state.meeting_id}-followup-{state.last_seq + 1}@starmote", 0
    emit(
        ev.FollowUpSet,
        start=cmd.start,
        duration_min=cmd.duration_min,
        place=place,
        convener=convener,
        uid=uid,
        sequence=sequence,
        link=link,
    )


def _cancel_follow_up(state: MeetingState, cmd: c.CancelFollowUp, emit: _Emit) -> None:
    current = state.follow_up
    assert current is not None  # engine.allowed checked it is set and not cancelled
    emit(ev.FollowUpCancelled, uid=current.uid, sequence=current.sequence + 1)


def _close_plan(state: MeetingState, cmd: c.ClosePlan, emit: _Emit) -> None:
    emit(ev.PlanClosed, reason=_text(cmd.reason, "reason"))


def _feedback(state: MeetingState, cmd: c.GiveFeedback, emit: _Emit) -> None:
    emit(ev.FeedbackGiven, text=_text(cmd.text, "feedback"))


def _rebalance(state: MeetingState, cmd: c.Rebalance, emit: _Emit) -> None:
    budgets = tuple(float(b) for b in cmd.budgets)
    if len(budgets) != len(state.phases):
        raise DomainError("engine.error.bad_budgets")
    plan = state.plan
    for i, (clock, budget) in enumerate(zip(state.phases, budgets, strict=True)):
        if clock.done and budget != clock.budget:
            raise DomainError("engine.error.budget_of_done", phase=plan.phases[i].title_sv)
        floor = plan.duration_s * plan.phases[i].floor_share / 100
        if budget < 0 or (not clock.done and budget < floor):
            raise DomainError(
                "engine.error.below_floor",
                phase=plan.phases[i].title_sv,
                minutes=part_length(floor, unit=False),
            )
    applied = tuple(i for i, clock in enumerate(state.phases) if not clock.done)
    emit(ev.Rebalanced, budgets=budgets, applied=applied)
    _reshare(state, emit)


def _retract(state: MeetingState, cmd: c.Retract, emit: _Emit) -> None:
    emit(ev.EntryRetracted, entry=cmd.entry_id, reason=_free(cmd.reason, "reason"))


def _correct(state: MeetingState, cmd: c.Correct, emit: _Emit) -> None:
    # engine.allowed checked the entry and what the replacement acts on; its values here.
    if isinstance(cmd.replacement, c.AddNote):
        old = next(n for n in state.notes if n.id == cmd.entry_id)
        _note(state, cmd.replacement, emit, replaces=old)
    else:
        _RULES[type(cmd.replacement)](state, cmd.replacement, emit)  # refused: nothing emitted
    emit(ev.EntryRetracted, entry=cmd.entry_id, reason="")


def _approve_invite(state: MeetingState, cmd: c.ApproveInvite, emit: _Emit) -> None:
    link = _free(cmd.link, "invite_link")
    if link and not link.startswith(("https://", "http://")):
        raise DomainError("engine.error.bad_link", link=link)
    attendees: list[str] = []
    for raw in cmd.attendees:
        address = strip_unsafe(raw or "").strip()
        if len(address) > limits.EMAIL or not EMAIL_RE.match(address):
            raise DomainError("engine.error.bad_address", address=address)
        if contains_personnummer(address):
            raise DomainError("engine.error.personnummer_in_text")
        if address.lower() not in (a.lower() for a in attendees):
            attendees.append(address)
    if not (cmd.basis or "").strip():
        raise DomainError("engine.error.no_invite")
    emit(
        ev.InviteApproved,
        key=cmd.key,
        basis=cmd.basis,
        title=_text(cmd.title, "invite_title"),
        place=_free(cmd.place, "invite_place"),
        link=link,
        message=_free(cmd.message, "invite_message"),
        attendees=tuple(attendees),
    )


def _review(state: MeetingState, cmd: c.ReviewPrevious, emit: _Emit) -> None:
    # engine.allowed checked the item and the moment; here its status and the comment.
    if cmd.status not in statuses_for(cmd.kind):
        raise DomainError("engine.error.bad_status", status=cmd.status)
    comment = _free(cmd.comment, "review_comment")
    emit(ev.PreviousReviewed, item=cmd.kind, index=cmd.index, status=cmd.status, comment=comment)


def _close(state: MeetingState, cmd: c.CloseMeeting, emit: _Emit) -> None:
    # engine.allowed asked for lead and follow-up if there is none
    reason = _free(cmd.reason, "reason")
    if state.paused_at is not None:
        emit(ev.Resumed)
    if state.turn is not None:
        emit(ev.TurnEnded, party=state.turn.party, skipped=False, requeue=False)
    if state.phase is not None:
        emit(ev.PhaseEnded, phase=state.phase)
    emit(ev.MeetingClosed, reason=reason)


_RULES: dict[type[c.Command], Callable[[MeetingState, Any, _Emit], None]] = {
    c.CheckIn: _check_in,
    c.MarkAbsent: _absent,
    c.NoteSubstitute: _substitute,
    c.Leave: lambda s, cmd, emit: _leave(s, cmd.party, emit, ev.PartyLeft),
    c.Drop: lambda s, cmd, emit: _leave(s, cmd.party, emit, ev.PartyDropped),
    c.Rejoin: _rejoin,
    c.ConfirmConsent: _consent,
    c.RecordConsentMissing: _consent_missing,
    c.SetIndividualFirst: lambda s, cmd, emit: emit(ev.IndividualFirstSet, value=bool(cmd.value)),
    c.NextPhase: _next_phase,
    c.NextSpeaker: _next_speaker,
    c.SkipSpeaker: _skip_speaker,
    c.BackSpeaker: _back_speaker,
    c.ExtendTurn: _extend,
    c.JumpTo: _jump,
    c.Pause: lambda s, cmd, emit: emit(ev.Paused),
    c.Resume: lambda s, cmd, emit: emit(ev.Resumed),
    c.TickPrompt: _tick,
    c.SetQuestionStatus: _question,
    c.AddNote: _note,
    c.AddGoal: _goal,
    c.AddAction: _action,
    c.ConfirmAction: _confirm_action,
    c.AddDecision: _decision,
    c.ParkQuestion: _park,
    c.MoveCase: _move_case,
    c.ConsiderOffer: _consider_offer,
    c.SetMainResponsible: _responsible,
    c.SetFollowUp: _follow_up,
    c.CancelFollowUp: _cancel_follow_up,
    c.ClosePlan: _close_plan,
    c.GiveFeedback: _feedback,
    c.Rebalance: _rebalance,
    c.Retract: _retract,
    c.Correct: _correct,
    c.CloseMeeting: _close,
    c.ApproveInvite: _approve_invite,
    c.ReviewPrevious: _review,
}


def decide(state: MeetingState, command: c.Command, now: Now) -> list[ev.Event]:
    """The events `command` causes in `state` at `now`.

    `engine.allowed.check` decides whether the command may be given now (the
    same check the screens ask before offering a key); the rule for its kind
    then checks its typed values and says what happens.

    Args:
        state: The meeting as folded so far.
        command: What the chair asked for.
        now: The clock reading; `now.t` must not go backwards.

    Returns:
        The new events, numbered after `state.last_seq`.

    Raises:
        DomainError: The command is not allowed now; the error names why.
    """
    check(state, command)
    emit = _Emit(state, now)
    _RULES[type(command)](state, command, emit)
    return emit.events
