"""Invariants of the parser and the formatter, tested on generated programs.

- every generated program parses with no diagnostics;
- formatting then parsing gives an equal tree, and the formatted text is clean;
- formatting is idempotent;
- comments survive formatting;
- no mutation of a valid file makes `parse()` raise, every diagnostic it
  reports is registered and points inside the text, and a mutant that still
  parses cleanly round-trips through the formatter too.

The generators live in tests/strategies.py. `KNOWN_CASES` below holds small
inputs that once broke one of these invariants: they run first, as plain tests.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import strategies
from rasim.diagnostics.codes import CODES
from rasim.tools.fmt import format_module
from rasim.syntax.parse import Parsed, parse
from rasim.source import normalise_text
from rasim import tree as t

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = sorted(p for folder in ("scenarios", "stdlib") for p in (REPO / folder).rglob("*.rasim"))
# Read once: a strategy must not depend on files that may change while it runs.
EXAMPLE_TEXTS = tuple(p.read_text(encoding="utf-8", errors="replace") for p in EXAMPLE_FILES)

# The whole file stays well under a minute on a 2-core machine. The "explain"
# phase traces every line under Python < 3.12 and takes minutes on a failure.
_PHASES = tuple(phase for phase in Phase if phase is not Phase.explain)
PROPERTY = settings(max_examples=50, deadline=None, phases=_PHASES, suppress_health_check=[HealthCheck.too_slow])
MUTATION = settings(max_examples=100, deadline=None, phases=_PHASES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _describe(parsed: Parsed) -> str:
    return "\n".join(f"{d.span.line if d.span else '-'}:{d.span.column if d.span else '-'} {d.code}: {d.message}"
                     for d in parsed.diagnostics)


def assert_round_trip(text: str, path: str = "original.rasim") -> str:
    """Check that `text` (which parses cleanly) formats to clean, equal, stable text; return the formatted text."""
    original = parse(text, path)
    assert original.ok, _describe(original)
    formatted = format_module(original, text)
    again = parse(formatted, "formatted.rasim")
    # A warning of the original (a bidi-control character in a comment) stays; nothing else may appear.
    kept = {d.code for d in original.diagnostics}
    new = [d for d in again.diagnostics if d.code not in kept]
    assert again.ok and not new, f"the formatted text does not parse cleanly:\n{_describe(again)}\n---\n{formatted}"
    assert again.module == original.module, f"formatting changed the tree:\n---\n{formatted}"
    assert format_module(again, formatted) == formatted, "formatting the formatted text changed it"
    return formatted


def comment_texts(parsed: Parsed) -> Counter:
    return Counter(comment.text.strip() for comment in parsed.comments)


# ---- small inputs that broke an invariant once --------------------------------------

KNOWN_CASES = {
    # `=` is a COMPARISON, but the literal "=" of `agreed`/`count` wins in the lexer.
    "limit-equals": "format f { limit stay = 3 days }",
    "window-equals": "format f { window a = 5 days before b }",
    # Shift/reduce conflicts: the formatter drops the `;` that kept two statements apart.
    "actor-then-step-guard": "ceremony c { step s { actors a; when x } }",
    "arrive-then-venue": "scenario s { visit v { arrive 2027-05-12 09:30; at hall } }",
    "depart-then-venue": "scenario s { visit v { depart 2027-05-14 15:00; at hall } }",
    "agreed-number-then-people": "scenario s { agreed places = 5; people { president \"K\" } }",
    # An empty country is dropped: `if n.country` instead of `is not None`.
    "prior-visit-empty-country": 'scenario s { prior_visit 2027-01-01 state_visit of "" }',
    # A raw tab followed by a combining dot: printed as `\t` + U+0307, which NFC turns into `\ṫ`.
    "tab-then-combining-mark": 'role r "\t\u0307"',
    # A one-call entry longer than a line is printed twice (`calls[-1]` is `calls[0]`).
    "long-single-call-entry": "scenario s { program { day 1 { "
    + "a_very_long_ceremony_name_that_goes_on at a_place_with_a_long_name when weather_permitting_and_more"
    + " } } }",
    # Comments inside a wrapped `then` chain move one level deeper, then back.
    "comments-in-wrapped-entry": "scenario s { program { day 1 {\n"
    + "first_ceremony_of_the_day then second_ceremony_of_the_day # one\n"
    + "then third_ceremony_of_the_day then fourth_ceremony_of_the_day # two\n"
    + "} } }",
    # A block header that wraps: the comment after `{` leaves the header on the second run.
    "comment-after-wrapped-header": 'role x "a long label that goes on and on and on" '
    + 'kk "another long label that goes on and on and on" § 1 { # c\nside host_side }',
    # An empty block whose header wraps: `{}` on the first run, `{` + `}` on the second.
    "empty-block-wrapped-header": 'role r "a label long enough to make the line wrap at one hundred characters" '
    + 'kk "and a translation" § 1 { }',
    "kazakh-names-and-escapes": 'place қонақ_үй "Қонақ \\"үй\\" \\\\ жол" kk "й" { place бөлме }',
    "decomposed-kazakh-name": "condition йығылу\nformat f { shall x when not и\u0306ығылу or (и\u0306ығылу) }",
}


@pytest.mark.parametrize("text", KNOWN_CASES.values(), ids=KNOWN_CASES.keys())
def test_known_cases_round_trip(text):
    assert_round_trip(text)


# A keyword runs into the word after it wherever a name cannot stand, because
# the contextual lexer of that state has no NAME to match the longer word.
GLUED = {
    "role-name": "rolepresident",
    "format-and-rule": "formatf { shallx }",
    "scenario-name": "scenarios { visitv { } }",
    "date-and-time": "scenario s { event e 2027-05-019:30 }",
}


@pytest.mark.parametrize("text", GLUED.values(), ids=GLUED.keys())
def test_a_keyword_glued_to_a_word_is_an_error(text):
    assert not parse(text, "glued.rasim").ok


# Inputs found by the mutation test; each once made `parse()` raise or report a broken span.
HOSTILE = {
    # Error recovery tries a token on a copy of the parser; Lark's Token.__deepcopy__ drops the end
    # position, and the tree builder's callbacks on the copy report a second, end-less reserved-word.
    "recovery-trial-diagnostics": 'place e { place ru "a" "b" }',
    "rank-5000-digits": "precedence p { " + "9" * 5000 + " a }",
    "rank-float-overflow": "precedence p { " + "9" * 400 + ".5 a }",
    "edition-year-5000-digits": "rules of e@" + "9" * 5000,
    "day-5000-digits": "scenario s { program { day " + "9" * 5000 + " { } } }",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_inputs(text):
    parsed = parse(text, "hostile.rasim")
    assert_diagnostics_sane(parsed, text, "hostile.rasim")
    seen = [(d.code, d.span.line, d.span.column) for d in parsed.diagnostics if d.span is not None]
    assert len(seen) == len(set(seen)), f"a diagnostic is reported twice: {seen}"


# ---- generated programs --------------------------------------------------------------


@PROPERTY
@given(strategies.any_programs)
def test_generated_programs_parse_without_diagnostics(text):
    parsed = parse(text, "generated.rasim")
    assert not parsed.diagnostics, _describe(parsed)


@PROPERTY
@given(strategies.any_programs)
def test_format_then_parse_gives_an_equal_tree(text):
    original = parse(text, "generated.rasim")
    formatted = format_module(original, text)
    again = parse(formatted, "formatted.rasim")
    assert not again.diagnostics, f"{_describe(again)}\n---\n{formatted}"
    assert again.module == original.module, formatted


@PROPERTY
@given(strategies.any_programs)
def test_format_is_idempotent(text):
    formatted = format_module(parse(text, "generated.rasim"), text)
    assert format_module(parse(formatted, "formatted.rasim"), formatted) == formatted


@PROPERTY
@given(strategies.any_programs)
def test_comments_survive_formatting(text):
    original = parse(text, "generated.rasim")
    formatted = format_module(original, text)
    assert comment_texts(parse(formatted, "formatted.rasim")) == comment_texts(original), formatted


@PROPERTY
@given(strategies.single_statements())
def test_every_statement_kind_round_trips(text):
    assert_round_trip(text)


NODE_CLASSES = {cls for cls in vars(t).values() if isinstance(cls, type) and issubclass(cls, t.Node) and cls is not t.Node}


def _node_classes(node, seen: set) -> None:
    if isinstance(node, t.Node):
        seen.add(type(node))
        for field in attrs.fields(type(node)):
            _node_classes(getattr(node, field.name), seen)
    elif isinstance(node, tuple):
        for item in node:
            _node_classes(item, seen)


def test_complete_programs_cover_every_node_class():
    seen: set = set()
    for part in range(strategies.COMPLETE_PARTS):

        @settings(max_examples=3, deadline=None, phases=_PHASES, database=None,
                  suppress_health_check=[HealthCheck.too_slow])
        @given(strategies.complete_programs(only=part))
        def collect(text):
            parsed = parse(text, "complete.rasim")
            assert not parsed.diagnostics, _describe(parsed)
            _node_classes(parsed.module, seen)

        collect()
    missing = sorted(cls.__name__ for cls in NODE_CLASSES - seen)
    assert not missing, f"tests/strategies.py generates no {', '.join(missing)}"


# Complete programs are large: a failure is reported as found, not shrunk
# (the KNOWN_CASES above are the shrunk versions), to keep the run short.
@settings(max_examples=30, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow])
@given(strategies.complete_programs())
def test_complete_programs_round_trip(text):
    original = parse(text, "complete.rasim")
    assert_round_trip(text, "complete.rasim")
    formatted = format_module(original, text)
    assert comment_texts(parse(formatted, "formatted.rasim")) == comment_texts(original)


# ---- mutations -----------------------------------------------------------------------

# Roughly one token each: a quoted text, a comment, a word, a number, blanks, one character.
_TOKENISH = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|\w+|\s+|.', re.DOTALL)

_HOSTILE = st.sampled_from((
    "\x00", "\r", "\r\n", "\n", "\t", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
    "\u0301", "\u0306", "\u0326", "\u0338", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066",
    "\ufeff", "\ufffd", "\ufffe", "\U0001f1f0\U0001f1ff", "й", "и\u0306", "§", '"', "\\", "{", "}", "(", ")",
    ";", ":", "..", "@", "#", "=", "<=", "not ", "then ", "09:30", "2027-02-30", "99:99", "1.5", "9" * 40,
))

_unicode = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6)


def _tokens(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _TOKENISH.finditer(text)] or [(0, 0)]


@st.composite
def _span(draw, text: str) -> tuple[int, int]:
    tokens = _tokens(text)
    first = draw(st.integers(0, len(tokens) - 1))
    last = draw(st.integers(first, min(first + 5, len(tokens) - 1)))
    return tokens[first][0], tokens[last][1]


@st.composite
def mutate(draw, text: str) -> str:
    """Apply one random mutation to `text`."""
    kind = draw(st.sampled_from(("delete", "duplicate", "swap", "bytes", "unicode", "truncate")))
    if kind == "delete":
        start, end = draw(_span(text))
        return text[:start] + text[end:]
    if kind == "duplicate":
        start, end = draw(_span(text))
        at = draw(st.sampled_from((start, end, draw(st.integers(0, len(text))))))
        return text[:at] + text[start:end] + text[at:]
    if kind == "swap":
        a, b = sorted((draw(_span(text)), draw(_span(text))))
        if a[1] > b[0]:
            return text
        return text[:a[0]] + text[b[0]:b[1]] + text[a[1]:b[0]] + text[a[0]:a[1]] + text[b[1]:]
    at = draw(st.integers(0, len(text)))
    if kind == "bytes":
        return text[:at] + draw(st.binary(min_size=1, max_size=12)).decode("utf-8", errors="replace") + text[at:]
    if kind == "unicode":
        inserted = draw(st.one_of(_HOSTILE, _unicode))
        return text[:at] + inserted + text[at:]
    return text[:at]


@st.composite
def mutants(draw) -> str:
    if EXAMPLE_TEXTS and draw(st.booleans()):
        text = draw(st.sampled_from(EXAMPLE_TEXTS))
    else:
        text = draw(strategies.any_programs)
    for _ in range(draw(st.integers(1, 4))):
        text = draw(mutate(text))
    return text


def assert_diagnostics_sane(parsed: Parsed, text: str, path: str) -> None:
    normal = normalise_text(text)
    lines = normal.count("\n") + 1
    for found in parsed.diagnostics:
        assert found.code in CODES, f"unregistered code {found.code!r}"
        spans = ([found.span] if found.span is not None else []) + [r.span for r in found.related]
        for span in spans:
            if span.path != path:
                continue
            fields = (span.line, span.column, span.end_line, span.end_column, span.start, span.end)
            assert None not in fields, f"incomplete span {span} in {found.code}: {found.message}"
            assert 1 <= span.line <= lines + 1, (found, lines)
            assert 1 <= span.end_line <= lines + 1, (found, lines)
            assert (span.line, span.column) <= (span.end_line, span.end_column), found
            assert span.column >= 1 and span.end_column >= 1, found
            assert 0 <= span.start <= span.end <= len(normal), (found, len(normal))


@pytest.mark.timeout(300)
@MUTATION
@given(mutants())
def test_mutations_never_crash_the_parser(text):
    path = "mutant.rasim"
    parsed = parse(text, path)
    assert isinstance(parsed, Parsed)
    assert_diagnostics_sane(parsed, text, path)
    if parsed.ok:
        assert_round_trip(text, path)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[str(p.relative_to(REPO)) for p in EXAMPLE_FILES])
def test_example_files_round_trip(path):
    text = path.read_text(encoding="utf-8")
    parsed = parse(text, str(path))
    if not parsed.ok:
        pytest.skip("the file does not parse; its own tests report it")
    assert_round_trip(text, str(path))
    formatted = format_module(parsed, text)
    assert comment_texts(parse(formatted, "formatted.rasim")) == comment_texts(parsed)
