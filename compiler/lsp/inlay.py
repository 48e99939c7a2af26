"""Inlay hints: the clock time and end of every program item, as the run-sheet prints them."""

from __future__ import annotations

from .. import tree as t
from ..driver import Compiled


def program_times(compiled: Compiled) -> list[tuple[int, int, str]]:
    """Return (line, column, text) after each call of the program: its computed start and end.

    The plan's calls carry no source position yet, so they are matched to the
    calls of the program by day, track and order: the n-th call of a ceremony
    on a day's track is the n-th plan call of it there. A call the plan left
    out (its condition does not hold) gets no hint. Line and column are
    1-based, the column of the end of the call's reference, in characters.
    """
    scenario = compiled.bound.scenario if compiled.bound is not None else None
    if compiled.plan is None or scenario is None:
        return []
    planned: dict[tuple, list] = {}
    for call in compiled.plan.calls:
        planned.setdefault((call.day, call.track, call.ceremony), []).append(call)
    hints = []
    for day, track, call in _program_calls(scenario):
        queue = planned.get((day, track, call.ref.text))
        if not queue:
            continue
        found = queue.pop(0)
        start, end = found.start, found.end
        if start is None or end is None:
            continue
        text = f"{start.time}–{end.time}"
        if end.date != start.date:
            text += f" ({end.date})"
        hints.append((call.ref.span.end_line, call.ref.span.end_column, text))
    return hints


def _program_calls(scenario: t.Scenario):
    """Yield (day number, track name or None, call) in program order."""
    for item in scenario.items:
        if not isinstance(item, t.Program):
            continue
        for day in item.days:
            for entry in day.items:
                if isinstance(entry, t.TrackProgram):
                    for inner in entry.entries:
                        for call in inner.calls:
                            yield day.number, entry.name.text, call
                else:
                    for call in entry.calls:
                        yield day.number, None, call
