"""Lay out the one concrete timeline of a solved network: where each step sits in its ceremony.

The solver's earliest times are a correct timeline, and the run-sheet prints
them as they are: a step with a duration (the law's, or the library's
customary one) takes it; a step without one starts where the steps ordered
before it leave off and has no end of its own, and its ceremony shows the
minutes no step accounts for. Nothing here invents a duration. The one pass
below puts a ceremony whose clock time belongs to a step inside it (`anchor
invitation`) around that step: the earliest timeline would start such a
ceremony as early as its duration allows.
"""

from __future__ import annotations

import attrs

from .. import diagnostics as diag
from .points import ORIGIN, Because, left_out as _left_out
from .solver import Constraint, Schedule, solve
from ..diagnostics.codes import NO_DURATION


def lay_out(builder, points, constraints, result: Schedule, absent: set[str], found: list) -> tuple[Schedule, set[str]]:
    """Return the timeline laid out for reading, and the steps that have no end of their own."""
    result = _place_anchored_calls(builder, points, constraints, result, absent)
    _report_zero_durations(builder, result, absent, found)
    open_ended = {key for key in builder.untimed if not _left_out(key, absent)}
    return result, open_ended


def _report_zero_durations(builder, result: Schedule, absent: set[str], found: list) -> None:
    """Warn about calls that take no time because nothing gives them a duration: the run-sheet would show
    them, and whatever follows them, at one moment."""
    for call, key in builder.undurated:
        start, end = result.timeline.get(f"{key}/s"), result.timeline.get(f"{key}/e")
        if key not in absent and start is not None and start == end:
            found.append(diag.warning(
                NO_DURATION, f"`{call.name}` has no duration, so the timeline gives it none", call.span,
                hints=(f"give it one in the program: `{call.name} 30 min`",)))


def _place_anchored_calls(builder, points, constraints, result: Schedule, absent: set[str]) -> Schedule:
    """Start each call whose clock time fixes a step inside it (`anchor invitation`) no earlier than the
    steps before that step need: at the anchor's time less the durations of the steps ordered before it.

    The whole network is solved again, so whatever follows the call moves with
    it. Where that does not fit, the first timeline stays.
    """
    extra: list[Constraint] = []
    because = Because(None, "the ceremony starts with the steps before its anchor", None)
    for call, anchor in sorted(builder.anchored.items()):
        if _left_out(call, absent):
            continue
        before = _steps_before(builder, call, anchor, absent, result.timeline)
        lead_time = sum(result.timeline[f"{key}/e"] - result.timeline[f"{key}/s"] for key in before)
        extra.append(Constraint(f"{call}/s", f"{call}/{anchor}/s", lead_time, because))
    if not extra:
        return result
    again = solve(points, list(constraints) + extra, ORIGIN)
    if not again.consistent:
        return result
    return attrs.evolve(result, timeline=again.timeline)


def _steps_before(builder, call: str, anchor: str, absent: set[str], timeline: dict) -> set[str]:
    """Return the keys of the steps of `call` that its orders put before `anchor`, directly or not."""
    earlier: dict[str, set[str]] = {}
    for item in builder.items:
        if item.key == call and item.step is None:
            for order in item.call.orders:
                earlier.setdefault(order.second, set()).add(order.first)
            break
    found: set[str] = set()
    waiting = [anchor]
    while waiting:
        for name in earlier.get(waiting.pop(), ()):
            if name not in found:
                found.add(name)
                waiting.append(name)
    keys = {f"{call}/{name}" for name in found}
    return {key for key in keys if not _left_out(key, absent) and f"{key}/s" in timeline}
