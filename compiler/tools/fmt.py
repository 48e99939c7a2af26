"""Print a parsed module in the canonical layout, keeping its comments.

One statement per line, two spaces per block level, one space around words,
at most one blank line where the source had some. Comments stay with the
statement they precede or end; a comment inside a statement that prints on
one line moves to the end of that line. Because the layout depends only on
the tree, formatting twice changes nothing, and the result parses to a tree
equal to the original (spans aside).
"""

from __future__ import annotations

import bisect
import re

from .. import tree as t
from ..syntax.parse import Comment, Parsed
from ..tree.unparse import BLOCKS, BREAK, INLINE, call_text

# Strings and comments are skipped while looking for a block's `{`.
_OPENING = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|\{')

INDENT = "  "
CONTINUATION = "    "
MAX_LINE = 100


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
        # Where each line starts, to turn an offset into a line number without
        # counting from the start of the file each time (that was quadratic).
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
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
                return bisect.bisect_right(self.line_starts, match.start()), match.start()
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
        if kind in BLOCKS:
            header, children = BLOCKS[kind](node)
            self.block(node, header, children)
        elif kind is t.Entry:
            self.entry(node)
        else:
            self.statement(node, INLINE[kind](node))

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
        calls = [call_text(call).replace(BREAK, " ") for call in entry.calls]
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
