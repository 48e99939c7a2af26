"""Parse Rasim text into a syntax tree, with every syntax error as a diagnostic."""

from __future__ import annotations

import re

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..source import Span, normalise_text

# Real files nest a handful of levels; far deeper nesting means a damaged file,
# and the formatter, the equality of nodes and the checker all recurse.
MAX_NESTING = 64

_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[{}()]')


@frozen
class Comment:
    """A `#` comment, kept for the formatter."""

    text: str
    span: Span


@frozen
class Parsed:
    """The result of parsing one file: a tree (partial if there were errors), comments, diagnostics."""

    module: t.Module
    comments: tuple[Comment, ...]
    diagnostics: tuple[diag.Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """Tell whether the file parsed without errors."""
        return not any(d.severity is diag.Severity.ERROR for d in self.diagnostics)


def parse(text: str, path: str) -> Parsed:
    """Parse `text`, reported under `path`, into a module and its diagnostics."""
    from lark.exceptions import UnexpectedInput

    from .parser_loader import load_parser
    from .recovery import SyntaxRecovery

    text = normalise_text(text)
    empty = t.Module(None, (), span=Span(path, 1, 1, 1, 1, 0, 0))
    too_deep = _too_deep(text, path)
    if too_deep is not None:
        return Parsed(empty, (), (too_deep,))

    loaded = load_parser()
    loaded.builder.reset(path)
    loaded.comments.comments = []
    recovery = SyntaxRecovery(path, text, loaded)
    try:
        module = loaded.lark.parse(text, on_error=recovery.handle)
    except UnexpectedInput:
        # Recovery gave up (too many errors, or the end of the input could not
        # be closed); the diagnostics already say why.
        module = empty
    if not isinstance(module, t.Module):
        module = empty
    comments = tuple(
        Comment(str(token), Span(path, token.line, token.column, token.end_line, token.end_column,
                                 token.start_pos, token.end_pos))
        for token in loaded.comments.comments
    )
    # Recovery tries insertions on copies of the parser, which run the tree
    # builder too: the same finding can be recorded more than once.
    unique: dict[tuple, diag.Diagnostic] = {}
    for found_one in recovery.diagnostics + loaded.builder.diagnostics:
        where = (found_one.span.line, found_one.span.column) if found_one.span else None
        unique.setdefault((found_one.code, where), found_one)
    found = sorted(unique.values(), key=lambda d: d.sort_key)
    return Parsed(module, comments, tuple(found))


def _too_deep(text: str, path: str) -> diag.Diagnostic | None:
    depth = 0
    for match in _BRACKETS.finditer(text):
        bracket = match.group()
        if bracket in "{(":
            depth += 1
            if depth > MAX_NESTING:
                offset = match.start()
                line = text.count("\n", 0, offset) + 1
                column = offset - (text.rfind("\n", 0, offset) + 1) + 1
                return diag.error("nesting-too-deep",
                                  f"blocks and parentheses are nested more than {MAX_NESTING} levels deep here",
                                  Span(path, line, column, line, column + 1, offset, offset + 1))
        elif bracket in "})":
            depth = max(0, depth - 1)
    return None


def expected_after(text: str) -> tuple[list, dict[str, str | None]] | None:
    """Parse the start of a file up to a cursor; return its tokens and what may come next.

    What may come next maps each acceptable terminal to its literal text (a
    keyword or a symbol such as `{`) or to None for a pattern (NAME, STRING,
    TIME). Gives None when the text before the cursor does not parse.
    """
    from lark.exceptions import LarkError

    from .parser_loader import load_parser

    loaded = load_parser()
    loaded.builder.reset("<completion>")
    loaded.comments.comments = []
    tokens = []
    try:
        interactive = loaded.lark.parse_interactive(normalise_text(text))
        for token in interactive.iter_parse():
            tokens.append(token)
        accepted = interactive.accepts()
    except (LarkError, ValueError, TypeError):
        return None
    finally:
        loaded.builder.reset("<input>")
    expected = {}
    for name in accepted:
        if name == "$END":
            continue
        pattern = loaded.lark.get_terminal(name).pattern
        expected[name] = pattern.value if type(pattern).__name__ == "PatternStr" else None
    return tokens, expected
