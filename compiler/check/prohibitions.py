"""Check what a scenario says the event holds besides its ceremonies (`include press_statements.questions`,
`include guard_of_honour`) against every prohibition that could reach it: the `shall not` steps and rules
of the ceremonies the program calls, and the `shall not` rules of the visit's format."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.event import Call, Inclusion
from ..model.lower import Model
from ..model.values import NO
from .common import present, when


def check_prohibitions(model: Model) -> Iterator[diag.Diagnostic]:
    """Report each included item that a rule forbids, and each included step of a ceremony not in the
    program."""
    for inclusion in model.event.inclusions:
        ceremony, _, step = inclusion.item.partition(".")
        if step and model.kind(ceremony) == "ceremony":
            yield from _step(model, inclusion, ceremony, step)
        yield from _format(model, inclusion)
        yield from _ceremony_rules(model, inclusion)


def _step(model: Model, inclusion: Inclusion, ceremony: str, step: str) -> Iterator[diag.Diagnostic]:
    """Check an included step against its own modality in every call of its ceremony."""
    calls = [call for call in model.event.live_calls() if call.name == ceremony]
    if not calls:
        yield diag.error(
            "inclusion-not-in-program", f"`{inclusion.item}` is a step of `{ceremony}`, which the program does not "
            "hold", inclusion.span, hints=(f"add `{ceremony}` to the program, or leave the step out",))
        return
    for call in calls:
        found = call.ceremony.step(step) if call.ceremony is not None else None
        if found is None or found.modality != "shall not":
            continue
        value = model.facts.value(found.condition, call.item(found))
        if value is not NO:
            yield _forbidden(inclusion, call, value, found.condition, found.citation.text, found.span)
            return


def _format(model: Model, inclusion: Inclusion) -> Iterator[diag.Diagnostic]:
    """Check an included item against the `shall not` rules of the visit's format."""
    fmt = model.event.format
    for rule in fmt.rules if fmt is not None else ():
        if rule.modality != "shall not" or not any(inclusion.item in t.names for t in rule.targets):
            continue
        value = model.facts.value(rule.condition, inclusion.item)
        if value is not NO:
            yield _forbidden(inclusion, None, value, rule.condition, rule.citation.text, rule.span)
            return


def _ceremony_rules(model: Model, inclusion: Inclusion) -> Iterator[diag.Diagnostic]:
    """Check an included item against the `shall not` rules inside the ceremonies the program calls."""
    held = present(model)
    for call in model.event.live_calls():
        if call.ceremony is None or call.name not in held:
            continue
        for rule in call.ceremony.rules:
            names = {n for t in rule.targets for n in t.names}
            if rule.modality != "shall not" or not names & {inclusion.item, inclusion.item.partition(".")[2]}:
                continue
            value = model.facts.value(rule.condition, call.item())
            if value is not NO:
                yield _forbidden(inclusion, call, value, rule.condition, rule.citation.text, rule.span)
                return


def _forbidden(inclusion: Inclusion, call: Call | None, value, condition, citation, rule_span) -> diag.Diagnostic:
    where = f" at `{call.name}`" if call is not None else ""
    related = (diag.Related(rule_span, "the rule"),) if rule_span is not None else ()
    return diag.error(
        "forbidden-present", f"the event includes `{inclusion.item}`{where}, but the rules forbid it"
        f"{when(condition, value)}", inclusion.span, citation=citation, related=related)
