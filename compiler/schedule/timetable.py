"""Schedule a checked program: solve its network, lay out one timeline, report double bookings."""

from __future__ import annotations

from attrs import frozen

from .. import diagnostics as diag
from .layout import lay_out
from .network import Item, Network, solve_network
from .solver import Schedule
from .transfers import Transfer, transfers
from ..diagnostics.codes import DOUBLE_BOOKED


@frozen
class Timed:
    """The solved network: items, their windows and one timeline, or the conflicts."""

    items: tuple[Item, ...]
    schedule: Schedule | None
    absent: frozenset[str]
    diagnostics: tuple[diag.Diagnostic, ...]
    # Steps with no duration of their own (keys `c3/flowers`): they start where
    # their order puts them and have no end; nothing invents one.
    open_ended: frozenset[str] = frozenset()
    # The ways between consecutive calls at different venues, in time order.
    transfers: tuple[Transfer, ...] = ()


def schedule(checked) -> Timed:
    """Build the scenario's temporal network, solve it, and report conflicts and double bookings."""
    found: list[diag.Diagnostic] = []
    network = Network(checked, found)
    network.build()
    result, absent, points, constraints = solve_network(network, found)
    open_ended: set[str] = set()
    ways: tuple[Transfer, ...] = ()
    if result is not None:
        result, open_ended = lay_out(network, points, constraints, result, absent, found)
        _double_bookings(network, result, absent, found)
        ways = transfers(network, result, absent, found)
    return Timed(tuple(network.items), result, frozenset(absent), tuple(found), frozenset(open_ended), ways)


def _double_bookings(network: Network, result: Schedule, absent: set, found: list) -> None:
    """Report a role that two calls at the same time in different tracks and places both need.

    Who is at a call is the model's answer (`Call.participants`): a role whose
    only step there is under a condition that does not hold is not there.
    """
    spans = []
    for item in (i for i in network.items if i.step is None and i.key not in absent):
        start, end = result.timeline.get(f"{item.key}/s"), result.timeline.get(f"{item.key}/e")
        if start is None or end is None:
            continue
        call = item.call
        place = call.place or (call.ceremony.place if call.ceremony else None)
        spans.append((start, end, item, set(call.participants(network.facts)), place))
    spans.sort(key=lambda s: (s[0], s[2].key))
    for index, (start, end, item, people, place) in enumerate(spans):
        for other_start, _, other, other_people, other_place in spans[index + 1:]:
            if other_start >= end:
                break
            if item.call.track == other.call.track or place == other_place:
                continue
            if not network.compatible(item.key, network.conditions.get(other.key)):
                continue  # alternatives: they never both take place
            shared = sorted(people & other_people)
            if shared:
                found.append(diag.error(
                    DOUBLE_BOOKED, f"{', '.join(shared)} would be at `{item.call.name}` and at "
                    f"`{other.call.name}` at the same time", other.call.span,
                    related=(diag.Related(item.call.span, f"`{item.call.name}` is here"),)))
