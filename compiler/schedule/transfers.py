"""Find the transfers between consecutive program items at different venues.

Within one day's track, each call is followed by the next one that can take
place with it (a `when rain` item and its `when not rain` alternative are not
a sequence). Where the two are at different venues, the motorcade travels
between them: the library's or the scenario's `travel` table gives how long.
The transfer is not a constraint of the network, so that a program whose
fixed times leave too little room still has a timetable: the scheduler says so
(`transfer-too-short`) and the run-sheet shows the transfer and the free time.
"""

from __future__ import annotations

from attrs import frozen

from .. import diagnostics as diag
from ..diagnostics.codes import TRANSFER_TOO_SHORT
from ..model.event import Call
from .points import left_out
from .solver import Schedule


@frozen
class Transfer:
    """The way from one call to the next: venues, the travel time (None when no table gives it), the gap."""

    after: str  # the key of the call before
    before: str  # the key of the call after
    origin: str
    destination: str
    minutes: int | None
    leaves: int  # UTC minutes: the end of the call before
    gap: int  # minutes between the end of one and the start of the other


def venue(call: Call) -> str | None:
    """Return the venue of a call (the top place of the program's `at`, else of the ceremony's), or None."""
    name = call.place or (call.ceremony.place if call.ceremony else None)
    return name.split(".")[0] if name else None


def transfers(network, result: Schedule, absent: set[str], found: list) -> tuple[Transfer, ...]:
    """Return the transfers of the timeline, warning where the gap is shorter than the travel."""
    times = network.model.travel_times()
    calls = [item for item in network.items if item.step is None and not left_out(item.key, absent)
             and f"{item.key}/s" in result.timeline]
    calls.sort(key=lambda item: (result.timeline[f"{item.key}/s"], item.key))
    found_transfers: list[Transfer] = []
    for index, item in enumerate(calls):
        before = _previous(network, calls[:index], item, result)
        if before is None:
            continue
        origin, destination = venue(before.call), venue(item.call)
        if origin is None or destination is None or origin == destination:
            continue
        leaves = result.timeline[f"{before.key}/e"]
        gap = result.timeline[f"{item.key}/s"] - leaves
        minutes = times.get(frozenset((origin, destination)))
        found_transfers.append(Transfer(before.key, item.key, origin, destination, minutes, leaves, gap))
        if minutes is not None and gap < minutes:
            found.append(diag.warning(
                TRANSFER_TOO_SHORT, f"`{item.call.name}` starts {gap} min after `{before.call.name}` ends, "
                f"but the way from `{origin}` to `{destination}` takes {minutes} min", item.call.span,
                related=(diag.Related(before.call.span, f"`{before.call.name}` ends here"),),
                hints=(f"start `{item.call.name}` at least {minutes - gap} min later, or shorten "
                       f"`{before.call.name}`",)))
    return tuple(found_transfers)


def _previous(network, earlier: list, item, result: Schedule):
    """Return the last call of the same day and track before `item` that can take place with it."""
    start = result.timeline[f"{item.key}/s"]
    for before in reversed(earlier):
        if (before.call.day, before.call.track) != (item.call.day, item.call.track):
            continue
        if result.timeline[f"{before.key}/e"] > start:
            continue  # overlapping: not a way from one to the other
        if network.compatible(before.key, network.conditions.get(item.key)):
            return before
    return None

