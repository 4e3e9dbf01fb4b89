"""Commands of every kind for a state: what the tests ask the engine about."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.engine.rules import Now
from starmote.engine.state import (
    MODES,
    Action,
    Decision,
    Goal,
    MeetingState,
    Note,
    ParkedQuestion,
)
from starmote.plan.model import STOCKHOLM

FOLLOW_UP = datetime(2027, 2, 11, 9, 0, tzinfo=STOCKHOLM)
"""A follow-up after any test meeting (the sample team session is on 2027-01-14)."""


def captured(state: MeetingState) -> dict[int, Note | Goal | Action | Decision | ParkedQuestion]:
    """The entries a correction can replace, by id."""
    rows = (*state.notes, *state.goals, *state.actions, *state.decisions, *state.parked)
    return {e.id: e for e in rows}


def replacements(entry: object, parties: list[str]) -> list[Any]:
    """Valid corrections of a captured entry (for any party, for a parked question).

    A correction keeps the entry's case: in a team session, outside a case, the case
    taken up now is none.
    """
    case = getattr(entry, "case", None)
    if isinstance(entry, Note):
        return [c.AddNote(entry.text + " (rättat)", case=case)]
    if isinstance(entry, Goal):
        return [c.AddGoal(entry.horizon, entry.text + " (rättat)", case=case)]
    if isinstance(entry, Action):
        what = entry.what + " (rättat)"
        return [c.AddAction(what, entry.owner, entry.due, entry.how_often, case=case)]
    if isinstance(entry, Decision):
        return [c.AddDecision(entry.text + " (rättat)", case=case)]
    if isinstance(entry, ParkedQuestion):
        return [c.ParkQuestion(entry.text, p, case=case) for p in parties]
    return []


def every_command(state: MeetingState, now: Now) -> Iterator[c.Command]:
    """A command of every kind, for every target the state has."""
    parties = [p.key for p in state.plan.parties]
    for p in parties:
        for m in MODES:
            yield c.CheckIn(p, m)
            yield c.Rejoin(p, m)
        yield c.MarkAbsent(p, notified=True)
        yield c.NoteSubstitute(p, "Ersättare")
        yield from (c.Leave(p), c.Drop(p), c.JumpTo(p), c.SetMainResponsible(p))
        yield from (c.AddAction("En insats", p), c.ParkQuestion("En fråga?", p))
    yield from (c.ConfirmConsent(), c.RecordConsentMissing())
    yield c.SetIndividualFirst(not state.individual_first)
    yield from (c.NextPhase(), c.NextSpeaker(), c.SkipSpeaker(), c.BackSpeaker())
    yield from (c.ExtendTurn(60), c.Pause(), c.Resume())
    for i in range(9):
        yield c.TickPrompt(i, (state.phase, i) not in state.ticked)
    for i in range(len(state.plan.questions)):
        yield c.SetQuestionStatus(i, "answered")
        yield c.SetQuestionStatus(i, "deferred", text="Till uppföljningen")
    yield from (c.ConfirmAction(a.id) for a in state.actions if a.proposed)
    yield from (c.AddNote("Anteckning"), c.AddGoal("long", "Ett mål"), c.AddDecision("Beslut"))
    # A booking other than the one held, so it is a move (the same booking twice is refused).
    fu = state.follow_up
    again = fu is not None and not fu.cancelled and fu.start == FOLLOW_UP
    yield c.SetFollowUp(FOLLOW_UP + timedelta(days=7) if again else FOLLOW_UP, 60, "Rum 1")
    yield c.CancelFollowUp()
    yield c.ClosePlan("Målen är nådda")
    yield c.GiveFeedback("Bra möte")
    yield c.Rebalance(tuple(clock.budget for clock in state.phases))
    if state.phase is not None:
        yield c.Rebalance(timing.propose_rebalance(state, now.t))
    for entry_id, entry in captured(state).items():
        yield c.Retract(entry_id)
        yield from (c.Correct(entry_id, r) for r in replacements(entry, parties))
    for single in (state.main_responsible, state.follow_up, state.feedback):
        if single is not None:
            yield c.Retract(single.id)
    yield c.ApproveInvite("follow_up", "basis", "Samordningsmöte", "Rum 1")
    yield c.ApproveInvite("kallelse", "basis", "Samordningsmöte", "Rum 1")
    for action in state.actions:
        yield c.ApproveInvite(f"action-{action.id}", "basis", "Insats att följa upp")
    yield from (c.CloseMeeting(), c.CloseMeeting("Slut för i dag"))
    yield from team_commands(state)
    yield from review_commands(state)


def review_targets(state: MeetingState) -> list[tuple[str, int, str]]:
    """(kind, index, a status it takes) for each item of the previous plan, if there is one."""
    previous = state.plan.previous
    if previous is None:
        return []
    rows = (("action", previous.insatser), ("goal", previous.goals), ("parked", previous.parked))
    return [
        (kind, i, "answered" if kind == "parked" else "done")
        for kind, items in rows
        for i in range(len(items))
    ]


def review_commands(state: MeetingState) -> Iterator[c.Command]:
    """A follow-up's review of each item of the previous plan (none when there is none)."""
    for kind, index, status in review_targets(state):
        yield c.ReviewPrevious(kind, index, status, "Klart")


def team_commands(state: MeetingState) -> Iterator[c.Command]:
    """What only a team session has: cases on the agenda, the utbudskarta, entries per case."""
    codes = [p.case_code for p in state.plan.phases if p.case_code]
    for code in codes:
        yield from (c.MoveCase(code, -1), c.MoveCase(code, 1))
    for offer in state.plan.offers[:2]:
        yield from (c.ConsiderOffer(offer.key, True), c.ConsiderOffer(offer.key, False))
    parties = [p.key for p in state.plan.parties]
    for case in [*codes, ""] if codes else []:
        yield from (c.AddNote("Anteckning", case=case), c.AddGoal("long", "Ett mål", case=case))
        yield from (
            c.AddDecision("Beslut", case=case),
            c.AddAction("En insats", parties[0], case=case),
        )
        yield from (c.ParkQuestion("En fråga?", p, case=case) for p in parties)
        for i in range(len(state.questions_of(case))):
            yield c.SetQuestionStatus(i, "answered", case=case)
