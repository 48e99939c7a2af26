"""Print a plan as a plain-text timeline for the terminal."""

from __future__ import annotations


def timeline_text(plan: dict) -> str:
    """Return one line per row: cue, local time, duration, what, where, who leads, condition, article."""
    scenario = plan["scenario"]["label"]
    lines = [f"{scenario['en']}" + (f" / {scenario['kk']}" if scenario.get("kk") else ""),
             f"editions: {', '.join(e['ref'] for e in plan['editions'])}; time zone {plan['time_zone']} "
             f"(tzdata {plan['tzdata']})", ""]
    day = None
    for row in plan["rows"]:
        start = row["start"] or {}
        if start.get("date") != day:
            day = start.get("date")
            lines.append(f"== {day} ==")
        when = start.get("time", "--:--")
        mark = "*" if row["fixed"] else " "
        label = (row["label"] or {}).get("en") or row["ceremony"]
        place = (row["place"] or {}).get("name") or ""
        lead = (row["lead"] or {}).get("role") or ""
        track = f"[{row['track']}] " if row["track"] else ""
        condition = f" (if {row['condition']})" if row["condition"] else ""
        citation = f"  {row['citation']}" if row["citation"] else ""
        lines.append(f"{row['cue']:<8} {when}{mark} {row['duration_minutes'] or 0:>4} min  {track}{label}"
                     f"{condition}  @{place}  lead {lead}{citation}".rstrip())
    if plan["checklist"]:
        lines += ["", "To agree with the guest's side:"]
        lines += [f"  - {c['label']} ({c['settled_by']}){'  ' + c['citation'] if c['citation'] else ''}"
                  for c in plan["checklist"]]
    if plan["deviations"]:
        lines += ["", "Deviations:"]
        lines += [f"  - {d['target']}: {d['change']['en']} — {d['reason']} (authorized by {d['authority']})"
                  for d in plan["deviations"]]
    return "\n".join(lines) + "\n"
