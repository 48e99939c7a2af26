"""The outputs of every example scenario, compared byte for byte with tests/cases/build/<scenario>/.

`pytest --update-expected` rewrites the expected folders. The main example
(MAIN) keeps every output in English and the main ones in Kazakh; the other
scenarios keep a sample (SAMPLED), which is enough to see a change in what
they exercise without a copy of every role's sheet. Every expected folder
also lists the names of all the files a build writes (files.txt).

SVG and PDF files are not compared: their bytes depend on the Graphviz and the
fonts of the machine; test_build_formats.py checks them by their structure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from emit_helpers import SCENARIOS, plan_of, typed
from rasim.emit.build import KINDS, BuildOptions, render_outputs

CASES = Path(__file__).resolve().parent / "cases" / "build"
NOT_COMPARED = (".svg", ".pdf")
WITHOUT_PDF = BuildOptions(kinds=frozenset(KINDS) - {"pdf"})
MAIN = "2027-05-state-visit-testland"
MAIN_KAZAKH = ("kk/timeline.txt", "kk/timeline.html", "kk/flow.dot", "kk/meetings.dot", "kk/calendar/all.ics",
               "kk/runsheet/master.html", "kk/runsheet/pocket.html")
SAMPLED = ("en/timeline.txt", "kk/timeline.txt", "en/flow.dot", "en/calendar/all.ics", "en/runsheet/master.html",
           "kk/runsheet/master.html")


def _compared(stem: str, files: dict[str, bytes]) -> dict[str, bytes]:
    if stem == MAIN:
        kept = {name: data for name, data in files.items()
                if not name.endswith(NOT_COMPARED) and (not name.startswith("kk/") or name in MAIN_KAZAKH)}
    else:
        kept = {name: data for name, data in files.items() if name in SAMPLED}
    kept["files.txt"] = "".join(f"{name}\n" for name in sorted(files)).encode()
    return kept


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_outputs_match_expected(scenario: Path, update_expected: bool):
    files = _compared(scenario.stem, render_outputs(typed(plan_of(scenario)), WITHOUT_PDF))
    expected_dir = CASES / scenario.stem
    if update_expected:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for name, data in files.items():
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_bytes(data)
        return
    assert expected_dir.is_dir(), f"no expected outputs: run pytest --update-expected to write {expected_dir}"
    expected = {p.relative_to(expected_dir).as_posix(): p.read_bytes()
                for p in expected_dir.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(expected), "the set of output files changed (pytest --update-expected)"
    different = [name for name in sorted(files) if files[name] != expected[name]]
    assert not different, f"outputs differ from tests/cases/build/{scenario.stem}/ (pytest --update-expected): " \
                          f"{different[:10]}"


def test_outputs_are_deterministic():
    plan = plan_of(SCENARIOS[0].parent / f"{MAIN}.rasim")
    first = render_outputs(typed(plan), WITHOUT_PDF)
    second = render_outputs(typed(plan_of(SCENARIOS[0].parent / f"{MAIN}.rasim")), WITHOUT_PDF)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_no_stale_expected_folders():
    stems = {p.stem for p in SCENARIOS}
    stale = sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name not in stems)
    assert not stale, f"expected outputs for scenarios that are gone: {stale}"
