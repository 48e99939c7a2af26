"""Build the Plan that every output is made from: rows in time order, with who, where, why.

The Plan reads only the model (the event as it will happen, deviations
applied) and the schedule; it never reaches back into the syntax tree. Its
shape is documented in docs/plan.md; `format_version` changes whenever a field
changes meaning.
"""

from __future__ import annotations

import datetime
import re

from ..clock import from_utc_minutes, tzdata_version
from ..diagnostics import Severity
from ..model.event import Call
from ..model.law import Step
from ..library.contract import GUEST, GUEST_SPOUSE, precedence_table
from ..model.precedence import order_participants, precedence_ranks
from ..model.values import NO, UNKNOWN
from .cited_articles import cited_articles
from .types import FORMAT_VERSION, Plan
from .parts import (agreed, arrangements, checklist, contingencies, deviations, label_json, named, place,
                    visit_json)

EPOCH = datetime.datetime(1970, 1, 1)


class _Clock:
    """Local moments of UTC minutes in the event's zone; offsets change on whole hours at most."""

    def __init__(self, timeline: dict, zone: str) -> None:
        self.timeline, self.zone, self.offsets = timeline, zone, {}

    def moment(self, point: str) -> dict | None:
        value = self.timeline.get(point)
        if value is None:
            return None
        hour = value // 60
        if hour not in self.offsets:
            self.offsets[hour] = from_utc_minutes(hour * 60, self.zone)[2]
        local = EPOCH + datetime.timedelta(minutes=value + self.offsets[hour])
        return {"date": local.date().isoformat(), "time": local.strftime("%H:%M"),
                "utc_offset_minutes": self.offsets[hour], "utc_minutes": value}


def build_plan(checked, timed) -> Plan:
    """Return the plan of a checked, scheduled scenario."""
    model = checked.model
    event, facts = model.event, model.facts
    ranks = precedence_ranks(model, precedence_table(event.visit))
    timeline = timed.schedule.timeline if timed.schedule else {}
    earliest = timed.schedule.earliest if timed.schedule else {}
    latest = timed.schedule.latest if timed.schedule else {}
    clock = _Clock(timeline, facts.zone)
    prefixes = _cue_prefixes(event.calls)
    names = _names(event)
    rows, calls = [], []
    static: dict[int, dict] = {}
    order_ranks: dict[str, dict[str, int]] = {}
    for item in timed.items:
        if item.key in timed.absent or item.key.split("/")[0] in timed.absent:
            continue
        call, ceremony = item.call, item.call.ceremony
        prefix = prefixes[call.index]
        if item.step is None:
            calls.append(_call_entry(model, call, item, prefix, clock, timeline))
            if ceremony is not None and ceremony.steps:
                continue  # the ceremony is shown through its steps
        step = item.step
        number = [s.name for s in ceremony.steps].index(step.name) + 1 if step is not None else 0
        if id(step or call) not in static:
            static[id(step or call)] = _static_row(model, call, step, ranks, names)
        condition = item.condition or (call.condition.branch if call.condition is not None
                                       and facts.value(call.condition, call.name) is UNKNOWN else None)
        # No duration from the law or the library: the step starts where its order puts it, and ends
        # when it is done; the sheet shows no end rather than an invented one.
        no_end = item.key in timed.open_ended
        rows.append({
            "cue": f"{prefix}-{number:02d}", "day": call.day, "track": call.track,
            "track_label": label_json(call.track_label), "ceremony": call.name,
            **_for_this_call(static[id(step or call)], call, event.people),
            "start": clock.moment(f"{item.key}/s"),
            "end": None if no_end else clock.moment(f"{item.key}/e"),
            "earliest": earliest.get(f"{item.key}/s"), "latest": latest.get(f"{item.key}/s"),
            "fixed": False, "_call": call.key, "_step": step, "_rank": _rank_of(order_ranks, call, step),
            "_call_start": timeline.get(f"{call.key}/s", 0),
            "duration_minutes": None if no_end else _duration(timeline, item.key),
            "duration_estimated": False, "no_end": no_end,
            "duration_customary": bool(step is not None and step.duration is not None and step.duration.customary),
            "place": place(model, call, step), "condition": condition,
            "details": [{"kind": d.kind, "label": label_json(d.label)} for d in call.details],
            "deviations": [],
        })
    # Steps that start at one minute keep their ceremony's order (a step without a duration takes no
    # minutes of the timeline, so the next one in its sequence starts at the same minute).
    rows.sort(key=lambda r: ((r["start"] or {}).get("utc_minutes", 0), r["track"] or "", r["_call_start"],
                             r["_call"], r["_rank"], r["cue"]))
    _number_in_time_order(rows)
    calls.sort(key=lambda c: ((c["start"] or {}).get("utc_minutes", 0), c["track"] or "", c["cue"]))
    _mark_fixed(rows, timed)
    marked = deviations(model, rows, calls)
    ways = _transfers(model, timed, calls, clock)
    _link_calls(rows, calls)
    _unallocated(rows, calls)
    plan = {
        "format_version": FORMAT_VERSION,
        "scenario": {"name": event.name, "label": label_json(event.label, event.name)},
        "visit": visit_json(model),
        "editions": [{"ref": ref, "language": language} for ref, language in model.editions],
        "tzdata": tzdata_version(),
        "time_zone": facts.zone,
        "rows": rows,
        "calls": calls,
        "contingencies": contingencies(model, rows),
        "checklist": checklist(model, checked.checklist),
        "arrangements": arrangements(model, checked.arrangements),
        "deviations": marked,
        "precedence_overrides": [{"first": o.first, "second": o.second, "reason": o.reason} for o in event.overrides],
        "agreed": agreed(event),
    }
    plan["articles"] = cited_articles(plan, model.articles)
    # What the compiler wants the reader to know although nothing is wrong: that an
    # order of people rests on a precedence entry restored from a defective text.
    plan["notes"] = [{"code": d.code, "message": d.message, "citation": d.citation}
                     for d in checked.diagnostics if d.severity is Severity.NOTE]
    plan["transfers"] = ways
    return Plan.from_json(plan)


def _names(event) -> dict[str, str]:
    """Return who fills each role: the people block first; the guest and the guest's spouse are named by
    the visit itself when the people block leaves them out."""
    names = {role: persons[0].name for role, persons in event.people.items()}
    principal = event.principal
    if principal is not None:
        names.setdefault(GUEST, principal.person)
        if principal.spouse is not None:
            names.setdefault(GUEST_SPOUSE, principal.spouse.name)
    return names


def _call_entry(model, call: Call, item, prefix: str, clock: _Clock, timeline: dict) -> dict:
    ceremony = call.ceremony
    return {
        "cue": prefix, "ceremony": call.name,
        "ceremony_label": label_json(ceremony.declared.label if ceremony else None, call.name),
        "day": call.day, "track": call.track, "track_label": label_json(call.track_label),
        "start": clock.moment(f"{item.key}/s"), "end": clock.moment(f"{item.key}/e"),
        "duration_minutes": _duration(timeline, item.key), "fixed": item.fixed,
        "condition": item.condition, "place": place(model, call, None),
        "citation": ceremony.declared.citation.text if ceremony else None,
        "unallocated_minutes": None, "rows": [], "deviations": [], "_key": call.key, "_ceremony": ceremony,
    }


def _static_row(model, call: Call, step: Step | None, ranks, names: dict[str, str]) -> dict:
    """Return the fields of a row that depend only on the step as this call holds it, not on its time."""
    facts, event, ceremony = model.facts, model.event, call.ceremony
    item = call.item(step) if step is not None else call.name
    roles = step.participants(facts, item) if step is not None else ()
    participants = order_participants([p.role for p in roles], lambda r: model.label(r).text, event.people, ranks,
                                      event.overrides)
    alternative_of = {p.role: p.alternative_of for p in roles}
    ranked = len({p.rank for p in participants if p.rank is not None})  # a spouse shares a rank
    responsible = (step.responsible if step is not None else None) or (ceremony.responsible if ceremony else None)
    own_label = step.label if step is not None else (ceremony.declared.label if ceremony else None)
    citation = step.citation if step is not None else (ceremony.declared.citation if ceremony else None)
    return {
        "ceremony_label": label_json(ceremony.declared.label if ceremony else None, call.name),
        "step": step.name if step is not None else None,
        "label": label_json(own_label, call.name),
        "action": label_json(step.action) if step is not None else None,
        "lead": _participant(model, step.lead if step is not None else None, names),
        "participants": [{**_participant(model, p.role, names), "person": p.person or names.get(p.role),
                          "alternative_of": alternative_of.get(p.role),
                          # Only where the entry decides an order: beside another ranked role.
                          "reconstructed": _reconstructed(ranks, p.role) if ranked > 1 else None}
                         for p in participants],
        "trigger": label_json(step.cue) if step is not None else None,
        "notes": [label_json(n) for n in step.notes] if step is not None else [],
        "responsible": responsible,
        "responsible_label": named(model, responsible) if responsible else None,
        "orderings": [_ordering(model, o, item) for o in step.orderings
                      if facts.value(o.condition, item) is not NO] if step is not None else [],
        "citation": citation.text if citation else None,
    }


def _ordering(model, ordering, item: str) -> dict:
    """Return an ordering rule of a step as the order to follow on the day."""
    order = list(ordering.names) if ordering.position is None else [f"{ordering.names[0]} {ordering.position}"]
    # The order holds only under this condition, which the scenario leaves open.
    condition = ordering.condition.branch if ordering.condition is not None \
        and model.facts.value(ordering.condition, item) is UNKNOWN else None
    return {"name": ordering.name, "order": order, "position": ordering.position,
            # What each name stands for, where it is declared (a role, a kind of document); else its name.
            "order_labels": [named(model, name) for name in ordering.names],
            "condition": condition, "condition_label": named(model, condition.removeprefix("not "))
            if condition else None, "citation": ordering.citation.text}


def _participant(model, role: str | None, names: dict[str, str]) -> dict | None:
    if role is None:
        return None
    return {"role": role, "label": named(model, role), "person": names.get(role)}


def _reconstructed(ranking, role: str) -> dict | None:
    """Return the restored precedence entry that places `role`, if the library had to restore it."""
    entry = ranking.reconstructed.get(role)
    if entry is None:
        return None
    citation = entry.citation or (ranking.table.declared.citation if ranking.table else None)
    return {"entry": entry.number, "reason": label_json(entry.reconstructed),
            "citation": citation.text if citation else None}


def _for_this_call(row: dict, call: Call, people) -> dict:
    """Keep, of a role several people fill, the person a detail of this call names.

    `credentials_ceremony { newly_appointed_ambassador "Ambassador of Nordland" }`
    holds that ambassador's presentation: the other ambassadors are not in it.
    """
    chosen = {d.kind: d.label.text for d in call.details if len(people.get(d.kind, ())) > 1}
    if not chosen:
        return row
    return {**row, "participants": [p for p in row["participants"]
                                    if p["role"] not in chosen or p["person"] == chosen[p["role"]]]}


def _mark_fixed(rows: list[dict], timed) -> None:
    """Mark the row a clock time fixes: the ceremony's anchor step (`anchor invitation`), else the first
    row of the call in time order."""
    fixed_calls = {item.key for item in timed.items if item.step is None and item.fixed}
    fixed_steps = {item.key.split("/")[0]: item.step for item in timed.items if item.step is not None and item.fixed}
    seen = set()
    for row in rows:
        call = row["_call"]
        if call in fixed_steps:
            row["fixed"] = row["_step"] is fixed_steps[call]
        else:
            row["fixed"] = call in fixed_calls and call not in seen
        seen.add(call)


def _rank_of(cache: dict, call: Call, step: Step | None) -> int:
    """Return the place of `step` in its call's order (0 for a call without steps), computed once a call."""
    if step is None:
        return 0
    if call.key not in cache:
        cache[call.key] = ranks_in_call(call)
    return cache[call.key].get(step.name, 0)


def ranks_in_call(call: Call) -> dict[str, int]:
    """Return each held step of a call (the Step object) with its place in the ceremony's order: the
    steps its orders put first come first; steps the orders leave free keep their declared order."""
    steps = list(call.steps)
    after: dict[str, set[str]] = {s.name: set() for s in steps}
    for order in call.orders:
        if order.first in after and order.second in after:
            after[order.second].add(order.first)
    placed: list[str] = []
    while len(placed) < len(steps):
        ready = next((s.name for s in steps if s.name not in placed and after[s.name] <= set(placed)), None)
        # A cycle (the scheduler reports it as a conflict): the rest keep their declared order.
        placed.append(ready if ready is not None else next(s.name for s in steps if s.name not in placed))
    rank = {name: index for index, name in enumerate(placed)}
    return rank


def _number_in_time_order(rows: list[dict]) -> None:
    """Number each call's rows in the order the sheet shows them, so that cue numbers run in time order."""
    counts: dict[str, int] = {}
    for row in rows:
        if row["_step"] is None:
            continue
        counts[row["_call"]] = counts.get(row["_call"], 0) + 1
        row["cue"] = f"{row['cue'].rsplit('-', 1)[0]}-{counts[row['_call']]:02d}"


def _unallocated(rows: list[dict], calls: list[dict]) -> None:
    """Give each call with steps the minutes of its time that no step with a duration takes."""
    minutes = {row["cue"]: row["duration_minutes"] for row in rows}
    for call in calls:
        if call["duration_minutes"] is None or not call["rows"] or call["rows"] == [call["cue"] + "-00"]:
            continue
        taken = sum(minutes[cue] or 0 for cue in call["rows"])
        call["unallocated_minutes"] = max(call["duration_minutes"] - taken, 0)


def _transfers(model, timed, calls: list[dict], clock: _Clock) -> list[dict]:
    """Return the ways between consecutive calls at different venues, with the travel and the free time."""
    cue_of = {call["_key"]: call["cue"] for call in calls}
    out = []
    for way in timed.transfers:
        if way.after not in cue_of or way.before not in cue_of:
            continue
        arrives = way.leaves + way.minutes if way.minutes is not None else None
        moments = _Clock({"leaves": way.leaves, "arrives": arrives} if arrives is not None
                         else {"leaves": way.leaves}, clock.zone)
        out.append({"after": cue_of[way.after], "before": cue_of[way.before],
                    "origin": {"name": way.origin, "label": named(model, way.origin)},
                    "destination": {"name": way.destination, "label": named(model, way.destination)},
                    "leaves": moments.moment("leaves"), "arrives": moments.moment("arrives"),
                    "minutes": way.minutes, "gap_minutes": way.gap,
                    "free_minutes": way.gap - way.minutes if way.minutes is not None else None,
                    "too_short": way.minutes is not None and way.gap < way.minutes})
    return out


def _link_calls(rows: list[dict], calls: list[dict]) -> None:
    """List each call's rows by cue, and drop the fields that only linked rows, calls and the model."""
    by_key = {call["_key"]: call for call in calls}
    for row in rows:
        call = by_key.get(row.pop("_call"))
        row.pop("_step"), row.pop("_rank"), row.pop("_call_start")
        if call is not None:
            call["rows"].append(row["cue"])
    for call in calls:
        del call["_key"], call["_ceremony"]


def _duration(timeline: dict, key: str) -> int | None:
    start, end = timeline.get(f"{key}/s"), timeline.get(f"{key}/e")
    return end - start if start is not None and end is not None else None


def _cue_prefixes(calls: tuple[Call, ...]) -> dict[int, str]:
    prefixes, used = {}, {}
    for call in calls:
        base = "".join(part[0] for part in re.split(r"_+", call.name) if part).upper()[:3] or "X"
        used[base] = used.get(base, 0) + 1
        prefixes[call.index] = base if used[base] == 1 else f"{base}{used[base]}"
    return prefixes
