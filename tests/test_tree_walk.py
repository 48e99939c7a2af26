"""The walk API of the syntax tree: children in source order, every node once, deep trees without recursion."""

from __future__ import annotations

from rasim import tree as t
from rasim.syntax.parse import parse
from rasim.tree.walk import children, find_all, walk

TEXT = '''ceremony tea "Tea" kk "Шай" {
  at residence
  step pour "Pour" { actors host, guest when guest_comes }
  step drink "Drink"
}
'''


def test_children_are_in_source_order():
    module = parse(TEXT, "t.rasim").module
    ceremony = next(children(module))
    assert isinstance(ceremony, t.Ceremony)
    assert [type(c).__name__ for c in children(ceremony)] == ["Name", "Label", "Venue", "Step", "Step"]


def test_find_all_yields_every_node_of_the_kinds_in_source_order():
    module = parse(TEXT, "t.rasim").module
    assert [s.name.text for s in find_all(module, t.Step)] == ["pour", "drink"]
    assert [r.text for r in find_all(module, t.Ref)] == ["residence", "host", "guest", "guest_comes"]


def test_walk_visits_every_node_once_and_can_prune():
    module = parse(TEXT, "t.rasim").module
    nodes = list(walk(module))
    assert len(nodes) == len({id(n) for n in nodes})
    pruned = list(walk(module, prune=lambda n: isinstance(n, t.Step)))
    assert sum(isinstance(n, t.Step) for n in pruned) == 2 and not any(isinstance(n, t.Actor) for n in pruned)


def test_a_deep_condition_chain_is_walked_without_recursion():
    condition = " and\n".join(f"c{i}" for i in range(3000))
    module = parse(f'ceremony x "X" {{\n  step s "S" {{ when {condition} }}\n}}\n', "deep.rasim").module
    assert sum(1 for _ in find_all(module, t.ConditionRef)) == 3000
