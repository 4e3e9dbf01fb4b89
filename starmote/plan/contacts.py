"""The address book: work contacts from earlier plans, never the individual or their family."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starmote.plan.model import Party
from starmote.privacy import contains_personnummer


@dataclass(frozen=True)
class Contact:
    """Someone who took part for an agency, as an earlier plan names them."""

    person: str
    organisation: str = ""
    email: str = ""
    role: str = ""
    kind: str = ""
    """The party kind they took part as ("" for a chair or a note taker)."""

    def label(self) -> str:
        """One line for a list: name, organisation, role and address."""
        parts = [self.person or self.organisation]
        if self.person and self.organisation:
            parts.append(self.organisation)
        if self.role:
            parts.append(self.role)
        line = ", ".join(parts)
        return f"{line} <{self.email}>" if self.email else line

    def matches(self, text: str) -> bool:
        """Whether every word of `text` starts a word of the name, organisation or role."""
        words = f"{self.person} {self.organisation} {self.role} {self.email}".casefold().split()
        return all(any(w.startswith(typed) for w in words) for typed in text.casefold().split())


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def is_work_contact(key: str, kind: str) -> bool:
    """Whether a party of this key and kind speaks for an agency: `Party.is_professional`."""
    return Party(key=key, organisation="", kind=kind).is_professional


def _contact(table: Any, kind: str = "") -> Contact | None:
    if not isinstance(table, dict):
        return None
    person = _text(table.get("person", table.get("name")))
    contact = Contact(
        person=person,
        organisation=_text(table.get("organisation")),
        email=_text(table.get("email")),
        role=_text(table.get("role")),
        kind=kind,
    )
    if not (contact.person or contact.email):
        return None
    if any(contains_personnummer(v) for v in (person, contact.organisation, contact.role)):
        return None
    return contact


def _collect(parties: Any, people: Iterable[Any], individuals: set[str]) -> list[Contact]:
    found: list[Contact] = []
    for table in _list(parties):
        key, kind = _text(table.get("key")), _text(table.get("kind"))
        if not is_work_contact(key, kind):
            continue
        contact = _contact(table, kind)
        if contact is not None:
            found.append(contact)
    for table in people:
        contact = _contact(table)
        if contact is not None:
            found.append(contact)
    # Someone typed the person's own name as a party's: never offered as a work contact.
    return [c for c in found if c.person.casefold() not in individuals]


def from_plan_data(plan: Any) -> list[Contact]:
    """The work contacts of a plan as the journal stores it (`plan_to_dict`).

    Args:
        plan: The stored plan; anything malformed gives no contacts rather than an error.

    Returns:
        Parties that took part for an agency, then the chair and the note taker.
    """
    if not isinstance(plan, dict):
        return []
    individuals = {
        _text(p.get("person")).casefold()
        for p in _list(plan.get("parties"))
        if not is_work_contact(_text(p.get("key")), _text(p.get("kind")))
    }
    individual = plan.get("individual")
    if isinstance(individual, dict):
        individuals.add(_text(individual.get("name")).casefold())
    individuals.discard("")
    return _collect(plan.get("parties"), (plan.get("chair"), plan.get("note_taker")), individuals)


def from_case_data(data: Any) -> list[Contact]:
    """The work contacts of a case file as `tomllib` reads it (valid or not).

    Returns:
        Its agencies' parties, then the chair and the note taker.
    """
    if not isinstance(data, dict):
        return []
    individuals = {
        _text(p.get("person")).casefold()
        for p in _list(data.get("parties"))
        if not is_work_contact(_text(p.get("key")), _text(p.get("kind")))
    }
    individual = data.get("individual")
    if isinstance(individual, dict):
        individuals.add(_text(individual.get("name")).casefold())
    for case in _list(data.get("team_cases")):
        person = case.get("person")
        if isinstance(person, dict):
            individuals.add(_text(person.get("name")).casefold())
    individuals.discard("")
    meeting = data.get("meeting")
    people = (meeting.get("chair"), meeting.get("note_taker")) if isinstance(meeting, dict) else ()
    return _collect(data.get("parties"), people, individuals)


def _list(value: Any) -> list[dict[str, Any]]:
    """The tables of an array (a list from JSON or TOML, a tuple from `plan_to_dict`)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, (list, tuple)) else []


def merge(groups: Iterable[Iterable[Contact]]) -> list[Contact]:
    """One address book from several plans' contacts, the most recent first.

    Args:
        groups: Each plan's contacts, newest plan first.

    Returns:
        Each person (by name and organisation, any letter case) once, as the newest plan
        has them: a new e-mail address or role replaces the old one.
    """
    seen: set[tuple[str, str]] = set()
    book: list[Contact] = []
    for group in groups:
        for contact in group:
            key = (contact.person.casefold(), contact.organisation.casefold())
            if key in seen:
                continue
            seen.add(key)
            book.append(contact)
    return book


def organisations(book: Iterable[Contact]) -> list[str]:
    """The organisations in the book, each once, in the book's order."""
    return list(dict.fromkeys(c.organisation for c in book if c.organisation))


def find(book: Iterable[Contact], person: str, organisation: str = "") -> Contact | None:
    """The contact named `person` (any letter case), at `organisation` when one is given."""
    wanted = person.strip().casefold()
    if not wanted:
        return None
    named = [c for c in book if c.person.casefold() == wanted]
    at = [c for c in named if c.organisation.casefold() == organisation.strip().casefold()]
    found = at or named
    return found[0] if found else None
