"""Compare a Plan with the Plan of the previous revision: which rows changed, were added or removed.

Rows are matched by cue, which the Plan keeps stable. Only what a reader of
the run-sheet sees is compared; the scheduling windows (earliest, latest) move
with every edit and would mark every row.
"""

from __future__ import annotations

from attrs import frozen

from .common import clean, condition_text, duration_text, named, people_text, text, track_text
from .words import words


@frozen
class Change:
    """One field of one row that differs, as the reader sees it before and now."""

    field: str
    before: str
    after: str


@frozen
class Changes:
    """Everything that differs from the previous revision."""

    changed: dict[str, tuple[Change, ...]]
    added: tuple[str, ...]
    removed: tuple[dict, ...]  # the previous plan's rows
    general: tuple[Change, ...]  # checklist, arrangements, deviations, agreed items


def compare_plans(previous: dict, plan: dict, lang: str) -> Changes:
    """Return what changed from `previous` to `plan`, with the values shown in `lang`."""
    before = {row["cue"]: row for row in previous.get("rows") or () if isinstance(row, dict) and "cue" in row}
    now = {row["cue"]: row for row in plan["rows"]}
    changed = {}
    for cue, row in now.items():
        if cue in before:
            found = tuple(Change(field, old, new) for field in _FIELDS
                          if (old := _shown(field, before[cue], lang)) != (new := _shown(field, row, lang)))
            if found:
                changed[cue] = found
    general = []
    for key in ("checklist", "arrangements", "deviations", "agreed"):
        old, new = _summary(key, previous.get(key) or [], lang), _summary(key, plan.get(key) or [], lang)
        if old != new:
            general.append(Change(key, old, new))
    return Changes(changed, tuple(cue for cue in now if cue not in before),
                   tuple(row for cue, row in before.items() if cue not in now), tuple(general))


_FIELDS = ("time", "end", "duration", "fixed", "track", "action", "place", "lead", "participants", "trigger",
           "notes", "details", "orderings", "condition", "responsible", "citation")


def _shown(field: str, row: dict, lang: str) -> str:
    # A malformed previous plan must not stop the build: a missing field reads as empty.
    try:
        return _value(field, row, lang)
    except (KeyError, TypeError, AttributeError):
        return ""


def _value(field: str, row: dict, lang: str) -> str:
    if field in ("time", "end"):
        moment = row.get("start" if field == "time" else "end")
        return f"{moment['date']} {moment['time']}" if moment else ""
    if field == "duration":
        return f"{duration_text(row)} {words(lang)['min']}"
    if field == "fixed":
        return words(lang)["yes"] if row.get("fixed") else words(lang)["no"]
    if field == "action":
        return " — ".join(t for t in (text(row.get("label"), lang), text(row.get("action"), lang)) if t)
    if field == "place":
        place = row.get("place")
        return text(place.get("label"), lang) or clean(place["name"]) if place else ""
    if field == "lead":
        return _person(row.get("lead"), lang)
    if field == "participants":
        return people_text(row, lang)
    if field == "track":
        return track_text(row, lang)
    if field == "trigger":
        return text(row.get("trigger"), lang)
    if field == "notes":
        return "; ".join(text(n, lang) for n in row.get("notes") or ())
    if field == "details":
        return "; ".join(f"{clean(d['kind'])}: {text(d['label'], lang)}" for d in row.get("details") or ())
    if field == "orderings":
        return "; ".join(f"{clean(o['name'])}: {' → '.join(map(clean, o['order']))}"
                         + (f" ({_condition(o['condition'], o.get('condition_label'), lang)})"
                            if o.get("condition") else "") for o in row.get("orderings") or ())
    return clean(str(row.get(field) or ""))


def _person(person: dict | None, lang: str) -> str:
    # A label is {"en", "kk"} since format 2 and a string before: text() reads both.
    if not person:
        return ""
    return (text(person.get("label"), lang) or clean(person.get("role") or "")) + (
        f" ({clean(person['person'])})" if person.get("person") else "")


def _condition(condition: str, label, lang: str) -> str:
    return condition_text(condition, named(label, condition.removeprefix("not "), lang), lang)


def _summary(key: str, items: list, lang: str) -> str:
    try:
        if key == "checklist":
            # An item is agreed by itself: the same condition may be settled for one item and open for another.
            return "; ".join((f"{named(c.get('item_label'), c['item'], lang)} — " if c.get("item") else "")
                             + (text(c["label"], lang) or clean(c["condition"])) for c in items)
        if key == "arrangements":
            modalities = words(lang)["modalities"]
            return "; ".join(f"{modalities.get(a['modality']) or clean(a['modality'])}: "
                             f"{named(a.get('label'), a['name'], lang)}"
                             + (f" ({_condition(a['condition'], a.get('condition_label'), lang)})"
                                if a.get("condition") else "") for a in items)
        if key == "deviations":
            return "; ".join(f"{clean(d['target'])}: {text(d['change'], lang)} ({clean(d['authority'])})"
                             for d in items)
        return "; ".join(f"{clean(a['item'])} = {clean(str(a['value']))}" for a in items)
    except (KeyError, TypeError, AttributeError):
        return ""
