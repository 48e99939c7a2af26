"""Write iCalendar files (RFC 5545) from a Plan: one calendar for everyone and one per role.

Times carry the plan's time zone (TZID, with its VTIMEZONE from the pinned
tzdata); LOCATION is the place, DESCRIPTION the action, people and citation.
Fixed-time items get an alarm; rows that happen only under an unknown
condition are TENTATIVE. `icalendar` escapes every text value, so no name in
a scenario can break a line or a property.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from ..clock import _zone  # the same pinned time-zone database the plan was computed with
from .common import boxes, clean, condition_text, roles, row_deviations, row_roles, slug, text
from .words import words

ALARM_MINUTES = 15
_NO_STAMP = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def calendars(plan: dict, lang: str, revision: int | None = None, stamp: dt.datetime | None = None,
              role: str | None = None) -> dict[str, bytes]:
    """Return {file stem: .ics bytes}: "all" and one per role (only `role`'s, when given).

    `stamp` is the DTSTAMP; without one it is 1970-01-01T00:00Z, so the same
    plan gives the same bytes. `revision` becomes every event's SEQUENCE.
    """
    said = words(lang)
    zone = _zone(plan["time_zone"])
    box_of = {cue: box for box in boxes(plan) for cue in box.when_yes + box.when_no}
    deviated = row_deviations(plan)
    events = {row["cue"]: _event(plan, row, zone, lang, box_of, deviated, revision, stamp or _NO_STAMP)
              for row in plan["rows"] if row.get("start")}
    title = text(plan["scenario"]["label"], lang)
    out = {}
    if role is None:
        out["all"] = _calendar(plan, f"{title} — {said['all_roles']}", list(events.values()), zone)
    for who in roles(plan):
        if role is not None and who.name != role:
            continue
        mine = [events[row["cue"]] for row in plan["rows"] if row["cue"] in events and who.name in row_roles(row)]
        name = f"{title} — {who.label}" + (f" ({who.person})" if who.person else "")
        out[slug(who.name)] = _calendar(plan, name, mine, zone)
    return out


def _calendar(plan: dict, name: str, events: list, zone) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Rasim//Protocol scenario//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean(name))  # an X- property is written as it is: no line breaks
    calendar.add("x-wr-timezone", plan["time_zone"])
    years = sorted({int(row["start"]["date"][:4]) for row in plan["rows"] if row.get("start")}) or [1970]
    # Only the years of the program: the whole 1970-2038 history of a zone is noise.
    calendar.add_component(icalendar.Timezone.from_tzinfo(zone, tzid=plan["time_zone"],
                                                          first_date=dt.date(years[0], 1, 1),
                                                          last_date=dt.date(years[-1] + 1, 1, 1)))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _event(plan, row, zone, lang, box_of, deviated, revision, stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{slug(plan['scenario']['name'])}-{slug(row['cue'])}@rasim")
    event.add("dtstamp", stamp)
    event.add("sequence", revision or 0)
    label = text(row["label"], lang) or row["ceremony"]
    event.add("summary", f"{row['cue']} {label}")
    start = _local(row["start"], zone)
    event.add("dtstart", start)
    if row["duration_minutes"]:
        # Without DTEND a timed event ends when it starts (RFC 5545 3.6.1).
        event.add("dtend", _local(row["end"], zone))
    place = row.get("place")
    if place:
        event.add("location", text(place.get("label"), lang) or clean(place["name"]))
    event.add("categories", [text(row["ceremony_label"], lang) or row["ceremony"]])
    event.add("description", _description(row, lang, box_of, deviated))
    if row["condition"]:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    if row["fixed"]:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{row['cue']} {label}")
        alarm.add("trigger", dt.timedelta(minutes=-ALARM_MINUTES))
        event.add_component(alarm)
    return event


def _local(moment: dict, zone) -> dt.datetime:
    local = dt.datetime.fromisoformat(f"{moment['date']}T{moment['time']}").replace(tzinfo=zone)
    if round(local.utcoffset().total_seconds() / 60) != moment["utc_offset_minutes"]:
        # The second of two equal local times, on the night the clocks go back.
        local = local.replace(fold=1)
    return local


def _description(row, lang, box_of, deviated) -> str:
    said = words(lang)
    lines = []
    if row["action"]:
        lines.append(text(row["action"], lang))
    if row["lead"]:
        lead = row["lead"]
        lines.append(f"{said['lead']}: {clean(lead['label'])}" + (f" ({clean(lead['person'])})"
                                                                  if lead.get("person") else ""))
    if row["participants"]:
        people = [clean(p["label"]) + (f" ({clean(p['person'])})" if p.get("person") else "")
                  for p in row["participants"]]
        lines.append(f"{said['participants']}: " + "; ".join(people))
    if row["trigger"]:
        lines.append(f"{said['trigger']}: {text(row['trigger'], lang)}")
    lines += [text(note, lang) for note in row["notes"]]
    box = box_of.get(row["cue"])
    if row["condition"] and box:
        lines.append(f"{condition_text(row['condition'], box.label, lang)} ({said['see']} {box.id})")
    for deviation in deviated.get(row["cue"], ()):
        lines.append(f"{said['deviation']}: {text(deviation['change'], lang)} "
                     f"({said['authority']}: {clean(deviation['authority'])})")
    if row["citation"]:
        lines.append(f"{said['citation']}: {clean(row['citation'])}")
    return "\n".join(lines)
