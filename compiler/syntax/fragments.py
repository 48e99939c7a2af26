"""Helpers the tree builder's callbacks share: value wrappers and child lookup."""

from __future__ import annotations

from typing import Any

from attrs import define
from lark import Token

from ..source import Span

VALUE_TOKENS = frozenset({"NAME", "STRING", "NUMBER", "DATE", "TIME", "TIMEZONE", "ARTICLE"})


@define
class Keyword:
    """A keyword kept by a `!` rule (modality, unit, sex...): its text and span."""

    text: str
    span: Span


@define
class RefList:
    """The references of one `ref_list`, kept apart from a second list in the same rule."""

    refs: tuple
    span: Span


@define
class CitationList:
    """The citations at the end of a statement."""

    citations: tuple
    span: Span


@define
class Body:
    """The statements of a `{ ... }` body that is optional in its rule."""

    items: tuple
    span: Span


@define
class Word:
    """A keyword argument of a statement, handed to the parent rule."""

    text: str
    span: Span


@define
class SettledBy:
    """`settled_by fact`, or `settled_by program a, b` with the ceremonies that settle it."""

    text: str
    span: Span
    refs: tuple = ()


class Counting(Word):
    pass


@define
class DeviationDay:
    """`on day 1` after a deviation's target: the program day it applies to."""

    text: int
    span: Span


@define
class Targets:
    items: tuple
    span: Span


class Parts:
    """The value-carrying children of a rule, looked up by type."""

    __slots__ = ("items",)

    def __init__(self, children: list):
        self.items = [c for c in children if not isinstance(c, Token) or c.type in VALUE_TOKENS]

    def one(self, kind: type | str, default: Any = None) -> Any:
        for item in self.items:
            if _is(item, kind):
                return item
        return default

    def all(self, kind: type | str) -> list:
        return [item for item in self.items if _is(item, kind)]

    def tuple(self, kind: type | str) -> tuple:
        return tuple(self.all(kind))


def _is(item: Any, kind: type | str) -> bool:
    if isinstance(kind, str):
        return isinstance(item, Token) and item.type == kind
    return isinstance(item, kind)




@define
class DeviableEdits:
    """`changing lead, actors` after `deviable_by`: the kinds of edit a permission allows."""

    kinds: tuple
    span: Span


@define
class DeviationEdits:
    """The edits of one deviation, before its summary label."""

    edits: tuple
    span: Span


@define
class Reconstructed:
    label: object  # the reason, a Label with its translations
    span: Span


@define
class RankOrder:
    """`by appointment_date then kazakh_alphabet` on one entry of a precedence table."""

    refs: tuple
    span: Span
