"""Print diagnostics for people (source line, underline, notes) or as JSON for tools."""

from __future__ import annotations

import json
from typing import Callable, Iterable

from ..library.articles import quote_citation
from .core import Diagnostic
from ..source import Span

LineLookup = Callable[[str, int], str]


# A citation of many articles quotes the first few, so that one diagnostic stays a few lines long.
QUOTED_ARTICLES = 3
# The widest part of a source line an excerpt shows.
EXCERPT_WIDTH = 160


def render_diagnostics(diagnostics: Iterable[Diagnostic], line_of: LineLookup, as_json: bool = False,
                       articles_of=None) -> str:
    """Return `diagnostics` as text (or JSON), reading source lines through `line_of(path, line)`.

    A diagnostic that cites articles quotes their opening words in the language
    of the original text, so that the reader sees what the rule says;
    `articles_of(edition)` gives the article index of the library in use.
    """
    ordered = sorted(diagnostics, key=lambda d: d.sort_key)
    if as_json:
        return json.dumps([{**d.as_json(), "articles": [
            {"article": article, "edition": edition, "text": text}
            for article, edition, text in quote_citation(d.citation, articles_of=articles_of)]} for d in ordered],
            ensure_ascii=False, indent=2) + "\n"
    return "".join(_render_one(d, line_of, articles_of) for d in ordered)


def safe_text(text: str) -> str:
    """Return `text` with control and format characters written as escapes (`\\x1b`, `\\u202e`).

    Source lines, names and quoted texts reach the terminal through here, so a
    file cannot move the cursor, recolour the screen or reorder a line.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _render_one(found: Diagnostic, line_of: LineLookup, articles_of=None) -> str:
    where = f"{found.span.path}:{found.span.line}:{found.span.column}: " if found.span else "rasim: "
    out = [safe_text(f"{where}{found.severity.value}[{found.code}]: {found.message}")]
    if found.span is not None:
        out.extend(_excerpt(found.span, line_of))
    for related in found.related:
        out.append(safe_text(f"  note: {related.span.path}:{related.span.line}:{related.span.column}: "
                             f"{related.note}"))
        out.extend(_excerpt(related.span, line_of))
    for hint in found.hints:
        out.append(safe_text(f"  hint: {hint}"))
    if found.citation:
        out.append(f"  cite: {found.citation}")
        quotes = quote_citation(found.citation, articles_of=articles_of)
        for article, _, text in quotes[:QUOTED_ARTICLES]:
            out.append(f"        § {article}: {text}")
        if len(quotes) > QUOTED_ARTICLES:
            out.append(f"        ({len(quotes) - QUOTED_ARTICLES} more articles)")
    return "\n".join(out) + "\n"


def _excerpt(span: Span, line_of: LineLookup) -> list[str]:
    # Only Rasim sources are quoted: a diagnostic about any other file never
    # shows a line of it (a credentials file named by a hostile import).
    if not span.path.endswith(".rasim"):
        return []
    raw = line_of(span.path, span.line)
    if not raw and span.column <= 1:
        return []
    raw = raw.replace("\t", " ")
    number = str(span.line)
    gutter = " " * len(number)
    start = max(span.column - 1, 0)
    end = span.end_column - 1 if span.end_line == span.line else len(raw)
    if len(raw) > EXCERPT_WIDTH:
        # A very long line is shown around the place only.
        left = max(0, min(start - EXCERPT_WIDTH // 4, len(raw) - EXCERPT_WIDTH))
        raw, start, end = raw[left:left + EXCERPT_WIDTH], start - left, min(end, left + EXCERPT_WIDTH) - left
    # Escapes are wider than the characters they stand for: the caret follows the escaped text.
    before, marked = safe_text(raw[:start]), safe_text(raw[start:end])
    width = max(len(marked), 1)
    return [f"  {number} | {safe_text(raw)}", f"  {gutter} | {' ' * len(before)}{'^' * width}"]
