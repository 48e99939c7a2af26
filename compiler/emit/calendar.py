"""Write iCalendar files (RFC 5545) from a Plan: one calendar for everyone and one per role.

An event is a ceremony call (the Plan's `calls`), not a step: a calendar is
read on a phone, where a two-minute step is noise, and the call is what a
person is invited to. The event runs over the call's own time; its
description lists the steps in order (in a role's calendar only the steps the
role takes part in), each with its time, lead, participants, cue and notes.
Times carry the plan's time zone (TZID, with its VTIMEZONE from the pinned
tzdata); LOCATION is the place. Fixed-time calls get an alarm; a call that
happens only under an unknown condition, or whose listed steps all do, is
TENTATIVE. `icalendar` escapes every text value, so no name in a scenario can
break a line or a property.
"""

from __future__ import annotations

import datetime as dt
import functools

import icalendar

from ..clock import _zone  # the same pinned time-zone database the plan was computed with
from ..plan.types import Call, DeviationMark, Moment, Plan, Row
from .common import (boxes, call_of, citation_text, clean, condition_parts, condition_text, named, own_deviations, people_text,
                     role_files, roles, row_roles, slug, span, text, track_text)
from .words import words

ALARM_MINUTES = 15
_NO_STAMP = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def calendars(plan: Plan, lang: str, revision: int | None = None, stamp: dt.datetime | None = None,
              role: str | None = None) -> dict[str, bytes]:
    """Return {file stem: .ics bytes}: "all" and one per role (only `role`'s, when given).

    `stamp` is the DTSTAMP; without one it is 1970-01-01T00:00Z, so the same
    plan gives the same bytes. `revision` becomes every event's SEQUENCE.
    """
    said = words(lang)
    zone = _zone(plan.time_zone)
    found = boxes(plan)
    context = {"lang": lang, "zone": zone, "revision": revision, "stamp": stamp or _NO_STAMP,
               "box_of": {cue: box for box in found for cue in box.when_yes + box.when_no},
               "box_by_condition": {box.condition: box for box in found}}
    rows_of: dict[str, list[Row]] = {}
    for row in plan.rows:
        rows_of.setdefault(call_of(row), []).append(row)
    timed = [call for call in plan.calls if call.start is not None]
    title = text(plan.scenario.label, lang)
    out = {}
    stems = role_files(plan)
    if role is None:
        events = [_event(plan, call, rows_of.get(call.cue, []), context) for call in timed]
        out["all"] = _calendar(plan, f"{title} — {said['all_roles']}", events, zone)
    for who in roles(plan, lang):
        if role is not None and who.name != role:
            continue
        mine = []
        for call in timed:
            steps = [row for row in rows_of.get(call.cue, []) if who.name in row_roles(row)]
            if steps:
                mine.append(_event(plan, call, steps, context))
        name = f"{title} — {who.label}" + (f" ({who.person})" if who.person else "")
        out[stems[who.name]] = _calendar(plan, name, mine, zone)
    return out


def _calendar(plan: Plan, name: str, events: list, zone) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Rasim//Protocol scenario//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean(name))  # an X- property is written as it is: no line breaks
    calendar.add("x-wr-timezone", plan.time_zone)
    years = sorted({int(row.start.date[:4]) for row in plan.rows if row.start is not None}) or [1970]
    calendar.add_component(_timezone(plan.time_zone, years[0], years[-1]))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


@functools.lru_cache(maxsize=8)
def _timezone(name: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """Return the VTIMEZONE of zone `name` over the program's years, made once for every calendar of a build.

    Only the years of the program: the whole 1970-2038 history of a zone is
    noise. Making it walks the zone's transitions (most of a calendar's cost),
    and every file of a build has the same one; it is never changed once made.
    """
    # icalendar searches for the zone's changes in steps of 64 days, and a step past the year 9999 overflows:
    # in that year the zone is given to 1 October (its last observance holds on to the end of the year).
    last = dt.date(last_year + 1, 1, 1) if last_year < dt.MAXYEAR else dt.date(dt.MAXYEAR, 10, 1)
    return icalendar.Timezone.from_tzinfo(_zone(name), tzid=name, first_date=dt.date(first_year, 1, 1),
                                          last_date=last)


def _event(plan: Plan, call: Call, steps: list[Row], context: dict) -> icalendar.Event:
    lang, zone = context["lang"], context["zone"]
    said = words(lang)
    event = icalendar.Event()
    event.add("uid", f"{slug(plan.scenario.name)}-{slug(call.cue)}@rasim")
    event.add("dtstamp", context["stamp"])
    event.add("sequence", context["revision"] or 0)
    label = text(call.ceremony_label, lang) or call.ceremony
    event.add("summary", f"{call.cue} {label}")
    event.add("dtstart", _local(call.start, zone))
    if call.duration_minutes and call.end is not None:
        # Without DTEND a timed event ends when it starts (RFC 5545 3.6.1).
        event.add("dtend", _local(call.end, zone))
    place = call.place
    if place is not None:
        event.add("location", text(place.label, lang) or clean(place.name))
    event.add("categories", [track_text(call, lang) or said["main_track"]])
    event.add("description", _description(call, steps, context))
    tentative = bool(call.condition) or (bool(steps) and all(row.condition for row in steps))
    event.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    if call.fixed:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{call.cue} {label}")
        alarm.add("trigger", dt.timedelta(minutes=-ALARM_MINUTES))
        event.add_component(alarm)
    return event


def _local(moment: Moment, zone) -> dt.datetime:
    local = dt.datetime.fromisoformat(f"{moment.date}T{moment.time}").replace(tzinfo=zone)
    if round(local.utcoffset().total_seconds() / 60) != moment.utc_offset_minutes:
        # The second of two equal local times, on the night the clocks go back.
        local = local.replace(fold=1)
    return local


def _description(call: Call, steps: list[Row], context: dict) -> str:
    lang = context["lang"]
    said = words(lang)
    lines = []
    if call.condition:
        base, _ = condition_parts(call.condition)
        box = context["box_by_condition"].get(base)
        lines.append(condition_text(call.condition, text(box.label, lang) if box else clean(base), lang)
                     + (f" ({said['see']} {box.id})" if box else ""))
    lines += [_deviation(d, lang) for d in call.deviations]
    whole = len(steps) == 1 and steps[0].step is None  # a ceremony without steps is its one row
    if steps and not whole:
        lines.append(f"{said['steps']}:")
    for row in steps:
        indent = "" if whole else "  "
        if not whole:
            # "≈3 min": the step has no duration of its own, only a share of its ceremony's time.
            estimated = f" (≈{row.duration_minutes or 0} {said['min']})" if row.duration_estimated else ""
            lines.append(f"{row.cue} {span(row)}{estimated} {text(row.label, lang) or row.ceremony}")
        lines += [indent + line for line in _step_lines(row, call, context)]
    # A step's citation usually repeats its ceremony's: the ceremony's is added only when it says more.
    if call.citation and (not steps or any(row.citation != call.citation for row in steps)):
        lines.append(f"{said['citation']}: {citation_text(call.citation)}")
    return "\n".join(lines)


def _step_lines(row: Row, call: Call, context: dict) -> list[str]:
    """Return what a step's description says; the call's own condition and deviations are said once, above."""
    lang = context["lang"]
    said = words(lang)
    lines = []
    if row.action is not None:
        lines.append(text(row.action, lang))
    if row.lead is not None:
        lead = row.lead
        lines.append(f"{said['lead']}: {text(lead.label, lang)}" + (f" ({clean(lead.person)})" if lead.person else ""))
    if row.participants:
        lines.append(f"{said['participants']}: {people_text(row, lang)}")
    if row.trigger is not None:
        lines.append(f"{said['trigger']}: {text(row.trigger, lang)}")
    lines += [text(note, lang) for note in row.notes]
    box = context["box_of"].get(row.cue)
    if row.condition and box and row.condition != call.condition:
        lines.append(f"{condition_text(row.condition, text(box.label, lang), lang)} ({said['see']} {box.id})")
    lines += [_deviation(d, lang) for d in own_deviations(row, call)]
    if row.citation:
        lines.append(f"{said['citation']}: {citation_text(row.citation)}")
    return lines


def _deviation(deviation: DeviationMark, lang: str) -> str:
    said = words(lang)
    return (f"{said['deviation']} {deviation.id}: {text(deviation.change, lang)} "
            f"({said['authority']}: {named(deviation.authority_label, deviation.authority, lang)})")
