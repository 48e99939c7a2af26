"""Parse an edited file again, reusing the parse of each top-level item whose text and place did not change.

An editor re-checks the whole file on every keystroke, but an edit changes one
declaration. The text is cut before each top-level declaration (a line that
starts with a declaration's keyword outside any block); each piece is parsed
alone, preceded by blanks that put its first character at the same line,
column and offset as in the whole file, so its spans are the spans a parse of
the whole file gives, and a piece is looked up by its text and where it
starts. An edit thus re-parses its own piece and the pieces after it whose
offset moved (in one parse from the edited piece to the end); the pieces
before it are reused.

The result equals `parse(text, path)` (tests/test_incremental_parse.py): a
file with a syntax error in any piece is parsed whole, so that error
recovery sees what it always sees.
"""

from __future__ import annotations

import re

from .. import tree as t
from ..source import normalise_text
from .parse import _BRACKETS, Parsed, parse

# The keywords that open a top-level item (grammar/rasim.lark, `item` and `module_header`).
_OPENERS = ("import", "edition", "role", "unit", "place", "level", "guest_kind", "condition", "quantity",
            "format", "ceremony", "precedence", "informative", "calendar_rule", "office", "provision",
            "symbol", "scenario")
_ITEM_START = re.compile(r"^(?:" + "|".join(_OPENERS) + r")\b", re.MULTILINE)
# Pieces kept between edits: enough for a large file, few enough to bound the memory.
MAX_PIECES = 512


class IncrementalParser:
    """The parses of the pieces of one document, kept from one edit to the next."""

    def __init__(self) -> None:
        self.pieces: dict[tuple[str, int, int, str], Parsed] = {}

    def parse(self, text: str, path: str) -> Parsed:
        """Return the parse of `text` (reported under `path`), reusing the pieces parsed before."""
        text = normalise_text(text)
        starts = item_starts(text)
        if len(starts) < 2:
            return parse(text, path)
        keys = [(text[start:end], start, text.count("\n", 0, start) + 1, path)
                for start, end in zip(starts, starts[1:] + [len(text)])]
        first_new = next((i for i, key in enumerate(keys) if key not in self.pieces), len(keys))
        if first_new < len(keys):
            # Everything from the first changed piece on, parsed in one go, then cut into its pieces.
            _, start, line, _ = keys[first_new]
            rest = _parse_at(text[start:], start, line, path)
            if rest.diagnostics:
                return parse(text, path)  # recovery works on the whole file
            fresh = _cut(rest, keys[first_new:], first_new == 0)
        else:
            fresh = []
        parts = [self.pieces[key] for key in keys[:first_new]] + fresh
        self.pieces = dict(zip(keys, parts)) if len(keys) <= MAX_PIECES else {}
        return _joined(parts, path)


def item_starts(text: str) -> list[int]:
    """Return the offsets where top-level items start: 0, then each declaration keyword at depth 0."""
    depth, starts, brackets = 0, [0], _BRACKETS.finditer(text)
    bracket = next(brackets, None)
    for match in _ITEM_START.finditer(text):
        while bracket is not None and bracket.start() < match.start():
            if bracket.end() > match.start():  # the keyword is inside a string or a comment
                break
            token = bracket.group()
            depth = depth + 1 if token in "{(" else max(0, depth - 1) if token in "})" else depth
            bracket = next(brackets, None)
        if bracket is not None and bracket.start() < match.start():
            continue
        if depth == 0 and match.start() > 0:
            starts.append(match.start())
    return starts


def _parse_at(piece: str, start: int, line: int, path: str) -> Parsed:
    """Parse `piece` as if it stood at offset `start`, line `line`, column 1 of the file."""
    # Blanks before it: spaces for the offset, then newlines, so that it starts at column 1.
    padding = " " * (start - (line - 1)) + "\n" * (line - 1)
    return parse(padding + piece, path)


def _cut(parsed: Parsed, keys: list[tuple], with_header: bool) -> list[Parsed]:
    """Cut the parse of consecutive pieces into one Parsed per piece (by where each item and comment starts)."""
    bounds = [key[1] for key in keys] + [float("inf")]
    items: list[list] = [[] for _ in keys]
    comments: list[list] = [[] for _ in keys]
    for target, things in ((items, parsed.module.items), (comments, parsed.comments)):
        piece = 0
        for thing in things:
            while thing.span.start >= bounds[piece + 1]:
                piece += 1
            target[piece].append(thing)
    out = []
    for number, (own, notes) in enumerate(zip(items, comments)):
        header = parsed.module.header if with_header and number == 0 else None
        nodes = ([header] if header is not None else []) + own
        span = nodes[0].span.to(nodes[-1].span) if nodes else parsed.module.span
        out.append(Parsed(t.Module(header, tuple(own), span=span), tuple(notes), ()))
    return out


def _joined(parts: list[Parsed], path: str) -> Parsed:
    header = parts[0].module.header
    items = tuple(item for part in parts for item in part.module.items)
    spans = [p.module.span for p in parts if p.module.items or p.module.header is not None]
    span = spans[0].to(spans[-1]) if spans else parts[0].module.span
    module = t.Module(header, items, span=span)
    return Parsed(module, tuple(c for p in parts for c in p.comments), ())
