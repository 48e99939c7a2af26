"""The case files of the stages after parsing: resolve, model, schedule and fmt (tests/cases/<stage>/).

One harness (tests/harness.py) for all of them:
- resolve/bad/NAME.rasim: the diagnostics of name binding, written inline as markers;
- model/NAME.rasim: the event as the model holds it (deviations applied), in NAME.model;
- schedule/NAME.rasim: each call and step with its start and end, local time, in NAME.schedule;
- fmt/NAME.rasim: the input, a line `# output`, and what the formatter must make of it (no `# output`:
  the input is already formatted); the output is stable and parses to the same tree.
`pytest --update-expected` rewrites the .model and .schedule files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import CASES, compare_expected, compile_case, describe, markers, read, split_output, unmatched
from rasim.clock import from_utc_minutes
from rasim.syntax.parse import parse
from rasim.tools.fmt import format_module
from rasim.tree.dump import dump_tree, dump_value


def _cases(stage: str, pattern: str = "*.rasim") -> list[Path]:
    return sorted((CASES / stage).glob(pattern))


def test_every_stage_has_cases():
    for stage, pattern in (("resolve", "bad/*.rasim"), ("model", "*.rasim"), ("schedule", "*.rasim"),
                           ("fmt", "*.rasim")):
        assert _cases(stage, pattern), f"tests/cases/{stage} holds no case"


@pytest.mark.parametrize("path", _cases("resolve", "bad/*.rasim"), ids=lambda p: p.name)
def test_resolve_case(path: Path):
    expected = markers(read(path))
    assert expected, f"{path.name}: a bad case needs at least one marker"
    compiled = compile_case(path, until="resolve")
    missing, extra = unmatched(expected, compiled.diagnostics)
    assert not missing and not extra, (f"{path.name}: markers not met: {missing}\n"
                                       f"diagnostics no marker expects:\n{describe(extra)}")


@pytest.mark.parametrize("path", _cases("model"), ids=lambda p: p.name)
def test_model_case(path: Path, update_expected: bool):
    compiled = compile_case(path, until="lower")
    assert compiled.model is not None, describe(compiled.diagnostics)
    failure = compare_expected(_model_text(compiled.model), path.with_suffix(".model"), update_expected)
    assert failure is None, failure


def _model_text(model) -> str:
    """Return the event as it will happen: each call with its steps, who leads and takes part, and the
    deviations that changed them; then the deviations and the facts."""
    lines = []
    for call in model.event.calls:
        lines.append(f"{call.key} day {call.day} {call.time or '--:--'} {call.name}"
                     + (" (dropped)" if call.dropped else "") + (f" {list(call.deviations)}" if call.deviations else ""))
        for step in call.steps:
            actors = ", ".join(a.role + (f" [{a.deviation}]" if a.deviation else "") +
                               (f" {a.condition.words}" if a.condition else "") for a in step.actors)
            lines.append(f"  {step.name}: lead {step.lead or '-'}"
                         + (f" (instead of {step.replaced_lead})" if step.replaced_lead else "")
                         + f"; actors {actors or '-'}" + (f" {list(step.deviations)}" if step.deviations else ""))
    for deviation in model.event.deviations:
        lines.append(f"{deviation.id} {deviation.target} ({deviation.target_kind}) "
                     f"{'accepted' if deviation.accepted else 'refused'}: "
                     + "; ".join(e.words for e in deviation.edits))
    return "\n".join(lines) + "\n" + dump_value(model.facts)


def _schedule_text(compiled) -> str:
    timed = compiled.results["schedule"]
    timeline = timed.schedule.timeline if timed.schedule else {}
    zone = compiled.model.facts.zone

    def local(minute):
        if minute is None:
            return "--:--"
        date, time, _ = from_utc_minutes(minute, zone)
        return f"{date} {time}"

    lines = []
    for item in timed.items:
        name = item.call.name + (f".{item.step.name}" if item.step else "")
        lines.append(f"{item.key:<12} {name:<40} {local(timeline.get(item.key + '/s'))} – "
                     f"{local(timeline.get(item.key + '/e'))}" + (f"  [{item.condition}]" if item.condition else ""))
    return "\n".join(lines) + "\n" + "".join(f"{d.severity.value}[{d.code}]: {d.message}\n" for d in timed.diagnostics)


@pytest.mark.parametrize("path", _cases("schedule"), ids=lambda p: p.name)
def test_schedule_case(path: Path, update_expected: bool):
    compiled = compile_case(path, until="schedule")
    assert compiled.results.get("schedule") is not None, describe(compiled.diagnostics)
    failure = compare_expected(_schedule_text(compiled), path.with_suffix(".schedule"), update_expected)
    assert failure is None, failure


@pytest.mark.parametrize("path", _cases("fmt"), ids=lambda p: p.name)
def test_fmt_case(path: Path):
    source, expected = split_output(read(path))
    expected = source if expected is None else expected
    parsed = parse(source, path.name)
    assert not parsed.diagnostics, describe(parsed.diagnostics)
    formatted = format_module(parsed, source)
    assert formatted == expected, f"{path.name}: the formatter wrote\n{formatted}"
    again = parse(formatted, path.name)
    assert format_module(again, formatted) == formatted, f"{path.name}: formatting is not stable"
    assert dump_tree(again.module, with_spans=False) == dump_tree(parsed.module, with_spans=False), \
        f"{path.name}: the formatted text means something else"
