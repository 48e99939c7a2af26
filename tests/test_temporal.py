"""Test the temporal network solver against exhaustive search, and on known timetables."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasim.schedule.solver import Constraint, Schedule, solve

NAMES = ("o", "a", "b", "c", "d", "e")
BOX = 60  # the brute-force box: every point within BOX minutes of the origin


# Networks -------------------------------------------------------------------------------------


@st.composite
def networks(draw, max_points: int = 6, max_constraints: int = 12, bound: int = 20):
    """Draw (points, constraints, origin point): 2-`max_points` points, small bounds."""
    points = list(NAMES[: draw(st.integers(2, max_points))])
    draw(st.randoms(use_true_random=False)).shuffle(points)
    origin = draw(st.sampled_from(points))
    pairs = st.sampled_from([(s, t) for s in points for t in points if s != t])
    drawn = draw(st.lists(st.tuples(pairs, st.integers(-bound, bound)), max_size=max_constraints))
    # At most one self-loop, rarely negative: a negative one decides the
    # verdict alone and would hide the cycles worth testing.
    loops = draw(st.lists(st.tuples(st.sampled_from(points), st.integers(-2, bound)), max_size=1))
    at = draw(st.integers(0, len(drawn)))
    drawn[at:at] = [((p, p), b) for p, b in loops]
    drawn = [(s, t, b) for (s, t), b in drawn[:max_constraints]]
    # A distinct handle per constraint, so a conflict can be traced to its inputs.
    constraints = [Constraint(s, t, b, origin=f"c{i}") for i, (s, t, b) in enumerate(drawn)]
    return points, constraints, origin


def boxed(points, constraints, origin, box=BOX):
    """Return the constraints plus |time(x)| <= box for every point, as constraints of the network."""
    walls = []
    for point in points:
        if point != origin:
            walls += [Constraint(origin, point, box, "box"), Constraint(point, origin, box, "box")]
    return [*constraints, *walls]


def satisfied(times: dict[str, int], constraints) -> bool:
    return all(times[c.target] - times[c.source] <= c.bound for c in constraints)


# Oracles --------------------------------------------------------------------------------------


def enumerate_all(points, constraints, origin, box):
    """Return {point: (min, max)} over every integer assignment in the box, or None: no solution.

    Literal enumeration of all (2*box+1)^(n-1) assignments; only for tiny networks.
    """
    free = [p for p in points if p != origin]
    window = {p: [] for p in points}
    for values in itertools.product(range(-box, box + 1), repeat=len(free)):
        times = dict(zip(free, values), **{origin: 0})
        if satisfied(times, constraints):
            for point, value in times.items():
                window[point].append(value)
    if not window[origin]:
        return None
    return {p: (min(v), max(v)) for p, v in window.items()}


def search_all(points, constraints, origin, box):
    """Return {point: (min, max)} over every integer assignment in the box, or None: no solution.

    Exhaustive search: for each point and each value in the box, look for one
    assignment that satisfies every constraint, checked directly. The search
    only skips subtrees that interval reasoning proves empty (each step is a
    plain consequence of one constraint), which keeps it fast enough for six
    points; `test_search_agrees_with_enumeration` checks it against literal
    enumeration.
    """
    low = {p: -box for p in points}
    high = {p: box for p in points}
    low[origin] = high[origin] = 0
    if not _exists(low, high, constraints):
        return None
    window = {}
    for point in points:
        values = range(low[point], high[point] + 1)
        feasible = [v for v in values if _exists({**low, point: v}, {**high, point: v}, constraints)]
        window[point] = (min(feasible), max(feasible))
    return window


def _exists(low, high, constraints) -> bool:
    low, high = dict(low), dict(high)
    changed = True
    while changed:  # shrinks integer intervals, so it ends
        changed = False
        for c in constraints:
            if high[c.source] + c.bound < high[c.target]:
                high[c.target] = high[c.source] + c.bound
                changed = True
            if low[c.target] - c.bound > low[c.source]:
                low[c.source] = low[c.target] - c.bound
                changed = True
        if any(low[p] > high[p] for p in low):
            return False
    open_point = next((p for p in low if low[p] < high[p]), None)
    if open_point is None:
        return satisfied(low, constraints)
    return any(
        _exists({**low, open_point: v}, {**high, open_point: v}, constraints)
        for v in range(low[open_point], high[open_point] + 1)
    )


def assert_real_conflict(schedule: Schedule, constraints) -> None:
    """Check that the conflict is a negative cycle of input constraints, and its shortfall."""
    conflict = schedule.conflict
    assert not schedule.consistent
    assert conflict
    for here, following in zip(conflict, conflict[1:] + conflict[:1]):
        assert here.target == following.source
    assert sum(c.bound for c in conflict) < 0
    assert schedule.shortfall == -sum(c.bound for c in conflict)
    for c in conflict:
        assert any(c is given for given in constraints)
    assert len({id(c) for c in conflict}) == len(conflict)  # a simple cycle uses an edge once
    assert schedule.earliest == schedule.latest == schedule.timeline == {}


def assert_solution(schedule: Schedule, points, constraints) -> None:
    assert schedule.consistent
    assert schedule.conflict == () and schedule.shortfall == 0
    assert list(schedule.timeline) == list(points)
    assert satisfied(schedule.timeline, constraints)


# Properties -----------------------------------------------------------------------------------


@settings(deadline=None)
@given(networks())
def test_agrees_with_exhaustive_search(network):
    points, constraints, origin = network
    constraints = boxed(points, constraints, origin)
    expected = search_all(points, constraints, origin, BOX)
    schedule = solve(points, constraints, origin)
    assert schedule.consistent == (expected is not None)
    if expected is None:
        assert_real_conflict(schedule, constraints)
        return
    assert_solution(schedule, points, constraints)
    assert schedule.earliest == {p: expected[p][0] for p in points}
    assert schedule.latest == {p: expected[p][1] for p in points}
    assert schedule.timeline == schedule.earliest


@settings(deadline=None)
@given(networks(max_points=4, max_constraints=8, bound=8))
def test_agrees_with_enumeration(network):
    points, constraints, origin = network
    constraints = boxed(points, constraints, origin, box=6)
    expected = enumerate_all(points, constraints, origin, 6)
    schedule = solve(points, constraints, origin)
    assert schedule.consistent == (expected is not None)
    if expected is None:
        assert_real_conflict(schedule, constraints)
    else:
        assert schedule.earliest == {p: expected[p][0] for p in points}
        assert schedule.latest == {p: expected[p][1] for p in points}


@settings(deadline=None)
@given(networks(max_points=4, max_constraints=8, bound=8))
def test_search_agrees_with_enumeration(network):
    points, constraints, origin = network
    constraints = boxed(points, constraints, origin, box=6)
    assert search_all(points, constraints, origin, 6) == enumerate_all(points, constraints, origin, 6)


@given(networks())
def test_open_networks(network):
    """Without a box, some points have no bound on one side: the verdict and the known bounds hold."""
    points, constraints, origin = network
    schedule = solve(points, constraints, origin)
    # Any solution can be shifted within 12 * 20 minutes of the origin, so a
    # wide box changes neither the verdict nor any finite bound.
    wide = solve(points, boxed(points, constraints, origin, box=1000), origin)
    assert schedule.consistent == wide.consistent
    if not schedule.consistent:
        assert_real_conflict(schedule, constraints)
        return
    assert_solution(schedule, points, constraints)
    reaches = _reachability(points, constraints)
    for p in points:
        early, late, at = schedule.earliest[p], schedule.latest[p], schedule.timeline[p]
        assert (early is None) == (origin not in reaches[p])
        assert (late is None) == (p not in reaches[origin])
        if early is not None:
            assert early == wide.earliest[p] == at
        if late is not None:
            assert late == wide.latest[p] >= at
        elif early is None:
            assert at <= 0


def _reachability(points, constraints) -> dict[str, set[str]]:
    reaches = {p: {p} for p in points}
    for _ in points:
        for c in constraints:
            reaches[c.source] |= reaches[c.target]
    return reaches


@given(networks(), st.randoms(use_true_random=False))
def test_order_of_constraints_changes_no_window(network, rng):
    points, constraints, origin = network
    shuffled = list(constraints)
    rng.shuffle(shuffled)
    first, second = solve(points, constraints, origin), solve(points, shuffled, origin)
    assert first.consistent == second.consistent
    assert (first.earliest, first.latest, first.timeline) == (second.earliest, second.latest, second.timeline)


# Known timetables -----------------------------------------------------------------------------


def test_chain():
    constraints = [
        Constraint("o", "arrive", 20), Constraint("arrive", "o", -10),  # arrive 10-20 min after o
        Constraint("arrive", "greet", 5), Constraint("greet", "arrive", -5),  # greet 5 min later
        Constraint("greet", "depart", 30), Constraint("depart", "greet", -15),
    ]
    schedule = solve(["o", "arrive", "greet", "depart"], constraints, "o")
    assert schedule.consistent
    assert schedule.earliest == {"o": 0, "arrive": 10, "greet": 15, "depart": 30}
    assert schedule.latest == {"o": 0, "arrive": 20, "greet": 25, "depart": 55}
    assert schedule.timeline == schedule.earliest


def test_fixed_time():
    # Wreath laying at 09:30 exactly: two constraints, one per side.
    constraints = [Constraint("midnight", "wreath", 570), Constraint("wreath", "midnight", -570)]
    schedule = solve(["midnight", "wreath"], constraints, "midnight")
    assert schedule.earliest["wreath"] == schedule.latest["wreath"] == schedule.timeline["wreath"] == 570


def test_impossible_timetable():
    # The talks need 45 minutes, but may start no earlier than 09:00 and must end by 09:30.
    needs = Constraint("talks_end", "talks_start", -45, origin="talks need 45 min")
    opens = Constraint("talks_start", "midnight", -540, origin="not before 09:00")
    closes = Constraint("midnight", "talks_end", 570, origin="end by 09:30")
    constraints = [closes, needs, opens]
    schedule = solve(["midnight", "talks_start", "talks_end"], constraints, "midnight")
    assert not schedule.consistent
    assert schedule.shortfall == 15
    assert [c.origin for c in schedule.conflict] == ["end by 09:30", "talks need 45 min", "not before 09:00"]
    assert all(found is given for found, given in zip(schedule.conflict, constraints))
    assert_real_conflict(schedule, constraints)


def test_tightest_duplicate_is_the_one_reported():
    loose = Constraint("o", "x", 50, origin="loose")
    tight = Constraint("o", "x", 30, origin="tight")
    tie = Constraint("o", "x", 30, origin="tie")
    late = Constraint("x", "o", -40, origin="late")
    schedule = solve(["o", "x"], [loose, tight, tie, late], "o")
    assert schedule.shortfall == 10
    assert schedule.conflict[0] is tight and schedule.conflict[1] is late
    consistent = solve(["o", "x"], [loose, tight, tie], "o")
    assert consistent.latest["x"] == 30


def test_self_loops():
    harmless = Constraint("x", "x", 0)
    assert solve(["o", "x"], [harmless], "o").consistent
    impossible = Constraint("x", "x", -1, origin="x before itself")
    schedule = solve(["o", "x"], [harmless, impossible], "o")
    assert schedule.conflict == (impossible,) and schedule.shortfall == 1


def test_unbounded_points():
    constraints = [
        Constraint("o", "y", 100), Constraint("y", "o", 0),  # y in [0, 100]
        Constraint("y", "x", 5), Constraint("o", "x", 50),  # x at most 5 after y, and by 50
        Constraint("o", "z", -30),  # z at least 30 before the origin, no lower bound
    ]
    schedule = solve(["o", "y", "x", "z", "free"], constraints, "o")
    assert schedule.earliest == {"o": 0, "y": 0, "x": None, "z": None, "free": None}
    assert schedule.latest == {"o": 0, "y": 100, "x": 50, "z": -30, "free": None}
    # x cannot sit at its latest time once y sits at its earliest.
    assert schedule.timeline == {"o": 0, "y": 0, "x": 5, "z": -30, "free": 0}
    assert satisfied(schedule.timeline, constraints)


def test_deterministic():
    rng = random.Random(7)
    points = [f"p{i}" for i in range(40)]
    constraints = [
        Constraint(rng.choice(points), rng.choice(points), rng.randint(-20, 30), origin=i) for i in range(160)
    ]
    first, second = solve(points, constraints, "p0"), solve(points, constraints, "p0")
    assert first == second
    assert all(a is b for a, b in zip(first.conflict, second.conflict))


def test_errors():
    with pytest.raises(ValueError, match="'ghost'"):
        solve(["o", "x"], [Constraint("x", "ghost", 5)], "o")
    with pytest.raises(ValueError, match="origin point 'midnight'"):
        solve(["o", "x"], [], "midnight")
    with pytest.raises(ValueError, match="listed twice"):
        solve(["o", "x", "o"], [], "o")


def test_origin_alone():
    schedule = solve(["o"], [], "o")
    assert (schedule.earliest, schedule.latest, schedule.timeline) == ({"o": 0}, {"o": 0}, {"o": 0})


# Size -----------------------------------------------------------------------------------------


def test_ten_thousand_points():
    rng = random.Random(2027)
    n = 10_000
    points = ["midnight"] + [f"p{i}" for i in range(1, n)]
    planned = [0] + [rng.randint(0, 7 * 24 * 60) for _ in range(1, n)]
    constraints = []
    for i in range(1, n):
        constraints += [Constraint("midnight", points[i], 7 * 24 * 60), Constraint(points[i], "midnight", 0)]
    while len(constraints) < 4 * n:
        a, b = rng.randrange(n), rng.randrange(n)
        constraints.append(Constraint(points[a], points[b], planned[b] - planned[a] + rng.randint(0, 30)))
    schedule = solve(points, constraints, "midnight")
    assert_solution(schedule, points, constraints)

    # Contradict one constraint: the only conflicts are cycles through the contradiction.
    contradicted = constraints[3 * n]
    flipped = Constraint(contradicted.target, contradicted.source, -contradicted.bound - 5)
    broken = solve(points, [*constraints, flipped], "midnight")
    assert_real_conflict(broken, [*constraints, flipped])
    assert any(c is flipped for c in broken.conflict)
