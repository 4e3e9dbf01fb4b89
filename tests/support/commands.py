"""Commands of every kind for a state: what the tests ask the engine about."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from starmote.engine import commands as c
from starmote.engine import timing
from starmote.engine.rules import Now
from starmote.engine.state import MODES, Action, Decision, Goal, MeetingState, ParkedQuestion
from starmote.plan.model import STOCKHOLM

FOLLOW_UP = datetime(2027, 1, 14, 9, 0, tzinfo=STOCKHOLM)
"""A follow-up after any test meeting."""


def captured(state: MeetingState) -> dict[int, Goal | Action | Decision | ParkedQuestion]:
    """The entries a correction can replace, by id."""
    return {e.id: e for e in (*state.goals, *state.actions, *state.decisions, *state.parked)}


def replacements(entry: object, parties: list[str]) -> list[Any]:
    """Valid corrections of a captured entry (for any party, for a parked question)."""
    if isinstance(entry, Goal):
        return [c.AddGoal(entry.horizon, entry.text + " (rättat)")]
    if isinstance(entry, Action):
        return [c.AddAction(entry.what + " (rättat)", entry.owner, entry.due, entry.how_often)]
    if isinstance(entry, Decision):
        return [c.AddDecision(entry.text + " (rättat)")]
    if isinstance(entry, ParkedQuestion):
        return [c.ParkQuestion(entry.text, p) for p in parties]
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
    yield from (c.AddNote("Anteckning"), c.AddGoal("long", "Ett mål"), c.AddDecision("Beslut"))
    yield from (c.SetFollowUp(FOLLOW_UP, 60, "Rum 1"), c.CancelFollowUp())
    yield c.GiveFeedback("Bra möte")
    yield c.Rebalance(tuple(clock.budget for clock in state.phases))
    if state.phase is not None:
        yield c.Rebalance(timing.propose_rebalance(state, now.t))
    for note in state.notes:
        yield c.Retract(note.id)
    for entry_id, entry in captured(state).items():
        yield c.Retract(entry_id)
        yield from (c.Correct(entry_id, r) for r in replacements(entry, parties))
    for single in (state.main_responsible, state.follow_up, state.feedback):
        if single is not None:
            yield c.Retract(single.id)
    yield c.ApproveInvite("follow_up", "basis", "Samordningsmöte", "Rum 1")
    for action in state.actions:
        yield c.ApproveInvite(f"action-{action.id}", "basis", "Insats att följa upp")
    yield from (c.CloseMeeting(), c.CloseMeeting("Slut för i dag"))
