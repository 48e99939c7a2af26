"""Load the standard library: every edition of every body of rules, with its symbols.

The library is a folder of bodies (state_protocol, mission_regulation), each
with one folder per edition year. Every file starts with `rules of BODY@YEAR`;
the files of one edition share one symbol table. The library is parsed once
per process and folder.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..syntax.parse import Parsed, parse
from ..source import SourceDecodeError, read_source
from .symbols import Symbol, collect_symbols


@frozen
class EditionBody:
    """One edition of a body of rules: its declaration, its files and its names."""

    ref: str
    body: str
    year: int
    declaration: t.Edition | None
    files: tuple[tuple[str, str, Parsed], ...]
    symbols: dict[str, Symbol]
    diagnostics: tuple[diag.Diagnostic, ...]

    @property
    def in_force(self) -> tuple[datetime.date | None, datetime.date | None]:
        """Return the first and last day in force, None where the text leaves it open."""
        if self.declaration is None:
            return None, None
        for item in self.declaration.items:
            if isinstance(item, t.InForce):
                return _date(item.start), _date(item.end)
        return None, None

    @property
    def language(self) -> str | None:
        """Return the language of the original text of the edition."""
        if self.declaration is None:
            return None
        for item in self.declaration.items:
            if isinstance(item, t.Language):
                return item.language
        return None

    def in_force_on(self, day: datetime.date) -> bool:
        """Tell whether the edition is in force on `day`."""
        start, end = self.in_force
        return start is not None and start <= day and (end is None or day <= end)


@frozen
class Library:
    """Every edition of every body found under one folder."""

    root: str
    editions: dict[str, EditionBody]

    def bodies(self) -> list[str]:
        """Return the names of the bodies of rules, sorted."""
        return sorted({e.body for e in self.editions.values()})

    def articles(self, edition: str):
        """Return the article index of `edition` from this library's folder, or None when it has none."""
        from .articles import load_article_index

        return load_article_index(edition, self.root)

    def editions_of(self, body: str) -> list[EditionBody]:
        """Return the editions of `body`, oldest first."""
        return sorted((e for e in self.editions.values() if e.body == body), key=lambda e: e.year)


def _date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4)
def load_library(root: str) -> Library:
    """Parse every .rasim file under `root` and group the files by edition."""
    grouped: dict[str, list[tuple[str, str, Parsed]]] = {}
    stray: list[diag.Diagnostic] = []
    base = Path(root)
    for path in sorted(base.rglob("*.rasim")):
        shown = f"<stdlib>/{path.relative_to(base).as_posix()}"
        try:
            text = read_source(path, shown).text
        except (OSError, SourceDecodeError):
            continue
        parsed = parse(text, shown)
        header = parsed.module.header
        if header is None:
            stray.append(diag.error("missing-module-header", "a library file must start with `rules of BODY@YEAR`",
                                    parsed.module.span))
            continue
        grouped.setdefault(header.edition.text, []).append((shown, text, parsed))

    editions = {}
    for ref, files in sorted(grouped.items()):
        body, year = ref.split("@")
        symbols: dict[str, Symbol] = {}
        found: list[diag.Diagnostic] = []
        declaration = None
        for _, _, parsed in files:
            found.extend(parsed.diagnostics)
            collect_symbols(parsed.module, ref, symbols, found)
            for item in parsed.module.items:
                if isinstance(item, t.Edition) and item.edition.text == ref:
                    declaration = item
        editions[ref] = EditionBody(ref, body, int(year), declaration, tuple(files), symbols, tuple(found))
    return Library(str(base), editions)
