"""Build the Plan that every output is made from: rows in time order, with who, where, why.

The Plan is plain data (dictionaries, lists, strings, integers) so that it
prints as stable JSON (`rasim plan FILE --format json`) and so that emitters
never reach back into the syntax tree. Its shape is documented in
docs/plan.md; `format_version` changes whenever a field changes meaning.
"""

from __future__ import annotations

import datetime
import re

from . import tree as t
from .check import Checked
from .clock import from_utc_minutes, tzdata_version
from .facts import NO, UNKNOWN
from .source_text import condition_text as _condition
from .precedence import order_participants, precedence_ranks
from .rules import cite
from .schedule import Timed

FORMAT_VERSION = 1
EPOCH = datetime.datetime(1970, 1, 1)


def build_plan(checked: Checked, timed: Timed) -> dict:
    """Return the plan of a checked, scheduled scenario as plain data."""
    scenario, facts, bound = checked.scenario, checked.facts, checked.bound
    people = {p.role.text: p for i in scenario.items if isinstance(i, t.People) for p in i.persons}
    overrides = tuple(i for i in scenario.items if isinstance(i, t.PrecedenceOverride))
    ranks = precedence_ranks(bound, "international" if isinstance(facts.visit, t.Visit) else "domestic")
    timeline = timed.schedule.timeline if timed.schedule else {}
    earliest = timed.schedule.earliest if timed.schedule else {}
    latest = timed.schedule.latest if timed.schedule else {}
    zone = facts.zone
    prefixes = _cue_prefixes(checked)

    offsets: dict[int, int] = {}

    def moment(point: str) -> dict | None:
        value = timeline.get(point)
        if value is None:
            return None
        # Offsets change on whole hours at most: look each hour up once.
        hour = value // 60
        if hour not in offsets:
            offsets[hour] = from_utc_minutes(hour * 60, zone)[2]
        local = EPOCH + datetime.timedelta(minutes=value + offsets[hour])
        return {"date": local.date().isoformat(), "time": local.strftime("%H:%M"),
                "utc_offset_minutes": offsets[hour], "utc_minutes": value}

    static: dict[int, dict] = {}

    rows = []
    for item in timed.items:
        if item.key in timed.absent or item.key.split("/")[0] in timed.absent:
            continue
        site = item.site
        ceremony = bound.lookup(site.call.ref)
        ceremony_node = ceremony.node if ceremony is not None and isinstance(ceremony.node, t.Ceremony) else None
        steps = [i for i in ceremony_node.items if isinstance(i, t.Step)] if ceremony_node else []
        if item.step is None and steps:
            continue  # the ceremony is shown through its steps
        prefix = prefixes[site]
        node = item.step or ceremony_node
        number = steps.index(item.step) + 1 if item.step is not None else 0
        if id(node) not in static:
            static[id(node)] = _static_row(item.step, node, ceremony_node, ceremony, site, bound, people, ranks,
                                           overrides, facts)
        fixed_row = static[id(node)]
        condition = item.condition or (
            _condition(site.call.guard.condition) if site.call.guard and facts.value(site.call.guard) == UNKNOWN
            else None)
        rows.append({
            "cue": f"{prefix}-{number:02d}",
            "day": site.day.number,
            "track": site.track,
            "ceremony": site.name,
            **fixed_row,
            "start": moment(f"{item.key}/s"),
            "end": moment(f"{item.key}/e"),
            "earliest": earliest.get(f"{item.key}/s"),
            "latest": latest.get(f"{item.key}/s"),
            "fixed": False,
            "_call": item.key.split("/")[0],
            "duration_minutes": _duration(timeline, item.key),
            "place": _place(bound, site, item.step, ceremony_node),
            "condition": condition,
            "details": [{"kind": d.name.text, "label": _label(d.label, None)} for d in site.call.details or ()],
        })
    rows.sort(key=lambda r: ((r["start"] or {}).get("utc_minutes", 0), r["track"] or "", r["cue"]))
    _mark_fixed(rows, timed)

    return {
        "format_version": FORMAT_VERSION,
        "scenario": {"name": scenario.name.text, "label": _label(scenario.label, scenario.name.text)},
        "visit": _visit(facts),
        "editions": [{"ref": e.ref, "language": e.language} for _, e in sorted(bound.editions.items())],
        "tzdata": tzdata_version(),
        "time_zone": zone,
        "rows": rows,
        "contingencies": _contingencies(rows, bound),
        "checklist": [{"condition": c.condition, "label": c.label, "settled_by": c.settled_by,
                       "citation": c.citation} for c in checked.checklist],
        "deviations": [{"target": d.target.text, "change": _label(d.change, None), "reason": d.reason,
                        "authority": d.authority.text, "citation": cite(_default(bound), d.citations)}
                       for d in checked.deviations],
        "precedence_overrides": [{"first": o.first.text, "second": o.second.text, "reason": o.reason}
                                 for o in overrides],
        "agreed": [{"item": a.item.text, "value": _value(a.value)} for a in scenario.items if isinstance(a, t.Agreed)],
    }


def _static_row(step, node, ceremony_node, ceremony, site, bound, people, ranks, overrides, facts) -> dict:
    """Return the fields of a row that depend only on the step, not on when it is called."""
    roles = _roles(step, facts) if step is not None else []
    lead = next((i.role.text for i in (step.items or ()) if isinstance(i, t.Lead)), None) if step else None
    participants = order_participants(roles, bound, people, ranks, overrides)
    return {
        "ceremony_label": _label(ceremony_node.label if ceremony_node else None, site.name),
        "step": step.name.text if step is not None else None,
        "label": _label(node.label if node is not None else None, site.name),
        "action": _label(_first(step, t.Action, "label"), None) if step is not None else None,
        "lead": _participant(lead, bound, people),
        "participants": [{"role": p.role, "label": p.label, "person": p.person} for p in participants],
        "trigger": _label(_first(step, t.Cue, "label"), None) if step is not None else None,
        "notes": [_label(n.label, None) for n in (step.items or ()) if isinstance(n, t.Note)] if step else [],
        "responsible": _responsible(step, ceremony_node),
        "orderings": [_ordering(o, ceremony) for o in (step.items or ()) if isinstance(o, t.Ordering)]
        if step is not None else [],
        "citation": cite(ceremony.edition if ceremony else None, node.citations if node is not None else ()),
    }


def _ordering(ordering: t.Ordering, ceremony) -> dict:
    """Return an ordering rule of a step as the order to follow on the day."""
    spec = ordering.spec
    order = [r.text for r in spec.refs] if isinstance(spec, t.OrderingChain) else [f"{spec.ref.text} {spec.position}"]
    return {"name": ordering.name.text, "order": order,
            "citation": cite(ceremony.edition if ceremony else None, ordering.citations)}


def _mark_fixed(rows: list[dict], timed: Timed) -> None:
    """Mark the row that opens each call fixed by a clock time: the first row of the call in time order."""
    fixed_calls = {item.key for item in timed.items if item.step is None and item.fixed}
    seen = set()
    for row in rows:
        call = row.pop("_call")
        row["fixed"] = call in fixed_calls and call not in seen
        seen.add(call)


def _default(bound) -> str | None:
    edition = bound.editions.get("state_protocol") or next(iter(bound.editions.values()), None)
    return edition.ref if edition else None


def _label(label: t.Label | None, fallback: str | None) -> dict | None:
    if label is None:
        return {"en": fallback, "kk": None} if fallback else None
    out = {"en": label.text, "kk": None}
    for translation in label.translations:
        out[translation.language] = translation.text
    return out


def _first(step, kind, field):
    found = next((i for i in (step.items or ()) if isinstance(i, kind)), None) if step is not None else None
    return getattr(found, field) if found is not None else None


def _roles(step: t.Step, facts) -> list[str]:
    """Return the lead and the actors of `step`, leaving out actors whose condition does not hold."""
    roles = []
    for entry in step.items or ():
        if isinstance(entry, t.Lead):
            roles.append(entry.role.text)
        elif isinstance(entry, t.Actors):
            roles += [actor.ref.text for actor in entry.actors if facts.value(actor.guard) != NO]
    return roles


def _participant(role: str | None, bound, people) -> dict | None:
    if role is None:
        return None
    symbol = bound.symbols.get(role)
    person = people.get(role)
    return {"role": role, "label": symbol.label if symbol else role, "person": person.name if person else None}


def _responsible(step, ceremony) -> str | None:
    for node in (step, ceremony):
        found = _first(node, t.Responsible, "unit") if node is not None else None
        if found is not None:
            return found.text
    return None


def _place(bound, site, step, ceremony) -> dict | None:
    ref = _first(step, t.Venue, "place") if step is not None else None
    ref = ref or site.call.place or (_first(ceremony, t.Venue, "place") if ceremony else None)
    if ref is None:
        return None
    symbol = bound.lookup(ref)
    return {"name": ref.text, "label": _label(symbol.node.label if symbol else None, ref.text)}


def _duration(timeline: dict, key: str) -> int | None:
    start, end = timeline.get(f"{key}/s"), timeline.get(f"{key}/e")
    return end - start if start is not None and end is not None else None


def _cue_prefixes(checked: Checked) -> dict:
    prefixes, used = {}, {}
    for site in checked.calls:
        base = "".join(part[0] for part in re.split(r"_+", site.name) if part).upper()[:3] or "X"
        used[base] = used.get(base, 0) + 1
        prefixes[site] = base if used[base] == 1 else f"{base}{used[base]}"
    return prefixes


def _visit(facts) -> dict | None:
    if facts.visit is None:
        return None
    principal = facts.principal
    out = {"kind": "visit" if isinstance(facts.visit, t.Visit) else "occasion",
           "format": facts.visit.format.text if isinstance(facts.visit, t.Visit) else facts.visit.kind.text,
           "principal": principal.person if principal else None,
           "guest_kind": principal.kind.text if principal else None,
           "country": principal.country if principal else None}
    for name in ("arrival", "departure"):
        moment = facts.events.get(name)
        out[name] = {"date": moment.date, "time": moment.time, "zone": moment.timezone or facts.zone} \
            if moment else None
    return out


def _contingencies(rows: list[dict], bound) -> list[dict]:
    by_condition: dict[str, list[str]] = {}
    for row in rows:
        if row["condition"]:
            by_condition.setdefault(row["condition"], []).append(row["cue"])
    out = []
    for condition, cues in sorted(by_condition.items()):
        negated = condition.startswith("not ")
        symbol = bound.symbols.get(condition.removeprefix("not "))
        label = symbol.label if symbol else condition.removeprefix("not ")
        out.append({"condition": condition, "label": f"not: {label}" if negated else label, "rows": cues})
    return out


def _value(value) -> str:
    if isinstance(value, t.TextValue):
        return value.text
    if isinstance(value, t.RefValue):
        return value.ref.text
    return f"{value.number} {value.unit}" if value.unit else value.number
