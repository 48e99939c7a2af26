"""The sizes past which the compiler refuses an input, each with the flag that raises it.

Each default lies far above any real scenario or library file (the largest
file of the standard library is 34 KB, its longest line 539 characters, a
state visit has a few days and a few dozen calls), so that only a damaged or
hostile file meets one. A limit met is a diagnostic naming the flag, never a
crash, a hang or gigabytes of memory.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Limits:
    """The sizes the compiler accepts; the command line raises them with --max-*."""

    file_size: int = 1_000_000  # bytes of one source file (--max-file-size)
    line_length: int = 10_000  # characters of one line (--max-line-length)
    errors: int = 50  # syntax errors reported per file (--max-errors)
    steps: int = 10_000  # `step` declarations in one file (--max-steps)
    calls: int = 10_000  # ceremonies called by a scenario's program (--max-calls)
    days: int = 1_000  # days of a scenario's program (--max-days)


DEFAULT_LIMITS = Limits()

# What each limit is called on the command line, for the diagnostics that name it.
FLAGS = {
    "file_size": "--max-file-size",
    "line_length": "--max-line-length",
    "errors": "--max-errors",
    "steps": "--max-steps",
    "calls": "--max-calls",
    "days": "--max-days",
}
