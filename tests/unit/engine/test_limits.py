"""Every typed text has a maximum length: the engine refuses one character more, names why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from starmote.engine import commands as c
from starmote.engine.rules import DomainError
from starmote.i18n import en, sv
from starmote.plan import limits
from starmote.plan.model import STOCKHOLM
from tests.unit.engine.test_engine import Meeting, checked_in

FOLLOW_UP = datetime(2027, 3, 4, 9, 0, tzinfo=STOCKHOLM)


def running() -> Meeting:
    """Inledning under way; FK is absent, so a question can be parked for it."""
    m = checked_in(Meeting(), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent())
    return m


def with_follow_up(m: Meeting | None = None) -> Meeting:
    """A follow-up is set, so its invite can be approved (also after closing)."""
    m = m or running()
    m.do(c.SetFollowUp(FOLLOW_UP, 60, "Rum 1"))
    return m


def invite(**text: str) -> c.ApproveInvite:
    """The chair approves the follow-up's invite with `text` in one of its fields."""
    values = {"title": "Samordningsmöte", "place": "", "link": "", "message": ""}
    return c.ApproveInvite(key="follow_up", basis="b", **{**values, **text})


def reviewing() -> Meeting:
    """A follow-up in Aktuell situation: the previous plan is reviewed."""
    from tests.support.review import follow_up_plan

    m = checked_in(Meeting(follow_up_plan()), "fk")
    m.do(c.NextPhase(), c.ConfirmConsent(), c.NextPhase())
    return m


def with_note(m: Meeting) -> Meeting:
    m.do(c.AddNote("Att ta tillbaka"))
    return m


# field -> (the meeting it is typed in, the command that carries it)
CASES: dict[str, tuple[Callable[[], Meeting], Callable[[str], c.Command]]] = {
    "note": (running, lambda s: c.AddNote(s)),
    "goal": (running, lambda s: c.AddGoal("short", s)),
    "action": (running, lambda s: c.AddAction(s, "kommun")),
    "how_often": (running, lambda s: c.AddAction("Ansöka", "kommun", None, s)),
    "decision": (running, lambda s: c.AddDecision(s)),
    "question": (running, lambda s: c.ParkQuestion(s, "fk")),
    "answer": (running, lambda s: c.SetQuestionStatus(0, "answered", text=s)),
    "question_reason": (running, lambda s: c.SetQuestionStatus(0, "deferred", text=s)),
    "feedback": (running, lambda s: c.GiveFeedback(s)),
    "person": (running, lambda s: c.SetMainResponsible("kommun", person=s)),
    "place": (running, lambda s: c.SetFollowUp(FOLLOW_UP, 60, s)),
    "reason": (running, lambda s: c.CloseMeeting(s)),
    "substitute": (Meeting, lambda s: c.NoteSubstitute("fk", s)),
    "consent_scope": (Meeting, lambda s: c.ConfirmConsent(scope=s)),
    "consent_note": (Meeting, lambda s: c.RecordConsentMissing(s)),
    "invite_title": (with_follow_up, lambda s: invite(title=s)),
    "invite_place": (with_follow_up, lambda s: invite(place=s)),
    "invite_link": (with_follow_up, lambda s: invite(link=s)),
    "invite_message": (with_follow_up, lambda s: invite(message=s)),
    "review_comment": (reviewing, lambda s: c.ReviewPrevious("action", 0, "done", s)),
}
FILLERS = {"invite_link": lambda n: "https://" + "b" * (n - 8)}
"""A text of exactly n characters the field takes ("b" * n where nothing else is asked)."""


def test_every_limited_field_is_checked_here() -> None:
    assert set(CASES) == set(limits.FIELDS)


@pytest.mark.parametrize("field", list(CASES))
def test_one_character_over_the_limit_is_refused_and_the_refusal_says_so(field: str) -> None:
    start, command = CASES[field]
    limit = limits.FIELDS[field]
    m = start()
    before = len(m.events)
    with pytest.raises(DomainError) as err:
        m.do(command("a" * (limit + 1)))
    assert err.value.key == f"engine.error.too_long.{field}"
    assert err.value.values == {"limit": limit, "got": limit + 1}
    assert f"at most {limit} characters, got {limit + 1}" in str(err.value)
    assert f"högst {limit} tecken, nu {limit + 1}" in err.value.message("sv")
    assert len(m.events) == before  # nothing stored


@pytest.mark.parametrize("field", list(CASES))
def test_exactly_the_limit_is_stored_whole(field: str) -> None:
    start, command = CASES[field]
    limit = limits.FIELDS[field]
    m = start()
    text = FILLERS.get(field, lambda n: "b" * n)(limit)
    new = m.do(command(f"  {text}\n"))  # what is stripped does not count
    assert any(text in vars(event).values() for event in new)


def test_the_limit_counts_a_line_break_as_one_character() -> None:
    m = running()
    half = limits.FIELDS["note"] // 2
    m.do(c.AddNote("a" * half + "\n" + "b" * (half - 1)))
    assert m.state.notes[-1].text.count("\n") == 1
    with pytest.raises(DomainError):
        m.do(c.AddNote("a" * half + "\n" + "b" * half))


def test_a_retraction_reason_and_an_absence_reason_are_limited_too() -> None:
    m = with_note(running())
    note = m.state.notes[-1].id
    with pytest.raises(DomainError) as err:
        m.do(c.Retract(note, "x" * (limits.FIELDS["reason"] + 1)))
    assert err.value.key == "engine.error.too_long.reason"
    m.do(c.Retract(note, "x" * limits.FIELDS["reason"]))
    fresh = Meeting()
    with pytest.raises(DomainError):
        fresh.do(c.MarkAbsent("fk", notified=True, reason="x" * (limits.FIELDS["reason"] + 1)))


def test_a_correction_over_the_limit_leaves_the_entry_as_it_was() -> None:
    m = running()
    m.do(c.AddDecision("Ny SIP om tre månader"))
    entry = m.state.decisions[-1]
    with pytest.raises(DomainError):
        m.do(c.Correct(entry.id, c.AddDecision("x" * (limits.FIELDS["decision"] + 1))))
    assert m.state.decisions == (entry,)


@pytest.mark.parametrize("catalogue", [sv.MESSAGES, en.MESSAGES], ids=["sv", "en"])
def test_each_field_has_its_own_message_with_the_limit_in_both_languages(catalogue) -> None:
    for field in limits.FIELDS:
        text = catalogue[f"engine.error.too_long.{field}"]
        assert "{limit}" in text and "{got}" in text
