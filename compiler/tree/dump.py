"""Print a syntax tree, or any stage's attrs values, as indented text: `rasim check --dump STAGE`, test fixtures."""

from __future__ import annotations

import enum

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
    elif attrs.has(type(value)):
        # A value of a later stage (the model): its fields that take part in equality, so spans stay out.
        lines.append(f"{pad}{type(value).__name__}")
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if not field.eq or item is None or item == () or item == {}:
                continue
            _dump(item, depth + 1, lines, with_spans, field.name)
    elif isinstance(value, (tuple, list)):
        lines.append(f"{pad}[{len(value)}]")
        for item in value:
            _dump(item, depth + 1, lines, with_spans, "")
    elif isinstance(value, dict):
        lines.append(f"{pad}{{{len(value)}}}")
        for key in sorted(value, key=str):
            _dump(value[key], depth + 1, lines, with_spans, str(key))
    elif isinstance(value, enum.Enum):
        lines.append(f"{pad}{value.value}")
    else:
        lines.append(f"{pad}{value!r}")


def dump_value(value) -> str:
    """Return any stage's value (a model node, a tuple of them) as one line per node and field."""
    lines: list[str] = []
    _dump(value, 0, lines, False, label="")
    return "\n".join(lines) + "\n"
