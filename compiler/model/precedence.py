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

from ..library.contract import GUEST_ROLES
from .collation import kazakh_sort_key as _kazakh_sort_key
from .event import Override, Person
from .law import PrecedenceEntry, PrecedenceTable
from .values import Citation

GUEST_FIRST = GUEST_ROLES
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
    citations: dict[str, Citation]
    # Roles placed by an entry the library restored: role -> that entry.
    reconstructed: dict[str, PrecedenceEntry] = field(factory=dict)
    table: PrecedenceTable | None = None

    def get(self, role: str) -> tuple[int, ...] | None:
        """Return the rank of `role`, None when the table does not rank it."""
        return self.ranks.get(role)

    def __getitem__(self, role: str) -> tuple[int, ...]:
        return self.ranks[role]

    def __contains__(self, role: str) -> bool:
        return role in self.ranks


def person_key(person: Person | None, order: tuple[str, ...]) -> tuple:
    """Return the sort key of a person under the criteria `order`, earlier first, the unknown last."""
    # Each criterion's value goes with its name, so that keys made under different
    # orders compare by name where they differ instead of comparing a date with a name.
    key = tuple((criterion, _criterion(person, criterion)) for criterion in order)
    return key + (("name", _sort_key(person.name) if person else ()),)


def _criterion(person: Person | None, criterion: str):
    if person is None:
        return () if criterion == "kazakh_alphabet" else (LAST,)
    if criterion == "kazakh_alphabet":
        return _sort_key(person.name)
    if criterion == "date_of_appointment":
        return (person.appointed or LAST,)
    if criterion == "date_and_time_of_arrival":
        return (person.arrived or LAST,)
    if criterion == "date_of_agrement":
        return (person.agrement or LAST,)
    return ()  # resolve reports an unknown criterion; it orders nothing


def order_participants(roles: list[str], labels, people: dict[str, tuple[Person, ...]], ranking: Ranking,
                       overrides: tuple[Override, ...] = ()) -> list[Participant]:
    """Return `roles` as participants in order of precedence, one per person where a role has several;
    `labels(role)` gives the English label a role is sorted by when no table ranks it."""
    entries = []
    for role in dict.fromkeys(roles):
        label = labels(role)
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
        first, second = override.first, override.second
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


def precedence_ranks(model, table: str) -> Ranking:
    """Return what the precedence table called `table` says of each role (nothing if there is no such table).

    The order among the people of one role comes from the role's entry in
    `table` (its `by`, else the table's `tie_break`); a role `table` does not
    rank takes the order of the first other table of the edition that ranks it
    with a `by` of its own, so that the ambassadors presenting their
    credentials come in the order their own table sets.
    """
    ranks: dict[str, tuple[int, ...]] = {}
    orders: dict[str, tuple[str, ...]] = {}
    citations: dict[str, Citation] = {}
    reconstructed: dict[str, PrecedenceEntry] = {}
    found = model.law(table)
    if isinstance(found, PrecedenceTable):
        tie_break = found.tie_break or DEFAULT_ORDER
        for entry in found.entries:
            for role in entry.roles:
                if role not in ranks:
                    ranks[role] = _rank_key(entry.number)
                    orders[role] = entry.order or tie_break
                    citations[role] = entry.citation
                    if entry.reconstructed is not None:
                        reconstructed[role] = entry
    for name in model.names("precedence table"):
        other = model.law(name)
        if name == table or not isinstance(other, PrecedenceTable):
            continue
        for entry in (e for e in other.entries if e.order):
            for role in entry.roles:
                if role not in orders:
                    orders[role] = entry.order
                    citations[role] = entry.citation
    return Ranking(ranks, orders, citations, reconstructed, found if isinstance(found, PrecedenceTable) else None)
