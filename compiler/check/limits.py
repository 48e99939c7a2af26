"""Check the quantities of the scenario (counts, agreed amounts, the stay, visits a year) against the
format's limits, or against an accepted deviation's new limit."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Iterator

from .. import diagnostics as diag
from ..model.law import Format, Limit
from ..model.lower import Model
from ..model.values import NO
from .common import COMPARE, WORDS, accepted_edit, under
from ..diagnostics.codes import LIMIT_EXCEEDED


def check_limits(model: Model) -> Iterator[diag.Diagnostic]:
    """Report each quantity beyond its limit; a limit an accepted deviation changed is checked as changed."""
    fmt = model.event.format
    if fmt is None:
        return
    values = quantities(model, fmt)
    for limit in fmt.limits:
        found = values.get(limit.quantity)
        applies = model.facts.value(limit.condition)
        if found is None or applies is NO:
            continue
        value, span, unit = found
        changed = accepted_edit(model, limit.quantity, "limit") if limit.permission is not None else None
        if changed is not None:
            yield from _beyond_deviation(limit, changed, value, span, unit)
            continue
        if limit.amount is None or COMPARE[limit.comparison](value, limit.amount):
            continue
        shown_unit = f" {limit.unit}" if limit.unit else ""
        make, wording = under(limit.condition, applies)
        yield make(
            "limit-exceeded", f"{limit.quantity} is {value}{unit}, but the rules allow "
            f"{WORDS[limit.comparison]} {limit.amount_text}{shown_unit}{wording}", span,
            citation=limit.citation.text, related=(diag.Related(limit.span, "the limit"),))


def _beyond_deviation(limit: Limit, changed, value: Decimal, span, unit: str) -> Iterator[diag.Diagnostic]:
    """Report a quantity beyond the limit an accepted deviation set instead of the rule's."""
    deviation, edit = changed
    if edit.amount is None or edit.comparison not in COMPARE or COMPARE[edit.comparison](value, edit.amount):
        return
    shown_unit = f" {edit.unit or limit.unit}" if (edit.unit or limit.unit) else ""
    related = (diag.Related(edit.span or deviation.span, "the deviation"), diag.Related(limit.span, "the limit"))
    yield diag.error(
        LIMIT_EXCEEDED, f"{limit.quantity} is {value}{unit}, but the deviation allows "
        f"{WORDS[edit.comparison]} {edit.amount_text}{shown_unit} (the rules: {WORDS[limit.comparison]} "
        f"{limit.amount_text}{f' {limit.unit}' if limit.unit else ''})", span, citation=(deviation.citation or limit.citation).text,
        related=tuple(r for r in related if r.span is not None))


def quantities(model: Model, fmt: Format) -> dict[str, tuple[Decimal, object, str]]:
    """Return each quantity the scenario gives or implies: (value, where, unit as shown after the value)."""
    event = model.event
    values: dict[str, tuple[Decimal, object, str]] = {}
    for count in event.counts:
        values[count.quantity] = (Decimal(count.number), count.span, "")
    for agreed in event.agreed:
        if agreed.number is not None:
            values[agreed.item] = (agreed.number, agreed.span, f" {agreed.unit}" if agreed.unit else "")
    arrival, departure, visit = model.facts.events.get("arrival"), model.facts.events.get("departure"), event.visit
    if arrival is not None and departure is not None and visit is not None:
        days = _days(arrival.date, departure.date)
        if days is not None:
            values.setdefault("stay", (Decimal(days), visit.span, " days"))
    if arrival is not None and visit is not None and visit.kind == "visit":
        year = arrival.date[:4]
        same = [p for p in event.prior_visits if p.date[:4] == year and p.format == visit.name]
        for name in (limit.quantity for limit in fmt.limits if limit.quantity.endswith("per_year")):
            values.setdefault(name, (Decimal(len(same) + 1), visit.span, f" in {year}, counting this one"))
    return values


def _days(first: str, last: str) -> int | None:
    """Count calendar days from arrival to departure, both included, as "a stay of three days" does."""
    try:
        return (datetime.date.fromisoformat(last) - datetime.date.fromisoformat(first)).days + 1
    except ValueError:
        return None
