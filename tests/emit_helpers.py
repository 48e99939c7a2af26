"""Plans of the example scenarios for the emitter tests, compiled once per test session."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from rasim.pipeline import Options, compile_file
from rasim.resources import data_path

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = sorted(p for p in (REPO / "scenarios").glob("*.rasim"))
STATE_VISIT = REPO / "scenarios" / "2027-05-state-visit-testland.rasim"


@functools.cache
def _plan(path: Path) -> dict:
    compiled = compile_file(path, path.relative_to(REPO).as_posix(),
                            Options(stdlib=data_path("stdlib"), project_root=REPO / "scenarios", editions={}))
    assert compiled.plan is not None, [d.message for d in compiled.diagnostics]
    return compiled.plan


def plan_of(path: Path) -> dict:
    """Return a fresh copy of the plan of the scenario at `path` (tests may change it)."""
    return copy.deepcopy(_plan(path))
