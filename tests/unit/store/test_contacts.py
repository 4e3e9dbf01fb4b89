"""The address book: work contacts from earlier meetings and case files, never the family."""

from __future__ import annotations

from dataclasses import replace

from starmote.plan.case import load_case
from starmote.plan.contacts import Contact, find, from_case_data, from_plan_data, merge
from starmote.plan.model import Party, plan_to_dict
from starmote.plan.resources import samples_dir
from starmote.plan.toml_source import read_toml
from starmote.store import paths
from starmote.store.contacts import address_book
from starmote.store.journal import Journal
from tests.support.followup import hold_meeting

PRIVATE = {"Sam L.", "Eva L.", "Karin N.", "Per Holm", "Johan S.", "Robin K."}
"""The individuals, relatives and the god man of the sample cases."""


def names(book: list[Contact]) -> set[str]:
    return {c.person for c in book}


def test_a_plan_gives_its_agencies_chair_and_note_taker_never_the_person_or_family():
    plan = load_case(samples_dir() / "sip-narstaende-god-man.toml")
    found = from_plan_data(plan_to_dict(plan))
    assert names(found) == {"Anna Dahl", "Mikael Öst", "Lisa Ny"}
    assert not names(found) & PRIVATE
    lisa = find(found, "lisa ny")
    assert lisa == Contact(
        "Lisa Ny",
        "Region Exempel, Vuxenhabiliteringen",
        "lisa.ny@region.example.se",
        "arbetsterapeut",
        "region",
    )


def test_a_guardian_is_family_not_a_work_contact():
    plan = load_case(samples_dir() / "demo.toml")
    guardian = Party("vh", "Vårdnadshavare", "vardnadshavare", "Ulf L.", "ulf@example.org")
    plan = replace(plan, parties=(*plan.parties, guardian))
    assert not guardian.is_professional
    assert "Ulf L." not in names(from_plan_data(plan_to_dict(plan)))


def test_a_case_file_gives_its_contacts_even_when_it_is_not_valid():
    data = read_toml(samples_dir() / "star-team-januari.toml").data
    assert data is not None
    data["meeting"]["start"] = "not a date"
    found = from_case_data(data)
    assert "Lena Berg" in names(found) and "Maria Ek" in names(found)
    assert "Robin K." not in names(found)  # a team case's person
    assert from_case_data({"parties": "nonsense"}) == []


def test_the_newest_plan_wins_and_each_person_comes_once():
    old = [Contact("Lena Berg", "Försäkringskassan", "lena@old.example.se", "handläggare", "fk")]
    new = [Contact("lena berg", "FÖRSÄKRINGSKASSAN", "lena@new.example.se", "samordnare", "fk")]
    assert merge([new, old]) == new


def test_the_address_book_reads_earlier_meetings_and_saved_case_files(tmp_path):
    hold_meeting(tmp_path)
    cases = paths.private_dir(tmp_path / "cases")
    (cases / "team.toml").write_bytes((samples_dir() / "star-team-januari.toml").read_bytes())
    book = address_book(tmp_path)
    assert {"Aisha Karlsson", "Henrik Sjö", "Lena Berg", "Maria Ek", "Jonas Lind"} <= names(book)
    assert {"Sara Holm", "Peter Ahl"} <= names(book)  # only in the team case file
    assert not names(book) & PRIVATE


def test_reading_the_address_book_creates_no_journal(tmp_path):
    assert address_book(tmp_path / "nothing-yet") == []
    assert not Journal.exists(tmp_path / "nothing-yet")
