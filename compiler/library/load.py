"""Load the standard library: every edition of every body of rules, with its symbols.

The library is a folder of bodies (state_protocol, mission_regulation), each
with one folder per edition year. Every file starts with `rules of BODY@YEAR`;
the files of one edition share one symbol table. The library is read once
per process and folder, from its compiled form (compiled.py) when one was
built for the same sources, and only the editions a file uses are decoded.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Callable

import attrs
from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..syntax.parse import Parsed, parse
from ..source import normalise_text
from . import compiled
from .symbols import Symbol, collect_symbols


@frozen
class EditionContent:
    """What an edition holds once its files are read: its declaration, files, names and findings."""

    declaration: t.Edition | None
    files: tuple[tuple[str, str, Parsed], ...]
    symbols: dict[str, Symbol]
    diagnostics: tuple[diag.Diagnostic, ...]


class _Lazy:
    """Compute a value on first use and keep it (an edition's content, read only when it is chosen)."""

    def __init__(self, make: Callable[[], EditionContent]) -> None:
        self._make: Callable[[], EditionContent] | None = make
        self._value: EditionContent | None = None

    def get(self) -> EditionContent:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value


@frozen
class EditionBody:
    """One edition of a body of rules: its declaration, its files and its names.

    The dates in force and the language are known without reading the files
    (the compiled library's index has them); the rest is read on first use.
    """

    ref: str
    body: str
    year: int
    in_force_text: tuple[str | None, str | None]
    language: str | None
    _content: _Lazy = attrs.field(eq=False, repr=False, alias="content")
    file_names: tuple[str, ...] = ()

    @property
    def declaration(self) -> t.Edition | None:
        """Return the `edition` declaration of the edition, if it has one."""
        return self._content.get().declaration

    @property
    def files(self) -> tuple[tuple[str, str, Parsed], ...]:
        """Return the edition's files: (shown path, text, parsed file)."""
        return self._content.get().files

    @property
    def symbols(self) -> dict[str, Symbol]:
        """Return the names the edition declares."""
        return self._content.get().symbols

    @property
    def diagnostics(self) -> tuple[diag.Diagnostic, ...]:
        """Return what went wrong reading the edition's files."""
        return self._content.get().diagnostics

    @property
    def in_force(self) -> tuple[datetime.date | None, datetime.date | None]:
        """Return the first and last day in force, None where the text leaves it open."""
        return _date(self.in_force_text[0]), _date(self.in_force_text[1])

    def in_force_on(self, day: datetime.date) -> bool:
        """Tell whether the edition is in force on `day`."""
        start, end = self.in_force
        return start is not None and start <= day and (end is None or day <= end)


@frozen
class Library:
    """Every edition of every body found under one folder."""

    root: str
    editions: dict[str, EditionBody]
    # The compiled trees of the editions read so far, by edition (compiled libraries only).
    trees: dict[str, compiled.EditionTrees] = attrs.field(factory=dict, eq=False, repr=False)

    def bodies(self) -> list[str]:
        """Return the names of the bodies of rules, sorted."""
        return sorted({e.body for e in self.editions.values()})

    def articles(self, edition: str):
        """Return the article index of `edition` from this library's folder, or None when it has none."""
        from .articles import load_article_index

        return load_article_index(edition, self.root)

    def editions_of(self, body: str) -> list[EditionBody]:
        """Return the editions of `body`, oldest first."""
        return sorted((e for e in self.editions.values() if e.body == body), key=lambda e: e.year)


def _date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4)
def load_library(root: str) -> Library:
    """Return the library under `root`: from a compiled form built for its sources, else parsed (and compiled)."""
    base = Path(root)
    sources = _read_files(base)
    key = compiled.sources_key(list(sources.items()))
    for folder in compiled.candidate_folders(key):
        index = compiled.read_index(folder, key)
        if index is not None and _same_files(index, sources):
            return _from_index(base, folder, key, index, sources)
    library, clean = _parse_library(base, sources)
    folder = compiled.candidate_folders(key)[-1]
    if clean and folder != compiled.data_path(compiled.SHIPPED_FOLDER):
        write_compiled(library, folder, key)
    return library


def compile_library(root: Path, folder: Path) -> None:
    """Write the compiled form of the library under `root` into `folder` (as the wheel ships it).

    Raises ValueError when a library file has an error: a library that does not
    parse cleanly is not compiled.
    """
    sources = _read_files(root)
    library, clean = _parse_library(root, sources)
    if not clean:
        raise ValueError(f"the library under {root} has errors: check it with `rasim check {root}`")
    write_compiled(library, folder, compiled.sources_key(list(sources.items())), prune=False)


def write_compiled(library: Library, folder: Path, key: str, prune: bool = True) -> None:
    """Write `library` as a compiled library into `folder`; a folder that cannot be written only costs time."""
    editions = [{"ref": e.ref, "body": e.body, "year": e.year, "in_force": e.in_force_text,
                 "language": e.language, "files": [(shown, parsed.module) for shown, _, parsed in e.files]}
                for e in library.editions.values()]
    try:
        compiled.write_library(folder, key, editions)
        if prune:
            compiled.prune_cache(folder)
    except OSError:
        pass


def _read_files(base: Path) -> dict[str, bytes]:
    """Return the bytes of every library file, by the path it is shown under, in order."""
    sources = {}
    for path in sorted(base.rglob("*.rasim")):
        try:
            if path.is_file():  # never a FIFO or a device: reading one would hang
                sources[f"<stdlib>/{path.relative_to(base).as_posix()}"] = path.read_bytes()
        except OSError:
            continue
    return sources


def _same_files(index: dict, sources: dict[str, bytes]) -> bool:
    listed = sorted(shown for entry in index["editions"].values() for shown in entry["files"])
    return listed == sorted(sources)


def _from_index(base: Path, folder: Path, key: str, index: dict, sources: dict[str, bytes]) -> Library:
    editions: dict[str, EditionBody] = {}
    library = Library(str(base), editions)
    for ref, entry in sorted(index["editions"].items()):
        def content(ref=ref, shown_files=entry["files"]) -> EditionContent:
            texts = [(shown, _text(sources[shown])) for shown in shown_files]
            try:
                trees = compiled.read_edition(folder, key, ref, shown_files)
                files = [(shown, text, Parsed(trees.module(shown), (), ())) for shown, text in texts]
            except compiled.CompiledError:
                # Damaged: parse the sources instead, and compile them again on the next run.
                compiled.discard(folder)
                return _edition_content(ref, [(shown, text, parse(text, shown)) for shown, text in texts])
            library.trees[ref] = trees
            return _edition_content(ref, files)
        editions[ref] = EditionBody(ref, entry["body"], entry["year"], tuple(entry["in_force"]),
                                    entry["language"], content=_Lazy(content), file_names=tuple(entry["files"]))
    return library


def parse_file(text: str, shown: str, path: Path, root: Path, limits=None) -> Parsed:
    """Parse `text` (the file at `path`, shown as `shown`), decoding it instead when it is a compiled library file.

    Checking the standard library checks files the compiled library already
    holds: a file whose text is the library's own is decoded with its spans
    under `shown`, four times faster than parsing it again. `limits` bound what
    a parse may report (rasim.limits.Limits; the defaults when None).
    """
    from ..syntax.parse import parse  # looked up on each call: tests replace it to simulate a failure
    try:
        inner = f"<stdlib>/{path.resolve().relative_to(root.resolve()).as_posix()}"
    except (ValueError, OSError):
        return parse(text, shown, *([limits] if limits is not None else []))
    library = load_library(str(root))
    for ref, edition in library.editions.items():
        for file_shown, file_text, _ in edition.files if inner in edition.file_names else ():
            trees = library.trees.get(ref)
            if file_shown == inner and file_text == text and trees is not None:
                try:
                    return Parsed(trees.module(inner, shown), (), ())
                except compiled.CompiledError:
                    break
    return parse(text, shown, *([limits] if limits is not None else []))


def _text(raw: bytes) -> str:
    try:
        return normalise_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return ""


def _parse_library(base: Path, sources: dict[str, bytes]) -> tuple[Library, bool]:
    """Parse every library file and group the files by edition; tell whether every file was clean."""
    grouped: dict[str, list[tuple[str, str, Parsed]]] = {}
    clean = True
    for shown, raw in sources.items():
        try:
            text = normalise_text(raw.decode("utf-8"))
        except UnicodeDecodeError:
            clean = False
            continue
        parsed = parse(text, shown)
        clean = clean and not parsed.diagnostics
        header = parsed.module.header
        if header is None:
            # Reported when the file itself is checked (bind.py: missing-module-header).
            clean = False
            continue
        grouped.setdefault(header.edition.text, []).append((shown, text, parsed))

    editions = {}
    for ref, files in sorted(grouped.items()):
        body, year = ref.split("@")
        content = _edition_content(ref, files)
        clean = clean and not content.diagnostics
        declaration = content.declaration
        editions[ref] = EditionBody(ref, body, int(year), _in_force_text(declaration), _language(declaration),
                                    content=_Lazy(lambda content=content: content),
                                    file_names=tuple(shown for shown, _, _ in files))
    return Library(str(base), editions), clean


def _edition_content(ref: str, files: list[tuple[str, str, Parsed]]) -> EditionContent:
    symbols: dict[str, Symbol] = {}
    found: list[diag.Diagnostic] = []
    declaration = None
    for _, _, parsed in files:
        found.extend(parsed.diagnostics)
        collect_symbols(parsed.module, ref, symbols, found)
        for item in parsed.module.items:
            if isinstance(item, t.Edition) and item.edition.text == ref:
                declaration = item
    return EditionContent(declaration, tuple(files), symbols, tuple(found))


def _in_force_text(declaration: t.Edition | None) -> tuple[str | None, str | None]:
    for item in declaration.items if declaration is not None else ():
        if isinstance(item, t.InForce):
            return item.start, item.end
    return None, None


def _language(declaration: t.Edition | None) -> str | None:
    for item in declaration.items if declaration is not None else ():
        if isinstance(item, t.Language):
            return item.language
    return None
