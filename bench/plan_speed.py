"""Measure building the Plan alone (compiler/plan/build.py) on a synthetic scenario of bench/check_speed.py.

Run: .venv/bin/python bench/plan_speed.py [--steps 10000] [--repeat 7]
The scenario is checked and scheduled once, untimed; then `build_plan` runs
`--repeat` times and the best CPU time is printed, with the floor measured in
the same run (writing the same Plan's plan.json: `json.dumps(plan.to_json())`)
and the ratio of the two, which a busy machine changes less than the times.
Results are recorded by hand in docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import synthetic  # noqa: E402


def best_cpu_seconds(run, repeat: int) -> float:
    """Return the least CPU time of `repeat` calls of `run`, each after a collection."""
    best = None
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def main() -> None:
    from rasim.driver import Options, compile_file
    from rasim.plan.build import build_plan
    from rasim.resources import data_path

    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--steps", type=int, default=10000)
    options.add_argument("--repeat", type=int, default=7)
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.rasim"
        path.write_text(synthetic(arguments.steps), encoding="utf-8")
        compiled = compile_file(path, "bench.rasim", Options(stdlib=data_path("stdlib"), project_root=Path(folder),
                                                              editions={}))
    checked, timed = compiled.results["check"], compiled.results["schedule"]
    plan = compiled.plan
    building = best_cpu_seconds(lambda: build_plan(checked, timed), arguments.repeat)
    floor = best_cpu_seconds(lambda: json.dumps(plan.to_json(), ensure_ascii=False, indent=2), arguments.repeat)
    print(f"{arguments.steps} steps, {len(plan.rows)} rows: build_plan {building:.3f} s CPU; "
          f"floor (writing plan.json) {floor:.3f} s; ratio {building / floor:.2f}")


if __name__ == "__main__":
    main()
