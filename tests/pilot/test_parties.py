"""Party fields complete and resolve from what the chair sees, never from internal keys."""

from __future__ import annotations

import pytest

from starmote.tui import fmt
from tests.support.tui import demo_plan


def test_suggestions_are_names_the_chair_sees():
    plan = demo_plan()
    offered = fmt.party_suggestions(plan)
    assert "Socialtjänsten (Vuxenenheten)" in offered and "Aisha Karlsson" in offered
    assert not {p.key for p in plan.parties if p.key not in p.label()} & set(offered)


@pytest.mark.parametrize(
    ("typed", "party"),
    [
        ("soc", "socialtjanst"),
        ("Socialtjänsten (Vuxenenheten)", "socialtjanst"),
        ("ais", "socialtjanst"),
        ("Lena", "fk"),
        ("försäk", "fk"),
        ("fk", "fk"),  # a key still works for whoever knows it
        ("sam", "individ"),  # the person, not the key "samcoach"
        ("samc", "samcoach"),
        ("AME", "samcoach"),
        ("exempelby", None),  # two parties: ambiguous, so refused
        ("", None),
    ],
)
def test_what_the_chair_types_resolves_to_one_party(typed, party):
    assert fmt.resolve_party(demo_plan(), typed) == party


async def test_soc_completes_to_the_unit_in_the_action_form(tmp_path):
    from tests.support.tui import app_for, live_session, type_text

    session, clock = live_session(tmp_path)
    app = app_for(session, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await type_text(pilot, "Boka möte med arbetsterapeut")
        await pilot.press("enter")
        await type_text(pilot, "soc")
        await pilot.press("right")  # accept the suggestion
        owner = app.screen.query_one("#f-owner")
        assert owner.value == "Socialtjänsten (Vuxenenheten)"
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
    assert session.state.actions[-1].owner == "socialtjanst"
