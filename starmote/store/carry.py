"""What a follow-up case takes from a stored meeting: a view of its fold, copied, not referred to.

The follow-up must still work after the old meeting is purged, so everything it needs
(the goals, the insatser and whose they are, what was left open) is copied into the
new case file; only the old meeting's id is kept, to show.
"""

from __future__ import annotations

from dataclasses import replace

from starmote.engine.state import CHAIR, NOTE_TAKER, MeetingState
from starmote.plan.draft import CaseDraft, from_plan
from starmote.plan.model import (
    STOCKHOLM,
    Previous,
    PreviousAction,
    PreviousGoal,
    PreviousParked,
    PreviousQuestion,
)


def _case(state: MeetingState, case: str) -> str:
    """How an item's case is written: a team case's code, "" for the meeting's own."""
    return case if state.plan.team_cases else ""


def _owner_name(state: MeetingState, owner: str) -> str:
    """The name an insats's owner is written with: a party's label, or the chair's name."""
    if owner == CHAIR:
        return state.plan.chair.name
    if owner == NOTE_TAKER:
        return state.plan.note_taker.name if state.plan.note_taker else ""
    return state.plan.label_of(owner)


def still_parked(state: MeetingState) -> tuple[PreviousParked, ...]:
    """The questions parked before the meeting it follows up that it did not answer.

    A question kept open, or never put to its party, waits for the next meeting still.
    """
    previous = state.plan.previous
    if previous is None:
        return ()
    answered = {
        r.index for r in state.previous_reviews if r.kind == "parked" and r.status == "answered"
    }
    return tuple(p for i, p in enumerate(previous.parked) if i not in answered)


def previous_of(state: MeetingState) -> Previous:
    """The goals, insatser, parked questions and open frågeställningar of a meeting.

    Retracted entries are already gone from the fold; a correction is its new text.
    A frågeställning counts as open unless the meeting marked it answered.

    Args:
        state: The meeting, folded from its journal.

    Returns:
        The `[previous]` of a follow-up's case file.
    """
    plan = state.plan
    held = (state.began or state.opened).wall.astimezone(STOCKHOLM).date()
    open_questions = []
    for case in state.case_codes:
        statuses = state.question_statuses(case)
        reasons = state.question_texts(case)  # a deferred question's reason
        for i, text in enumerate(state.questions_of(case)):
            status = statuses.get(i, "open")
            if status != "answered":
                reason = reasons.get(i, "") if status == "deferred" else ""
                open_questions.append(
                    PreviousQuestion(
                        text=text, status=status, case=_case(state, case), reason=reason
                    )
                )
    return Previous(
        meeting=state.meeting_id,
        date=held,
        goals=tuple(
            PreviousGoal(
                horizon=g.horizon, text=g.text, case=_case(state, g.case), category=g.category
            )
            for g in state.goals
        ),
        insatser=tuple(
            PreviousAction(
                what=a.what,
                owner=a.owner,
                owner_name=_owner_name(state, a.owner),
                due=a.due,
                how_often=a.how_often,
                case=_case(state, a.case),
                category=a.category,
            )
            for a in state.actions
        ),
        parked=still_parked(state)
        + tuple(
            PreviousParked(
                text=p.text,
                for_party=p.for_party,
                for_name=plan.label_of(p.for_party),
                case=_case(state, p.case),
            )
            for p in state.parked
        ),
        open_questions=tuple(open_questions),
    )


def follow_up_draft(state: MeetingState) -> CaseDraft:
    """The `new` form's fields for the follow-up of a stored meeting.

    The same template, case, individual, chair, note taker, parties and consent; the
    follow-up's time, length and place when one was booked (else left for the chair);
    the frågeställningar still open as the new meeting's questions; and `previous`.
    What each party was asked to bring is left empty: that was for the last meeting.

    Args:
        state: The meeting, folded from its journal.

    Returns:
        A draft to open the form with.
    """
    plan = state.plan
    draft = from_plan(plan)
    previous = previous_of(state)
    follow = state.follow_up
    if follow is not None and not follow.cancelled:
        local = follow.start.astimezone(STOCKHOLM)
        draft.when = f"{local:%Y-%m-%d %H:%M}"
        draft.duration = str(follow.duration_min)
        draft.place = follow.place
        # A follow-up booked with its own link carries it; the old meeting's link does not.
        draft.video_link = follow.link or ""
    else:
        draft.when = ""
    if not plan.team_cases:
        draft.questions = "\n".join(q.text for q in previous.open_questions)
    for party in draft.parties:
        party.brings = ""
    for case in draft.team_cases:
        code = case.code
        index = state.phase_of_case(code)
        if index is not None and state.phases[index].began is not None:
            case.kind = "uppfoljning"  # taken up last time; one not reached keeps its kind
        still_open = [q.text for q in previous.open_questions if q.case == code]
        case.questions = "\n".join(still_open)
    return replace(draft, previous=previous)
