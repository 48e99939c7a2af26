"""Walk a syntax tree: the children of a node, every node under it, the nodes of some kinds.

Iterative, so that a deeply nested tree (the parser allows thousands of levels)
never reaches Python's recursion limit. The order is the source order.
"""

from __future__ import annotations

from typing import Callable, Iterator

import attrs

from .base import Node


def children(node: Node) -> Iterator[Node]:
    """Yield the nodes directly under `node`, in source order."""
    for field in attrs.fields(type(node)):
        value = getattr(node, field.name)
        for child in (value if isinstance(value, tuple) else (value,)):
            if isinstance(child, Node):
                yield child


def walk(node: Node, prune: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """Yield `node` and every node under it, depth first in source order; `prune(n)` keeps out what is
    under `n` (though `n` itself is yielded)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if prune is None or not prune(current):
            stack.extend(reversed(list(children(current))))


def find_all(node: Node, *kinds: type) -> Iterator[Node]:
    """Yield every node under `node` (itself included) that is an instance of one of `kinds`, in source order."""
    return (n for n in walk(node) if isinstance(n, kinds))
