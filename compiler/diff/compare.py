"""Compare two editions' lowered declarations and return their changes, classified.

Declarations are paired by `correspondences` (compiler/diff/match.py); the
items inside them (rules, limits, windows, steps, precedence entries) by what
they are about, with names of the new side read through the same
correspondences so that a renamed ceremony is still the same target. Models
are compared, never text: wording and layout do not make a change.
"""

from __future__ import annotations

from typing import Callable, Iterable

from attrs import frozen

from ..model import law
from ..model.values import Citation
from . import changes as c
from .changes import NEUTRAL, Change
from .match import matches


@frozen
class Subject:
    """The declaration the changes are about, on both sides, and how it was paired."""

    label: str
    name: str
    old_name: str | None
    probable: bool

    def change(self, kind: str, action: str, item: str, old: str | None, new: str | None, old_citation: Citation,
               new_citation: Citation, verdict: str = NEUTRAL) -> Change:
        """Return a change of this declaration."""
        return Change(self.label, self.name, self.old_name, kind, action, item, old, new, old_citation,
                      new_citation, verdict, self.probable)


def diff_views(old, new) -> list[Change]:
    """Return every change from the library view `old` to `new`, in the order of the new side's names."""
    paired = matches(old, new)
    rename = {p.new: p.old for p in paired}
    continued = set(rename.values())
    found: list[Change] = []
    for pair in paired:
        subject = Subject(_label(new.models[pair.new]), pair.new, pair.old if pair.old != pair.new else None,
                          pair.evidence == "meaning")
        if pair.old != pair.new:
            found.append(subject.change("name", "renamed", new.kinds[pair.new], pair.old, pair.new,
                                        _citation(old.models[pair.old]), _citation(new.models[pair.new])))
        found += diff_declaration(subject, old.models[pair.old], new.models[pair.new], rename.get)
    for name in sorted(set(new.models) - set(rename)):
        model = new.models[name]
        found.append(Subject(_label(model), name, None, False).change(
            new.kinds[name], "added", new.kinds[name], None, _label(model), Citation(), _citation(model)))
    for name in sorted(set(old.models) - continued):
        model = old.models[name]
        found.append(Subject(_label(model), name, None, False).change(
            old.kinds[name], "removed", old.kinds[name], _label(model), None, _citation(model), Citation()))
    return found


def diff_declaration(subject: Subject, old, new, rename: Callable[[str], str | None]) -> list[Change]:
    """Return the changes between two paired declarations of one kind."""
    from . import compare_parts as parts

    if isinstance(old, law.Format) and isinstance(new, law.Format):
        found = diff_format(subject, old, new, rename)
    elif isinstance(old, law.Ceremony) and isinstance(new, law.Ceremony):
        found = parts.diff_ceremony(subject, old, new, rename)
    elif isinstance(old, law.PrecedenceTable) and isinstance(new, law.PrecedenceTable):
        found = parts.diff_precedence(subject, old, new, rename)
    elif isinstance(old, law.CalendarDate) and isinstance(new, law.CalendarDate):
        found = parts.diff_calendar(subject, old, new)
    elif isinstance(old, law.Role) and isinstance(new, law.Role):
        found = parts.diff_role(subject, old, new)
    else:
        found = []
    old_citation, new_citation = _citation(old), _citation(new)
    if not found and _numbers(old_citation) != _numbers(new_citation):
        found.append(subject.change("renumbered", "renumbered", "renumbered articles", None, None, old_citation, new_citation))
    return found


def _numbers(citation: Citation) -> tuple[str, ...]:
    return tuple(ref.number for ref in citation.refs)


def _label(model) -> str:
    declared = model if isinstance(model, law.Declared) else getattr(model, "declared", None)
    return declared.label_or_name().text if declared is not None else ""


def _citation(model) -> Citation:
    declared = model if isinstance(model, law.Declared) else getattr(model, "declared", None)
    return declared.citation if declared is not None else Citation()


def pair(old: Iterable, new: Iterable, *keys: Callable) -> list[tuple[object | None, object | None]]:
    """Pair the items of `old` and `new` by the first key that matches (in order), the rest alone."""
    left, right = list(old), list(new)
    paired: list[tuple[object | None, object | None]] = []
    for key in keys:
        for item in list(right):
            wanted = key(item, "new")
            match = next((o for o in left if key(o, "old") == wanted), None)
            if match is not None:
                paired.append((match, item))
                left.remove(match)
                right.remove(item)
    return paired + [(o, None) for o in left] + [(None, n) for n in right]


def words(condition) -> str:
    """Return a condition as written, "" for none."""
    return condition.words if condition is not None else ""


# ---- formats -------------------------------------------------------------------------------


@frozen
class Clause:
    """One target of a modal rule, as the diff compares it: `shall airport_welcome § 19`."""

    modality: str
    names: tuple[str, ...]  # the target's names, read through the correspondences on the new side
    shown: str  # the target as the new (or old) side writes it
    relation: str | None
    relative_to: str | None
    condition: object
    permission: law.Permission | None
    citation: Citation


def clauses(rules: Iterable[law.Rule], translate: Callable[[str], str]) -> list[Clause]:
    """Return one clause per target of each rule (`as_a_rule a, b` holds for a and for b)."""
    out = []
    for rule in rules:
        for target in rule.targets:
            joiner = " or " if target.one_of else " then "
            out.append(Clause(rule.modality, tuple(translate(n) for n in target.names), joiner.join(target.names),
                              rule.relation, translate(rule.relative_to) if rule.relative_to else None,
                              rule.condition, rule.permission, rule.citation))
    return out


def diff_rules(subject: Subject, old_rules, new_rules, rename) -> list[Change]:
    """Return the changes between two lists of modal rules: added, removed, modality, condition, order, deviation."""
    translate = _translator(rename)
    pairs = pair(clauses(old_rules, str), clauses(new_rules, translate),
                 lambda r, _: (r.names, words(r.condition), r.modality), lambda r, _: (r.names, words(r.condition)),
                 lambda r, _: r.names)
    found = []
    for old, new in pairs:
        if old is None or new is None:
            rule = old or new
            action = "added" if old is None else "removed"
            value = _modal(rule)
            verdict = c.modality_verdict(None, rule.modality)
            verdict = verdict if action == "added" else c.opposite(verdict)
            found.append(subject.change("rule", action, rule.shown, None if old is None else value,
                                        value if old is None else None, old.citation if old else Citation(),
                                        new.citation if new else Citation(), verdict))
            continue
        item = new.shown
        if old.modality != new.modality:
            found.append(subject.change("modality", "changed", item, old.modality, new.modality, old.citation,
                                        new.citation, c.modality_verdict(old.modality, new.modality)))
        if words(old.condition) != words(new.condition):
            verdict = c.condition_verdict(old.modality, new.modality, old.condition is not None,
                                          new.condition is not None)
            found.append(subject.change("condition", "changed", item, words(old.condition) or "always",
                                        words(new.condition) or "always", old.citation, new.citation, verdict))
        if (old.relation, old.relative_to) != (new.relation, new.relative_to):
            found.append(subject.change("order", "changed", item, _relative(old), _relative(new), old.citation,
                                        new.citation, _order_verdict(old, new)))
        found += diff_permission(subject, item, old.permission, new.permission, old.citation, new.citation)
    return found


def _modal(rule: Clause) -> str:
    text = f"{rule.modality} {rule.shown}"
    if rule.relation:
        text += f" {rule.relation} {rule.relative_to}"
    return text + (f" {rule.condition.words}" if rule.condition is not None else "")


def _relative(rule: Clause) -> str:
    return f"{rule.relation} {rule.relative_to}" if rule.relation else "in any order"


def _order_verdict(old: Clause, new: Clause) -> str:
    if old.relation is None:
        return c.STRICTER
    if new.relation is None:
        return c.LOOSER
    return NEUTRAL


def _translator(rename) -> Callable[[str], str]:
    return lambda name: rename(name) or name


def diff_permission(subject: Subject, item: str, old: law.Permission | None, new: law.Permission | None,
                    old_citation: Citation, new_citation: Citation) -> list[Change]:
    """Return the changes of who may allow a deviation from an item, and which edits."""
    old = old if old is not None and old.source != "as_a_rule" else None
    new = new if new is not None and new.source != "as_a_rule" else None
    if old is None and new is None:
        return []
    if old is None or new is None:
        verdict = c.LOOSER if old is None else c.STRICTER
        return [subject.change("deviation", "added" if old is None else "removed", item,
                               _permission(old) if old else None, _permission(new) if new else None,
                               old_citation, new_citation, verdict)]
    found = []
    if old.authorities != new.authorities or words(old.condition) != words(new.condition):
        found.append(subject.change("deviation", "changed", item, _permission(old), _permission(new), old_citation,
                                    new_citation))
    if set(old.edits or law.EDIT_KINDS) != set(new.edits or law.EDIT_KINDS):
        found.append(subject.change("deviation", "changed", f"{item} (edits)", _edits(old), _edits(new),
                                    old_citation, new_citation, c.edits_verdict(old.edits, new.edits)))
    return found


def _permission(permission: law.Permission) -> str:
    text = "deviable_by " + ", ".join(permission.authorities or ("anyone",))
    return text + (f" {permission.condition.words}" if permission.condition is not None else "")


def _edits(permission: law.Permission) -> str:
    return "changing " + ", ".join(permission.edits) if permission.edits else "any edit"


def diff_format(subject: Subject, old: law.Format, new: law.Format, rename) -> list[Change]:
    """Return the changes between two visit formats: guests, rules, limits, windows, host."""
    from .compare_parts import diff_limits, diff_windows

    found = []
    old_guests = {(g.kinds, words(g.condition)): g for g in old.guests}
    new_guests = {(g.kinds, words(g.condition)): g for g in new.guests}
    for key in sorted(set(old_guests) | set(new_guests)):
        if (key in old_guests) != (key in new_guests):
            guest = old_guests.get(key) or new_guests[key]
            text = "for " + ", ".join(key[0]) + (f" {key[1]}" if key[1] else "")
            action = "added" if key in new_guests else "removed"
            found.append(subject.change("guests", action, "guests", text if action == "removed" else None,
                                        text if action == "added" else None,
                                        guest.citation if action == "removed" else Citation(),
                                        guest.citation if action == "added" else Citation()))
    found += diff_rules(subject, old.rules, new.rules, rename)
    found += diff_limits(subject, old.limits, new.limits)
    found += diff_windows(subject, old.windows, new.windows, rename)
    if old.on_behalf_of != new.on_behalf_of:
        found.append(subject.change("host", "changed", "on behalf of", old.on_behalf_of or "—",
                                    new.on_behalf_of or "—", old.declared.citation, new.declared.citation))
    return found
