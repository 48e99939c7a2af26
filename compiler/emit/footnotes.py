"""Derive a run-sheet's footnotes: the articles its rows cite, restored places in an order, compiler notes.

A printed sheet cannot look an article up on the day. The Plan's `articles`
give the opening of every article it cites, in the language of the original
text; a sheet lists those its rows cite (the master: all of them) and links
each row's citation to its entry. A participant placed by a precedence entry
the library had to restore (`participants[].reconstructed`) is marked with a
dagger, explained once on the sheet. The compiler's `notes` go on the master.
"""

from __future__ import annotations

import re

from attrs import frozen

from ..plan.types import Citation, Plan, Row
from .common import citation_text, clean, slug, text
from .words import words

DAGGER = "†"
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


@frozen
class Cited:
    """One part of a citation cell: the articles of one edition, each with its entry's anchor ("" for none)."""

    articles: tuple[tuple[str, str], ...]
    edition: str
    sign: str = "§ "  # "" for a part that is not `§ ... of ...`, shown as written


@frozen
class Article:
    """One entry of a sheet's list of articles."""

    anchor: str
    article: str
    edition: str
    language: str  # of the text: the original's ("kk" for the 2024 edition)
    text: str
    cited_by: tuple[tuple[str, str], ...]  # (what cites it, link target or "")


@frozen
class EditionArticles:
    """The articles of one edition a sheet lists, under a heading naming the language of the original."""

    edition: str
    heading: str
    language: str
    entries: tuple[Article, ...]


def article_anchor(edition: str, article: str) -> str:
    """Return the HTML id of an article's entry: `art-state_protocol-2024-185`, `art-...-A2_1` for § A2.1.

    The dot of a subparagraph or an appendix entry becomes "_" (a reference has
    at most one), the "@" of the edition "-": letters, digits, "-" and "_" only.
    """
    name, _, year = edition.partition("@")
    return "art-" + "-".join(_UNSAFE_ID.sub("-", part).strip("-") or "x"
                             for part in (name, year, article.replace(".", "_")))


def cited(citation: Citation | None, anchors: frozenset[str]) -> tuple[Cited, ...]:
    """Return the parts of a citation cell (`§ 184, 186 of state_protocol@2024; § 5 of ...`), one per clause,
    each article with the anchor of its entry when `anchors` holds it (the sheet lists that article)."""
    out = []
    for clause in citation.clauses if citation is not None else ():
        if clause.written is not None:  # read from a plan's JSON as no `§ ...` clause: shown as written
            out.append(Cited(((clean(clause.written), ""),), "", ""))
            continue
        edition = clean(clause.edition)
        out.append(Cited(tuple((n, a if (a := article_anchor(edition, n)) in anchors else "")
                               for n in map(clean, clause.numbers)), edition))
    return tuple(out)


def articles_cited(plan: Plan, lang: str, cues: tuple[str, ...] | None) -> list[EditionArticles]:
    """Return the articles a sheet lists, grouped by edition in the Plan's order.

    `cues` are the rows the sheet shows; None for the master, which lists
    every article the Plan cites, also those only a ceremony as a whole, the
    checklist, an arrangement or a deviation cites, and says which.
    """
    said = words(lang)
    shown = set(cues) if cues is not None else None
    others = _other_citers(plan, lang) if shown is None else {}
    groups: dict[str, list[Article]] = {}
    languages: dict[str, str] = {}
    for entry in plan.articles:
        edition, article = clean(entry.edition), clean(entry.article)
        rows = [clean(cue) for cue in entry.rows if shown is None or cue in shown]
        if shown is not None and not rows:
            continue
        # A call that cites the article too is named only when none of its rows is.
        citers = [(cue, f"cue-{slug(cue)}") for cue in rows] + [
            (name, target) for name, target, its_rows in others.get((edition, article), [])
            if not set(its_rows) & set(rows)]
        language = clean(entry.language or "")
        languages.setdefault(edition, language)
        groups.setdefault(edition, []).append(Article(article_anchor(edition, article), article, edition, language,
                                                      clean(entry.text), tuple(citers)))
    return [EditionArticles(edition, f"{edition} · " + said["original_text"].format(
        said["languages"].get(languages[edition]) or languages[edition] or "?"), languages[edition], tuple(entries))
        for edition, entries in groups.items()]


def _other_citers(plan: Plan, lang: str) -> dict[tuple[str, str], list[tuple[str, str, tuple[str, ...]]]]:
    """Return, for each article, what on the master cites it besides rows: calls, the checklist, arrangements,
    deviations, each as (what the sheet calls it, link target, the cues of a call's rows)."""
    said = words(lang)
    sources = [(clean(call.cue), f"call-{slug(call.cue)}", call.citation, call.rows) for call in plan.calls]
    sources += [(said["checklist_short"], "checklist", c.citation, ()) for c in plan.checklist]
    sources += [(said["arrangements"].lower(), "arrangements", a.citation, ()) for a in plan.arrangements]
    sources += [(clean(d.id), f"dev-{d.id}", d.citation, ()) for d in plan.deviations]
    out: dict[tuple[str, str], list[tuple[str, str, tuple[str, ...]]]] = {}
    for name, target, citation, rows in sources:
        for part in cited(citation, frozenset()):
            for article, _ in part.articles:
                found = out.setdefault((part.edition, article), [])
                if all(target != known for _, known, _ in found):
                    found.append((name, target, rows))
    return out


def restored_legend(rows: list[Row], lang: str) -> list[str]:
    """Return one line per restored precedence entry the participants of `rows` rest on:
    "† President of ... — place in the order of precedence restored: <reason> (§ A2.1 of state_protocol@2024)"."""
    said = words(lang)
    lines: dict[str, None] = {}
    for row in rows:
        for person in row.participants:
            entry = person.reconstructed
            if entry is None:
                continue
            who = text(person.label, lang) or clean(person.role)
            reason = text(entry.reason, lang)
            citation = citation_text(entry.citation)
            lines[f"{DAGGER} {who} — " + said["restored"].format(reason=reason)
                  + (f" ({citation})" if citation else "")] = None
    return list(lines)


def compiler_notes(plan: Plan) -> list[dict]:
    """Return the compiler's notes for the master's checklist page: `code`, `citation`, and `parts` of the
    message, (text, whether it is a name quoted in backticks)."""
    out = []
    for note in plan.notes:
        pieces = clean(note.message).split("`")
        if len(pieces) % 2 == 0:  # an odd backtick: show the message as written
            pieces = ["`".join(pieces)]
        out.append({"code": clean(note.code), "citation": clean(note.citation or ""),
                    "parts": [(piece, i % 2 == 1) for i, piece in enumerate(pieces) if piece]})
    return out
