#!/usr/bin/env bash
# Install Rasim with its dev tools into .venv and run the tests; arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install -q -e ".[dev]"
# The TextMate grammar is tested under vscode-textmate (Node.js), installed beside the extension.
if command -v npm >/dev/null && [ ! -d editors/vscode/node_modules/vscode-textmate ]; then
    (cd editors/vscode && npm install --no-audit --no-fund --silent)
fi

exec .venv/bin/python -m pytest "$@"
