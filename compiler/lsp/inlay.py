"""Inlay hints: the clock time and end of every program item and step, as the run-sheet prints them.

The hints are read from the model's calls (each with its source span and its
steps as they will happen) and the schedule's timeline, so they need neither
the syntax tree nor the plan: a call's hint sits after the ceremony's name in
the program, and a step declared in the document itself gets its own hint at
its name with the times of every call that holds it.
"""

from __future__ import annotations

from attrs import frozen

from ..clock import ClockError, from_utc_minutes
from ..driver import Compiled


@frozen
class Hint:
    """One hint: 1-based line and column (in characters) it follows, its text and a longer tooltip."""

    line: int
    column: int
    text: str
    tooltip: str | None = None


def program_times(compiled: Compiled) -> list[Hint]:
    """Return a hint after each call of the program with its start and end, and one for each local step.

    A call the schedule left out (its condition does not hold) or could not
    time (an error in the program) gets no hint. The tooltip of a call's hint
    lists its steps' times; a step with no duration in the rules shows its start
    and "no end", as on the run-sheets.
    """
    model, timed = compiled.model, compiled.results.get("schedule")
    if model is None or timed is None or timed.schedule is None:
        return []
    clock = _Clock(timed.schedule.timeline, model.facts.zone)
    step_times: dict[tuple, list[str]] = {}
    hints = []
    for call in model.event.calls:
        if call.span is None or call.span.path != compiled.path or call.key in timed.absent:
            continue
        times = clock.between(call.key)
        if times is None:
            continue
        lines = []
        for step in call.steps:
            key = f"{call.key}/{step.name}"
            # A step with no duration in the rules starts in its order and has no end: none is invented.
            open_ended = key in timed.open_ended
            step_time = None if key in timed.absent else clock.start(key) if open_ended else clock.between(key)
            if step_time is None:
                continue
            shown = f"{step_time}, no end" if open_ended else step_time
            label = step.label.text if step.label is not None else step.name
            lines.append(f"- {shown} {label} (`{step.name}`)")
            if step.span is not None and step.span.path == compiled.path:
                step_times.setdefault((step.span.line, step.span.column, step.name), []).append(shown)
        tooltip = "\n".join([f"**{call.name}** {times}", *lines]) if lines else None
        hints.append(Hint(call.span.line, call.span.column + len(call.name), times, tooltip))
    for (line, column, name), shown in step_times.items():
        hints.append(Hint(line, column + len("step ") + len(name), ", ".join(shown)))
    return sorted(hints, key=lambda h: (h.line, h.column))


class _Clock:
    """Local clock times of the schedule's points in the event's zone."""

    def __init__(self, timeline: dict, zone: str) -> None:
        self.timeline, self.zone = timeline, zone

    def start(self, key: str) -> str | None:
        """Return `HH:MM`, the local start of the item `key`, or None."""
        start = self.timeline.get(f"{key}/s")
        if start is None:
            return None
        try:
            return from_utc_minutes(start, self.zone)[1]
        except (ValueError, ClockError):  # a moment outside the calendar, or an unknown zone: already a diagnostic
            return None

    def between(self, key: str) -> str | None:
        """Return `HH:MM–HH:MM` for the item `key` (with the end's date when it is another day), or None."""
        start, end = self.timeline.get(f"{key}/s"), self.timeline.get(f"{key}/e")
        if start is None or end is None:
            return None
        try:
            start_date, start_time, _ = from_utc_minutes(start, self.zone)
            end_date, end_time, _ = from_utc_minutes(end, self.zone)
        except (ValueError, ClockError):  # a moment outside the calendar, or an unknown zone: already a diagnostic
            return None
        text = f"{start_time}–{end_time}"
        return text + f" ({end_date})" if end_date != start_date else text
