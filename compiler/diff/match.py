"""Match the declarations of two editions: by declared name first, then by meaning.

`correspondences(old, new)` is the one place the diff learns which old
declaration a new one continues. Today it knows two kinds of evidence: the
same name and kind, and, for the rest, the same meaning (the label in English
or Kazakh, the steps of a ceremony, the targets of a format's rules), which
the report marks "probably the same as". Declarations that say which earlier
one they continue (`continues state_protocol@2013.akim_of_capital`) are to be
read here first, before the names, when the library can declare them.
"""

from __future__ import annotations

import difflib

from attrs import frozen

from ..model import law

# Below this score two declarations are not taken for one another.
THRESHOLD = 0.72
# A declaration with nothing inside to compare (a role, a place) is matched by its label alone: closer.
LABEL_THRESHOLD = 0.88


@frozen
class Correspondence:
    """An old declaration a new one continues, and how that is known ("name" or "meaning")."""

    old: str
    new: str
    evidence: str


def correspondences(old, new) -> dict[str, str]:
    """Return, for each declaration of `new` that continues one of `old`, the old one's name."""
    return {c.new: c.old for c in matches(old, new)}


def declared_lineages(old, new) -> dict[str, tuple[str, ...]]:
    """Return the lineages the newer edition declares (`lineage X continues OLD.Y`, or `continues nothing`:
    an empty tuple), when both sides are editions of one library folder; else none."""
    from ..library.load import load_library
    from ..resolve.translate import lineages

    if old.root != new.root or old.edition == new.edition:
        return {}
    library = load_library(new.root)
    if old.edition not in library.editions or new.edition not in library.editions:
        return {}
    return dict(lineages(library, old.edition, new.edition).forward)


def matches(old, new) -> list[Correspondence]:
    """Return the correspondences of `new` to `old`, each with its evidence, sorted by new name.

    First what the newer edition declares (its lineages: renames, merges, splits,
    and the declarations with no counterpart), then the same name, then likeness
    of meaning for the rest ("probably the same as").
    """
    declared = declared_lineages(old, new)
    found = {name: Correspondence(olds[0], name, "lineage") for name, olds in declared.items()
             if olds and name in new.models and olds[0] in old.models and old.kinds[olds[0]] == new.kinds[name]}
    found.update({name: Correspondence(name, name, "name") for name in new.models
                  if name not in found and name not in declared and name in old.models
                  and old.kinds[name] == new.kinds[name]})
    taken = set(found) | {name for name, olds in declared.items() if not olds}
    candidates = []
    for new_name in sorted(set(new.models) - taken):
        for old_name in sorted(set(old.models) - taken):
            if old.kinds[old_name] != new.kinds[new_name]:
                continue
            score = similarity(old.models[old_name], new.models[new_name])
            alone = not _parts(old.models[old_name]) and not _parts(new.models[new_name])
            if score >= (LABEL_THRESHOLD if alone else THRESHOLD):
                candidates.append((-score, new_name, old_name))
    used_old: set[str] = {c.old for c in found.values()}
    for _, new_name, old_name in sorted(candidates):
        if new_name in found or old_name in used_old:
            continue
        found[new_name] = Correspondence(old_name, new_name, "meaning")
        used_old.add(old_name)
    return [found[name] for name in sorted(found)]


def similarity(old, new) -> float:
    """Return how alike two declarations of one kind are, from 0 to 1, by their labels and their content."""
    label = max(_text_ratio(_label(old, "en"), _label(new, "en")), _text_ratio(_label(old, "kk"), _label(new, "kk")))
    parts_old, parts_new = _parts(old), _parts(new)
    if not parts_old and not parts_new:
        return label
    overlap = len(parts_old & parts_new) / max(1, len(parts_old | parts_new))
    return 0.6 * label + 0.4 * overlap


def _label(model, language: str) -> str:
    declared = model if isinstance(model, law.Declared) else getattr(model, "declared", None)
    if declared is None or declared.label is None:
        return ""
    return (declared.label.get(language) or "").casefold()


def _text_ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _parts(model) -> set[str]:
    """Return the names inside a declaration that say what it is: a ceremony's steps, a format's targets."""
    if isinstance(model, law.Ceremony):
        return {s.name for s in model.steps}
    if isinstance(model, law.Format):
        return set(model.named_items()) | {q.quantity for q in model.limits}
    if isinstance(model, law.PrecedenceTable):
        return {role for entry in model.entries for role in entry.roles}
    return set()
