"""Frozen attrs classes that share one equality, hash and repr instead of compiling their own."""

from __future__ import annotations

from operator import attrgetter
from typing import Callable

from attrs import fields, frozen

# Per record class: the fields that equality, hash and repr read, and a function returning them as a tuple.
_COMPARED: dict[type, Callable[[object], tuple]] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def record(cls: type) -> type:
    """Make `cls` (a subclass of Record) a frozen attrs class whose equality, hash and repr are Record's.

    attrs compiles an __init__, __eq__, __hash__ and __repr__ for every class it
    decorates, and the syntax tree's and the model's classes are defined on
    every run: compiling the last three for each cost a tenth of a cold
    `rasim check`. Record's versions read the class's fields instead and behave
    as attrs's do (a field with eq=False or repr=False is left out).
    """
    return frozen(cls, repr=False, eq=False)


def _compared(cls: type) -> Callable[[object], tuple]:
    key = _COMPARED.get(cls)
    if key is None:
        names = tuple(a.name for a in fields(cls) if a.eq)
        if len(names) > 1:
            key = attrgetter(*names)
        else:
            key = (lambda node, name=names[0]: (getattr(node, name),)) if names else (lambda node: ())
        _COMPARED[cls] = key
    return key


class Record:
    """The shared equality, hash and repr of the classes made by `record`."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _compared(self.__class__)
        return key(self) == key(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _compared(self.__class__)(self)))

    def __repr__(self) -> str:
        cls = self.__class__
        shown = _SHOWN.get(cls)
        if shown is None:
            shown = _SHOWN[cls] = tuple(a.name for a in fields(cls) if a.repr)
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({inside})"
