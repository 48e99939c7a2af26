"""Collect the articles a plan cites, with their text, for the run-sheet's footnotes.

Every row, call, ordering, checklist item, arrangement and deviation of the
plan carries a citation (`§ 31, 32 of state_protocol@2013`). The reader of a
printed run-sheet cannot look an article up on the day: the sheet prints,
once, the opening of each article it cites, in the language of the original
text, and which rows cite it. The articles come from the model's citations
(each clause an edition and its article numbers), never from the printed line.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..library.articles import load_article_index
from ..model.values import Citation
from .types import Article

# Long enough for the rule of most articles; a longer one ends with "…".
EXCERPT = 400
_NUMBER = re.compile(r"\d+")
_EDITION = re.compile(r"[a-z][a-z0-9_]*@\d{4}")  # a clause of another form names no edition to quote


def cited_articles(citations: Iterable[tuple[str | None, Citation | None]],
                   articles_of=load_article_index) -> list[Article]:
    """Return every article `citations` ((cue or None, citation) pairs) name, with its edition, the language
    and opening of its text, and the cues that cite it; `articles_of(edition)` gives the index of the library
    the plan was checked against. Articles without text are left out."""
    found: dict[tuple[str, str], dict] = {}
    for where, citation in citations:
        for article, edition, text in _quoted(citation, articles_of):
            entry = found.get((edition, article))
            if entry is None:
                index = articles_of(edition)
                entry = found[(edition, article)] = {
                    "edition": edition, "article": article, "language": index.language if index else None,
                    "text": text, "rows": []}
            if where is not None and where not in entry["rows"]:
                entry["rows"].append(where)
    return [Article(**{**found[key], "rows": tuple(found[key]["rows"])}) for key in sorted(found, key=_order)]


def _quoted(citation: Citation | None, articles_of):
    """Yield (article, edition, opening words) for each article of `citation` whose edition has its text."""
    for clause in citation.clauses if citation is not None else ():
        edition = _EDITION.match(clause.edition or "")
        index = articles_of(edition.group(0)) if edition is not None else None
        if index is None:
            continue
        for number in clause.numbers:
            text = index.excerpt(number, EXCERPT)
            if text:
                yield number, edition.group(0), text


def _order(key: tuple[str, str]) -> tuple:
    """Sort by edition, then appendix entries after articles, then by the numbers as printed."""
    edition, article = key
    return edition, article.startswith("A"), tuple(int(n) for n in _NUMBER.findall(article))
