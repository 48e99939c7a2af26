"""Turn a checked program into a simple temporal network, solve it, and explain conflicts.

Every called ceremony and each of its steps gets a start and an end point.
Constraints come from fixed clock times, durations, `then` chains, the order of
entries within a day's track, the ceremony's sequence/order/first/last, and
the visit's arrival and departure. Times are minutes since the Unix epoch, UTC.

Items under a condition that is unknown are optional: the network holds them
(all present), and a `then` chain also links the neighbours around each of them,
so that leaving one out keeps the order of the rest. A conflict whose cycle
passes through optional items is reported with their conditions; those items
are then left out and the network is solved again, so each further conflict is
found without enumerating the 2^n combinations of conditions.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..check.checker import Checked
from ..clock import ClockError, to_utc_minutes
from ..model.facts import NO, UNKNOWN, YES
from .points import ORIGIN, Because, left_out as _left_out
from ..check.modal_rules import cite
from ..tree.unparse import branch_text
from .solver import Constraint, Schedule, solve
from .layout import lay_out

MINUTES = {"min": 1, "h": 60, "day": 1440, "days": 1440}


@frozen
class Item:
    """A scheduled ceremony (a call of the program) or one of its steps."""

    key: str
    site: object
    step: t.Step | None
    condition: str | None
    fixed: bool


@frozen
class Timed:
    """The solved network: items, their windows and one timeline, or the conflicts."""

    items: tuple[Item, ...]
    schedule: Schedule | None
    absent: frozenset[str]
    diagnostics: tuple[diag.Diagnostic, ...]
    # Steps with no duration of their own, given an equal share of their
    # ceremony's time in the timeline (keys `c3/flowers`): shown as estimates.
    estimated: frozenset[str] = frozenset()


def schedule(checked: Checked) -> Timed:
    """Build the scenario's temporal network, solve it, and report conflicts and double bookings."""
    found: list[diag.Diagnostic] = []
    builder = _Network(checked, found)
    builder.build()
    absent: set[str] = set()
    result = None
    for _ in range(len(builder.optional) + 1):
        points = [p for p in builder.points if not _left_out(p.rsplit("/", 1)[0], absent)]
        alive = set(points)
        constraints = [c for c in builder.constraints if c.source in alive and c.target in alive
                       and not (c.origin.optional and c.origin.optional in absent)]
        result = solve(points, constraints, ORIGIN)
        if result.consistent:
            break
        optional = sorted({c.origin.optional for c in result.conflict if c.origin.optional})
        found.append(_conflict(result, optional, builder))
        if not optional:
            result = None
            break
        absent.update(optional)
    else:
        result = None
    estimated: set[str] = set()
    if result is not None and result.consistent:
        result, estimated = lay_out(builder, points, constraints, result, absent, found)
        _double_bookings(builder, result, absent, found)
    return Timed(tuple(builder.items), result, frozenset(absent), tuple(found), frozenset(estimated))


class _Network:
    def __init__(self, checked: Checked, found: list) -> None:
        self.checked = checked
        self.facts = checked.facts
        self.bound = checked.bound
        self.found = found
        self.points: list[str] = [ORIGIN]
        self.constraints: list[Constraint] = []
        self.items: list[Item] = []
        self.optional: set[str] = set()
        self.guards: dict[str, t.Guard] = {}
        self.untimed: set[str] = set()
        self.anchored: dict[str, str] = {}  # call key -> the step its clock time fixes
        self.undurated: list[tuple] = []  # calls with no duration from the program or the ceremony

    def add(self, source: str, target: str, bound: int, because: Because) -> None:
        """Add `time(target) - time(source) <= bound`."""
        self.constraints.append(Constraint(source, target, bound, because))

    def at_least(self, earlier: str, later: str, minutes: int, because: Because) -> None:
        self.add(later, earlier, -minutes, because)

    def build(self) -> None:
        arrival = self._moment(self.facts.events.get("arrival"))
        departure = self._moment(self.facts.events.get("departure"))
        if not isinstance(self.facts.visit, t.Visit):
            # A visit is the guest's stay (it begins on arrival): its program
            # lies inside it. At an occasion the principal is one guest among
            # many, whose own arrival does not bound the event.
            arrival = departure = None
        last_required: dict[tuple, str] = {}
        pending: dict[tuple, list[str]] = {}
        for index, site in enumerate(self.checked.calls):
            value = self.facts.value(site.call.guard, site.name)
            if value == NO:
                continue
            key = f"c{index}"
            condition = branch_text(site.call.guard) if site.call.guard else None
            optional = key if value == UNKNOWN else None
            if optional:
                self.optional.add(key)
                self.guards[key] = site.call.guard
            fixed = site.entry.time is not None and site.call_index == 0
            self.items.append(Item(key, site, None, condition if optional else None, fixed))
            self.points += [f"{key}/s", f"{key}/e"]
            ceremony = self._ceremony(site)
            self._call_constraints(site, key, ceremony, optional, arrival, departure)
            track = (site.day.number, site.track)
            reason = "`then`: after the previous item" if site.call_index else "follows the previous item of the day"
            required_before = last_required.get(track)
            if required_before is not None:
                self.at_least(f"{required_before}/e", f"{key}/s", 0, Because(site.call.span, reason, None, optional))
            for before in pending.get(track, ()):
                # Items that can never both take place (`when rain` and
                # `when not rain`) are alternatives, not a sequence.
                if not self._compatible(before, site.call.guard):
                    continue
                # Holds only while the optional item before is there; the link
                # from the last required item keeps the order when it is not.
                self.at_least(f"{before}/e", f"{key}/s", 0, Because(site.call.span, reason, None, before))
            if optional is None:
                last_required[track] = key
                pending[track] = []
            else:
                pending.setdefault(track, []).append(key)
            if ceremony is not None:
                self._steps(site, key, ceremony, optional)

    def _compatible(self, before: str, guard: t.Guard | None) -> bool:
        """Tell whether the optional item `before` and an item under `guard` can both take place."""
        first = self.guards.get(before)
        names = sorted(set(_names(first)) | set(_names(guard)))
        unknown = [n for n in names if self.facts.conditions.get(n, UNKNOWN) == UNKNOWN][:12]
        for bits in range(2 ** len(unknown)):
            chosen = {n: (YES if bits >> i & 1 else NO) for i, n in enumerate(unknown)}
            if _holds(first, self.facts, chosen) and _holds(guard, self.facts, chosen):
                return True
        return False

    def _moment(self, moment: t.Moment | None) -> int | None:
        if moment is None:
            return None
        try:
            return to_utc_minutes(moment.date, moment.time, moment.timezone or self.facts.zone)
        except ClockError as error:
            self.found.append(diag.error(error.code, str(error), moment.span))
            return None

    def _ceremony(self, site):
        symbol = self.bound.lookup(site.call.ref)
        return symbol if symbol is not None and isinstance(symbol.node, t.Ceremony) else None

    def _day_date(self, site) -> str | None:
        if site.day.date:
            return site.day.date
        arrival = self.facts.events.get("arrival")
        if arrival is None:
            return None
        try:
            first = datetime.date.fromisoformat(arrival.date)
        except ValueError:
            return None
        return (first + datetime.timedelta(days=site.day.number - 1)).isoformat()

    def _call_constraints(self, site, key, ceremony, optional, arrival, departure) -> None:
        start, end = f"{key}/s", f"{key}/e"
        # With `anchor STEP` the program's clock time, and the guest's arrival, bound that step,
        # and the steps before it (the flags raised before the aircraft lands) come earlier.
        timed_point = start
        anchor = self._anchor(site, ceremony)
        if anchor is not None:
            self.anchored[key] = anchor
            timed_point = f"{key}/{anchor}/s"
        if site.entry.time is not None and site.call_index == 0:
            date = self._day_date(site)
            if date is not None:
                try:
                    minute = to_utc_minutes(date, site.entry.time, self.facts.zone)
                except ClockError as error:
                    self.found.append(diag.error(error.code, str(error), site.entry.span))
                else:
                    because = Because(site.entry.span, f"fixed at {site.entry.time} on {date}", None, optional)
                    self.add(ORIGIN, timed_point, minute, because)
                    self.add(timed_point, ORIGIN, -minute, because)
        low, high, because = self._call_duration(site, key, ceremony, optional)
        self.add(start, end, high, because) if high is not None else None
        self.add(end, start, -low, because)
        if arrival is not None:
            self.add(timed_point, ORIGIN, -arrival,
                     Because(site.call.span, "not before the guest's arrival", None, optional))
        if departure is not None:
            self.add(ORIGIN, end, departure, Because(site.call.span, "not after the guest's departure", None, optional))

    def _anchor(self, site, ceremony) -> str | None:
        """Return the ceremony's anchor step when it surely takes place, else None (the call's start)."""
        if ceremony is None:
            return None
        anchor = next((i.step.text for i in ceremony.node.items if isinstance(i, t.AnchorStep)), None)
        row = next((r for r in self._step_table(ceremony) if r[0] == anchor), None)
        if row is None or self.facts.value(row[2], f"{site.name}.{anchor}") != YES:
            return None
        return anchor

    def _call_duration(self, site, key, ceremony, optional):
        if site.call.amount is not None:
            minutes = _minutes(site.call.amount.number, site.call.amount.unit)
            if minutes is not None:
                return minutes, minutes, Because(site.call.amount.span, f"lasts {minutes} min", None, optional)
        if ceremony is not None:
            for item in ceremony.node.items:
                if isinstance(item, t.Duration):
                    low, high = _range(item.amount)
                    return low, high, Because(item.span, f"{site.name} lasts {low}-{high} min",
                                              cite(ceremony.edition, item.citations), optional)
        self.undurated.append((site, key))
        return 0, None, Because(site.call.span, "takes some time", None, optional)

    def _steps(self, site, key, ceremony, optional) -> None:
        keys = {}
        for name, step, guard, duration in self._step_table(ceremony):
            value = self.facts.value(guard, f"{site.name}.{name}")
            if value == NO:
                continue
            step_key = f"{key}/{name}"
            step_optional = optional or (step_key if value == UNKNOWN else None)
            if step_optional == step_key:
                self.optional.add(step_key)
            keys[name] = step_key
            condition = branch_text(guard) if guard is not None and value == UNKNOWN else None
            self.items.append(Item(step_key, site, step, condition,
                                   self.anchored.get(key) == name and site.entry.time is not None
                                   and site.call_index == 0))
            self.points += [f"{step_key}/s", f"{step_key}/e"]
            within = Because(step.span, f"part of {site.name}", None, step_optional)
            self.at_least(f"{key}/s", f"{step_key}/s", 0, within)
            self.at_least(f"{step_key}/e", f"{key}/e", 0, within)
            if duration is not None:
                low, high, because = duration
                because = attrs.evolve(because, optional=step_optional)
                self.add(f"{step_key}/s", f"{step_key}/e", high, because)
                self.add(f"{step_key}/e", f"{step_key}/s", -low, because)
            else:
                self.at_least(f"{step_key}/s", f"{step_key}/e", 0, within)
                self.untimed.add(step_key)
        for first, second, because in self._order_table(ceremony):
            if first in keys and second in keys:
                self.at_least(f"{keys[first]}/e", f"{keys[second]}/s", 0, attrs.evolve(because, optional=optional))

    def _step_table(self, ceremony) -> list:
        """Return (name, step, guard, duration) for each step that can take place; computed once per ceremony."""
        cache = self.__dict__.setdefault("_steps_cache", {})
        if ceremony.name not in cache:
            rows = []
            for step in (i for i in ceremony.node.items if isinstance(i, t.Step)):
                items = step.items or ()
                modality = next((i.modality for i in items if isinstance(i, t.StepModality)), None)
                if modality == "shall not":
                    continue
                guard = next((i.guard for i in items if isinstance(i, t.StepGuard)), None)
                duration = next((i for i in items if isinstance(i, t.Duration)), None)
                if duration is not None:
                    low, high = _range(duration.amount)
                    duration = (low, high, Because(duration.span, f"{step.name.text} lasts {low}-{high} min",
                                                   cite(ceremony.edition, duration.citations)))
                rows.append((step.name.text, step, guard, duration))
            cache[ceremony.name] = rows
        return cache[ceremony.name]

    def _order_table(self, ceremony) -> list:
        """Return (earlier step, later step, why) pairs from the ceremony's sequence, order, first and last."""
        cache = self.__dict__.setdefault("_order_cache", {})
        if ceremony.name in cache:
            return cache[ceremony.name]
        names = [i.name.text for i in ceremony.node.items if isinstance(i, t.Step)]
        pairs = []
        for item in ceremony.node.items:
            why = cite(ceremony.edition, getattr(item, "citations", ()))
            if isinstance(item, t.Sequence):
                chain = [r.text for r in item.steps]
                pairs += [(a, b, Because(item.span, "in sequence", why)) for a, b in zip(chain, chain[1:])]
            elif isinstance(item, t.Order):
                first, second = item.first.text, item.second.text
                if item.relation == "after":
                    first, second = second, first
                pairs.append((first, second, Because(item.span, f"{item.first.text} {item.relation} "
                                                     f"{item.second.text}", why)))
            elif isinstance(item, t.Extreme):
                this = item.step.text
                for other in names:
                    if other != this:
                        pair = (this, other) if item.position == "first" else (other, this)
                        pairs.append((*pair, Because(item.span, f"{this} comes {item.position}", why)))
        cache[ceremony.name] = pairs
        return pairs


def _names(guard) -> list[str]:
    if guard is None:
        return []
    stack, names = [guard.condition if isinstance(guard, t.Guard) else guard], []
    while stack:
        node = stack.pop()
        if isinstance(node, t.ConditionRef):
            names.append(node.ref.text)
        elif isinstance(node, t.Negation):
            stack.append(node.operand)
        else:
            stack.extend(node.operands)
    return names


def _holds(guard, facts, chosen: dict[str, str]) -> bool:
    """Evaluate `guard` with the unknown conditions set as in `chosen`."""
    if guard is None:
        return True
    settled = attrs.evolve(facts, conditions={**facts.conditions, **chosen})
    return settled.value(guard) == YES


def _minutes(number: str, unit: str | None) -> int | None:
    try:
        return int(Decimal(number) * MINUTES.get(unit or "min", 1))
    except ArithmeticError:
        return None


def _range(amount) -> tuple[int, int]:
    if isinstance(amount, t.Range):
        return _minutes(amount.low, amount.unit) or 0, _minutes(amount.high, amount.unit) or 0
    minutes = _minutes(amount.number, amount.unit) or 0
    return minutes, minutes


def _conflict(result: Schedule, optional: list[str], builder: _Network) -> diag.Diagnostic:
    reasons = [c.origin for c in result.conflict if c.origin.reason]
    conditions = sorted({item.condition for item in builder.items if item.key in optional and item.condition})
    when = f" when {' and '.join(conditions)}" if conditions else ""
    first = reasons[0] if reasons else None
    related = tuple(diag.Related(r.span, r.reason + (f" ({r.citation})" if r.citation else "")) for r in reasons)
    citations = "; ".join(sorted({r.citation for r in reasons if r.citation})) or None
    return diag.error("schedule-conflict",
                      f"the timetable is impossible{when}: {result.shortfall} minute"
                      f"{'s' if result.shortfall != 1 else ''} missing", first.span if first else None,
                      related=related, citation=citations,
                      hints=("shorten an item, move a fixed time, or drop an item from the chain",))


def _double_bookings(builder: _Network, result: Schedule, absent: set, found: list) -> None:
    calls = [i for i in builder.items if i.step is None and i.key not in absent]
    spans = []
    for item in calls:
        start, end = result.timeline.get(f"{item.key}/s"), result.timeline.get(f"{item.key}/e")
        if start is None or end is None:
            continue
        spans.append((start, end, item, _participants(builder, item), _place(builder, item)))
    spans.sort(key=lambda s: (s[0], s[2].key))
    for index, (start, end, item, people, place) in enumerate(spans):
        for other_start, other_end, other, other_people, other_place in spans[index + 1:]:
            if other_start >= end:
                break
            if item.site.track == other.site.track or place == other_place:
                continue
            if not builder._compatible(item.key, builder.guards.get(other.key)):
                continue  # alternatives: they never both take place
            shared = sorted(people & other_people)
            if shared:
                found.append(diag.error(
                    "double-booked", f"{', '.join(shared)} would be at `{item.site.name}` and at "
                    f"`{other.site.name}` at the same time", other.site.call.span,
                    related=(diag.Related(item.site.call.span, f"`{item.site.name}` is here"),)))


def _participants(builder: _Network, item: Item) -> set[str]:
    symbol = builder.bound.lookup(item.site.call.ref)
    people = set()
    if symbol is not None and isinstance(symbol.node, t.Ceremony):
        for step in (i for i in symbol.node.items if isinstance(i, t.Step)):
            for entry in step.items or ():
                if isinstance(entry, t.Actors):
                    people.update(actor.ref.text for actor in entry.actors
                                  if builder.facts.value(actor.guard, f"{item.site.name}.{step.name.text}") != NO)
                elif isinstance(entry, t.Lead):
                    people.add(entry.role.text)
    return people


def _place(builder: _Network, item: Item) -> str | None:
    if item.site.call.place is not None:
        return item.site.call.place.text
    symbol = builder.bound.lookup(item.site.call.ref)
    if symbol is not None and isinstance(symbol.node, t.Ceremony):
        return next((i.place.text for i in symbol.node.items if isinstance(i, t.Venue)), None)
    return None
