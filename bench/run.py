"""Measure every speed target of the project in one run and print them in one table.

Run: .venv/bin/python bench/run.py [--repeat 5] [--no-pdf] [--steps 100000]

Each command-line figure is the median of `--repeat` paired runs: the floor
(`python -c "import lark"` in the same environment) and the command, one after
the other, each in a fresh process, so that a busy machine slows both alike.
Ratios are of the medians, wall clock (CPU time in its own column). Every run
uses one user cache folder, filled by an untimed first run, as a user's is
after their first check ("first run" rows show the cost of an empty cache).
Record the output in docs/performance.md with the machine and the date.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LARGEST = REPO / "scenarios" / "2027-05-state-visit-testland.rasim"
FLOOR = [sys.executable, "-c", "import lark"]


def rasim() -> list[str]:
    """Return the command that runs the installed `rasim` of this environment."""
    script = Path(sys.executable).parent / "rasim"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rasim"]


def timed(command: list[str], env: dict, cwd: Path = REPO) -> tuple[float, float]:
    """Run `command`; return its wall and CPU seconds. Its output is discarded; a failure stops the bench."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class Table:
    """The rows of the result table, printed as Markdown."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def ratio(self, what: str, command: list[str], env: dict, repeat: int, target: float) -> None:
        """Add the median ratio of `command` to the floor over `repeat` paired runs."""
        floors, runs = [], []
        for _ in range(repeat):
            floors.append(timed(FLOOR, env))
            runs.append(timed(command, env))
        floor = statistics.median(w for w, _ in floors)
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs) / statistics.median(c for _, c in floors)
        self.rows.append((what, f"{wall:.3f} s", f"{floor:.3f} s", f"{wall / floor:.2f}×", f"{cpu:.2f}×",
                          f"≤ {target:g}×", "yes" if wall / floor <= target else "no"))

    def seconds(self, what: str, seconds: float, target: str, met: bool | None, note: str = "") -> None:
        """Add a figure measured in seconds (or another unit, given in `note`)."""
        shown = note or f"{seconds:.2f} s"
        self.rows.append((what, shown, "", "", "", target, "" if met is None else ("yes" if met else "no")))

    def print(self) -> None:
        head = ("what", "measured", "floor", "ratio", "CPU ratio", "target", "met")
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def command_line_rows(table: Table, env: dict, repeat: int) -> None:
    """The cold-start targets: check of the largest example, scenarios and stdlib, --help, --version."""
    command = rasim()
    table.ratio("cold `rasim check` of the largest example", [*command, "check", str(LARGEST)], env, repeat, 3)
    table.ratio("`rasim check scenarios stdlib`", [*command, "check", "scenarios", "stdlib"], env, repeat, 6)
    table.ratio("`rasim --help`", [*command, "--help"], env, repeat, 1)
    table.ratio("`rasim --version`", [*command, "--version"], env, repeat, 1)
    with tempfile.TemporaryDirectory() as empty:
        first = {**env, "XDG_CACHE_HOME": empty}
        wall, _ = timed([*command, "check", str(LARGEST)], first)
        table.seconds("first run, empty cache (compiles parser and library)", wall, "", None)


def build_rows(table: Table, env: dict, repeat: int, with_pdf: bool) -> None:
    """The build targets: full build with and without PDFs, and a rebuild after a one-line edit."""
    command = rasim()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(REPO / "scenarios", work / "scenarios")
        scenario = work / "scenarios" / LARGEST.name
        no_pdf = "timeline,json,calendar,swimlane,diagram,runsheet"
        walls = [timed([*command, "build", str(scenario), "-o", str(work / f"out{i}"), "--only", no_pdf, "--quiet"],
                       env, work)[0] for i in range(repeat)]
        without = statistics.median(walls)
        table.seconds("full `rasim build` of the 2027 example without PDFs", without, "", None)
        if not with_pdf:
            table.seconds("full `rasim build` with every PDF", 0, "≤ 5 s and ≤ 3× without PDFs", None,
                          "not run (--no-pdf)")
            table.seconds("rebuild after a one-line edit", 0, "≤ 1.5 s", None, "not run (--no-pdf)")
            return
        every = [*command, "build", str(scenario), "-o", str(work / "full"), "--pdf", "all", "--quiet"]
        full, _ = timed(every, env, work)
        table.seconds("full `rasim build` with every PDF (`--pdf all`)", full, "≤ 5 s and ≤ 3× without PDFs",
                      full <= 5 and full <= 3 * without, f"{full:.2f} s ({full / without:.1f}× without PDFs)")
        done = subprocess.run([sys.executable, "-c", WATCH_SCRIPT, str(scenario), str(work / "full")], cwd=work,
                              env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True)
        again = float(done.stdout.split()[-1])
        table.seconds("rebuild after a one-line edit (`rasim watch`, same outputs)", again, "≤ 1.5 s", again <= 1.5)
        text = scenario.read_text(encoding="utf-8")
        scenario.write_text(text.replace("\n", "\n# edited again\n", 1), encoding="utf-8")
        fresh, _ = timed(every, env, work)
        table.seconds("the same rebuild as a new `rasim build` process", fresh, "", None)


# `rasim watch` itself, its change events replaced by one edit of the scenario: the
# time from the edit to the end of the rebuild, in the process that built first.
WATCH_SCRIPT = r"""
import gc, os, sys, time
from pathlib import Path
import rasim.cli.watch as watching
from rasim.cli.commands import GC_THRESHOLDS, main
gc.set_threshold(*GC_THRESHOLDS)
scenario, output = Path(sys.argv[1]), sys.argv[2]
took = []
def one_edit(files):
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("\n", "\n# edited\n", 1), encoding="utf-8")
    start = time.perf_counter()
    yield {Path(os.path.abspath(scenario))}
    took.append(time.perf_counter() - start)
    raise KeyboardInterrupt
watching.file_events = one_edit
main(["watch", str(scenario), "-o", output, "--pdf", "all", "--quiet"])
print(took[0])
"""


PASS_SCRIPT = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from check_speed import synthetic
from rasim.driver import Options, compile_file, has_errors
from rasim.resources import data_path
steps = int(sys.argv[2])
folder = Path(tempfile.mkdtemp())
path = folder / "bench.rasim"
path.write_text(synthetic(steps), encoding="utf-8")
options = Options(stdlib=data_path("stdlib"), project_root=folder, editions={})
warm = folder / "warm.rasim"
warm.write_text(synthetic(10), encoding="utf-8")
compile_file(warm, "warm.rasim", options)
times = {}
passes = ("parse", "resolve", "check", "schedule", "plan") if sys.argv[3:] == ["passes"] else ("plan",)
for until in passes:
    start = time.perf_counter()
    done = compile_file(path, "bench.rasim", options, until=until)
    times[until] = time.perf_counter() - start
assert not has_errors(done.diagnostics), done.diagnostics[:3]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"times": times, "peak": peak}))
"""


def synthetic_rows(table: Table, env: dict, steps: int) -> None:
    """The 100,000-step scenario: check+plan time and peak memory, then the share of each pass."""
    import json

    def run(*extra: str) -> dict:
        done = subprocess.run([sys.executable, "-c", PASS_SCRIPT, str(REPO / "bench"), str(steps), *extra],
                              env=env, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    whole = run()
    seconds, peak = whole["times"]["plan"], whole["peak"]
    table.seconds(f"{steps:,}-step synthetic scenario, check+plan", seconds, "≤ 6 s", seconds <= 6)
    table.seconds(f"{steps:,}-step synthetic scenario, peak memory", 0, "linear", None, f"{peak:.0f} MB")
    passes = run("passes")["times"]
    earlier, shares = 0.0, []
    for name in ("parse", "resolve", "check", "schedule", "plan"):
        shares.append(f"{name} {max(0.0, passes[name] - earlier) / passes['plan']:.0%}")
        earlier = passes[name]
    table.seconds("share of each pass (cumulative runs)", 0, "", None, ", ".join(shares))


def parse_row(table: Table, repeat: int) -> None:
    """Parse and tree of 1 MB against Lark's own LALR parse of the same text, in this process."""
    sys.path.insert(0, str(REPO / "bench"))
    from lark import Lark
    from parse_speed import synthetic

    from rasim.resources import data_path
    from rasim.syntax.parse import parse
    from rasim.syntax.parser_loader import WholeWords, load_parser

    text = synthetic(1)
    grammar = (data_path("grammar") / "rasim.lark").read_text(encoding="utf-8")
    plain = Lark(grammar, parser="lalr", lexer="contextual", keep_all_tokens=True, maybe_placeholders=False,
                 postlex=WholeWords())
    load_parser()
    ours, theirs = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        plain.parse(text)
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert parse(text, "bench.rasim").ok
        ours.append(time.perf_counter() - start)
    mine, floor = statistics.median(ours), statistics.median(theirs)
    table.rows.append(("parse + tree of 1 MB / Lark's own LALR parse of it", f"{mine:.3f} s", f"{floor:.3f} s",
                       f"{mine / floor:.2f}×", "", "≤ 1.1×", "yes" if mine / floor <= 1.1 else "no"))


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--repeat", type=int, default=5, help="paired runs per figure (default 5)")
    options.add_argument("--no-pdf", action="store_true", help="skip the builds with PDFs")
    options.add_argument("--steps", type=int, default=100_000, help="steps of the synthetic scenario")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        timed([*rasim(), "check", str(LARGEST)], env)  # fills the cache: parser tables, compiled library
        table = Table()
        command_line_rows(table, env, arguments.repeat)
        parse_row(table, arguments.repeat)
        build_rows(table, env, max(1, arguments.repeat // 2), not arguments.no_pdf)
        synthetic_rows(table, env, arguments.steps)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    table.print()


if __name__ == "__main__":
    main()
