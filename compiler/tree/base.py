"""The base of every syntax-tree node, and the small nodes shared by all constructs."""

from __future__ import annotations

from operator import attrgetter
from typing import Callable, Union

from attrs import field, fields, frozen

from ..source import Span

# Per node class: the fields that equality, hash and repr read, and a function returning them as a tuple.
_COMPARED: dict[type, Callable[[object], tuple]] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def node(cls: type) -> type:
    """Make `cls` a frozen attrs node class whose equality, hash and repr are Node's.

    attrs compiles an __init__, __eq__, __hash__ and __repr__ for every class it
    decorates, and the ~125 node classes are defined on every run: compiling
    the last three for each cost a tenth of a cold `rasim check`. Node's
    versions read the class's fields instead and behave as attrs's do (the
    span is left out of equality and of repr).
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


@node
class Node:
    """A syntax-tree node. Its span is left out of equality and of repr.

    Leaving the span out of equality is what lets the formatter's guarantee
    be tested: a formatted file parses to a tree equal to the original's.
    """

    span: Span = field(eq=False, kw_only=True, repr=False)

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


@node
class Name(Node):
    """A name being declared: `state_visit` in `format state_visit`."""

    text: str


@node
class Ref(Node):
    """A reference to a declared name, possibly dotted: `akorda.hall_of_ceremonies`."""

    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        """Return the reference as written, parts joined by dots."""
        return ".".join(self.parts)


@node
class EditionRef(Node):
    """An edition of a body of rules: `state_protocol@2013`."""

    name: str
    year: int

    @property
    def text(self) -> str:
        """Return the edition reference as written."""
        return f"{self.name}@{self.year}"


@node
class Translation(Node):
    """A label's text in another language: `kk "Мемлекеттік сапар"`."""

    language: str
    text: str


@node
class Label(Node):
    """A human-readable label with its translations."""

    text: str
    translations: tuple[Translation, ...] = ()


@node
class Citation(Node):
    """`§ 10, 34 of state_protocol@2013`: articles, paragraphs (10.8) or appendix entries (A1.5)."""

    articles: tuple[str, ...]
    edition: EditionRef | None = None


Citations = tuple[Citation, ...]


@node
class Amount(Node):
    """A number with an optional unit: `45 min`, `3 days`, `12`. The number is kept as written."""

    number: str
    unit: str | None = None


@node
class Range(Node):
    """A range of amounts sharing one unit: `2..3 min`, `1.5..2 h`."""

    low: str
    high: str
    unit: str | None = None


@node
class ConditionRef(Node):
    """A named condition used in an expression: `weather_permitting`."""

    ref: Ref


@node
class Negation(Node):
    """`not CONDITION`."""

    operand: "ConditionExpr"


@node
class AllOf(Node):
    """`A and B and C`: a chain of `and` is one node, so long chains never nest deeply."""

    operands: tuple["ConditionExpr", ...]


@node
class AnyOf(Node):
    """`A or B or C`: a chain of `or` is one node."""

    operands: tuple["ConditionExpr", ...]


ConditionExpr = Union[ConditionRef, Negation, AllOf, AnyOf]


@node
class Guard(Node):
    """`when CONDITION` or `unless CONDITION`."""

    keyword: str
    condition: ConditionExpr
