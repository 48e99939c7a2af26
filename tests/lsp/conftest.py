"""A language server started once per test module, spoken to over stdio as an editor would."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

FILES = Path(__file__).resolve().parent / "files"


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "rasim", "lsp"]))
async def client(lsp_client: LanguageClient):
    params = lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"),
                                  root_uri=FILES.as_uri())
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
