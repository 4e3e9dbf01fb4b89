"""Frozen records: the equality, hash and repr of the plan's and the engine's dataclasses, once.

Python 3.11 compiles every method a dataclass generates with an `exec` of its own:
about 80 µs each, six per frozen class. The plan and the engine have some 100 such
classes, all imported before the first frame, and half of that compiling was their
`__eq__`, `__hash__` and `__repr__`, which do the same for every class. A record
class is declared `@dataclass(frozen=True, eq=False, repr=False)` and gets those
three from `Record` instead: the same results as the generated ones
(tests/unit/test_record.py compares them class by class), from one copy.
"""

from __future__ import annotations

import reprlib
from dataclasses import fields

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
    """Base of a frozen dataclass declared with `eq=False, repr=False`: what those would make.

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
