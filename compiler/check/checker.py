"""Check a bound scenario against the rules of its editions.

Formats: the guest kind, the modal rules (shall, shall not, may, as_a_rule)
under their conditions, the order they fix, the limits and windows, and the
deviations that may depart from them. People: what each role requires of the
person who fills it. Conditions left unknown keep both branches; those to be
settled by agreement or at the guest's request go on the agreement checklist.
"""

from __future__ import annotations

import difflib

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..model.facts import UNKNOWN, YES, Facts, gather_facts
from ..model.precedence import DEFAULT_ORDER, person_key, precedence_ranks
from ..model.program import CallSite, people_by_role, program_calls, step_participants
from ..resolve.bind import Bound
from .modal_rules import Arrangement, RuleChecker, cite
from ..tree.unparse import condition_text, guard_text


@frozen
class ChecklistItem:
    """A matter still to settle with the guest's side."""

    condition: str
    label: str
    settled_by: str
    citation: str | None
    item: str | None = None


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
    arrangements: tuple[Arrangement, ...] = ()


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
        _check_items_outside_format(bound, visit_format, calls, found)
    rules.check_ceremonies()
    rules.check_counts(scenario, visit_format)
    rules.check_calendar(scenario)
    rules.check_deviations()
    if calls and bound.first_date is None:
        found.append(diag.error("no-date", "the program has no date: give the visit an `arrive` moment or each "
                                "day a date", scenario.name.span))
    _check_people(bound, scenario, facts, found)
    _note_reconstructed_entries(bound, facts, calls, found)
    _check_order_of_persons(bound, scenario, facts, calls, found)
    checklist = _checklist(bound, facts, calls, visit_format)
    arrangements: dict[tuple, Arrangement] = {}
    for arrangement in rules.arrangements:
        arrangements.setdefault((arrangement.name, arrangement.modality, arrangement.condition), arrangement)
    return Checked(bound, scenario, facts, visit_format, calls, checklist, deviations, tuple(found),
                   tuple(arrangements.values()))


def _visit_format(bound: Bound, facts: Facts) -> t.Format | None:
    if isinstance(facts.visit, t.Visit):
        symbol = bound.lookup(facts.visit.format)
        if symbol is not None and isinstance(symbol.node, t.Format):
            return symbol.node
    return None


def _check_guest_kind(bound: Bound, facts: Facts, visit_format: t.Format, found) -> None:
    principal = facts.principal
    entries = [item for item in visit_format.items if isinstance(item, t.FormatGuest)]
    allowed = [ref.text for item in entries for ref in item.kinds]
    if principal is None or not allowed:
        return
    naming = [item for item in entries if principal.kind.text in (ref.text for ref in item.kinds)]
    if naming:
        _check_guest_condition(bound, facts, visit_format, naming, found)
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
                    f"a {principal.kind.text} may have the format `{visit_format.name.text}` only "
                    f"{guard_text(item.guard)}, which the scenario leaves unknown", principal.kind.span,
                    citation=cite(kind.edition, item.citations)))
                return
    found.append(diag.error(
        "guest-kind-not-allowed",
        f"the format `{visit_format.name.text}` is for {', '.join(allowed)}, not for {principal.kind.text}",
        principal.kind.span, citation=cite(_edition_of(bound, visit_format), _format_guest_citations(visit_format)),
        related=(diag.Related(visit_format.name.span, f"the format `{visit_format.name.text}`"),)))


def _check_guest_condition(bound: Bound, facts: Facts, visit_format: t.Format, naming: list, found) -> None:
    """Check the condition under which the format takes the principal's kind (`for X unless C`)."""
    values = [facts.value(item.guard) for item in naming]
    if YES in values:
        return
    principal, item = facts.principal, naming[0]
    condition = condition_text(item.guard.condition)
    takes = f"takes a {principal.kind.text} only when {condition}" if item.guard.keyword == "when" else \
        f"does not take a {principal.kind.text} when {condition}"
    citation = cite(_edition_of(bound, visit_format), item.citations)
    related = (diag.Related(item.span, f"the format `{visit_format.name.text}` {takes}"),)
    if UNKNOWN in values:
        found.append(diag.warning(
            "guest-kind-not-allowed", f"the format `{visit_format.name.text}` {takes}, which the scenario leaves "
            "unknown", principal.kind.span, citation=citation, related=related,
            hints=(f"state it in the principal's details or with `assume {_first_name(item.guard)} yes|no`",)))
        return
    found.append(diag.error(
        "guest-kind-not-allowed", f"the format `{visit_format.name.text}` {takes}, and here "
        f"{condition} {'does not hold' if item.guard.keyword == 'when' else 'holds'}", principal.kind.span,
        citation=citation, related=related))


def _first_name(guard: t.Guard) -> str:
    return _condition_names(guard.condition)[0]


def _check_items_outside_format(bound: Bound, visit_format: t.Format, calls, found) -> None:
    """Warn about library ceremonies in the program that the visit's format does not provide for.

    A format lists what its visits hold (a transit visit has no state banquet);
    ceremonies the scenario declares for itself (a private visit's own program)
    are its own business and are not reported.
    """
    named = {ref.text for item in visit_format.items if isinstance(item, t.Rule)
             for ref in (*(r for target in item.targets for r in target.refs),
                         *((item.relative_to.ref,) if item.relative_to else ()))}
    reported = set()
    for site in calls:
        symbol = bound.lookup(site.call.ref)
        if symbol is None or symbol.edition is None or site.name in named or site.name in reported:
            continue
        reported.add(site.name)
        found.append(diag.warning(
            "not-in-format", f"`{site.name}` is not among the items the format `{visit_format.name.text}` "
            "provides for", site.call.span, citation=cite(_edition_of(bound, visit_format), visit_format.citations),
            related=(diag.Related(visit_format.name.span, f"the format `{visit_format.name.text}`"),),
            hints=("leave it out, or declare the scenario's own ceremony if the parties agreed on something else",)))


def _edition_of(bound: Bound, node) -> str | None:
    symbol = bound.symbols.get(node.name.text) if node is not None else None
    return symbol.edition if symbol is not None else None


def _format_guest_citations(visit_format: t.Format) -> tuple:
    return tuple(c for item in visit_format.items if isinstance(item, t.FormatGuest) for c in item.citations)


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


def _note_reconstructed_entries(bound: Bound, facts: Facts, calls, found) -> None:
    """Say where the program orders people by a precedence entry that the library had to reconstruct:
    a step where a role of such an entry takes part with another role the table ranks."""
    table = bound.symbols.get("international" if isinstance(facts.visit, t.Visit) else "domestic")
    if table is None or not isinstance(table.node, t.Precedence):
        return
    ranks = [i for i in table.node.items if isinstance(i, t.Rank)]
    ranked = {role.text for rank in ranks for role in rank.roles}
    restored = {role.text: rank for rank in ranks if rank.reconstructed is not None for role in rank.roles}
    noted = set()
    for site, step, roles in step_participants(bound, facts, calls):
        present = set(roles) & ranked
        for role in sorted(present & set(restored)):
            if len(present) < 2 or role in noted:
                continue
            noted.add(role)
            rank = restored[role]
            found.append(diag.note(
                "reconstructed-entry", f"`{site.name}`" + (f" (step `{step}`)" if step else "")
                + f" orders `{role}` by entry {rank.number} of the precedence table `{table.name}`, which the "
                f"library reconstructed: {rank.reconstructed.text}", site.call.span,
                citation=cite(table.edition, rank.citations or table.node.citations),
                related=(diag.Related(rank.span, "the reconstructed entry"),)))


def _check_order_of_persons(bound: Bound, scenario: t.Scenario, facts: Facts, calls, found) -> None:
    """Check calls held for one person each of a role several people fill against the order their entry
    sets: `credentials_ceremony { newly_appointed_ambassador "..." }`, once per ambassador, in the order of
    their arrival (2024 art. 185) or of their agrément (2013 art. 198)."""
    people = people_by_role(scenario)
    ranking = precedence_ranks(bound, "international" if isinstance(facts.visit, t.Visit) else "domestic")
    held: dict[tuple[str, str], list[tuple]] = {}
    for site in sorted(calls, key=lambda s: s.order):
        for detail in site.call.details or ():
            persons = people.get(detail.name.text, [])
            if len(persons) < 2 or detail.label is None:
                continue
            person = next((p for p in persons if p.name == detail.label.text), None)
            if person is None:
                found.append(diag.error(
                    "unknown-name", f"no person called \"{detail.label.text}\" fills `{detail.name.text}` in the "
                    "scenario's people", detail.span,
                    hints=tuple(f"did you mean \"{m}\"?" for m in difflib.get_close_matches(
                        detail.label.text, [p.name for p in persons], n=1))))
                continue
            held.setdefault((site.name, detail.name.text), []).append((person, detail))
    for (ceremony, role), sequence in sorted(held.items()):
        order = ranking.orders.get(role, DEFAULT_ORDER)
        edition, citations = ranking.citations.get(role, (None, ()))
        for (before, _), (after, detail) in zip(sequence, sequence[1:]):
            if person_key(after, order) < person_key(before, order):
                found.append(diag.error(
                    "order-violated", f"{after.name} comes after {before.name} in the program, but the rules put "
                    f"the people of `{role}` in the order of {' then '.join(order).replace('_', ' ')}",
                    detail.span, citation=cite(edition, citations),
                    related=(diag.Related(after.span, f"{after.name} in the people"),
                             diag.Related(before.span, f"{before.name} in the people"))))


def _checklist(bound: Bound, facts: Facts, calls, visit_format) -> tuple[ChecklistItem, ...]:
    """List, item by item, what the program or the rules leave to settle with the guest's side.

    Each entry is one condition settled by agreement or at the guest's request
    for one item (a ceremony, a step, a quantity): the parties agree on each
    separately, so `assume parties_agree yes for wreath_laying` settles that
    item alone.
    """
    present = {site.name for site in calls}
    guards: list[tuple] = []  # (guard, citations, edition, item)
    ruled: dict[str, tuple] = {}  # ceremony -> (the format's rule that names it, edition)
    if visit_format is not None:
        edition = _edition_of(bound, visit_format)
        for item in visit_format.items:
            if isinstance(item, t.Rule):
                for ref in (r for target in item.targets for r in target.refs):
                    ruled.setdefault(ref.text, (item, edition))
            if isinstance(item, t.Rule) and item.guard is not None:
                for target in item.targets:
                    guards += [(item.guard, item.citations, edition, ref.text) for ref in target.refs
                               if item.modality != "may" or ref.text in present]
            elif isinstance(item, (t.Limit, t.Window)):
                name = item.quantity.text if isinstance(item, t.Limit) else item.event.text
                guards += [(guard, item.citations, edition, name) for guard in (item.guard,) if guard is not None]
    for site in calls:
        symbol = bound.lookup(site.call.ref)
        if site.call.guard is not None:
            # A condition written on the program line governs the ceremony: cite the format's
            # rule on it, else the ceremony itself, not the articles that declare the condition.
            rule = ruled.get(site.name)
            citations, edition = (rule[0].citations, rule[1]) if rule else (
                (symbol.node.citations, symbol.edition) if symbol is not None else ((), None))
            guards.append((site.call.guard, citations, edition, site.name))
        if symbol is None or not isinstance(symbol.node, t.Ceremony):
            continue
        for item in symbol.node.items:
            if isinstance(item, t.Rule) and item.guard is not None:
                guards += [(item.guard, item.citations, symbol.edition, f"{site.name}.{ref.text}")
                           for target in item.targets for ref in target.refs]
            elif isinstance(item, t.Step):
                step_item = f"{site.name}.{item.name.text}"
                for part in item.items or ():
                    inner = [part.guard] if isinstance(part, (t.StepGuard, t.Ordering)) else \
                        [a.guard for a in part.actors] if isinstance(part, t.Actors) else []
                    guards += [(guard, item.citations, symbol.edition, step_item) for guard in inner if guard]
    entries: dict[tuple[str, str], ChecklistItem] = {}
    for guard, citations, edition, item in guards:
        for name in _condition_names(guard.condition):
            symbol = bound.symbols.get(name)
            if (name, item) in entries or symbol is None or not isinstance(symbol.node, t.Condition):
                continue
            if symbol.node.settled_by not in ("agreement", "request") or facts.condition(name, item) != UNKNOWN:
                continue
            # The first place with articles is the one the checklist cites.
            entries[(name, item)] = ChecklistItem(
                name, symbol.label, symbol.node.settled_by,
                cite(edition, citations) or cite(symbol.edition, symbol.node.citations), item)
    return tuple(entry for _, entry in sorted(entries.items()))


def _condition_names(expression) -> list[str]:
    if isinstance(expression, t.ConditionRef):
        return [expression.ref.text]
    if isinstance(expression, t.Negation):
        return _condition_names(expression.operand)
    return [name for operand in expression.operands for name in _condition_names(operand)]

