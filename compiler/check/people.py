"""Check the people of the scenario against what their roles require (a level, a sex)."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.event import Person
from ..model.law import Role, RoleRequirement
from ..model.lower import Model
from ..diagnostics.codes import REQUIREMENT_NOT_MET


def check_people(model: Model) -> Iterator[diag.Diagnostic]:
    """Report each person who lacks a level their role requires, or is not of the sex it requires."""
    people = model.event.people
    for role_name, persons in people.items():
        role = model.law(role_name)
        if not isinstance(role, Role):
            continue
        for person in persons:
            for requirement in role.requirements:
                yield from _requirement(model, person, requirement)


def _requirement(model: Model, person: Person, need: RoleRequirement) -> Iterator[diag.Diagnostic]:
    citation = need.citation.text
    if need.level is not None:
        if need.level not in person.levels:
            yield diag.error(
                REQUIREMENT_NOT_MET, f"{person.name} fills `{person.role}`, which requires the level "
                f"`{need.level}`", person.span, citation=citation,
                hints=(f"add `level {need.level}` after the name if the person has it",))
        return
    wanted = need.sex
    if need.same_as is not None:
        wanted = _sex_of(model, need.same_as)
    if wanted and person.sex and person.sex != wanted:
        yield diag.error(
            REQUIREMENT_NOT_MET, f"{person.name} fills `{person.role}`, which requires a person who is {wanted}",
            person.span, citation=citation)


def _sex_of(model: Model, role: str) -> str | None:
    """Return the sex of the (last) person filling `role`, or of the guest's spouse for a spouse's role."""
    others = model.event.people.get(role, ())
    if others and others[-1].sex:
        return others[-1].sex
    principal = model.event.principal
    if "spouse" in role and principal is not None and principal.spouse is not None:
        return principal.spouse.sex
    return None
