"""Open documents in the test server and wait for what it says about them."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from conftest import FILES


def position_of(text: str, marker: str, after: int = 0) -> lsp.Position:
    """Return the protocol position (UTF-16) of `after` characters into the first `marker` in `text`."""
    offset = text.index(marker) + after
    line = text.count("\n", 0, offset)
    column = text[text.rfind("\n", 0, offset) + 1:offset]
    return lsp.Position(line, len(column.encode("utf-16-le")) // 2)


async def open_document(client: LanguageClient, name: str, text: str | None = None) -> tuple[str, str]:
    """Open tests/lsp/files/NAME (or `text` under that name); return its URI and text once diagnosed."""
    path = FILES / name
    text = path.read_text(encoding="utf-8") if text is None else text
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "rasim", 1, text)))
    await wait_for_diagnostics(client, uri)
    return uri, text


async def wait_for_diagnostics(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    """Wait until the server has published diagnostics for `uri` (removed from the client's record before); return them."""
    for _ in range(600):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError(f"the server published no diagnostics for {uri} within 30 s")


async def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> list[lsp.Diagnostic]:
    """Send the whole new text of an open document; return the diagnostics published for it."""
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version, uri), [lsp.TextDocumentContentChangeWholeDocument(text)]))
    return await wait_for_diagnostics(client, uri)
