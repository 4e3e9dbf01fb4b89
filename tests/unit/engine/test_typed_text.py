"""Every typed field: no personnummer in any spelling, no control or bidi character kept.

The forms hand what was typed or pasted to the engine, so these are the checks every form
gets: each field of `limits.FIELDS` (the same table the forms take their limits from).
"""

from __future__ import annotations

import dataclasses

import pytest

from starmote.engine import events as ev
from starmote.engine.rules import DomainError
from starmote.plan import limits
from tests.unit.engine.test_limits import CASES
from tests.unit.test_privacy import SPELLINGS, UNSAFE


def stored_text(new: list[ev.Event]) -> list[str]:
    """Every text field of the events a command stored."""
    return [
        value
        for event in new
        for f in dataclasses.fields(event)
        if isinstance(value := getattr(event, f.name), str)
    ]


@pytest.mark.parametrize("field", list(CASES))
def test_a_personnummer_in_any_spelling_is_refused_in_every_typed_field(field: str) -> None:
    start, command = CASES[field]
    prefix = "https://x.se/" if field == "invite_link" else ""
    for spelling in SPELLINGS:
        m = start()
        before = len(m.events)
        with pytest.raises(DomainError) as err:
            m.do(command(f"{prefix}Sam har {spelling} sa hen"))
        assert err.value.key == "engine.error.personnummer_in_text", spelling
        assert len(m.events) == before  # nothing stored


@pytest.mark.parametrize("field", list(CASES))
def test_a_phone_number_is_fine_in_every_typed_field(field: str) -> None:
    start, command = CASES[field]
    prefix = "https://x.se/" if field == "invite_link" else ""
    m = start()
    new = m.do(command(f"{prefix}Ring 070-123 45 67"))
    assert f"{prefix}Ring 070-123 45 67" in stored_text(new)


@pytest.mark.parametrize("field", list(CASES))
def test_control_and_bidi_characters_are_removed_from_every_typed_field(field: str) -> None:
    start, command = CASES[field]
    prefix = "https://x.se/" if field == "invite_link" else ""
    # NEL and LS are line breaks of their own: see the test below.
    invisible = [ch for ch in UNSAFE if ch not in "\x85\u2028"]
    pasted = prefix + "Rum" + "".join(invisible) + " 4\x1b[31m röd\x07\tslut\r\nrad två"
    m = start()
    new = m.do(command(pasted))
    multiline = field in limits.MULTILINE
    kept = prefix + "Rum 4[31m röd" + ("\tslut\nrad två" if multiline else " slut rad två")
    assert kept in stored_text(new), stored_text(new)
    for text in stored_text(new):
        assert not any(ch in text for ch in UNSAFE + ["\x1b", "\x07", "\r"])


@pytest.mark.parametrize("field", list(CASES))
def test_any_line_break_is_a_line_feed_in_a_multi_line_field_and_a_space_elsewhere(
    field: str,
) -> None:
    start, command = CASES[field]
    prefix = "https://x.se/" if field == "invite_link" else ""
    m = start()
    new = m.do(command(prefix + "a\rb\x85c\u2028d\u2029e"))
    sep = "\n" if field in limits.MULTILINE else " "
    assert prefix + sep.join("abcde") in stored_text(new)
