"""Rebuild whenever a file that the last build read is saved: the loop behind `rasim watch`."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

STDLIB_PREFIX = "<stdlib>/"  # how the pipeline names the standard library's files

Stamps = dict[str, tuple[int, int] | None]


def watch(build: Callable[[], list[str]], first: list[str], stdlib: Path, interval: float) -> None:
    """Call `build` (which returns the files it read), then again whenever one of them changes; never returns.

    `first` are the files to watch before the first build has said what it
    reads. Stop it with KeyboardInterrupt.
    """

    def build_and_stamp(known: list[str]) -> Stamps:
        # Stamps taken before the build: a save during the build is seen as a change next time.
        before = _stamps(known, stdlib)
        read = build()
        return {**_stamps(read, stdlib), **{name: before[name] for name in read if name in before}}

    seen = build_and_stamp(first)
    print(f"watching {len(seen)} file{'s' if len(seen) != 1 else ''}; Ctrl-C stops", flush=True)
    while True:
        time.sleep(max(interval, 0.05))
        now = _stamps(list(seen), stdlib)
        if now != seen:
            print(f"changed: {', '.join(name for name in now if now[name] != seen[name])}", flush=True)
            seen = build_and_stamp(list(seen))


def _stamps(names: list[str], stdlib: Path) -> Stamps:
    found: Stamps = {}
    for name in names:
        real = stdlib / name[len(STDLIB_PREFIX):] if name.startswith(STDLIB_PREFIX) else Path(name)
        try:
            info = os.stat(real)
            found[name] = (info.st_mtime_ns, info.st_size)
        except OSError:
            found[name] = None  # deleted or not yet written: its return is a change too
    return found
