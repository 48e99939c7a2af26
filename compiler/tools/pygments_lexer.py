"""A Pygments lexer for Rasim, registered as the `rasim` lexer (the docs site and any Pygments user).

The keywords are the grammar's own (compiler/syntax/keywords.py reads them
from grammar/rasim.lark), so a keyword added to the grammar is highlighted
without a change here. Whatever the language cannot contain is an Error token:
tests/test_highlighting.py lexes every stdlib and scenario file and finds none.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, default, words
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, Text

from ..syntax.keywords import KEYWORDS

_ARTICLE = r"A?\d+(?:-\d+)?(?:\.\d+(?:-\d+)?)*"


class RasimLexer(RegexLexer):
    """Lex Rasim protocol scenarios and rules."""

    name = "Rasim"
    aliases = ["rasim"]
    filenames = ["*.rasim"]
    mimetypes = ["text/x-rasim"]

    tokens = {
        "root": [
            (r"[ \t\r\n\f\ufeff]+", Text.Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            (r"(§)([ \t]*)(" + _ARTICLE + r")", bygroups(Keyword.Pseudo, Text.Whitespace, Number.Integer), "articles"),
            (r"\d{4}-\d{2}-\d{2}(?!\d)", Number.Other),
            (r"\d{1,2}:\d{2}(?!\d)", Number.Other),
            (r"UTC\b|[A-Z][A-Za-z_]+(?:/[A-Za-z_+\-]+)+", Name.Constant),
            (r"\d+(?:\.\d+)?", Number),
            (words(sorted(KEYWORDS, key=len, reverse=True), prefix=r"(?<![^\W\d])(?<!\d)", suffix=r"(?!\w)"), Keyword),
            (r"[^\W\d]\w*", Name),
            (r"<=|>=|\.\.|[=<>@\-]", Operator),
            (r"[{}(),.:;]", Punctuation),
            (r".", Error),
        ],
        "articles": [
            (r"([ \t]*)(,)([ \t]*)(" + _ARTICLE + r")", bygroups(Text.Whitespace, Punctuation, Text.Whitespace,
                                                                Number.Integer)),
            default("#pop"),
        ],
    }
