"""Derive what several outputs share from a Plan (compiler/plan/types.py): texts, roles, venues, branches, times.

Everything here reads the Plan's attributes and returns plain data or small
frozen records; nothing looks at the syntax tree. The helpers are shared so
that a role, a venue or a branch box has the same name and number in the
run-sheet, the calendar, the swimlanes and the diagrams.
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import frozen

from ..clock import ClockError, to_utc_minutes
from ..library.contract import GUEST_ROLES
from ..plan.types import Call, Citation, DeviationMark, Label, Ordering, Plan, Row
from .names import file_stems, slug  # noqa: F401  (slug is shared from here by the emitters)
from .words import words

_GUEST_SIDE = GUEST_ROLES  # as compiler/model/precedence.py puts them first
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


@frozen
class Role:
    """A role that takes part in the program, with its label in one language and the person filling it."""

    name: str
    label: str
    person: str | None


@frozen
class Place:
    """One place among a row's participants: a role, or roles any of which may fill it, and the people in it."""

    roles: tuple[str, ...]  # `flower_girl or flower_young_man` is one place of two roles
    label: str  # "Girl ... and (or) Young man ..." in one language
    persons: tuple[str, ...]  # everyone named for it, in order of precedence
    restored: bool = False  # its position rests on a precedence entry the library restored (reconstructed)


@frozen
class Box:
    """A contingency box: a condition left unknown and the rows of either answer."""

    id: str
    condition: str
    label: Label  # the condition's own label: show it with text(label, lang)
    when_yes: tuple[str, ...]
    when_no: tuple[str, ...]


def text(label: Label | None, lang: str) -> str:
    """Return `label` in `lang`, falling back to English, "" for no label; control characters as spaces."""
    return label.text(lang) if label is not None else ""


def citation_text(citation: Citation | None) -> str:
    """Return a citation as printed (`§ 10, 41 of state_protocol@2013`), "" for none."""
    return clean(citation.text) if citation is not None else ""


def clean(value: str) -> str:
    """Return `value` without control characters, which no output format wants."""
    return _CONTROL.sub(" ", value)


def humanize(name: str | None) -> str:
    """Return a dotted, underscored name (ministry_of_foreign_affairs) as words for a reader."""
    if not name:
        return ""
    words_ = clean(name).replace(".", " ").replace("_", " ").strip()
    return words_[:1].upper() + words_[1:]


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


def places(row: Row, lang: str) -> list[Place]:
    """Return a row's participants as the places to fill, in order of precedence, labelled in `lang`.

    The Plan gives one entry per person: a role several people fill comes
    several times (each with its `person`), and a role that is an alternative
    (`flower_girl or flower_young_man`) comes with `alternative_of`. Both are
    folded into one place: "Girl ... and (or) Young man ...", or the role with
    all its people.
    """
    found: list[dict] = []
    by_role: dict[str, dict] = {}
    for person in row.participants:
        role = person.role
        place = by_role.get(role) or by_role.get(person.alternative_of or "")
        if place is None:
            place = {"roles": [], "labels": [], "persons": [], "restored": False}
            found.append(place)
        if role not in place["roles"]:
            place["roles"].append(role)
            place["labels"].append(person.label.text(lang) or humanize(role))
        by_role[role] = place
        place["restored"] = place["restored"] or person.reconstructed is not None
        named_person = clean(person.person or "")
        if named_person and named_person not in place["persons"]:
            place["persons"].append(named_person)
    return [Place(tuple(p["roles"]), and_or(p["labels"], lang), tuple(p["persons"]), p["restored"]) for p in found]


def people_text(row: Row, lang: str) -> str:
    """Return a row's participants on one line: "Guest (Jane Doe); Ambassadors (A. B; C. D); Girl ... and (or) ..."."""
    return "; ".join(place.label + (f" ({'; '.join(place.persons)})" if place.persons else "")
                     for place in places(row, lang))


def and_or(labels: list[str], lang: str) -> str:
    """Join the labels of roles any or all of which fill one place: "A and (or) B", "A мен (немесе) B"."""
    if len(labels) < 2:
        return labels[0] if labels else ""
    if lang == "kk":
        # The conjunction follows the sound the word before it ends in (бойжеткен мен, қыз бен, ат пен).
        return "".join(f"{label} {_kazakh_and(label)} (немесе) " for label in labels[:-1]) + labels[-1]
    return " and (or) ".join(labels)


def _kazakh_and(word: str) -> str:
    last = word.rstrip(" )»\"'.").lower()[-1:]
    if last in "жзлрйуи":
        return "бен"
    if last in "кқпстфхцчшщбвгд":
        return "пен"
    return "мен"  # after a vowel, м, н, ң, or a letter Kazakh does not have


def duration_text(row: Row) -> str:
    """Return a row's minutes, "—" when the step has no duration in the rules and so no end."""
    if row.no_end:
        return "—"
    minutes = str(row.duration_minutes or 0)
    if row.duration_customary:
        return f"~{minutes}"
    return f"≈{minutes}" if row.duration_estimated else minutes


def ordering_condition(ordering: Ordering, lang: str) -> str:
    """Return the open condition an ordering holds under, as "if by agreement of the parties", or ""."""
    condition = ordering.condition
    if not condition:
        return ""
    base, _ = condition_parts(condition)
    phrase = condition_text(condition, named(ordering.condition_label, base, lang), lang)
    return phrase[:1].lower() + phrase[1:]


def merge_orders(first_seen: list[str], after: dict[str, set[str]]) -> list[str]:
    """Return the roles in one order that keeps each row's order of precedence, the guest's side first."""
    # Each row lists its participants in order of precedence; merging those
    # partial orders (first appearance breaks ties) gives one order for all.
    # A cycle can only come from inconsistent rows: then first appearance wins.
    waiting = {name: 0 for name in first_seen}
    for name in first_seen:
        for later in after[name]:
            if later != name:
                waiting[later] += 1
    # The guest's side comes first (docs/plan.md), whatever row names them first.
    first_seen = sorted(first_seen, key=lambda n: (n not in _GUEST_SIDE, _GUEST_SIDE.index(n) if n in _GUEST_SIDE
                                                   else 0))
    position = {name: i for i, name in enumerate(first_seen)}
    ready = sorted((n for n in first_seen if waiting[n] == 0), key=position.get)
    out = []
    while ready:
        name = ready.pop(0)
        out.append(name)
        for later in sorted(after[name], key=position.get):
            if later == name:
                continue
            waiting[later] -= 1
            if waiting[later] == 0:
                ready.append(later)
                ready.sort(key=position.get)
    return out + [n for n in first_seen if n not in out]


def printed_roles(plan: Plan) -> list[str]:
    """Return the roles whose sheets are printed by default: the principals and every role that leads a row.

    The principals are the guest and the guest's spouse and the head of the
    host side: the role the guest is received on behalf of, else the President.
    """
    host = plan.visit.on_behalf_of if plan.visit is not None else None
    head = (host.role if host is not None else None) or "president"
    leads = [row.lead.role for row in plan.rows if row.lead is not None]
    return [r.name for r in roles(plan, "en") if r.name in (*_GUEST_SIDE, head) or r.name in leads]


def role_files(plan: Plan) -> dict[str, str]:
    """Return {role: file stem}, distinct for every role of the plan (`all` is the calendar of everyone)."""
    return file_stems((r.name for r in roles(plan, "en")), reserved=("all",))


def venue_files(plan: Plan) -> dict[str, str]:
    """Return {venue: file stem}, distinct for every venue of the plan."""
    return file_stems(name for name, _ in venues(plan, "en"))


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


def condition_parts(condition: str) -> tuple[str, bool]:
    """Split a row's condition into the condition's name and whether it must hold (`not x` must not)."""
    if condition.startswith("not "):
        return condition[4:], False
    return condition, True


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


def condition_text(condition: str, label: str, lang: str) -> str:
    """Return "If favourable weather" or "If not favourable weather" (in `lang`) for a row's condition."""
    said = words(lang)
    _, positive = condition_parts(condition)
    if lang == "en":
        # "If the academic council has decided...": the label continues the sentence.
        lowered = label[:1].lower() + label[1:] if label[1:2].islower() else label
        return f"{said['if'] if positive else said['if_not']} {lowered}"
    return f"{said['if'] if positive else said['if_not']}: {label}"


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
    shown = text(label, lang)
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


def day_heading(date: str, number: int | None, lang: str) -> str:
    """Return "Day 2 · Wednesday 2027-05-12" (or its Kazakh form) for a program day."""
    said = words(lang)
    weekday = said["weekdays"][dt.date.fromisoformat(date).weekday()]
    if number is None:
        return f"{weekday} {date}"
    day = f"{said['day']} {number}" if lang == "en" else f"{number}-{said['day']}"
    return f"{day} · {weekday} {date}"


def date_span(plan: Plan) -> str:
    """Return the first and last dates of the program, "2027-05-11 – 2027-05-13"."""
    dates = sorted({row.start.date for row in plan.rows if row.start is not None})
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
