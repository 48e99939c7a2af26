"""Look up the articles of an edition: their numbers, their text, their appendices.

Every edition of the standard library ships stdlib/<body>/<year>/articles.json,
extracted from the source texts by tools/extract_articles.py. The checker
uses it to reject a citation to an article the edition does not have; hover,
diagnostics and run-sheets use it to show the text a citation points to.

References are written as in citations: `31` (article), `10.8` (subparagraph
8 of article 10), `A1` (Appendix 1 as a whole), `A1.5` and `A1.6-1`
(entries of Appendix 1, numbered as printed).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from attrs import frozen

from ..resources import data_path

_EDITION = re.compile(r"([a-z][a-z0-9_]*)@(\d{4})")
_ARTICLE = re.compile(r"(\d+)(?:\.(\d+))?")
_APPENDIX = re.compile(r"(A\d+)(?:\.(\d+(?:-\d+)*))?")
_SUBPARAGRAPH = re.compile(r"(\d+)\)\s")
# Footnotes are kept in the text as paragraphs in brackets: "[Footnote. ...]", "[Ескерту. ...]".
_FOOTNOTE = re.compile(r"\[(?:Footnote|Ескерту)\.")
_SENTENCE_END = re.compile(r"[.!?]\s+")
_ELLIPSIS = "…"


@frozen
class Article:
    """One article (paragraph) of an edition; `text` holds one source paragraph a line."""

    number: str
    chapter: str
    text: str
    subparagraphs: tuple[str, ...]
    section: str = ""


@frozen
class Appendix:
    """One appendix: its title, its entries in printed order, the notes under the list."""

    title: str
    entries: dict[str, str]
    notes: tuple[str, ...] = ()


@frozen
class ArticleIndex:
    """The articles and appendices of one edition, with the known defects of its text."""

    edition: str
    language: str
    articles: dict[str, Article]
    appendices: dict[str, Appendix]
    source: str = ""
    defects: tuple[str, ...] = ()

    def find(self, reference: str) -> str | None:
        """Return the text `reference` points to, or None when the edition has no such article or entry.

        An article that exists with no text in the source (2013 art. 68) gives "".
        """
        if match := _ARTICLE.fullmatch(reference):
            article = self.articles.get(match.group(1))
            if article is None or match.group(2) is None:
                return None if article is None else article.text
            return _subparagraph(article, match.group(2))
        if match := _APPENDIX.fullmatch(reference):
            appendix = self.appendices.get(match.group(1))
            if appendix is None or match.group(2) is None:
                return None if appendix is None else _whole(appendix)
            return appendix.entries.get(match.group(2))
        return None

    def excerpt(self, reference: str, limit: int = 200) -> str:
        """Return the first sentences of what `reference` points to, at most `limit` characters.

        Footnotes are left out and lines joined. A first sentence longer than
        the limit is cut at a word and ends with "…". Gives "" when the
        reference points nowhere or to an empty text.
        """
        text = self.find(reference)
        appendix = _APPENDIX.fullmatch(reference)
        if text and appendix and appendix.group(2) is None:
            # A list of entries has no first sentence; its title says what it is.
            text = self.appendices[appendix.group(1)].title
        if not text or limit < 1:
            return ""
        body = " ".join(line for line in text.split("\n") if not _FOOTNOTE.match(line))
        if not body:
            return ""
        taken = ""
        for sentence in _sentences(body):
            joined = f"{taken} {sentence}" if taken else sentence
            if len(joined) > limit:
                break
            taken = joined
        if taken:
            return taken
        cut = body[:limit - 1]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:(") + _ELLIPSIS


_CITED = re.compile(r"§ ([^;]+?) of ([a-z][a-z0-9_]*@\d{4})")


def quote_citation(citation: str | None, limit: int = 160, articles_of=None) -> list[tuple[str, str, str]]:
    """Return (article, edition, opening words) for each article a citation line names (`§ 10, 41 of
    state_protocol@2013`), in the language of the edition's original; articles with no text are left out.
    `articles_of(edition)` gives an edition's index (the installed library's by default)."""
    quotes = []
    for articles, edition in _CITED.findall(citation or ""):
        index = (articles_of or load_article_index)(edition)
        if index is None:
            continue
        for reference in (part.strip() for part in articles.split(",")):
            text = index.excerpt(reference, limit)
            if text:
                quotes.append((reference, edition, text))
    return quotes


def _subparagraph(article: Article, number: str) -> str | None:
    """Return subparagraph `number` without its "8) " marker.

    It runs to the next numbered line: an unnumbered paragraph between two
    subparagraphs continues the first (2024 art. 118), while the paragraphs
    after the last one belong to the article, not to it.
    """
    if number not in article.subparagraphs:
        return None
    lines = article.text.split("\n")
    starts = [i for i, line in enumerate(lines) if _SUBPARAGRAPH.match(line)]
    for k, start in enumerate(starts):
        marker = _SUBPARAGRAPH.match(lines[start])
        if marker and marker.group(1) == number:
            end = starts[k + 1] if k + 1 < len(starts) else start + 1
            return "\n".join([lines[start][marker.end():], *lines[start + 1:end]])
    return None


def _whole(appendix: Appendix) -> str:
    """Return an appendix as text: the title, one "number. entry" line each, then the notes."""
    return "\n".join([appendix.title, *(f"{n}. {text}" for n, text in appendix.entries.items()), *appendix.notes])


def _sentences(text: str) -> list[str]:
    """Split at a full stop, question or exclamation mark followed by a capital letter.

    Before a digit or a small letter a stop does not end a sentence: "No. 553",
    "1-1. 5 hours", "18.09.2021".
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end():match.end() + 2].lstrip("\"«(")
        if following[:1].isupper():
            sentences.append(text[start:match.end()].strip())
            start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def _number_key(number: str) -> tuple[int, ...]:
    """Order "6", "6-1", "7": JSON keeps the keys sorted as text."""
    return tuple(int(part) for part in number.split("-"))


def load_article_index(edition: str, root=None) -> ArticleIndex | None:
    """Return the article index of `edition` ("state_protocol@2013") in the library at `root` (the
    installed one by default), or None when that library has none.

    Each index is read once per process and folder. A file that exists but
    cannot be read as an index is a broken installation and raises ValueError.
    """
    return _load_index(edition, str(root if root is not None else data_path("stdlib")))


@functools.lru_cache(maxsize=None)
def _load_index(edition: str, root: str) -> ArticleIndex | None:
    match = _EDITION.fullmatch(edition)
    if match is None:
        return None
    path = Path(root) / match.group(1) / match.group(2) / "articles.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = {
            number: Article(number, item["chapter"], item["text"], tuple(item["subparagraphs"]),
                            item.get("section", ""))
            for number, item in sorted(data["articles"].items(), key=lambda pair: int(pair[0]))
        }
        appendices = {
            key: Appendix(item["title"], dict(sorted(item["entries"].items(), key=lambda pair: _number_key(pair[0]))),
                          tuple(item.get("notes", ())))
            for key, item in sorted(data.get("appendices", {}).items(), key=lambda pair: int(pair[0][1:]))
        }
        return ArticleIndex(data["edition"], data["language"], articles, appendices, data.get("source", ""),
                            tuple(data.get("defects", ())))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError) as error:
        raise ValueError(f"{path}: not a valid article index: {error}") from error
