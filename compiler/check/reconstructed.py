"""Note where the program orders people by a precedence entry that the library had to reconstruct."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.law import PrecedenceTable
from ..model.lower import Model
from .common import taking_part
from ..diagnostics.codes import RECONSTRUCTED_ENTRY


def precedence_table(model: Model) -> str:
    """Return the name of the precedence table the event is ordered by: international for a visit."""
    visit = model.event.visit
    return "international" if visit is not None and visit.kind == "visit" else "domestic"


def check_reconstructed(model: Model) -> Iterator[diag.Diagnostic]:
    """Note, once per role, a step where a role of a reconstructed entry takes part with another role the
    table ranks, so that the order can be checked against the official publication."""
    name = precedence_table(model)
    table = model.law(name)
    if not isinstance(table, PrecedenceTable):
        return
    ranked = {role for entry in table.entries for role in entry.roles}
    restored = {role: entry for entry in table.entries if entry.reconstructed is not None for role in entry.roles}
    noted: set[str] = set()
    for call, step, roles in taking_part(model):
        ranked_here = set(roles) & ranked
        for role in sorted(ranked_here & set(restored)):
            if len(ranked_here) < 2 or role in noted:
                continue
            noted.add(role)
            entry = restored[role]
            related = (diag.Related(entry.span, "the reconstructed entry"),) if entry.span else ()
            yield diag.note(
                RECONSTRUCTED_ENTRY, f"`{call.name}`" + (f" (step `{step.name}`)" if step else "")
                + f" orders `{role}` by entry {entry.number} of the precedence table `{name}`, which the library "
                f"reconstructed: {entry.reconstructed.text}", call.span,
                citation=(entry.citation or table.declared.citation).text, related=related)
