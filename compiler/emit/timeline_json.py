"""Write a Plan's timeline as JSON for other tools: ISO times with offsets, days, branches, in both languages.

Its own `format_version` is 2 since labels of contingencies are {"en", "kk"}
and the ceremony calls (with their own time span) are listed beside the steps.
Each item's `duration_estimated` (added within version 2) says its minutes are
an equal share of its ceremony's time, the step having none of its own.
"""

from __future__ import annotations

import json

from .common import arrival_minutes, boxes, call_of, row_roles, venue_of


def timeline_json(plan: dict, cues: frozenset[str] | None = None) -> str:
    """Return the timeline of `plan` (only `cues`, when given) as stable, indented JSON."""
    arrival = arrival_minutes(plan)
    box_of = {cue: box.id for box in boxes(plan) for cue in box.when_yes + box.when_no}
    days: dict[int | None, dict] = {}
    for row in plan["rows"]:
        if cues is not None and row["cue"] not in cues:
            continue
        start = row["start"]
        day = days.setdefault(row["day"], {"day": row["day"], "date": start["date"] if start else None, "items": []})
        day["items"].append({
            "cue": row["cue"],
            "call": call_of(row),
            "track": row["track"],
            "track_label": row.get("track_label"),
            "start": _iso(start),
            "end": _iso(row["end"]),
            "fixed": row["fixed"],
            "minutes_from_arrival": start["utc_minutes"] - arrival if start and arrival is not None else None,
            "duration_minutes": row["duration_minutes"],
            # The step has no duration of its own: its minutes are a share of its ceremony's time.
            "duration_estimated": bool(row.get("duration_estimated")),
            "ceremony": {"name": row["ceremony"], "label": row["ceremony_label"]},
            "label": row["label"],
            "action": row["action"],
            "place": row["place"],
            "venue": venue_of(row),
            "lead": (row["lead"] or {}).get("role"),
            "roles": row_roles(row),
            "condition": row["condition"],
            "contingency": box_of.get(row["cue"]) if row["condition"] else None,
            "citation": row["citation"],
            "deviations": [d["id"] for d in row.get("deviations") or ()],
        })
    out = {
        "format_version": 2,
        "scenario": plan["scenario"],
        "time_zone": plan["time_zone"],
        "tzdata": plan["tzdata"],
        "editions": [e["ref"] for e in plan["editions"]],
        "arrival": (plan.get("visit") or {}).get("arrival"),
        "days": list(days.values()),
        "calls": [{"call": call["cue"], "track": call["track"], "track_label": call["track_label"],
                   "start": _iso(call["start"]), "end": _iso(call["end"]), "fixed": call["fixed"],
                   "duration_minutes": call["duration_minutes"],
                   "ceremony": {"name": call["ceremony"], "label": call["ceremony_label"]},
                   "place": call["place"], "venue": venue_of(call), "condition": call["condition"],
                   "citation": call["citation"], "items": [cue for cue in call["rows"] if cues is None or cue in cues],
                   "deviations": [d["id"] for d in call["deviations"]]}
                  for call in plan["calls"] if cues is None or any(cue in cues for cue in call["rows"])],
        "deviations": [{k: d[k] for k in ("id", "target", "target_label", "change", "reason", "authority",
                                          "authority_label", "citation")} for d in plan["deviations"]],
        "contingencies": [{"id": b.id, "condition": b.condition, "label": b.label, "when_yes": list(b.when_yes),
                           "when_no": list(b.when_no)} for b in boxes(plan)],
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _iso(moment: dict | None) -> str | None:
    # ISO 8601 with the UTC offset, so a reader needs no time-zone database.
    if not moment:
        return None
    offset = moment["utc_offset_minutes"]
    sign = "+" if offset >= 0 else "-"
    return f"{moment['date']}T{moment['time']}:00{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
