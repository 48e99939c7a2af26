"""Turn the Plan's attrs classes into JSON data and back, checking every field as it is read.

The classes of compiler/plan/types.py say what each field holds (`str`,
`int | None`, `tuple[Row, ...]`, another class); this module reads those
annotations once per class and builds an encoder and a decoder from them, so
that the JSON form follows the classes and nothing is written twice. Decoding
walks the classes, not the data: it never goes deeper than the Plan's own
nesting, however deep the input is, and a value of the wrong shape stops it
with a PlanFormatError naming the field (`rows[3].start.utc_minutes: expected
an integer`), never a Python traceback.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, Callable

import attrs

# The metadata key of a field added within format 2: a plan of format 2 written
# before it was added lacks it, and reads as this default.
WITHIN_2 = "rasim.added_within_format_2"

Decoder = Callable[[Any, str, int], Any]


class PlanFormatError(ValueError):
    """A plan read from JSON does not have the Plan's shape; the message names the field and what is wrong."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path or 'the plan'}: {problem}")


def within_2(default: Any) -> Any:
    """Return an attrs field added within format 2, which a format-2 plan may lack (it then reads `default`)."""
    return attrs.field(metadata={WITHIN_2: default})


def encode(value: Any) -> Any:
    """Return `value` (a Plan object, a tuple, a string, a number, None) as JSON data."""
    if isinstance(value, tuple):
        return [encode(inner) for inner in value]
    to_json = getattr(value, "to_json", None)
    return to_json() if to_json is not None else value


def encode_object(instance: Any) -> dict:
    """Return an attrs instance as a JSON object whose keys are its attribute names, in their order."""
    return {name: encode(getattr(instance, name)) for name in _names(type(instance))}


def decode_object(cls: type, data: Any, path: str = "", version: int = 0) -> Any:
    """Return an instance of the attrs class `cls` read from the JSON object `data` at `path`."""
    return _decoder(cls)(data, path, version)


def field_types(cls: type) -> dict[str, Any]:
    """Return the attribute names of an attrs class of the Plan with their resolved types, in order."""
    hints = typing.get_type_hints(cls)
    return {a.name: hints[a.name] for a in attrs.fields(cls)}


def classes_of(cls: type) -> list[type]:
    """Return `cls` and every attrs class its fields hold, however deep, each once, in order of first use."""
    found: list[type] = []

    def visit(kind: Any) -> None:
        if attrs.has(kind) and kind not in found:
            found.append(kind)
            for inner in field_types(kind).values():
                visit(inner)
        for inner in typing.get_args(kind):
            visit(inner)

    visit(cls)
    return found


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cls))


def _at(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """Return the function that reads a JSON value of the type `kind`."""
    if kind is str:
        return _scalar(str, "a string")
    if kind is bool:
        return _scalar(bool, "true or false")
    if kind is int:
        return _integer
    custom = getattr(kind, "from_json_value", None)
    if custom is not None:
        return custom
    if attrs.has(kind):
        return _object_decoder(kind)
    args = typing.get_args(kind)
    if isinstance(kind, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda value, path, version: None if value is None else inner(value, path, version)
    if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_decoder(_decoder(args[0]))
    raise TypeError(f"the Plan has a field of a type the codec cannot read: {kind!r}")  # a programming error


def _scalar(kind: type, wanted: str) -> Decoder:
    def read(value: Any, path: str, version: int) -> Any:
        if type(value) is not kind:
            raise PlanFormatError(path, f"expected {wanted}")
        return value
    return read


def _integer(value: Any, path: str, version: int) -> int:
    if type(value) is not int:  # not a bool, not 3.0
        raise PlanFormatError(path, "expected an integer")
    return value


def _tuple_decoder(inner: Decoder) -> Decoder:
    def read(value: Any, path: str, version: int) -> tuple:
        if not isinstance(value, list):
            raise PlanFormatError(path, "expected a list")
        return tuple(inner(item, f"{path}[{index}]", version) for index, item in enumerate(value))
    return read


def _object_decoder(cls: type) -> Decoder:
    fields = [(a.name, a.metadata.get(WITHIN_2, _REQUIRED)) for a in attrs.fields(cls)]
    readers = {name: _decoder(kind) for name, kind in field_types(cls).items()}

    def read(value: Any, path: str, version: int) -> Any:
        if not isinstance(value, dict):
            raise PlanFormatError(path, "expected an object")
        values = {}
        for name, default in fields:
            if name in value:
                values[name] = readers[name](value[name], _at(path, name), version)
            elif version == 2 and default is not _REQUIRED:
                values[name] = default
            else:
                raise PlanFormatError(_at(path, name), "missing")
        return cls(**values)  # fields the classes do not have are left out, as docs/plan.md promises
    return read


_REQUIRED = object()
