"""Solve a simple temporal network: its consistency, the window of every point, a conflict.

A network is a set of time points and difference constraints
`time(target) - time(source) <= bound` (minutes). It is read as a distance
graph with an edge source -> target of weight `bound`; the network has a
solution exactly when that graph has no negative cycle, and then, with the
origin point fixed at 0:

    latest(x)   =   shortest distance from the origin to x
    earliest(x) = -(shortest distance from x to the origin)

The solver runs in three steps:

1. Feasibility. Bellman-Ford with a FIFO queue from a virtual source joined to
   every point by a 0 edge, with Tarjan's subtree disassembly: the tentative
   shortest-path tree is kept as a preorder thread, and lowering a point's
   distance detaches the subtree below it. The relaxing point lies inside that
   subtree exactly when the tree would close a cycle, and that cycle is
   negative, so a conflict is found as soon as the tree can show one and is
   read off the parent pointers. O(n*m) in the worst case; in practice most
   of plain Bellman-Ford's rescans are saved, because detached points are not
   scanned with distances already known to be stale.
2. Windows. The distances of step 1 are a feasible assignment, so they serve
   as potentials that make every reduced edge weight non-negative (Johnson's
   reweighting); Dijkstra from the origin, on the graph and on its reverse,
   then gives the latest and the earliest times in O(m log n).
3. Timeline. The earliest times, when every point has one; otherwise one more
   Dijkstra places the points without a lower bound (see `Schedule`).

Everything is deterministic: ties are broken by the order of the input, so the
same points and constraints in the same order give the same schedule and the
same conflict.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence

from attrs import frozen


@frozen
class Constraint:
    """Bound the difference of two time points: time(target) - time(source) <= bound.

    `origin` is the caller's handle (a source span, a citation) and is carried
    through unchanged: the constraints of a conflict are the very objects given.
    """

    source: str
    target: str
    bound: int
    origin: object = None


@frozen
class Schedule:
    """The result of solving a network.

    When consistent, `earliest[x]` and `latest[x]` bound every solution
    (minutes from the origin point); either is None when no chain of
    constraints bounds x on that side. `timeline` is one solution: the earliest
    time of every point that has one; a point with no lower bound is placed at
    its latest time, or at 0 if it has none, or earlier where the other points
    of the timeline require it.

    When inconsistent, `conflict` holds the constraints of one negative cycle in
    cycle order (each one's target is the next one's source, the last one's
    target the first one's source), starting from the one given first;
    `shortfall` is minus the sum of their bounds, the minutes that are missing.
    The three dictionaries are then empty.
    """

    consistent: bool
    earliest: dict[str, int | None]
    latest: dict[str, int | None]
    timeline: dict[str, int]
    conflict: tuple[Constraint, ...] = ()
    shortfall: int = 0


def solve(points: Sequence[str], constraints: Sequence[Constraint], origin_point: str) -> Schedule:
    """Check a temporal network for consistency and compute the window of every point.

    Raises ValueError when a point is listed twice, or when the origin or a
    point named by a constraint is not in `points`.
    """
    index = _index_points(points, origin_point)
    edges, cycle = _tightest_edges(constraints, index)
    potentials: list[int] = []
    if not cycle:
        potentials, cycle = _potentials_or_negative_cycle(len(points), edges)
    if cycle:
        conflict = tuple(constraints[position] for position in cycle)
        return Schedule(False, {}, {}, {}, conflict, -sum(c.bound for c in conflict))

    forward: list[list[tuple[int, int]]] = [[] for _ in points]
    backward: list[list[tuple[int, int]]] = [[] for _ in points]
    for source, target, bound, _ in edges:
        forward[source].append((target, bound))
        backward[target].append((source, bound))
    origin = index[origin_point]
    latest = _dijkstra(forward, potentials, {origin: 0})
    from_origin = _dijkstra(backward, [-p for p in potentials], {origin: 0})
    earliest = [None if d is None else -d for d in from_origin]

    if all(e is not None for e in earliest):
        timeline = earliest
    else:
        # The least of each point's own default and what the points before it
        # allow: shortest distances from a virtual source with those weights.
        # A point with an earliest time keeps it (no point without a lower
        # bound can reach one that has a lower bound).
        start = {
            point: early if early is not None else (late if late is not None else 0)
            for point, (early, late) in enumerate(zip(earliest, latest))
        }
        timeline = _dijkstra(forward, potentials, start)
    return Schedule(
        True,
        dict(zip(points, earliest)),
        dict(zip(points, latest)),
        dict(zip(points, timeline)),
    )


def _index_points(points: Sequence[str], origin_point: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, name in enumerate(points):
        if name in index:
            raise ValueError(f"time point {name!r} is listed twice (positions {index[name]} and {position})")
        index[name] = position
    if origin_point not in index:
        raise ValueError(f"the origin point {origin_point!r} is not one of the time points")
    return index


# An edge of the distance graph: source, target, bound, position of its constraint.
_Edge = tuple[int, int, int, int]


def _tightest_edges(
    constraints: Sequence[Constraint], index: dict[str, int]
) -> tuple[list[_Edge], tuple[int, ...]]:
    """Return one edge (source, target, bound, constraint position) per pair of points.

    The tightest constraint of each pair wins, the first one given on a tie,
    so that a conflict names the constraint that actually binds. Also return
    a negative self-loop as a one-constraint cycle (the first one given), or
    an empty tuple.
    """
    tightest: dict[tuple[int, int], tuple[int, int]] = {}
    for position, constraint in enumerate(constraints):
        source, target, bound = constraint.source, constraint.target, constraint.bound
        try:
            pair = (index[source], index[target])
        except KeyError:
            unknown = source if source not in index else target
            raise ValueError(
                f"constraint {position} ({source!r} -> {target!r}) "
                f"names {unknown!r}, which is not one of the time points"
            ) from None
        kept = tightest.get(pair)
        if kept is None or bound < kept[0]:
            tightest[pair] = (bound, position)
    edges: list[_Edge] = []
    for (source, target), (bound, position) in tightest.items():
        if source != target:
            edges.append((source, target, bound, position))
        elif bound < 0:
            return edges, (position,)
        # A self-loop with a bound >= 0 says nothing and is dropped.
    return edges, ()


def _potentials_or_negative_cycle(n: int, edges: list[_Edge]) -> tuple[list[int], tuple[int, ...]]:
    """Return a feasible assignment of all points, or the positions of a negative cycle.

    Bellman-Ford with a FIFO queue and Tarjan's subtree disassembly; see the
    module docstring.
    """
    out: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
    for source, target, bound, position in edges:
        out[source].append((target, bound, position))

    # Point n is the virtual source, the root of the tree, at depth 0; every
    # point starts as its child at distance 0, so a negative cycle anywhere is
    # found, not only one reachable from the origin.
    root = n
    dist = [0] * (n + 1)
    parent = [root] * n + [-1]
    via = [-1] * (n + 1)
    depth = [1] * n + [0]
    in_tree = [True] * (n + 1)
    # The preorder thread of the tree, circular through the root.
    after = list(range(1, n + 1)) + [0]
    before = [n] + list(range(n))
    after[n - 1], before[0] = root, root
    queued = [True] * n
    queue = deque(range(n))
    pop, push = queue.popleft, queue.append

    while queue:
        u = pop()
        queued[u] = False
        if not in_tree[u]:
            # An ancestor improved since u was queued: u's distance is stale
            # and u will be queued again once it is lowered.
            continue
        du = dist[u]
        child_depth = depth[u] + 1
        for v, bound, position in out[u]:
            dv = du + bound
            if dv >= dist[v]:
                continue
            dist[v] = dv
            if in_tree[v]:
                # Detach v's subtree: the points after v in preorder that are
                # deeper than v. Meeting u there means the edge u -> v closes a
                # cycle of the tree, and it is negative (tree edges are tight).
                limit = depth[v]
                x = after[v]
                while depth[x] > limit:
                    if x == u:
                        return [], _cycle(parent, via, u, v, position)
                    in_tree[x] = False
                    x = after[x]
                p = before[v]
                after[p], before[x] = x, p
            in_tree[v] = True
            parent[v], via[v], depth[v] = u, position, child_depth
            x = after[u]
            after[u], before[v], after[v], before[x] = v, u, x, v
            if not queued[v]:
                queued[v] = True
                push(v)
    return dist[:n], ()


def _cycle(parent: list[int], via: list[int], u: int, v: int, closing: int) -> tuple[int, ...]:
    """Return the positions of the cycle v -> ... -> u -> v, starting from the first one given."""
    path = [closing]
    x = u
    while x != v:
        path.append(via[x])
        x = parent[x]
    path.reverse()  # now v -> ... -> u, then the closing edge u -> v
    first = path.index(min(path))
    return tuple(path[first:] + path[:first])


def _dijkstra(
    graph: list[list[tuple[int, int]]], potentials: list[int], start: dict[int, int]
) -> list[int | None]:
    """Return the shortest distances from `start` (point -> initial distance); None if unreached.

    Weights are reduced by the potentials (`w + p[a] - p[b] >= 0` on every
    edge a -> b), so Dijkstra applies; the true distances are restored on the
    way out.
    """
    reduced: list[int | None] = [None] * len(graph)
    heap = []
    for point, distance in start.items():
        reduced[point] = distance - potentials[point]
        heap.append((reduced[point], point))
    heapq.heapify(heap)
    done = [False] * len(graph)
    while heap:
        d, a = heapq.heappop(heap)
        if done[a]:
            continue
        done[a] = True
        pa = potentials[a]
        for b, weight in graph[a]:
            db = d + weight + pa - potentials[b]
            known = reduced[b]
            if known is None or db < known:
                reduced[b] = db
                heapq.heappush(heap, (db, b))
    return [None if r is None else r + p for r, p in zip(reduced, potentials)]
