"""Print syntax-tree nodes as Rasim text: conditions, and each statement on one line.

The formatter lays these lines out (compiler/tools/fmt.py); diagnostics, the plan
and the reference pages use them to quote a rule the way it is written.
"""

from __future__ import annotations

from .. import tree as t

# Stands for a space where a long line may break: before a translation, before
# a citation, after a comma in a list. The grammar keeps NUL out of strings
# and names, so the marker cannot collide with the text itself.
BREAK = "\x00"


def quoted(text: str) -> str:
    """Return `text` as a Rasim string literal."""
    # Tabs stay as they are: an escape followed by a combining mark (`\\t` and
    # U+0307) would compose into another letter when the text is read as NFC.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _label(label: t.Label | None) -> str:
    if label is None:
        return ""
    out = " " + quoted(label.text)
    for translation in label.translations:
        out += f"{BREAK}{translation.language} {quoted(translation.text)}"
    return out


def _cites(citations) -> str:
    out = ""
    for citation in citations:
        out += BREAK + "§ " + ", ".join(citation.articles)
        if citation.edition is not None:
            out += " of " + citation.edition.text
    return out


def _refs(refs) -> str:
    return f",{BREAK}".join(r.text for r in refs)


def _amount(amount) -> str:
    if isinstance(amount, t.Range):
        text = f"{amount.low}..{amount.high}"
    else:
        text = amount.number
    return f"{text} {amount.unit}" if amount.unit else text


def _condition(expr, inside: type | None = None) -> str:
    if isinstance(expr, t.ConditionRef):
        return expr.ref.text
    if isinstance(expr, t.Negation):
        return "not " + _condition(expr.operand, t.Negation)
    word = " and " if isinstance(expr, t.AllOf) else " or "
    text = word.join(_condition(operand, type(expr)) for operand in expr.operands)
    # `or` binds looser than `and`, and `not` binds tightest: parenthesise
    # exactly where the grammar would otherwise group differently.
    if inside is t.Negation or (inside is t.AllOf and isinstance(expr, t.AnyOf)) or inside is type(expr):
        return f"({text})"
    return text


def _guard(guard: t.Guard | None, before: str = " ") -> str:
    """Return ` when C`; `before` is BREAK where a long statement may wrap before the condition."""
    return f"{before}{guard.keyword} {_condition(guard.condition)}" if guard else ""


def _declared(keyword: str, node) -> str:
    return f"{keyword} {node.name.text}{_label(node.label)}{_cites(node.citations)}"


def _deviable(deviable: t.Deviable | None) -> str:
    if deviable is None:
        return ""
    changing = f"{BREAK}changing {', '.join(deviable.edits)}" if deviable.edits else ""
    return f"{BREAK}deviable_by {_refs(deviable.authorities)}{_guard(deviable.guard, BREAK)}{changing}"


def edit_text(edit) -> str:
    """Return one edit of a deviation as written: `lead deputy_minister instead_of minister`."""
    if isinstance(edit, t.ReplaceLead):
        return f"lead {edit.new.text} instead_of {edit.old.text}"
    if isinstance(edit, t.ReplaceActor):
        return f"actor {edit.new.text} instead_of {edit.old.text}"
    if isinstance(edit, t.AddActor):
        return f"add {edit.role.text}"
    if isinstance(edit, t.RemoveActor):
        return f"remove {edit.role.text}"
    if isinstance(edit, t.ChangeDuration):
        return f"duration {_amount(edit.amount)}"
    if isinstance(edit, (t.ChangeLimit, t.ChangeWindow)):
        keyword = "limit" if isinstance(edit, t.ChangeLimit) else "window"
        return f"{keyword} {edit.comparison} {_amount(edit.amount)}"
    if isinstance(edit, t.ChangeOrder):
        return f"order {edit.first.text} {edit.relation} {edit.second.text}"
    return "drop"


def _moment(moment: t.Moment) -> str:
    return f"{moment.date} {moment.time}" + (f" {moment.timezone}" if moment.timezone else "")


def call_text(call: t.Call) -> str:
    """Return one call of a program entry as written: `akorda_welcome 20 min at akorda`."""
    out = call.ref.text
    if call.amount is not None:
        out += " " + _amount(call.amount)
    if call.place is not None:
        out += " at " + call.place.text
    out += _guard(call.guard)
    if call.details is not None:
        inner = "; ".join(f"{d.name.text}{_label(d.label)}" for d in call.details)
        out += " { " + inner + " }" if inner else " {}"
    return out


def _value(value) -> str:
    if isinstance(value, t.TextValue):
        return quoted(value.text)
    if isinstance(value, t.RefValue):
        return value.ref.text
    return _amount(value)


# One-line statements: how each prints.
INLINE = {
    t.ImportStmt: lambda n: "import " + (".".join(n.module) if n.module else quoted(n.file))
    + (f" as {n.alias}" if n.alias else ""),
    t.EditionTitle: lambda n: "title" + _label(n.label),
    t.Decree: lambda n: f"{n.kind} {quoted(n.number)} dated {n.date}",
    t.InForce: lambda n: f"in_force {n.start} .." + (f" {n.end}" if n.end else ""),
    t.Language: lambda n: f"language {n.language}",
    t.Side: lambda n: f"side {n.side}",
    t.Requirement: lambda n: "requires "
    + (f"level {n.requirement.level.text}" if isinstance(n.requirement, t.LevelRequirement)
       else "sex " + (n.requirement.sex or f"same_as {n.requirement.same_as.text}"))
    + _cites(n.citations),
    t.Appointment: lambda n: f"appointed_by {_refs(n.appointers)}{_cites(n.citations)}",
    t.Acting: lambda n: f"acts_for {n.role.text}{_guard(n.guard)}{_cites(n.citations)}",
    t.MemberOf: lambda n: f"member_of {n.unit.text}{_cites(n.citations)}",
    t.Level: lambda n: _declared("level", n),
    t.VisitLevel: lambda n: f"level {n.level.text}{_cites(n.citations)}",
    t.ReceivedAs: lambda n: f"received_as {n.kind.text}{_guard(n.guard)}{_cites(n.citations)}",
    t.Condition: lambda n: f"condition {n.name.text}{_label(n.label)}"
    + (f"{BREAK}settled_by {n.settled_by}" if n.settled_by else "") + (f" {_refs(n.program)}" if n.program else "")
    + _cites(n.citations),
    t.Quantity: lambda n: f"quantity {n.name.text}{_label(n.label)} : {n.type}{_cites(n.citations)}",
    t.FormatGuest: lambda n: f"for {_refs(n.kinds)}{_guard(n.guard, BREAK)}{_cites(n.citations)}",
    t.OnBehalfOf: lambda n: f"on_behalf_of {n.host.text}{_cites(n.citations)}",
    t.Limit: lambda n: f"limit {n.quantity.text} {n.comparison} {_amount(n.amount)}"
    + _guard(n.guard, BREAK) + _deviable(n.deviable) + _cites(n.citations),
    t.Window: lambda n: f"window {n.event.text} {n.comparison} {_amount(n.amount)} {n.relation} {n.anchor.text}"
    + (f" {n.anchor_counting} anchor" if n.anchor_counting else "") + _guard(n.guard, BREAK) + _deviable(n.deviable)
    + _cites(n.citations),
    t.Rule: lambda n: n.modality + " " + ", ".join((" or " if target.one_of else " then ").join(r.text for r in target.refs)
                                                  for target in n.targets)
    + (f" {n.relative_to.relation} {n.relative_to.ref.text}" if n.relative_to else "") + _guard(n.guard, BREAK)
    + _deviable(n.deviable) + _cites(n.citations),
    t.Venue: lambda n: f"at {n.place.text}{_cites(n.citations)}",
    t.Responsible: lambda n: f"responsible {n.unit.text}{_cites(n.citations)}",
    t.Travel: lambda n: f"travel {n.place.text} {_amount(n.amount)}{_cites(n.citations)}",
    t.Duration: lambda n: f"duration {_amount(n.amount)}{' customary' if n.customary else ''}{_cites(n.citations)}",
    t.Sequence: lambda n: f"sequence {_refs(n.steps)}{_cites(n.citations)}",
    t.Track: lambda n: f"track {n.name.text}{_label(n.label)}: {_refs(n.steps)}",
    t.Order: lambda n: f"order {n.first.text} {n.relation} {n.second.text}{_cites(n.citations)}",
    t.AnchorStep: lambda n: f"anchor {n.step.text}{_cites(n.citations)}",
    t.Extreme: lambda n: f"{n.position} {n.step.text}{_cites(n.citations)}",
    t.Lead: lambda n: f"lead {n.role.text}{_cites(n.citations)}",
    t.Actors: lambda n: "actors " + f",{BREAK}".join(" or ".join(r.text for r in (a.ref, *a.alternatives)) + _guard(a.guard)
                                                  for a in n.actors) + _cites(n.citations),
    t.Action: lambda n: "action" + _label(n.label) + _cites(n.citations),
    t.StepGuard: lambda n: _guard(n.guard).lstrip() + _cites(n.citations),
    t.StepModality: lambda n: f"modality {n.modality}{_cites(n.citations)}",
    t.Ordering: lambda n: f"ordering {n.name.text}: "
    + (" then ".join(r.text for r in n.spec.refs) if isinstance(n.spec, t.OrderingChain)
       else f"{n.spec.ref.text} {n.spec.position}") + _guard(n.guard, BREAK) + _cites(n.citations),
    t.Cue: lambda n: "cue" + _label(n.label) + _cites(n.citations),
    t.Note: lambda n: "note" + _label(n.label) + _cites(n.citations),
    t.Rank: lambda n: f"{n.number} " + ("excluded" if n.excluded else _refs(n.roles))
    + (" by " + " then ".join(r.text for r in n.order) if n.order else "")
    + (f" reconstructed{_label(n.reconstructed)}" if n.reconstructed is not None else "") + _cites(n.citations),
    t.TieBreak: lambda n: "tie_break " + " then ".join(r.text for r in n.criteria) + _cites(n.citations),
    t.SpouseShares: lambda n: "spouse_shares_precedence" + _cites(n.citations),
    t.Override: lambda n: f"override_by {n.authority.text}{_cites(n.citations)}",
    t.CalendarRule: lambda n: f"calendar {n.name.text}{_label(n.label)} : on "
    + (f"{n.rule.day} {n.rule.month}" if isinstance(n.rule, t.FixedDay)
       else f"{n.rule.ordinal} {n.rule.weekday} of {n.rule.month}"
       + (f" {n.rule.year.offset}" + (f" after {n.rule.year.after.text}" if n.rule.year.after else "")
          if n.rule.year else ""))
    + _cites(n.citations),
    t.HeadedBy: lambda n: f"headed_by {n.role.text}{_cites(n.citations)}",
    t.Provision: lambda n: f"{n.kind} {n.name.text}{_label(n.label)}"
    + (f" of {n.holder.text}" if n.holder else "") + _cites(n.citations),
    t.Symbol: lambda n: f"symbol {n.name.text}{_label(n.label)} on {_refs(n.on)}"
    + (f" languages {_refs(n.languages)}" if n.languages else "") + _cites(n.citations),
    t.Informative: lambda n: "informative" + _cites((n.citation,)).replace(BREAK, " ") + " " + quoted(n.reason),
    t.Lineage: lambda n: f"lineage {n.later.text} continues "
    + (f",{BREAK}".join(e.text for e in n.earlier) if n.earlier else f"nothing {quoted(n.reason or '')}") + _cites(n.citations),
    t.PinEdition: lambda n: f"edition {n.edition.text}",
    t.Spouse: lambda n: f"with_spouse {quoted(n.name)}" + (f" {n.sex}" if n.sex else ""),
    t.Government: lambda n: f"government {n.form}",
    t.Term: lambda n: f"term {n.number}",
    t.Arrive: lambda n: f"arrive {_moment(n.moment)}" + (f" at {n.place.text}" if n.place else ""),
    t.Depart: lambda n: f"depart {_moment(n.moment)}" + (f" at {n.place.text}" if n.place else ""),
    t.Assume: lambda n: f"assume {n.condition.text} {n.truth}" + (f" for {_refs(n.items)}" if n.items else ""),
    t.Agreed: lambda n: f"agreed {n.item.text} = {_value(n.value)}{_cites(n.citations)}",
    t.Person: lambda n: f"{n.role.text} {quoted(n.name)}" + "".join(
        f" {a.sex}" if isinstance(a, t.PersonSex) else f" appointed {a.date}" if isinstance(a, t.PersonAppointed)
        else f" arrived {a.date} {a.time}" if isinstance(a, t.PersonArrived)
        else f" agrement {a.date}" if isinstance(a, t.PersonAgrement)
        else f" level {a.level.text}" for a in n.attributes),
    t.Deviation: lambda n: f"deviation {n.target.text}" + (f" on day {n.day}" if n.day is not None else "")
    + ":" + BREAK + f",{BREAK}".join(edit_text(e) for e in n.edits) + BREAK + _label(n.change).lstrip(" ")
    + f"{BREAK}because {quoted(n.reason)}"
    + f"{BREAK}authorized_by {n.authority.text}{_cites(n.citations)}",
    t.PriorVisit: lambda n: f"prior_visit {n.date} {n.format.text}" + (f" of {quoted(n.country)}" if n.country is not None else ""),
    t.Event: lambda n: f"event {n.name.text} {_moment(n.moment)}",
    t.Omit: lambda n: f"omit {n.item.text}{BREAK}because {quoted(n.reason)}{_cites(n.citations)}",
    t.Include: lambda n: f"include {_refs(n.items)}{_cites(n.citations)}",
    t.Count: lambda n: f"count {n.quantity.text} = {n.number}",
    t.PrecedenceOverride: lambda n: f"precede {n.first.text} before {n.second.text} because {quoted(n.reason)}",
}

# Statements with a body: the header, and the children inside the braces.
# A child list of None means the statement was written without braces.
BLOCKS = {
    t.Edition: lambda n: (f"edition {n.edition.text}{_label(n.label)}", n.items),
    t.Role: lambda n: (_declared("role", n), n.items),
    t.Unit: lambda n: (_declared("unit", n), n.members),
    t.Place: lambda n: (_declared("place", n), n.places),
    t.GuestKind: lambda n: (_declared("guest_kind", n), n.items),
    t.Format: lambda n: (_declared("format", n), n.items),
    t.Ceremony: lambda n: (_declared("ceremony", n), n.items),
    t.Parallel: lambda n: ("parallel" + _cites(n.citations), n.tracks),
    t.Step: lambda n: (_declared("step", n), n.items),
    t.Precedence: lambda n: (_declared("precedence", n), n.items),
    t.Office: lambda n: (_declared("office", n), n.items),
    t.Scenario: lambda n: (f"scenario {n.name.text}{_label(n.label)}", n.items),
    t.Visit: lambda n: (f"visit {n.format.text}", n.items),
    t.Occasion: lambda n: (f"occasion {n.kind.text}", n.items),
    t.Guest: lambda n: (f"principal {quoted(n.person)} {n.kind.text}"
                        + (f" of {quoted(n.country)}" if n.country is not None else ""), n.items),
    t.People: lambda n: ("people", n.persons),
    t.Program: lambda n: ("program", n.days),
    t.Day: lambda n: (f"day {n.number}" + (f" {n.date}" if n.date else ""), n.items),
    t.TrackProgram: lambda n: (f"track {n.name.text}{_label(n.label)}", n.entries),
}


def condition_text(expression, inside: type | None = None) -> str:
    """Return a condition expression as written: `weather_permitting and not (a or b)`; `inside` is the
    operator it stands under (`t.Negation` after a `not`), to parenthesise it where needed."""
    return _condition(expression, inside)


def branch_text(guard: t.Guard) -> str:
    """Return the condition under which a guarded item takes place: `rain` for `when rain`, `not rain`
    for `unless rain`, as the contingencies of the plan name their branches."""
    if guard.keyword == "when":
        return _condition(guard.condition)
    return "not " + _condition(guard.condition, t.Negation)


def guard_text(guard: t.Guard | None) -> str:
    """Return a guard as written, without a leading space: `unless parliamentary_government`."""
    return _guard(guard).lstrip()


def statement_text(node) -> str:
    """Return a one-line statement as written, on one line."""
    return INLINE[type(node)](node).replace(BREAK, " ")
