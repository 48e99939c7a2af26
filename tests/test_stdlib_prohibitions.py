"""No prohibition of the texts is written as a note in the standard library.

A note is shown on the run-sheet but never checked: "questions are not
provided" (2013 art. 72) written as a note let a scenario hold questions at the
press statements without a word. Every prohibition must be a `shall not` rule
or a `modality shall not` step, which the checker evaluates (docs/checking.md,
*Prohibitions wherever they stand*). This test reads every note of every
library file, in English and in Kazakh, for the words of a prohibition.
"""

from __future__ import annotations

import re

import attrs
import pytest

from rasim import tree as t
from rasim.resources import data_path
from rasim.syntax.parse import parse

# The English words of a prohibition in the texts ("shall not be displayed", "is not
# provided", "no questions"), and the Kazakh negative verbs of the 2024 text
# ("ілінбейді", "түземейді", "көзделмейді", "рұқсат етілмейді", "болмайды"). "Аспайды"
# ("does not exceed") is the word of a limit, which is checked as a `limit`.
ENGLISH = re.compile(r"\b(shall not|must not|not (be )?(provided|displayed|allowed|hung|raised|invited|built|"
                     r"served|re-awarded|permitted)|is prohibited|are prohibited)\b|^no\b", re.IGNORECASE)
KAZAKH = re.compile(r"(?<!ас)(майды|мейді|пайды|пейді|байды|бейді)\b|рұқсат етілмейді|тыйым салынады", re.IGNORECASE)

FILES = sorted(data_path("stdlib").rglob("*.rasim"))


def _notes(node):
    """Yield every note under `node` of the syntax tree."""
    if isinstance(node, t.Note):
        yield node
    if isinstance(node, t.Node):
        for field in attrs.fields(type(node)):
            yield from _notes(getattr(node, field.name))
    elif isinstance(node, tuple):
        for item in node:
            yield from _notes(item)


def prohibitions_as_notes(path) -> list[str]:
    """Return `line: text` for each note of the file at `path` worded as a prohibition."""
    parsed = parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for note in _notes(parsed.module):
        texts = [note.label.text] + [tr.text for tr in note.label.translations]
        if any(ENGLISH.search(text) or KAZAKH.search(text) for text in texts):
            found.append(f"{note.span.line}: {' / '.join(texts)}")
    return found


def test_the_library_has_files_to_scan():
    assert len(FILES) > 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_no_prohibition_is_a_note(path):
    found = prohibitions_as_notes(path)
    assert not found, f"{path.name} holds prohibitions as notes (write a `shall not` rule or step):\n" + "\n".join(found)


def test_the_scan_finds_a_prohibition_written_as_a_note(tmp_path):
    draft = tmp_path / "draft.rasim"
    draft.write_text('rules of state_protocol@2013\n\nceremony press_statements "Statements for the press" § 72 {\n'
                     '  step statements "Statements" § 72 {\n    note "No questions" kk "Сұрақтар қойылмайды"\n  }\n}\n',
                     encoding="utf-8")
    assert prohibitions_as_notes(draft) == ["5: No questions / Сұрақтар қойылмайды"]
