"""Build syntax-tree nodes while Lark parses: one callback per grammar rule.

The callbacks run inside the LALR parser (Lark's inline transformer), so no
intermediate parse tree is built and no recursion happens however deep the
input nests. The parser keeps every token (keep_all_tokens), so each node's
span runs from its first keyword to its closing brace; the callbacks drop the
punctuation and keywords and keep the tokens that carry values.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any, Callable

from attrs import define
from lark import Token, Transformer

from . import diagnostics as diag
from . import tree as t
from .keywords import KEYWORDS
from .source import Span

VALUE_TOKENS = frozenset({"NAME", "STRING", "NUMBER", "DATE", "TIME", "TIMEZONE", "ARTICLE", "COMPARISON"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "last")
MAX_NEGATIONS = 16
ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


@define
class Keyword:
    """A keyword kept by a `!` rule (modality, unit, sex...): its text and span."""

    text: str
    span: Span


@define
class RefList:
    """The references of one `ref_list`, kept apart from a second list in the same rule."""

    refs: tuple
    span: Span


@define
class CitationList:
    """The citations at the end of a statement."""

    citations: tuple
    span: Span


@define
class _Body:
    """The statements of a `{ ... }` body that is optional in its rule."""

    items: tuple
    span: Span


@define
class _Word:
    """A keyword argument of a statement, handed to the parent rule."""

    text: str
    span: Span


class _SettledBy(_Word):
    pass


class _Counting(_Word):
    pass


@define
class _Targets:
    items: tuple
    span: Span


class Parts:
    """The value-carrying children of a rule, looked up by type."""

    __slots__ = ("items",)

    def __init__(self, children: list):
        self.items = [c for c in children if not isinstance(c, Token) or c.type in VALUE_TOKENS]

    def one(self, kind: type | str, default: Any = None) -> Any:
        for item in self.items:
            if _is(item, kind):
                return item
        return default

    def all(self, kind: type | str) -> list:
        return [item for item in self.items if _is(item, kind)]

    def tuple(self, kind: type | str) -> tuple:
        return tuple(self.all(kind))


def _is(item: Any, kind: type | str) -> bool:
    if isinstance(kind, str):
        return isinstance(item, Token) and item.type == kind
    return isinstance(item, kind)


class TreeBuilder(Transformer):
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
            return Span(self.path, item.line, item.column, item.end_line, item.end_column,
                        item.start_pos, item.end_pos)
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
            self._error("expected-whole-number", f"`{text}` must be a whole number here", token)
            return int(float(text))
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

    # ---- shared pieces -------------------------------------------------------

    def ref(self, c):
        names = [x for x in c if isinstance(x, Token) and x.type == "NAME"]
        for token in names:
            self._check_not_keyword(token)
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

    lang = when_or_unless = measure = decree_kind = side_name = sex = settlement = _keyword
    quantity_type = anchor_counting_kind = relation = modality = extreme_kind = _keyword
    excluded = year_offset_kind = provision_kind = truth = _keyword

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

    # ---- roles, units, places, levels, guest kinds, conditions, quantities ----

    def _cites(self, p: Parts) -> tuple:
        found = p.one(CitationList)
        return found.citations if found else ()

    def _refs(self, p: Parts, index: int = 0) -> tuple:
        lists = p.all(RefList)
        return lists[index].refs if len(lists) > index else ()

    def _declared(self, p: Parts) -> tuple:
        """Return (name, label, citations) of a declaration header."""
        return self.name(p.one("NAME")), p.one(t.Label), self._cites(p)

    def role(self, c):
        p = Parts(c)
        body = p.one(_Body)
        return t.Role(*self._declared(p), body.items if body else None, span=self.span(c))

    def _make_body(self, c):
        return _Body(tuple(x for x in c if isinstance(x, t.Node)), self.span(c))

    role_body = unit_body = place_body = guest_kind_body = step_body = guest_body = call_body = _make_body

    def side(self, c):
        return t.Side(Parts(c).one(Keyword).text, span=self.span(c))

    def requirement(self, c):
        p = Parts(c)
        found = p.one(t.LevelRequirement) or p.one(t.SexRequirement)
        return t.Requirement(found, self._cites(p), span=self.span(c))

    def level_requirement(self, c):
        return t.LevelRequirement(Parts(c).one(t.Ref), span=self.span(c))

    def sex_requirement(self, c):
        p = Parts(c)
        sex = p.one(Keyword)
        return t.SexRequirement(sex.text if sex else None, p.one(t.Ref), span=self.span(c))

    def appointment(self, c):
        p = Parts(c)
        return t.Appointment(self._refs(p), self._cites(p), span=self.span(c))

    def acting(self, c):
        p = Parts(c)
        return t.Acting(p.one(t.Ref), p.one(t.Guard), self._cites(p), span=self.span(c))

    def member_of(self, c):
        p = Parts(c)
        return t.MemberOf(p.one(t.Ref), self._cites(p), span=self.span(c))

    def unit(self, c):
        p = Parts(c)
        body = p.one(_Body)
        return t.Unit(*self._declared(p), body.items if body else None, span=self.span(c))

    def place(self, c):
        p = Parts(c)
        body = p.one(_Body)
        return t.Place(*self._declared(p), body.items if body else None, span=self.span(c))

    def level(self, c):
        return t.Level(*self._declared(Parts(c)), span=self.span(c))

    def guest_kind(self, c):
        p = Parts(c)
        body = p.one(_Body)
        return t.GuestKind(*self._declared(p), body.items if body else None, span=self.span(c))

    def visit_level(self, c):
        p = Parts(c)
        return t.VisitLevel(p.one(t.Ref), self._cites(p), span=self.span(c))

    def received_as(self, c):
        p = Parts(c)
        return t.ReceivedAs(p.one(t.Ref), p.one(t.Guard), self._cites(p), span=self.span(c))

    def condition(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        kind = p.one(_SettledBy)
        return t.Condition(name, label, kind.text if kind else None, cites, span=self.span(c))

    def condition_kind(self, c):
        return _SettledBy(Parts(c).one(Keyword).text, self.span(c))

    def quantity(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        return t.Quantity(name, label, p.one(Keyword).text, cites, span=self.span(c))

    # ---- formats and rules ----------------------------------------------------

    def format(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.FormatGuest, t.VisitLevel, t.Limit, t.Window, t.Rule)))
        return t.Format(*self._declared(p), items, span=self.span(c))

    def format_guest(self, c):
        p = Parts(c)
        return t.FormatGuest(self._refs(p), self._cites(p), span=self.span(c))

    def limit(self, c):
        p = Parts(c)
        return t.Limit(p.one(t.Ref), str(p.one("COMPARISON")), p.one(t.Amount), p.one(t.Deviable),
                       self._cites(p), span=self.span(c))

    def window(self, c):
        p = Parts(c)
        event, anchor = p.all(t.Ref)
        counting = p.one(_Counting)
        return t.Window(event, str(p.one("COMPARISON")), p.one(t.Amount), p.one(Keyword).text, anchor,
                        counting.text if counting else None, self._cites(p), span=self.span(c))

    def anchor_counting(self, c):
        return _Counting(Parts(c).one(Keyword).text, self.span(c))

    def rule(self, c):
        p = Parts(c)
        targets = p.one(_Targets)
        return t.Rule(p.one(Keyword).text, targets.items, p.one(t.RelativeTo), p.one(t.Guard), p.one(t.Deviable),
                      self._cites(p), span=self.span(c))

    def target_list(self, c):
        return _Targets(tuple(x for x in c if isinstance(x, t.Target)), self.span(c))

    def target(self, c):
        return t.Target(Parts(c).tuple(t.Ref), span=self.span(c))

    def relative_to(self, c):
        p = Parts(c)
        return t.RelativeTo(p.one(Keyword).text, p.one(t.Ref), span=self.span(c))

    def deviable(self, c):
        return t.Deviable(self._refs(Parts(c)), span=self.span(c))

    # ---- ceremonies ----------------------------------------------------------

    def ceremony(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and not isinstance(x, (t.Name, t.Label)))
        return t.Ceremony(*self._declared(p), items, span=self.span(c))

    def venue(self, c):
        p = Parts(c)
        return t.Venue(p.one(t.Ref), self._cites(p), span=self.span(c))

    def responsible(self, c):
        p = Parts(c)
        return t.Responsible(p.one(t.Ref), self._cites(p), span=self.span(c))

    def duration(self, c):
        p = Parts(c)
        return t.Duration(p.one(t.Amount) or p.one(t.Range), self._cites(p), span=self.span(c))

    def sequence(self, c):
        p = Parts(c)
        return t.Sequence(self._refs(p), self._cites(p), span=self.span(c))

    def parallel(self, c):
        p = Parts(c)
        return t.Parallel(self._cites(p), p.tuple(t.Track), span=self.span(c))

    def track(self, c):
        p = Parts(c)
        return t.Track(self.name(p.one("NAME")), p.one(t.Label), self._refs(p), span=self.span(c))

    def order(self, c):
        p = Parts(c)
        first, second = p.all(t.Ref)
        return t.Order(first, p.one(Keyword).text, second, self._cites(p), span=self.span(c))

    def extreme(self, c):
        p = Parts(c)
        return t.Extreme(p.one(Keyword).text, p.one(t.Ref), self._cites(p), span=self.span(c))

    def step(self, c):
        p = Parts(c)
        body = p.one(_Body)
        return t.Step(*self._declared(p), body.items if body else None, span=self.span(c))

    def lead(self, c):
        p = Parts(c)
        return t.Lead(p.one(t.Ref), self._cites(p), span=self.span(c))

    def actors(self, c):
        p = Parts(c)
        return t.Actors(p.tuple(t.Actor), self._cites(p), span=self.span(c))

    def actor(self, c):
        p = Parts(c)
        return t.Actor(p.one(t.Ref), p.one(t.Guard), span=self.span(c))

    def action(self, c):
        p = Parts(c)
        return t.Action(p.one(t.Label), self._cites(p), span=self.span(c))

    def step_guard(self, c):
        p = Parts(c)
        return t.StepGuard(p.one(t.Guard), self._cites(p), span=self.span(c))

    def step_modality(self, c):
        p = Parts(c)
        return t.StepModality(p.one(Keyword).text, self._cites(p), span=self.span(c))

    def ordering(self, c):
        p = Parts(c)
        spec = p.one(t.OrderingChain) or p.one(t.OrderingExtreme)
        return t.Ordering(self.name(p.one("NAME")), spec, self._cites(p), span=self.span(c))

    def ordering_chain(self, c):
        return t.OrderingChain(Parts(c).tuple(t.Ref), span=self.span(c))

    def ordering_extreme(self, c):
        p = Parts(c)
        return t.OrderingExtreme(p.one(t.Ref), p.one(Keyword).text, span=self.span(c))

    def cue(self, c):
        return t.Cue(Parts(c).one(t.Label), span=self.span(c))

    def note(self, c):
        return t.Note(Parts(c).one(t.Label), span=self.span(c))

    # ---- precedence ----------------------------------------------------------

    def precedence(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.Rank, t.TieBreak, t.SpouseShares, t.Override)))
        return t.Precedence(*self._declared(p), items, span=self.span(c))

    def rank(self, c):
        p = Parts(c)
        reconstructed = p.one(_Reconstructed)
        return t.Rank(self.whole(p.one("NUMBER")), self._refs(p), p.one(Keyword) is not None,
                      reconstructed.text if reconstructed else None, self._cites(p), span=self.span(c))

    def reconstructed(self, c):
        return _Reconstructed(self.text(Parts(c).one("STRING")), self.span(c))

    def tie_break(self, c):
        p = Parts(c)
        return t.TieBreak(p.tuple(t.Ref), self._cites(p), span=self.span(c))

    def spouse_shares(self, c):
        return t.SpouseShares(self._cites(Parts(c)), span=self.span(c))

    def override(self, c):
        p = Parts(c)
        return t.Override(p.one(t.Ref), self._cites(p), span=self.span(c))

    # ---- calendar rules --------------------------------------------------------

    def calendar_rule(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        rule = p.one(t.FixedDay) or p.one(t.NthWeekday)
        return t.CalendarRule(name, label, rule, cites, span=self.span(c))

    def fixed_day(self, c):
        p = Parts(c)
        day, month = p.one("NUMBER"), p.one("NAME")
        number = self.whole(day)
        self._check_word(month, MONTHS, "month")
        if str(month) in MONTHS:
            # February is checked against a leap year: 29 February is a real date in some years.
            last = calendar.monthrange(2024, MONTHS.index(str(month)) + 1)[1]
            if not 1 <= number <= last:
                self._error("invalid-calendar-rule", f"{month} has no day {number}", day)
        return t.FixedDay(number, str(month), span=self.span(c))

    def nth_weekday(self, c):
        p = Parts(c)
        ordinal, weekday, month = p.all("NAME")
        self._check_word(ordinal, ORDINALS, "ordinal")
        self._check_word(weekday, WEEKDAYS, "weekday")
        self._check_word(month, MONTHS, "month")
        return t.NthWeekday(str(ordinal), str(weekday), str(month), p.one(t.YearOffset), span=self.span(c))

    def _check_word(self, token: Token, allowed: tuple, what: str) -> None:
        if str(token) not in allowed:
            self._error("invalid-calendar-rule", f"`{token}` is not a {what}", token,
                        hints=(f"a {what} is one of: " + ", ".join(allowed),))

    def year_offset(self, c):
        p = Parts(c)
        return t.YearOffset(p.one(Keyword).text, p.one(t.Ref), span=self.span(c))

    # ---- the Mission Regulation and informative articles ------------------------

    def office(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.HeadedBy, t.Acting, t.Appointment)))
        return t.Office(*self._declared(p), items, span=self.span(c))

    def headed_by(self, c):
        p = Parts(c)
        return t.HeadedBy(p.one(t.Ref), self._cites(p), span=self.span(c))

    def provision(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        return t.Provision(p.one(Keyword).text, name, label, p.one(t.Ref), cites, span=self.span(c))

    def symbol(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        languages = self._refs(p, 1)
        return t.Symbol(name, label, self._refs(p, 0), languages or None, cites, span=self.span(c))

    def informative(self, c):
        p = Parts(c)
        return t.Informative(p.one(t.Citation), self.text(p.one("STRING")), span=self.span(c))

    # ---- scenarios -------------------------------------------------------------

    def scenario(self, c):
        p = Parts(c)
        name = self.name(p.one("NAME"))
        items = tuple(x for x in p.items if isinstance(x, t.Node) and not isinstance(x, t.Label))
        return t.Scenario(name, p.one(t.Label), items, span=self.span(c))

    def pin_edition(self, c):
        return t.PinEdition(Parts(c).one(t.EditionRef), span=self.span(c))

    def visit(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and x is not p.one(t.Ref))
        return t.Visit(p.one(t.Ref), items, span=self.span(c))

    def occasion(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and x is not p.one(t.Ref))
        return t.Occasion(p.one(t.Ref), items, span=self.span(c))

    def guest(self, c):
        p = Parts(c)
        strings = p.all("STRING")
        body = p.one(_Body)
        return t.Guest(self.text(strings[0]), p.one(t.Ref), self.text(strings[1]) if len(strings) > 1 else None,
                       body.items if body else None, span=self.span(c))

    def spouse(self, c):
        p = Parts(c)
        sex = p.one(Keyword)
        return t.Spouse(self.text(p.one("STRING")), sex.text if sex else None, span=self.span(c))

    def government(self, c):
        p = Parts(c)
        form = p.one("NAME")
        self._check_not_keyword(form)
        return t.Government(str(form), span=self.span(c))

    def term(self, c):
        return t.Term(self.whole(Parts(c).one("NUMBER")), span=self.span(c))

    def moment(self, c):
        p = Parts(c)
        zone = p.one("TIMEZONE")
        return t.Moment(self.date(p.one("DATE")), self.time(p.one("TIME")), str(zone) if zone else None,
                        span=self.span(c))

    def arrive(self, c):
        p = Parts(c)
        return t.Arrive(p.one(t.Moment), p.one(t.Ref), span=self.span(c))

    def depart(self, c):
        p = Parts(c)
        return t.Depart(p.one(t.Moment), p.one(t.Ref), span=self.span(c))

    def assume(self, c):
        p = Parts(c)
        return t.Assume(p.one(t.Ref), p.one(Keyword).text, span=self.span(c))

    def agreed(self, c):
        p = Parts(c)
        item = p.one(t.Ref)
        value = next(x for x in p.items if isinstance(x, (t.TextValue, t.RefValue, t.Amount)))
        return t.Agreed(item, value, self._cites(p), span=self.span(c))

    def text_value(self, c):
        return t.TextValue(self.text(c[0]), span=self.span(c))

    def ref_value(self, c):
        return t.RefValue(c[0], span=self.span(c))

    def people(self, c):
        return t.People(Parts(c).tuple(t.Person), span=self.span(c))

    def person(self, c):
        p = Parts(c)
        attributes = tuple(x for x in p.items if isinstance(x, (t.PersonSex, t.PersonAppointed, t.PersonLevel)))
        return t.Person(p.one(t.Ref), self.text(p.one("STRING")), attributes, span=self.span(c))

    def person_sex(self, c):
        return t.PersonSex(c[0].text, span=self.span(c))

    def person_appointed(self, c):
        return t.PersonAppointed(self.date(Parts(c).one("DATE")), span=self.span(c))

    def person_level(self, c):
        return t.PersonLevel(Parts(c).one(t.Ref), span=self.span(c))

    def deviation(self, c):
        p = Parts(c)
        target, authority = p.all(t.Ref)
        return t.Deviation(target, p.one(t.Label), self.text(p.one("STRING")), authority, self._cites(p),
                           span=self.span(c))

    def prior_visit(self, c):
        p = Parts(c)
        country = p.one("STRING")
        return t.PriorVisit(self.date(p.one("DATE")), p.one(t.Ref), self.text(country) if country else None,
                            span=self.span(c))

    def event(self, c):
        p = Parts(c)
        return t.Event(self.name(p.one("NAME")), p.one(t.Moment), span=self.span(c))

    def count(self, c):
        p = Parts(c)
        return t.Count(p.one(t.Ref), self.whole(p.one("NUMBER")), span=self.span(c))

    def precedence_override(self, c):
        p = Parts(c)
        first, second = p.all(t.Ref)
        return t.PrecedenceOverride(first, second, self.text(p.one("STRING")), span=self.span(c))

    def program(self, c):
        return t.Program(Parts(c).tuple(t.Day), span=self.span(c))

    def day(self, c):
        p = Parts(c)
        date = p.one("DATE")
        items = tuple(x for x in p.items if isinstance(x, (t.Entry, t.TrackProgram)))
        return t.Day(self.whole(p.one("NUMBER")), self.date(date) if date else None, items, span=self.span(c))

    def track_program(self, c):
        p = Parts(c)
        return t.TrackProgram(self.name(p.one("NAME")), p.one(t.Label), p.tuple(t.Entry), span=self.span(c))

    def entry(self, c):
        p = Parts(c)
        time = p.one("TIME")
        return t.Entry(self.time(time) if time else None, p.tuple(t.Call), span=self.span(c))

    def call(self, c):
        p = Parts(c)
        refs = p.all(t.Ref)
        body = p.one(_Body)
        return t.Call(refs[0], p.one(t.Amount), refs[1] if len(refs) > 1 else None, p.one(t.Guard),
                      body.items if body else None, span=self.span(c))

    def call_detail(self, c):
        p = Parts(c)
        return t.CallDetail(self.name(p.one("NAME")), p.one(t.Label), span=self.span(c))


@define
class _Reconstructed:
    text: str
    span: Span
