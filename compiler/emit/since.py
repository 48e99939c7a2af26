"""Read the previous revision's plan for `--since`: bounded, from a regular file, in the shape the change page reads.

The file comes from outside (an e-mail, a shared folder): it may be huge, a
device (`/dev/zero` reads forever), a FIFO (opening it waits forever), nested
ten thousand levels deep, or a plan whose rows hold numbers where names
should be. Each is refused with a message that says what is wrong and where,
before the build uses any of it.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

MAX_SINCE_BYTES = 256 * 1024 * 1024  # a plan of 100,000 steps is about 150 MB

_LABEL_KEYS = ("label", "action", "trigger", "track_label", "responsible_label", "ceremony_label")


class SinceRefused(Exception):
    """The --since file cannot be read as a plan; the message says why."""


def read_previous_plan(path: Path, max_bytes: int = MAX_SINCE_BYTES) -> dict:
    """Return the plan in `path` (a plan.json, or a build folder holding one), or raise SinceRefused."""
    if path.is_dir():
        path = path / "plan.json"
    data = _read_bounded(path, max_bytes)
    try:
        plan = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as failure:
        raise SinceRefused(f"byte {failure.start} is not valid UTF-8") from None
    except RecursionError:
        raise SinceRefused("it is nested too deeply to be a plan") from None
    except ValueError as failure:
        raise SinceRefused(f"it is not JSON ({failure})") from None
    check_plan_shape(plan)
    return plan


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; it is refused just below.
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as failure:
        raise SinceRefused(f"cannot read it: {failure.strerror or failure}") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise SinceRefused("it is not a regular file (a device, a pipe or a socket)")
        if info.st_size > max_bytes:
            raise SinceRefused(f"it is {info.st_size:,} bytes, more than the limit of {max_bytes:,} "
                               "(raise it with --max-since-mb)")
        with os.fdopen(os.dup(handle), "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as failure:
        raise SinceRefused(f"cannot read it: {failure.strerror or failure}") from None
    finally:
        os.close(handle)
    if len(data) > max_bytes:
        raise SinceRefused(f"it grew past the limit of {max_bytes:,} bytes while being read")
    return data


def check_plan_shape(plan) -> None:
    """Raise SinceRefused unless `plan` has the fields the change page reads, each of its kind."""
    from ..plan.build import FORMAT_VERSION

    if not isinstance(plan, dict) or not isinstance(plan.get("rows"), list):
        raise SinceRefused("it is not a plan (`rasim plan --format json` writes one)")
    version = plan.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= FORMAT_VERSION:
        raise SinceRefused(f"its format_version is {_kind(version)}; this Rasim reads plans of versions 1 to "
                           f"{FORMAT_VERSION}")
    scenario = plan.get("scenario")
    if not isinstance(scenario, dict) or not isinstance(scenario.get("name"), str):
        raise SinceRefused("its `scenario` has no name")
    for index, row in enumerate(plan["rows"], 1):
        problem = _row_problem(row)
        if problem:
            raise SinceRefused(f"row {index} {problem}")
    for key in ("checklist", "arrangements", "deviations", "agreed"):
        items = plan.get(key)
        if items is not None and not (isinstance(items, list) and all(isinstance(i, dict) for i in items)):
            raise SinceRefused(f"its `{key}` is not a list of entries")


def _row_problem(row) -> str | None:
    """Return what is wrong with one row of a previous plan, or None."""
    if not isinstance(row, dict):
        return f"is {_kind(row)}, not a row"
    if not isinstance(row.get("cue"), str):
        return f"has a cue that is {_kind(row.get('cue'))}, not text"
    for key in _LABEL_KEYS:
        if not _is_label(row.get(key)):
            return f"({row['cue']}) has a `{key}` that is {_kind(row.get(key))}, not text"
    for key in ("start", "end"):
        moment = row.get(key)
        if moment is not None and not (isinstance(moment, dict) and isinstance(moment.get("date"), str)
                                       and isinstance(moment.get("time"), str)):
            return f"({row['cue']}) has a `{key}` that is not a date and time"
    people = ([row["lead"]] if row.get("lead") is not None else []) + (
        row["participants"] if isinstance(row.get("participants"), list) else [])
    if row.get("participants") is not None and not isinstance(row.get("participants"), list):
        return f"({row['cue']}) has `participants` that are not a list"
    for person in people:
        if not (isinstance(person, dict) and isinstance(person.get("role"), str) and _is_label(person.get("label"))
                and isinstance(person.get("person"), (str, type(None)))):
            return f"({row['cue']}) names a person that is {_kind(person)}, not a role with a label"
    place = row.get("place")
    if place is not None and not (isinstance(place, dict) and isinstance(place.get("name"), str)
                                  and _is_label(place.get("label"))):
        return f"({row['cue']}) has a `place` that is not a named place"
    for key in ("notes", "details", "orderings"):
        if row.get(key) is not None and not isinstance(row.get(key), list):
            return f"({row['cue']}) has `{key}` that are not a list"
    if not all(_is_label(note) for note in row.get("notes") or ()):
        return f"({row['cue']}) has a note that is not text"
    for key in ("condition", "citation", "ceremony", "responsible", "track"):
        if not isinstance(row.get(key), (str, type(None))):
            return f"({row['cue']}) has a `{key}` that is {_kind(row.get(key))}, not text"
    return None


def _is_label(value) -> bool:
    return value is None or isinstance(value, str) or (
        isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, (str, type(None)))
                                        for k, v in value.items()))


def _kind(value) -> str:
    names = {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list",
             dict: "an object", type(None): "missing"}
    return names.get(type(value), type(value).__name__)
