"""Measure how much of each edition's text the standard library encodes.

An article is encoded when a declaration or rule of the edition cites it (or
one of its subparagraphs), informative when an `informative` statement lists
it with the reason it has no effect on a scenario, and missing otherwise.
"""

from __future__ import annotations

from attrs import frozen

from .. import tree as t
from ..tree.walk import walk
from ..library.load import Library


@frozen
class EditionCoverage:
    """The articles of one edition, sorted into encoded, informative and missing."""

    edition: str
    encoded: tuple[str, ...]
    informative: tuple[str, ...]
    missing: tuple[str, ...]
    has_index: bool


def measure_coverage(library: Library) -> list[EditionCoverage]:
    """Return the coverage of every edition of `library` that has an article index."""
    out = []
    for ref, edition in sorted(library.editions.items()):
        index = library.articles(ref)
        if index is None:
            out.append(EditionCoverage(ref, (), (), (), False))
            continue
        cited, informative = set(), set()
        for _, _, parsed in edition.files:
            for node in _nodes(parsed.module):
                if isinstance(node, t.Informative):
                    if node.citation.edition is None or node.citation.edition.text == ref:
                        informative.update(_article(a) for a in node.citation.articles)
                elif isinstance(node, t.Citation) and (node.edition is None or node.edition.text == ref):
                    cited.update(_article(a) for a in node.articles)
        articles = sorted(index.articles, key=_number_key)
        encoded = tuple(a for a in articles if a in cited)
        marked = tuple(a for a in articles if a in informative and a not in cited)
        missing = tuple(a for a in articles if a not in cited and a not in informative)
        out.append(EditionCoverage(ref, encoded, marked, missing, True))
    return out


def _article(reference: str) -> str:
    """Return the article a reference belongs to: `10.8` -> `10`; appendix entries stay as they are."""
    return reference if reference.startswith("A") else reference.split(".")[0]


def _number_key(article: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in article.replace("-", ".").split("."))


def _nodes(module: t.Module):
    # An informative's citation lists the article as informative, not as encoded; a lineage's
    # citation says where a declaration comes from, and encodes nothing either.
    return walk(module, prune=lambda node: isinstance(node, (t.Informative, t.Lineage)))
