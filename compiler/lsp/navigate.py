"""Go to definition, find references, document and workspace symbols, and the read-only article view."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lsprotocol import types as lsp

from .. import tree as t
from ..library.articles import load_article_index
from ..library.load import load_library
from ..library.symbols import Symbol
from .analysis import Analysis, file_of, symbol_for, thing_at, walk
from .hover import citation_line, default_edition
from .positions import LineIndex

SYMBOL_KINDS = {
    "role": lsp.SymbolKind.Class, "unit": lsp.SymbolKind.Struct, "office": lsp.SymbolKind.Class,
    "place": lsp.SymbolKind.Namespace, "level": lsp.SymbolKind.EnumMember, "guest kind": lsp.SymbolKind.Enum,
    "condition": lsp.SymbolKind.Boolean, "quantity": lsp.SymbolKind.Number, "visit format": lsp.SymbolKind.Module,
    "ceremony": lsp.SymbolKind.Function, "step": lsp.SymbolKind.Method, "precedence table": lsp.SymbolKind.Array,
    "calendar rule": lsp.SymbolKind.Event, "provision": lsp.SymbolKind.Property, "state symbol": lsp.SymbolKind.Constant,
}


class Texts:
    """The line indexes of the files a location may point into, read once each."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.indexes: dict[str, LineIndex] = {analysis.shown: analysis.lines}

    def index(self, span_path: str) -> LineIndex | None:
        """Return the line index of the file a span's path names."""
        if span_path not in self.indexes:
            text = self.analysis.compiled.sources.get(span_path) or _library_text(self.analysis, span_path)
            if text is None:
                path = file_of(span_path, self.analysis)
                try:
                    text = path.read_text(encoding="utf-8") if path is not None else None
                except (OSError, UnicodeDecodeError):
                    text = None
            self.indexes[span_path] = LineIndex(text, self.analysis.encoding) if text is not None else None
        return self.indexes[span_path]

    def location(self, span) -> lsp.Location | None:
        """Return the protocol location of a span, in whichever file it lies."""
        path = file_of(span.path, self.analysis)
        index = self.index(span.path)
        if path is None or index is None:
            return None
        uri = self.analysis.uri if span.path == self.analysis.shown else path.resolve().as_uri()
        return lsp.Location(uri, index.range(span))


def _library_text(analysis: Analysis, span_path: str) -> str | None:
    for edition in load_library(str(analysis.options.stdlib)).editions.values():
        for path, text, _ in edition.files:
            if path == span_path:
                return text
    return None


def definition(analysis: Analysis, offset: int) -> list[lsp.Location]:
    """Return where the name at `offset` is declared, or the article view of the citation there."""
    node, scope = thing_at(analysis, offset)
    if isinstance(node, t.Citation):
        return article_locations(node, default_edition(analysis))
    symbol = symbol_for(analysis, node, scope) if node is not None else None
    if symbol is None:
        return []
    found = Texts(analysis).location(symbol.node.name.span)
    return [found] if found else []


def references(analysis: Analysis, offset: int, include_declaration: bool) -> list[lsp.Location]:
    """Return every use in the document (and in the library) of the declaration the name at `offset` names."""
    node, scope = thing_at(analysis, offset)
    symbol = symbol_for(analysis, node, scope) if node is not None else None
    if symbol is None or analysis.bound is None:
        return []
    texts = Texts(analysis)
    found = []
    if include_declaration:
        found.append(texts.location(symbol.node.name.span))
    for ref, ref_scope in _refs(analysis.module):
        if analysis.bound.lookup(ref, ref_scope) is symbol:
            found.append(texts.location(ref.span))
    if symbol.edition is not None:
        edition = load_library(str(analysis.options.stdlib)).editions.get(symbol.edition)
        for _, _, parsed in edition.files if edition else ():
            for ref, ref_scope in _refs(parsed.module):
                if _lookup(edition.symbols, ref, ref_scope) is symbol:
                    found.append(texts.location(ref.span))
    return [f for f in found if f is not None]


def _refs(module):
    if module is None:
        return
    for node, scope in walk(module):
        if isinstance(node, t.Ref):
            yield node, scope


def _lookup(symbols: dict[str, Symbol], ref: t.Ref, scope: str) -> Symbol | None:
    if scope and f"{scope}.{ref.text}" in symbols:
        return symbols[f"{scope}.{ref.text}"]
    return symbols.get(ref.text)


def document_symbols(analysis: Analysis) -> list[lsp.DocumentSymbol]:
    """Return the outline of the document: declarations with their steps, scenarios with days and calls."""
    module = analysis.module
    if module is None:
        return []
    from ..library.symbols import KIND_OF

    outline = []
    for item in module.items:
        if isinstance(item, t.Scenario):
            outline.append(_scenario_symbol(item, analysis.lines))
        elif type(item) in KIND_OF:
            outline.append(_declaration_symbol(item, KIND_OF, analysis.lines))
    return outline


def _declaration_symbol(node, kinds, lines: LineIndex) -> lsp.DocumentSymbol:
    kind = kinds[type(node)]
    inner = []
    if isinstance(node, t.Ceremony):
        inner = [_declaration_symbol(item, kinds, lines) for item in node.items if isinstance(item, t.Step)]
    elif isinstance(node, (t.Unit, t.Place)):
        inner = [_declaration_symbol(item, kinds, lines) for item in (node.members if isinstance(node, t.Unit)
                                                                       else node.places) or ()
                 if not isinstance(item, t.Travel)]
    label = getattr(node, "label", None)
    return lsp.DocumentSymbol(node.name.text, SYMBOL_KINDS.get(kind, lsp.SymbolKind.Object),
                              lines.range(node.span), lines.range(node.name.span),
                              detail=f"{kind}" + (f": {label.text}" if label is not None else ""),
                              children=inner)


def _scenario_symbol(scenario: t.Scenario, lines: LineIndex) -> lsp.DocumentSymbol:
    days = []
    for item in scenario.items:
        if not isinstance(item, t.Program):
            continue
        for day in item.days:
            calls = []
            for entry in day.items:
                entries = entry.entries if isinstance(entry, t.TrackProgram) else (entry,)
                for one in entries:
                    for call in one.calls:
                        calls.append(lsp.DocumentSymbol(
                            call.ref.text, lsp.SymbolKind.Event, lines.range(call.span), lines.range(call.ref.span),
                            detail=(one.time or "") + (f" ({entry.name.text})" if entry is not one else "")))
            days.append(lsp.DocumentSymbol(f"day {day.number}", lsp.SymbolKind.Namespace, lines.range(day.span),
                                           lines.range(day.span), detail=day.date or "", children=calls))
    return lsp.DocumentSymbol(scenario.name.text, lsp.SymbolKind.Module, lines.range(scenario.span),
                              lines.range(scenario.name.span), detail="scenario", children=days)


def workspace_symbols(analyses: list[Analysis], stdlib: Path, query: str) -> list[lsp.WorkspaceSymbol]:
    """Return the declarations of the open documents and of the library whose names contain `query`."""
    wanted = query.casefold()
    found: list[lsp.WorkspaceSymbol] = []
    seen = set()
    for analysis in analyses:
        texts = Texts(analysis)
        symbols = analysis.bound.symbols.values() if analysis.bound else ()
        for symbol in symbols:
            key = (symbol.name, symbol.edition, symbol.node.name.span.path)
            if key in seen or wanted not in symbol.name.casefold():
                continue
            seen.add(key)
            location = texts.location(symbol.node.name.span)
            if location is not None:
                found.append(lsp.WorkspaceSymbol(location=location, name=symbol.name,
                                                 kind=SYMBOL_KINDS.get(symbol.kind, lsp.SymbolKind.Object),
                                                 container_name=symbol.edition or analysis.shown))
    return found


def article_locations(citation: t.Citation, default: str | None) -> list[lsp.Location]:
    """Return the places in the generated article view where the cited articles stand."""
    _, edition = citation_line(citation, default)
    view = article_view(edition) if edition else None
    if view is None:
        return []
    path, lines = view
    found = []
    for article in citation.articles:
        line = lines.get(article) or lines.get(article.split(".")[0])
        if line is not None:
            found.append(lsp.Location(path.as_uri(), lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0))))
    return found


def article_view(edition: str) -> tuple[Path, dict[str, int]] | None:
    """Write (once) the read-only Markdown view of an edition's articles; return it and each article's line."""
    index = load_article_index(edition)
    if index is None:
        return None
    lines, where = [f"# {edition}: the articles ({index.language})", ""], {}
    if index.source:
        lines += [index.source, ""]
    for number, article in index.articles.items():
        where[number] = _count(lines)
        lines += [f"## § {number}", "", article.text or "(no text in the source)", ""]
    for key, appendix in index.appendices.items():
        where[key] = _count(lines)
        lines += [f"## § {key}: {appendix.title}", ""]
        lines += [f"{n}. {text}" for n, text in appendix.entries.items()] + list(appendix.notes) + [""]
    return _write_view(edition, "\n".join(lines)), where


def _count(lines: list[str]) -> int:
    """Return how many lines `lines` make once joined (an entry may hold several)."""
    return sum(line.count("\n") + 1 for line in lines)


def _write_view(edition: str, text: str) -> Path:
    import hashlib

    import platformdirs

    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    folder = Path(platformdirs.user_cache_dir("rasim")) / "articles"
    path = folder / f"{edition.replace('@', '-')}-{digest}.md"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".view-", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    # Read-only: the view shows the law; an edit there would change nothing.
    os.chmod(temporary, 0o444)
    os.replace(temporary, path)
    return path
