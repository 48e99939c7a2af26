#!/usr/bin/env bash
# Install Rasim into .venv and check and format-check every scenario and the standard library.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install -q -e .

.venv/bin/rasim check scenarios stdlib
.venv/bin/rasim fmt --check scenarios stdlib
