"""Measure parsing and formatting speed on synthetic Rasim files; print the figures.

Run: .venv/bin/python bench/parse_speed.py [--sizes 0.1,1,5]
Sizes are in megabytes. Results are recorded by hand in docs/performance.md.
"""

from __future__ import annotations

import argparse
import resource
import time

UNIT = '''
format visit_{n} "Visit {n}" kk "Сапар {n}" § 8 {{
  for head_of_state § 8
  limit stay <= 3 days § 9
  shall airport_welcome_{n}, akorda_welcome_{n} § 10
  shall negotiations_narrow then negotiations_expanded § 10, 34
  may country_trip when guest_requests and not early_morning § 49
}}
ceremony welcome_{n} "Welcome {n}" {{
  at akorda.hall_of_ceremonies
  step greeting "Greeting" § 30 {{
    lead president
    actors president, guest, guest_spouse when spouse_present
    duration 2..3 min
  }}
  sequence greeting
}}
'''


def synthetic(megabytes: float) -> str:
    """Return a valid Rasim module of about `megabytes` MB."""
    parts, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        block = UNIT.format(n=n)
        parts.append(block)
        size += len(block.encode())
        n += 1
    return "".join(parts)


def main() -> None:
    from rasim.tools.fmt import format_module
    from rasim.syntax.parse import parse
    from rasim.syntax.parser_loader import load_parser

    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--sizes", default="0.1,1,5")
    sizes = [float(x) for x in options.parse_args().sizes.split(",")]

    start = time.perf_counter()
    load_parser()
    print(f"parser load (from cache if present): {time.perf_counter() - start:.3f} s")
    print(f"{'MB':>6} {'parse s':>8} {'MB/s':>6} {'format s':>9} {'peak RSS MB':>12}")
    for megabytes in sizes:
        text = synthetic(megabytes)
        start = time.perf_counter()
        parsed = parse(text, "bench.rasim")
        parse_seconds = time.perf_counter() - start
        assert parsed.ok, parsed.diagnostics[:3]
        start = time.perf_counter()
        format_module(parsed, text)
        format_seconds = time.perf_counter() - start
        real = len(text.encode()) / 1e6
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{real:6.2f} {parse_seconds:8.2f} {real / parse_seconds:6.2f} {format_seconds:9.2f} {peak:12.0f}")


if __name__ == "__main__":
    main()
