"""List a scenario's program as call sites: which ceremony, on which day, in which track, in what order."""

from __future__ import annotations

from attrs import frozen

from . import tree as t


@frozen(eq=False)
class CallSite:
    """One ceremony called in the program, with its place in the program's order.

    Compared by identity: two calls of the same ceremony are two sites.
    """

    day: t.Day
    track: str | None
    entry: t.Entry
    entry_index: int
    call_index: int
    call: t.Call

    @property
    def order(self) -> tuple:
        """Return a key that sorts call sites in program order within a track."""
        return (self.day.number, self.entry_index, self.call_index)

    @property
    def name(self) -> str:
        """Return the name of the ceremony called."""
        return self.call.ref.text


def program_calls(scenario: t.Scenario) -> list[CallSite]:
    """Return every call of the scenario's program, day by day, the main track before the others."""
    sites: list[CallSite] = []
    for program in (i for i in scenario.items if isinstance(i, t.Program)):
        for day in program.days:
            index = 0
            for item in day.items:
                entries = item.entries if isinstance(item, t.TrackProgram) else (item,)
                track = item.name.text if isinstance(item, t.TrackProgram) else None
                for entry in entries:
                    for call_index, call in enumerate(entry.calls):
                        sites.append(CallSite(day, track, entry, index, call_index, call))
                    index += 1
    return sites
