"""Deviations: which rule permits each one, whether it is accepted, and its edits applied to the event.

A deviation names a target (a ceremony, `ceremony.step`, a quantity a limit
bounds, or an event a window times) and edits. It is accepted when a rule on
that target permits a change (`deviable_by` the deviation's authority, under
the permission's condition, for edits of the kinds it lists; or `as_a_rule`)
and every edit fits the target. `verdict()` is the one answer to "is this
deviation allowed": lowering applies the accepted ones, the checker reports
the refused ones with the same diagnostic.
"""

from __future__ import annotations

import attrs

from .. import diagnostics as diag
from . import event as ev
from . import law
from .values import NO, Minutes

# Which kinds of edit fit which kind of target, and which permission kind each edit needs.
FITS = {
    "step": ("lead", "actors", "duration", "drop"),
    # On a ceremony, `lead`/`actor ... instead_of` and `remove` change every step the role takes part in.
    "ceremony": ("lead", "actors", "duration", "drop", "order"),
    "quantity": ("limit",),
    "event": ("window",),
}



def target_kind(model, target: str) -> str | None:
    """Return what a deviation's target is: a ceremony, a step, a quantity, a window's event, or None."""
    ceremony, _, step = target.partition(".")
    if model.kind(ceremony) == "ceremony":
        return "step" if step else "ceremony"
    if not step and model.kind(target) == "quantity":
        return "quantity"
    fmt = model.event.format
    if not step and fmt is not None and any(w.event == target for w in fmt.windows):
        return "event"
    return None


def permissions(model, target: str) -> list[law.Permission]:
    """Return every permission the visit's rules give to change `target`: the format's rules, limits and
    windows, and the rules inside the program's ceremonies (on their steps)."""
    out: list[law.Permission] = []
    fmt = model.event.format
    if fmt is not None:
        out += [r.permission for r in fmt.rules if r.permission and any(target in g.names for g in r.targets)]
        out += [limit.permission for limit in fmt.limits if limit.permission and limit.quantity == target]
        out += [w.permission for w in fmt.windows if w.permission and w.event == target]
    ceremony, _, step = target.partition(".")
    called = next((c.ceremony for c in model.event.calls if c.name == ceremony and c.ceremony is not None), None)
    if step and called is not None:
        out += [r.permission for r in called.rules if r.permission and any(step in g.names for g in r.targets)]
    return out


def verdict(model, deviation: ev.Deviation) -> diag.Diagnostic | None:
    """Return why `deviation` is refused (the diagnostic the checker reports), or None when it is accepted."""
    granted = permissions(model, deviation.target)
    if not granted:
        return diag.error(
            "deviation-not-allowed", f"no rule of this visit lets `{deviation.target}` be changed",
            deviation.target_span, hints=("a deviation must name a rule with `deviable_by`, an `as_a_rule` rule, "
                                          "or a limit or window with `deviable_by`",))
    mismatch = _mismatch(model, deviation)
    if mismatch is not None:
        return mismatch
    refusals = [_refusal(model, deviation, permission) for permission in granted]
    if all(refusals):
        # The refusal that concerns this authority says under what condition it may allow the change.
        own = [r for r in refusals if r.code != "wrong-authority"]
        return (own or refusals)[0]
    return None


def _refusal(model, deviation: ev.Deviation, permission: law.Permission) -> diag.Diagnostic | None:
    """Return why `permission` does not cover `deviation`, or None if it does."""
    related = (diag.Related(permission.rule_span, "the rule"),) if permission.rule_span else ()
    citation = permission.citation.text
    condition = permission.condition
    if condition is not None and model.facts.value(condition) is NO:
        return diag.error(
            "deviation-not-allowed", f"`{deviation.target}` may be changed only {condition.words}, and the scenario "
            "says that does not hold", deviation.target_span, citation=citation, related=related)
    if permission.authorities and deviation.authority not in permission.authorities:
        return diag.error(
            "wrong-authority", f"`{deviation.target}` may be changed only by {', '.join(permission.authorities)}, "
            f"not by {deviation.authority}", deviation.authority_span, citation=citation, related=related)
    refused = [e for e in deviation.edits if permission.edits and e.kind not in permission.edits]
    if refused:
        allowed = ", ".join(permission.edits)
        return diag.error(
            "deviation-not-allowed", f"`{refused[0].words}` is not a change the rule allows: it lets "
            f"`{deviation.target}` be changed only in {allowed}", refused[0].span, citation=citation,
            related=related)
    return None


def _mismatch(model, deviation: ev.Deviation) -> diag.Diagnostic | None:
    """Return a diagnostic for an edit that does not fit its target (a limit on a step, an unknown actor)."""
    kind = deviation.target_kind
    for edit in deviation.edits:
        if kind is not None and edit.kind not in FITS[kind]:
            return diag.error(
                "deviation-edit-mismatch", f"`{edit.words}` cannot change {_a(kind)} (`{deviation.target}`): "
                f"{_a(kind)} can be changed by {', '.join(FITS[kind])}", edit.span)
        if kind == "step":
            problem = _step_mismatch(model, deviation, edit)
            if problem:
                return diag.error("deviation-edit-mismatch", problem, edit.span)
        if kind == "ceremony" and edit.kind in ("lead", "actors"):
            problem = _ceremony_mismatch(model, deviation, edit)
            if problem:
                return diag.error("deviation-edit-mismatch", problem, edit.span)
        if kind == "ceremony" and edit.kind == "order":
            ceremony = model.law(deviation.ceremony)
            missing = [n for n in (edit.first, edit.second) if ceremony.step(n) is None]
            if missing:
                return diag.error("deviation-edit-mismatch", f"`{deviation.ceremony}` has no step `{missing[0]}`",
                                  edit.span)
    return None


def _step_mismatch(model, deviation: ev.Deviation, edit: ev.Edit) -> str | None:
    ceremony = model.law(deviation.ceremony)
    step = ceremony.step(deviation.step) if isinstance(ceremony, law.Ceremony) else None
    if step is None:
        return f"`{deviation.ceremony}` has no step `{deviation.step}`"
    present = {step.lead} | {a.role for a in step.actors}
    if edit.old is not None and edit.old not in present:
        return f"`{edit.old}` does not take part in `{deviation.target}`, so it cannot be replaced or removed"
    if edit.kind == "lead" and step.lead is not None and edit.old != step.lead:
        return f"`{deviation.target}` is led by `{step.lead}`, not by `{edit.old}`"
    if edit.new is not None and model.kind(edit.new) not in ("role", "unit", "office"):
        return f"`{edit.new}` is not a role"
    return None


def _ceremony_mismatch(model, deviation: ev.Deviation, edit: ev.Edit) -> str | None:
    """Return why a change of people does not fit a whole ceremony: an added role has no step to go to, and a
    replaced or removed role must take part in one of its steps."""
    if edit.old is None:
        return f"`{edit.words}` names no step to add the role to: write `deviation {deviation.ceremony}.STEP: ...`"
    ceremony = model.law(deviation.ceremony)
    steps = ceremony.steps if isinstance(ceremony, law.Ceremony) else ()
    if not any(edit.old == s.lead or edit.old in (a.role for a in s.actors) for s in steps):
        return f"`{edit.old}` takes part in no step of `{deviation.ceremony}`, so it cannot be replaced or removed"
    if edit.new is not None and model.kind(edit.new) not in ("role", "unit", "office"):
        return f"`{edit.new}` is not a role"
    return None


def _a(kind: str) -> str:
    return {"step": "a step", "ceremony": "a ceremony", "quantity": "a quantity", "event": "a window's event"}[kind]


# ---- applying -----------------------------------------------------------------------------------


def apply_deviations(model, event: ev.Event, deviations: tuple[ev.Deviation, ...]) -> ev.Event:
    """Return `event` with its deviations recorded and the accepted ones applied to the calls they change."""
    calls = list(event.calls)
    for deviation in deviations:
        if not deviation.accepted or deviation.target_kind not in ("step", "ceremony"):
            continue
        for index, call in enumerate(calls):
            if call.name != deviation.ceremony or (deviation.day is not None and call.day != deviation.day):
                continue
            calls[index] = _apply_to_call(call, deviation)
    return attrs.evolve(event, calls=tuple(calls), deviations=deviations)


def _apply_to_call(call: ev.Call, deviation: ev.Deviation) -> ev.Call:
    """Return the call with the deviation applied: its steps, or the call itself (its time, order, presence).

    The call is marked with the deviation only when the call itself changed;
    a change of people marks the steps it changed.
    """
    marked = call.deviations + (deviation.id,)
    people = tuple(e for e in deviation.edits if e.kind in ("lead", "actors"))
    if deviation.step is None and people:
        # The same officials for the whole ceremony: each step the replaced role takes part in changes.
        steps = tuple(_apply_to_step(s, attrs.evolve(deviation, edits=people))
                      if any(e.old == s.lead or e.old in (a.role for a in s.actors) for e in people) else s
                      for s in call.steps)
        call = attrs.evolve(call, steps=steps)
        deviation = attrs.evolve(deviation, edits=tuple(e for e in deviation.edits if e not in people))
        if not deviation.edits:
            return call
    if deviation.step is None:
        changes: dict = {"deviations": marked}
        for edit in deviation.edits:
            if edit.kind == "drop":
                changes["dropped"] = True
            elif edit.kind == "duration" and edit.minutes is not None:
                changes["minutes"] = edit.minutes[1]
            elif edit.kind == "order":
                kept = tuple(o for o in changes.get("orders", call.orders)
                             if (o.first, o.second) != (edit.second, edit.first))
                changes["orders"] = kept + (law.StepOrder(edit.first, edit.second, f"{edit.words} ({deviation.id})",
                                                          deviation.citation, edit.span),)
        return attrs.evolve(call, **changes)
    steps = []
    for step in call.steps:
        if step.name != deviation.step:
            steps.append(step)
            continue
        changed = _apply_to_step(step, deviation)
        if changed is not None:
            steps.append(changed)
    return attrs.evolve(call, steps=tuple(steps))


def _apply_to_step(step: law.Step, deviation: ev.Deviation) -> law.Step | None:
    """Return the step with the deviation's edits applied, or None when it drops the step."""
    lead, actors, duration, replaced = step.lead, list(step.actors), step.duration, step.replaced_lead
    for edit in deviation.edits:
        if edit.kind == "drop":
            return None
        if edit.kind == "duration" and edit.minutes is not None:
            duration = Minutes(edit.minutes[0], edit.minutes[1], deviation.citation, edit.span)
        elif edit.kind == "lead":
            replaced, lead = edit.old, edit.new
            actors = [attrs.evolve(a, role=edit.new, deviation=deviation.id) if a.role == edit.old else a
                      for a in actors]
        elif edit.kind == "actors" and edit.old is not None and edit.new is not None:
            actors = [attrs.evolve(a, role=edit.new, deviation=deviation.id) if a.role == edit.old else a
                      for a in actors]
        elif edit.kind == "actors" and edit.new is not None:
            actors.append(law.Actor(edit.new, deviation=deviation.id))
        elif edit.kind == "actors" and edit.old is not None:
            actors = [a for a in actors if a.role != edit.old]
            lead = None if lead == edit.old else lead
    # One role once: a replacement may name a role that was there already.
    seen: set[str] = set()
    unique = [a for a in actors if not (a.role in seen or seen.add(a.role))]
    return attrs.evolve(step, lead=lead, actors=tuple(unique), duration=duration, replaced_lead=replaced,
                        deviations=step.deviations + (deviation.id,))
