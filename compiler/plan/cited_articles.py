"""Collect the articles a plan cites, with their text, for the run-sheet's footnotes.

Every row, call, ordering, checklist item, arrangement and deviation of the
plan carries a citation line (`§ 31, 32 of state_protocol@2013`). The reader
of a printed run-sheet cannot look an article up on the day: the sheet prints,
once, the opening of each article it cites, in the language of the original
text, and which rows cite it.
"""

from __future__ import annotations

import re

from ..library.articles import load_article_index, quote_citation

# Long enough for the rule of most articles; a longer one ends with "…".
EXCERPT = 400
_NUMBER = re.compile(r"\d+")


def cited_articles(plan: dict, articles_of=load_article_index) -> list[dict]:
    """Return every article the plan cites: edition, article, language, text and the cues of its rows;
    `articles_of(edition)` gives the index of the library the plan was checked against."""
    found: dict[tuple[str, str], dict] = {}
    for where, citation in _citations(plan):
        for article, edition, text in quote_citation(citation, EXCERPT, articles_of):
            entry = found.get((edition, article))
            if entry is None:
                index = articles_of(edition)
                entry = found[(edition, article)] = {
                    "edition": edition, "article": article, "language": index.language if index else None,
                    "text": text, "rows": []}
            if where is not None and where not in entry["rows"]:
                entry["rows"].append(where)
    return [found[key] for key in sorted(found, key=_order)]


def _citations(plan: dict):
    """Yield (cue or None, citation line) for everything in the plan that cites articles."""
    for row in plan["rows"]:
        yield row["cue"], row.get("citation")
        for ordering in row.get("orderings", ()):
            yield row["cue"], ordering.get("citation")
        for participant in row.get("participants", ()):
            if participant.get("reconstructed"):
                yield row["cue"], participant["reconstructed"]["citation"]
    for call in plan.get("calls", ()):
        yield None, call.get("citation")
    for name in ("checklist", "arrangements", "deviations"):
        for item in plan.get(name, ()):
            yield None, item.get("citation")


def _order(key: tuple[str, str]) -> tuple:
    """Sort by edition, then appendix entries after articles, then by the numbers as printed."""
    edition, article = key
    return edition, article.startswith("A"), tuple(int(n) for n in _NUMBER.findall(article))
