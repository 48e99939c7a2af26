"""Measure `rasim check` end to end (parse, resolve, check, schedule, plan) on synthetic scenarios.

Run: .venv/bin/python bench/check_speed.py [--steps 100,1000,10000,100000]
Each size runs in a fresh process so that peak memory is that size's own.
Results are recorded by hand in docs/performance.md.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS_PER_CEREMONY = 10
CALLS_PER_DAY = 40


KINDS = 10


def synthetic(steps: int) -> str:
    """Return a scenario whose program schedules `steps` ceremony steps, chained day by day.

    Like a real scenario, it calls a few ceremonies many times: ten ceremonies
    of ten steps each, called steps/10 times in all.
    """
    ceremonies = max(1, steps // STEPS_PER_CEREMONY)
    out = []
    for c in range(KINDS):
        body = [f'ceremony c{c} "Ceremony {c}" kk "Рәсім {c}" {{', "  duration 10..60 min"]
        names = []
        for s in range(STEPS_PER_CEREMONY):
            names.append(f"s{s}")
            body.append(f'  step s{s} "Step {s}" {{ lead president; actors president, guest; duration 1..3 min }}')
        body.append("  sequence " + ", ".join(names))
        body.append("}")
        out.append("\n".join(body))
    days = []
    for d in range(0, ceremonies, CALLS_PER_DAY):
        calls = " then ".join(f"c{c % KINDS}" for c in range(d, min(d + CALLS_PER_DAY, ceremonies)))
        days.append(f"    day {d // CALLS_PER_DAY + 1} {{ 06:00 {calls} }}")
    out.append('scenario bench "Benchmark" {\n  edition state_protocol@2013\n  occasion c0 {\n'
               '    arrive 2023-01-02 06:00 Asia/Almaty\n  }\n  program {\n' + "\n".join(days) + "\n  }\n}")
    return "\n".join(out) + "\n"


def run_one(steps: int) -> None:
    from rasim.driver import Options, compile_file, has_errors
    from rasim.resources import data_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.rasim"
        path.write_text(synthetic(steps), encoding="utf-8")
        options = Options(stdlib=data_path("stdlib"), project_root=Path(folder), editions={})
        warm = Path(folder) / "warm.rasim"
        warm.write_text(synthetic(10), encoding="utf-8")
        compile_file(warm, "warm.rasim", options)  # imports, the parser and the library load once, untimed
        start = time.perf_counter()
        compiled = compile_file(path, "bench.rasim", options)
        seconds = time.perf_counter() - start
        errors = has_errors(compiled.diagnostics)
        rows = len(compiled.plan.rows) if compiled.plan else 0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = path.stat().st_size / 1e6
        print(f"{steps:>8} {size:7.2f} {seconds:8.2f} {peak:9.0f} {rows:>8} {'errors' if errors else 'clean'}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--steps", default="100,1000,10000,100000")
    options.add_argument("--one", type=int, help=argparse.SUPPRESS)
    arguments = options.parse_args()
    if arguments.one:
        run_one(arguments.one)
        return
    print(f"{'steps':>8} {'MB':>7} {'seconds':>8} {'peak MB':>9} {'rows':>8} verdict")
    for steps in (int(x) for x in arguments.steps.split(",")):
        subprocess.run([sys.executable, __file__, "--one", str(steps)], check=False)


if __name__ == "__main__":
    main()
