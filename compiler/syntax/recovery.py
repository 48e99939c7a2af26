"""Report syntax errors in plain words and recover, so one run finds them all.

Lark calls `SyntaxRecovery.handle` at each error. It records a diagnostic,
then either inserts one missing token (a `}`, a `{`, a name...) when that
lets the parser take the offending token, or skips the offending token.
Errors that follow a skipped token directly are not reported again: they are
the same mistake seen from the next token. At the end of the input it closes
the open blocks, and it never asks the parser to retry the end of input
twice, so recovery cannot loop.

Each error costs time in proportion to the depth of the parser's stack, not
to what was read before it: repairs are tried on shallow copies of the parser
(a deep copy would copy every declaration read so far). Past the errors it
reports (`--max-errors`), it only skips tokens and counts.
"""

from __future__ import annotations

import bisect
import re

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from .. import diagnostics as diag
from ..source import Span
from .fragments import VALUE_TOKENS

# Recovery goes on after the errors it reports, only to count the rest. Past
# this many errors of any kind it stops: the count is then a lower bound.
ERROR_BUDGET = 20_000

# A run of characters none of which can start a token: one error, skipped at once.
_UNLEXABLE_RUN = re.compile(r'[^\w\s"(),\-.:;<=>@{}§#]+')
# Blanks and comments, which may lie between a skipped token and the next error.
_BLANKS = re.compile(r"(?:\s|#[^\n]*)*")

# Tokens recovery may invent, most useful first. The values only fill the
# tree of a file that already has an error; they are never written out.
INSERTABLE = (
    ("RBRACE", "}"),
    ("LBRACE", "{"),
    ("NAME", "_"),
    ("STRING", '""'),
    ("AT_MOST", "<="),
    ("NUMBER", "0"),
    ("COLON", ":"),
    ("DATE", "2000-01-01"),
    ("TIME", "00:00"),
)

TERMINAL_WORDS = {
    "NAME": "a name",
    "STRING": "a quoted text",
    "NUMBER": "a number",
    "DATE": "a date (YYYY-MM-DD)",
    "TIME": "a clock time (HH:MM)",
    "TIMEZONE": "a time zone such as Asia/Almaty",
    "ARTICLE": "an article number such as 31, 10.8 or A1.5",
    "$END": "the end of the file",
}

MISTAKE_MESSAGES = {
    "missing-comparison": "a comparison such as `<=` or `>=` is missing before the amount",
    "missing-label-quotes": "this text must be in double quotes",
    "missing-brace": "a `{` is missing to open the block",
    "stray-closing-brace": "this `}` closes no open block",
    "time-without-date": "a date (YYYY-MM-DD) must come before the clock time",
}


class SyntaxRecovery:
    """Collect syntax diagnostics for one file and steer Lark's recovery."""

    def __init__(self, path: str, text: str, loaded, max_errors: int = 50) -> None:
        self.path = path
        self.max_errors = max_errors
        # Errors past `max_errors` are only counted, and found the cheap way.
        self.counted = 0
        self.first_counted: Span | None = None
        self._reported_keys: set = set()
        self.text = text
        self.loaded = loaded
        self.diagnostics: list[diag.Diagnostic] = []
        self.errors = 0
        self.skipped_until = -1
        self.reported_end = False
        self.gave_up_at: int | None = None
        self._line_starts: list[int] | None = None

    # ---- the callback ----------------------------------------------------------

    def handle(self, error: UnexpectedInput) -> bool:
        """Record `error` and return True to let the parser go on, False to stop."""
        self.errors += 1
        if self.errors > ERROR_BUDGET:
            self.gave_up_at = error.pos_in_stream or 0
            return False
        if isinstance(error, UnexpectedCharacters):
            return self._bad_character(error)
        if isinstance(error, UnexpectedToken):
            if error.token.type == "$END":
                return self._unexpected_end(error)
            if len(self._reported_keys) >= self.max_errors:
                return self._skip_and_count(error.token)
            return self._unexpected_token(error)
        return False

    def _skip_and_count(self, token: Token) -> bool:
        """Skip `token`, counting it as an error unless it follows a skipped one.

        Past the reported errors, trying repairs (a copy of the parser per
        candidate token) would cost more than the rest of the file is worth.
        """
        if not self._follows_skipped(token.start_pos):
            self._report("unexpected-token", "", self._span_of(token))
        self.skipped_until = token.end_pos
        return True

    def _bad_character(self, error: UnexpectedCharacters) -> bool:
        position = error.pos_in_stream
        char = self.text[position]
        state = error.interactive_parser.lexer_thread.state
        if char == '"':
            line_end = self.text.find("\n", position)
            line_end = len(self.text) if line_end < 0 else line_end
            self._report("unterminated-string", "this quoted text has no closing quote on its line",
                         self._span_at(position, line_end - position),
                         hints=('add a closing " at the end of the text',))
            # Skip the rest of the line: reading it as words would report
            # every word of the unfinished text as a separate error.
            state.line_ctr.feed(self.text[position:line_end])
            self.skipped_until = line_end
            return True
        if not self._follows_skipped(position):
            shown = char if char.isprintable() else f"U+{ord(char):04X}"
            self._report("unexpected-character", f"`{shown}` cannot stand here outside a quoted text or a comment",
                         self._span_at(position, 1))
        # Skip the whole run of characters that cannot start a token: a line
        # of `$$$$` is one mistake, and skipping it char by char is slow.
        run = _UNLEXABLE_RUN.match(self.text, position)
        end = run.end() if run else position + 1
        state.line_ctr.feed(self.text[position:end])
        self.skipped_until = end
        return True

    def _unexpected_end(self, error: UnexpectedToken) -> bool:
        parser = error.interactive_parser
        # An unterminated text swallows the braces after it on its line; the
        # missing `}` at the end is the same mistake, already reported.
        swallowed = bool(self.diagnostics) and self.diagnostics[-1].code == "unterminated-string"
        if not self.reported_end and not swallowed:
            self.reported_end = True
            expected = self._expected_words(parser.accepts())
            self._report("unexpected-end", f"the file ends here, but {expected} is still expected",
                         self._span_at(len(self.text), 0), hints=("a closing `}` is often what is missing",))
        # Close open blocks so that what was read still reaches the tree.
        for _ in range(1000):
            accepted = parser.accepts()
            if "$END" in accepted:
                return True
            for kind, value in INSERTABLE:
                if kind in accepted:
                    parser.feed_token(self._invented(kind, value, error.token))
                    break
            else:
                return False
        return False

    def _unexpected_token(self, error: UnexpectedToken) -> bool:
        token = error.token
        parser = error.interactive_parser
        # Lark computes `accepts` anew on each access, by trying every terminal.
        expected = error.accepts or error.expected
        mistake = self._mistake(error)
        if not self._follows_skipped(token.start_pos):
            found = f"`{token}`" if token.type != "$END" else "the end of the file"
            if mistake == "unexpected-token":
                message = f"found {found}, but {self._expected_words(expected)} is expected here"
            else:
                message = f"{MISTAKE_MESSAGES[mistake]} (found {found})"
            self._report(mistake, message, self._span_of(token))
        if mistake == "missing-label-quotes" and "STRING" in expected:
            # Read the bare word as the text it was meant to be, so that the
            # rest of the statement is not misread as a new one.
            parser.feed_token(Token.new_borrow_pos("STRING", f'"{token}"', token))
            return True
        # Names are tried in every lexer state, so a keyword out of place arrives
        # as a name: give it back its keyword type before trying repairs.
        keyword = self._keyword_types().get(str(token)) if token.type == "NAME" else None
        retyped = Token.new_borrow_pos(keyword, str(token), token) if keyword else token
        for kind, value in INSERTABLE:
            if kind not in expected:
                continue
            trial = parser.copy(deepcopy_values=False)
            trial.feed_token(self._invented(kind, value, token))
            if retyped.type in trial.accepts():
                parser.feed_token(self._invented(kind, value, token))
                parser.feed_token(retyped)
                return True
        token = retyped
        if token.type not in VALUE_TOKENS and self._resume_in_enclosing_block(parser, token):
            return True
        self.skipped_until = token.end_pos
        return True

    def _resume_in_enclosing_block(self, parser, token: Token) -> bool:
        """Drop the unfinished statement if an enclosing block can take `token`.

        Panic mode: pop parser states until one accepts the token. Only whole
        grammar rules are ever reduced afterwards, so the tree stays well formed.
        """
        from lark.exceptions import UnexpectedToken as Unexpected

        states = parser.parser_state.state_stack
        for depth in range(1, len(states) - 1):
            trial = parser.copy(deepcopy_values=False)
            del trial.parser_state.state_stack[-depth:]
            del trial.parser_state.value_stack[-depth:]
            if token.type not in trial.choices():
                continue
            try:
                trial.feed_token(token)
            except Unexpected:
                continue
            del parser.parser_state.state_stack[-depth:]
            del parser.parser_state.value_stack[-depth:]
            parser.feed_token(token)
            return True
        return False

    # ---- helpers -------------------------------------------------------------------

    def _keyword_types(self) -> dict[str, str]:
        """Return the terminal type of each keyword, by its text."""
        cached = getattr(self.loaded, "keyword_types", None)
        if cached is None:
            cached = {p.value: name for name, p in self.loaded.terminal_patterns.items()
                      if p.type == "str" and p.value.isidentifier()}
            self.loaded.keyword_types = cached
        return cached

    def _mistake(self, error: UnexpectedToken) -> str:
        if error.token.type == "RBRACE":
            # Braces of finished statements are folded into their nodes; the
            # ones still on the stack tell whether any block is open.
            kinds = [value.type for value in error.state.value_stack if isinstance(value, Token)]
            if kinds.count("LBRACE") <= kinds.count("RBRACE"):
                return "stray-closing-brace"
        position = getattr(error.state, "position", None)
        mistakes = self.loaded.mistakes
        return mistakes.get((position, error.token.type)) or mistakes.get((position, None)) or "unexpected-token"

    def _follows_skipped(self, position: int) -> bool:
        """Tell whether only blanks and comments lie between the last skipped token and `position`."""
        if self.skipped_until < 0 or position < self.skipped_until:
            return self.skipped_until >= 0 and position < self.skipped_until
        return _BLANKS.match(self.text, self.skipped_until).end() >= position

    def _expected_words(self, names) -> str:
        words = sorted({self._word(name) for name in names})
        if not words:
            return "nothing more"
        if len(words) > 12:
            return "one of " + ", ".join(words[:12]) + f" (or {len(words) - 12} more)"
        if len(words) == 1:
            return words[0]
        return "one of " + ", ".join(words[:-1]) + " or " + words[-1]

    def _word(self, name: str) -> str:
        if name in TERMINAL_WORDS:
            return TERMINAL_WORDS[name]
        pattern = self.loaded.terminal_patterns.get(name)
        if pattern is not None and pattern.type == "str":
            return f"`{pattern.value}`"
        return name.lower()

    def _invented(self, kind: str, value: str, at: Token) -> Token:
        return Token.new_borrow_pos(kind, value, at) if at.line is not None else Token(kind, value)

    def _span_of(self, token: Token) -> Span:
        if token.line is None:
            return self._span_at(len(self.text), 0)
        return Span(self.path, token.line, token.column, token.end_line, token.end_column, token.start_pos,
                    token.end_pos)

    def _span_at(self, offset: int, length: int) -> Span:
        offset = max(0, min(offset, len(self.text)))
        end = min(offset + max(length, 0), len(self.text))
        line, column = self._line_and_column(offset)
        end_line, end_column = self._line_and_column(end)
        return Span(self.path, line, column, end_line, end_column, offset, end)

    def _line_and_column(self, offset: int) -> tuple[int, int]:
        # Counting the newlines before each error would make many errors quadratic.
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def _report(self, code: str, message: str, span: Span, hints: tuple = ()) -> None:
        key = (code, span.line, span.column)
        if key in self._reported_keys:
            return
        if len(self._reported_keys) >= self.max_errors:
            self.counted += 1
            self.first_counted = self.first_counted or span
            return
        self._reported_keys.add(key)
        self.diagnostics.append(diag.error(code, message, span, hints=hints))
