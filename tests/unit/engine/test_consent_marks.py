"""An entry marked with a category the consent keeps from a party: recorded, and only then."""

from __future__ import annotations

from starmote.engine import commands as c
from starmote.engine import events as ev
from starmote.engine.allowed import refusal
from starmote.engine.rules import fold
from starmote.plan.model import Consent, Exclusion
from tests.support.factories import make_plan
from tests.support.meeting import Meeting, checked_in

AF_HEALTH = Consent(exclude=(Exclusion("af", "halsa"),))


def started(consent: Consent = AF_HEALTH) -> Meeting:
    m = checked_in(Meeting(make_plan(consent=consent)))
    m.do(c.NextPhase())
    return m


def test_every_kind_of_entry_carries_its_mark_through_the_journal() -> None:
    m = started()
    m.do(
        c.AddNote("Sömnproblem", party=c.SPEAKER, category="halsa"),
        c.AddGoal("short", "Sova bättre", category="halsa"),
        c.AddAction("Remiss", "region", category="halsa"),
        c.AddDecision("Region tar kontakt", category="halsa"),
        c.AddNote("Vill arbeta"),
    )
    s = m.state
    assert [n.category for n in s.notes] == ["halsa", ""]
    assert [e.category for e in (*s.goals, *s.actions, *s.decisions)] == ["halsa"] * 3
    # What is stored is what is read back: the mark survives the journal's JSON.
    stored = [
        ev.from_payload(e.kind, e.seq, e.t, e.wall.isoformat(), ev.to_payload(e)) for e in m.events
    ]
    assert fold(stored).notes == s.notes and fold(stored).actions == s.actions


def test_a_correction_keeps_or_drops_the_mark_as_the_form_says() -> None:
    m = started()
    m.do(c.AddNote("Sömnproblem", category="halsa"))
    first = m.state.notes[0].id
    m.do(c.Correct(first, c.AddNote("Sömnproblem sedan i våras", category="halsa")))
    assert [(n.text, n.category) for n in m.state.notes] == [("Sömnproblem sedan i våras", "halsa")]


def test_a_category_no_party_is_kept_from_is_refused() -> None:
    m = started()
    err = refusal(m.state, c.AddNote("Skulder", category="ekonomi"))
    assert err is not None and err.key == "engine.error.category_not_excluded"
    none = started(Consent())
    assert refusal(none.state, c.AddDecision("x", category="halsa")) is not None
    assert refusal(none.state, c.AddDecision("x")) is None
