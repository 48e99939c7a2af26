"""Compare two revisions of one scenario at the level a protocol officer reviews: calls, times, people, deviations.

Both revisions are checked and planned; their typed Plans are compared. Calls
are matched by cue (the Plan keeps cues stable), rows through the run-sheet's
own comparison (compiler/emit/changes.py, the "changes since" page), so that
the review and the page never disagree about what changed.
"""

from __future__ import annotations

import json

from attrs import frozen

from ..emit.changes import compare_plans
from ..plan.types import Plan


@frozen
class Revised:
    """One difference between two revisions: what kind, which call or row, before and after."""

    kind: str  # call added, call removed, call moved, people, lead, deviation added, deviation removed, row field
    item: str
    before: str | None
    after: str | None

    def line(self) -> str:
        """Return the change as one line."""
        if self.before is None:
            return f"{self.kind} · {self.item}: {self.after}"
        if self.after is None:
            return f"{self.kind} · {self.item}: {self.before}"
        return f"{self.kind} · {self.item}: {self.before} → {self.after}"


def _when(call) -> str:
    return f"{call.start.date} {call.start.time}" if call.start is not None else "unscheduled"


def _call_name(call) -> str:
    return f"{call.ceremony} (day {call.day}, {call.cue})"


def compare_revisions(old: Plan, new: Plan) -> list[Revised]:
    """Return the calls added, removed or moved, the people changed and the deviations added or removed."""
    found: list[Revised] = []
    before = {call.cue: call for call in old.calls}
    after = {call.cue: call for call in new.calls}
    for cue, call in after.items():
        if cue not in before:
            found.append(Revised("call added", _call_name(call), None, _when(call)))
        elif _when(before[cue]) != _when(call) or before[cue].duration_minutes != call.duration_minutes:
            was = before[cue]
            found.append(Revised("call moved", _call_name(call), f"{_when(was)}, {was.duration_minutes} min",
                                 f"{_when(call)}, {call.duration_minutes} min"))
    for cue, call in before.items():
        if cue not in after:
            found.append(Revised("call removed", _call_name(call), _when(call), None))
    rows = compare_plans(old, new, "en")
    moved_calls = {cue for cue in after if cue in before}
    for cue, fields in rows.changed.items():
        for change in fields:
            if change.field in ("lead", "participants"):
                found.append(Revised("people" if change.field == "participants" else "lead", cue, change.before,
                                     change.after))
            elif change.field not in ("time", "end") and cue.rpartition("-")[0] in moved_calls:
                found.append(Revised(change.field, cue, change.before, change.after))
    for cue in rows.added:
        if cue.rpartition("-")[0] in before:
            found.append(Revised("row added", cue, None, cue))
    for row in rows.removed:
        if row.cue.rpartition("-")[0] in after:
            found.append(Revised("row removed", row.cue, row.cue, None))
    old_deviations = {d.id: d for d in old.deviations}
    new_deviations = {d.id: d for d in new.deviations}
    for key in sorted(set(old_deviations) | set(new_deviations)):
        was, now = old_deviations.get(key), new_deviations.get(key)
        if was is None:
            found.append(Revised("deviation added", now.target, None, _deviation(now)))
        elif now is None:
            found.append(Revised("deviation removed", was.target, _deviation(was), None))
        elif _deviation(was) != _deviation(now):
            found.append(Revised("deviation changed", now.target, _deviation(was), _deviation(now)))
    return found


def _deviation(deviation) -> str:
    edits = "; ".join(deviation.edits) or (deviation.change.en if deviation.change else "")
    return f"{edits} (authorized by {deviation.authority}: {deviation.reason})"


def render_revisions(shown_old: str, shown_new: str, found: list[Revised], fmt: str) -> str:
    """Return the revision diff in `fmt` (text, markdown, json; html is text in a page)."""
    if fmt == "json":
        return json.dumps({"old": shown_old, "new": shown_new,
                           "changes": [{"kind": r.kind, "item": r.item, "before": r.before, "after": r.after}
                                       for r in found]}, ensure_ascii=False, indent=2) + "\n"
    head = f"{shown_old} → {shown_new}: {len(found)} change{'s' if len(found) != 1 else ''}"
    if fmt == "markdown":
        return "\n".join([f"# {head}", ""] + [f"- {r.line()}" for r in found]) + "\n"
    if fmt == "html":
        from html import escape

        items = "".join(f"<li>{escape(r.line())}</li>" for r in found)
        return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(head)}</title>'
                f"</head><body><h1>{escape(head)}</h1><ul>{items}</ul></body></html>\n")
    return "\n".join([head] + [f"  {r.line()}" for r in found]) + "\n"
