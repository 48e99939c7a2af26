"""Put a build's files in place as one folder: never over a user's files, never half-written, one build at a time.

The files are written to a temporary folder beside the target, which is then
renamed into place: a failure half-way leaves the previous build (or
nothing). A folder that exists is replaced only when it is empty or when
its manifest (MANIFEST, written by the build that made it, listing every
file with its size and SHA-256) still matches what is in it: a file a user
added or changed is named in a refusal, never deleted. An empty or forged
marker file authorises nothing, because the manifest must match the files.
Builds into one folder wait for each other on a lock file beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

MANIFEST = ".rasim-build"
MANIFEST_FORMAT = "rasim-build-manifest"
MAX_NAMED = 5  # files named in a refusal; the rest are counted


class FolderRefused(Exception):
    """The target folder holds something a build must not replace; the message says what."""


class CannotWrite(Exception):
    """The system refused to write an output: `path` and the system's `reason`."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


def manifest_bytes(files: dict[str, bytes]) -> bytes:
    """Return the manifest of `files` ({relative path: bytes}): JSON, the same bytes for the same files."""
    listed = {name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
              for name, data in sorted(files.items())}
    return (json.dumps({"format": MANIFEST_FORMAT, "version": 1, "made_by": "rasim build",
                        "files": listed}, indent=1, sort_keys=True) + "\n").encode("utf-8")


def check_replaceable(target: Path) -> None:
    """Raise FolderRefused unless `target` is absent, an empty folder, or a build whose files match its manifest."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise FolderRefused(f"{target} is not a folder")
    if not target.exists() or not any(target.iterdir()):
        return
    listed = _read_manifest(target)
    if listed is None:
        raise FolderRefused(f"{target} is not empty and was not made by `rasim build` (it has no valid "
                            f"{MANIFEST} manifest); choose a new or empty folder")
    added, changed = _differences(target, listed)
    if added or changed:
        said = []
        if added:
            said.append(f"files that the last build did not write: {_some(added)}")
        if changed:
            said.append(f"files changed since the last build: {_some(changed)}")
        raise FolderRefused(f"{target} holds {'; and '.join(said)}. Move them out (nothing was replaced), "
                            "or choose another folder")


def replace_folder(target: Path, files: dict[str, bytes], written=None) -> None:
    """Make `target` a folder holding exactly `files` and their manifest, or raise and leave it as it was.

    `written(count, total)` is called as the files are written, to show progress.
    """
    target = Path(os.path.abspath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as failure:
        raise CannotWrite(target.parent, failure.strerror or str(failure)) from failure
    with _locked(target):
        check_replaceable(target)  # again: another build may have changed it while this one rendered
        _write_and_swap(target, files, written)


def _write_and_swap(target: Path, files: dict[str, bytes], written) -> None:
    staging = None
    path = target.parent
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
        for count, (name, data) in enumerate(sorted(files.items()), 1):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if written is not None:
                written(count, len(files))
        path = staging / MANIFEST
        path.write_bytes(manifest_bytes(files))
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a build is an ordinary folder
        path = target
        _swap(staging, target)
    except OSError as failure:
        shown = target / path.relative_to(staging) if staging and path.is_relative_to(staging) else path
        raise CannotWrite(shown, failure.strerror or str(failure)) from failure
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    # Two renames: between them the target is briefly absent, never half-written.
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _read_manifest(target: Path) -> dict[str, dict] | None:
    path = target / MANIFEST
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 64 * 1024 * 1024:
            return None
        found = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(found, dict) or found.get("format") != MANIFEST_FORMAT or not isinstance(found.get("files"),
                                                                                               dict):
        return None
    listed = found["files"]
    if not all(isinstance(v, dict) and isinstance(v.get("sha256"), str) and isinstance(v.get("bytes"), int)
               for v in listed.values()):
        return None
    return listed


def _differences(target: Path, listed: dict[str, dict]) -> tuple[list[str], list[str]]:
    """Return the files in `target` the manifest does not list, and those whose bytes it does not match."""
    folders = {parent for name in listed for parent in Path(name).parents}
    added, changed = [], []
    for root, dirs, names in os.walk(target):
        here = Path(root).relative_to(target)
        for name in sorted(dirs + names):
            relative = (here / name).as_posix()
            info = (Path(root) / name).lstat()
            if stat.S_ISDIR(info.st_mode) and Path(relative) in folders:
                continue
            if relative == MANIFEST:
                continue
            if not stat.S_ISREG(info.st_mode) or relative not in listed:
                added.append(relative + ("/" if stat.S_ISDIR(info.st_mode) else ""))
            elif info.st_size != listed[relative]["bytes"] or _sha256(Path(root) / name) != listed[relative]["sha256"]:
                changed.append(relative)
        dirs[:] = [d for d in dirs if Path(here / d) in folders]  # an added folder is named, not walked
    return sorted(added), sorted(changed)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_NAMED])
    return shown + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")


@contextlib.contextmanager
def _locked(target: Path):
    """Hold an exclusive lock on a file beside `target` (`.NAME.rasim-lock`), waiting for another build's."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: builds are not serialised there
        yield
        return
    lock = target.parent / f".{target.name}.rasim-lock"
    try:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as failure:
        raise CannotWrite(lock, failure.strerror or str(failure)) from failure
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"rasim: waiting for another build into {target}", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock
