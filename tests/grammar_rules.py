"""Read the rules of grammar/rasim.lark and the Rasim code of documents, for the coverage tests.

The tests that keep the documentation and the examples in step with the grammar
import this module: it knows nothing of the parser, only of the grammar's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GRAMMAR = REPO / "grammar" / "rasim.lark"

_DEFINITION = re.compile(r"^([?!]?)([a-z_][a-z0-9_]*)\s*:(.*)$")
_TERMINAL = re.compile(r"^([A-Z_][A-Z0-9_]*)(\.\d+)?\s*:")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ALIAS = re.compile(r"->\s*([a-z_][a-z0-9_]*)\s*$")
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*')


@dataclass
class Alternative:
    """One `|`-separated alternative of a rule, with its alias if it has one."""

    text: str
    alias: str | None
    literals: list[str]


@dataclass
class Rule:
    """A rule of the grammar: its name, its `?`/`!` prefix and its alternatives."""

    name: str
    prefix: str
    line: int
    body: str
    alternatives: list[Alternative] = field(default_factory=list)

    @property
    def literals(self) -> list[str]:
        """Return every quoted literal of the rule, in order, without repeats."""
        seen: list[str] = []
        for alternative in self.alternatives:
            for literal in alternative.literals:
                if literal not in seen:
                    seen.append(literal)
        return seen

    @property
    def is_choice(self) -> bool:
        """Tell whether the rule only chooses between other rules: `?item: role | unit | ...`."""
        return self.prefix == "?" and all(
            a.alias is None and re.fullmatch(r"[a-z_][a-z0-9_]*", a.text) for a in self.alternatives)

    def introducing_literals(self) -> list[str]:
        """Return the literal that introduces the rule and each aliased alternative.

        A `!` rule is a choice of keywords (`"shall" "not"? | "may"`): each of
        its keywords introduces a meaning of its own, so all of them count.
        """
        if self.prefix == "!":
            return self.literals
        found: list[str] = []
        if self.literals:
            found.append(self.literals[0])
        for alternative in self.alternatives:
            if alternative.alias and alternative.literals and alternative.literals[0] not in found:
                found.append(alternative.literals[0])
        return found


def _strip_grammar_comment(line: str) -> str:
    # `//` starts a comment unless it sits inside a quoted literal or a /regex/.
    out, quote, i = [], None, 0
    while i < len(line):
        char = line[i]
        if quote:
            out.append(char)
            if char == "\\" and i + 1 < len(line):
                out.append(line[i + 1])
                i += 2
                continue
            if char == quote:
                quote = None
        elif char in "\"/" and not line.startswith("//", i):
            quote = char
            out.append(char)
        elif line.startswith("//", i):
            break
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _split_alternatives(body: str) -> list[str]:
    parts, depth, quote, current, i = [], 0, None, [], 0
    while i < len(body):
        char = body[i]
        if quote:
            current.append(char)
            if char == "\\" and i + 1 < len(body):
                current.append(body[i + 1])
                i += 2
                continue
            if char == quote:
                quote = None
        elif char in "\"/":
            quote = char
            current.append(char)
        elif char in "([":
            depth += 1
            current.append(char)
        elif char in ")]":
            depth -= 1
            current.append(char)
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def read_rules(path: Path = GRAMMAR) -> list[Rule]:
    """Return the rules (not the terminals) of the grammar, in the order they are defined."""
    rules: list[Rule] = []
    current: Rule | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = _strip_grammar_comment(raw).rstrip()
        if not line.strip() or line.startswith("%"):
            current = None if not line.strip() else current
            continue
        match = _DEFINITION.match(line)
        if match:
            current = Rule(match.group(2), match.group(1), number, match.group(3))
            rules.append(current)
        elif _TERMINAL.match(line):
            current = None
        elif current is not None and line[0].isspace():
            current.body += " " + line.strip()
    for rule in rules:
        for text in _split_alternatives(rule.body):
            alias = _ALIAS.search(text)
            rule.alternatives.append(Alternative(text, alias.group(1) if alias else None, _LITERAL.findall(text)))
    return rules


def read_terminals(path: Path = GRAMMAR) -> list[str]:
    """Return the names of the terminals the grammar defines."""
    names = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        match = _TERMINAL.match(raw)
        if match:
            names.append(match.group(1))
    return names


def code_only(text: str) -> str:
    """Return Rasim text with its quoted texts and comments blanked out."""
    return _STRING_OR_COMMENT.sub(" ", text)


def uses_literal(code: str, literal: str) -> bool:
    """Tell whether `literal` appears in `code` as a word (keywords) or as a symbol."""
    if re.fullmatch(r"\w+", literal):
        return re.search(rf"(?<!\w){re.escape(literal)}(?!\w)", code) is not None
    return literal in code
