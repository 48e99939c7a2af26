"""Lay a Plan out as an HTML page of swimlanes: one lane per role, time running down, to the minute.

Each day is a grid: a row of the grid for every moment something starts or
ends (its height grows with the minutes until the next moment), a column per
lane. Items that happen only under an unknown condition get their own
columns in the lane, so the two branches stand side by side. Items of one lane
that overlap in time are put in separate columns rather than on top of each
other.
"""

from __future__ import annotations

from attrs import frozen

from ..plan.types import Plan, Row
from .common import (boxes, clean, condition_parts, condition_text, date_span, day_heading, humanize, named, roles,
                     row_roles, track_text)
from .templating import render_template
from .words import words

MIN_SLOT_PX, PX_PER_MINUTE, MAX_SLOT_PX = 30, 2, 240


@frozen
class Item:
    """What one lane does at one time: the rows of the same start, end and condition."""

    row_start: int  # grid lines, 1-based as CSS counts them
    row_end: int
    column: int
    time: str
    entries: tuple[tuple[str, str, str], ...]  # cue, label, place
    track: str  # the label of the parallel track the rows belong to, "" for the main program
    conditional: bool
    tentative: str
    estimated: str  # "≈3 min" when the rows have no duration of their own, else ""


@frozen
class Lane:
    """A role's lane: its label and its columns, with the branch each column shows."""

    label: str
    person: str
    columns: tuple[str, ...]  # "" for the main program, else "if ..." of the branch


@frozen
class Day:
    """One day's grid."""

    heading: str
    times: tuple[tuple[int, str], ...]  # grid line, local time
    heights: tuple[int, ...]
    lanes: tuple[Lane, ...]
    items: tuple[Item, ...]
    columns: int


def swimlane_html(plan: Plan, lang: str, role: str | None = None) -> str:
    """Return the swimlane page of `plan` in `lang` (only `role`'s lane, when given)."""
    said = words(lang)
    label_of = {box.condition: box.label.text(lang) for box in boxes(plan)}
    days = []
    by_date: dict[str, list[Row]] = {}
    for row in plan.rows:
        if row.start is not None:
            by_date.setdefault(row.start.date, []).append(row)
    for date, rows in by_date.items():
        day = _day(plan, date, rows, lang, role, label_of)
        if day is not None:
            days.append(day)
    return render_template("swimlane.html.j2", lang=lang, said=said, days=days, time_zone=plan.time_zone,
                           title=plan.scenario.label.text(lang) or clean(plan.scenario.name),
                           dates=date_span(plan), tzdata=plan.tzdata,
                           editions=", ".join(e.ref for e in plan.editions),
                           estimated=any(item.estimated for day in days for item in day.items),
                           role_label=next((r.label for r in roles(plan, lang) if r.name == role), "") if role else "")


def _lane_keys(row: Row) -> list[str]:
    # A row that names no one still belongs somewhere: to the service responsible for it.
    return row_roles(row) or [f"unit:{row.responsible or ''}"]


def _day(plan, date, rows, lang, role, label_of) -> Day | None:
    said = words(lang)
    if role is not None:
        rows = [row for row in rows if role in row_roles(row)]
    if not rows:
        return None
    points: dict[int, str] = {}
    for row in rows:
        points.setdefault(row.start.utc_minutes, row.start.time)
        if row.end is not None:
            points.setdefault(row.end.utc_minutes, row.end.time)
    moments = sorted(points)
    line_of = {moment: i + 1 for i, moment in enumerate(moments)}
    trailing = len(moments) + 1  # one more line, for what takes no time at the last moment
    heights = [max(MIN_SLOT_PX, min(MAX_SLOT_PX, (b - a) * PX_PER_MINUTE)) for a, b in zip(moments, moments[1:])]
    heights.append(MIN_SLOT_PX)

    known = {r.name: r for r in roles(plan, lang)}
    order = list(known)
    grouped: dict[str, dict[tuple, list[Row]]] = {}
    for row in rows:
        end = row.end.utc_minutes if row.end is not None else row.start.utc_minutes
        key = (row.start.utc_minutes, end, row.condition or "")
        for lane in _lane_keys(row):
            if role is not None and lane != role:
                continue
            grouped.setdefault(lane, {}).setdefault(key, []).append(row)
    lanes, items, column = [], [], 2  # column 1 holds the times
    for lane in sorted(grouped, key=lambda n: (n.startswith("unit:"), order.index(n) if n in order else 0, n)):
        branches: dict[str, list[tuple[int, int, tuple, list[Row]]]] = {}
        for key, members in grouped[lane].items():
            start, end, condition = key
            first = line_of[start]
            last = line_of[end] if end > start else min(first + 1, trailing)
            branches.setdefault(condition, []).append((first, last, key, members))
        headers = []
        # The main program first, then each condition's "yes" before its "no".
        for condition in sorted(branches, key=lambda c: (c != "", *_branch_order(c))):
            placed = _columns(branches[condition])
            width = max(c for c, _ in placed) + 1
            for sub, (first, last, key, members) in placed:
                items.append(Item(first, last, column + len(headers) + sub, _span(members[0]),
                                  tuple((m.cue, m.label.text(lang) or humanize(m.ceremony),
                                         m.place.label.text(lang) if m.place else "") for m in members),
                                  ", ".join(dict.fromkeys(t for t in (track_text(m, lang) for m in members) if t)),
                                  bool(condition),
                                  condition_text(condition, label_of.get(condition.removeprefix("not "),
                                                                         condition), lang) if condition else "",
                                  _estimated(members, said)))
            headers += [condition_text(condition, label_of.get(condition.removeprefix("not "), condition), lang)
                        if condition else ""] * width
        column += len(headers)
        if lane.startswith("unit:"):
            unit = lane[5:]
            label_of_unit = next((r.responsible_label for r in rows if r.responsible == unit), None)
            label, person = named(label_of_unit, unit, lang) or said["unassigned"], ""
        else:
            label, person = known[lane].label, known[lane].person or ""
        lanes.append(Lane(label, person, tuple(headers)))
    times = tuple((line_of[m], points[m]) for m in moments)
    first_row = rows[0]
    return Day(day_heading(date, first_row.day, lang), times, tuple(heights), tuple(lanes),
               tuple(sorted(items, key=lambda i: (i.row_start, i.column))), column - 2)


def _columns(spans: list[tuple]) -> list[tuple[int, tuple]]:
    # Greedy interval colouring: each span takes the first column free at its start.
    ends: list[int] = []
    placed = []
    for span in sorted(spans, key=lambda s: (s[0], s[1], s[2])):
        first, last = span[0], span[1]
        for index, busy_until in enumerate(ends):
            if busy_until <= first:
                ends[index] = last
                placed.append((index, span))
                break
        else:
            ends.append(last)
            placed.append((len(ends) - 1, span))
    return placed


def _branch_order(condition: str) -> tuple[str, bool]:
    if not condition:
        return "", False
    base, positive = condition_parts(condition)
    return base, not positive


def _estimated(members: list[Row], said: dict) -> str:
    # The rows of one item share their start and end, so one of them gives the minutes.
    if not any(m.duration_estimated for m in members):
        return ""
    return f"≈{members[0].duration_minutes or 0} {said['min']}"


def _span(row: Row) -> str:
    end = row.end.time if row.end is not None else None
    start = row.start.time
    return f"{start}–{end}" if end and end != start else start

