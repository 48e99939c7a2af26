"""The editor's incremental parse gives the tree, spans, comments and diagnostics a parse of the whole file gives."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from rasim.syntax.incremental import IncrementalParser, item_starts
from rasim.syntax.parse import parse
from rasim.tree import Node
from rasim.tree.dump import dump_tree

REPO = Path(__file__).resolve().parent.parent
FILES = sorted((REPO / "scenarios").glob("*.rasim")) + sorted((REPO / "stdlib").rglob("*.rasim"))[:12] \
    + [REPO / "tests" / "lsp" / "files" / "kazakh_visit.rasim"]


def _spans(node: Node) -> list[tuple]:
    """Return every node's type and full span (offsets too, which the dump leaves out), in tree order."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        s = current.span
        out.append((type(current).__name__, s.path, s.line, s.column, s.end_line, s.end_column, s.start, s.end))
        for field in reversed(attrs.fields(type(current))):
            value = getattr(current, field.name)
            for child in reversed(value if isinstance(value, tuple) else (value,)):
                if isinstance(child, Node):
                    stack.append(child)
    return out


def _same(one, other) -> None:
    assert dump_tree(one.module) == dump_tree(other.module)
    assert _spans(one.module) == _spans(other.module)
    assert one.comments == other.comments
    assert [(d.code, d.span) for d in one.diagnostics] == [(d.code, d.span) for d in other.diagnostics]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_pieces_joined_are_the_whole_parse(path: Path):
    text = path.read_text(encoding="utf-8")
    _same(IncrementalParser().parse(text, "f.rasim"), parse(text, "f.rasim"))


def test_an_edit_reuses_the_items_before_it_and_still_equals_the_whole_parse():
    text = (REPO / "tests" / "lsp" / "files" / "kazakh_visit.rasim").read_text(encoding="utf-8")
    parser = IncrementalParser()
    parser.parse(text, "f.rasim")
    ceremony = next(parsed for key, parsed in parser.pieces.items() if key[0].startswith("ceremony"))
    edited = text.replace("16:00 кездесу", "16:30 кездесу")
    again = parser.parse(edited, "f.rasim")
    assert any(parsed is ceremony for parsed in parser.pieces.values())  # not parsed again
    _same(again, parse(edited, "f.rasim"))
    # An edit that moves what follows: the later items are parsed again at their new place.
    longer = edited.replace("duration 45 min", "duration 45 min\n  responsible protocol_service")
    _same(parser.parse(longer, "f.rasim"), parse(longer, "f.rasim"))


def test_a_syntax_error_is_reported_as_the_whole_parse_reports_it():
    text = (REPO / "tests" / "lsp" / "files" / "kazakh_visit.rasim").read_text(encoding="utf-8")
    broken = text.replace("step сәлемдесу", "step сәлемдесу {{")
    parsed = IncrementalParser().parse(broken, "f.rasim")
    assert not parsed.ok
    _same(parsed, parse(broken, "f.rasim"))


def test_items_start_at_declarations_outside_blocks_strings_and_comments():
    text = ('import state_protocol\n# role in a comment\nplace a "A { role b" {\n  place b "B"\n}\n'
            'ceremony c {\nrole x # }\n}\nscenario s {}\n')
    starts = item_starts(text)
    assert [text[s:].split(None, 1)[0] for s in starts] == ["import", "place", "ceremony", "scenario"]


def test_a_run_of_edits_anywhere_gives_the_whole_parse_each_time():
    import random

    text = (REPO / "scenarios" / "2026-01-private-visit-testland-2024ed.rasim").read_text(encoding="utf-8")
    parser, chooser = IncrementalParser(), random.Random(15)
    for _ in range(40):
        at = chooser.randrange(len(text))
        if chooser.random() < 0.5:
            text = text[:at] + chooser.choice(["\n", " ", "x", "{", "}", "ceremony ", "# ", '"']) + text[at:]
        else:
            text = text[:at] + text[at + 1:]
        _same(parser.parse(text, "f.rasim"), parse(text, "f.rasim"))
