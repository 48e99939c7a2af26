"""Turn the model's program into a simple temporal network, solve it, and explain conflicts.

Every call of the program and each of its steps (as they will happen, after
deviations) gets a start and an end point. Constraints come from fixed clock
times, durations, `then` chains, the order of entries within a day's track,
the call's step order (sequence, order, first, last), and the visit's arrival
and departure. Times are minutes since the Unix epoch, UTC.

Items under a condition that is unknown are optional: the network holds them
(all present), and a `then` chain also links the neighbours around each of them,
so that leaving one out keeps the order of the rest. A conflict whose cycle
passes through optional items is reported with their conditions; those items
are then left out and the network is solved again, so each further conflict is
found without enumerating the 2^n combinations of conditions.
"""

from __future__ import annotations

from attrs import frozen

from .. import diagnostics as diag
from ..clock import ClockError, to_utc_minutes
from ..model.event import Call, Moment
from ..model.law import Step
from ..model.values import NO, UNKNOWN, YES, Condition
from .points import ORIGIN, Because, left_out as _left_out
from .solver import Constraint, Schedule, solve
from ..diagnostics.codes import SCHEDULE_CONFLICT


@frozen(eq=False)
class Item:
    """A scheduled call of the program or one of its steps."""

    key: str
    call: Call
    step: Step | None
    condition: str | None  # the branch it belongs to when the scenario leaves its condition open
    fixed: bool


class Network:
    """The points and constraints of one program; `build()` fills them."""

    def __init__(self, checked, found: list) -> None:
        self.model = checked.model
        self.event = checked.model.event
        self.facts = checked.model.facts
        self.found = found
        self.points: list[str] = [ORIGIN]
        self.constraints: list[Constraint] = []
        self.items: list[Item] = []
        self.optional: set[str] = set()
        self.conditions: dict[str, Condition | None] = {}
        self.untimed: set[str] = set()
        self.anchored: dict[str, str] = {}  # call key -> the step its clock time fixes
        self.undurated: list[tuple[Call, str]] = []  # calls with no duration from the program or the ceremony

    def add(self, source: str, target: str, bound: int, because: Because) -> None:
        """Add `time(target) - time(source) <= bound`."""
        self.constraints.append(Constraint(source, target, bound, because))

    def at_least(self, earlier: str, later: str, minutes: int, because: Because) -> None:
        self.add(later, earlier, -minutes, because)

    def build(self) -> None:
        visit = self.event.visit
        arrival = self._moment(visit.arrival if visit else None)
        departure = self._moment(visit.departure if visit else None)
        if visit is None or visit.kind != "visit":
            # A visit is the guest's stay (it begins on arrival): its program lies
            # inside it. At an occasion the principal is one guest among many,
            # whose own arrival does not bound the event.
            arrival = departure = None
        last_required: dict[tuple, str] = {}
        pending: dict[tuple, list[str]] = {}
        for call in self.event.live_calls():
            value = self.facts.value(call.condition, call.name)
            if value is NO:
                continue
            key = call.key
            optional = key if value is UNKNOWN else None
            if optional:
                self.optional.add(key)
                self.conditions[key] = call.condition
            self.items.append(Item(key, call, None, call.condition.branch if optional else None, call.fixed))
            self.points += [f"{key}/s", f"{key}/e"]
            self._call_constraints(call, optional, arrival, departure)
            self._chain(call, optional, last_required, pending)
            self._steps(call, optional)

    def _chain(self, call: Call, optional: str | None, last_required: dict, pending: dict) -> None:
        """Put the call after the item before it in its day's track."""
        key, track = call.key, (call.day, call.track)
        reason = "`then`: after the previous item" if call.call_index else "follows the previous item of the day"
        required_before = last_required.get(track)
        if required_before is not None:
            self.at_least(f"{required_before}/e", f"{key}/s", 0, Because(call.span, reason, None, optional))
        for before in pending.get(track, ()):
            # Items that can never both take place (`when rain` and `when not rain`)
            # are alternatives, not a sequence.
            if not self.compatible(before, call.condition):
                continue
            # Holds only while the optional item before is there; the link
            # from the last required item keeps the order when it is not.
            self.at_least(f"{before}/e", f"{key}/s", 0, Because(call.span, reason, None, before))
        if optional is None:
            last_required[track] = key
            pending[track] = []
        else:
            pending.setdefault(track, []).append(key)

    def compatible(self, before: str, condition: Condition | None) -> bool:
        """Tell whether the optional item `before` and an item under `condition` can both take place."""
        first = self.conditions.get(before)
        names = sorted(set(first.names if first else ()) | set(condition.names if condition else ()))
        unknown = [n for n in names if self.facts.conditions.get(n, UNKNOWN) is UNKNOWN][:12]
        for bits in range(2 ** len(unknown)):
            settled = self.facts.settle({n: (YES if bits >> i & 1 else NO) for i, n in enumerate(unknown)})
            if settled.value(first) is YES and settled.value(condition) is YES:
                return True
        return False

    def _moment(self, moment: Moment | None) -> int | None:
        if moment is None:
            return None
        try:
            return to_utc_minutes(moment.date, moment.time, moment.zone or self.facts.zone)
        except ClockError as error:
            self.found.append(diag.error(error.code, str(error), moment.span))
            return None

    def _call_constraints(self, call: Call, optional, arrival, departure) -> None:
        key = call.key
        start, end = f"{key}/s", f"{key}/e"
        # With `anchor STEP` the program's clock time, and the guest's arrival, bound that step,
        # and the steps before it (the flags raised before the aircraft lands) come earlier.
        timed_point = start
        anchor = self._anchor(call)
        if anchor is not None:
            self.anchored[key] = anchor
            timed_point = f"{key}/{anchor}/s"
        if call.fixed and call.date is not None:
            try:
                minute = to_utc_minutes(call.date, call.time, self.facts.zone)
            except ClockError as error:
                self.found.append(diag.error(error.code, str(error), call.entry_span))
            else:
                because = Because(call.entry_span, f"fixed at {call.time} on {call.date}", None, optional)
                self.add(ORIGIN, timed_point, minute, because)
                self.add(timed_point, ORIGIN, -minute, because)
        low, high, because = self._call_duration(call, optional)
        # The program's length, like its clock time, is the anchor's: `11:00 akorda_welcome 20 min` is twenty
        # minutes from the guest's arrival at the stairs; the participants gathered before are not in them.
        measured_from = timed_point if call.minutes is not None else start
        if high is not None:
            self.add(measured_from, end, high, because)
        self.add(end, measured_from, -low, because)
        if arrival is not None:
            self.add(timed_point, ORIGIN, -arrival, Because(call.span, "not before the guest's arrival", None, optional))
        if departure is not None:
            self.add(ORIGIN, end, departure, Because(call.span, "not after the guest's departure", None, optional))

    def _anchor(self, call: Call) -> str | None:
        """Return the ceremony's anchor step when it surely takes place, else None (the call's start)."""
        if call.ceremony is None or call.ceremony.anchor is None:
            return None
        step = next((s for s in call.steps if s.name == call.ceremony.anchor and s.modality != "shall not"), None)
        if step is None or self.facts.value(step.condition, call.item(step)) is not YES:
            return None
        return step.name

    def _call_duration(self, call: Call, optional):
        if call.minutes is not None:
            return call.minutes, call.minutes, Because(call.minutes_span or call.span, f"lasts {call.minutes} min",
                                                       None, optional)
        if call.ceremony is not None and call.ceremony.duration is not None:
            length = call.ceremony.duration
            return length.low, length.high, Because(length.span, f"{call.name} lasts {length.low}-{length.high} min",
                                                    length.citation.text, optional)
        self.undurated.append((call, call.key))
        return 0, None, Because(call.span, "takes some time", None, optional)

    def _steps(self, call: Call, optional) -> None:
        keys = {}
        held = call.held_steps(self.facts)
        for step in held:
            value = self.facts.value(step.condition, call.item(step))
            step_key = f"{call.key}/{step.name}"
            step_optional = optional or (step_key if value is UNKNOWN else None)
            if step_optional == step_key:
                self.optional.add(step_key)
            keys[step.name] = step_key
            condition = step.condition.branch if step.condition is not None and value is UNKNOWN else None
            self.items.append(Item(step_key, call, step, condition,
                                   self.anchored.get(call.key) == step.name and call.fixed))
            self.points += [f"{step_key}/s", f"{step_key}/e"]
            within = Because(step.span, f"part of {call.name}", None, step_optional)
            self.at_least(f"{call.key}/s", f"{step_key}/s", 0, within)
            self.at_least(f"{step_key}/e", f"{call.key}/e", 0, within)
            if step.duration is not None:
                length = step.duration
                usually = " as a rule of the library" if length.customary else ""
                because = Because(length.span, f"{step.name} lasts {length.low}-{length.high} min{usually}",
                                  length.citation.text, step_optional)
                self.add(f"{step_key}/s", f"{step_key}/e", length.high, because)
                self.add(f"{step_key}/e", f"{step_key}/s", -length.low, because)
            elif len(held) == 1:
                # The ceremony's one step is the ceremony: it takes the call's time.
                self.at_least(f"{step_key}/e", f"{call.key}/e", 0, within)
                self.add(f"{call.key}/s", f"{step_key}/s", 0, within)
                self.add(f"{call.key}/e", f"{step_key}/e", 0, within)
            else:
                self.at_least(f"{step_key}/s", f"{step_key}/e", 0, within)
                self.untimed.add(step_key)
        for order in call.orders:
            if order.first in keys and order.second in keys:
                self.at_least(f"{keys[order.first]}/e", f"{keys[order.second]}/s", 0,
                              Because(order.span, order.reason, order.citation.text, optional))


def solve_network(network: Network, found: list) -> tuple[Schedule | None, set[str], list[str], list]:
    """Solve the network, leaving out optional items that cause conflicts; return the schedule (None when
    no timetable exists), what was left out, and the points and constraints of the last solve."""
    absent: set[str] = set()
    result, points, constraints = None, [], []
    for _ in range(len(network.optional) + 1):
        points = [p for p in network.points if not _left_out(p.rsplit("/", 1)[0], absent)]
        alive = set(points)
        constraints = [c for c in network.constraints if c.source in alive and c.target in alive
                       and not (c.origin.optional and c.origin.optional in absent)]
        result = solve(points, constraints, ORIGIN)
        if result.consistent:
            return result, absent, points, constraints
        optional = sorted({c.origin.optional for c in result.conflict if c.origin.optional})
        found.append(conflict(result, optional, network))
        if not optional:
            return None, absent, points, constraints
        absent.update(optional)
    return None, absent, points, constraints


def conflict(result: Schedule, optional: list[str], network: Network) -> diag.Diagnostic:
    """Return the diagnostic of an impossible timetable: the constraints of the cycle, with their articles."""
    reasons = [c.origin for c in result.conflict if c.origin.reason]
    conditions = sorted({item.condition for item in network.items if item.key in optional and item.condition})
    when = f" when {' and '.join(conditions)}" if conditions else ""
    first = reasons[0] if reasons else None
    related = tuple(diag.Related(r.span, r.reason + (f" ({r.citation})" if r.citation else "")) for r in reasons)
    citations = "; ".join(sorted({r.citation for r in reasons if r.citation})) or None
    return diag.error(SCHEDULE_CONFLICT,
                      f"the timetable is impossible{when}: {result.shortfall} minute"
                      f"{'s' if result.shortfall != 1 else ''} missing", first.span if first else None,
                      related=related, citation=citations,
                      hints=("shorten an item, move a fixed time, or drop an item from the chain",))
