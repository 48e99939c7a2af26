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
# The metadata key of a field added within format 3: a plan of format 2 or 3
# written before it was added lacks it, and reads as this default.
WITHIN_3 = "rasim.added_within_format_3"

Decoder = Callable[[Any, "Reading"], Any]


class PlanFormatError(ValueError):
    """A plan read from JSON does not have the Plan's shape; the message names the field and what is wrong."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path or 'the plan'}: {problem}")


def within_2(default: Any) -> Any:
    """Return an attrs field added within format 2, which a format-2 plan may lack (it then reads `default`)."""
    return attrs.field(metadata={WITHIN_2: default})


def within_3(default: Any) -> Any:
    """Return an attrs field added within format 3, which any plan written before may lack (read as `default`)."""
    return attrs.field(metadata={WITHIN_3: default})


def encode_object(instance: Any) -> dict:
    """Return an attrs instance as a JSON object whose keys are its attribute names, in their order."""
    return {name: getattr(instance, name) if encoder is None else encoder(getattr(instance, name))
            for name, encoder in _encoders(type(instance))}


class Reading:
    """What one reading of a plan shares: the format version it is in, and the labels read so far.

    The same label comes on many rows (a role's, a place's): it is read into
    one Label object, which the rows share (a Label is frozen).
    """

    __slots__ = ("version", "labels")

    def __init__(self, version: int):
        self.version = version
        self.labels: dict[tuple[str, str | None], Any] = {}


def decode_object(cls: type, data: Any, version: int) -> Any:
    """Return an instance of the attrs class `cls` read from the JSON object `data`, or raise PlanFormatError."""
    try:
        return _decoder(cls)(data, Reading(version))
    except BadValue as wrong:
        raise PlanFormatError("".join(reversed(wrong.where)).removeprefix("."), wrong.problem) from None


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


class BadValue(Exception):
    """A value of the wrong shape, raised by a decoder; each level adds its part of the path on the way up.

    `where` is the path from the value up, `.name` or `[index]` each: it is
    put together only on failure, so that reading a valid plan builds no path.
    """

    def __init__(self, problem: str, where: str = ""):
        super().__init__(problem)
        self.problem = problem
        self.where = [where] if where else []


_SCALARS = {str: "a string", int: "an integer", bool: "true or false"}
_REQUIRED = object()


def _parts(kind: Any) -> tuple[Any, bool]:
    """Return the type a field holds when it is not null, and whether it may be null."""
    args = typing.get_args(kind)
    if isinstance(kind, types.UnionType) and len(args) == 2 and type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return kind, False


@functools.cache
def _encoders(cls: type) -> tuple[tuple[str, Callable | None], ...]:
    """Return each attribute of `cls` with the function that makes its JSON value (None: the value itself)."""
    out = []
    for name, kind in field_types(cls).items():
        inner, nullable = _parts(kind)
        if typing.get_origin(inner) is tuple:
            member = typing.get_args(inner)[0]
            encoder = list if member in _SCALARS else _to_json_list
        elif inner in _SCALARS:
            encoder = None
        else:
            encoder = _to_json_or_none if nullable else _to_json
        out.append((name, encoder))
    return tuple(out)


def _to_json(value: Any) -> Any:
    return value.to_json()


def _to_json_or_none(value: Any) -> Any:
    return None if value is None else value.to_json()


def _to_json_list(values: tuple) -> list:
    return [value.to_json() for value in values]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """Return the function that reads a JSON value of the type `kind` (not null)."""
    if kind in _SCALARS:
        wanted = _SCALARS[kind]

        def read_scalar(value: Any, reading: Reading) -> Any:
            if type(value) is not kind:  # an integer is not a bool, nor 3.0
                raise BadValue(f"expected {wanted}")
            return value
        return read_scalar
    custom = getattr(kind, "from_json_value", None)
    if custom is not None:
        return custom
    if attrs.has(kind):
        return _object_decoder(kind)
    args = typing.get_args(kind)
    if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_decoder(*_parts(args[0]))
    raise TypeError(f"the Plan has a field of a type the codec cannot read: {kind!r}")  # a programming error


def _tuple_decoder(member: Any, nullable: bool) -> Decoder:
    inner = _decoder(member)

    def read_tuple(value: Any, reading: Reading) -> tuple:
        if not isinstance(value, list):
            raise BadValue("expected a list")
        index = 0
        try:
            out = []
            for index, item in enumerate(value):
                out.append(None if item is None and nullable else inner(item, reading))
            return tuple(out)
        except BadValue as wrong:
            wrong.where.append(f"[{index}]")
            raise
    return read_tuple


def _object_decoder(cls: type) -> Decoder:
    """Return the function that reads an object of the attrs class `cls`, written out field by field.

    A plan of ten thousand rows has half a million fields: a loop over a
    table of fields spends more time on the table than on the fields, so the
    reader is generated as straight-line code (as attrs makes `__init__`).
    """
    namespace: dict[str, Any] = {"cls": cls, "BadValue": BadValue, "MISSING": _REQUIRED}
    lines = ["def read_object(value, reading):",
             "    if not isinstance(value, dict):",
             "        raise BadValue('expected an object')",
             "    at = ''",
             "    try:"]
    names = []
    for index, a in enumerate(attrs.fields(cls)):
        inner, nullable = _parts(field_types(cls)[a.name])
        namespace[f"absent{index}"] = _absent(a.metadata.get(WITHIN_2, _REQUIRED)) if WITHIN_3 not in a.metadata \
            else (lambda reading, default=a.metadata[WITHIN_3]: default)
        lines += [f"        at = '.{a.name}'",
                  f"        v{index} = value.get({a.name!r}, MISSING)",
                  f"        if v{index} is MISSING:",
                  f"            v{index} = absent{index}(reading)"]
        test = f"v{index} is not None and " if nullable else ""
        if inner in _SCALARS:
            wanted = f"expected {_SCALARS[inner]}" + (" or null" if nullable else "")
            namespace[f"type{index}"] = inner
            lines += [f"        elif {test}type(v{index}) is not type{index}:",  # an integer is not a bool
                      f"            raise BadValue({wanted!r})"]
        else:
            namespace[f"read{index}"] = _decoder(inner)
            lines += [f"        elif {test}True:" if nullable else "        else:",
                      f"            v{index} = read{index}(v{index}, reading)"]
        names.append(f"{a.name}=v{index}")
    lines += ["    except BadValue as wrong:",
              "        wrong.where.append(at)",
              "        raise",
              # Fields the classes do not have are left out, as docs/plan.md promises.
              f"    return cls({', '.join(names)})"]
    exec(compile("\n".join(lines), f"<plan reader of {cls.__name__}>", "exec"), namespace)
    return namespace["read_object"]


def _absent(default: Any) -> Callable[[Reading], Any]:
    """Return what a missing field reads as: its default in a plan of format 2 if it was added within 2."""
    def absent(reading: Reading) -> Any:
        if reading.version == 2 and default is not _REQUIRED:
            return default
        raise BadValue("missing")
    return absent
