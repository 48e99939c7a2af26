"""The parts of the Plan besides its rows: labels, places, the visit, deviations, checklist, arrangements."""

from __future__ import annotations

from ..model.event import Call
from ..model.law import Step
from ..model.values import Citation as ModelCitation
from ..model.values import Label as ModelLabel
from .types import (Agreed, Arrangement, ChecklistItem, Citation, Clause, Contingency, Deviation, DeviationMark, Host,
                    Label, Place, Spouse, Visit, ZonedTime)


class Labels:
    """The Plan's labels and citations in one build: each of the model's converted once, each declared name
    looked up once.

    A plan of ten thousand rows names the same roles and places on every row;
    looking each name up in the model once keeps the build linear in the rows.
    """

    def __init__(self, model):
        self.model = model
        self._converted: dict[ModelLabel, Label] = {}
        self._declared: dict[str, object] = {}
        self._cited: dict[ModelCitation, Citation | None] = {}

    def of(self, label: ModelLabel | None, fallback: str | None = None) -> Label | None:
        """Return a label of the model as the Plan's `{"en": ..., "kk": ...}`; `fallback` (a bare name) when
        there is none; None when neither."""
        if label is None:
            return Label(fallback, None) if fallback else None
        found = self._converted.get(label)
        if found is None:
            data = label.to_json()
            found = self._converted[label] = Label(data["en"], data["kk"],
                                                   tuple((k, v) for k, v in data.items() if k not in ("en", "kk")))
        return found

    def cite(self, citation: ModelCitation | None) -> Citation | None:
        """Return a citation of the model as the Plan holds it, clause by clause; None for none."""
        if not citation:
            return None
        found = self._cited.get(citation)
        if found is None:
            found = self._cited[citation] = Citation(tuple(Clause(c.edition or "", tuple(c.numbers))
                                                           for c in citation.clauses))
        return found

    def declared(self, name: str):
        """Return the model's declaration `name`, or None."""
        if name not in self._declared:
            self._declared[name] = self.model.declared(name)
        return self._declared[name]

    def named(self, name: str, fallback: str | None = None) -> Label:
        """Return the label of the declaration `name`, or `fallback` (else the name) when it has none."""
        found = self.declared(name)
        return self.of(found.label if found is not None else None, fallback or name)

    def sort_text(self, name: str) -> str:
        """Return the English label of `name` (its bare name when it has none), which orders equal ranks."""
        found = self.declared(name)
        return found.label_or_name().text if found is not None else name


def place(labels: Labels, call: Call, step: Step | None) -> Place | None:
    """Return where a row happens: the step's own place, else the call's, else the ceremony's."""
    name = (step.place if step is not None else None) or call.place or (call.ceremony.place if call.ceremony else None)
    if name is None:
        return None
    return Place(name=name, label=labels.named(name))


def visit(labels: Labels) -> Visit | None:
    """Return the visit or occasion: format, principal, spouse, guest kind, country, host, arrival, departure."""
    model = labels.model
    event_visit, fmt = model.event.visit, model.event.format
    if event_visit is None:
        return None
    principal = event_visit.principal
    spouse = principal.spouse if principal else None
    host = fmt.on_behalf_of if fmt is not None else None
    moments = {name: ZonedTime(date=moment.date, time=moment.time, zone=moment.zone or model.facts.zone)
               if moment else None for name, moment in (("arrival", event_visit.arrival),
                                                        ("departure", event_visit.departure))}
    return Visit(kind=event_visit.kind, format=event_visit.name,
                 principal=principal.person if principal else None,
                 spouse=Spouse(name=spouse.name, sex=spouse.sex) if spouse else None,
                 guest_kind=principal.kind if principal else None,
                 country=principal.country if principal else None,
                 # The host in whose name the guest is received (`on_behalf_of` of the format).
                 on_behalf_of=Host(role=host, label=labels.named(host)) if host else None, **moments)


def deviations(labels: Labels, rows: list[dict], calls: list[dict]) -> list[Deviation]:
    """Return the scenario's deviations, each added to the drafts of the rows and calls it changed.

    The model applied each accepted deviation to the calls and steps it
    changes, and marked them with its id: a row shows the deviations of its
    step (or, for a ceremony without steps, of its call), a call those of its
    own. A deviation of a limit is tied to no ceremony in the language, only to
    its article: it is shown on the calls (and their rows) of the ceremonies
    that come from the same article of the same edition (the limit on
    narrow_format_companions, § 34, and negotiations_narrow, § 34).
    """
    model = labels.model
    by_call = {call.key: call for call in model.event.calls}
    limits = _limit_articles(model)
    out = []
    for deviation in model.event.deviations:
        mark = DeviationMark(id=deviation.id, target=deviation.target, target_label=labels.named(deviation.target),
                             edits=tuple(e.words for e in deviation.edits), change=labels.of(deviation.summary),
                             reason=deviation.reason, authority=deviation.authority,
                             authority_label=labels.named(deviation.authority), day=deviation.day,
                             citation=labels.cite(deviation.citation))
        if deviation.target_kind == "quantity":
            articles = limits.get(deviation.target, set())
            marked_calls = [c for c in calls if _articles(c["_ceremony"]) & articles]
            keys = {c["_key"] for c in marked_calls}
            marked_rows = [r for r in rows if r["_call"] in keys]
        else:
            marked_calls = [c for c in calls if deviation.id in by_call[c["_key"]].deviations]
            marked_rows = [r for r in rows if _row_changed(r, by_call[r["_call"]], deviation)]
        for marked in marked_calls + marked_rows:
            marked["deviations"].append(mark)
        out.append(Deviation(id=mark.id, target=mark.target, target_label=mark.target_label, edits=mark.edits,
                             change=mark.change, reason=mark.reason, authority=mark.authority,
                             authority_label=mark.authority_label, day=mark.day, citation=mark.citation,
                             rows=tuple(r["cue"] for r in marked_rows), calls=tuple(c["cue"] for c in marked_calls)))
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


def checklist(labels: Labels, items) -> list[ChecklistItem]:
    """Return the agreement checklist as the Plan writes it."""
    return [ChecklistItem(condition=c.condition, label=labels.named(c.condition, c.label.text),
                          settled_by=c.settled_by, item=c.item, item_label=item_label(labels, c.item),
                          citation=labels.cite(c.citation)) for c in items]


def item_label(labels: Labels, item: str | None) -> Label | None:
    """Return the label of a checklist item in English and Kazakh: a step's reads `Ceremony: Step`."""
    if item is None:
        return None
    own = labels.named(item)
    ceremony_name = item.partition(".")[0]
    if "." not in item or labels.declared(ceremony_name) is None:
        return own
    ceremony = labels.named(ceremony_name, item)

    def joined(language: str) -> str | None:
        first, second = ceremony.get(language), own.get(language)
        return f"{first}: {second}" if first and second else second

    return Label(joined("en"), joined("kk"), tuple((language, joined(language)) for language, _ in own.others))


def arrangements(labels: Labels, items) -> list[Arrangement]:
    """Return the units, symbols and roles the rules require, allow or forbid, as the Plan writes them."""
    return [Arrangement(name=a.name, kind=a.kind, label=labels.of(a.label, a.name), modality=a.modality,
                        condition=a.condition,
                        condition_label=labels.named(a.condition.removeprefix("not ")) if a.condition else None,
                        in_program=a.in_program, citation=labels.cite(a.citation)) for a in items]


def contingencies(labels: Labels, rows) -> list[Contingency]:
    """Return, for each open condition, the cues of the rows that take place only then."""
    by_condition: dict[str, list[str]] = {}
    for row in rows:
        if row.condition:
            by_condition.setdefault(row.condition, []).append(row.cue)
    # The label is the condition's own: "not ..." is in `condition`, and each
    # output words the negation in its language ("If not ...", "Егер болмаса: ...").
    return [Contingency(condition=condition, label=labels.named(condition.removeprefix("not ")), rows=tuple(cues))
            for condition, cues in sorted(by_condition.items())]


def agreed(event) -> list[Agreed]:
    """Return the items agreed with the guest's side."""
    return [Agreed(item=a.item, value=a.value) for a in event.agreed]
