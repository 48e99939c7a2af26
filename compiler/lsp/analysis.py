"""One open document, compiled: its text, its tree, its names, and what lies under a position.

The library is loaded once per server (load_library caches it per folder);
each change re-parses and re-checks only the edited text, through the
compiler's own entry point, so that the editor shows what `rasim check` says.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from attrs import frozen

from .. import tree as t
from ..tree.walk import children
from ..driver import Compiled, Options, compile_text
from ..library.symbols import Symbol
from ..resolve.bind import Bound
from ..source import normalise_text
from ..syntax.incremental import IncrementalParser
from .positions import LineIndex


@frozen
class Analysis:
    """A document as the compiler saw it: the normalised text, its line index and what compiling it gave."""

    uri: str
    shown: str
    text: str
    lines: LineIndex
    compiled: Compiled
    bound: Bound | None
    options: Options
    encoding: str = "utf-16"

    @property
    def module(self) -> t.Module | None:
        """Return the document's syntax tree (partial after a syntax error), if it parsed at all."""
        return self.compiled.parsed.module if self.compiled.parsed is not None else None


def path_of(uri: str) -> Path | None:
    """Return the file a `file:` URI names, or None for another scheme."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def analyse(uri: str, text: str, options: Options, encoding: str = "utf-16",
            parser: IncrementalParser | None = None) -> Analysis:
    """Compile the editor's `text` of the document at `uri`; positions count in `encoding`.

    With `parser` (the document's, kept by the server), the top-level items
    the edit did not touch are not parsed again.
    """
    path = path_of(uri)
    shown = str(path) if path is not None else uri
    # The plan adds no diagnostic and the editor reads times from the schedule (inlay.py): it is not built.
    compiled = compile_text(text, shown, options, path, until="schedule",
                            parser=parser.parse if parser is not None and not _in_library(path, options) else None)
    bound = compiled.bound
    if bound is None and compiled.parsed is not None:
        bound = _bind_anyway(compiled, path or Path(shown), options)
    normalised = compiled.text if compiled.text is not None else normalise_text(text)
    return Analysis(uri, shown, normalised, LineIndex(normalised, encoding), compiled, bound, options,
                    encoding)


def _in_library(path: Path | None, options: Options) -> bool:
    """Tell whether the document is a file of the library, which the parse pass decodes from its compiled form."""
    if path is None:
        return False
    try:
        path.resolve().relative_to(Path(options.stdlib).resolve())
    except (ValueError, OSError):
        return False
    return True


def _bind_anyway(compiled: Compiled, path: Path, options: Options) -> Bound | None:
    """Bind the partial tree of a file with syntax errors, so that hover and completion still know its names."""
    from ..library.load import load_library
    from ..resolve.bind import resolve

    try:
        return resolve(compiled.parsed.module, path, load_library(str(options.stdlib)), options.editions,
                       options.project_root, options.stdlib)
    except Exception:  # noqa: BLE001 - a half-built tree may break a pass; the editor then knows fewer names
        return None


def walk(node: t.Node, scope: str = ""):
    """Yield (node, ceremony scope) for `node` and everything under it, depth first in source order."""
    stack = [(node, scope)]
    while stack:
        current, scope = stack.pop()
        if isinstance(current, t.Ceremony):
            scope = current.name.text
        yield current, scope
        stack.extend((child, scope) for child in reversed(list(children(current))))


def _contains(span, offset: int) -> bool:
    return span is not None and span.start <= offset <= span.end and span.end > span.start


def thing_at(analysis: Analysis, offset: int):
    """Return (node, scope) for the innermost name, reference or citation at `offset`, or (None, "")."""
    module = analysis.module
    if module is None:
        return None, ""
    found, found_scope = None, ""
    for node, scope in walk(module):
        if isinstance(node, (t.Ref, t.Name, t.Citation, t.EditionRef)) and _contains(node.span, offset):
            if found is None or node.span.end - node.span.start <= found.span.end - found.span.start:
                found, found_scope = node, scope
    return found, found_scope


def symbol_for(analysis: Analysis, node, scope: str) -> Symbol | None:
    """Return the declaration a reference names, or the one a declared name introduces."""
    bound = analysis.bound
    if bound is None:
        return None
    if isinstance(node, t.Ref):
        return bound.lookup(node, scope)
    if isinstance(node, t.Name):
        return next((s for s in bound.symbols.values() if s.node.name is node), None)
    return None


def symbols_of_document(analysis: Analysis) -> list[Symbol]:
    """Return the declarations the document itself makes."""
    if analysis.bound is None:
        return []
    return [s for s in analysis.bound.symbols.values() if s.node.span.path == analysis.shown]


def file_of(span_path: str, analysis: Analysis) -> Path | None:
    """Return the file a span's path names: the library inside the package, an import, or the document."""
    if span_path == analysis.shown:
        return path_of(analysis.uri)
    if span_path.startswith("<stdlib>/"):
        return Path(analysis.options.stdlib) / span_path.removeprefix("<stdlib>/")
    candidate = Path(span_path)
    return candidate if candidate.is_absolute() else analysis.options.project_root / candidate


def library_text(span_path: str, analysis: Analysis) -> str | None:
    """Return the text of a file the compiler read for the document (library or import), if it kept it."""
    return analysis.compiled.sources.get(span_path)
