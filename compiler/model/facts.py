"""What a scenario states: its conditions (yes, no, unknown) and its dated events.

Some conditions follow from the scenario's own facts (a spouse is present when
the principal comes with one; an arrival on a Saturday is a weekend arrival;
a meeting with officials in transit holds when the program holds one); the
rest come from `assume`, and a condition nobody settles stays unknown, which
keeps both branches of every rule under it.
"""

from __future__ import annotations

import datetime

from attrs import evolve, field, frozen

from .. import diagnostics as diag
from .event import Call, Event, Moment
from .values import NO, UNKNOWN, YES, Condition, Truth, evaluate
from ..diagnostics.codes import ASSUMPTION_CONTRADICTS_FACTS

# Arrival before this hour is "early in the morning", from this hour "late in
# the evening": the texts name both without hours, so the thresholds are the
# State Protocol Service's working practice, shown in the explanation of the result.
EARLY_MORNING_BEFORE = datetime.time(7, 0)
LATE_EVENING_FROM = datetime.time(21, 0)


@frozen
class Facts:
    """The scenario's conditions and its events by name."""

    conditions: dict[str, Truth]
    derived: dict[str, Truth]
    events: dict[str, Moment]
    zone: str
    # `assume parties_agree yes for wreath_laying`: (condition, item) -> truth.
    # The parties agree item by item; one answer for one item settles nothing else.
    per_item: dict[tuple[str, str], Truth] = field(factory=dict)

    def value(self, condition: Condition | None, item: str | None = None) -> Truth:
        """Evaluate a condition (None: always) for `item` (a ceremony, `ceremony.step`, a unit).

        An assumption made for that item, or for the ceremony a step belongs to,
        counts before the scenario's general one.
        """
        if condition is None:
            return YES
        return evaluate(condition.expr, lambda name: self.condition(name, item))

    def condition(self, name: str, item: str | None = None) -> Truth:
        """Return the truth of the condition `name` for `item` (or in general)."""
        if item is not None and self.per_item:
            parts = item.split(".")
            for length in range(len(parts), 0, -1):
                found = self.per_item.get((name, ".".join(parts[:length])))
                if found is not None:
                    return found
        return self.conditions.get(name, UNKNOWN)

    def settle(self, chosen: dict[str, Truth]) -> Facts:
        """Return these facts with some unknown conditions set (to try the combinations of alternatives)."""
        return evolve(self, conditions={**self.conditions, **chosen})


def derived_conditions(event: Event, declared: set[str]) -> dict[str, Truth]:
    """Return the conditions that follow from the scenario's own facts, those the library declares."""
    derived: dict[str, Truth] = {}
    principal = event.principal
    if principal is not None:
        derived["spouse_present"] = _truth(principal.spouse is not None)
        if principal.government is not None:
            derived["parliamentary_government"] = _truth(principal.government == "parliamentary")
        if principal.term is not None:
            derived["second_term"] = _truth(principal.term == 2)
    arrival = event.visit.arrival if event.visit is not None else None
    if arrival is not None:
        from ..clock import is_day_off

        try:
            day = datetime.date.fromisoformat(arrival.date)
            hour = datetime.time.fromisoformat(arrival.time.zfill(5))
        except ValueError:
            day = hour = None
        if day is not None:
            derived["weekend_arrival"] = _truth(day.weekday() >= 5)
            derived["holiday_arrival"] = _truth(is_day_off(day) and day.weekday() < 5)
            derived["early_morning_arrival"] = _truth(hour < EARLY_MORNING_BEFORE)
            derived["late_evening_arrival"] = _truth(hour >= LATE_EVENING_FROM)
    return {name: value for name, value in derived.items() if name in declared}


def settled_by_program(settled: dict[str, tuple[str, ...]], calls: tuple[Call, ...],
                       preliminary: Facts) -> dict[str, Truth]:
    """Return the conditions the program settles (`settled_by program meetings_with_officials`): yes when
    one of those ceremonies is surely held, unknown when one is held only under an open condition, else no."""
    out = {}
    for name, ceremonies in settled.items():
        values = [preliminary.value(call.condition, call.name) for call in calls if call.name in ceremonies]
        out[name] = Truth.any_of(values)
    return out


def gather_facts(event: Event, declared: set[str], settled: dict[str, tuple[str, ...]],
                 found: list[diag.Diagnostic]) -> Facts:
    """Collect the scenario's conditions and events, reporting assumptions that contradict its facts.

    `declared` holds the names of the conditions in scope; `settled` maps each
    condition the program settles to the ceremonies that settle it.
    """
    derived = derived_conditions(event, declared)
    general = {a.condition: Truth(a.truth) for a in event.assumptions if not a.items}
    preliminary = Facts({**general, **derived}, derived, {}, event.zone)
    derived.update(settled_by_program(settled, event.calls, preliminary))

    conditions: dict[str, Truth] = dict(derived)
    per_item: dict[tuple[str, str], Truth] = {}
    for assumption in event.assumptions:
        name, truth = assumption.condition, Truth(assumption.truth)
        if assumption.items:
            if name in derived:
                found.append(diag.error(
                    ASSUMPTION_CONTRADICTS_FACTS, f"`{name}` follows from the scenario's own facts; it cannot be "
                    "assumed item by item", assumption.span, hints=("remove the assumption",)))
            for target in assumption.items:
                per_item[(name, target)] = truth
            continue
        if name in derived and derived[name] is not truth and truth is not UNKNOWN:
            ceremonies = settled.get(name, ())
            where = ("the program, which " + ("holds" if derived[name] is YES else "does not surely hold")
                     + " " + " or ".join(f"`{c}`" for c in ceremonies)) if ceremonies else "the scenario's own facts"
            found.append(diag.error(
                ASSUMPTION_CONTRADICTS_FACTS,
                f"`{name}` is {derived[name].value} by {where}, but it is assumed {truth.value}", assumption.span,
                hints=("remove the assumption: the compiler works this condition out itself",)))
            continue
        if name not in derived:
            conditions[name] = truth
    return Facts(conditions, derived, dict(event.events), event.zone, per_item)


def _truth(value: bool) -> Truth:
    return YES if value else NO
