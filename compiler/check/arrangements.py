"""The units, roles and state symbols the format's rules require, allow or forbid (the guard of honour, the
state flag), checked against who takes part in the program and listed for the plan."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.law import Rule
from ..model.lower import Model
from ..model.values import NO, UNKNOWN
from .checked import Arrangement
from .common import dropped, first_use, when
from ..diagnostics.codes import FORBIDDEN_PRESENT, NOT_PERMITTED

KINDS = ("unit", "state symbol", "role")


def _arranged(model: Model) -> Iterator[tuple[Rule, str, object]]:
    """Yield (rule, name, span in the rule) for every unit, role or state symbol a format rule names."""
    fmt = model.event.format
    for rule in fmt.rules if fmt is not None else ():
        for target in rule.targets:
            for index, name in enumerate(target.names):
                if model.kind(name) in KINDS:
                    yield rule, name, target.spans[index] if index < len(target.spans) else None


def check_arrangements(model: Model) -> Iterator[diag.Diagnostic]:
    """Report a unit or role that takes part in the program although the rules forbid it, or permit it only
    under a condition that does not hold."""
    used = first_use(model)
    for rule, name, span in _arranged(model):
        value = model.facts.value(rule.condition, name)
        forbidden = rule.modality == "shall not" and value is not NO
        unpermitted = rule.modality == "may" and value is NO
        if name not in used or dropped(model, name) or not (forbidden or unpermitted):
            continue
        call, step = used[name]
        where = f"`{name}` takes part in `{call.name}`" + (f" (step `{step.name}`)" if step else "")
        related = (diag.Related(span, "the rule"),) if span is not None else ()
        if forbidden:
            yield diag.error(FORBIDDEN_PRESENT, f"{where}, but the rules forbid it{when(rule.condition, value)}",
                             call.span, citation=rule.citation.text, related=related)
        else:
            yield diag.error(
                NOT_PERMITTED, f"{where}, but it is permitted only when {rule.condition.inner}, which does not "
                "hold", call.span, citation=rule.citation.text, related=related)


def arrangements(model: Model) -> tuple[Arrangement, ...]:
    """Return what the protocol service provides or keeps away for this visit, once per name, modality and
    open condition, in the order of the format's rules."""
    used = first_use(model)
    found: dict[tuple, Arrangement] = {}
    for rule, name, _ in _arranged(model):
        value = model.facts.value(rule.condition, name)
        if value is NO and rule.modality != "may":
            continue
        in_program = name in used
        if value is NO or (in_program and not dropped(model, name) and rule.modality == "shall not"):
            continue  # nothing to arrange, or reported by check_arrangements
        declared = model.declared(name)
        condition = rule.condition.branch if rule.condition is not None and value is UNKNOWN else None
        arrangement = Arrangement(name, declared.kind, declared.label, rule.modality, condition, in_program,
                                  rule.citation)
        found.setdefault((name, rule.modality, condition), arrangement)
    return tuple(found.values())
