#!/usr/bin/env bash
# Install Rasim into .venv, check and format-check every scenario and the standard library,
# and build the example state visit's outputs into out/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install -q -e .

.venv/bin/rasim check scenarios stdlib
.venv/bin/rasim fmt --check scenarios stdlib
.venv/bin/rasim build scenarios/2027-05-state-visit-testland.rasim -o out/2027-05-state-visit-testland
