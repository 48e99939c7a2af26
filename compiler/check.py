"""Check a bound scenario against the rules of its editions.

Formats: the guest kind, the modal rules (shall, shall not, may, as_a_rule)
under their conditions, the order they fix, the limits and windows, and the
deviations that may depart from them. People: what each role requires of the
person who fills it. Conditions left unknown keep both branches; those to be
settled by agreement or at the guest's request go on the agreement checklist.
"""

from __future__ import annotations

from attrs import frozen

from . import diagnostics as diag
from . import tree as t
from .facts import UNKNOWN, YES, Facts, gather_facts
from .program import CallSite, program_calls
from .resolve import Bound
from .rules import RuleChecker, cite


@frozen
class ChecklistItem:
    """A matter still to settle with the guest's side."""

    condition: str
    label: str
    settled_by: str
    citation: str | None


@frozen
class Checked:
    """A scenario that went through the rules: its facts, program, checklist and accepted deviations."""

    bound: Bound
    scenario: t.Scenario
    facts: Facts
    format: t.Format | None
    calls: tuple[CallSite, ...]
    checklist: tuple[ChecklistItem, ...]
    deviations: tuple[t.Deviation, ...]
    diagnostics: tuple[diag.Diagnostic, ...]


def check(bound: Bound) -> Checked | None:
    """Check the scenario of `bound` against its rules; None when the file has no scenario."""
    scenario = bound.scenario
    if scenario is None:
        return None
    found: list[diag.Diagnostic] = []
    facts = gather_facts(bound, scenario, found)
    calls = tuple(program_calls(scenario))
    visit_format = _visit_format(bound, facts)
    deviations = tuple(i for i in scenario.items if isinstance(i, t.Deviation))
    rules = RuleChecker(bound, facts, calls, deviations, found)
    if visit_format is not None:
        _check_guest_kind(bound, facts, visit_format, found)
        rules.check_format(visit_format)
    rules.check_ceremonies()
    rules.check_counts(scenario, visit_format)
    rules.check_calendar(scenario)
    rules.check_deviations()
    if calls and bound.first_date is None:
        found.append(diag.error("no-date", "the program has no date: give the visit an `arrive` moment or each "
                                "day a date", scenario.name.span))
    _check_people(bound, scenario, facts, found)
    checklist = _checklist(bound, facts, calls, visit_format)
    return Checked(bound, scenario, facts, visit_format, calls, checklist, deviations, tuple(found))


def _visit_format(bound: Bound, facts: Facts) -> t.Format | None:
    if isinstance(facts.visit, t.Visit):
        symbol = bound.lookup(facts.visit.format)
        if symbol is not None and isinstance(symbol.node, t.Format):
            return symbol.node
    return None


def _check_guest_kind(bound: Bound, facts: Facts, visit_format: t.Format, found) -> None:
    principal = facts.principal
    allowed = [ref.text for item in visit_format.items if isinstance(item, t.FormatGuest) for ref in item.kinds]
    if principal is None or not allowed or principal.kind.text in allowed:
        return
    kind = bound.lookup(principal.kind)
    for item in (kind.node.items or ()) if kind is not None and isinstance(kind.node, t.GuestKind) else ():
        if isinstance(item, t.ReceivedAs) and item.kind.text in allowed:
            value = facts.value(item.guard)
            if value == YES:
                return
            if value == UNKNOWN:
                found.append(diag.warning(
                    "guest-kind-not-allowed",
                    f"a {principal.kind.text} may have the format `{visit_format.name.text}` only when "
                    f"{_guard_text(item.guard)}, which the scenario leaves unknown", principal.kind.span,
                    citation=cite(kind.edition, item.citations)))
                return
    found.append(diag.error(
        "guest-kind-not-allowed",
        f"the format `{visit_format.name.text}` is for {', '.join(allowed)}, not for {principal.kind.text}",
        principal.kind.span, citation=cite(_edition_of(bound, visit_format), _format_guest_citations(visit_format)),
        related=(diag.Related(visit_format.name.span, f"the format `{visit_format.name.text}`"),)))


def _edition_of(bound: Bound, node) -> str | None:
    symbol = bound.symbols.get(node.name.text) if node is not None else None
    return symbol.edition if symbol is not None else None


def _format_guest_citations(visit_format: t.Format) -> tuple:
    return tuple(c for item in visit_format.items if isinstance(item, t.FormatGuest) for c in item.citations)


def _guard_text(guard: t.Guard) -> str:
    from .format import _condition

    return f"{'' if guard.keyword == 'when' else 'not '}{_condition(guard.condition)}"


def _check_people(bound: Bound, scenario: t.Scenario, facts: Facts, found) -> None:
    persons = [p for people in scenario.items if isinstance(people, t.People) for p in people.persons]
    spouse_sex = None
    if facts.principal is not None:
        spouse_sex = next((i.sex for i in facts.principal.items or () if isinstance(i, t.Spouse)), None)
    by_role = {p.role.text: p for p in persons}
    for person in persons:
        symbol = bound.lookup(person.role)
        if symbol is None or not isinstance(symbol.node, t.Role):
            continue
        levels = {a.level.text for a in person.attributes if isinstance(a, t.PersonLevel)}
        sexes = [a.sex for a in person.attributes if isinstance(a, t.PersonSex)]
        for item in symbol.node.items or ():
            if not isinstance(item, t.Requirement):
                continue
            need = item.requirement
            if isinstance(need, t.LevelRequirement) and need.level.text not in levels:
                found.append(diag.error(
                    "requirement-not-met", f"{person.name} fills `{person.role.text}`, which requires the level "
                    f"`{need.level.text}`", person.span, citation=cite(symbol.edition, item.citations),
                    hints=(f"add `level {need.level.text}` after the name if the person has it",)))
            elif isinstance(need, t.SexRequirement):
                wanted = need.sex
                if need.same_as is not None:
                    other = by_role.get(need.same_as.text)
                    other_sexes = [a.sex for a in other.attributes if isinstance(a, t.PersonSex)] if other else []
                    wanted = other_sexes[0] if other_sexes else (spouse_sex if "spouse" in need.same_as.text else None)
                if wanted and sexes and sexes[0] != wanted:
                    found.append(diag.error(
                        "requirement-not-met", f"{person.name} fills `{person.role.text}`, which requires a "
                        f"person who is {wanted}", person.span, citation=cite(symbol.edition, item.citations)))


def _checklist(bound: Bound, facts: Facts, calls, visit_format) -> tuple[ChecklistItem, ...]:
    """List the conditions to settle with the guest's side that the program or the rules depend on."""
    used: dict[str, tuple] = {}
    guards: list = []
    if visit_format is not None:
        guards += [(item.guard, item.citations) for item in visit_format.items if isinstance(item, t.Rule) and item.guard]
    for site in calls:
        if site.call.guard is not None:
            guards.append((site.call.guard, ()))
        symbol = bound.lookup(site.call.ref)
        if symbol is None or not isinstance(symbol.node, t.Ceremony):
            continue
        for item in symbol.node.items:
            if isinstance(item, t.Rule) and item.guard is not None:
                guards.append((item.guard, item.citations))
            elif isinstance(item, t.Step):
                for part in item.items or ():
                    if isinstance(part, t.StepGuard):
                        guards.append((part.guard, item.citations))
                    elif isinstance(part, t.Actors):
                        guards += [(a.guard, item.citations) for a in part.actors if a.guard is not None]
    for guard, citations in guards:
        for name in _condition_names(guard.condition):
            # The first place with articles is the one the checklist cites.
            if not used.get(name):
                used[name] = citations
    items = []
    for name, citations in sorted(used.items()):
        symbol = bound.symbols.get(name)
        if symbol is None or not isinstance(symbol.node, t.Condition):
            continue
        if symbol.node.settled_by in ("agreement", "request") and facts.conditions.get(name, UNKNOWN) == UNKNOWN:
            items.append(ChecklistItem(name, symbol.label, symbol.node.settled_by,
                                       cite(symbol.edition, citations or symbol.node.citations)))
    return tuple(items)


def _condition_names(expression) -> list[str]:
    if isinstance(expression, t.ConditionRef):
        return [expression.ref.text]
    if isinstance(expression, t.Negation):
        return _condition_names(expression.operand)
    return [name for operand in expression.operands for name in _condition_names(operand)]

