"""Lower the library's declarations (formats, ceremonies, roles, conditions...) to the law model.

Each declaration is lowered once per process: the library is loaded once
and its trees never change, so the lowered form is kept beside the node
(keyed by the node's identity, which the library keeps alive).
"""

from __future__ import annotations

import attrs

from decimal import Decimal, InvalidOperation

from .. import tree as t
from ..library.symbols import Symbol
from ..tree.unparse import branch_text, condition_text, guard_text
from . import law
from .values import AllOf, AnyOf, Citation, Cond, Condition, Label, Minutes, Not

MINUTES = {"min": 1, "h": 60, "day": 1440, "days": 1440}
# Keeps the lowered form of each library node, keyed by id(); the node is kept too, so the id stays its own.
_LOWERED: dict[int, tuple[object, object]] = {}


def lowered(symbol: Symbol):
    """Return the law model of the declaration `symbol` names (a Format, Ceremony, Role...), or its Declared."""
    node = symbol.node
    found = _LOWERED.get(id(node))
    if found is not None and found[0] is node:
        return found[1]
    made = _lower(symbol)
    if symbol.edition is not None:  # a scenario's own declarations change with every edit
        _LOWERED[id(node)] = (node, made)
    return made


def declared(symbol: Symbol) -> law.Declared:
    """Return what every declaration has: name, kind, label, edition and citation."""
    node = symbol.node
    return law.Declared(symbol.name, symbol.kind, Label.of(getattr(node, "label", None)), symbol.edition,
                        Citation.of(symbol.edition, getattr(node, "citations", ())), getattr(node, "span", None),
                        getattr(getattr(node, "name", None), "span", None))


def _lower(symbol: Symbol):
    node = symbol.node
    if isinstance(node, t.Format):
        return lower_format(symbol)
    if isinstance(node, t.Ceremony):
        return lower_ceremony(symbol)
    if isinstance(node, t.Role):
        return _role(symbol)
    if isinstance(node, t.GuestKind):
        return law.GuestKind(declared(symbol), tuple(
            law.ReceivedAs(i.kind.text, condition(i.guard), Citation.of(symbol.edition, i.citations))
            for i in node.items or () if isinstance(i, t.ReceivedAs)))
    if isinstance(node, t.Condition):
        return law.ConditionDecl(declared(symbol), node.settled_by, tuple(r.text for r in node.program))
    if isinstance(node, t.CalendarRule):
        return _calendar(symbol)
    if isinstance(node, t.Precedence):
        return _precedence(symbol)
    return declared(symbol)


# ---- conditions -------------------------------------------------------------------------


def expression(node) -> object:
    """Return the model of a condition expression of the tree."""
    if isinstance(node, t.ConditionRef):
        return Cond(node.ref.text)
    if isinstance(node, t.Negation):
        return Not(expression(node.operand))
    operands = tuple(expression(o) for o in node.operands)
    return AllOf(operands) if isinstance(node, t.AllOf) else AnyOf(operands)


def condition(guard: t.Guard | None) -> Condition | None:
    """Return the model of a `when`/`unless` guard (None for none), with its wording."""
    if guard is None:
        return None
    inner = expression(guard.condition)
    return Condition(inner if guard.keyword == "when" else Not(inner), guard.keyword, guard_text(guard),
                     branch_text(guard), condition_text(guard.condition), guard.span)


# ---- amounts ----------------------------------------------------------------------------------


def number(text: str) -> Decimal | None:
    """Return a number as written, or None if it is not one (the grammar lets only digits through)."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def minutes(amount, citation: Citation = Citation(), span=None) -> Minutes | None:
    """Return an amount or range of time as whole minutes; None when its unit is not one of time."""
    unit = amount.unit or "min"
    if unit not in MINUTES:
        return None
    low, high = (amount.low, amount.high) if isinstance(amount, t.Range) else (amount.number, amount.number)
    try:
        return Minutes(int(Decimal(low) * MINUTES[unit]), int(Decimal(high) * MINUTES[unit]), citation,
                       span or amount.span)
    except ArithmeticError:
        return None


def _duration(node: t.Duration, edition: str | None) -> Minutes | None:
    """Return a `duration` statement as minutes, marked customary when the library says so."""
    length = minutes(node.amount, Citation.of(edition, node.citations), node.span)
    return attrs.evolve(length, customary=True) if length is not None and node.customary else length


# ---- formats ------------------------------------------------------------------------------------


def permission(deviable: t.Deviable | None, rule_span, citation: Citation, source: str) -> law.Permission | None:
    """Return the permission a `deviable_by` clause gives, or None."""
    if deviable is None:
        return None
    return law.Permission(tuple(r.text for r in deviable.authorities), condition(deviable.guard),
                          tuple(deviable.edits), rule_span, citation, source)


def rule(node: t.Rule, edition: str | None, scope: str = "") -> law.Rule:
    """Return the model of a modal rule of a format (scope "") or of a ceremony (its name)."""
    citation = Citation.of(edition, node.citations)
    granted = permission(node.deviable, node.span, citation, "rule")
    if granted is None and node.modality == "as_a_rule":
        # A default may be departed from with a recorded reason, by whoever records it.
        granted = law.Permission((), None, ("drop", "order"), node.span, citation, "as_a_rule")
    elif granted is None and node.modality == "standard":
        # An item of the standard program: the parties settle, visit by visit, whether it is held.
        granted = law.Permission((), None, ("drop",), node.span, citation, "standard")
    targets = tuple(law.Target(tuple(r.text for r in target.refs), target.one_of, tuple(r.span for r in target.refs))
                    for target in node.targets)
    relation = node.relative_to.relation if node.relative_to else None
    relative = node.relative_to.ref.text if node.relative_to else None
    return law.Rule(node.modality, targets, relation, relative, condition(node.guard), granted, edition, citation,
                    scope, node.span)


def lower_format(symbol: Symbol) -> law.Format:
    """Return the model of a visit format."""
    node, edition = symbol.node, symbol.edition
    guests, rules, limits, windows, host = [], [], [], [], None
    for item in node.items:
        citation = Citation.of(edition, getattr(item, "citations", ()))
        if isinstance(item, t.FormatGuest):
            guests.append(law.FormatGuest(tuple(r.text for r in item.kinds), condition(item.guard), citation,
                                          item.span))
        elif isinstance(item, t.Rule):
            rules.append(rule(item, edition))
        elif isinstance(item, t.Limit):
            limits.append(law.Limit(item.quantity.text, item.comparison, number(item.amount.number),
                                    item.amount.number, item.amount.unit, condition(item.guard),
                                    permission(item.deviable, item.span, citation, "limit"), citation, item.span))
        elif isinstance(item, t.Window):
            windows.append(law.Window(item.event.text, item.comparison, number(item.amount.number),
                                      item.amount.number, item.amount.unit, item.relation, item.anchor.text,
                                      item.anchor_counting, condition(item.guard),
                                      permission(item.deviable, item.span, citation, "window"), citation,
                                      item.span))
        elif isinstance(item, t.OnBehalfOf):
            host = item.host.text
    return law.Format(declared(symbol), tuple(guests), tuple(rules), tuple(limits), tuple(windows), host)


# ---- ceremonies ---------------------------------------------------------------------------------


def lower_ceremony(symbol: Symbol) -> law.Ceremony:
    """Return the model of a ceremony: its steps, their order, and the rules inside it."""
    node, edition = symbol.node, symbol.edition
    steps = tuple(step(item, edition) for item in node.items if isinstance(item, t.Step))
    place = duration = responsible = anchor = None
    rules = []
    for item in node.items:
        if isinstance(item, t.Venue) and place is None:
            place = item.place.text
        elif isinstance(item, t.Duration) and duration is None:
            duration = _duration(item, edition)
        elif isinstance(item, t.Responsible) and responsible is None:
            responsible = item.unit.text
        elif isinstance(item, t.AnchorStep) and anchor is None:
            anchor = item.step.text
        elif isinstance(item, t.Rule):
            rules.append(rule(item, edition, symbol.name))
    return law.Ceremony(declared(symbol), steps, _orders(node, edition, [s.name for s in steps]), place, duration,
                        responsible, anchor, tuple(rules))


def step(node: t.Step, edition: str | None) -> law.Step:
    """Return the model of one step."""
    lead = action = place = duration = responsible = guard = modality = cue = None
    actors, orderings, notes = [], [], []
    for item in node.items or ():
        if isinstance(item, t.Lead) and lead is None:
            lead = item.role.text
        elif isinstance(item, t.Actors):
            actors += [law.Actor(a.ref.text, tuple(r.text for r in a.alternatives), condition(a.guard))
                       for a in item.actors]
        elif isinstance(item, t.Action) and action is None:
            action = Label.of(item.label)
        elif isinstance(item, t.Venue) and place is None:
            place = item.place.text
        elif isinstance(item, t.Duration) and duration is None:
            duration = _duration(item, edition)
        elif isinstance(item, t.Responsible) and responsible is None:
            responsible = item.unit.text
        elif isinstance(item, t.StepGuard) and guard is None:
            guard = item.guard
        elif isinstance(item, t.StepModality) and modality is None:
            modality = item.modality
        elif isinstance(item, t.Ordering):
            orderings.append(_ordering(item, edition))
        elif isinstance(item, t.Cue) and cue is None:
            cue = Label.of(item.label)
        elif isinstance(item, t.Note):
            notes.append(Label.of(item.label))
    return law.Step(node.name.text, Label.of(node.label), lead, tuple(actors), action, place, duration, responsible,
                    condition(guard), modality, tuple(orderings), cue, tuple(notes),
                    Citation.of(edition, node.citations), node.span)


def _ordering(item: t.Ordering, edition: str | None) -> law.Ordering:
    spec = item.spec
    if isinstance(spec, t.OrderingChain):
        names, position = tuple(r.text for r in spec.refs), None
    else:
        names, position = (spec.ref.text,), spec.position
    return law.Ordering(item.name.text, names, position, condition(item.guard), Citation.of(edition, item.citations))


def _orders(node: t.Ceremony, edition: str | None, names: list[str]) -> tuple[law.StepOrder, ...]:
    """Return the pairs (earlier step, later step) that the ceremony's sequence, order, first and last fix."""
    pairs = []
    for item in node.items:
        why = Citation.of(edition, getattr(item, "citations", ()))
        if isinstance(item, t.Sequence):
            chain = [r.text for r in item.steps]
            pairs += [law.StepOrder(a, b, "in sequence", why, item.span) for a, b in zip(chain, chain[1:])]
        elif isinstance(item, t.Order):
            first, second = item.first.text, item.second.text
            if item.relation == "after":
                first, second = second, first
            pairs.append(law.StepOrder(first, second, f"{item.first.text} {item.relation} {item.second.text}", why,
                                       item.span))
        elif isinstance(item, t.Extreme):
            this = item.step.text
            for other in names:
                if other != this:
                    first, second = (this, other) if item.position == "first" else (other, this)
                    pairs.append(law.StepOrder(first, second, f"{this} comes {item.position}", why, item.span))
    return tuple(pairs)


# ---- roles and calendar rules ------------------------------------------------------------------


def _role(symbol: Symbol) -> law.Role:
    requirements = []
    for item in symbol.node.items or ():
        if not isinstance(item, t.Requirement):
            continue
        need, citation = item.requirement, Citation.of(symbol.edition, item.citations)
        if isinstance(need, t.LevelRequirement):
            requirements.append(law.RoleRequirement(need.level.text, None, None, citation))
        else:
            requirements.append(law.RoleRequirement(None, need.sex, need.same_as.text if need.same_as else None,
                                                    citation))
    return law.Role(declared(symbol), tuple(requirements))


def _calendar(symbol: Symbol) -> law.CalendarDate:
    rule_node = symbol.node.rule
    if isinstance(rule_node, t.FixedDay):
        return law.CalendarDate(declared(symbol), rule_node.day, rule_node.month, None, None, None, None,
                                symbol.node.span)
    year = rule_node.year
    return law.CalendarDate(declared(symbol), None, rule_node.month, rule_node.ordinal, rule_node.weekday,
                            year.offset if year else None, year.after.text if year and year.after else None,
                            symbol.node.span)


def _precedence(symbol: Symbol) -> law.PrecedenceTable:
    node, edition = symbol.node, symbol.edition
    entries = tuple(law.PrecedenceEntry(item.number, tuple(r.text for r in item.roles), item.excluded,
                                        tuple(r.text for r in item.order), Label.of(item.reconstructed),
                                        Citation.of(edition, item.citations), item.span)
                    for item in node.items if isinstance(item, t.Rank))
    criteria = [ref.text for item in node.items if isinstance(item, t.TieBreak) for ref in item.criteria]
    return law.PrecedenceTable(declared(symbol), entries, tuple(dict.fromkeys(criteria)),
                               any(isinstance(item, t.SpouseShares) for item in node.items))
