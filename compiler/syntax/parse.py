"""Parse Rasim text into a syntax tree, with every syntax error as a diagnostic."""

from __future__ import annotations

import re

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..limits import DEFAULT_LIMITS, Limits
from ..source import Span, normalise_text
from .input_checks import check_text, check_tree, too_long_line

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


def parse(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse `text`, reported under `path`, into a module and its diagnostics.

    At most `limits.errors` syntax errors are reported, then one
    `too-many-errors` that says how many more were found.
    """
    from lark.exceptions import UnexpectedInput

    from .parser_loader import load_parser
    from .recovery import SyntaxRecovery

    text = normalise_text(text)
    empty = t.Module(None, (), span=Span(path, 1, 1, 1, 1, 0, 0))
    refused = _too_deep(text, path) or too_long_line(text, path, limits)
    if refused is not None:
        return Parsed(empty, (), (refused,))

    loaded = load_parser()
    loaded.builder.reset(path)
    loaded.comments.comments = []
    recovery = SyntaxRecovery(path, text, loaded, limits.errors)
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
    found = _at_most(found, limits.errors, recovery)
    found += check_text(text, path) + check_tree(module, path, limits)
    return Parsed(module, comments, tuple(sorted(found, key=lambda d: d.sort_key)))


def _at_most(found: list[diag.Diagnostic], limit: int, recovery) -> list[diag.Diagnostic]:
    """Keep the first `limit` errors and close with one that counts the rest."""
    errors = [d for d in found if d.severity is diag.Severity.ERROR]
    hidden = errors[limit:]
    more = len(hidden) + recovery.counted
    if not more and recovery.gave_up_at is None:
        return found
    hidden_ids = {id(d) for d in hidden}
    kept = [d for d in found if id(d) not in hidden_ids]
    spans = [d.span for d in hidden if d.span] + [recovery.first_counted]
    span = min((s for s in spans if s), key=lambda s: s.start, default=None) or recovery._span_at(
        recovery.gave_up_at or 0, 0)
    counted = f"at least {more}" if recovery.gave_up_at is not None else str(more)
    kept.append(diag.error("too-many-errors", f"{min(limit, len(errors))} syntax errors are shown; {counted} more "
                           "were found, the first of them here", span,
                           hints=("fix the first errors and run again, or raise the limit with --max-errors",)))
    return kept


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
