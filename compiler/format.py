"""Print a parsed module in the canonical layout, keeping its comments.

One statement per line, two spaces per block level, one space around words,
at most one blank line where the source had some. Comments stay with the
statement they precede or end; a comment inside a statement that prints on
one line moves to the end of that line. Because the layout depends only on
the tree, formatting twice changes nothing, and the result parses to a tree
equal to the original (spans aside).
"""

from __future__ import annotations

import re

from . import tree as t
from .parse import Comment, Parsed

# Strings and comments are skipped while looking for a block's `{`.
_OPENING = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|\{')

INDENT = "  "
CONTINUATION = "    "
MAX_LINE = 100
# Stands for a space where a long line may break: before a translation, before
# a citation, after a comma in a list. The grammar keeps NUL out of strings
# and names, so the marker cannot collide with the text itself.
BREAK = "\x00"


def format_module(parsed: Parsed, source: str) -> str:
    """Return the canonical text of `parsed`, whose source text is `source`."""
    printer = _Printer(parsed.comments, source)
    module = parsed.module
    if module.header is not None:
        printer.statement(module.header, "rules of " + module.header.edition.text)
    for item in module.items:
        printer.node(item)
    printer.flush_comments(None)
    text = "\n".join(printer.lines).strip("\n")
    return text + "\n" if text else ""


def _quote(text: str) -> str:
    # Tabs stay as they are: an escape followed by a combining mark (`\\t` and
    # U+0307) would compose into another letter when the text is read as NFC.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _label(label: t.Label | None) -> str:
    if label is None:
        return ""
    out = " " + _quote(label.text)
    for translation in label.translations:
        out += f"{BREAK}{translation.language} {_quote(translation.text)}"
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
    return f"{BREAK}deviable_by {_refs(deviable.authorities)}{_guard(deviable.guard, BREAK)}"


def _moment(moment: t.Moment) -> str:
    return f"{moment.date} {moment.time}" + (f" {moment.timezone}" if moment.timezone else "")


def _call(call: t.Call) -> str:
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
        return _quote(value.text)
    if isinstance(value, t.RefValue):
        return value.ref.text
    return _amount(value)


# One-line statements: how each prints.
_INLINE = {
    t.ImportStmt: lambda n: "import " + (".".join(n.module) if n.module else _quote(n.file))
    + (f" as {n.alias}" if n.alias else ""),
    t.EditionTitle: lambda n: "title" + _label(n.label),
    t.Decree: lambda n: f"{n.kind} {_quote(n.number)} dated {n.date}",
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
    + (f" settled_by {n.settled_by}" if n.settled_by else "") + _cites(n.citations),
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
    t.Duration: lambda n: f"duration {_amount(n.amount)}{_cites(n.citations)}",
    t.Sequence: lambda n: f"sequence {_refs(n.steps)}{_cites(n.citations)}",
    t.Track: lambda n: f"track {n.name.text}{_label(n.label)}: {_refs(n.steps)}",
    t.Order: lambda n: f"order {n.first.text} {n.relation} {n.second.text}{_cites(n.citations)}",
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
    + (f" reconstructed {_quote(n.reconstructed)}" if n.reconstructed is not None else "") + _cites(n.citations),
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
    t.Informative: lambda n: "informative" + _cites((n.citation,)).replace(BREAK, " ") + " " + _quote(n.reason),
    t.PinEdition: lambda n: f"edition {n.edition.text}",
    t.Spouse: lambda n: f"with_spouse {_quote(n.name)}" + (f" {n.sex}" if n.sex else ""),
    t.Government: lambda n: f"government {n.form}",
    t.Term: lambda n: f"term {n.number}",
    t.Arrive: lambda n: f"arrive {_moment(n.moment)}" + (f" at {n.place.text}" if n.place else ""),
    t.Depart: lambda n: f"depart {_moment(n.moment)}" + (f" at {n.place.text}" if n.place else ""),
    t.Assume: lambda n: f"assume {n.condition.text} {n.truth}" + (f" for {_refs(n.items)}" if n.items else ""),
    t.Agreed: lambda n: f"agreed {n.item.text} = {_value(n.value)}{_cites(n.citations)}",
    t.Person: lambda n: f"{n.role.text} {_quote(n.name)}" + "".join(
        f" {a.sex}" if isinstance(a, t.PersonSex) else f" appointed {a.date}" if isinstance(a, t.PersonAppointed)
        else f" arrived {a.date} {a.time}" if isinstance(a, t.PersonArrived)
        else f" agrement {a.date}" if isinstance(a, t.PersonAgrement)
        else f" level {a.level.text}" for a in n.attributes),
    t.Deviation: lambda n: f"deviation {n.target.text}:{_label(n.change)}{BREAK}because {_quote(n.reason)}"
    + f"{BREAK}authorized_by {n.authority.text}{_cites(n.citations)}",
    t.PriorVisit: lambda n: f"prior_visit {n.date} {n.format.text}" + (f" of {_quote(n.country)}" if n.country is not None else ""),
    t.Event: lambda n: f"event {n.name.text} {_moment(n.moment)}",
    t.Count: lambda n: f"count {n.quantity.text} = {n.number}",
    t.PrecedenceOverride: lambda n: f"precede {n.first.text} before {n.second.text} because {_quote(n.reason)}",
}

# Statements with a body: the header, and the children inside the braces.
# A child list of None means the statement was written without braces.
_BLOCKS = {
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
    t.Guest: lambda n: (f"principal {_quote(n.person)} {n.kind.text}"
                        + (f" of {_quote(n.country)}" if n.country is not None else ""), n.items),
    t.People: lambda n: ("people", n.persons),
    t.Program: lambda n: ("program", n.days),
    t.Day: lambda n: (f"day {n.number}" + (f" {n.date}" if n.date else ""), n.items),
    t.TrackProgram: lambda n: (f"track {n.name.text}{_label(n.label)}", n.entries),
}


def _would_absorb(statement, following) -> bool:
    """Tell whether `following`, printed after `statement`, would parse as part of it."""
    if isinstance(following, t.StepGuard) and isinstance(statement, t.Actors):
        return statement.actors[-1].guard is None and not statement.citations
    if isinstance(following, t.StepGuard) and isinstance(statement, t.Ordering):
        # `ordering a: x then y` + `when c` reads as the ordering's own condition.
        return statement.guard is None and not statement.citations
    if isinstance(following, t.Venue) and isinstance(statement, (t.Arrive, t.Depart)):
        return statement.place is None
    if isinstance(following, t.People) and isinstance(statement, t.Agreed):
        # `people` is also a unit: `agreed places = 5` + `people {` reads as 5 people.
        return isinstance(statement.value, t.Amount) and statement.value.unit is None
    return False


class _Printer:
    def __init__(self, comments: tuple[Comment, ...], source: str) -> None:
        self.comments = sorted(comments, key=lambda c: c.span.start)
        self.next_comment = 0
        self.source = source
        self.source_lines = source.split("\n")
        self.lines: list[str] = []
        self.depth = 0
        self.last_line = 0
        self.code_end = 0
        self.code_line = 0

    # ---- comments and blank lines ----------------------------------------------

    def flush_comments(self, before_line: int | None) -> None:
        """Print, as their own lines, the comments that start before `before_line`."""
        while self.next_comment < len(self.comments):
            comment = self.comments[self.next_comment]
            if before_line is not None and comment.span.line >= before_line:
                break
            self._blank_line_before(comment.span.line)
            self.lines.append(INDENT * self.depth + comment.text.rstrip())
            self.last_line = comment.span.line
            self.next_comment += 1

    def _brace(self, node) -> tuple[int, int]:
        """Return the line and offset of the `{` that opens `node`'s body (the header may span lines)."""
        offset = node.span.start
        while True:
            match = _OPENING.search(self.source, offset)
            if match is None or match.start() >= node.span.end:
                return node.span.line, node.span.start
            if match.group() == "{":
                return self.source.count("\n", 0, match.start()) + 1, match.start()
            offset = match.end()

    def _comments_inside(self, node, brace_offset: int) -> bool:
        """Tell whether a comment not yet printed lies between the `{` and the `}` of `node`."""
        closing = node.span.end - 1
        return any(brace_offset < c.span.start < closing for c in self.comments[self.next_comment:])

    def _end_statement(self) -> None:
        """Put a `;` after the last printed statement, before its trailing comment if any."""
        # The statement's own line, not the comment lines printed after it.
        index, end = self.code_line, self.code_end
        self.lines[index] = self.lines[index][:end] + ";" + self.lines[index][end:]

    def emit(self, text: str, through_line: int, continuation: bool = False, opens_block: bool = False) -> None:
        """Print `text` at the current depth, with the comments up to `through_line` after it.

        The first such comment ends the line; any others (a statement that
        spanned several lines and now prints on one) follow on lines of their own.
        """
        taken = []
        while self.next_comment < len(self.comments) and self.comments[self.next_comment].span.line <= through_line:
            taken.append(self.comments[self.next_comment].text.rstrip())
            self.next_comment += 1
        self.depth += continuation
        lines = self._wrap(text)
        self.depth -= continuation
        self.lines.extend(lines[:-1])
        # Where the code of the line ends, before its comment: a `;` may go there.
        self.code_end = len(lines[-1])
        self.code_line = len(self.lines)
        self.lines.append(lines[-1] + (f"  {taken[0]}" if taken else ""))
        # After a `{` the other comments belong inside the block, where they stay.
        inner = INDENT * (self.depth + opens_block)
        self.lines.extend(inner + comment for comment in taken[1:])

    def _wrap(self, text: str) -> list[str]:
        """Break `text` at its BREAK marks, filling each line up to MAX_LINE."""
        indent = INDENT * self.depth
        if len(indent) + len(text) <= MAX_LINE:
            return [indent + text.replace(BREAK, " ")]
        pieces = text.split(BREAK)
        lines, current = [], indent + pieces[0]
        for piece in pieces[1:]:
            if len(current) + 1 + len(piece) <= MAX_LINE:
                current += " " + piece
            else:
                lines.append(current)
                current = indent + CONTINUATION + piece
        lines.append(current)
        return lines

    def _blank_line_before(self, line: int) -> None:
        if self.last_line and line - self.last_line > 1 and self.lines and self.lines[-1] != "":
            gap = self.source_lines[self.last_line:line - 1]
            if any(not text.strip() for text in gap):
                self.lines.append("")

    # ---- statements ------------------------------------------------------------------

    def node(self, node) -> None:
        kind = type(node)
        if kind in _BLOCKS:
            header, children = _BLOCKS[kind](node)
            self.block(node, header, children)
        elif kind is t.Entry:
            self.entry(node)
        else:
            self.statement(node, _INLINE[kind](node))

    def statement(self, node, text: str) -> None:
        self.flush_comments(node.span.line)
        self._blank_line_before(node.span.line)
        self.emit(text, node.span.end_line)
        self.last_line = node.span.end_line

    def block(self, node, header: str, children) -> None:
        self.flush_comments(node.span.line)
        self._blank_line_before(node.span.line)
        if children is None:
            self.emit(header, node.span.end_line)
            self.last_line = node.span.end_line
            return
        brace_line, brace_offset = self._brace(node)
        first_child_line = children[0].span.line if children else node.span.end_line
        if not children and not self._comments_inside(node, brace_offset):
            self.emit(header + " {}", node.span.end_line)
            self.last_line = node.span.end_line
            return
        # Comments on the header's lines, up to its `{`, stay on the header.
        self.emit(header + " {", min(brace_line, first_child_line - 1), opens_block=True)
        self.last_line = brace_line
        self.depth += 1
        for index, child in enumerate(children):
            self.node(child)
            if index + 1 < len(children) and _would_absorb(child, children[index + 1]):
                # Without a `;` the next statement would read as the end of this one.
                self._end_statement()
        self.flush_comments(node.span.end_line)
        self.depth -= 1
        self.emit("}", node.span.end_line)
        self.last_line = node.span.end_line

    def entry(self, entry: t.Entry) -> None:
        calls = [_call(call).replace(BREAK, " ") for call in entry.calls]
        start = (entry.time + " ") if entry.time else ""
        one_line = start + " then ".join(calls)
        if len(calls) == 1 or len(INDENT * self.depth + one_line) <= MAX_LINE:
            self.statement(entry, one_line)
            return
        self.flush_comments(entry.span.line)
        self._blank_line_before(entry.span.line)
        self.lines.append(INDENT * self.depth + start + calls[0])
        for call in calls[1:-1]:
            self.lines.append(INDENT * (self.depth + 1) + "then " + call)
        self.emit("then " + calls[-1], entry.span.end_line, continuation=True)
        self.last_line = entry.span.end_line
