"""Records: the value classes of the plan, the engine and the store, frozen, and cheap to define.

A record is declared

    @record
    class Note(Record):
        ...

and behaves as `@dataclass(frozen=True)` would make it: fields in `__init__`, the
same equality, hash and repr (tests/unit/test_record.py compares them class by class
with plain frozen twins), and fields that no code may assign to (checked by mypy).

Why not `@dataclass(frozen=True)` itself: Python 3.11 compiles every method a
dataclass generates with an `exec` of its own, about 80 µs each, six per frozen
class; the plan, the engine and the store have some 140 such classes, all defined
before the first frame. So the methods that are the same for every class come from one copy:

* `Record` holds `__eq__`, `__hash__` and `__repr__`;
* "frozen" is checked where it costs nothing at run time: `record` is a
  `dataclass_transform` with `frozen_default=True`, so mypy (run by CI over the
  whole package) refuses any assignment to a field, as it does for a frozen
  dataclass. At run time the class is a plain dataclass: no `__setattr__` and
  `__delattr__` compiled per class (a third of the start-up cost of the engine's
  classes), and `__init__` stores fields directly rather than through
  `object.__setattr__`. Nothing in starmote assigns to a record; a new state is
  always `dataclasses.replace` of the old one.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, field, fields
from typing import TypeVar, dataclass_transform

_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
"""Per class: the fields shown by repr, compared by ==, and hashed (as a dataclass picks them)."""


def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    found = _NAMES.get(cls)
    if found is None:
        declared = fields(cls)
        found = (
            tuple(f.name for f in declared if f.repr),
            tuple(f.name for f in declared if f.compare),
            tuple(f.name for f in declared if (f.compare if f.hash is None else f.hash)),
        )
        _NAMES[cls] = found
    return found


class Record:
    """Base of every record: the equality, hash and repr a frozen dataclass would have.

    `==` holds between two records of the same class whose compared fields are equal
    (else `NotImplemented`); the hash is that of the compared fields; the repr is
    `Class(field=value, ...)`, `...` where it would recurse.
    """

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(type(self))[0])
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _names(type(self))[1]
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _names(type(self))[2]))


_T = TypeVar("_T", bound=Record)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """Make `cls`, a `Record` subclass, a dataclass that type checkers hold frozen.

    Its fields are declared as for `@dataclass` (`field(...)` included). Equality,
    hash and repr come from `Record`.
    """
    return dataclass(eq=False, repr=False)(cls)
