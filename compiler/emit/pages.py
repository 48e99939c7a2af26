"""Derive the lists a protocol team ticks off besides the rows: what to agree, and what to provide.

The agreement checklist has one line per item to agree (`assume parties_agree
yes for wreath_laying` settles that item alone), with the condition it is
agreed under; the arrangements are the units and state symbols the rules
require, allow or forbid for the visit, besides the program's ceremonies.
The run-sheet and the text timeline both print them from here, in one order.
"""

from __future__ import annotations

from ..plan.types import Arrangement, Plan
from .common import citation_text, clean, condition_parts, condition_text, humanize, named, text
from .words import words

MODALITIES = ("shall", "may", "shall not")  # to provide, may be provided, not to be used


def checklist(plan: Plan, lang: str) -> list[dict]:
    """Return the items to agree grouped by condition, conditions in order of first appearance.

    Each group: `condition` (its name), `label`, `settled_by` (by agreement,
    at the guest's request) and `entries`, one per item to agree: `what` (the
    item's label; the condition's own when the condition as a whole is to
    agree), `item` (its name, "" for none) and `citation`.
    """
    said = words(lang)
    groups: dict[str, dict] = {}
    for entry in plan.checklist:
        condition = entry.condition
        label = text(entry.label, lang) or humanize(condition)
        group = groups.setdefault(condition, {
            "condition": clean(condition), "label": label,
            "settled_by": said["settled"].get(entry.settled_by) or humanize(entry.settled_by), "entries": []})
        item = entry.item
        group["entries"].append({"what": named(entry.item_label, item, lang) if item else label,
                                 "item": clean(item or ""), "citation": citation_text(entry.citation)})
    return list(groups.values())


def arrangements(plan: Plan, lang: str) -> list[dict]:
    """Return the plan's arrangements grouped by modality: to provide, may be provided, not to be used.

    Each group: `modality`, `heading` and `entries`, each with its `label`,
    `kind` (unit, state symbol, role), `condition` ("If favourable weather",
    "" when it always holds), `in_program` and `citation`.
    """
    said = words(lang)
    groups = []
    for modality in MODALITIES + tuple(sorted({a.modality for a in plan.arrangements} - set(MODALITIES))):
        items = [_arrangement(a, lang) for a in plan.arrangements if a.modality == modality]
        if items:
            groups.append({"modality": modality, "heading": said["modalities"].get(modality) or humanize(modality),
                           "entries": items})
    return groups


def _arrangement(entry: Arrangement, lang: str) -> dict:
    said = words(lang)
    condition = entry.condition
    base = condition_parts(condition)[0] if condition else ""
    return {
        "label": named(entry.label, entry.name, lang),
        "name": clean(entry.name),
        "kind": said["kinds"].get(entry.kind) or clean(entry.kind),
        "condition": condition_text(condition, named(entry.condition_label, base, lang), lang)
        if condition else "",
        "in_program": entry.in_program,
        "citation": citation_text(entry.citation),
    }
