"""Keep the language reference (docs/language/*.md) true to the grammar.

Every ```rasim block of the reference is a complete file that must parse with
no diagnostic, and every construct of the grammar must be documented: each rule
(and each alias of an alternative) is named in the text, in backquotes, and
each keyword or symbol of each rule is used in some ```rasim example. A rule
added to grammar/rasim.lark without documentation therefore fails here.
"""

from __future__ import annotations

import re

import pytest

from grammar_rules import REPO, code_only, read_rules, read_terminals, uses_literal
from rasim.syntax.keywords import KEYWORDS
from rasim.syntax.parse import parse

PAGES = sorted((REPO / "docs" / "language").glob("*.md"))

# Rules that need no documentation of their own, and why.
NOT_DOCUMENTED = {
    "start": "the whole file; section 1.1 describes what a file holds",
    "_sep": "the `;` separator, an anonymous rule; section 1.1 documents `;`",
}

# Rules that only choose between other rules: each alternative is documented,
# and the choice itself has no syntax. Listed by hand so that a new helper is
# a conscious decision; the test below checks that each is a pure choice.
HELPERS = {
    "item": "any top-level declaration",
    "deviation_edit": "one of the edits of a deviation, each documented with its own rule",
    "edition_item": "the statements of an edition body",
    "role_item": "the statements of a role body",
    "place_item": "the statements of a place body: the places inside it and its travel times",
    "guest_kind_item": "the statements of a guest kind body",
    "format_item": "the statements of a format body",
    "ceremony_item": "the statements of a ceremony body",
    "step_item": "the statements of a step body",
    "precedence_item": "the statements of a precedence body",
    "office_item": "the statements of an office body",
    "scenario_item": "the statements of a scenario body",
    "visit_item": "the statements of a visit or occasion body",
    "guest_item": "the statements of a principal's body",
    "day_item": "the entries and tracks of a day",
    "amount_or_range": "an amount or a range, documented in section 2.3",
}

_BLOCK = re.compile(r"^```(\w*)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _blocks(kind: str) -> list[tuple[str, int, str]]:
    """Return (page, line of the opening fence, text) of every fenced block of `kind` on the reference's pages."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            if match.group(1) == kind:
                found.append((f"docs/language/{page.name}", text.count("\n", 0, match.start()) + 1, match.group(2)))
    return found


def _whole_text() -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in PAGES)


RASIM_BLOCKS = _blocks("rasim")
RULES = read_rules()


def _prose() -> str:
    """Return the text of the reference outside its ```rasim blocks."""
    return _BLOCK.sub(lambda m: "" if m.group(1) == "rasim" else m.group(0), _whole_text())


def _all_example_code() -> str:
    return "\n".join(code_only(text) for _, _, text in RASIM_BLOCKS)


def test_doc_has_examples():
    assert len(PAGES) >= 10, "the language reference is split into pages under docs/language/"
    assert len(RASIM_BLOCKS) >= 20, "docs/language/ should show each construct in a ```rasim example"


@pytest.mark.parametrize(
    "index", range(len(RASIM_BLOCKS)), ids=[f"{page[14:16]}-line{line}" for page, line, _ in RASIM_BLOCKS])
def test_example_parses_cleanly(index: int):
    page, fence_line, text = RASIM_BLOCKS[index]
    parsed = parse(text, f"{page}, block {index}")
    problems = [
        f"  {page}:{fence_line + d.span.line}:{d.span.column} (block {index}, line {d.span.line}): "
        f"{d.code}: {d.message}"
        for d in parsed.diagnostics
    ]
    assert not problems, f"```rasim block {index} ({page}, opened on line {fence_line}) does not parse cleanly:\n" + "\n".join(
        problems)


def test_helper_lists_match_the_grammar():
    names = {rule.name for rule in RULES}
    stale = sorted((set(HELPERS) | set(NOT_DOCUMENTED)) - names)
    assert not stale, f"these rules are listed as helpers but are gone from the grammar: {stale}"
    not_choices = sorted(name for name in HELPERS if not next(r for r in RULES if r.name == name).is_choice)
    assert not not_choices, f"these helpers have syntax of their own and must be documented: {not_choices}"
    unlisted = sorted(rule.name for rule in RULES if rule.is_choice and rule.name not in HELPERS)
    assert not unlisted, (
        f"new choice rules {unlisted}: add them to HELPERS in {__file__} with a reason, or document them")


def test_every_rule_is_named_in_the_text():
    prose = _prose()
    missing = []
    for rule in RULES:
        if rule.name in NOT_DOCUMENTED or rule.name in HELPERS:
            continue
        names = [rule.name] + [a.alias for a in rule.alternatives if a.alias]
        missing += [f"{name} (line {rule.line} of rasim.lark)" for name in names if f"`{name}`" not in prose]
    assert not missing, "docs/language/ does not name these grammar rules in backquotes:\n  " + "\n  ".join(missing)


def test_every_keyword_of_every_rule_is_in_an_example():
    code = _all_example_code()
    missing = []
    for rule in RULES:
        if rule.name in NOT_DOCUMENTED:
            continue
        for literal in rule.literals:
            if not uses_literal(code, literal):
                missing.append(f"rule `{rule.name}` (line {rule.line}): `{literal}`")
    assert not missing, "no ```rasim example of docs/language/ uses:\n  " + "\n  ".join(missing)


def test_every_terminal_is_named_in_the_text():
    prose = _prose()
    missing = [name for name in read_terminals() if f"`{name}`" not in prose]
    assert not missing, f"docs/language/ does not name the terminals {missing}"


def test_reserved_word_list_is_complete():
    text = _whole_text()
    section = text[text.index("## 1.4 Reserved words"):]
    listed = set(_first_text_block(section).split())
    assert listed == set(KEYWORDS), (
        f"the reserved words of docs/language/ differ from the grammar's: "
        f"missing {sorted(set(KEYWORDS) - listed)}, not keywords {sorted(listed - set(KEYWORDS))}")


def _first_text_block(text: str) -> str:
    for match in _BLOCK.finditer(text):
        if match.group(1) == "text":
            return match.group(2)
    raise AssertionError("the reserved words section has no ```text block")
