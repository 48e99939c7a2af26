"""Measure the language server's work per keystroke on a 20 KB scenario: diagnostics after an edit, completion.

Run: .venv/bin/python bench/lsp_speed.py [--repeat 20]
Each figure is the median of `--repeat` runs, given in milliseconds and as a
ratio to a floor measured in the same run: parsing the same 20 KB text (what
any re-check must do at least). Results are recorded by hand in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "scenarios" / "2025-06-state-visit-testland-2024ed.rasim"
TARGET_BYTES = 20_000


def scenario_of_size(size: int) -> str:
    """Return the 2025 state visit with enough ceremonies of the guest's own program added to reach `size` bytes.

    Each added ceremony has steps with actors and is called on the spouse's
    track, so the checker and the scheduler see a longer program, not only a
    longer file.
    """
    text = BASE.read_text(encoding="utf-8")
    header, rest = text.split("scenario ", 1)
    ceremonies, calls, number = [], [], 0
    while len(header) + len(rest) + sum(map(len, ceremonies)) + sum(map(len, calls)) < size:
        number += 1
        ceremonies.append(
            f'ceremony visit_{number} "Visit {number} of the spouse\'s program" kk "Бағдарлама {number}" {{\n'
            f'  step arrival "Arrival" kk "Келу" {{ actors president_spouse; duration 5 min }}\n'
            f'  step tour "Tour" kk "Аралау" {{ actors president_spouse; duration 10 min }}\n'
            f'  step farewell "Farewell" kk "Шығарып салу" {{ actors president_spouse; duration 5 min }}\n'
            f'  sequence arrival, tour, farewell\n}}\n')
        calls.append(f" then visit_{number} 20 min")
    track = "        10:40 spouse_program 150 min\n"
    chained = track.rstrip("\n") + "".join(calls[:6]) + "\n"
    rest = rest.replace(track, chained, 1)
    return header + "".join(ceremonies) + "\nscenario " + rest


def median_ms(action, repeat: int) -> float:
    """Return the median wall time of `action()` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the figures for docs/performance.md."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat

    from rasim.driver import Options, compile_text
    from rasim.lsp.actions import editor_diagnostics
    from rasim.lsp.analysis import analyse
    from rasim.lsp.complete import completions
    from rasim.resources import data_path
    from rasim.syntax.incremental import IncrementalParser
    from rasim.syntax.parse import parse

    text = scenario_of_size(TARGET_BYTES)
    options = Options(stdlib=data_path("stdlib"), project_root=REPO, editions={})
    uri = (REPO / "bench" / "lsp_bench.rasim").as_uri()
    parser = IncrementalParser()  # the server keeps one per open document
    first = analyse(uri, text, options, parser=parser)
    assert not [d for d in first.compiled.diagnostics if d.severity.value == "error"], "the scenario must check"
    # An edit in the program (the last item) and one in the first ceremony, which moves every item after it.
    edits = [text.replace("40 min at airport", f"{40 + k % 2} min at airport", 1) for k in range(2)]
    early = [text.replace("duration 5 min", "duration " + "5" * (k % 2 + 1) + " min", 1) for k in range(2)]
    counter = iter(range(10**9))

    def edit_and_diagnose(texts=edits):
        analysis = analyse(uri, texts[next(counter) % 2], options, parser=parser)
        editor_diagnostics(analysis)

    def every_pass_whole_parse():
        # What the server did before: every pass, the plan too, and a parse of the whole text.
        compile_text(edits[next(counter) % 2], uri, options)

    floor = median_ms(lambda: parse(text, "bench.rasim"), repeat)
    diagnose = median_ms(edit_and_diagnose, repeat)
    diagnose_early = median_ms(lambda: edit_and_diagnose(early), repeat)
    before = median_ms(every_pass_whole_parse, repeat)
    probes = {"after `at`": "10:30 airport_welcome 40 min at ", "start of an entry": "      15:00 ",
              "after `when`": "tree_planting 15 min when "}
    print(f"scenario: {len(text.encode('utf-8'))} bytes, {text.count(chr(10))} lines; median of {repeat}")
    print(f"{'measure':<34} {'ms':>8} {'x floor':>8}")
    print(f"{'floor: parse the file':<34} {floor:>8.1f} {1:>8.2f}")
    print(f"{'diagnostics after an edit':<34} {diagnose:>8.1f} {diagnose / floor:>8.2f}")
    print(f"{'  the same, edit in the first item':<34} {diagnose_early:>8.1f} {diagnose_early / floor:>8.2f}")
    print(f"{'  every pass, whole parse (before)':<34} {before:>8.1f} {before / floor:>8.2f}")
    for name, probe in probes.items():
        offset = text.index(probe) + len(probe)
        took = median_ms(lambda: completions(first, offset), repeat)
        print(f"{'completion, ' + name:<34} {took:>8.1f} {took / floor:>8.2f}")


if __name__ == "__main__":
    main()
