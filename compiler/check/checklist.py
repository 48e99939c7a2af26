"""List, item by item, what the program or the rules leave to settle with the guest's side."""

from __future__ import annotations

from typing import Iterator

from ..model.event import Call
from ..model.law import ConditionDecl, Format
from ..model.lower import Model
from ..model.values import NO, UNKNOWN, Citation, Condition, Label
from .checked import ChecklistItem
from .common import dropped, present

SETTLED_WITH_THE_GUEST = ("agreement", "request")
# The condition an item of the standard program is settled by, item by item.
AGREED_BY_THE_PARTIES = "parties_agree"


def checklist(model: Model) -> tuple[ChecklistItem, ...]:
    """Return one entry per condition settled by agreement or at the guest's request that the scenario leaves
    open, for each item (a ceremony, a step, a quantity) it governs, sorted by condition and item.

    The parties agree on each item separately, so `assume parties_agree yes for
    wreath_laying` settles that item alone. The first place that governs an
    item is the one the entry cites, else the condition's own declaration.
    """
    entries: dict[tuple[str, str], ChecklistItem] = {}
    for citation, item in _left_out_standard(model):
        entries[(AGREED_BY_THE_PARTIES, item)] = ChecklistItem(
            AGREED_BY_THE_PARTIES, model.label(AGREED_BY_THE_PARTIES), "agreement", citation, item,
            item_label(model, item))
    for condition, citation, item in _conditions(model):
        for name in condition.names:
            if (name, item) in entries:
                continue
            declared = model.law(name)
            if not isinstance(declared, ConditionDecl) or declared.settled_by not in SETTLED_WITH_THE_GUEST:
                continue
            if model.facts.condition(name, item) is not UNKNOWN:
                continue
            entries[(name, item)] = ChecklistItem(
                name, model.label(name), declared.settled_by, citation or declared.declared.citation, item,
                item_label(model, item))
    return tuple(entry for _, entry in sorted(entries.items()))


def _left_out_standard(model: Model) -> Iterator[tuple[Citation, str]]:
    """Yield (citation, item) for each item of the standard program (`standard`) that the program leaves out
    and no `omit` settles: whether it is held is still to agree with the guest's side."""
    fmt, held = model.event.format, present(model)
    if fmt is None:
        return
    for rule in fmt.rules:
        if rule.modality != "standard" or model.facts.value(rule.condition) is NO:
            continue
        for target in rule.targets:
            if target.one_of and any(n in held or dropped(model, n) for n in target.names):
                continue
            for name in target.names:
                if name not in held and not dropped(model, name):
                    yield rule.citation, name


def _conditions(model: Model) -> Iterator[tuple[Condition, Citation, str]]:
    """Yield (condition, citation, item) for every condition the format's rules, the program's calls and the
    steps of the called ceremonies put on an item."""
    fmt, held = model.event.format, present(model)
    if fmt is not None:
        yield from _format_conditions(fmt, held)
    for call in model.event.live_calls():
        if call.condition is not None:
            yield call.condition, _call_citation(model, fmt, call), call.name
        if call.ceremony is None:
            continue
        for rule in call.ceremony.rules:
            if rule.condition is not None:
                for target in rule.targets:
                    yield from ((rule.condition, rule.citation, call.item() + "." + n) for n in target.names)
        for step in call.steps:
            inner = [step.condition] + [o.condition for o in step.orderings] + [a.condition for a in step.actors]
            yield from ((c, step.citation, call.item(step)) for c in inner if c is not None)


def _format_conditions(fmt: Format, held: set[str]) -> Iterator[tuple[Condition, Citation, str]]:
    for rule in fmt.rules:
        if rule.condition is None:
            continue
        for target in rule.targets:
            # A `may` item not in the program needs no agreement.
            yield from ((rule.condition, rule.citation, n) for n in target.names if rule.modality != "may" or n in held)
    for limit in fmt.limits:
        if limit.condition is not None:
            yield limit.condition, limit.citation, limit.quantity
    for window in fmt.windows:
        if window.condition is not None:
            yield window.condition, window.citation, window.event


def _call_citation(model: Model, fmt: Format | None, call: Call) -> Citation:
    """Return what a condition written on a program line cites: the format's rule on the ceremony, else the
    ceremony itself, not the articles that declare the condition."""
    rule = next((r for r in fmt.rules if any(call.name in t.names for t in r.targets)), None) if fmt else None
    if rule is not None:
        return rule.citation
    declared = model.declared(call.name)
    return declared.citation if declared is not None else Citation()


def item_label(model: Model, item: str | None) -> Label | None:
    """Return the label of a checklist item; a step's reads `Ceremony: Step` in each language both have."""
    if item is None:
        return None
    own = model.label(item)
    ceremony_name, dot, _ = item.partition(".")
    if not dot or model.declared(ceremony_name) is None:
        return own
    ceremony = model.label(ceremony_name)
    joined = tuple((language, f"{ceremony.get(language)}: {text}" if ceremony.get(language) else text)
                   for language, text in own.translations)
    return Label(f"{ceremony.text}: {own.text}", joined)
