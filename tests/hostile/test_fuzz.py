"""Attack: any broken variant of a valid file (tokens deleted, swapped, spliced, extreme numbers, Unicode).

Expected: diagnostics, or a plan and its outputs. Must not happen: any
exception out of the pipeline (parse, resolve, check, schedule, plan,
rendering the timeline, JSON, calendars and run-sheets). A short,
derandomised run; tests/fuzz/run.py is the long one.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.mutate import MUTATIONS, Pipeline, mutate, seed_texts
from tests.strategies import programs

SEEDS = seed_texts()


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


# Crashes the long run found (see docs/robustness.md), each fixed since: they stay as regression inputs.
CRASHES = Path(__file__).resolve().parent / "crashes"
KNOWN_CRASHES = {path.stem: path.read_text(encoding="utf-8") for path in sorted(CRASHES.glob("*.rasim"))}


def test_every_mutation_changes_something():
    rng = random.Random(0)
    text = SEEDS[0]
    assert all(mutation(text, rng, SEEDS[1]) != text for mutation in MUTATIONS)


@settings(derandomize=True, max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.sampled_from(range(len(SEEDS))), other=st.sampled_from(range(len(SEEDS))),
       state=st.integers(0, 2**32))
def test_mutated_scenarios_never_crash(pipeline, seed, other, state):
    text = mutate(SEEDS[seed], random.Random(state), SEEDS[other])
    failure = pipeline.run(text)
    assert failure is None, f"{failure}\n--- input ---\n{text}"


@settings(derandomize=True, max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=programs(), state=st.integers(0, 2**32))
def test_mutated_generated_programs_never_crash(pipeline, text, state):
    mutated = mutate(text, random.Random(state))
    failure = pipeline.run(mutated)
    assert failure is None, f"{failure}\n--- input ---\n{mutated}"


@pytest.mark.parametrize("name", sorted(KNOWN_CRASHES))
def test_crashes_found_by_the_fuzzer_stay_fixed(pipeline, name):
    """Calls of 2147483648 or 10^20 minutes are `wrong-duration`; a program on 31 December 9999 builds."""
    text = KNOWN_CRASHES[name]
    failure = pipeline.run(text)
    assert failure is None, failure
