"""The small values every part of the model is made of: truth, citations, labels, conditions.

They carry meaning, not syntax: a citation is a list of (edition, article)
pairs, not the text `§ 10, 34`; a condition is an expression that evaluates to
a `Truth`, with its wording kept for messages. Spans are kept for diagnostics
and left out of equality, as in the syntax tree.
"""

from __future__ import annotations

import enum
from typing import Union

from attrs import field, frozen

from ..source import Span


class Truth(enum.Enum):
    """A condition's value in a scenario: yes, no or unknown (Kleene's three-valued logic)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    def __invert__(self) -> Truth:
        return {Truth.YES: Truth.NO, Truth.NO: Truth.YES}.get(self, Truth.UNKNOWN)

    @staticmethod
    def all_of(values) -> Truth:
        """Return the conjunction of `values`."""
        values = list(values)
        return Truth.NO if Truth.NO in values else Truth.UNKNOWN if Truth.UNKNOWN in values else Truth.YES

    @staticmethod
    def any_of(values) -> Truth:
        """Return the disjunction of `values`."""
        values = list(values)
        return Truth.YES if Truth.YES in values else Truth.UNKNOWN if Truth.UNKNOWN in values else Truth.NO


YES, NO, UNKNOWN = Truth.YES, Truth.NO, Truth.UNKNOWN


@frozen
class ArticleRef:
    """One cited article of one edition: `10`, a subparagraph `10.8`, or an appendix entry `A1.5`."""

    edition: str
    number: str

    @property
    def article(self) -> str:
        """Return the article without its subparagraph: `10` of `10.8`."""
        return self.number.split(".")[0]

    @property
    def sub(self) -> str | None:
        """Return the subparagraph (`8` of `10.8`), or None."""
        head, _, rest = self.number.partition(".")
        return rest or None


@frozen
class CitedArticles:
    """The articles of one `§ ...` clause, all of one edition."""

    edition: str | None
    numbers: tuple[str, ...]


@frozen
class Citation:
    """Where a rule comes from: the `§` clauses of a statement, each resolved to its edition."""

    clauses: tuple[CitedArticles, ...] = ()

    @staticmethod
    def of(default_edition: str | None, tree_citations) -> Citation:
        """Return the citation of a statement's `§` clauses; a clause without `of` is in `default_edition`."""
        return Citation(tuple(CitedArticles(c.edition.text if c.edition else default_edition, tuple(c.articles))
                              for c in tree_citations))

    def __bool__(self) -> bool:
        return bool(self.clauses)

    @property
    def refs(self) -> tuple[ArticleRef, ...]:
        """Return every cited article with its edition."""
        return tuple(ArticleRef(clause.edition or "", number) for clause in self.clauses for number in clause.numbers)

    @property
    def text(self) -> str | None:
        """Return the citation as printed on every output: `§ 10, 41 of state_protocol@2013`, or None."""
        parts = ["§ " + ", ".join(c.numbers) + (f" of {c.edition}" if c.edition else "") for c in self.clauses]
        return "; ".join(parts) or None

    def __add__(self, other: Citation) -> Citation:
        return Citation(self.clauses + other.clauses)


NO_CITATION = Citation()


@frozen
class Label:
    """A human-readable text with its translations (`kk`, `ru`)."""

    text: str
    translations: tuple[tuple[str, str], ...] = ()

    @staticmethod
    def of(tree_label, fallback: str | None = None) -> Label | None:
        """Return the model of a syntax-tree label, or a label of `fallback` (a bare name) when there is none."""
        if tree_label is None:
            return Label(fallback) if fallback is not None else None
        return Label(tree_label.text, tuple((t.language, t.text) for t in tree_label.translations))

    def get(self, language: str) -> str | None:
        """Return the text in `language` (`en` is the label's own text), or None."""
        if language == "en":
            return self.text
        return next((text for lang, text in self.translations if lang == language), None)

    def to_json(self) -> dict:
        """Return `{"en": ..., "kk": ...}` as the Plan writes labels (`kk` null where not given)."""
        out = {"en": self.text, "kk": None}
        out.update(dict(self.translations))
        return out


# ---- conditions ---------------------------------------------------------------------------


@frozen
class Cond:
    """A named condition: `weather_permitting`."""

    name: str


@frozen
class Not:
    """`not A`."""

    operand: Expr


@frozen
class AllOf:
    """`A and B`."""

    operands: tuple[Expr, ...]


@frozen
class AnyOf:
    """`A or B`."""

    operands: tuple[Expr, ...]


Expr = Union[Cond, Not, AllOf, AnyOf]


@frozen
class Condition:
    """A `when`/`unless` condition as an expression, with its wording for messages and contingencies.

    `expr` already holds the negation of an `unless`; `words` is the guard as
    written (`unless parliamentary_government`), `branch` the condition under
    which the item takes place (`not parliamentary_government`), `inner` the
    expression as written after the keyword.
    """

    expr: Expr
    keyword: str
    words: str
    branch: str
    inner: str
    span: Span | None = field(default=None, eq=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Return the names of the conditions the expression uses, in order of appearance."""
        out: list[str] = []
        stack: list = [self.expr]
        while stack:
            node = stack.pop()
            if isinstance(node, Cond):
                out.append(node.name)
            elif isinstance(node, Not):
                stack.append(node.operand)
            else:
                stack.extend(reversed(node.operands))
        return tuple(out)


def evaluate(expr: Expr, lookup) -> Truth:
    """Evaluate `expr`; `lookup(name)` gives each named condition's truth."""
    if isinstance(expr, Cond):
        return lookup(expr.name)
    if isinstance(expr, Not):
        return ~evaluate(expr.operand, lookup)
    values = (evaluate(operand, lookup) for operand in expr.operands)
    return Truth.all_of(values) if isinstance(expr, AllOf) else Truth.any_of(values)


@frozen
class Minutes:
    """A duration range in whole minutes, with where it is written and why."""

    low: int
    high: int
    citation: Citation = NO_CITATION
    span: Span | None = field(default=None, eq=False, repr=False)
    # `duration 15 min customary`: the library's usual length, not the law's.
    customary: bool = False
