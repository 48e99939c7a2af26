"""The contract between the compiler and a library: the names the compiler itself relies on.

The compiler knows a few names of the State Protocol by heart: the guest's
roles (placed first in every line-up), the two precedence tables (one for
international events, one for domestic ones), the conditions it works out
from a scenario's facts, and the body whose citations a scenario's bare `§`
refers to. They are declared here, once, and a library that lacks one is told
so when it is loaded (`library-contract`), instead of a silent wrong answer
later (a line-up without the guest first, a weekend arrival never noticed).
"""

from __future__ import annotations

from attrs import frozen

# The body of rules every scenario is held to unless it says otherwise.
DEFAULT_BODY = "state_protocol"
GUEST = "guest"
GUEST_SPOUSE = "guest_spouse"
GUEST_ROLES = (GUEST, GUEST_SPOUSE)
# The precedence table of events with a foreign guest, and of the others.
INTERNATIONAL_TABLE = "international"
DOMESTIC_TABLE = "domestic"
# Conditions the compiler works out from the scenario itself (compiler/model/facts.py).
DERIVED_CONDITIONS = ("spouse_present", "parliamentary_government", "second_term", "weekend_arrival",
                      "holiday_arrival", "early_morning_arrival", "late_evening_arrival")


@frozen
class Term:
    """One name of the contract: what kind of declaration it must be, and why the compiler needs it."""

    name: str
    kind: str
    why: str
    # A derived condition the edition has no rule on need not be declared; declared, it must be a condition.
    required: bool = True


TERMS: tuple[Term, ...] = (
    Term(GUEST, "role", "the guest is placed first in every line-up and named by the visit's principal"),
    Term(GUEST_SPOUSE, "role", "the guest's spouse follows the guest and is named by the visit"),
    Term(INTERNATIONAL_TABLE, "precedence table", "participants of a visit are ordered by it"),
    Term(DOMESTIC_TABLE, "precedence table", "participants of an occasion are ordered by it"),
    *(Term(name, "condition", "the compiler works it out from the scenario's facts", required=False)
      for name in DERIVED_CONDITIONS),
)


def precedence_table(visit) -> str:
    """Return the precedence table an event is ordered by: the international one for a visit."""
    return INTERNATIONAL_TABLE if visit is not None and visit.kind == "visit" else DOMESTIC_TABLE


def missing_terms(body: str, symbols: dict) -> list[tuple[Term, str | None]]:
    """Return the contract's terms an edition of `body` lacks, or declares as another kind (with that kind).

    Only the default body carries the contract: the Mission Regulation need
    not declare a guest.
    """
    if body != DEFAULT_BODY:
        return []
    out = []
    for term in TERMS:
        symbol = symbols.get(term.name)
        if (symbol is None and term.required) or (symbol is not None and symbol.kind != term.kind):
            out.append((term, symbol.kind if symbol is not None else None))
    return out
