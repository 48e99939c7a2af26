"""Encode syntax trees as plain JSON data and rebuild them, accepting only syntax-tree classes.

The compiled standard library is stored with this encoding in folders that
other users, a restored CI cache or a download could have written, so the
decoder never runs code chosen by the data: a node names its class by its
position in a table of class names, and only the classes of this package's
syntax tree (subclasses of Node) can be named; every field value must be a
string, a number, a boolean, null, a node or a tuple of these.

A node is an object `{"c": class, "s": [line, column, end_line, end_column,
start, end], "f": [field, ...]}` with `class` an index into the table, and a
tuple is a list. Nodes are rebuilt by the JSON decoder's object hook, as it
reads them, which is what makes decoding faster than parsing. The span's path
is the one the file is decoded under.
"""

from __future__ import annotations

import json

import attrs

from ..source import Span
from . import base, library, scenario

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

    def encode(self, node: base.Node, path: str) -> dict:
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
            return {"c": index, "s": [span.line, span.column, span.end_line, span.end_column, span.start, span.end],
                    "f": [self._value(getattr(value, name), path) for name in _fields(cls)]}
        if isinstance(value, tuple):
            return [self._value(item, path) for item in value]
        if value is None or isinstance(value, (str, bool, int)):
            return value
        raise TypeError(f"cannot encode a {type(value).__name__} in a syntax tree")


_SCALARS = (str, int, bool, type(None))


def _field(value):
    """Return a field value read by the JSON decoder: lists become tuples; anything but data is refused."""
    kind = type(value)
    if kind is list:
        return tuple([_field(item) for item in value])
    if kind in _SCALARS or isinstance(value, base.Node):
        return value
    raise DecodeError(f"a {kind.__name__} in a syntax tree")


class Decoder:
    """Rebuild trees from JSON text, given the table of class names it was encoded with."""

    def __init__(self, class_names: list) -> None:
        if not isinstance(class_names, list):
            raise DecodeError("the table of node classes is not a list")
        self.classes = []
        for name in class_names:
            cls = NODE_CLASSES.get(name) if isinstance(name, str) else None
            if cls is None:
                raise DecodeError(f"{name!r} is not a syntax-tree class")
            self.classes.append((cls, len(_fields(cls))))

    def decode(self, text: str, path: str) -> base.Node:
        """Return the node the JSON `text` encodes, with its spans in `path`."""
        classes = self.classes

        def node(found: dict):
            try:
                cls, count = classes[found["c"]]
                numbers, fields = found["s"], found["f"]
            except (KeyError, IndexError, TypeError):
                raise DecodeError("an object that is not a node of a known class") from None
            if len(found) != 3 or type(found["c"]) is not int or found["c"] < 0:
                raise DecodeError("an object that is not a node")
            if type(numbers) is not list or len(numbers) != 6 or any(type(n) is not int for n in numbers):
                raise DecodeError("a span that is not six numbers")
            if type(fields) is not list or len(fields) != count:
                raise DecodeError(f"a {cls.__name__} with other fields than its class has")
            return cls(*[_field(item) for item in fields], span=Span(path, *numbers))

        try:
            result = json.loads(text, object_hook=node)
        except ValueError as failure:
            if isinstance(failure, DecodeError):
                raise
            raise DecodeError(f"not JSON: {failure}") from None
        if not isinstance(result, base.Node):
            raise DecodeError("the data is not a node")
        return result
