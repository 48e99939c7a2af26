"""Read the previous revision's plan for `--since`: bounded, from a regular file, as a Plan.

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

from ..plan.types import Plan, PlanFormatError

MAX_SINCE_BYTES = 256 * 1024 * 1024  # a plan of 100,000 steps is about 150 MB


class SinceRefused(Exception):
    """The --since file cannot be read as a plan; the message says why."""


def read_previous_plan(path: Path, max_bytes: int = MAX_SINCE_BYTES) -> Plan:
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
    try:
        return Plan.from_json(plan)  # the Plan's own reader checks every field, and says where one is wrong
    except PlanFormatError as failure:
        raise SinceRefused(f"it is not a plan (`rasim plan --format json`): {failure}") from None


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
