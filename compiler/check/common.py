"""What several checks ask of the model: who takes part where, what a deviation excuses, how to word a
condition left open."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.event import Call, Deviation, Edit
from ..model.law import Step
from ..model.lower import Model
from ..model.values import NO, UNKNOWN, Condition, Truth

COMPARE = {
    "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b,
    ">": lambda a, b: a > b, "=": lambda a, b: a == b,
}
WORDS = {"<=": "at most", ">=": "at least", "<": "less than", ">": "more than", "=": "exactly"}


def held_calls(model: Model) -> Iterator[Call]:
    """Yield the live calls of the program whose condition may hold."""
    facts = model.facts
    for call in model.event.live_calls():
        if facts.value(call.condition, call.item()) is not NO:
            yield call


def held_steps(model: Model, call: Call) -> Iterator[Step]:
    """Yield the steps of `call`, as they will happen, that can take place under the scenario's facts."""
    for step in call.steps:
        if step.modality != "shall not" and model.facts.value(step.condition, call.item(step)) is not NO:
            yield step


def taking_part(model: Model) -> Iterator[tuple[Call, Step | None, tuple[str, ...]]]:
    """Yield (call, step, roles) for every step that can take place: the roles and units it involves, as
    `Step.involved` says; a ceremony's own responsible service comes first, with step None."""
    for call in held_calls(model):
        if call.ceremony is None:
            continue
        if call.ceremony.responsible:
            yield call, None, (call.ceremony.responsible,)
        for step in held_steps(model, call):
            yield call, step, step.involved(model.facts, call.item(step))


def first_use(model: Model) -> dict[str, tuple[Call, Step | None]]:
    """Map each role or unit that takes part in the program to the first call and step where it does;
    `guard_of_honour.chief` counts for `guard_of_honour` too."""
    used: dict[str, tuple[Call, Step | None]] = {}
    for call, step, roles in taking_part(model):
        for role in roles:
            parts = role.split(".")
            for length in range(1, len(parts) + 1):
                used.setdefault(".".join(parts[:length]), (call, step))
    return used


def present(model: Model) -> set[str]:
    """Return the names of the ceremonies the program holds (the live calls)."""
    return {call.name for call in model.event.live_calls()}


def first_in_main_track(model: Model) -> dict[str, tuple[int, int, int]]:
    """Map each ceremony of the main track to the program order of its first live call."""
    first: dict[str, tuple[int, int, int]] = {}
    for call in model.event.live_calls():
        if call.track is None:
            first.setdefault(call.name, call.order)
    return first


def first_call(model: Model, name: str) -> Call | None:
    """Return the first live call of the ceremony `name`, or None."""
    return next((call for call in model.event.live_calls() if call.name == name), None)


def accepted_edit(model: Model, target: str, kind: str) -> tuple[Deviation, Edit] | None:
    """Return the first accepted deviation of `target` with an edit of `kind`, and that edit, or None."""
    for deviation in model.event.deviations:
        if deviation.accepted and deviation.target == target:
            edit = next((e for e in deviation.edits if e.kind == kind), None)
            if edit is not None:
                return deviation, edit
    return None


def dropped(model: Model, target: str) -> bool:
    """Tell whether an accepted deviation drops `target` (a ceremony, a step, a unit)."""
    return accepted_edit(model, target, "drop") is not None


def when(condition: Condition | None, value: Truth) -> str:
    """Return ` when C` for a rule whose condition the scenario leaves unknown, else nothing."""
    if condition is None or value is not UNKNOWN:
        return ""
    return " " + condition.words


def under(condition: Condition | None, value: Truth):
    """Return how to report a breach of a limit or window that holds under `condition`: an error when the
    condition holds, a warning naming it when the scenario leaves it unknown."""
    if value is UNKNOWN:
        return diag.warning, f" when {condition.branch}, which the scenario leaves unknown"
    return diag.error, ""


def visit_span(model: Model, fallback):
    """Return the span of the visit (where a finding about the whole program is reported), else `fallback`."""
    visit = model.event.visit
    return visit.span if visit is not None else fallback
