"""`engine.allowed`: whether a command may be given now, the same answer `decide` acts on."""

from __future__ import annotations

import random
from datetime import date

import pytest

from starmote.engine import commands as c
from starmote.engine.allowed import AFTER_CLOSING, allows, correction_refusal, refusal
from starmote.engine.rules import DomainError, decide
from starmote.engine.state import MeetingState
from tests.support.commands import FOLLOW_UP, every_command
from tests.unit.engine.test_engine import Meeting, checked_in

VALUE_CHECKS = {
    "engine.error.empty",
    "engine.error.bad_mode",
    "engine.error.personnummer_in_text",
    "engine.error.bad_extension",
    "engine.error.bad_status",
    "engine.error.bad_horizon",
    "engine.error.due_in_past",
    "engine.error.naive_time",
    "engine.error.follow_up_before",
    "engine.error.bad_duration",
    "engine.error.bad_budgets",
    "engine.error.budget_of_done",
    "engine.error.below_floor",
    "engine.error.bad_link",
    "engine.error.bad_address",
}
"""What `decide` refuses beyond the shared precondition: typed values only."""

KINDS = [k for k in vars(c).values() if isinstance(k, type) and issubclass(k, c.Command)]
KINDS.remove(c.Command)


def test_consent_is_settled_before_the_start_or_in_inledning_only() -> None:
    m = checked_in(Meeting())
    for kind in (c.ConfirmConsent, c.RecordConsentMissing):
        assert allows(m.state, kind)  # before the start
    m.do(c.NextPhase())
    assert allows(m.state, c.ConfirmConsent) and allows(m.state, c.RecordConsentMissing)
    m.do(c.Pause())
    assert allows(m.state, c.ConfirmConsent)  # a pause to talk it over
    m.do(c.Resume(), c.ConfirmConsent("alla"))
    m.wait(300).do(c.NextPhase())  # Aktuell situation
    for command in (c.ConfirmConsent("alla"), c.RecordConsentMissing("ångrar sig")):
        why = refusal(m.state, command)
        assert why is not None and why.key == "engine.error.consent_not_now"
        with pytest.raises(DomainError) as err:
            m.do(command)
        assert err.value.key == "engine.error.consent_not_now"
    assert m.state.consent is not None and m.state.consent.confirmed
    # A person who withdraws consent later: the meeting closes, with the reason.
    m.do(c.CloseMeeting("Huvudpersonen tog tillbaka sitt samtycke"))
    assert m.state.status == "closed"


def test_rebalance_only_while_a_part_is_on() -> None:
    m = checked_in(Meeting())
    budgets = tuple(clock.budget for clock in m.state.phases)
    with pytest.raises(DomainError) as err:
        m.do(c.Rebalance(budgets))  # before the start nothing has run over
    assert err.value.key == "engine.error.not_running"
    assert not allows(m.state, c.Rebalance)
    m.do(c.NextPhase(), c.ConfirmConsent(), c.Pause())
    assert allows(m.state, c.Rebalance)  # paused to settle the time: fine
    m.do(c.Rebalance(budgets), c.Resume())
    assert m.state.rebalances == 1
    while m.state.status == "running":
        m.wait(60).do(c.NextPhase())
    assert m.state.status == "closing"  # all parts done: nothing left to share out
    assert refusal(m.state, c.Rebalance(budgets)).key == "engine.error.not_running"  # type: ignore[union-attr]


def test_every_kind_of_command_has_a_precondition_and_a_rule() -> None:
    m = checked_in(Meeting())
    m.do(c.NextPhase())
    for kind in KINDS:
        why = refusal(m.state, kind)
        assert why is None or why.key != "engine.error.unknown_command", kind


def test_a_closed_meeting_allows_nothing_but_invites_and_the_next_meeting() -> None:
    m = checked_in(Meeting())
    m.do(c.SetFollowUp(FOLLOW_UP, 60, "Rum 1"))
    m.do(c.CloseMeeting("Inställt"))
    after = {c.ApproveInvite, c.SetFollowUp, c.CancelFollowUp, c.ClosePlan}
    others = [kind for kind in KINDS if kind not in after]
    assert all(refusal(m.state, kind).key == "engine.error.closed" for kind in others)  # type: ignore[union-attr]
    # The minutes and invites are written once it is closed: their text is approved then;
    # the follow-up can still be moved or cancelled, the plan ended.
    assert after == AFTER_CLOSING
    approval = c.ApproveInvite("follow_up", "basis", "Samordningsmöte", "Rum 1")
    assert allows(m.state, c.ApproveInvite) and allows(m.state, approval)
    m.do(approval)
    assert m.state.invite_approval("follow_up") is not None
    assert m.state.status == "closed"


def test_an_invite_can_be_approved_only_once_there_is_one() -> None:
    m = checked_in(Meeting())
    # Before the start there is the kallelse, and only it.
    assert allows(m.state, c.ApproveInvite) and allows(
        m.state, c.ApproveInvite("kallelse", "b", "T")
    )
    why = refusal(m.state, c.ApproveInvite("follow_up", "b", "T"))
    assert why is not None and why.key == "engine.error.no_invite"
    m.do(c.NextPhase(), c.ConfirmConsent())
    why = refusal(m.state, c.ApproveInvite)
    assert why is not None and why.key == "engine.error.no_invite"
    why = refusal(m.state, c.ApproveInvite("kallelse", "b", "T"))
    assert why is not None and why.key == "engine.error.kallelse_not_now"
    m.do(c.AddAction("Ansöka", "kommun", date(2027, 1, 15)), c.AddAction("Ringa", "kommun"))
    dated, undated = m.state.actions
    assert allows(m.state, c.ApproveInvite)
    assert allows(m.state, c.ApproveInvite(f"action-{dated.id}", "b", "T"))
    for key in (f"action-{undated.id}", "follow_up", "action-999", "anything"):
        why = refusal(m.state, c.ApproveInvite(key, "b", "T"))
        assert why is not None and why.key == "engine.error.no_invite", key


def test_asking_about_a_kind_means_is_there_anyone_or_anything_to_act_on() -> None:
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    assert allows(m.state, c.ParkQuestion)  # FK is away
    assert not allows(m.state, c.ParkQuestion("Fråga", "kommun"))
    m.do(c.CheckIn("fk", "phone"))
    assert refusal(m.state, c.ParkQuestion).key == "engine.error.everyone_here"  # type: ignore[union-attr]
    for party in ("kommun", "region", "fk", "af"):
        m.do(c.Leave(party))
    assert m.speaker() == "individ"  # alone in the room: no one to give the word to
    assert refusal(m.state, c.JumpTo).key == "engine.error.no_one_else"  # type: ignore[union-attr]
    assert refusal(m.state, c.JumpTo("individ")).key == "engine.error.already_speaking"  # type: ignore[union-attr]
    assert refusal(m.state, c.Retract).key == "engine.error.no_entries"  # type: ignore[union-attr]


def test_a_parked_question_is_corrected_while_someone_is_away_to_ask() -> None:
    m = checked_in(Meeting(), "fk", "af")
    m.do(c.NextPhase(), c.ConfirmConsent(), c.ParkQuestion("Kan FK bevilja?", "fk"))
    m.do(c.AddAction("Boka möte", "kommun", date(2026, 12, 20)))
    parked, action = m.state.parked[0].id, m.state.actions[0].id
    m.do(c.CheckIn("fk", "video"))  # FK arrives: ask directly, or park it for AF instead
    assert correction_refusal(m.state, parked) is None
    assert not allows(m.state, c.Correct(parked, c.ParkQuestion("Kan FK bevilja?", "fk")))
    m.do(c.Correct(parked, c.ParkQuestion("Kan AF bevilja?", "af")))
    parked = m.state.parked[0].id
    m.do(c.CheckIn("af", "phone"))  # now everyone is here
    assert allows(m.state, c.Correct)  # the action still can be
    assert correction_refusal(m.state, parked).key == "engine.error.everyone_here"  # type: ignore[union-attr]
    assert correction_refusal(m.state, action) is None
    assert correction_refusal(m.state, 9999).key == "engine.error.no_entry"  # type: ignore[union-attr]
    # The replacement must be of the entry's own kind.
    assert (
        refusal(m.state, c.Correct(action, c.AddDecision("Beslut"))).key == "engine.error.no_entry"
    )  # type: ignore[union-attr]


def walk_states(seed: int, steps: int) -> list[tuple[MeetingState, object]]:
    """States of a seeded random meeting, with the clock reading at each.

    Each step picks a kind of command the engine accepts (the next part more often,
    closing only once the parts are done), then one of its commands.
    """
    rng = random.Random(seed)
    m = Meeting()
    seen = []
    for _ in range(steps):
        now = m.now()
        seen.append((m.state, now))
        if m.state.status == "closed":
            break
        by_kind: dict[type, list[c.Command]] = {}
        for command in every_command(m.state, now):
            if _verdict(m.state, command, now)[0]:
                by_kind.setdefault(type(command), []).append(command)
        kinds = list(by_kind)
        closing = 1 if m.state.status == "closing" else 0  # closed, the walk would end
        often = {c.NextPhase: 4, c.NextSpeaker: 3, c.ConfirmConsent: 3, c.CloseMeeting: closing}
        often[c.ApproveInvite] = 0.3  # the kallelse may be approved before the start, too
        weights = [often.get(k, 1) for k in kinds]
        choice = rng.choice(by_kind[rng.choices(kinds, weights)[0]])
        m.wait(rng.choice((0, 5, 60, 300))).do(choice)
    return seen


def _verdict(state: MeetingState, command: c.Command, now) -> tuple[bool, str | None]:
    try:
        decide(state, command, now)
    except DomainError as err:
        return False, err.key
    return True, None


@pytest.mark.parametrize("seed", [11, 12, 13, 14, 15])
def test_refusal_and_decide_agree_in_every_state_of_a_random_meeting(seed: int) -> None:
    states = walk_states(seed, 120)
    assert {"open", "running", "closing"} <= {state.status for state, _ in states}
    for state, now in states:
        by_kind: dict[type, list[bool]] = {}
        for command in every_command(state, now):
            accepted, key = _verdict(state, command, now)
            why = refusal(state, command)
            if accepted:
                assert why is None, (command, why.key)
            elif why is not None:
                assert why.key == key, command  # the same refusal, word for word
            else:
                assert key in VALUE_CHECKS, (command, key)  # decide only checks values
            by_kind.setdefault(type(command), []).append(why is None)
        for kind, answers in by_kind.items():
            # Asked about the kind: allowed exactly when some command of it is.
            assert allows(state, kind) == any(answers), (kind, state.status, state.phase)
