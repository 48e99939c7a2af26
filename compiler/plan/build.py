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
from .parts import Labels, agreed, arrangements, checklist, contingencies, deviations, place, visit
from .types import Call as PlanCall
from .types import (FORMAT_VERSION, Detail, Edition, Lead, Moment, Note, Ordering, Participant, Place, Plan,
                    PrecedenceOverride, Reconstructed, Row, Scenario, Transfer)

EPOCH = datetime.datetime(1970, 1, 1)


class _Clock:
    """Local moments of UTC minutes in the event's zone; offsets change on whole hours at most."""

    def __init__(self, timeline: dict, zone: str) -> None:
        self.timeline, self.zone, self.offsets = timeline, zone, {}

    def moment(self, point: str) -> Moment | None:
        value = self.timeline.get(point)
        if value is None:
            return None
        hour = value // 60
        if hour not in self.offsets:
            self.offsets[hour] = from_utc_minutes(hour * 60, self.zone)[2]
        local = EPOCH + datetime.timedelta(minutes=value + self.offsets[hour])
        return Moment(date=local.date().isoformat(), time=local.strftime("%H:%M"),
                      utc_offset_minutes=self.offsets[hour], utc_minutes=value)


def build_plan(checked, timed) -> Plan:
    """Return the plan of a checked, scheduled scenario."""
    model = checked.model
    event, facts = model.event, model.facts
    labels = Labels(model)
    timeline = timed.schedule.timeline if timed.schedule else {}
    clock = _Clock(timeline, facts.zone)
    rows, calls = _drafts(labels, timed, clock)
    # Steps that start at one minute keep their ceremony's order (a step without a duration takes no
    # minutes of the timeline, so the next one in its sequence starts at the same minute).
    rows.sort(key=lambda r: (r["start"].utc_minutes if r["start"] else 0, r["track"] or "", r["_call_start"],
                             r["_call"], r["_rank"], r["cue"]))
    _number_in_time_order(rows)
    calls.sort(key=lambda c: (c["start"].utc_minutes if c["start"] else 0, c["track"] or "", c["cue"]))
    _mark_fixed(rows, timed)
    marked = deviations(labels, rows, calls)
    ways = _transfers(labels, timed, calls, clock)
    typed_rows, typed_calls = _link_calls(rows, calls)
    checklist_items = checklist(labels, checked.checklist)
    arranged = arrangements(labels, checked.arrangements)
    return Plan(
        format_version=FORMAT_VERSION,
        scenario=Scenario(name=event.name, label=labels.of(event.label, event.name)),
        visit=visit(labels),
        editions=tuple(Edition(ref=ref, language=language) for ref, language in model.editions),
        tzdata=tzdata_version(),
        time_zone=facts.zone,
        rows=typed_rows,
        calls=typed_calls,
        contingencies=tuple(contingencies(labels, typed_rows)),
        checklist=tuple(checklist_items),
        arrangements=tuple(arranged),
        deviations=tuple(marked),
        precedence_overrides=tuple(PrecedenceOverride(first=o.first, second=o.second, reason=o.reason)
                                   for o in event.overrides),
        agreed=tuple(agreed(event)),
        articles=tuple(cited_articles(_citations(rows, calls, checked, model), model.articles)),
        # What the compiler wants the reader to know although nothing is wrong: that an
        # order of people rests on a precedence entry restored from a defective text.
        notes=tuple(Note(code=d.code, message=d.message, citation=d.citation)
                    for d in checked.diagnostics if d.severity is Severity.NOTE),
        transfers=ways,
    )


def _drafts(labels: Labels, timed, clock: _Clock) -> tuple[list[dict], list[dict]]:
    """Return the fields of every row and call in the order of the schedule, with the links that tie them
    to each other and to the model (`_call`, `_step`, `_key`, `_ceremony`; `_citations`, `_restored` and
    `_citation` for the articles cited), which the Plan's classes leave out."""
    model = labels.model
    event, facts = model.event, model.facts
    ranks = precedence_ranks(model, precedence_table(event.visit))
    timeline = timed.schedule.timeline if timed.schedule else {}
    earliest = timed.schedule.earliest if timed.schedule else {}
    latest = timed.schedule.latest if timed.schedule else {}
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
            calls.append(_call_entry(labels, call, item, prefix, clock, timeline))
            if ceremony is not None and ceremony.steps:
                continue  # the ceremony is shown through its steps
        step = item.step
        number = [s.name for s in ceremony.steps].index(step.name) + 1 if step is not None else 0
        if id(step or call) not in static:
            static[id(step or call)] = _static_row(labels, call, step, ranks, names)
        condition = item.condition or (call.condition.branch if call.condition is not None
                                       and facts.value(call.condition, call.name) is UNKNOWN else None)
        # No duration from the law or the library: the step starts where its order puts it, and ends
        # when it is done; the sheet shows no end rather than an invented one.
        no_end = item.key in timed.open_ended
        rows.append({
            "cue": f"{prefix}-{number:02d}", "day": call.day, "track": call.track,
            "track_label": labels.of(call.track_label), "ceremony": call.name,
            **_for_this_call(static[id(step or call)], call, event.people),
            "start": clock.moment(f"{item.key}/s"),
            "end": None if no_end else clock.moment(f"{item.key}/e"),
            "earliest": earliest.get(f"{item.key}/s"), "latest": latest.get(f"{item.key}/s"),
            "fixed": False, "_call": call.key, "_step": step, "_rank": _rank_of(order_ranks, call, step),
            "_call_start": timeline.get(f"{call.key}/s", 0),
            "duration_minutes": None if no_end else _duration(timeline, item.key),
            "duration_estimated": False, "no_end": no_end,
            "duration_customary": bool(step is not None and step.duration is not None and step.duration.customary),
            "place": place(labels, call, step), "condition": condition,
            "details": tuple(Detail(kind=d.kind, label=labels.of(d.label)) for d in call.details),
            "deviations": [],
        })
    return rows, calls


def _citations(rows: list[dict], calls: list[dict], checked, model):
    """Yield (cue or None, citation) for everything in the plan that cites articles, in the plan's order."""
    for row in rows:
        for citation in row["_citations"]:
            yield row["cue"], citation
        for participant in row["participants"]:
            if participant.reconstructed is not None:
                yield row["cue"], row["_restored"][participant.role]
    for call in calls:
        yield None, call["_citation"]
    for item in (*checked.checklist, *checked.arrangements, *model.event.deviations):
        yield None, item.citation


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


def _call_entry(labels: Labels, call: Call, item, prefix: str, clock: _Clock, timeline: dict) -> dict:
    ceremony = call.ceremony
    return {
        "cue": prefix, "ceremony": call.name,
        "ceremony_label": labels.of(ceremony.declared.label if ceremony else None, call.name),
        "day": call.day, "track": call.track, "track_label": labels.of(call.track_label),
        "start": clock.moment(f"{item.key}/s"), "end": clock.moment(f"{item.key}/e"),
        "duration_minutes": _duration(timeline, item.key), "fixed": item.fixed,
        "condition": item.condition, "place": place(labels, call, None),
        "citation": labels.cite(ceremony.declared.citation) if ceremony else None,
        "unallocated_minutes": None, "rows": [], "deviations": [], "_key": call.key, "_ceremony": ceremony,
        "_citation": ceremony.declared.citation if ceremony else None,
    }


def _static_row(labels: Labels, call: Call, step: Step | None, ranks, names: dict[str, str]) -> dict:
    """Return the fields of a row that depend only on the step as this call holds it, not on its time."""
    model = labels.model
    facts, event, ceremony = model.facts, model.event, call.ceremony
    item = call.item(step) if step is not None else call.name
    roles = step.participants(facts, item) if step is not None else ()
    participants = order_participants([p.role for p in roles], labels.sort_text, event.people, ranks,
                                      event.overrides)
    alternative_of = {p.role: p.alternative_of for p in roles}
    ranked = len({p.rank for p in participants if p.rank is not None})  # a spouse shares a rank
    responsible = (step.responsible if step is not None else None) or (ceremony.responsible if ceremony else None)
    own_label = step.label if step is not None else (ceremony.declared.label if ceremony else None)
    citation = step.citation if step is not None else (ceremony.declared.citation if ceremony else None)
    orderings = [o for o in step.orderings if facts.value(o.condition, item) is not NO] if step is not None else []
    # Only where the entry decides an order: beside another ranked role.
    restored = {p.role: _reconstructed(labels, ranks, p.role) for p in participants} if ranked > 1 else {}
    return {
        "ceremony_label": labels.of(ceremony.declared.label if ceremony else None, call.name),
        "step": step.name if step is not None else None,
        "label": labels.of(own_label, call.name),
        "action": labels.of(step.action) if step is not None else None,
        "lead": _lead(labels, step.lead if step is not None else None, names),
        "participants": tuple(Participant(role=p.role, label=labels.named(p.role),
                                          person=p.person or names.get(p.role),
                                          alternative_of=alternative_of.get(p.role),
                                          reconstructed=restored[p.role][0] if restored.get(p.role) else None)
                              for p in participants),
        "trigger": labels.of(step.cue) if step is not None else None,
        "notes": tuple(labels.of(n) for n in step.notes) if step is not None else (),
        "responsible": responsible,
        "responsible_label": labels.named(responsible) if responsible else None,
        "orderings": tuple(_ordering(labels, o, item) for o in orderings),
        "citation": labels.cite(citation),
        # What the row cites, for the articles the plan quotes: its own and its orderings'; and what each
        # restored precedence entry it rests on cites.
        "_citations": (citation, *(o.citation for o in orderings)),
        "_restored": {role: found[1] for role, found in restored.items() if found},
    }


def _ordering(labels: Labels, ordering, item: str) -> Ordering:
    """Return an ordering rule of a step as the order to follow on the day."""
    order = tuple(ordering.names) if ordering.position is None else (f"{ordering.names[0]} {ordering.position}",)
    # The order holds only under this condition, which the scenario leaves open.
    condition = ordering.condition.branch if ordering.condition is not None \
        and labels.model.facts.value(ordering.condition, item) is UNKNOWN else None
    return Ordering(name=ordering.name, order=order, position=ordering.position,
                    # What each name stands for, where it is declared (a role, a kind of document); else its name.
                    order_labels=tuple(labels.named(name) for name in ordering.names),
                    condition=condition, condition_label=labels.named(condition.removeprefix("not "))
                    if condition else None, citation=labels.cite(ordering.citation))


def _lead(labels: Labels, role: str | None, names: dict[str, str]) -> Lead | None:
    if role is None:
        return None
    return Lead(role=role, label=labels.named(role), person=names.get(role))


def _reconstructed(labels: Labels, ranking, role: str):
    """Return the restored precedence entry that places `role` and its citation, if the library had to
    restore it; else None."""
    entry = ranking.reconstructed.get(role)
    if entry is None:
        return None
    citation = entry.citation or (ranking.table.declared.citation if ranking.table else None)
    return (Reconstructed(entry=entry.number, reason=labels.of(entry.reconstructed),
                          citation=labels.cite(citation)), citation)


def _for_this_call(row: dict, call: Call, people) -> dict:
    """Keep, of a role several people fill, the person a detail of this call names.

    `credentials_ceremony { newly_appointed_ambassador "Ambassador of Nordland" }`
    holds that ambassador's presentation: the other ambassadors are not in it.
    """
    chosen = {d.kind: d.label.text for d in call.details if len(people.get(d.kind, ())) > 1}
    if not chosen:
        return row
    return {**row, "participants": tuple(p for p in row["participants"]
                                         if p.role not in chosen or p.person == chosen[p.role])}


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


def _transfers(labels: Labels, timed, calls: list[dict], clock: _Clock) -> tuple[Transfer, ...]:
    """Return the ways between consecutive calls at different venues, with the travel and the free time."""
    cue_of = {call["_key"]: call["cue"] for call in calls}
    out = []
    for way in timed.transfers:
        if way.after not in cue_of or way.before not in cue_of:
            continue
        arrives = way.leaves + way.minutes if way.minutes is not None else None
        moments = _Clock({"leaves": way.leaves, "arrives": arrives} if arrives is not None
                         else {"leaves": way.leaves}, clock.zone)
        out.append(Transfer(after=cue_of[way.after], before=cue_of[way.before],
                            origin=Place(name=way.origin, label=labels.named(way.origin)),
                            destination=Place(name=way.destination, label=labels.named(way.destination)),
                            leaves=moments.moment("leaves"), arrives=moments.moment("arrives"),
                            minutes=way.minutes, gap_minutes=way.gap,
                            free_minutes=way.gap - way.minutes if way.minutes is not None else None,
                            too_short=way.minutes is not None and way.gap < way.minutes))
    return tuple(out)


def _link_calls(rows: list[dict], calls: list[dict]) -> tuple[tuple[Row, ...], tuple[Call, ...]]:
    """Return the rows and calls of the Plan, each call listing its rows by cue; the links are left out."""
    by_key = {call["_key"]: call for call in calls}
    for row in rows:
        call = by_key.get(row["_call"])
        if call is not None:
            call["rows"].append(row["cue"])
    _unallocated(rows, calls)
    return (tuple(Row(**_fields(row, deviations=tuple(row["deviations"]))) for row in rows),
            tuple(PlanCall(**_fields(call, rows=tuple(call["rows"]), deviations=tuple(call["deviations"])))
                  for call in calls))


def _fields(draft: dict, **typed) -> dict:
    """Return the fields of a draft row or call without its links (the keys that start with `_`)."""
    return {**{key: value for key, value in draft.items() if not key.startswith("_")}, **typed}


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
