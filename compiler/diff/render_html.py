"""Write a rule diff as one HTML page: each change beside the texts of the articles both editions cite.

The page has a table of contents by chapter; every text from the library or
the article indexes is escaped, so a label holding `<script>` shows as text.
The 2013 edition's index is in English and the 2024 one's in Kazakh (the
originals): each text is shown in its own language, marked with `lang`.
"""

from __future__ import annotations

from html import escape

from .changes import VERDICTS, change_line, citation_text
from .report import RuleDiff, chapters, summary_line

_STYLE = """
body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 80em; line-height: 1.4; }
nav li { margin: .1em 0; }
.change { border-top: 1px solid #ccc; padding: .6em 0; }
.change h3 { font-size: 1em; margin: 0 0 .3em 0; }
.stricter h3::before { content: "▲ "; color: #b00; }
.looser h3::before { content: "▼ "; color: #070; }
.neutral h3::before { content: "• "; color: #777; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.side { background: #f7f7f7; padding: .4em .6em; font-size: .9em; white-space: pre-wrap; }
.side b { display: block; }
"""


def _article_texts(index, citation, edition: str) -> str:
    """Return the cited articles of one side as HTML blocks, in the edition's language."""
    if index is None:
        return ""
    blocks = []
    for ref in citation.refs:
        if ref.edition and ref.edition != edition:
            continue
        text = index.find(ref.number)
        if text is None:
            continue
        blocks.append(f'<div class="side-text" lang="{escape(index.language)}"><b>{escape(edition)} art. '
                      f"{escape(ref.number)}</b>{escape(text)}</div>")
    return "".join(blocks)


def render_html(diff: RuleDiff) -> str:
    """Return the page of the diff: a table of contents by chapter, then each change with both texts."""
    old_index, new_index = diff.old.articles(), diff.new.articles()
    groups = chapters(diff)
    toc = "".join(f'<li><a href="#chapter-{n}">{escape(title)}</a> ({len(items)})</li>'
                  for n, (title, items) in enumerate(groups, 1))
    body = []
    for n, (title, items) in enumerate(groups, 1):
        body.append(f'<section id="chapter-{n}"><h2>{escape(title)}</h2>')
        for change in items:
            old_cited, new_cited = citation_text(change.old_citation), citation_text(change.new_citation)
            body.append(
                f'<div class="change {change.verdict}"><h3>{escape(change_line(change))}</h3>'
                f'<div class="sides"><div class="side"><b>{escape(diff.old.edition)}'
                f'{" · " + escape(old_cited) if old_cited else ""}</b>'
                f"{_article_texts(old_index, change.old_citation, diff.old.edition)}</div>"
                f'<div class="side"><b>{escape(diff.new.edition)}{" · " + escape(new_cited) if new_cited else ""}'
                f"</b>{_article_texts(new_index, change.new_citation, diff.new.edition)}</div></div></div>")
        body.append("</section>")
    counts = " ".join(f'<span class="{v}">{diff.count(v)} {v}</span>' for v in VERDICTS)
    title = f"Changes from {diff.old.edition} to {diff.new.edition}"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>"
            f"<p>{escape(summary_line(diff))}</p><p>{counts}</p>"
            f"<nav><h2>Chapters</h2><ol>{toc}</ol></nav>{''.join(body)}</body></html>\n")
