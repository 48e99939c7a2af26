"""Lay out the one concrete timeline of a solved network: where each step sits in its ceremony.

The solver's earliest times are a correct timeline but a poor run-sheet: a
step with no duration of its own takes no time, and a ceremony whose clock
time belongs to a step inside it (`anchor invitation`) starts as early as its
duration allows. These passes give such steps a share of their ceremony's
time and put anchored ceremonies around their anchor; earliest and latest
times, and every verdict, stay as solved.
"""

from __future__ import annotations

import attrs

from .. import diagnostics as diag
from .points import ORIGIN, Because, left_out as _left_out
from .solver import Constraint, Schedule, solve
from ..diagnostics.codes import NO_DURATION


def lay_out(builder, points, constraints, result: Schedule, absent: set[str], found: list) -> tuple[Schedule, set[str]]:
    """Return the timeline laid out for reading, and the steps whose durations are estimates."""
    estimated: set[str] = set()
    result = _place_anchored_calls(builder, points, constraints, result, absent, estimated)
    result = _spread_untimed_steps(builder, result, absent, estimated)
    _report_zero_durations(builder, result, absent, found)
    return result, estimated


def _report_zero_durations(builder, result: Schedule, absent: set[str], found: list) -> None:
    """Warn about calls that take no time because nothing gives them a duration: the run-sheet would show
    them, and whatever follows them, at one moment."""
    for call, key in builder.undurated:
        start, end = result.timeline.get(f"{key}/s"), result.timeline.get(f"{key}/e")
        if key not in absent and start is not None and start == end:
            found.append(diag.warning(
                NO_DURATION, f"`{call.name}` has no duration, so the timeline gives it none", call.span,
                hints=(f"give it one in the program: `{call.name} 30 min`",)))


def _place_anchored_calls(builder, points, constraints, result: Schedule, absent: set[str],
                          estimated: set[str]) -> Schedule:
    """Lay out the calls whose clock time fixes a step inside them (`anchor invitation`).

    The earliest timeline starts such a call as early as its duration allows and
    leaves the steps after the anchor no time. Here every step without a
    duration of its own gets its share of the call's time, and the whole
    network is solved again, so that the steps before the anchor come before
    the clock time and the rest after it, and whatever follows the call moves
    with it. Where that does not fit, the first timeline stays.
    """
    extra: list[Constraint] = []
    shared: list[str] = []
    timeline = result.timeline
    steps_of: dict[str, list[str]] = {}
    for item in builder.items:
        call = item.key.split("/")[0]
        if item.step is not None and call in builder.anchored and not _left_out(item.key, absent):
            steps_of.setdefault(call, []).append(item.key)
    for call in sorted(builder.anchored):
        if _left_out(call, absent):
            continue
        steps = steps_of.get(call, [])
        untimed = [key for key in steps if key in builder.untimed]
        if not untimed:
            continue
        timed = sum(timeline[f"{key}/e"] - timeline[f"{key}/s"] for key in steps if key not in untimed)
        share = (timeline[f"{call}/e"] - timeline[f"{call}/s"] - timed) // len(untimed)
        if share <= 0:
            continue
        because = Because(None, "an equal share of the ceremony's time", None)
        for key in untimed:
            extra += [Constraint(f"{key}/s", f"{key}/e", share, because),
                      Constraint(f"{key}/e", f"{key}/s", -share, because)]
        shared += untimed
    if not extra:
        return result
    again = solve(points, list(constraints) + extra, ORIGIN)
    if not again.consistent:
        return result
    estimated.update(shared)
    return attrs.evolve(result, timeline=again.timeline)


def _spread_untimed_steps(builder, result: Schedule, absent: set[str], estimated: set[str]) -> Schedule:
    """Give the steps that have no duration an equal share of the time their ceremony has left.

    The network lets such a step take no time at all, so the earliest timeline
    would put every one of them at the ceremony's start. Within each call (whose
    start and end stay as solved) the untimed steps get the time the timed ones
    leave, in equal whole minutes; the call's own constraints among its steps
    are solved again with those durations, and where they do not fit the
    solved timeline is kept. Only the timeline changes: earliest and latest
    times still say what the constraints allow.
    """
    timeline = dict(result.timeline)
    by_call: dict[str, list[str]] = {}
    for key in builder.untimed:
        if not _left_out(key, absent) and key not in estimated:  # anchored calls are laid out already
            by_call.setdefault(key.split("/")[0], []).append(key)
    if not by_call:
        return result
    local_constraints: dict[str, list[Constraint]] = {}
    for constraint in builder.constraints:
        if constraint.source == ORIGIN or constraint.target == ORIGIN:
            continue
        call = constraint.source.split("/")[0]
        if call in by_call and constraint.target.split("/")[0] == call and not (
                constraint.origin.optional and constraint.origin.optional in absent):
            local_constraints.setdefault(call, []).append(constraint)
    for call, untimed in sorted(by_call.items()):
        start, end = timeline.get(f"{call}/s"), timeline.get(f"{call}/e")
        steps = sorted({c.source.rsplit("/", 1)[0] for c in local_constraints.get(call, ())} - {call})
        steps = [k for k in steps if not _left_out(k, absent)]
        if start is None or end is None or not steps:
            continue
        timed = sum(timeline[f"{k}/e"] - timeline[f"{k}/s"] for k in steps if k not in untimed)
        share = (end - start - timed) // len(untimed)
        if share <= 0:
            continue
        fixed = Because(None, "as solved", None)
        constraints = list(local_constraints[call]) + [
            Constraint(ORIGIN, f"{call}/s", start, fixed), Constraint(f"{call}/s", ORIGIN, -start, fixed),
            Constraint(ORIGIN, f"{call}/e", end, fixed), Constraint(f"{call}/e", ORIGIN, -end, fixed)]
        for key in untimed:
            constraints += [Constraint(f"{key}/s", f"{key}/e", share, fixed),
                            Constraint(f"{key}/e", f"{key}/s", -share, fixed)]
        points = [ORIGIN, f"{call}/s", f"{call}/e"] + [f"{k}/{end_}" for k in steps for end_ in ("s", "e")]
        local = solve(points, constraints, ORIGIN)
        if local.consistent:
            timeline.update({point: local.timeline[point] for point in points[3:]})
            estimated.update(untimed)
    return attrs.evolve(result, timeline=timeline)
