"""Order the participants of a step by protocol precedence.

The guest's side comes first (the guest, then the guest's spouse), then the
host's officials by their rank in the edition's precedence table. Officials of
the same entry are ordered by the entry's own order (`by ...`) or else by the
table's tie-breaks (date of appointment, then the name in the Kazakh
alphabet). A spouse takes the precedence of the spouse. A role that several
people fill (the ministers, the ambassadors presenting credentials) gives one
participant per person, in the order the entry that ranks the role sets: the
table in use, or another table of the edition that ranks the role (the order
of arrival of ambassadors). Roles no table ranks follow, in the Kazakh
alphabetical order of their labels. A scenario's `precede A before B` (the
agenda setting seniority) is applied last.
"""

from __future__ import annotations

import functools

from attrs import field, frozen

from .. import tree as t
from .collation import kazakh_sort_key as _kazakh_sort_key

GUEST_FIRST = ("guest", "guest_spouse")
SPOUSE_SUFFIX = "_spouse"
DEFAULT_ORDER = ("date_of_appointment", "kazakh_alphabet")
LAST = "9999-99-99"


@frozen
class Participant:
    """A role in a step and the person who fills it, with the rank that placed it."""

    role: str
    label: str
    person: str | None
    rank: tuple[int, ...] | None


@frozen
class Ranking:
    """What a precedence table says of each role: its rank, and how the people of its entry are ordered."""

    ranks: dict[str, tuple[int, ...]]
    orders: dict[str, tuple[str, ...]]
    citations: dict[str, tuple]
    # Roles placed by an entry the library restored: role -> (entry number, reason label, edition, citations).
    reconstructed: dict[str, tuple] = field(factory=dict)

    def get(self, role: str) -> tuple[int, ...] | None:
        """Return the rank of `role`, None when the table does not rank it."""
        return self.ranks.get(role)

    def __getitem__(self, role: str) -> tuple[int, ...]:
        return self.ranks[role]

    def __contains__(self, role: str) -> bool:
        return role in self.ranks


def person_key(person: t.Person | None, order: tuple[str, ...]) -> tuple:
    """Return the sort key of a person under the criteria `order`, earlier first, the unknown last."""
    # Each criterion's value goes with its name, so that keys made under different
    # orders compare by name where they differ instead of comparing a date with a name.
    key = tuple((criterion, _criterion(person, criterion)) for criterion in order)
    return key + (("name", _sort_key(person.name) if person else ()),)


def _criterion(person: t.Person | None, criterion: str):
    attributes = person.attributes if person is not None else ()
    if criterion == "kazakh_alphabet":
        return _sort_key(person.name) if person else ()
    if criterion == "date_of_appointment":
        return (next((a.date for a in attributes if isinstance(a, t.PersonAppointed)), LAST),)
    if criterion == "date_and_time_of_arrival":
        return (next((f"{a.date} {a.time.zfill(5)}" for a in attributes if isinstance(a, t.PersonArrived)), LAST),)
    if criterion == "date_of_agrement":
        return (next((a.date for a in attributes if isinstance(a, t.PersonAgrement)), LAST),)
    return ()  # resolve reports an unknown criterion; it orders nothing


def order_participants(roles: list[str], bound, people: dict[str, list[t.Person]], ranking: Ranking,
                       overrides: tuple[t.PrecedenceOverride, ...] = ()) -> list[Participant]:
    """Return `roles` as participants in order of precedence, one per person where a role has several."""
    entries = []
    for role in dict.fromkeys(roles):
        symbol = bound.symbols.get(role)
        label = symbol.label if symbol is not None else role
        base = role[: -len(SPOUSE_SUFFIX)] if role.endswith(SPOUSE_SUFFIX) and role not in ranking else role
        rank = ranking.get(base)
        order = ranking.orders.get(base, DEFAULT_ORDER)
        for person in people.get(role) or [None]:
            if role in GUEST_FIRST:
                key = (0, (GUEST_FIRST.index(role),), (), ())
            elif rank is not None:
                key = (1, rank, person_key(person, order), role != base)
            else:
                key = (2, (), _sort_key(label), person_key(person, order))
            entries.append((key, Participant(role, label, person.name if person else None, rank)))
    ordered = [p for _, p in sorted(entries, key=lambda e: e[0])]
    for override in overrides:
        names = [p.role for p in ordered]
        first, second = override.first.text, override.second.text
        if first in names and second in names and names.index(first) > names.index(second):
            moved = [p for p in ordered if p.role == first]
            ordered = [p for p in ordered if p.role != first]
            at = [p.role for p in ordered].index(second)
            ordered[at:at] = moved
    return ordered


# The same names are sorted on every row of a plan: compute each key once.
_sort_key = functools.lru_cache(maxsize=4096)(_kazakh_sort_key)


def _rank_key(number: str) -> tuple[int, ...]:
    """Sort `6-1` after `6` and before `7`, as the appendices print them."""
    return tuple(int(part) for part in number.split("-"))


def precedence_ranks(bound, table: str) -> Ranking:
    """Return what the precedence table called `table` says of each role (nothing if there is no such table).

    The order among the people of one role comes from the role's entry in
    `table` (its `by`, else the table's `tie_break`); a role `table` does not
    rank takes the order of the first other table of the edition that ranks it
    with a `by` of its own, so that the ambassadors presenting their
    credentials come in the order their own table sets.
    """
    ranks: dict[str, tuple[int, ...]] = {}
    orders: dict[str, tuple[str, ...]] = {}
    citations: dict[str, tuple] = {}
    reconstructed: dict[str, tuple] = {}
    symbol = bound.symbols.get(table)
    if symbol is not None and isinstance(symbol.node, t.Precedence):
        tie_break = _tie_break(symbol.node)
        for item in (i for i in symbol.node.items if isinstance(i, t.Rank)):
            for role in item.roles:
                if role.text not in ranks:
                    ranks[role.text] = _rank_key(item.number)
                    orders[role.text] = tuple(r.text for r in item.order) or tie_break
                    citations[role.text] = (symbol.edition, item.citations)
                    if item.reconstructed is not None:
                        reconstructed[role.text] = (item.number, item.reconstructed, symbol.edition,
                                                    item.citations or symbol.node.citations)
    for name, other in sorted(bound.symbols.items()):
        if name == table or not isinstance(other.node, t.Precedence):
            continue
        for item in (i for i in other.node.items if isinstance(i, t.Rank) and i.order):
            for role in item.roles:
                if role.text not in orders:
                    orders[role.text] = tuple(r.text for r in item.order)
                    citations[role.text] = (other.edition, item.citations)
    return Ranking(ranks, orders, citations, reconstructed)


def _tie_break(table: t.Precedence) -> tuple[str, ...]:
    criteria = [ref.text for item in table.items if isinstance(item, t.TieBreak) for ref in item.criteria]
    return tuple(dict.fromkeys(criteria)) or DEFAULT_ORDER
