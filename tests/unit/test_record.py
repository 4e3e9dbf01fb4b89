"""Every record compares, hashes and prints as a plain frozen dataclass would."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from starmote import privacy
from starmote.cli import main
from starmote.engine import attendance, commands, events, presence, review, rules, state, timing
from starmote.i18n import glossary
from starmote.plan import agenda, model, template, toml_source
from starmote.record import Record, record
from starmote.store import journal, settings, summary
from starmote.tui import keys

MODULES = (
    model,
    agenda,
    template,
    toml_source,
    events,
    commands,
    state,
    attendance,
    presence,
    review,
    rules,
    timing,
    journal,
    settings,
    summary,
    glossary,
    keys,
    privacy,
    main,
)
"""Every module that declares records: all that is defined on the way to the first frame."""

RECORDS = sorted(
    (
        cls
        for module in MODULES
        for cls in vars(module).values()
        if inspect.isclass(cls)
        and dataclasses.is_dataclass(cls)
        and cls.__module__ == module.__name__
        and issubclass(cls, Record)
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
    assert len(RECORDS) > 130
    assert all(issubclass(cls, Record) for cls in RECORDS)


def test_no_record_class_compiles_methods_of_its_own():
    # What `record` is for: of the six methods a frozen dataclass compiles per class,
    # only `__init__` is left; the rest are Record's one copy (or object's).
    own = {
        cls.__name__: sorted(
            name
            for name in ("__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__")
            if name in vars(cls)
        )
        for cls in RECORDS
    }
    assert {name: methods for name, methods in own.items() if methods} == {}
    assert all("__init__" in vars(cls) for cls in RECORDS)


def test_record_reads_as_frozen_to_a_type_checker():
    # mypy (run over the package in CI) refuses assignment to a field because of this;
    # nothing is enforced at run time, where frozen would compile two methods a class.
    spec = record.__dataclass_transform__  # type: ignore[attr-defined]
    # Python 3.11 keeps the flags it does not know yet under "kwargs".
    assert spec.get("frozen_default", spec.get("kwargs", {}).get("frozen_default")) is True


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
    # A record never equals one of another class with the same values.
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
