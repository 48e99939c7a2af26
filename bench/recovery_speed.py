"""Measure how long broken files take to diagnose, as a ratio to parsing a valid file of the same size.

Run: .venv/bin/python bench/recovery_speed.py [--megabytes 1]
The floor is the Lark parse of a valid file of the same size, measured in the
same run. Results are recorded by hand in docs/performance.md.
"""

from __future__ import annotations

import argparse
import random
import time


def _fill(megabytes: float, piece) -> str:
    out, size = [], 0
    while size < megabytes * 1_000_000:
        text = piece(len(out))
        out.append(text)
        size += len(text.encode())
    return "".join(out)


def cases(megabytes: float) -> dict[str, str]:
    """Return the broken inputs, each of about `megabytes` MB."""
    from rasim.syntax.keywords import KEYWORDS

    rng = random.Random(1)
    keywords = sorted(KEYWORDS)
    return {
        "valid (floor)": _fill(megabytes, lambda n: f'role r{n} "Role {n}"\n'),
        "one bad line in 150": _fill(megabytes, lambda n: "= = =\n" if n % 150 == 0 else f'role r{n} "Role {n}"\n'),
        "every line bad": _fill(megabytes, lambda n: f"role r{n} x y z\n"),
        "misplaced keywords": _fill(megabytes, lambda n: rng.choice(keywords) + rng.choice(" \n")),
        "unterminated texts": _fill(megabytes, lambda n: f'role r{n} "Role\n'),
        "unknown characters": _fill(megabytes, lambda n: "$ "),
    }


def main() -> None:
    from rasim.syntax.parse import parse
    from rasim.syntax.parser_loader import load_parser

    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--megabytes", type=float, default=1.0)
    megabytes = options.parse_args().megabytes
    load_parser()
    floor = None
    print(f"{'input':<22} {'MB':>5} {'errors':>7} {'seconds':>8} {'ratio':>6}")
    for name, text in cases(megabytes).items():
        start = time.perf_counter()
        parsed = parse(text, "bench.rasim")
        elapsed = time.perf_counter() - start
        floor = floor or elapsed
        print(f"{name:<22} {len(text.encode()) / 1e6:>5.2f} {len(parsed.diagnostics):>7} {elapsed:>8.2f} "
              f"{elapsed / floor:>6.1f}")


if __name__ == "__main__":
    main()
