"""Compare the parts of declarations: limits, windows, ceremonies and their steps, precedence, calendar, roles."""

from __future__ import annotations

from ..model import law
from ..model.values import Citation
from . import changes as c
from .changes import NEUTRAL, Change
from .compare import Subject, diff_permission, diff_rules, pair, words


def _amount(comparison: str, amount_text: str, unit: str | None) -> str:
    bound = {"<=": "up to", "<": "under", ">=": "at least", ">": "more than", "=": "exactly"}.get(comparison, comparison)
    return f"{bound} {amount_text}" + (f" {unit}" if unit else "")


def _same_direction(old: str, new: str) -> bool:
    return (old in ("<=", "<")) == (new in ("<=", "<")) and "=" not in (old, new)


def _quantity_verdict(old, new) -> str:
    if old.amount is None or new.amount is None or old.unit != new.unit:
        return NEUTRAL
    if not _same_direction(old.comparison, new.comparison):
        return NEUTRAL
    if old.amount == new.amount:
        # `> 0` and `>= 0`: the same number, a strict bound asks a little more.
        strict = {">": 1, ">=": 0, "<": 1, "<=": 0}
        if strict[new.comparison] == strict[old.comparison]:
            return NEUTRAL
        return c.STRICTER if strict[new.comparison] > strict[old.comparison] else c.LOOSER
    return c.amount_verdict(old.comparison, float(old.amount), float(new.amount))


def diff_limits(subject: Subject, old_limits, new_limits) -> list[Change]:
    """Return the changes of a format's limits (people, days, counts, yearly limits)."""
    found = []
    for old, new in pair(old_limits, new_limits, lambda q, _: (q.quantity, words(q.condition)),
                         lambda q, _: q.quantity):
        limit = old or new
        item = f"limit {limit.quantity}"
        if old is None or new is None:
            value = _amount(limit.comparison, limit.amount_text, limit.unit) + (
                f" {words(limit.condition)}" if limit.condition else "")
            action = "added" if old is None else "removed"
            found.append(subject.change("limit", action, item, value if old else None, value if new else None,
                                        old.citation if old else Citation(), new.citation if new else Citation(),
                                        c.STRICTER if old is None else c.LOOSER))
            continue
        before = _amount(old.comparison, old.amount_text, old.unit)
        after = _amount(new.comparison, new.amount_text, new.unit)
        if before != after:
            found.append(subject.change("limit", "changed", item, before, after, old.citation, new.citation,
                                        _quantity_verdict(old, new)))
        if words(old.condition) != words(new.condition):
            found.append(subject.change("condition", "changed", item, words(old.condition) or "always",
                                        words(new.condition) or "always", old.citation, new.citation,
                                        c.condition_verdict("shall", "shall", old.condition is not None,
                                                            new.condition is not None)))
        found += diff_permission(subject, item, old.permission, new.permission, old.citation, new.citation)
    return found


def diff_windows(subject: Subject, old_windows, new_windows, rename) -> list[Change]:
    """Return the changes of a format's windows (how long before an anchor an event must take place)."""
    def anchor(w, side):
        return (rename(w.anchor) or w.anchor) if side == "new" else w.anchor

    found = []
    for old, new in pair(old_windows, new_windows, lambda w, s: (w.event, w.relation, anchor(w, s)),
                         lambda w, _: w.event):
        window = old or new
        item = f"window {window.event}"
        if old is None or new is None:
            value = f"{_amount(window.comparison, window.amount_text, window.unit)} {window.relation} {window.anchor}"
            found.append(subject.change("window", "added" if old is None else "removed", item,
                                        value if old else None, value if new else None,
                                        old.citation if old else Citation(), new.citation if new else Citation(),
                                        c.STRICTER if old is None else c.LOOSER))
            continue
        before = f"{_amount(old.comparison, old.amount_text, old.unit)} {old.relation} {old.anchor}"
        after = f"{_amount(new.comparison, new.amount_text, new.unit)} {new.relation} {new.anchor}"
        if before != after:
            verdict = _quantity_verdict(old, new) if old.relation == new.relation == "before" else NEUTRAL
            found.append(subject.change("window", "changed", item, before, after, old.citation, new.citation,
                                        verdict))
        found += diff_permission(subject, item, old.permission, new.permission, old.citation, new.citation)
    return found


# ---- ceremonies ---------------------------------------------------------------------------------


def diff_ceremony(subject: Subject, old: law.Ceremony, new: law.Ceremony, rename) -> list[Change]:
    """Return the changes of a ceremony: its steps, their order, its place, duration and rules."""
    found = []
    for field in ("place", "responsible", "anchor"):
        before, after = getattr(old, field), getattr(new, field)
        if (rename(after) or after if after else None) != before:
            found.append(subject.change(field, "changed", field, before or "—", after or "—", old.declared.citation,
                                        new.declared.citation))
    if _minutes(old.duration) != _minutes(new.duration):
        found.append(subject.change("duration", "changed", "duration", _minutes(old.duration),
                                    _minutes(new.duration), _cite(old.duration, old), _cite(new.duration, new)))
    for old_step, new_step in pair(old.steps, new.steps, lambda s, _: s.name,
                                   lambda s, _: s.label.text if s.label else s.name):
        found += diff_step(subject, old_step, new_step, rename)
    found += _diff_orders(subject, old, new)
    found += diff_rules(subject, old.rules, new.rules, rename)
    return found


def _minutes(duration) -> str:
    if duration is None:
        return "—"
    return f"{duration.low} min" if duration.low == duration.high else f"{duration.low}-{duration.high} min"


def _cite(duration, ceremony) -> Citation:
    return duration.citation if duration is not None and duration.citation else ceremony.declared.citation


def diff_step(subject: Subject, old: law.Step | None, new: law.Step | None, rename) -> list[Change]:
    """Return the changes of one step: added, removed, its lead, participants, duration, modality, condition."""
    if old is None or new is None:
        step = old or new
        label = step.label.text if step.label else step.name
        action = "added" if old is None else "removed"
        optional = step.modality == "may"
        verdict = (c.LOOSER if optional else c.STRICTER) if action == "added" else (
            c.STRICTER if optional else c.LOOSER)
        return [subject.change("step", action, f"step {step.name}", label if old else None,
                               label if new else None, old.citation if old else Citation(),
                               new.citation if new else Citation(), verdict)]
    item, found = f"step {new.name}", []
    if old.name != new.name:
        found.append(subject.change("step", "changed", item, old.name, new.name, old.citation, new.citation))
    if old.lead != (rename(new.lead) or new.lead if new.lead else None):
        found.append(subject.change("lead", "changed", item, old.lead or "—", new.lead or "—", old.citation,
                                    new.citation))
    before = {a.role for a in old.actors}
    after = {rename(a.role) or a.role for a in new.actors}
    if before != after:
        found.append(subject.change("participants", "changed", item, _people(old), _people(new), old.citation,
                                    new.citation))
    if _minutes(old.duration) != _minutes(new.duration):
        found.append(subject.change("duration", "changed", item, _minutes(old.duration), _minutes(new.duration),
                                    old.citation, new.citation))
    if (old.modality or "shall") != (new.modality or "shall"):
        found.append(subject.change("modality", "changed", item, old.modality or "shall", new.modality or "shall",
                                    old.citation, new.citation,
                                    c.modality_verdict(old.modality or "shall", new.modality or "shall")))
    if words(old.condition) != words(new.condition):
        found.append(subject.change("condition", "changed", item, words(old.condition) or "always",
                                    words(new.condition) or "always", old.citation, new.citation,
                                    c.condition_verdict(old.modality or "shall", new.modality or "shall",
                                                        old.condition is not None, new.condition is not None)))
    if old.place != new.place:
        found.append(subject.change("place", "changed", item, old.place or "—", new.place or "—", old.citation,
                                    new.citation))
    return found


def _people(step: law.Step) -> str:
    return ", ".join(dict.fromkeys(a.role for a in step.actors)) or "—"


def _diff_orders(subject: Subject, old: law.Ceremony, new: law.Ceremony) -> list[Change]:
    """Return the orders between steps added or removed, one change per earlier step."""
    before = {(o.first, o.second): o for o in old.orders}
    after = {(o.first, o.second): o for o in new.orders}
    found = []
    for action, mine, other in (("removed", before, after), ("added", after, before)):
        gone: dict[str, list[law.StepOrder]] = {}
        for key, order in mine.items():
            if key not in other:
                gone.setdefault(order.first, []).append(order)
        for first in sorted(gone):
            text = f"{first} before " + ", ".join(sorted(o.second for o in gone[first]))
            citation = gone[first][0].citation
            found.append(subject.change("order", action, f"order of steps after {first}",
                                        text if action == "removed" else None, text if action == "added" else None,
                                        citation if action == "removed" else Citation(),
                                        citation if action == "added" else Citation(),
                                        c.STRICTER if action == "added" else c.LOOSER))
    return found


# ---- precedence, calendar, roles -----------------------------------------------------------------


def diff_precedence(subject: Subject, old: law.PrecedenceTable, new: law.PrecedenceTable, rename) -> list[Change]:
    """Return the roles added to, removed from, or moved in a precedence table, with both positions."""
    def positions(table, translate):
        out = {}
        for entry in table.entries:
            for role in entry.roles:
                out.setdefault(translate(role), (entry, role))
        return out

    before = positions(old, lambda r: r)
    after = positions(new, lambda r: rename(r) or r)
    found = []
    for role in sorted(set(before) | set(after)):
        was, now = before.get(role), after.get(role)
        if was is None or now is None:
            entry, shown = now or was
            action = "added" if was is None else "removed"
            found.append(subject.change("precedence", action, shown, f"{entry.number}" if was else None,
                                        f"{entry.number}" if now else None, was[0].citation if was else Citation(),
                                        now[0].citation if now else Citation()))
        elif was[0].number != now[0].number:
            found.append(subject.change("precedence", "moved", now[1], f"position {was[0].number}",
                                        f"position {now[0].number}", was[0].citation, now[0].citation))
    if old.tie_break != new.tie_break:
        found.append(subject.change("precedence", "changed", "tie-break", ", ".join(old.tie_break) or "—",
                                    ", ".join(new.tie_break) or "—", old.declared.citation, new.declared.citation))
    return found


def _date(rule: law.CalendarDate) -> str:
    if rule.day is not None:
        return f"{rule.day} {rule.month}"
    text = f"{rule.ordinal} {rule.weekday} of {rule.month}"
    return text + (f" {rule.year_offset}" if rule.year_offset else "") + (f" after {rule.after}" if rule.after else "")


def diff_calendar(subject: Subject, old: law.CalendarDate, new: law.CalendarDate) -> list[Change]:
    """Return the change of a date fixed by the rules."""
    if _date(old) == _date(new):
        return []
    return [subject.change("calendar", "changed", "date", _date(old), _date(new), old.declared.citation,
                           new.declared.citation)]


def diff_role(subject: Subject, old: law.Role, new: law.Role) -> list[Change]:
    """Return the requirements added to or removed from a role."""
    def shown(r: law.RoleRequirement) -> str:
        if r.level:
            return f"requires level {r.level}"
        return f"requires sex {r.sex or ''}" + (f" same_as {r.same_as}" if r.same_as else "")

    before = {shown(r): r for r in old.requirements}
    after = {shown(r): r for r in new.requirements}
    found = []
    for text in sorted(set(before) ^ set(after)):
        added = text in after
        found.append(subject.change("requirement", "added" if added else "removed", "requirement",
                                    None if added else text, text if added else None,
                                    Citation() if added else before[text].citation or old.declared.citation,
                                    after[text].citation or new.declared.citation if added else Citation(),
                                    c.STRICTER if added else c.LOOSER))
    return found
