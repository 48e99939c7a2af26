"""Print a syntax tree as indented text, for `rasim check --dump ast` and test fixtures."""

from __future__ import annotations

import attrs

from . import Node


def dump_tree(node: Node, with_spans: bool = True) -> str:
    """Return the tree under `node` as one line per node and field, indented by depth."""
    lines: list[str] = []
    _dump(node, 0, lines, with_spans, label="")
    return "\n".join(lines) + "\n"


def _dump(value, depth: int, lines: list[str], with_spans: bool, label: str) -> None:
    pad = "  " * depth + (f"{label}: " if label else "")
    if isinstance(value, Node):
        where = ""
        if with_spans:
            s = value.span
            where = f" @{s.line}:{s.column}-{s.end_line}:{s.end_column}"
        lines.append(f"{pad}{type(value).__name__}{where}")
        for field in attrs.fields(type(value)):
            if field.name == "span":
                continue
            item = getattr(value, field.name)
            if item is None or item == ():
                continue
            _dump(item, depth + 1, lines, with_spans, field.name)
    elif isinstance(value, tuple):
        lines.append(f"{pad}[{len(value)}]")
        for item in value:
            _dump(item, depth + 1, lines, with_spans, "")
    else:
        lines.append(f"{pad}{value!r}")
