"""List a scenario's program as call sites (which ceremony, on which day, in which track, in what order)
and who takes part in each of their steps."""

from __future__ import annotations

from attrs import frozen

from .. import tree as t
from .facts import NO


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


def people_by_role(scenario: t.Scenario) -> dict[str, list[t.Person]]:
    """Return the persons of the scenario's `people` by role, in the order given; a role may have several."""
    people: dict[str, list[t.Person]] = {}
    for person in (p for i in scenario.items if isinstance(i, t.People) for p in i.persons):
        people.setdefault(person.role.text, []).append(person)
    return people


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


def step_participants(bound, facts, calls):
    """Yield (call site, step name or None, roles) for every step of every called ceremony that can take
    place: its lead, actors whose condition may hold, and responsible services (None: the ceremony's own)."""
    for site in calls:
        if facts.value(site.call.guard, site.name) == NO:
            continue
        symbol = bound.lookup(site.call.ref)
        if symbol is None or not isinstance(symbol.node, t.Ceremony):
            continue
        for item in symbol.node.items:
            if isinstance(item, t.Responsible):
                yield site, None, [item.unit.text]
            if not isinstance(item, t.Step):
                continue
            step_item = f"{site.name}.{item.name.text}"
            parts = item.items or ()
            guard = next((p.guard for p in parts if isinstance(p, t.StepGuard)), None)
            if facts.value(guard, step_item) == NO or any(
                    isinstance(p, t.StepModality) and p.modality == "shall not" for p in parts):
                continue
            roles = []
            for part in parts:
                if isinstance(part, t.Lead):
                    roles.append(part.role.text)
                elif isinstance(part, t.Responsible):
                    roles.append(part.unit.text)
                elif isinstance(part, t.Actors):
                    roles += [ref.text for actor in part.actors if facts.value(actor.guard, step_item) != NO
                              for ref in (actor.ref, *actor.alternatives)]
            yield site, item.name.text, roles


def participants_of(bound, facts, calls) -> dict[str, tuple]:
    """Map each role or unit that takes part in a called ceremony (as lead, actor or responsible service)
    to the first call and step where it does; `guard_of_honour.chief` counts for `guard_of_honour` too."""
    used: dict[str, tuple] = {}
    for site, step, roles in step_participants(bound, facts, calls):
        for role in roles:
            _use(used, role, site, step)
    return used


def _use(used: dict, name: str, site, step: str | None) -> None:
    parts = name.split(".")
    for length in range(1, len(parts) + 1):
        used.setdefault(".".join(parts[:length]), (site, step))
