"""Lower a bound scenario to the model: the event as it will happen, with its facts and its rules.

    bound tree --lower--> Model(event, facts, library view)

The scenario's statements become typed values (compiler/model/event.py), the
library's declarations they use become the law model (lower_law.py), the
facts are gathered, and every accepted deviation is applied to the calls it
changes (deviations.py). Nothing after this reads the syntax tree.
"""

from __future__ import annotations

import datetime

import attrs
from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..library.contract import DEFAULT_BODY
from ..resolve.bind import Bound
from ..tree.unparse import edit_text
from . import event as ev
from . import law
from .deviations import apply_deviations, granting, target_kind, verdict
from .facts import Facts, gather_facts
from .lower_law import condition, declared, lowered, minutes, number
from .values import Citation, Label
from ..diagnostics.codes import WRONG_DURATION

DEFAULT_ZONE = "Asia/Almaty"


@frozen(eq=False)
class Model:
    """The lowered scenario: the event, its facts, and the library's declarations it can name."""

    path: str
    event: ev.Event
    facts: Facts
    editions: tuple[tuple[str, str | None], ...]  # (ref, language of the original), sorted by body
    default_edition: str | None
    first_date: datetime.date | None
    bound: Bound  # kept for the library view below; stages use the methods, not the tree

    def law(self, name: str):
        """Return the law model of the declaration `name` (a Format, Ceremony, Role, GuestKind,
        ConditionDecl, CalendarDate, PrecedenceTable, or a Declared), or None."""
        symbol = self.bound.symbols.get(name)
        return lowered(symbol) if symbol is not None else None

    def declared(self, name: str) -> law.Declared | None:
        """Return name, kind, label, edition and citation of the declaration `name`, or None."""
        symbol = self.bound.symbols.get(name)
        return declared(symbol) if symbol is not None else None

    def label(self, name: str) -> Label:
        """Return the label of the declaration `name`, or its bare name as an English label."""
        found = self.declared(name)
        return found.label_or_name() if found is not None else Label(name)

    def names(self, kind: str) -> tuple[str, ...]:
        """Return the names of every declaration of `kind` in scope (`condition`, `ceremony`...), sorted."""
        return tuple(sorted(n for n, s in self.bound.symbols.items() if s.kind == kind))

    def articles(self, edition: str):
        """Return the article index of `edition` in the library the scenario was checked against."""
        library = self.bound.library
        return library.articles(edition) if library is not None else None

    def travel_times(self) -> dict[frozenset[str], int]:
        """Return the minutes between two venues (`travel akorda 15 min` inside `place ukimet_uyi`), by the
        pair of their names, either way; the scenario's own places' times come with the library's."""
        from ..tree import library as lib  # the place's body is the table: there is no other model of it
        from .lower_law import minutes

        times: dict[frozenset[str], int] = {}
        for name, symbol in sorted(self.bound.symbols.items()):
            if symbol.kind != "place" or not isinstance(symbol.node, lib.Place):
                continue
            for item in symbol.node.places or ():
                length = minutes(item.amount) if isinstance(item, lib.Travel) else None
                if length is not None and item.place.text != name:
                    times.setdefault(frozenset((name, item.place.text)), length.low)
        return times

    def kind(self, name: str) -> str | None:
        """Return the kind of the declaration `name`, or None when nothing of that name is in scope."""
        symbol = self.bound.symbols.get(name)
        return symbol.kind if symbol is not None else None


def lower(bound: Bound) -> tuple[Model | None, tuple[diag.Diagnostic, ...]]:
    """Return the model of the scenario of `bound` (None when the file holds none) and what lowering found."""
    scenario = bound.scenario
    if scenario is None:
        return None, ()
    found: list[diag.Diagnostic] = []
    visit = _visit(scenario)
    zone = (visit.arrival.zone if visit and visit.arrival and visit.arrival.zone else None) or DEFAULT_ZONE
    event = ev.Event(
        scenario.name.text, Label.of(scenario.label), visit, _format(bound, scenario),
        _calls(bound, scenario, visit, found),
        _people(scenario), (), _assumptions(scenario), _agreed(bound, scenario), _items(scenario, t.Count, _count),
        _items(scenario, t.PriorVisit, _prior_visit), _events(scenario, visit), _items(scenario, t.PrecedenceOverride,
                                                                                      _override),
        zone, scenario.span, scenario.name.span)
    conditions = {n for n, s in bound.symbols.items() if s.kind == "condition"}
    settled = {n: tuple(r.text for r in s.node.program) for n, s in bound.symbols.items()
               if isinstance(s.node, t.Condition) and s.node.program}
    facts = gather_facts(event, conditions, settled, found)
    model = Model(bound.path, event, facts, tuple((e.ref, e.language) for _, e in sorted(bound.editions.items())),
                  _default_edition(bound), bound.first_date, bound)
    deviations = lower_deviations(model, [i for i in scenario.items if isinstance(i, (t.Deviation, t.Omit))])
    event = apply_deviations(model, attrs.evolve(event, inclusions=_inclusions(scenario)), deviations)
    return Model(bound.path, event, facts, model.editions, model.default_edition, model.first_date, bound), \
        tuple(found)


def _default_edition(bound: Bound) -> str | None:
    """Return the edition a scenario's own citations without `of` refer to: the State Protocol's, else the first."""
    edition = bound.editions.get(DEFAULT_BODY) or next(iter(bound.editions.values()), None)
    return edition.ref if edition else None


def _items(scenario: t.Scenario, kind: type, make) -> tuple:
    return tuple(make(item) for item in scenario.items if isinstance(item, kind))


# ---- the visit ---------------------------------------------------------------------------------


def _moment(moment: t.Moment | None) -> ev.Moment | None:
    if moment is None:
        return None
    return ev.Moment(moment.date, moment.time, moment.timezone, moment.span)


def _visit(scenario: t.Scenario) -> ev.Visit | None:
    node = next((i for i in scenario.items if isinstance(i, (t.Visit, t.Occasion))), None)
    if node is None:
        return None
    guest = next((i for i in node.items if isinstance(i, t.Guest)), None)
    arrive = next((i for i in node.items if isinstance(i, t.Arrive)), None)
    depart = next((i for i in node.items if isinstance(i, t.Depart)), None)
    principal = None
    if guest is not None:
        items = guest.items or ()
        spouse = next((i for i in items if isinstance(i, t.Spouse)), None)
        government = next((i.form for i in items if isinstance(i, t.Government)), None)
        term = next((i.number for i in items if isinstance(i, t.Term)), None)
        principal = ev.Principal(guest.person, guest.kind.text, guest.country,
                                 ev.Spouse(spouse.name, spouse.sex) if spouse else None, government, term,
                                 guest.span, guest.kind.span)
    kind, name = ("visit", node.format.text) if isinstance(node, t.Visit) else ("occasion", node.kind.text)
    return ev.Visit(kind, name, principal, _moment(arrive.moment if arrive else None),
                    _moment(depart.moment if depart else None), node.span)


def _format(bound: Bound, scenario: t.Scenario) -> law.Format | None:
    node = next((i for i in scenario.items if isinstance(i, t.Visit)), None)
    symbol = bound.lookup(node.format) if node is not None else None
    return lowered(symbol) if symbol is not None and isinstance(symbol.node, t.Format) else None


def _events(scenario: t.Scenario, visit: ev.Visit | None) -> dict[str, ev.Moment]:
    events: dict[str, ev.Moment] = {}
    if visit is not None and visit.arrival is not None:
        events["arrival"] = visit.arrival
    if visit is not None and visit.departure is not None:
        events["departure"] = visit.departure
    for item in scenario.items:
        if isinstance(item, t.Event):
            events[item.name.text] = _moment(item.moment)
    return events


# ---- people and what was settled -------------------------------------------------------------------


def _people(scenario: t.Scenario) -> dict[str, tuple[ev.Person, ...]]:
    """Return the persons of the `people` block by role, in the order given; a role may have several."""
    people: dict[str, list[ev.Person]] = {}
    for person in (p for i in scenario.items if isinstance(i, t.People) for p in i.persons):
        attributes = person.attributes
        sex = next((a.sex for a in attributes if isinstance(a, t.PersonSex)), None)
        appointed = next((a.date for a in attributes if isinstance(a, t.PersonAppointed)), None)
        arrived = next((f"{a.date} {a.time.zfill(5)}" for a in attributes if isinstance(a, t.PersonArrived)), None)
        agrement = next((a.date for a in attributes if isinstance(a, t.PersonAgrement)), None)
        levels = tuple(a.level.text for a in attributes if isinstance(a, t.PersonLevel))
        people.setdefault(person.role.text, []).append(
            ev.Person(person.role.text, person.name, sex, appointed, arrived, agrement, levels, person.span))
    return {role: tuple(persons) for role, persons in people.items()}


def _assumptions(scenario: t.Scenario) -> tuple[ev.Assumption, ...]:
    return tuple(ev.Assumption(i.condition.text, i.truth, tuple(r.text for r in i.items), i.span)
                 for i in scenario.items if isinstance(i, t.Assume))


def _agreed(bound: Bound, scenario: t.Scenario) -> tuple[ev.Agreed, ...]:
    out = []
    for item in (i for i in scenario.items if isinstance(i, t.Agreed)):
        value = item.value
        if isinstance(value, t.TextValue):
            text, amount, unit = value.text, None, None
        elif isinstance(value, t.RefValue):
            text, amount, unit = value.ref.text, None, None
        else:
            text = f"{value.number} {value.unit}" if value.unit else value.number
            amount, unit = number(value.number), value.unit
        out.append(ev.Agreed(item.item.text, text, amount, unit, Citation.of(_default_edition(bound),
                                                                              item.citations), item.span))
    return tuple(out)


def _count(item: t.Count) -> ev.Count:
    return ev.Count(item.quantity.text, item.number, item.span)


def _prior_visit(item: t.PriorVisit) -> ev.PriorVisit:
    return ev.PriorVisit(item.date, item.format.text, item.country)


def _override(item: t.PrecedenceOverride) -> ev.Override:
    return ev.Override(item.first.text, item.second.text, item.reason)


# ---- the program ------------------------------------------------------------------------------------


def _calls(bound: Bound, scenario: t.Scenario, visit: ev.Visit | None, found: list) -> tuple[ev.Call, ...]:
    """Return every call of the program, day by day, the main track before the others, each with the
    steps of its ceremony (deviations are applied later)."""
    calls: list[ev.Call] = []
    for program in (i for i in scenario.items if isinstance(i, t.Program)):
        for day in program.days:
            date = day.date or _day_date(visit, day.number)
            index = 0
            for item in day.items:
                is_track = isinstance(item, t.TrackProgram)
                track = item.name.text if is_track else None
                track_label = Label.of(item.label, track) if is_track else None
                for entry in (item.entries if is_track else (item,)):
                    for call_index, call in enumerate(entry.calls):
                        _check_length(call, found)
                        calls.append(_call(bound, len(calls), day.number, date, track, track_label, index,
                                           call_index, entry, call))
                    index += 1
    return tuple(calls)


# The longest a single call of a program can last: a program is laid out day by day.
LONGEST_CALL = 24 * 60


def _check_length(call: t.Call, found: list) -> None:
    """Report a call length that is not a time of day's order (`3 people`, `3 days`, 10^20 minutes)."""
    amount = call.amount
    if amount is None:
        return
    length = minutes(amount) if amount.unit in (None, "min", "h") else None
    if amount.unit not in (None, "min", "h"):
        found.append(diag.error(WRONG_DURATION, f"the length of `{call.ref.text}` must be a time in min or h, "
                                f"not `{amount.number} {amount.unit}`", amount.span,
                                hints=(f"write `{call.ref.text} {amount.number} min`",)))
    elif length is None or length.high > LONGEST_CALL:
        found.append(diag.error(WRONG_DURATION, f"`{call.ref.text}` would last {amount.number} "
                                f"{amount.unit or 'min'}: a call of a program lasts at most 24 h", amount.span))


def _day_date(visit: ev.Visit | None, number_of_day: int) -> str | None:
    """Return the date of program day `number_of_day` counted from the arrival, or None."""
    if visit is None or visit.arrival is None:
        return None
    try:
        first = datetime.date.fromisoformat(visit.arrival.date)
        return (first + datetime.timedelta(days=number_of_day - 1)).isoformat()
    except (ValueError, OverflowError):
        return None


def _call(bound: Bound, index: int, day: int, date, track, track_label, entry_index: int, call_index: int,
          entry: t.Entry, call: t.Call) -> ev.Call:
    symbol = bound.lookup(call.ref)
    ceremony = lowered(symbol) if symbol is not None and isinstance(symbol.node, t.Ceremony) else None
    length = minutes(call.amount) if call.amount is not None and call.amount.unit in (None, "min", "h") else None
    if length is not None and length.high > LONGEST_CALL:
        length = None  # reported by _check_length; the ceremony's own duration stands
    details = tuple(ev.Detail(d.name.text, Label.of(d.label), d.span) for d in call.details or ())
    return ev.Call(index, day, date, track, track_label, entry_index, call_index,
                   entry.time if call_index == 0 else None, call.ref.text, ceremony,
                   length.high if length is not None else None, call.place.text if call.place else None,
                   condition(call.guard), details, ceremony.steps if ceremony else (),
                   ceremony.orders if ceremony else (), span=call.span,
                   entry_span=entry.span, minutes_span=call.amount.span if call.amount else None)


# ---- deviations -----------------------------------------------------------------------------------

_KIND_OF_EDIT = {t.ReplaceLead: "lead", t.ReplaceActor: "actors", t.AddActor: "actors", t.RemoveActor: "actors",
                 t.ChangeDuration: "duration", t.ChangeLimit: "limit", t.ChangeWindow: "window",
                 t.ChangeOrder: "order", t.DropItem: "drop"}


def lower_deviations(model, nodes: list) -> tuple[ev.Deviation, ...]:
    """Return the scenario's deviations and agreed omissions in the order written, each marked accepted or
    not; one that cites no article takes the citation of the rule that permits it."""
    out = []
    for index, node in enumerate(nodes, 1):
        deviation = _omission(model, node, index) if isinstance(node, t.Omit) else ev.Deviation(
            f"D{index}", node.target.text, target_kind(model, node.target.text),
            tuple(_edit(e) for e in node.edits), Label.of(node.change), node.reason, node.authority.text, node.day,
            Citation.of(model.default_edition, node.citations), False, node.span, node.target.span,
            node.authority.span, cited=bool(node.citations))
        accepted = verdict(model, deviation) is None
        deviation = attrs.evolve(deviation, accepted=accepted)
        permission = granting(model, deviation) if accepted and not deviation.cited else None
        if permission is not None:
            deviation = attrs.evolve(deviation, citation=permission.citation)
        out.append(deviation)
    return tuple(out)


# What the plan shows as the change an `omit` makes.
OMITTED = Label("Left out of the program by agreement of the parties",
                (("kk", "Тараптардың келісуі бойынша бағдарламаға енгізілмейді"),))


def _omission(model, node: t.Omit, index: int) -> ev.Deviation:
    """Return `omit X because "..."` as a deviation that drops an item of the standard program by agreement."""
    return ev.Deviation(
        f"D{index}", node.item.text, target_kind(model, node.item.text), (ev.Edit("drop", words="omit"),), OMITTED,
        node.reason, "parties_agree", None, Citation.of(model.default_edition, node.citations), False, node.span,
        node.item.span, None, omission=True, cited=bool(node.citations))


def _inclusions(scenario: t.Scenario) -> tuple[ev.Inclusion, ...]:
    return tuple(ev.Inclusion(ref.text, ref.span) for item in scenario.items if isinstance(item, t.Include)
                 for ref in item.items)


def _edit(node) -> ev.Edit:
    kind, words, span = _KIND_OF_EDIT[type(node)], edit_text(node), node.span
    if isinstance(node, (t.ReplaceLead, t.ReplaceActor)):
        return ev.Edit(kind, new=node.new.text, old=node.old.text, words=words, span=span)
    if isinstance(node, t.AddActor):
        return ev.Edit(kind, new=node.role.text, words=words, span=span)
    if isinstance(node, t.RemoveActor):
        return ev.Edit(kind, old=node.role.text, words=words, span=span)
    if isinstance(node, t.ChangeDuration):
        length = minutes(node.amount)
        return ev.Edit(kind, minutes=(length.low, length.high) if length else None, words=words, span=span)
    if isinstance(node, (t.ChangeLimit, t.ChangeWindow)):
        return ev.Edit(kind, comparison=node.comparison, amount=number(node.amount.number),
                       amount_text=node.amount.number, unit=node.amount.unit, words=words, span=span)
    if isinstance(node, t.ChangeOrder):
        first, second = (node.first.text, node.second.text) if node.relation == "before" else \
            (node.second.text, node.first.text)
        return ev.Edit(kind, first=first, second=second, words=words, span=span)
    return ev.Edit(kind, words=words, span=span)
