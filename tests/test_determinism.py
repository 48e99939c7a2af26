"""Same input, same bytes: across runs, across PYTHONHASHSEED values, and whatever order the files come in.

Each build runs in its own process with its own hash seed, so a set or a
dict whose order follows string hashes would show here as different bytes.
The standard library's files are also read in the reverse of the order the
file system gives, which must change nothing either.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from emit_helpers import REPO, STATE_VISIT
from rasim.driver import Options, compile_file
from rasim.emit.build import BuildOptions, render_outputs
from rasim.resources import data_path

FAST_KINDS = "timeline,json,calendar,runsheet,diagram"
SMALL = REPO / "scenarios" / "2021-01-inauguration-elected-president.rasim"


def build_in_process(scenario: Path, out: Path, seed: str, *extra: str) -> dict[str, bytes]:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    environment.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run([sys.executable, "-m", "rasim", "build", str(scenario), "--project", str(scenario.parent),
                           "-o", str(out), "--quiet", *extra], env=environment, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    assert sorted(first) == sorted(second), "the same files"
    return [name for name in first if first[name] != second[name]]


@pytest.mark.timeout(900)
def test_builds_are_byte_identical_across_hash_seeds(tmp_path):
    runs = [build_in_process(STATE_VISIT, tmp_path / f"out{seed}", seed, "--only", FAST_KINDS)
            for seed in ("0", "1", "4294967295")]
    assert len(runs[0]) > 100
    assert differing(runs[0], runs[1]) == [] and differing(runs[0], runs[2]) == []


@pytest.mark.timeout(900)
def test_pdfs_are_byte_identical_across_runs_and_seeds(tmp_path):
    runs = [build_in_process(SMALL, tmp_path / f"out{seed}", seed, "--only", "runsheet,pdf", "--lang", "kk")
            for seed in ("0", "77")]
    assert any(name.endswith(".pdf") for name in runs[0])
    assert differing(*runs) == []


def test_the_order_the_library_files_come_in_changes_nothing(monkeypatch):
    def plan_of(path: Path):
        compiled = compile_file(path, path.name, Options(stdlib=data_path("stdlib"),
                                                         project_root=path.parent, editions={}))
        assert compiled.plan is not None
        return compiled.plan

    options = BuildOptions(kinds=frozenset({"timeline", "json", "calendar", "runsheet"}))
    ordered = render_outputs(plan_of(STATE_VISIT), options)
    real_rglob = Path.rglob
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: iter(sorted(real_rglob(self, pattern), reverse=True)))
    monkeypatch.setattr(Path, "iterdir", lambda self, real=Path.iterdir: iter(sorted(real(self), reverse=True)))
    reversed_order = render_outputs(plan_of(STATE_VISIT), options)
    assert differing(ordered, reversed_order) == []


def test_check_reports_the_same_whatever_order_the_files_are_given(capsys):
    from rasim.cli.commands import main

    names = [str(p) for p in sorted((REPO / "scenarios" / "invalid").glob("*.rasim"))[:6]]
    assert len(names) >= 3
    main(["check", "--format", "json", *names])
    forward = capsys.readouterr().out
    main(["check", "--format", "json", *reversed(names)])
    backward = capsys.readouterr().out
    import json

    def reported(report: str) -> list[str]:
        return sorted(json.dumps(item, sort_keys=True) for item in json.loads(report))

    assert reported(forward) == reported(backward) and reported(forward)
