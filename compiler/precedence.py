"""Order the participants of a step by protocol precedence.

The guest's side comes first (the guest, then the guest's spouse), then the
host's officials by their rank in the edition's precedence table. Officials of
the same rank are ordered by the table's tie-breaks: date of appointment
(earlier first), then the person's name in the Kazakh alphabet. A spouse takes
the precedence of the spouse. Roles the table does not rank follow, in the
Kazakh alphabetical order of their labels. A scenario's `precede A before B`
(the agenda setting seniority) is applied last.
"""

from __future__ import annotations

import functools

from attrs import frozen

from . import tree as t
from .collation import kazakh_sort_key as _kazakh_sort_key

GUEST_FIRST = ("guest", "guest_spouse")
SPOUSE_SUFFIX = "_spouse"


@frozen
class Participant:
    """A role in a step and the person who fills it, with the rank that placed it."""

    role: str
    label: str
    person: str | None
    rank: tuple[int, ...] | None


def order_participants(roles: list[str], bound, people: dict[str, t.Person], ranks: dict[str, tuple],
                       overrides: tuple[t.PrecedenceOverride, ...] = ()) -> list[Participant]:
    """Return `roles` as participants in order of precedence, given the ranks of a table (`precedence_ranks`)."""
    entries = []
    for role in dict.fromkeys(roles):
        symbol = bound.symbols.get(role)
        label = symbol.label if symbol is not None else role
        person = people.get(role)
        base = role[: -len(SPOUSE_SUFFIX)] if role.endswith(SPOUSE_SUFFIX) and role not in ranks else role
        rank = ranks.get(base)
        appointed = next((a.date for a in person.attributes if isinstance(a, t.PersonAppointed)), "9999-99-99") \
            if person else "9999-99-99"
        if role in GUEST_FIRST:
            key = (0, (GUEST_FIRST.index(role),), "", ())
        elif rank is not None:
            key = (1, rank, appointed, _sort_key(person.name if person else label), role != base)
        else:
            key = (2, (), "", _sort_key(label))
        entries.append((key, Participant(role, label, person.name if person else None, rank)))
    ordered = [p for _, p in sorted(entries, key=lambda e: e[0])]
    for override in overrides:
        names = [p.role for p in ordered]
        first, second = override.first.text, override.second.text
        if first in names and second in names and names.index(first) > names.index(second):
            moved = ordered.pop(names.index(first))
            ordered.insert(names.index(second), moved)
    return ordered


# The same names are sorted on every row of a plan: compute each key once.
_sort_key = functools.lru_cache(maxsize=4096)(_kazakh_sort_key)


def _rank_key(number: str) -> tuple[int, ...]:
    """Sort `6-1` after `6` and before `7`, as the appendices print them."""
    return tuple(int(part) for part in number.split("-"))


def precedence_ranks(bound, table: str) -> dict[str, tuple[int, ...]]:
    """Return the rank of each role in the precedence table called `table` (empty if there is none)."""
    symbol = bound.symbols.get(table)
    ranks: dict[str, tuple[int, ...]] = {}
    if symbol is None or not isinstance(symbol.node, t.Precedence):
        return ranks
    for item in symbol.node.items:
        if isinstance(item, t.Rank):
            for role in item.roles:
                ranks.setdefault(role.text, _rank_key(item.number))
    return ranks
