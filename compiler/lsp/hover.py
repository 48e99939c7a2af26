"""Hover: what a name is, its labels in English and Kazakh, and the law it comes from.

On a name: its kind, its labels, where it is declared, its citations and the
text of each cited article in the language of the original. On a citation:
the articles themselves.
"""

from __future__ import annotations

from .. import tree as t
from ..library.articles import load_article_index
from ..library.symbols import Symbol
from .analysis import Analysis, symbol_for, thing_at

# An article can run to pages; a hover shows its opening and the view holds the rest.
ARTICLE_LIMIT = 1200


def hover_text(analysis: Analysis, offset: int) -> tuple[str, object] | None:
    """Return the Markdown to show at `offset` and the node it is about, or None."""
    node, scope = thing_at(analysis, offset)
    if node is None:
        return None
    if isinstance(node, t.Citation):
        return citation_markdown(node, default_edition(analysis)), node
    if isinstance(node, t.EditionRef):
        return edition_markdown(analysis, node.text), node
    symbol = symbol_for(analysis, node, scope)
    if symbol is None:
        return None
    return symbol_markdown(symbol, default_edition(analysis)), node


def symbol_markdown(symbol: Symbol, fallback_edition: str | None) -> str:
    """Return the hover of a declaration: kind, name, labels, edition, citations with their articles."""
    lines = [f"**{symbol.kind}** `{symbol.name}`"]
    english, kazakh = labels(symbol.node)
    if english:
        lines += ["", f"*en:* {english}"]
    if kazakh:
        lines += ["", f"*kk:* {kazakh}"]
    if symbol.edition:
        lines += ["", f"declared in `{symbol.edition}`"]
    for citation in getattr(symbol.node, "citations", None) or ():
        lines += ["", "---", citation_markdown(citation, symbol.edition or fallback_edition)]
    return "\n".join(lines)


def labels(node) -> tuple[str | None, str | None]:
    """Return the English label and the Kazakh translation of a declaration, where it has them."""
    label = getattr(node, "label", None)
    if not isinstance(label, t.Label):
        return None, None
    kazakh = next((tr.text for tr in label.translations if tr.language == "kk"), None)
    return label.text, kazakh


def citation_line(citation: t.Citation, default: str | None) -> tuple[str, str | None]:
    """Return a citation as the compiler writes it (`§ 10, 41 of state_protocol@2013`) and its edition."""
    edition = citation.edition.text if citation.edition is not None else default
    text = "§ " + ", ".join(citation.articles) + (f" of {edition}" if edition else "")
    return text, edition


def citation_markdown(citation: t.Citation, default: str | None) -> str:
    """Return a citation with the text of each article it names, in the language of the original."""
    heading, edition = citation_line(citation, default)
    lines = [f"**{heading}**"]
    index = load_article_index(edition) if edition else None
    if index is None:
        return "\n".join(lines + ["", "(no article texts for this edition)"])
    for article in citation.articles:
        text = index.find(article)
        if text is None:
            lines += ["", f"§ {article}: {edition} has no such article"]
            continue
        shown = text if len(text) <= ARTICLE_LIMIT else text[:ARTICLE_LIMIT].rsplit(" ", 1)[0] + " …"
        quoted = "\n".join(f"> {line}" if line else ">" for line in (shown or "(no text in the source)").split("\n"))
        lines += ["", f"§ {article} ({index.language}):", "", quoted]
    return "\n".join(lines)


def edition_markdown(analysis: Analysis, ref: str) -> str:
    """Return what an edition is: its title and the days it is in force."""
    from ..library.load import load_library

    edition = load_library(str(analysis.options.stdlib)).editions.get(ref)
    if edition is None:
        return f"`{ref}`: the library has no such edition"
    start, end = edition.in_force
    title = labels(edition.declaration)[0] if edition.declaration is not None else None
    return f"**edition** `{ref}`" + (f": {title}" if title else "") + \
        f"\n\nin force {start or '?'} .. {end or 'now'}, original in `{edition.language}`"


def default_edition(analysis: Analysis) -> str | None:
    """Return the edition a bare citation of the document refers to."""
    module = analysis.module
    if module is not None and module.header is not None:
        return module.header.edition.text
    bound = analysis.bound
    if bound is None or not bound.editions:
        return None
    items = module.items if module else ()
    pinned = [entry.edition.name for scenario in items if isinstance(scenario, t.Scenario)
              for entry in scenario.items if isinstance(entry, t.PinEdition)]
    imported = [item.module[0] for item in items if isinstance(item, t.ImportStmt) and item.module]
    for body in pinned + imported + ["state_protocol"]:
        if body in bound.editions:
            return bound.editions[body].ref
    return next(iter(bound.editions.values())).ref
