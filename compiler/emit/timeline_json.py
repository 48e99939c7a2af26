"""Write a Plan's timeline as JSON for other tools: ISO times with offsets, days, branches, in both languages.

Its own `format_version` is 2 since labels of contingencies are {"en", "kk"}
and the ceremony calls (with their own time span) are listed beside the steps.
Each item's `duration_estimated` (added within version 2) says its minutes are
an equal share of its ceremony's time, the step having none of its own.
"""

from __future__ import annotations

import json

from ..plan.types import Call, Moment, Plan, Row
from .common import arrival_minutes, boxes, call_of, row_roles, venue_of

_DEVIATION_KEYS = ("id", "target", "target_label", "change", "reason", "authority", "authority_label", "citation")


def timeline_json(plan: Plan, cues: frozenset[str] | None = None) -> str:
    """Return the timeline of `plan` (only `cues`, when given) as stable, indented JSON."""
    arrival = arrival_minutes(plan)
    box_of = {cue: box.id for box in boxes(plan) for cue in box.when_yes + box.when_no}
    days: dict[int | None, dict] = {}
    for row in plan.rows:
        if cues is not None and row.cue not in cues:
            continue
        day = days.setdefault(row.day, {"day": row.day, "date": row.start.date if row.start else None, "items": []})
        day["items"].append(_item(row, arrival, box_of))
    out = {
        "format_version": 2,
        "scenario": plan.scenario.to_json(),
        "time_zone": plan.time_zone,
        "tzdata": plan.tzdata,
        "editions": [e.ref for e in plan.editions],
        "arrival": _json(plan.visit.arrival) if plan.visit is not None else None,
        "days": list(days.values()),
        "calls": [_call(call, cues) for call in plan.calls if cues is None or any(cue in cues for cue in call.rows)],
        "deviations": [{key: d[key] for key in _DEVIATION_KEYS} for d in (d.to_json() for d in plan.deviations)],
        "contingencies": [{"id": b.id, "condition": b.condition, "label": b.label.to_json(),
                           "when_yes": list(b.when_yes), "when_no": list(b.when_no)} for b in boxes(plan)],
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _item(row: Row, arrival: int | None, box_of: dict[str, str]) -> dict:
    """Return a row as an item of its day."""
    start = row.start
    return {
        "cue": row.cue,
        "call": call_of(row),
        "track": row.track,
        "track_label": _json(row.track_label),
        "start": _iso(start),
        "end": _iso(row.end),
        "fixed": row.fixed,
        "minutes_from_arrival": start.utc_minutes - arrival if start and arrival is not None else None,
        "duration_minutes": row.duration_minutes,
        # The step has no duration of its own: its minutes are a share of its ceremony's time.
        "duration_estimated": row.duration_estimated,
        "ceremony": {"name": row.ceremony, "label": row.ceremony_label.to_json()},
        "label": row.label.to_json(),
        "action": _json(row.action),
        "place": _json(row.place),
        "venue": venue_of(row),
        "lead": row.lead.role if row.lead else None,
        "roles": row_roles(row),
        "condition": row.condition,
        "contingency": box_of.get(row.cue) if row.condition else None,
        "citation": _json(row.citation),
        "deviations": [d.id for d in row.deviations],
    }


def _call(call: Call, cues: frozenset[str] | None) -> dict:
    """Return a ceremony call with its own time span and the cues of its items shown."""
    return {"call": call.cue, "track": call.track, "track_label": _json(call.track_label),
            "start": _iso(call.start), "end": _iso(call.end), "fixed": call.fixed,
            "duration_minutes": call.duration_minutes,
            "ceremony": {"name": call.ceremony, "label": call.ceremony_label.to_json()},
            "place": _json(call.place), "venue": venue_of(call), "condition": call.condition,
            "citation": _json(call.citation), "items": [cue for cue in call.rows if cues is None or cue in cues],
            "deviations": [d.id for d in call.deviations]}


def _json(value) -> dict | None:
    return value.to_json() if value is not None else None


def _iso(moment: Moment | None) -> str | None:
    # ISO 8601 with the UTC offset, so a reader needs no time-zone database.
    if moment is None:
        return None
    offset = moment.utc_offset_minutes
    sign = "+" if offset >= 0 else "-"
    return f"{moment.date}T{moment.time}:00{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
