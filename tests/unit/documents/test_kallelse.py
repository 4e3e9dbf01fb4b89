"""The kallelse: built from the case's allow-list, and one calendar event with the follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from starmote.documents.invites import FOLLOW_UP, proposals
from starmote.documents.kallelse import kallelse_invite, message, told_elsewhere
from starmote.plan.model import Previous
from tests.support.followup import MEETING_ID, hold_meeting


def test_a_follow_ups_kallelse_updates_the_invite_booked_at_the_meeting_before(tmp_path):
    held = hold_meeting(tmp_path).state
    (booked,) = [d for d in proposals(held) if d.key == FOLLOW_UP]
    plan = replace(held.plan, previous=Previous(MEETING_ID, date(2026, 12, 3)))
    kallelse = kallelse_invite(plan, "sv", tmp_path).proposal
    assert (kallelse.uid, kallelse.sequence) == (booked.uid, booked.sequence + 1)
    # Without that journal (purged), it is an event of its own.
    alone = kallelse_invite(plan, "sv", tmp_path / "elsewhere").proposal
    assert alone.uid != booked.uid and alone.sequence == 0


def test_the_message_names_the_kallade_and_the_inbjudna_and_what_they_bring(tmp_path):
    plan = hold_meeting(tmp_path).state.plan
    text = message(plan, "sv")
    called = next(line for line in text.splitlines() if line.startswith("Kallade"))
    asked = next(line for line in text.splitlines() if line.startswith("Inbjudna"))
    for party in plan.parties:
        if party.email and not party.is_individual and party.email != plan.chair.email:
            assert _who(party) in (called if party.summons == "kallad" else asked)
        if party.brings and not party.is_individual:
            assert " ".join(party.brings.split()) in text
    assert plan.individual.name not in text
    elsewhere = told_elsewhere(plan, "sv")
    assert elsewhere[0].who == plan.individual.name
    assert elsewhere[0].note == plan.individual.contact_note


def _who(party):
    return party.organisation or party.person
