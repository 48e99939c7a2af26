"""Encode syntax trees as plain JSON data and rebuild them, accepting only syntax-tree classes.

The compiled standard library is stored with this encoding in folders that
other users, a restored CI cache or a download could have written, so the
decoder never runs code chosen by the data: a node names its class by its
position in a table of class names, and only the classes of this package's
syntax tree (subclasses of Node) can be named; every field value must be a
string, a number, a boolean, null, a node or a tuple of these.

A node is a list `[class, line, column, end_line, end_column, start, end,
field...]` with `class` an index (0 or more) into the table; a tuple is a list
whose first item is -1. The span's path is the one of the file being decoded.
"""

from __future__ import annotations

import attrs

from ..source import Span
from . import base, library, scenario

TUPLE = -1


class DecodeError(ValueError):
    """The data is not an encoded tree of this compiler's node classes."""


def _node_classes() -> dict[str, type]:
    classes = {}
    for module in (base, library, scenario):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, base.Node) and value.__module__ == module.__name__:
                classes[name] = value
    return classes


NODE_CLASSES: dict[str, type] = _node_classes()


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls) if f.name != "span")


def schema() -> dict[str, list[str]]:
    """Return the field names of every node class: a compiled tree is valid only under the same schema."""
    return {name: list(_fields(cls)) for name, cls in sorted(NODE_CLASSES.items())}


class Encoder:
    """Encode the trees of one or more files, sharing one table of class names."""

    def __init__(self) -> None:
        self.classes: list[str] = []
        self._index: dict[type, int] = {}

    def encode(self, node: base.Node, path: str) -> list:
        """Return `node` (a tree read from `path`) as JSON data."""
        return self._value(node, path)

    def _value(self, value, path: str):
        if isinstance(value, base.Node):
            cls = type(value)
            if NODE_CLASSES.get(cls.__name__) is not cls:
                raise TypeError(f"{cls.__name__} is not a syntax-tree class")
            index = self._index.get(cls)
            if index is None:
                index = self._index[cls] = len(self.classes)
                self.classes.append(cls.__name__)
            span = value.span
            if span.path != path:
                raise ValueError(f"a node of {path} has a span in {span.path}")
            return [index, span.line, span.column, span.end_line, span.end_column, span.start, span.end,
                    *(self._value(getattr(value, name), path) for name in _fields(cls))]
        if isinstance(value, tuple):
            return [TUPLE, *(self._value(item, path) for item in value)]
        if value is None or isinstance(value, (str, bool, int)):
            return value
        raise TypeError(f"cannot encode a {type(value).__name__} in a syntax tree")


class Decoder:
    """Rebuild trees from JSON data, given the table of class names it was encoded with."""

    def __init__(self, class_names: list) -> None:
        if not isinstance(class_names, list):
            raise DecodeError("the table of node classes is not a list")
        self.classes = []
        for name in class_names:
            cls = NODE_CLASSES.get(name) if isinstance(name, str) else None
            if cls is None:
                raise DecodeError(f"{name!r} is not a syntax-tree class")
            self.classes.append((cls, len(_fields(cls))))

    def decode(self, data, path: str) -> base.Node:
        """Return the node `data` encodes, with its spans in `path`."""
        node = self._value(data, path)
        if not isinstance(node, base.Node):
            raise DecodeError("the data is not a node")
        return node

    def _value(self, value, path: str):
        if type(value) is list:
            if not value or type(value[0]) is not int:
                raise DecodeError("a list that is neither a node nor a tuple")
            tag = value[0]
            if tag == TUPLE:
                return tuple([self._value(item, path) for item in value[1:]])
            if not 0 <= tag < len(self.classes) or len(value) < 7:
                raise DecodeError("a node of an unknown class")
            cls, count = self.classes[tag]
            if len(value) != 7 + count:
                raise DecodeError(f"a {cls.__name__} with {len(value) - 7} fields instead of {count}")
            numbers = value[1:7]
            if any(type(n) is not int for n in numbers):
                raise DecodeError("a span that is not six numbers")
            span = Span(path, *numbers)
            return cls(*[self._value(item, path) for item in value[7:]], span=span)
        if value is None or type(value) in (str, bool, int):
            return value
        raise DecodeError(f"a {type(value).__name__} in a syntax tree")
