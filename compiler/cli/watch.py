"""Rebuild whenever a file that the last build read is saved: the loop behind `rasim watch`.

Changes come from the file system's events (the `watchfiles` package:
inotify, FSEvents, ReadDirectoryChangesW), so a save is seen at once and an
idle watch costs nothing. The folders of the files read are watched, not the
files themselves: an editor that saves by writing a new file and renaming it
over the old one is seen too. Where no events can be had, the files'
modification times are polled instead (`polled_changes`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

STDLIB_PREFIX = "<stdlib>/"  # how the pipeline names the standard library's files

ChangeSource = Callable[[frozenset[Path]], Iterable[set[Path]]]


def watch(build: Callable[[], list[str]], first: list[str], stdlib: Path, source: ChangeSource | None = None) -> None:
    """Call `build` (which returns the files it read), then again whenever one of them changes; never returns.

    `first` are the files to watch if the first build cannot say what it read.
    `source(files)` yields the sets of files that changed (file_events unless
    given). Stop it with KeyboardInterrupt.
    """
    source = source or file_events
    read = build() or first
    watched = _paths(read, stdlib)
    print(f"watching {len(watched)} file{'s' if len(watched) != 1 else ''}; Ctrl-C stops", flush=True)
    while True:
        for changed in source(watched):
            relevant = changed & watched
            if not relevant:
                continue
            print(f"changed: {', '.join(name for name in read if _path(name, stdlib) in relevant)}", flush=True)
            read = build() or read
            now = _paths(read, stdlib)
            if now != watched:  # an import added or removed: watch the new set of files
                watched = now
                break


def file_events(files: frozenset[Path]) -> Iterator[set[Path]]:
    """Yield the sets of `files` that were written, created or removed, as the file system reports them."""
    import watchfiles

    folders = sorted({str(path.parent) for path in files if path.parent.is_dir()})
    for batch in watchfiles.watch(*folders, watch_filter=lambda change, name: Path(name) in files,
                                  recursive=False, raise_interrupt=True):
        yield {Path(name) for _, name in batch}


def polled_changes(interval: float) -> ChangeSource:
    """Return a change source that compares modification times every `interval` seconds."""

    def source(files: frozenset[Path]) -> Iterator[set[Path]]:
        seen = _stamps(files)
        while True:
            time.sleep(max(interval, 0.05))
            now = _stamps(files)
            changed = {path for path in files if now[path] != seen[path]}
            seen = now
            if changed:
                yield changed

    return source


def _paths(names: list[str], stdlib: Path) -> frozenset[Path]:
    return frozenset(_path(name, stdlib) for name in names)


def _path(name: str, stdlib: Path) -> Path:
    real = stdlib / name[len(STDLIB_PREFIX):] if name.startswith(STDLIB_PREFIX) else Path(name)
    return Path(os.path.abspath(real))


def _stamps(files: Iterable[Path]) -> dict[Path, tuple[int, int] | None]:
    found: dict[Path, tuple[int, int] | None] = {}
    for path in files:
        try:
            info = os.stat(path)
            found[path] = (info.st_mtime_ns, info.st_size)
        except OSError:
            found[path] = None  # deleted or not yet written: its return is a change too
    return found
