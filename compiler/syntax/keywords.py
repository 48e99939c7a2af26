"""The reserved words of the language, read from the grammar's quoted literals.

The contextual lexer lets a keyword through as a name wherever the keyword
itself cannot stand, so the tree builder checks every name against this set.
"""

from __future__ import annotations

import re

from ..resources import data_path

_WORD_LITERAL = re.compile(r'"([^\W\d]\w*)"')


def _read_keywords() -> frozenset[str]:
    grammar = (data_path("grammar") / "rasim.lark").read_text(encoding="utf-8")
    return frozenset(_WORD_LITERAL.findall(grammar))


KEYWORDS: frozenset[str] = _read_keywords()
