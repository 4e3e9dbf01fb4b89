"""Every plan and engine record compares, hashes and prints as a plain frozen dataclass would."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from starmote.engine import commands, events, state
from starmote.plan import agenda, model, template
from starmote.record import Record

RECORDS = sorted(
    (
        cls
        for module in (model, agenda, template, events, commands, state)
        for cls in vars(module).values()
        if inspect.isclass(cls)
        and dataclasses.is_dataclass(cls)
        and cls.__module__ == module.__name__
    ),
    key=lambda cls: (cls.__module__, cls.__name__),
)


def _twin(cls: type) -> type:
    """The same fields in a plain `@dataclass(frozen=True)`: what `Record` must match."""
    twin = dataclasses.make_dataclass(
        cls.__name__,
        [
            (f.name, Any, dataclasses.field(repr=f.repr, compare=f.compare, hash=f.hash))
            for f in dataclasses.fields(cls)
        ],
        frozen=True,
    )
    twin.__qualname__ = cls.__qualname__
    return twin


def _values(cls: type, tag: str) -> dict[str, object]:
    # Types are not checked at run time; distinct hashable values show every field's part.
    return {f.name: f"{tag}-{f.name}" for f in dataclasses.fields(cls)}


def test_every_record_class_is_found():
    assert len(RECORDS) > 90
    assert all(issubclass(cls, Record) for cls in RECORDS)


def test_every_record_class_has_a_docstring():
    # Without one, @dataclass makes one from inspect.signature: ~70 µs a class on the
    # way to the first frame, and a reader learns nothing from it.
    made = [cls.__name__ for cls in RECORDS if (cls.__doc__ or "").startswith(f"{cls.__name__}(")]
    assert made == []


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_a_record_behaves_as_its_plain_dataclass_twin(cls):
    twin = _twin(cls)
    a, a2 = cls(**_values(cls, "a")), cls(**_values(cls, "a"))
    ta, ta2 = twin(**_values(cls, "a")), twin(**_values(cls, "a"))
    assert repr(a) == repr(ta)
    assert (a == a2) is (ta == ta2) is True
    assert hash(a) == hash(a2) == hash(ta)
    assert cls.__match_args__ == twin.__match_args__
    for f in dataclasses.fields(cls):
        changed = dataclasses.replace(a, **{f.name: "other"})
        twin_changed = dataclasses.replace(ta, **{f.name: "other"})
        assert (changed == a) is (twin_changed == ta)
        assert (hash(changed) == hash(a)) is (hash(twin_changed) == hash(ta))
        assert repr(changed) == repr(twin_changed)
    # Still frozen, and a record never equals one of another class with the same values.
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.__setattr__("anything", "x")
    assert a.__eq__(ta) is NotImplemented and a != ta


def test_a_record_that_contains_itself_prints_as_a_dataclass_would():
    shown = []
    for cls in (state.Note, _twin(state.Note)):
        log: list[Any] = []
        note = cls(**{**_values(state.Note, "a"), "at": log})
        log.append(note)
        shown.append(repr(note))
    assert shown[0] == shown[1]
    assert "at=[...]" in shown[0]
