"""Fuzz the compiler for a long time: mutate valid files and run the whole pipeline on each.

Run: nice -n 19 .venv/bin/python tests/fuzz/run.py --count 1000000 [--seed 1] [--seconds S]
Not part of the test suite (tests/hostile/test_fuzz.py runs a short,
deterministic sample). Each finding (an exception) is written to
fuzz-findings/NNN.rasim with its traceback beside it; the last line printed
gives the count, the time and the findings, for docs/robustness.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.mutate import Pipeline, mutate, seed_texts  # noqa: E402


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--count", type=int, default=1_000_000, help="how many inputs to try")
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--seconds", type=float, default=None, help="stop after this long")
    options.add_argument("--findings", default="fuzz-findings", help="where to write failing inputs")
    arguments = options.parse_args()

    rng = random.Random(arguments.seed)
    seeds = seed_texts()
    pipeline = Pipeline()
    findings = Path(arguments.findings)
    started, found, signatures = time.monotonic(), 0, set()
    done = 0
    for done in range(1, arguments.count + 1):
        text = mutate(rng.choice(seeds), rng, rng.choice(seeds))
        failure = pipeline.run(text)
        if failure is not None:
            # One finding per kind of exception and message, whatever numbers it quotes.
            signature = re.sub(r"-?\d+", "N", failure.strip().splitlines()[-1])[:200]
            if signature not in signatures:
                signatures.add(signature)
                found += 1
                findings.mkdir(exist_ok=True)
                (findings / f"{found:03d}.rasim").write_text(text, encoding="utf-8", errors="surrogatepass")
                (findings / f"{found:03d}.txt").write_text(failure, encoding="utf-8")
                print(f"finding {found}: {signature}", flush=True)
        elapsed = time.monotonic() - started
        if done % 1000 == 0:
            print(f"{done} inputs, {elapsed:.0f} s, {found} distinct findings", flush=True)
        if arguments.seconds is not None and elapsed > arguments.seconds:
            break
    print(f"done: {done} inputs in {time.monotonic() - started:.0f} s, {found} distinct findings", flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
