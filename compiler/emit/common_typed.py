"""Derive what several outputs share from a typed Plan (compiler/plan/types.py): roles, venues, branches, times.

These are common.py's helpers over the Plan's classes instead of its JSON
form, under the same names: the outputs that read attributes (timeline_text,
timeline_json, swimlane, diagram, build) import them from here, the others
still use common.py's dict versions, which go once the last of them is
converted. The helpers that take no part of the Plan (clean, humanize,
condition_text...) stay in common.py and serve both.
"""

from __future__ import annotations

from attrs import frozen

from ..clock import ClockError, to_utc_minutes
from ..plan.types import Call, DeviationMark, Label, Plan, Row
from .common import Role, clean, condition_parts, humanize, merge_orders


@frozen
class Box:
    """A contingency box: a condition left unknown and the rows of either answer."""

    id: str
    condition: str
    label: Label  # the condition's own label: show it with label.text(lang)
    when_yes: tuple[str, ...]
    when_no: tuple[str, ...]


def call_of(row: Row) -> str:
    """Return the cue prefix that names the ceremony call a row belongs to (AW2 of AW2-03)."""
    return row.cue.rsplit("-", 1)[0]


def venue_of(item: Row | Call) -> str | None:
    """Return the venue of a row or call: the first part of its dotted place (akorda of akorda.podium)."""
    return item.place.name.split(".")[0] if item.place is not None and item.place.name else None


def row_roles(row: Row) -> list[str]:
    """Return the roles of a row: the lead first, then the participants in order of precedence."""
    found = [row.lead.role] if row.lead is not None else []
    found += [p.role for p in row.participants if p.role not in found]
    return found


def roles(plan: Plan, lang: str) -> list[Role]:
    """Return every role of the program, labelled in `lang`, in the order of precedence the rows agree on.

    A role several people fill (the ambassadors at a credentials ceremony) is
    one role, its `person` the names of all of them in order of precedence.
    """
    labels: dict[str, str] = {}
    persons: dict[str, dict[str, None]] = {}
    after: dict[str, set[str]] = {}
    for row in plan.rows:
        for person in ((row.lead,) if row.lead is not None else ()) + row.participants:
            name = person.role
            labels[name] = person.label.text(lang) or name
            persons.setdefault(name, {})
            if person.person:
                persons[name][clean(person.person)] = None
            after.setdefault(name, set())
        ordered = [p.role for p in row.participants]
        for earlier, later in zip(ordered, ordered[1:]):
            after[earlier].add(later)
    return [Role(name, labels[name], "; ".join(persons[name]) or None)
            for name in merge_orders(list(labels), after)]


def duration_text(row: Row) -> str:
    """Return a row's minutes, "—" when the step has no duration in the rules and so no end."""
    if row.no_end:
        return "—"
    minutes = str(row.duration_minutes or 0)
    if row.duration_customary:
        return f"~{minutes}"
    return f"≈{minutes}" if row.duration_estimated else minutes


def venues(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """Return the venues of the program as (name, label), in order of first use."""
    labels: dict[str, str] = {}
    order: list[str] = []
    for row in plan.rows:
        name = venue_of(row)
        if name is None:
            continue
        if name not in order:
            order.append(name)
        if row.place.name == name and name not in labels:
            labels[name] = row.place.label.text(lang)
    return [(name, labels.get(name) or humanize(name)) for name in order]


def boxes(plan: Plan) -> list[Box]:
    """Return one contingency box per unknown condition, numbered B1, B2... in order of first row."""
    first_row = {row.cue: i for i, row in enumerate(plan.rows)}
    grouped: dict[str, dict] = {}
    for item in plan.contingencies:
        base, positive = condition_parts(item.condition)
        entry = grouped.setdefault(base, {"label": item.label, "yes": (), "no": ()})
        entry["yes" if positive else "no"] = item.rows
    order = sorted(grouped, key=lambda b: min((first_row.get(c, 0) for c in grouped[b]["yes"] + grouped[b]["no"]),
                                              default=0))
    return [Box(f"B{i}", base, grouped[base]["label"], grouped[base]["yes"], grouped[base]["no"])
            for i, base in enumerate(order, 1)]


def calls_by_cue(plan: Plan) -> dict[str, Call]:
    """Return the plan's ceremony calls by their cue prefix (AW2 of AW2-03)."""
    return {call.cue: call for call in plan.calls}


def own_deviations(row: Row, call: Call | None) -> list[DeviationMark]:
    """Return the deviations of `row` that are not the whole call's: those of its own step.

    A deviation from a whole ceremony is on every row of the call; the outputs
    show it once, with the call, and keep only the step's own on the row.
    """
    on_call = {d.id for d in call.deviations} if call is not None else set()
    return [d for d in row.deviations if d.id not in on_call]


def named(label: Label | None, name: str | None, lang: str) -> str:
    """Return `label` in `lang`, or `name` as words when the label is missing or only repeats the bare name."""
    shown = label.text(lang) if label is not None else ""
    return humanize(name) if not shown or shown == name else shown


def track_text(item: Row | Call, lang: str) -> str:
    """Return the label of the parallel track of a row or call in `lang`, "" for the main program."""
    return named(item.track_label, item.track, lang) if item.track else ""


def span(item: Row | Call) -> str:
    """Return the local time span of a row or call, "11:00–11:45", or only its start when it takes no time."""
    start = item.start.time if item.start is not None else ""
    end = item.end.time if item.end is not None else ""
    return f"{start}–{end}" if start and end and end != start else start


def arrival_minutes(plan: Plan) -> int | None:
    """Return the guest's arrival in UTC minutes, or None when the plan has no arrival."""
    arrival = plan.visit.arrival if plan.visit is not None else None
    if arrival is None or not arrival.time:
        return None
    try:
        return to_utc_minutes(arrival.date, arrival.time, arrival.zone or plan.time_zone)
    except ClockError:
        return None


def relative_time(row: Row, arrival: int | None) -> str:
    """Return a row's start counted from the arrival, as +HH:MM (hours may pass 24), or ""."""
    if arrival is None or row.start is None:
        return ""
    minutes = row.start.utc_minutes - arrival
    sign = "+" if minutes >= 0 else "\u2212"
    return f"{sign}{abs(minutes) // 60}:{abs(minutes) % 60:02d}"


def date_span(plan: Plan) -> str:
    """Return the first and last dates of the program, "2027-05-11 – 2027-05-13"."""
    dates = sorted({row.start.date for row in plan.rows if row.start is not None})
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
