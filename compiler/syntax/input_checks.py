"""Checks of a whole source text and its tree that no grammar rule can make.

A line far longer than any real one is refused before parsing (the lexer and
the parser would hold it several times over in memory); characters that
reorder text on the screen (bidirectional overrides, the "Trojan Source"
attack of CVE-2021-42574) are a warning where they stand; and the counts of steps, program calls and days stay below the
limits of compiler/limits.py.
"""

from __future__ import annotations

import re


from .. import diagnostics as diag
from .. import tree as t
from ..tree.walk import find_all
from ..limits import FLAGS, Limits
from ..source import Span

# The embeddings, overrides and isolates of Unicode's bidirectional algorithm
# (the characters rustc and PEP 672 warn about). The plain marks U+200E and
# U+200F change no order of what is already written and are allowed.
BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
}
_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
# One warning per line is enough to find them; a file full of them gets a few.
MAX_BIDI_WARNINGS = 10


def too_long_line(text: str, path: str, limits: Limits) -> diag.Diagnostic | None:
    """Return a `line-too-long` error for the first line longer than the limit, or None."""
    start = 0
    number = 1
    while True:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limits.line_length:
            return diag.error("line-too-long", f"line {number} is {end - start:,} characters long, more than the "
                              f"limit of {limits.line_length:,}; the file is not read further",
                              Span(path, number, 1, number, 1, start, start),
                              hints=(f"a real line is far shorter: {FLAGS['line_length']} raises the limit",))
        if end == len(text):
            return None
        start = end + 1
        number += 1


def check_text(text: str, path: str) -> list[diag.Diagnostic]:
    """Return a `bidi-control` warning for each line holding a bidirectional control character."""
    found, line, counted_to, last_line = [], 1, 0, 0
    for match in _BIDI.finditer(text):
        offset = match.start()
        line += text.count("\n", counted_to, offset)
        counted_to = offset
        if line == last_line:
            continue
        last_line = line
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        name = BIDI_CONTROLS[match.group()]
        found.append(diag.warning(
            "bidi-control", f"U+{ord(match.group()):04X} {name} reorders how this line is shown: what you read "
            "may not be what the compiler reads", Span(path, line, column, line, column + 1, offset, offset + 1),
            hints=("remove the character; to show a right-to-left text, write it in its natural order",)))
        if len(found) == MAX_BIDI_WARNINGS:
            break
    return found


def check_tree(module: t.Module, path: str, limits: Limits) -> list[diag.Diagnostic]:
    """Return errors for counts of steps, calls and days past the limits."""
    found = []
    counts = _count(module)
    for limit, kind, what in (("steps", t.Step, "steps are declared"), ("calls", t.Call, "ceremonies are called"),
                              ("days", t.Day, "program days are given")):
        nodes = counts[kind]
        allowed = getattr(limits, limit)
        if len(nodes) > allowed:
            first = nodes[allowed]
            found.append(diag.error(
                "too-many-items", f"more than {allowed:,} {what} in this file ({len(nodes):,}); "
                "the file is not checked further", first.span,
                hints=(f"no real scenario needs as many: {FLAGS[limit]} raises the limit",)))
    return found


def _count(module: t.Module) -> dict[type, list]:
    counts: dict[type, list] = {t.Step: [], t.Call: [], t.Day: []}
    for node in find_all(module, *counts):
        counts[type(node)].append(node)
    for nodes in counts.values():
        nodes.sort(key=lambda n: (n.span.start if n.span else 0))
    return counts
