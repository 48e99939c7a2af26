"""Print a Plan as a plain-text timeline table, one table per day, for the terminal or a text file."""

from __future__ import annotations

import textwrap

from ..plan.types import Plan, Row
from .common import (arrival_minutes, boxes, citation_text, clean, condition_text, date_span, day_heading, duration_text, named,
                     relative_time, track_text)
from .footnotes import articles_cited
from .pages import arrangements, checklist
from .words import words


def timeline_text(plan: Plan, lang: str = "en", cues: frozenset[str] | None = None) -> str:
    """Return the rows of `plan` (only `cues`, when given) as aligned text tables in `lang`."""
    said = words(lang)
    editions = ", ".join(e.ref for e in plan.editions)
    lines = [plan.scenario.label.text(lang),
             f"{date_span(plan)} · {plan.time_zone} ({said['tzdata']} {plan.tzdata}) · {editions}",
             f"* {said['fixed']}; +H:MM {said['from_arrival']}"
             + ("; ≈ " + said["estimated"] if any(r.duration_estimated for r in plan.rows
                                                  if cues is None or r.cue in cues) else "")
             + ("; — " + said["no_end"] if any(r.no_end for r in plan.rows if cues is None or r.cue in cues) else "")
             + ("; ~ " + said["customary"] if any(r.duration_customary for r in plan.rows
                                                  if cues is None or r.cue in cues) else "")]
    lines += _table(plan, lang, cues)
    if plan.checklist:
        # One line per item to agree, with the condition it is agreed under.
        lines += ["", said["checklist"] + ":"]
        for group in checklist(plan, lang):
            lines.append(f"  {group['label']} ({group['settled_by']}):")
            lines += [f"    [ ] {c['what']}" + (f"  {c['citation']}" if c["citation"] else "")
                      for c in group["entries"]]
    groups = arrangements(plan, lang)
    if groups:
        lines += ["", said["arrangements"] + ":"]
        for group in groups:
            lines.append(f"  {group['heading']}:")
            lines += [f"    [ ] {a['label']} ({a['kind']})" + (f" — {a['condition']}" if a["condition"] else "")
                      + (f"  {a['citation']}" if a["citation"] else "") for a in group["entries"]]
    if plan.deviations:
        lines += ["", said["deviations"] + ":"]
        lines += [f"  {d.id} {clean(d.target)}: {d.change.text(lang) if d.change else ''} — {clean(d.reason or '')} "
                  f"({said['authority']}: {named(d.authority_label, d.authority, lang)}; "
                  f"{citation_text(d.citation)})"
                  + (f" → {', '.join(d.calls + tuple(c for c in d.rows if c.rsplit('-', 1)[0] not in d.calls))}"
                     if d.rows or d.calls else "")
                  for d in plan.deviations]
    lines += _articles(plan, lang, cues)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _table(plan: Plan, lang: str, cues: frozenset[str] | None) -> list[str]:
    """Return the rows (only `cues`, when given) as one aligned table per day, each under its heading."""
    said = words(lang)
    arrival = arrival_minutes(plan)
    box_of = {cue: box for box in boxes(plan) for cue in box.when_yes + box.when_no}
    header = [said["cue"], said["time"], said["end"], "+H:MM", said["min"], said["action"], said["place"],
              said["lead"], said["contingency"], said["citation"]]
    lines: list[str] = []
    day, table = None, []
    ways = {(w.after, w.before): w for w in plan.transfers}
    last_call = None
    for row in plan.rows:
        if cues is not None and row.cue not in cues:
            continue
        call = row.cue.rsplit("-", 1)[0]
        way = ways.get((last_call, call))
        last_call = call
        date = row.start.date if row.start else None
        if way is not None and date == day and table:
            table.append(_transfer_line(way, lang))
        if date != day:
            if table:
                lines += _aligned(table)
            day = date
            lines += ["", day_heading(day, row.day, lang) if day else "--", ""]
            table = [header]
        box = box_of.get(row.cue)
        branch = (f"{box.id} {condition_text(row.condition, box.label.text(lang), lang)}"
                  if box and row.condition else "")
        table.append([row.cue, ((row.start.time if row.start else "") or "--:--") + ("*" if row.fixed else ""),
                      row.end.time if row.end else "", relative_time(row, arrival), duration_text(row),
                      _what(row, lang), row.place.label.text(lang) if row.place else "", _lead(row, lang), branch,
                      citation_text(row.citation)])
    if table:
        lines += _aligned(table)
    return lines


def _transfer_line(way, lang: str) -> list[str]:
    """Return the table line of a transfer: when the motorcade leaves and arrives, and the free time."""
    said = words(lang)
    what = f"{said['transfer']}: {way.origin.label.text(lang)} → {way.destination.label.text(lang)}"
    if way.minutes is None:
        return ["", way.leaves.time, "", "", "", f"{what} ({said['travel_unknown']})", "", "", "", ""]
    free = way.free_minutes
    what += "; " + (said["free_time"].format(free) if free >= 0 else said["too_short"].format(-free))
    return ["", way.leaves.time, way.arrives.time, "", str(way.minutes), what, "", "", "", ""]


def _what(row: Row, lang: str) -> str:
    said = words(lang)
    label = row.label.text(lang) or row.ceremony
    if row.track:
        label = f"[{track_text(row, lang)}] {label}"
    if row.deviations:
        label += f" ({said['deviation']} " + ", ".join(d.id for d in row.deviations) + ")"
    return label


def _lead(row: Row, lang: str) -> str:
    lead = row.lead
    if lead is None:
        return ""
    return lead.label.text(lang) + (f" ({clean(lead.person)})" if lead.person else "")


def _articles(plan: Plan, lang: str, cues: frozenset[str] | None) -> list[str]:
    """List the articles the rows cite (all the plan cites, without `cues`), each with its opening words in
    the language of the original text, wrapped, and what cites it."""
    said = words(lang)
    groups = articles_cited(plan, lang, None if cues is None else tuple(r.cue for r in plan.rows if r.cue in cues))
    if not groups:
        return []
    lines = ["", said["articles_cited"] + ":"]
    for group in groups:
        lines.append(f"  {group.heading}")
        for entry in group.entries:
            lines.append(f"    § {entry.article} ({entry.edition})"
                         + (" — " + ", ".join(name for name, _ in entry.cited_by) if entry.cited_by else ""))
            lines += textwrap.wrap(entry.text, 100, initial_indent=" " * 6, subsequent_indent=" " * 6,
                                   break_on_hyphens=False) if entry.text else []
    return lines


def _aligned(table: list[list[str]]) -> list[str]:
    # Pad every column to its widest cell; the last column is left ragged.
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    right = {4}  # minutes read best right-aligned
    return ["  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row))
            for row in table]
