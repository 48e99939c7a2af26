"""The base of every syntax-tree node, and the small nodes shared by all constructs."""

from __future__ import annotations

from typing import Union

from attrs import field

from ..records import Record, record as node
from ..source import Span


@node
class Node(Record):
    """A syntax-tree node. Its span is left out of equality and of repr.

    Leaving the span out of equality is what lets the formatter's guarantee
    be tested: a formatted file parses to a tree equal to the original's.
    """

    span: Span = field(eq=False, kw_only=True, repr=False)


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
