"""A party field completes by role and kind as well as by name (no app run)."""

from __future__ import annotations

from dataclasses import replace

from starmote.tui import fmt
from tests.support.tui import demo_plan


def kim_plan():
    """The demo with its person called Kim: no name starts with "sam" any more."""
    plan = demo_plan()
    parties = tuple(replace(p, person="Kim L.") if p.key == "individ" else p for p in plan.parties)
    return replace(plan, individual=replace(plan.individual, name="Kim L."), parties=parties)


def test_a_role_or_kind_completes_to_the_one_party_that_has_it():
    plan = kim_plan()
    names = tuple(fmt.party_suggestions(plan))
    for typed, key in (("sam", "samcoach"), ("fk", "fk"), ("kurator", "psykiatri")):
        done = fmt.party_completion(plan, typed, names)
        assert done == f"{typed} → {fmt.party_name(plan, key, 'sv')}", typed
        assert fmt.resolve_party(plan, done) == key  # what Right accepts is read back
    # A name still comes first: in the demo "sam" is Sam, the person.
    demo = demo_plan()
    assert fmt.party_completion(demo, "sam", tuple(fmt.party_suggestions(demo))) == "Sam L."
    assert fmt.party_completion(plan, "soc", names) == "Socialtjänsten (Vuxenenheten)"
    assert fmt.party_completion(plan, "exempelby kommun, x", names) is None
