"""Compare a Plan with the Plan of the previous revision: which rows changed, were added or removed.

Rows are matched by cue, which the Plan keeps stable. Only what a reader of
the run-sheet sees is compared; the scheduling windows (earliest, latest) move
with every edit and would mark every row.
"""

from __future__ import annotations

from attrs import frozen

from ..plan.types import Label, Lead, Plan, Row
from .common import citation_text, clean, condition_text, duration_text, named, people_text, text, track_text
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
    removed: tuple[Row, ...]  # the previous plan's rows
    general: tuple[Change, ...]  # checklist, arrangements, deviations, agreed items


def compare_plans(previous: Plan, plan: Plan, lang: str) -> Changes:
    """Return what changed from `previous` to `plan`, with the values shown in `lang`."""
    before = {row.cue: row for row in previous.rows}
    now = {row.cue: row for row in plan.rows}
    changed = {}
    for cue, row in now.items():
        if cue in before:
            found = tuple(Change(field, old, new) for field in _FIELDS
                          if (old := _value(field, before[cue], lang)) != (new := _value(field, row, lang)))
            if found:
                changed[cue] = found
    general = []
    for key in ("checklist", "arrangements", "deviations", "agreed"):
        old, new = _summary(key, previous, lang), _summary(key, plan, lang)
        if old != new:
            general.append(Change(key, old, new))
    return Changes(changed, tuple(cue for cue in now if cue not in before),
                   tuple(row for cue, row in before.items() if cue not in now), tuple(general))


_FIELDS = ("time", "end", "duration", "fixed", "track", "action", "place", "lead", "participants", "trigger",
           "notes", "details", "orderings", "condition", "responsible", "citation")


def _value(field: str, row: Row, lang: str) -> str:
    """Return one field of a row as the reader sees it."""
    if field in ("time", "end"):
        moment = row.start if field == "time" else row.end
        return f"{moment.date} {moment.time}" if moment else ""
    if field == "duration":
        return f"{duration_text(row)} {words(lang)['min']}"
    if field == "fixed":
        return words(lang)["yes"] if row.fixed else words(lang)["no"]
    if field == "action":
        return " — ".join(t for t in (text(row.label, lang), text(row.action, lang)) if t)
    if field == "place":
        return text(row.place.label, lang) or clean(row.place.name) if row.place else ""
    if field == "lead":
        return _person(row.lead, lang)
    if field == "participants":
        return people_text(row, lang)
    if field == "track":
        return track_text(row, lang)
    if field == "trigger":
        return text(row.trigger, lang)
    if field == "notes":
        return "; ".join(text(n, lang) for n in row.notes)
    if field == "details":
        return "; ".join(f"{clean(d.kind)}: {text(d.label, lang)}" for d in row.details)
    if field == "orderings":
        return "; ".join(f"{clean(o.name)}: {' → '.join(map(clean, o.order))}"
                         + (f" ({_condition(o.condition, o.condition_label, lang)})" if o.condition else "")
                         for o in row.orderings)
    if field == "citation":
        return citation_text(row.citation)
    return clean(str(getattr(row, field) or ""))


def _person(person: Lead | None, lang: str) -> str:
    if person is None:
        return ""
    return (text(person.label, lang) or clean(person.role or "")) + (
        f" ({clean(person.person)})" if person.person else "")


def _condition(condition: str, label: Label | None, lang: str) -> str:
    return condition_text(condition, named(label, condition.removeprefix("not "), lang), lang)


def _summary(key: str, plan: Plan, lang: str) -> str:
    """Return one of the lists besides the rows (checklist, arrangements, deviations, agreed) on one line."""
    if key == "checklist":
        # An item is agreed by itself: the same condition may be settled for one item and open for another.
        return "; ".join((f"{named(c.item_label, c.item, lang)} — " if c.item else "")
                         + (text(c.label, lang) or clean(c.condition)) for c in plan.checklist)
    if key == "arrangements":
        modalities = words(lang)["modalities"]
        return "; ".join(f"{modalities.get(a.modality) or clean(a.modality)}: {named(a.label, a.name, lang)}"
                         + (f" ({_condition(a.condition, a.condition_label, lang)})" if a.condition else "")
                         for a in plan.arrangements)
    if key == "deviations":
        return "; ".join(f"{clean(d.target)}: {text(d.change, lang)} ({clean(d.authority)})" for d in plan.deviations)
    return "; ".join(f"{clean(a.item)} = {clean(str(a.value))}" for a in plan.agreed)
