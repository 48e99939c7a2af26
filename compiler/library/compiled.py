"""Store the parsed standard library as data, so that a run decodes it instead of parsing 420 KB.

A compiled library is a folder: `index.json` names the key it was built for
and, per edition, its body, year, dates in force, language and files; one
`EDITION.jsonl` per edition holds a header line (key, edition, table of node
classes, files) and the encoded tree of each file on a line of its own
(compiler/tree/serialize.py), so that one file can be decoded alone. Only the editions a scenario uses are decoded.

The key is a hash of the compiler's version, the grammar, the tree schema and
every library file's path and bytes: a folder built for other sources or
another compiler is never used, and a damaged one is rebuilt. Two places hold
compiled libraries: the package itself (`stdlib_compiled/`, written when the
wheel is built, for the installed standard library) and the user's cache
folder (for a `--stdlib` folder, and for a source checkout). Both are read as
JSON only: nothing stored there can run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .. import __version__
from ..resources import data_path
from ..tree import serialize

FORMAT = "2"
SHIPPED_FOLDER = "stdlib_compiled"
INDEX = "index.json"
# Compiled folders kept in the user's cache; older ones are removed when a new one is written.
KEEP_IN_CACHE = 8


class CompiledError(ValueError):
    """A compiled library that does not match its sources or is damaged."""


def compiler_key() -> str:
    """Return a hash of what decides the shape of a compiled tree: format, version, grammar and schema."""
    grammar = (data_path("grammar") / "rasim.lark").read_bytes()
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    digest.update(hashlib.sha256(grammar).digest())
    digest.update(json.dumps(serialize.schema(), sort_keys=True).encode())
    return digest.hexdigest()


def sources_key(files: list[tuple[str, bytes]]) -> str:
    """Return the key of a library whose files are `files` (shown path, bytes), under this compiler."""
    digest = hashlib.sha256(compiler_key().encode())
    for shown, raw in files:
        name = shown.encode()
        digest.update(len(name).to_bytes(8, "big") + name + len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return digest.hexdigest()


def candidate_folders(key: str) -> list[Path]:
    """Return the folders a compiled library of `key` may be in: the package's, then the user's cache."""
    folders = [data_path(SHIPPED_FOLDER)]
    cache = cache_root()
    if cache is not None:
        folders.append(cache / key[:32])
    return folders


def cache_root() -> Path | None:
    """Return the user's folder of compiled libraries, or None where there is no cache folder."""
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("rasim")) / "stdlib"
    except Exception:  # noqa: BLE001 - no home folder: no cache, only slower runs
        return None


def read_index(folder: Path, key: str) -> dict | None:
    """Return the index of the compiled library in `folder` if it was built for `key`, else None."""
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("key") != key or not isinstance(index.get("editions"), dict):
        return None
    for ref, entry in index["editions"].items():
        if not _valid_entry(ref, entry):
            return None
    return index


def _valid_entry(ref, entry) -> bool:
    if not isinstance(entry, dict) or not isinstance(ref, str) or "/" in ref or ref.startswith("."):
        return False
    in_force = entry.get("in_force")
    return (isinstance(entry.get("body"), str) and type(entry.get("year")) is int
            and isinstance(in_force, list) and len(in_force) == 2
            and all(d is None or isinstance(d, str) for d in in_force)
            and (entry.get("language") is None or isinstance(entry.get("language"), str))
            and isinstance(entry.get("files"), list) and all(isinstance(f, str) for f in entry["files"]))


class EditionTrees:
    """The encoded trees of one edition's files, decoded on demand (under any path a file is shown as)."""

    def __init__(self, decoder: serialize.Decoder, trees: dict[str, str]) -> None:
        self.decoder = decoder
        self.trees = trees

    def module(self, shown: str, as_path: str | None = None):
        """Return the module of library file `shown`, its spans in `as_path` (default `shown`)."""
        try:
            return self.decoder.decode(self.trees[shown], as_path or shown)
        except (serialize.DecodeError, TypeError, RecursionError) as failure:
            raise CompiledError(f"the compiled tree of {shown} is damaged: {failure}") from None


def edition_file(folder: Path, ref: str) -> Path:
    """Return the file that holds the trees of edition `ref`."""
    return folder / f"{ref}.jsonl"


def read_edition(folder: Path, key: str, ref: str, shown_files: list[str]) -> EditionTrees:
    """Return the trees of edition `ref`, whose files are `shown_files`; raise CompiledError if not valid."""
    try:
        lines = edition_file(folder, ref).read_text(encoding="utf-8").split("\n")
        header = json.loads(lines[0])
    except (OSError, ValueError) as failure:
        raise CompiledError(f"cannot read the compiled edition {ref}: {failure}") from None
    if not isinstance(header, dict) or header.get("key") != key or header.get("ref") != ref:
        raise CompiledError(f"the compiled edition {ref} was built for other sources")
    if header.get("files") != shown_files or len(lines) < len(shown_files) + 1:
        raise CompiledError(f"the compiled edition {ref} lists other files")
    try:
        decoder = serialize.Decoder(header.get("classes"))
    except serialize.DecodeError as failure:
        raise CompiledError(f"the compiled edition {ref} is damaged: {failure}") from None
    return EditionTrees(decoder, dict(zip(shown_files, lines[1:])))


def write_library(folder: Path, key: str, editions: list[dict]) -> None:
    """Write a compiled library into `folder` (made whole in a temporary folder first, then renamed).

    Each of `editions` has ref, body, year, in_force, language and files, a
    list of (shown path, module). A valid folder that is already there is
    kept (another process wrote the same key); a damaged one is replaced.
    """
    if read_index(folder, key) is not None:
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".compiling-", dir=folder.parent))
    try:
        index = {"format": FORMAT, "key": key, "editions": {}}
        for edition in editions:
            encoder = serialize.Encoder()
            trees = [json.dumps(encoder.encode(module, shown), ensure_ascii=False, separators=(",", ":"))
                     for shown, module in edition["files"]]
            header = {"key": key, "ref": edition["ref"], "classes": encoder.classes,
                      "files": [shown for shown, _ in edition["files"]]}
            edition_file(temporary, edition["ref"]).write_text(
                "\n".join([json.dumps(header, ensure_ascii=False), *trees]) + "\n", encoding="utf-8")
            index["editions"][edition["ref"]] = {
                "body": edition["body"], "year": edition["year"], "in_force": list(edition["in_force"]),
                "language": edition["language"], "files": [shown for shown, _ in edition["files"]]}
        (temporary / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
        discard(folder)
        try:
            os.replace(temporary, folder)
        except OSError:
            pass  # another process renamed its copy into place first
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def discard(folder: Path) -> None:
    """Remove a damaged compiled library from the user's cache, so that the next run compiles it again."""
    if folder != data_path(SHIPPED_FOLDER) and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def prune_cache(keep: Path) -> None:
    """Remove all but the most recently used compiled libraries from the user's cache."""
    root = keep.parent
    try:
        folders = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and p != keep),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for folder in folders[KEEP_IN_CACHE - 1:]:
        shutil.rmtree(folder, ignore_errors=True)
