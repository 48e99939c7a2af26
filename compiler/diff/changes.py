"""One change between two editions, and how it is classified for the people who prepare events.

A change is stricter when it asks more of an event (a new obligation or
prohibition, a lower limit, a longer notice, a deviation no longer allowed),
looser when it asks less, and neutral otherwise (wording, renumbering,
people and places). The classification of a change read backwards is the
opposite one: diff(B, A) is the inverse of diff(A, B).
"""

from __future__ import annotations

from attrs import evolve, frozen

from ..model.law import EDIT_KINDS
from ..model.values import Citation

STRICTER, LOOSER, NEUTRAL = "stricter", "looser", "neutral"
VERDICTS = (STRICTER, LOOSER, NEUTRAL)
_OPPOSITE = {STRICTER: LOOSER, LOOSER: STRICTER, NEUTRAL: NEUTRAL}
_ACTION_OPPOSITE = {"added": "removed", "removed": "added"}
# How much a modality asks: `may` allows, `as_a_rule` asks by default, `shall` requires.
# A standard item of the program, left out by agreement with a warning, weighs like a default.
_STRENGTH = {"may": 0, "standard": 1, "as_a_rule": 1, "shall": 2}
OBLIGATIONS = ("shall", "as_a_rule", "shall not")


@frozen
class Change:
    """One difference: what it is about, the old and the new value, both citations, its classification."""

    subject: str  # the declaration's label: "Official visit"
    name: str  # its name on the new side (the old side's when it was removed)
    old_name: str | None  # its name on the old side, when it differs
    kind: str  # format, rule, modality, condition, limit, window, step, order, participants, lead...
    action: str  # added, removed, changed, moved, renumbered
    item: str  # what inside the declaration: "delegation_at_host_expense", "step ramp_meeting"
    old: str | None
    new: str | None
    old_citation: Citation
    new_citation: Citation
    verdict: str
    probable: bool = False  # matched by meaning, not by name

    def inverted(self) -> Change:
        """Return the same change read from the new side to the old one."""
        return evolve(self, action=_ACTION_OPPOSITE.get(self.action, self.action), old=self.new, new=self.old,
                      old_citation=self.new_citation, new_citation=self.old_citation,
                      verdict=_OPPOSITE[self.verdict])


def opposite(verdict: str) -> str:
    """Return the classification of the change read backwards."""
    return _OPPOSITE[verdict]


def modality_verdict(old: str | None, new: str | None) -> str:
    """Classify a change of modality (None: no rule), a prohibition counting as the strictest."""
    if old == new:
        return NEUTRAL
    if new == "shall not":
        return STRICTER
    if old == "shall not":
        return LOOSER
    if old is None:
        return STRICTER if new in OBLIGATIONS else LOOSER
    if new is None:
        return LOOSER if old in OBLIGATIONS else STRICTER
    if _STRENGTH[new] == _STRENGTH[old]:
        return NEUTRAL  # a default and a standard item: leaving either out is a warning
    return STRICTER if _STRENGTH[new] > _STRENGTH[old] else LOOSER


def condition_verdict(old_modality: str, new_modality: str, had: bool, has: bool) -> str:
    """Classify a condition added (`has` and not `had`) or removed on a rule.

    A condition narrows what the rule covers: an obligation under a new
    condition asks less; a permission under a new condition allows less.
    """
    if had == has or (old_modality == "may") != (new_modality == "may"):
        return NEUTRAL
    narrowed = has and not had
    if new_modality == "may":
        return STRICTER if narrowed else LOOSER
    return LOOSER if narrowed else STRICTER


def amount_verdict(comparison: str, old: float, new: float, *, notice: bool = False) -> str:
    """Classify a limit (`<= 8 people`) or a window (`>= 5 days before`) whose amount changed.

    An upper bound raised is looser; a lower bound raised is stricter. For a
    window the bound is on the notice given, which reads the same way.
    """
    del notice  # the same reading for both: kept so that the call says which one it is
    if old == new or comparison not in ("<=", "<", ">=", ">"):
        return NEUTRAL
    raised = new > old
    upper = comparison in ("<=", "<")
    return LOOSER if raised == upper else STRICTER


def edits_verdict(old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """Classify a change of the edits a deviation may make (none listed: any edit)."""
    before, after = set(old or EDIT_KINDS), set(new or EDIT_KINDS)
    if before == after:
        return NEUTRAL
    if before < after:
        return LOOSER
    if after < before:
        return STRICTER
    return NEUTRAL


def citation_text(citation: Citation) -> str:
    """Return a citation as a reader of two editions wants it: `2013 art. 91, 92`."""
    parts = []
    for clause in citation.clauses:
        year = (clause.edition or "").rpartition("@")[2]
        parts.append(f"{year} art. {', '.join(clause.numbers)}".strip())
    return "; ".join(dict.fromkeys(parts))


def change_line(change: Change) -> str:
    """Return the one-line form of a change: `Official visit · limit x: up to 8 (2013 art. 91) → ... · looser`."""
    old = _side(change.old, change.old_citation)
    new = _side(change.new, change.new_citation)
    if change.action == "renumbered":
        what = f"{citation_text(change.old_citation)} → {citation_text(change.new_citation)}"
    elif change.action == "added":
        what = f"added {new}"
    elif change.action == "removed":
        what = f"removed {old}"
    else:
        what = f"{old} → {new}"
    renamed = f" (was {change.old_name})" if change.old_name and change.old_name != change.name else ""
    probable = " · probably the same as " + (change.old_name or change.name) if change.probable else ""
    about = change.item if change.item.startswith(change.kind) else f"{change.kind} of {change.item}"
    return f"{change.subject}{renamed} · {about}: {what} · {change.verdict}{probable}"


def _side(value: str | None, citation: Citation) -> str:
    cited = citation_text(citation)
    return f"{value or '—'}" + (f" ({cited})" if cited else "")
