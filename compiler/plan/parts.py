"""The parts of the Plan besides its rows: labels, places, the visit, deviations, checklist, arrangements."""

from __future__ import annotations

from ..model.event import Call
from ..model.law import Step
from ..model.values import Label


def label_json(label: Label | None, fallback: str | None = None) -> dict | None:
    """Return a label as the Plan writes it, `{"en": ..., "kk": ...}`; `fallback` (a bare name) when there is
    none; None when neither."""
    if label is None:
        return {"en": fallback, "kk": None} if fallback else None
    return label.to_json()


def named(model, name: str, fallback: str | None = None) -> dict:
    """Return the label of the declaration `name`, or `fallback` (else the name) when it has none."""
    found = model.declared(name)
    return label_json(found.label if found is not None else None, fallback or name)


def place(model, call: Call, step: Step | None) -> dict | None:
    """Return where a row happens: the step's own place, else the call's, else the ceremony's."""
    name = (step.place if step is not None else None) or call.place or (call.ceremony.place if call.ceremony else None)
    if name is None:
        return None
    return {"name": name, "label": named(model, name)}


def visit_json(model) -> dict | None:
    """Return the visit or occasion: format, principal, spouse, guest kind, country, host, arrival, departure."""
    visit, fmt = model.event.visit, model.event.format
    if visit is None:
        return None
    principal = visit.principal
    spouse = principal.spouse if principal else None
    host = fmt.on_behalf_of if fmt is not None else None
    out = {"kind": visit.kind, "format": visit.name,
           "principal": principal.person if principal else None,
           "spouse": {"name": spouse.name, "sex": spouse.sex} if spouse else None,
           "guest_kind": principal.kind if principal else None,
           "country": principal.country if principal else None,
           # The host in whose name the guest is received (`on_behalf_of` of the format).
           "on_behalf_of": {"role": host, "label": named(model, host)} if host else None}
    for name, moment in (("arrival", visit.arrival), ("departure", visit.departure)):
        out[name] = {"date": moment.date, "time": moment.time, "zone": moment.zone or model.facts.zone} \
            if moment else None
    return out


def deviations(model, rows: list[dict], calls: list[dict]) -> list[dict]:
    """Return the scenario's deviations, each added to the rows and calls it changed.

    The model applied each accepted deviation to the calls and steps it
    changes, and marked them with its id: a row shows the deviations of its
    step (or, for a ceremony without steps, of its call), a call those of its
    own. A deviation of a limit is tied to no ceremony in the language, only to
    its article: it is shown on the calls (and their rows) of the ceremonies
    that come from the same article of the same edition (the limit on
    narrow_format_companions, § 34, and negotiations_narrow, § 34).
    """
    by_call = {call.key: call for call in model.event.calls}
    limits = _limit_articles(model)
    out = []
    for deviation in model.event.deviations:
        entry = {"id": deviation.id, "target": deviation.target, "target_label": named(model, deviation.target),
                 "edits": [e.words for e in deviation.edits],
                 "change": label_json(deviation.summary), "reason": deviation.reason,
                 "authority": deviation.authority, "authority_label": named(model, deviation.authority),
                 "day": deviation.day, "citation": deviation.citation.text}
        if deviation.target_kind == "quantity":
            articles = limits.get(deviation.target, set())
            marked_calls = [c for c in calls if _articles(c["_ceremony"]) & articles]
            keys = {c["_key"] for c in marked_calls}
            marked_rows = [r for r in rows if r["_call"] in keys]
        else:
            marked_calls = [c for c in calls if deviation.id in by_call[c["_key"]].deviations]
            marked_rows = [r for r in rows if _row_changed(r, by_call[r["_call"]], deviation)]
        for marked in marked_calls + marked_rows:
            marked["deviations"].append(dict(entry))  # a copy each: a consumer may change one row's
        out.append({**entry, "rows": [r["cue"] for r in marked_rows], "calls": [c["cue"] for c in marked_calls]})
    return out


def _row_changed(row: dict, call: Call, deviation) -> bool:
    """Tell whether the deviation changed this row: its step as the call holds it, or the call of a ceremony
    without steps. A step the deviation left as it was is not marked."""
    step = row["_step"]
    return deviation.id in (step.deviations if step is not None else call.deviations)


def _limit_articles(model) -> dict[str, set]:
    """Return, for each quantity the visit's format limits, the (edition, article) pairs the limit cites."""
    fmt = model.event.format
    out: dict[str, set] = {}
    for limit in fmt.limits if fmt is not None else ():
        out.setdefault(limit.quantity, set()).update((r.edition, r.number) for r in limit.citation.refs)
    return out


def _articles(ceremony) -> set:
    """Return the (edition, article) pairs a called ceremony itself cites (not its steps)."""
    if ceremony is None:
        return set()
    return {(r.edition, r.number) for r in ceremony.declared.citation.refs}


def checklist(model, items) -> list[dict]:
    """Return the agreement checklist as the Plan writes it."""
    return [{"condition": c.condition, "label": named(model, c.condition, c.label.text), "settled_by": c.settled_by,
             "item": c.item, "item_label": item_label(model, c.item), "citation": c.citation.text} for c in items]


def item_label(model, item: str | None) -> dict | None:
    """Return the label of a checklist item in English and Kazakh: a step's reads `Ceremony: Step`."""
    if item is None:
        return None
    own = named(model, item)
    ceremony_name = item.partition(".")[0]
    if "." not in item or model.declared(ceremony_name) is None:
        return own
    ceremony = named(model, ceremony_name, item)
    return {language: f"{ceremony[language]}: {own[language]}" if ceremony.get(language) and own.get(language)
            else own.get(language) for language in own}


def arrangements(model, items) -> list[dict]:
    """Return the units, symbols and roles the rules require, allow or forbid, as the Plan writes them."""
    return [{"name": a.name, "kind": a.kind, "label": label_json(a.label, a.name), "modality": a.modality,
             "condition": a.condition,
             "condition_label": named(model, a.condition.removeprefix("not ")) if a.condition else None,
             "in_program": a.in_program, "citation": a.citation.text} for a in items]


def contingencies(model, rows: list[dict]) -> list[dict]:
    """Return, for each open condition, the cues of the rows that take place only then."""
    by_condition: dict[str, list[str]] = {}
    for row in rows:
        if row["condition"]:
            by_condition.setdefault(row["condition"], []).append(row["cue"])
    # The label is the condition's own: "not ..." is in `condition`, and each
    # output words the negation in its language ("If not ...", "Егер болмаса: ...").
    return [{"condition": condition, "label": named(model, condition.removeprefix("not ")), "rows": cues}
            for condition, cues in sorted(by_condition.items())]


def agreed(event) -> list[dict]:
    """Return the items agreed with the guest's side."""
    return [{"item": a.item, "value": a.value} for a in event.agreed]
