"""Plans of the example scenarios for the emitter tests, compiled once per test session."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from rasim.driver import Options, compile_file
from rasim.plan.types import Plan
from rasim.resources import data_path

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = sorted(p for p in (REPO / "scenarios").glob("*.rasim"))
STATE_VISIT = REPO / "scenarios" / "2027-05-state-visit-testland.rasim"


@functools.cache
def _plan(path: Path) -> Plan:
    compiled = compile_file(path, path.relative_to(REPO).as_posix(),
                            Options(stdlib=data_path("stdlib"), project_root=REPO / "scenarios", editions={}))
    assert compiled.plan is not None, [d.message for d in compiled.diagnostics]
    return compiled.plan


def plan_of(path: Path) -> dict:
    """Return the JSON form of the plan of the scenario at `path`, a fresh copy (tests may change it)."""
    return _plan(path).to_json()


def typed(plan: dict) -> Plan:
    """Return the Plan of a plan's JSON form (as plan_of gives it, perhaps changed by the test)."""
    return Plan.from_json(plan)


def plan_of_edited(path: Path, folder: Path, old: str, new: str) -> dict:
    """Return the plan of the scenario at `path` with the text `old` replaced by `new`, compiled from `folder`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}: the test's edit no longer applies"
    edited = folder / path.name
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    compiled = compile_file(edited, edited.name,
                            Options(stdlib=data_path("stdlib"), project_root=folder, editions={}))
    assert compiled.plan is not None, [d.message for d in compiled.diagnostics]
    return compiled.plan.to_json()


def visible(fragment: str) -> str:
    """Return the text of an HTML fragment as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def sheet_row(page: str, cue: str) -> str:
    """Return the text of the run-sheet row `cue` on `page`."""
    found = re.search(rf'<tr id="cue-{re.escape(cue)}".*?</tr>', page, re.S)
    assert found, f"no row {cue} on the sheet"
    return visible(found.group(0))


def sheet_section(page: str, name: str) -> str:
    """Return the HTML of the part of a run-sheet with class `name` (checklist, arrangements, deviations,
    articles)."""
    found = re.search(rf'<section class="(?:page )?{re.escape(name)}"[^>]*>.*?</section>', page, re.S)
    assert found, f"no {name} on the sheet"
    return found.group(0)
