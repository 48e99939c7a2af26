"""Check calls held once for each person of a role that several people fill (the ambassadors presenting
their credentials) against the order their precedence entry sets."""

from __future__ import annotations

import difflib
from typing import Iterator

from .. import diagnostics as diag
from ..model.event import Detail, Person
from ..model.lower import Model
from ..model.precedence import DEFAULT_ORDER, person_key, precedence_ranks
from .reconstructed import precedence_table
from ..diagnostics.codes import ORDER_VIOLATED, UNKNOWN_NAME


def check_order_of_persons(model: Model) -> Iterator[diag.Diagnostic]:
    """Report a person named on a call who fills no such role, and people called out of their order:
    `credentials_ceremony { newly_appointed_ambassador "..." }`, once per ambassador, in the order of their
    arrival (2024 art. 185) or of their agrément (2013 art. 198)."""
    people = model.event.people
    held: dict[tuple[str, str], list[tuple[Person, Detail]]] = {}
    for call in sorted(model.event.live_calls(), key=lambda c: c.order):
        for detail in call.details:
            persons = people.get(detail.kind, ())
            if len(persons) < 2 or detail.label is None:
                continue
            person = next((p for p in persons if p.name == detail.label.text), None)
            if person is None:
                close = difflib.get_close_matches(detail.label.text, [p.name for p in persons], n=1)
                yield diag.error(
                    UNKNOWN_NAME, f"no person called \"{detail.label.text}\" fills `{detail.kind}` in the "
                    "scenario's people", detail.span, hints=tuple(f"did you mean \"{m}\"?" for m in close))
                continue
            held.setdefault((call.name, detail.kind), []).append((person, detail))
    if held:
        yield from _out_of_order(model, held)


def _out_of_order(model: Model, held: dict[tuple[str, str], list[tuple[Person, Detail]]]):
    ranking = precedence_ranks(model, precedence_table(model))
    for (_, role), sequence in sorted(held.items()):
        order = ranking.orders.get(role, DEFAULT_ORDER)
        citation = ranking.citations.get(role)
        for (before, _), (after, detail) in zip(sequence, sequence[1:]):
            if person_key(after, order) < person_key(before, order):
                yield diag.error(
                    ORDER_VIOLATED, f"{after.name} comes after {before.name} in the program, but the rules put "
                    f"the people of `{role}` in the order of {' then '.join(order).replace('_', ' ')}",
                    detail.span, citation=citation.text if citation is not None else None,
                    related=(diag.Related(after.span, f"{after.name} in the people"),
                             diag.Related(before.span, f"{before.name} in the people")))
