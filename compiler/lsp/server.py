"""The language server (`rasim lsp`): pygls over stdio, one Analysis per open document.

Each open or change compiles the edited text once; every request then reads
that Analysis. The library is loaded on the first document and kept for the
life of the server.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .. import __version__
from .. import diagnostics as diag
from ..driver import Options
from .actions import code_actions, editor_diagnostics
from ..syntax.incremental import IncrementalParser
from .analysis import Analysis, analyse
from .complete import completions
from .hover import hover_text
from .inlay import program_times
from .navigate import definition, document_symbols, references, workspace_symbols


class RasimServer(LanguageServer):
    """The server with its compiler options and the latest analysis of each open document."""

    def __init__(self, stdlib: Path, project_root: Path | None) -> None:
        super().__init__("rasim", __version__)
        self.stdlib = stdlib
        self.project_root = project_root
        self.analyses: dict[str, Analysis] = {}
        self.parsers: dict[str, IncrementalParser] = {}  # each open document's parsed top-level items

    def options(self) -> Options:
        """Return the pipeline options: the library folder and the project imports may read from."""
        root = self.project_root
        if root is None:
            folder = self.workspace.root_path if self.workspace is not None else None
            root = Path(folder) if folder else Path.cwd()
        return Options(stdlib=self.stdlib, project_root=root.resolve(), editions={})

    def encoding(self) -> str:
        """Return the position encoding agreed with the client."""
        chosen = getattr(self.server_capabilities, "position_encoding", None)
        return str(getattr(chosen, "value", chosen) or "utf-16")

    def refresh(self, uri: str) -> None:
        """Compile the document's current text and publish its diagnostics."""
        text = self.workspace.get_text_document(uri).source
        try:
            parser = self.parsers.setdefault(uri, IncrementalParser())
            analysis = analyse(uri, text, self.options(), self.encoding(), parser)
        except Exception:  # noqa: BLE001 - a bug must show as a diagnostic, not stop the server
            details = traceback.format_exc().strip().splitlines()[-1]
            self.analyses.pop(uri, None)
            found = diag.error("internal-error", "the compiler failed on this file; this is a bug in Rasim",
                               None, hints=(f"details: {details}",))
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, [lsp.Diagnostic(
                lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), found.message + "\nhint: " + found.hints[0],
                severity=lsp.DiagnosticSeverity.Error, code=found.code, source="rasim")]))
            return
        self.analyses[uri] = analysis
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, editor_diagnostics(analysis)))

    def at(self, uri: str, position: lsp.Position) -> tuple[Analysis, int] | None:
        """Return the document's analysis and the character offset of `position` in it."""
        analysis = self.analyses.get(uri)
        if analysis is None:
            return None
        return analysis, analysis.lines.offset(position)


def make_server(stdlib: Path, project_root: Path | None = None) -> RasimServer:
    """Return a server for the library at `stdlib`, with every feature registered."""
    server = RasimServer(stdlib, project_root)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def opened(ls: RasimServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def changed(ls: RasimServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def closed(ls: RasimServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.parsers.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: RasimServer, params: lsp.HoverParams) -> lsp.Hover | None:
        found = ls.at(params.text_document.uri, params.position)
        shown = hover_text(*found) if found else None
        if shown is None:
            return None
        text, node = shown
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), found[0].lines.range(node.span))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def go_to(ls: RasimServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        found = ls.at(params.text_document.uri, params.position)
        return definition(*found) if found else []

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def uses(ls: RasimServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        found = ls.at(params.text_document.uri, params.position)
        return references(*found, params.context.include_declaration) if found else []

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def outline(ls: RasimServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        analysis = ls.analyses.get(params.text_document.uri)
        return document_symbols(analysis) if analysis else []

    @server.feature(lsp.WORKSPACE_SYMBOL)
    def everywhere(ls: RasimServer, params: lsp.WorkspaceSymbolParams) -> list[lsp.WorkspaceSymbol]:
        return workspace_symbols(list(ls.analyses.values()), ls.stdlib, params.query)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[".", " "]))
    def complete(ls: RasimServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        found = ls.at(params.text_document.uri, params.position)
        return lsp.CompletionList(is_incomplete=False, items=completions(*found) if found else [])

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def fixes(ls: RasimServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        analysis = ls.analyses.get(params.text_document.uri)
        return code_actions(analysis, params.text_document.uri, params.context.diagnostics) if analysis else []

    @server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT)
    def times(ls: RasimServer, params: lsp.InlayHintParams) -> list[lsp.InlayHint]:
        analysis = ls.analyses.get(params.text_document.uri)
        if analysis is None:
            return []
        first, last = params.range.start.line, params.range.end.line
        return [lsp.InlayHint(analysis.lines.at(hint.line, hint.column), hint.text, kind=lsp.InlayHintKind.Type,
                              padding_left=True,
                              tooltip=lsp.MarkupContent(lsp.MarkupKind.Markdown, hint.tooltip) if hint.tooltip else None)
                for hint in program_times(analysis.compiled) if first <= hint.line - 1 <= last]

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def layout(ls: RasimServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
        return format_edits(ls.analyses.get(params.text_document.uri))

    return server


def format_edits(analysis: Analysis | None) -> list[lsp.TextEdit]:
    """Return the edit that rewrites the document in the canonical layout; none while it has syntax errors."""
    from ..tools.fmt import format_module

    parsed = analysis.compiled.parsed if analysis else None
    if parsed is None or not parsed.ok:
        return []
    formatted = format_module(parsed, analysis.text)
    if formatted == analysis.text:
        return []
    end = analysis.lines.position(len(analysis.text))
    return [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), end), formatted)]


def run(stdlib: Path, project_root: Path | None = None) -> None:
    """Serve over stdin and stdout until the client says exit."""
    make_server(stdlib, project_root).start_io()

