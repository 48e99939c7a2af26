"""Work out what a scenario states: its conditions (yes, no, unknown) and its dated events.

Some conditions follow from the scenario's own facts (a spouse is present when
the principal comes with one); the rest come from `assume`, and a condition
nobody settles stays unknown, which keeps both branches of every rule under it.
"""

from __future__ import annotations

import datetime

from attrs import field, frozen

from .. import diagnostics as diag
from .. import tree as t
from ..resolve.bind import Bound

YES, NO, UNKNOWN = "yes", "no", "unknown"

# Arrival before this hour is "early in the morning", from this hour "late in
# the evening": the texts name both without hours, so the thresholds are the
# State Protocol Service's working practice, shown in the explanation of the result.
EARLY_MORNING_BEFORE = datetime.time(7, 0)
LATE_EVENING_FROM = datetime.time(21, 0)


@frozen
class Facts:
    """The scenario's conditions, its principal, and its events by name."""

    conditions: dict[str, str]
    derived: dict[str, str]
    principal: t.Guest | None
    visit: t.Visit | t.Occasion | None
    events: dict[str, t.Moment]
    zone: str
    # `assume parties_agree yes for wreath_laying`: (condition, item) -> truth.
    # The parties agree item by item; one answer for one item settles nothing else.
    per_item: dict[tuple[str, str], str] = field(factory=dict)

    def value(self, expression, item: str | None = None) -> str:
        """Evaluate a condition expression to yes, no or unknown (Kleene's three-valued logic).

        `item` names what the condition governs (a ceremony, `ceremony.step`, a
        unit): an assumption made for that item, or for the ceremony a step
        belongs to, counts before the scenario's general one.
        """
        if expression is None:
            return YES
        if isinstance(expression, t.Guard):
            inner = self.value(expression.condition, item)
            return inner if expression.keyword == "when" else _negate(inner)
        if isinstance(expression, t.ConditionRef):
            return self.condition(expression.ref.text, item)
        if isinstance(expression, t.Negation):
            return _negate(self.value(expression.operand, item))
        values = [self.value(operand, item) for operand in expression.operands]
        if isinstance(expression, t.AllOf):
            return NO if NO in values else UNKNOWN if UNKNOWN in values else YES
        return YES if YES in values else UNKNOWN if UNKNOWN in values else NO


    def condition(self, name: str, item: str | None = None) -> str:
        """Return the truth of the condition `name` for `item` (or in general)."""
        if item is not None and self.per_item:
            parts = item.split(".")
            for length in range(len(parts), 0, -1):
                found = self.per_item.get((name, ".".join(parts[:length])))
                if found is not None:
                    return found
        return self.conditions.get(name, UNKNOWN)


def _settled_by_program(bound: Bound, scenario: t.Scenario, derived: dict[str, str]) -> dict[str, str]:
    """Work out the conditions the program settles (`settled_by program meetings_with_officials`): yes when
    one of the ceremonies is held, unknown when one is held only under an open condition, else no."""
    from .program import program_calls

    settled = [s.node for s in bound.symbols.values() if isinstance(s.node, t.Condition) and s.node.program]
    if not settled:
        return {}
    # The calls' own conditions are weighed with the scenario's other facts and assumptions.
    assumed = {i.condition.text: i.truth for i in scenario.items if isinstance(i, t.Assume) and not i.items}
    preliminary = Facts({**assumed, **derived}, derived, None, None, {}, "UTC")
    calls = program_calls(scenario)
    out = {}
    for condition in settled:
        names = {ref.text for ref in condition.program}
        values = [preliminary.value(site.call.guard, site.name) for site in calls if site.name in names]
        out[condition.name.text] = YES if YES in values else UNKNOWN if UNKNOWN in values else NO
    return out


def _negate(value: str) -> str:
    return {YES: NO, NO: YES}.get(value, UNKNOWN)


def gather_facts(bound: Bound, scenario: t.Scenario, found: list[diag.Diagnostic]) -> Facts:
    """Collect the scenario's conditions and events, reporting assumptions that contradict its facts."""
    from ..clock import is_day_off

    visit = next((i for i in scenario.items if isinstance(i, (t.Visit, t.Occasion))), None)
    items = visit.items if visit else ()
    principal = next((i for i in items if isinstance(i, t.Guest)), None)
    arrive = next((i for i in items if isinstance(i, t.Arrive)), None)
    depart = next((i for i in items if isinstance(i, t.Depart)), None)
    zone = (arrive.moment.timezone if arrive and arrive.moment.timezone else None) or "Asia/Almaty"

    derived: dict[str, str] = {}
    if principal is not None:
        guest_items = principal.items or ()
        derived["spouse_present"] = YES if any(isinstance(i, t.Spouse) for i in guest_items) else NO
        forms = [i.form for i in guest_items if isinstance(i, t.Government)]
        if forms:
            derived["parliamentary_government"] = YES if forms[0] == "parliamentary" else NO
        terms = [i.number for i in guest_items if isinstance(i, t.Term)]
        if terms:
            derived["second_term"] = YES if terms[0] == 2 else NO
    if arrive is not None:
        try:
            day = datetime.date.fromisoformat(arrive.moment.date)
            hour = datetime.time.fromisoformat(arrive.moment.time.zfill(5))
        except ValueError:
            day = hour = None
        if day is not None:
            derived["weekend_arrival"] = YES if day.weekday() >= 5 else NO
            derived["holiday_arrival"] = YES if is_day_off(day) and day.weekday() < 5 else NO
            derived["early_morning_arrival"] = YES if hour < EARLY_MORNING_BEFORE else NO
            derived["late_evening_arrival"] = YES if hour >= LATE_EVENING_FROM else NO
    derived = {name: value for name, value in derived.items() if name in bound.symbols}
    derived.update(_settled_by_program(bound, scenario, derived))

    conditions = dict(derived)
    per_item: dict[tuple[str, str], str] = {}
    for item in scenario.items:
        if not isinstance(item, t.Assume):
            continue
        name = item.condition.text
        if item.items:
            if name in derived:
                found.append(diag.error(
                    "assumption-contradicts-facts", f"`{name}` follows from the scenario's own facts; it cannot be "
                    "assumed item by item", item.span, hints=("remove the assumption",)))
            for target in item.items:
                per_item[(name, target.text)] = item.truth
            continue
        if name in derived and derived[name] != item.truth and item.truth != UNKNOWN:
            symbol = bound.symbols.get(name)
            program = symbol.node.program if symbol is not None and isinstance(symbol.node, t.Condition) else ()
            where = ("the program, which " + ("holds" if derived[name] == YES else "does not surely hold")
                     + " " + " or ".join(f"`{ref.text}`" for ref in program)) if program else "the scenario's own facts"
            found.append(diag.error(
                "assumption-contradicts-facts",
                f"`{name}` is {derived[name]} by {where}, but it is assumed {item.truth}", item.span,
                hints=("remove the assumption: the compiler works this condition out itself",)))
            continue
        if name not in derived:
            conditions[name] = item.truth

    events: dict[str, t.Moment] = {}
    if arrive is not None:
        events["arrival"] = arrive.moment
    if depart is not None:
        events["departure"] = depart.moment
    for item in scenario.items:
        if isinstance(item, t.Event):
            events[item.name.text] = item.moment
    return Facts(conditions, derived, principal, visit, events, zone, per_item)
