"""Check the program against the modal rules of its format: which ceremonies it must, must not or may
hold (`shall`, `shall not`, `may`, `as_a_rule`), which it holds unless the parties agree otherwise
(`standard`), and the order they fix (`a then b`, `after c`)."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.law import Ceremony, Rule, Target
from ..model.lower import Model
from ..model.values import NO, UNKNOWN, YES
from .common import accepted_edit, dropped, first_call, first_in_main_track, present, visit_span, when
from ..diagnostics.codes import DEPARTS_FROM_DEFAULT, FORBIDDEN_PRESENT, MISSING_REQUIRED, NOT_PERMITTED

# The modalities whose items are the default: leaving one out, or changing their order, is a warning.
DEFAULTS = ("as_a_rule", "standard")


def check_format_rules(model: Model) -> Iterator[diag.Diagnostic]:
    """Report required ceremonies missing, forbidden or unpermitted ones present, and ceremonies out of order."""
    fmt = model.event.format
    if fmt is None:
        return
    held, first = present(model), first_in_main_track(model)
    # Whether a standard item is held is settled by its standard list; a `shall` rule on it (2024 art. 37:
    # "after the expanded negotiations, the signing is provided for") fixes how: its order, not its presence.
    standard = {name for rule in fmt.rules if rule.modality == "standard" for t in rule.targets for name in t.names}
    held_or_standard = held | standard
    for rule in fmt.rules:
        for target in rule.targets:
            ceremonies = [(name, span) for name, span in _refs(target) if isinstance(model.law(name), Ceremony)]
            present_for = held_or_standard if rule.modality == "shall" else held
            if target.one_of and rule.modality in ("shall",) + DEFAULTS:
                yield from _one_of(model, rule, ceremonies, present_for)
            else:
                for name, span in ceremonies:
                    yield from _presence(model, rule, name, span, held, present_for)
            placed = [(name, span) for name, span in ceremonies if name in first]
            if not target.one_of:
                for before, after in zip(placed, placed[1:]):
                    yield from _order(model, before[0], after[0], rule, first)
            if rule.relative_to is not None and rule.relative_to in first:
                for name, _ in placed:
                    pair = (rule.relative_to, name) if rule.relation == "after" else (name, rule.relative_to)
                    yield from _order(model, *pair, rule, first)


def _refs(target: Target) -> list[tuple[str, object]]:
    """Return the names of a target with their spans in the rule (None where a span is not kept)."""
    spans = list(target.spans) + [None] * (len(target.names) - len(target.spans))
    return list(zip(target.names, spans))


def _one_of(model: Model, rule: Rule, refs: list[tuple[str, object]], held: set[str]) -> Iterator[diag.Diagnostic]:
    """Check `shall A or B`: one of the alternatives is enough, and dropping one by a deviation excuses it."""
    values = [model.facts.value(rule.condition, name) for name, _ in refs]
    if all(v is NO for v in values) or any(name in held or dropped(model, name) for name, _ in refs):
        return
    value = UNKNOWN if UNKNOWN in values else YES
    names = " or ".join(f"`{name}`" for name, _ in refs)
    wording = when(rule.condition, value)
    where = visit_span(model, refs[0][1])
    if rule.modality == "standard":
        yield _left_out(model, rule, names, where, wording)
        return
    if rule.modality == "as_a_rule":
        yield diag.warning(
            DEPARTS_FROM_DEFAULT, f"as a rule the program has {names}{wording}; record a deviation with its "
            "reason if it is left out on purpose", where, citation=rule.citation.text)
        return
    yield diag.error(
        MISSING_REQUIRED, f"the program has none of {names}, one of which the rules require{wording}", where,
        citation=rule.citation.text, related=_related(rule.span, "the rule"),
        hints=(f"add one of {names} to the program",))


def _presence(model: Model, rule: Rule, name: str, span, held: set[str],
              required: set[str]) -> Iterator[diag.Diagnostic]:
    """Check one ceremony a rule names against the program: missing, forbidden, or held without permission;
    `required` holds what a `shall` counts as there (the held ceremonies and the standard items)."""
    value = model.facts.value(rule.condition, name)
    wording, citation, related = when(rule.condition, value), rule.citation.text, _related(span, "the rule")
    is_held = name in held
    if rule.modality == "shall" and value is not NO and name not in required and not dropped(model, name):
        yield diag.error(
            MISSING_REQUIRED, f"the program has no `{name}`, which the rules require{wording}",
            visit_span(model, span), citation=citation, related=related,
            hints=(f"add `{name}` to the program, or record a deviation if the rule allows one",))
    elif rule.modality == "shall not" and value is not NO and is_held:
        yield diag.error(
            FORBIDDEN_PRESENT, f"`{name}` is in the program, but the rules forbid it{wording}",
            first_call(model, name).span, citation=citation, related=related)
    elif rule.modality == "may" and value is NO and is_held:
        yield diag.error(
            NOT_PERMITTED, f"`{name}` is permitted only when {rule.condition.inner}, and the scenario says that "
            "does not hold", first_call(model, name).span, citation=citation, related=related)
    elif rule.modality == "standard" and value is not NO and not is_held and not dropped(model, name):
        yield _left_out(model, rule, f"`{name}`", visit_span(model, span), wording)
    elif rule.modality == "standard" and is_held and _omitted(model, name):
        deviation, _ = accepted_edit(model, name, "drop")
        yield diag.error(
            "omitted-item-held", f"`{name}` is in the program, but the scenario records it as omitted by agreement",
            first_call(model, name).span, citation=citation,
            related=(diag.Related(deviation.span, "the omission"),) if deviation.span else ())
    elif rule.modality == "as_a_rule" and value is not NO and not is_held and not dropped(model, name):
        yield diag.warning(
            DEPARTS_FROM_DEFAULT, f"as a rule the program has `{name}`{wording}; record a deviation with its "
            "reason if it is left out on purpose", visit_span(model, span), citation=citation)


def _left_out(model: Model, rule: Rule, names: str, where, wording: str = "") -> diag.Diagnostic:
    """Return the warning for an item of the standard program that the program leaves out."""
    first = names.split("`")[1]
    return diag.warning(
        "standard-item-left-out", f"the standard program of the visit has {names}{wording}, and this program "
        "leaves it out; settle it with the guest's side (it is on the agreement checklist)", where,
        citation=rule.citation.text,
        hints=(f'add it to the program, or record `omit {first} because "..."` when the parties agreed to leave it '
               "out",))


def _omitted(model: Model, name: str) -> bool:
    """Tell whether an accepted `omit` of the scenario leaves `name` out."""
    found = accepted_edit(model, name, "drop")
    return found is not None and found[0].omission


def _order(model: Model, first: str, second: str, rule: Rule, at: dict) -> Iterator[diag.Diagnostic]:
    """Report `second` coming before `first` in the main track, which the rule puts the other way; a recorded
    deviation (`order second before first`) lifts it where the order is only the default."""
    if at[first] < at[second]:
        return
    if rule.modality in DEFAULTS and _order_recorded(model, first, second):
        return
    make = diag.warning if rule.modality in DEFAULTS else diag.error
    yield make(
        "order-violated", f"`{second}` comes before `{first}` in the program, but the rules put `{first}` first",
        first_call(model, second).span, citation=rule.citation.text,
        related=_related(first_call(model, first).span, f"`{first}` is here") + _related(rule.span, "the rule"))


def _order_recorded(model: Model, first: str, second: str) -> bool:
    """Tell whether an accepted deviation of `first` or `second` puts `second` before `first`."""
    for deviation in model.event.deviations:
        if deviation.accepted and deviation.target in (first, second):
            if any(e.kind == "order" and (e.first, e.second) == (second, first) for e in deviation.edits):
                return True
    return False


def _related(span, note: str) -> tuple[diag.Related, ...]:
    return (diag.Related(span, note),) if span is not None else ()
