"""Build syntax-tree nodes while Lark parses: one callback per grammar rule.

The callbacks run inside the LALR parser (Lark's inline transformer), so no
intermediate parse tree is built and no recursion happens however deep the
input nests. The parser keeps every token (keep_all_tokens), so each node's
span runs from its first keyword to its closing brace; the callbacks drop the
punctuation and keywords and keep the tokens that carry values.
"""

from __future__ import annotations

import datetime
from typing import Any

from lark import Token, Transformer

from .. import diagnostics as diag
from .. import tree as t
from .build_library import DeclarationCallbacks
from .fragments import CitationList, Keyword, Parts, RefList
from .build_scenario import ScenarioCallbacks
from .keywords import KEYWORDS
from ..source import Span

MAX_NEGATIONS = 16
MAX_DIGITS = 9
ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


class TreeBuilder(DeclarationCallbacks, ScenarioCallbacks, Transformer):
    """Turn Lark's reductions into syntax-tree nodes and collect value diagnostics."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.path = "<input>"
        self.diagnostics: list[diag.Diagnostic] = []
        # How many `not` are stacked under a Negation node, by id(node): a
        # chain of thousands would make every later pass recurse that deep.
        self.negation_depth: dict[int, int] = {}

    def reset(self, path: str) -> None:
        """Start a new file: spans report `path`, diagnostics start empty."""
        self.path = path
        self.diagnostics = []
        self.negation_depth = {}

    # ---- helpers -------------------------------------------------------------

    def span(self, children: list) -> Span:
        """Return the span from the first to the last child."""
        if not children:
            return Span(self.path, 1, 1, 1, 1, 0, 0)
        return self._span_of(children[0]).to(self._span_of(children[-1]))

    def _span_of(self, item: Any) -> Span:
        if isinstance(item, Token):
            # Tokens that error recovery invents borrow a start but may lack an end.
            line, column, start = item.line or 1, item.column or 1, item.start_pos or 0
            return Span(self.path, line, column, item.end_line or line, item.end_column or column,
                        start, item.end_pos if item.end_pos is not None else start)
        if isinstance(item, list):
            return self.span(item)
        return item.span

    def _error(self, code: str, message: str, item: Any, **extra) -> None:
        self.diagnostics.append(diag.error(code, message, self._span_of(item), **extra))

    def name(self, token: Token) -> t.Name:
        self._check_not_keyword(token)
        return t.Name(str(token), span=self._span_of(token))

    def _check_not_keyword(self, token: Token) -> None:
        if str(token) in KEYWORDS:
            self._error("reserved-word", f"`{token}` is a keyword of the language and cannot be used as a name",
                        token, hints=(f"choose another name, for example `{token}_1` or a more specific one",))

    def text(self, token: Token) -> str:
        """Return the text of a STRING token with its escapes decoded."""
        raw = str(token)[1:-1]
        if "\\" not in raw:
            return raw
        out, i = [], 0
        while i < len(raw):
            char = raw[i]
            if char == "\\" and i + 1 < len(raw):
                follower = raw[i + 1]
                if follower in ESCAPES:
                    out.append(ESCAPES[follower])
                else:
                    self._error("invalid-escape", f"`\\{follower}` is not an escape that a quoted text understands",
                                token, hints=('write \\\\ for a backslash and \\" for a quote',))
                    out.append(follower)
                i += 2
            else:
                out.append(char)
                i += 1
        return "".join(out)

    def whole(self, token: Token) -> int:
        text = str(token)
        if "." in text:
            self._error("expected-whole-number", f"`{_shorten(text)}` must be a whole number here", token)
            text = text.split(".")[0]
        # No day, rank, count or year needs more digits; far longer numbers
        # would also overflow the conversions later stages make.
        if len(text) > MAX_DIGITS:
            self._error("expected-whole-number", f"`{_shorten(text)}` has more than {MAX_DIGITS} digits", token)
            return 0
        return int(text)

    def date(self, token: Token) -> str:
        text = str(token)
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            self._error("invalid-date", f"`{text}` is not a date of the calendar", token)
        return text

    def time(self, token: Token) -> str:
        text = str(token)
        hours, minutes = (int(x) for x in text.split(":"))
        if hours > 23 or minutes > 59:
            self._error("invalid-time", f"`{text}` is not a time of day on the 24-hour clock", token)
            return text
        # `9:30` is accepted as people write it; the tree holds HH:MM in ASCII
        # digits (also for `٩:٣٠`), which is what the clock and the outputs read.
        return f"{hours:02d}:{minutes:02d}"

    # ---- shared pieces -------------------------------------------------------

    def ref(self, c):
        names = [x for x in c if isinstance(x, Token) and x.type == "NAME"]
        # Only the first part names something declared at this level; the
        # parts after a dot are members (`negotiations_expanded.format`).
        if names:
            self._check_not_keyword(names[0])
        return t.Ref(tuple(str(x) for x in names), span=self.span(c))

    def dotted_path(self, c):
        return self.ref(c)

    def ref_list(self, c):
        return RefList(tuple(x for x in c if isinstance(x, t.Ref)), self.span(c))

    def edition_ref(self, c):
        p = Parts(c)
        name = p.one("NAME")
        self._check_not_keyword(name)
        return t.EditionRef(str(name), self.whole(p.one("NUMBER")), span=self.span(c))

    def label(self, c):
        p = Parts(c)
        return t.Label(self.text(p.one("STRING")), p.tuple(t.Translation), span=self.span(c))

    def translation(self, c):
        return t.Translation(c[0].text, self.text(c[1]), span=self.span(c))

    def citations(self, c):
        return CitationList(tuple(c), self.span(c))

    def citation(self, c):
        p = Parts(c)
        return t.Citation(tuple(str(a) for a in p.all("ARTICLE")), p.one(t.EditionRef), span=self.span(c))

    def guard(self, c):
        return t.Guard(c[0].text, c[1], span=self.span(c))

    def any_of(self, c):
        return t.AnyOf(self._flatten(t.AnyOf, c[0], c[2]), span=self.span(c))

    def all_of(self, c):
        return t.AllOf(self._flatten(t.AllOf, c[0], c[2]), span=self.span(c))

    @staticmethod
    def _flatten(kind: type, left, right) -> tuple:
        # `a and (b and c)` means `a and b and c`: one flat node keeps the
        # tree shallow and gives the formatter one canonical form.
        parts = []
        for side in (left, right):
            parts.extend(side.operands if isinstance(side, kind) else (side,))
        return tuple(parts)

    def negation(self, c):
        operand = c[1]
        depth = self.negation_depth.get(id(operand), 0) + 1
        if depth > MAX_NEGATIONS:
            # The outer `not`s all see the same kept operand: report it once.
            if self.negation_depth.get(-id(operand)) is None:
                self.negation_depth[-id(operand)] = depth
                self._error("nesting-too-deep", f"more than {MAX_NEGATIONS} `not` in a row", c[0])
            return operand
        node = t.Negation(operand, span=self.span(c))
        self.negation_depth[id(node)] = depth
        return node

    def condition_ref(self, c):
        return t.ConditionRef(c[0], span=self.span(c))

    def parenthesized(self, c):
        # Parentheses only group; the tree keeps the grouping, not the brackets.
        return c[1]

    def amount(self, c):
        p = Parts(c)
        unit = p.one(Keyword)
        return t.Amount(str(p.one("NUMBER")), unit.text if unit else None, span=self.span(c))

    def range(self, c):
        p = Parts(c)
        low, high = p.all("NUMBER")
        unit = p.one(Keyword)
        return t.Range(str(low), str(high), unit.text if unit else None, span=self.span(c))

    def _keyword(self, c):
        return Keyword(" ".join(str(x) for x in c), self.span(c))

    comparison = _keyword
    lang = when_or_unless = measure = decree_kind = side_name = sex = settlement = _keyword
    quantity_type = anchor_counting_kind = relation = modality = extreme_kind = ordering_position = _keyword
    excluded = year_offset_kind = provision_kind = truth = edit_kind = duration_basis = _keyword

    # ---- modules and editions ------------------------------------------------

    def start(self, c):
        p = Parts(c)
        header = p.one(t.ModuleHeader)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and not isinstance(x, t.ModuleHeader))
        return t.Module(header, items, span=self.span(c))

    def module_header(self, c):
        return t.ModuleHeader(Parts(c).one(t.EditionRef), span=self.span(c))

    def import_stmt(self, c):
        p = Parts(c)
        module, file = p.one(t.Ref), p.one("STRING")
        alias = p.one("NAME")
        if alias is not None:
            self._check_not_keyword(alias)
        return t.ImportStmt(module.parts if module else None, self.text(file) if file else None,
                            str(alias) if alias else None, span=self.span(c))

    def edition(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.EditionTitle, t.Decree, t.InForce, t.Language)))
        return t.Edition(p.one(t.EditionRef), p.one(t.Label), items, span=self.span(c))

    def edition_title(self, c):
        return t.EditionTitle(Parts(c).one(t.Label), span=self.span(c))

    def decree(self, c):
        p = Parts(c)
        return t.Decree(p.one(Keyword).text, self.text(p.one("STRING")), self.date(p.one("DATE")), span=self.span(c))

    def in_force(self, c):
        dates = [self.date(d) for d in Parts(c).all("DATE")]
        return t.InForce(dates[0], dates[1] if len(dates) > 1 else None, span=self.span(c))

    def language(self, c):
        return t.Language(Parts(c).one(Keyword).text, span=self.span(c))


def _shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "..."
