"""Every file of the standard library and of the example scenarios parses cleanly.

Between them, stdlib/ and scenarios/ also use every construct of the grammar:
every syntax-tree class appears in their trees, and the keyword that introduces
each rule (and each alias of an alternative) appears in their code. They are
the realistic inputs of every later stage, so a construct they never use is a
construct no later stage is tested on.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from grammar_rules import REPO, code_only, read_rules, uses_literal
from rasim import tree
from rasim.syntax.parse import parse

STDLIB = sorted((REPO / "stdlib").rglob("*.rasim"))
SCENARIOS = sorted((REPO / "scenarios").rglob("*.rasim"))
EXAMPLES = STDLIB + SCENARIOS

# Rules with no keyword of their own to look for in the examples.
NO_KEYWORD = {"start", "_sep"}

# Keywords that realistic files need not contain, and why.
NOT_REQUIRED = {
    ("cond_not", "("): "parentheses only group: they leave no node in the tree and the formatter "
                       "drops those that change nothing, so a realistic file may have none",
}


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _shown(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_there_are_examples():
    assert STDLIB, "stdlib/ holds no .rasim file"
    assert SCENARIOS, "scenarios/ holds no .rasim file"


@pytest.mark.parametrize("path", EXAMPLES, ids=_shown)
def test_example_parses_cleanly(path: Path):
    parsed = parse(_read(path), _shown(path))
    problems = [f"  {_shown(path)}:{d.span.line}:{d.span.column}: {d.code}: {d.message}" for d in parsed.diagnostics]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", STDLIB, ids=_shown)
def test_stdlib_file_names_its_edition(path: Path):
    # stdlib/<body of rules>/<year>/*.rasim holds the rules of <body of rules>@<year>.
    body, year = path.relative_to(REPO / "stdlib").parts[:2]
    module = parse(_read(path), _shown(path)).module
    assert module.header is not None, f"{_shown(path)} must start with `rules of {body}@{year}`"
    assert module.header.edition.text == f"{body}@{year}", (
        f"{_shown(path)} is in the folder of {body}@{year} but says `rules of {module.header.edition.text}`")


def _node_classes(node, found: set[str]) -> None:
    if isinstance(node, tree.Node):
        found.add(type(node).__name__)
        for field in attrs.fields(type(node)):
            if field.name != "span":
                _node_classes(getattr(node, field.name), found)
    elif isinstance(node, tuple):
        for item in node:
            _node_classes(item, found)


def _all_node_classes() -> set[str]:
    pending, names = [tree.Node], set()
    while pending:
        for sub in pending.pop().__subclasses__():
            names.add(sub.__name__)
            pending.append(sub)
    return names


def test_examples_use_every_syntax_tree_class():
    used: set[str] = set()
    for path in EXAMPLES:
        _node_classes(parse(_read(path), _shown(path)).module, used)
    unused = sorted(_all_node_classes() - used)
    assert not unused, f"no file of stdlib/ or scenarios/ produces these nodes: {unused}"


def test_examples_use_every_rule_keyword():
    code = "\n".join(code_only(_read(path)) for path in EXAMPLES)
    missing = []
    for rule in read_rules():
        if rule.name in NO_KEYWORD:
            continue
        if rule.prefix == "!":
            # A choice of keywords (`"kk" | "ru" | "en"`): using one of them uses the rule.
            if rule.literals and not any(uses_literal(code, literal) for literal in rule.literals):
                missing.append(f"any of {rule.literals} (rule `{rule.name}`)")
            continue
        missing += [
            f"`{literal}` (rule `{rule.name}`)"
            for literal in rule.introducing_literals()
            if (rule.name, literal) not in NOT_REQUIRED and not uses_literal(code, literal)
        ]
    assert not missing, "no file of stdlib/ or scenarios/ uses " + ", ".join(missing)


@pytest.mark.parametrize("path", EXAMPLES, ids=_shown)
def test_example_file_is_formatted(path):
    """Every stdlib and scenario file is in the canonical layout (`rasim fmt --check` passes)."""
    from rasim.tools.fmt import format_module

    text = _read(path)
    parsed = parse(text, _shown(path))
    assert format_module(parsed, text) == text, f"{_shown(path)}: run `rasim fmt {_shown(path)}`"
