"""Every stdlib file and every example scenario checks clean; every invalid scenario fails as marked.

The parse-level guarantees (parses, formatted, uses every construct) are in
test_examples_parse.py; this file runs the whole pipeline: resolve, check,
schedule and plan.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasim.driver import Options, compile_file
from rasim.resources import data_path

REPO = Path(__file__).resolve().parent.parent
STDLIB = sorted((REPO / "stdlib").rglob("*.rasim"))
SCENARIOS = sorted(p for p in (REPO / "scenarios").rglob("*.rasim") if "invalid" not in p.parts)
INVALID = sorted((REPO / "scenarios" / "invalid").glob("*.rasim"))
MARKER = re.compile(r"#\s*(error|warning)(-next-line)?:\s*([a-z-]+)")


def _options() -> Options:
    return Options(stdlib=data_path("stdlib"), project_root=REPO / "scenarios", editions={})


def _shown(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.mark.parametrize("path", STDLIB + SCENARIOS, ids=_shown)
def test_example_checks_clean(path: Path):
    compiled = compile_file(path, _shown(path), _options())
    errors = [f"{d.span.line if d.span else '-'}: {d.code}: {d.message}" for d in compiled.diagnostics
              if d.severity.value == "error"]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("path", SCENARIOS, ids=_shown)
def test_scenario_has_a_plan(path: Path):
    compiled = compile_file(path, _shown(path), _options())
    if any(d.severity.value == "error" for d in compiled.diagnostics):
        pytest.fail("the scenario has errors")
    if compiled.bound is not None and compiled.bound.scenario is None:
        pytest.skip("a file of shared declarations, not a scenario")
    assert compiled.plan is not None and compiled.plan.rows, "a scenario's plan has rows"
    for row in compiled.plan.rows:
        # Every clause of a row's citation names its edition (`§ 10 of state_protocol@2013`).
        assert row.citation is None or all(clause.edition for clause in row.citation.clauses), row


@pytest.mark.parametrize("path", INVALID, ids=_shown)
def test_invalid_scenario_fails_as_marked(path: Path):
    expected = sorted((number + (1 if next_line else 0), kind, code)
                      for number, line in enumerate(path.read_text("utf-8").split("\n"), 1)
                      for kind, next_line, code in MARKER.findall(line))
    assert expected, "an invalid scenario marks its expected diagnostics with `# error: CODE`"
    compiled = compile_file(path, _shown(path), _options())
    found = sorted((d.span.line, d.severity.value, d.code) for d in compiled.diagnostics
                   if d.span is not None and d.span.path == _shown(path) and d.severity.value != "note")
    assert found == expected
