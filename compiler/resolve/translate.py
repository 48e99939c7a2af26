"""Translate a scenario's names from the edition it was written for to the one it is checked under.

The correspondences come from the `lineage` statements of the later edition
(`lineage akim continues state_protocol@2013.akim_of_capital`) and, for a
declaration that keeps its name and kind, from the name itself. A scenario
written for 2013 and checked with `--edition state_protocol@2024` has each of
its 2013 names read as its 2024 counterpart (a `name-translated` note per
name); the other way round only where the counterpart is one declaration. A
name with no counterpart is one `no-counterpart` error, and its later uses are
not reported again.
"""

from __future__ import annotations

import datetime
import difflib

import attrs
from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..library.load import EditionBody, Library


@frozen
class Lineages:
    """The correspondences between an earlier edition and a later one of the same body."""

    old: str
    new: str
    # Later name -> the earlier names it continues (explicitly, or by keeping its name and kind).
    forward: dict[str, tuple[str, ...]]
    # Later name -> the reason its lineage gives for having no counterpart.
    reasons: dict[str, str]
    # Later name -> the lineage statement that declares its correspondence.
    statements: dict[str, t.Lineage]
    # Earlier names that no later declaration continues.
    removed: frozenset[str]

    def backward(self) -> dict[str, tuple[str, ...]]:
        """Return earlier name -> the later names that continue it (two or more: a split)."""
        found: dict[str, list[str]] = {}
        for new, olds in sorted(self.forward.items()):
            for old in olds:
                found.setdefault(old, []).append(new)
        return {old: tuple(news) for old, news in found.items()}


def edition_lineages(edition: EditionBody) -> list[t.Lineage]:
    """Return the `lineage` statements of an edition's files, in file order."""
    return [item for _, _, parsed in edition.files for item in parsed.module.items if isinstance(item, t.Lineage)]


def lineages(library: Library, old_edition: str, new_edition: str) -> Lineages:
    """Return the correspondences the library declares between `old_edition` and the later `new_edition`."""
    old, new = library.editions[old_edition], library.editions[new_edition]
    forward: dict[str, tuple[str, ...]] = {}
    reasons: dict[str, str] = {}
    statements: dict[str, t.Lineage] = {}
    for statement in edition_lineages(new):
        name = statement.later.text
        if statement.reason is not None:
            reasons[name] = statement.reason
            forward[name] = ()
        else:
            forward[name] = tuple(dict.fromkeys(e.ref.text for e in statement.earlier if e.edition.text == old_edition))
        statements[name] = statement
    for name, symbol in new.symbols.items():
        earlier = old.symbols.get(name)
        if name not in forward and earlier is not None and earlier.kind == symbol.kind:
            forward[name] = (name,)
    continued = {o for olds in forward.values() for o in olds}
    removed = frozenset(name for name in old.symbols if name not in continued)
    return Lineages(old_edition, new_edition, forward, reasons, statements, removed)


def correspondences(library: Library, old_edition: str, new_edition: str) -> dict[str, tuple[str, ...]]:
    """Return later name -> the earlier names it continues; a later name with no counterpart maps to ().

    Every declaration of `new_edition` is a key: renamed, merged and split ones
    through their `lineage`, unchanged ones under their own name, and the new
    ones (declared `continues nothing`, or simply without an earlier namesake)
    with an empty tuple. The earlier names nothing continues are
    `lineages(library, old_edition, new_edition).removed`.
    """
    found = lineages(library, old_edition, new_edition)
    return {name: found.forward.get(name, ()) for name in sorted(library.editions[new_edition].symbols)}


# ---- translating a scenario ----------------------------------------------------------


@frozen
class Translation:
    """How the names of one edition are read under another: source name -> target names, with why."""

    source: EditionBody
    target: EditionBody
    names: dict[str, tuple[str, ...]]
    lineages: Lineages


def translations(module: t.Module, library: Library, editions: dict[str, EditionBody], pinned: dict[str, str],
                 first_date: datetime.date | None) -> list[Translation]:
    """Return, for each body checked under an edition given on the command line, the translation to it."""
    found = []
    for body, target in sorted(editions.items()):
        if body not in pinned:
            continue
        source = _written_for(module, body, library, first_date)
        if source is None or source.ref == target.ref:
            continue
        if source.year < target.year:
            table = lineages(library, source.ref, target.ref)
            names = table.backward()
        else:
            table = lineages(library, target.ref, source.ref)
            names = dict(table.forward)
        found.append(Translation(source, target, names, table))
    return found


def _written_for(module: t.Module, body: str, library: Library, first_date) -> EditionBody | None:
    """Return the edition a scenario was written for: the one it pins, else the one in force on its first date."""
    for scenario in (i for i in module.items if isinstance(i, t.Scenario)):
        for entry in scenario.items:
            if isinstance(entry, t.PinEdition) and entry.edition.name == body:
                return library.editions.get(entry.edition.text)
    if first_date is None:
        return None
    return next((e for e in library.editions_of(body) if e.in_force_on(first_date)), None)


class Translator:
    """Rewrite a module's names and bare citations from one edition to another, reporting each name once."""

    def __init__(self, translation: Translation, symbols: dict, found: list[diag.Diagnostic]) -> None:
        self.translation = translation
        self.symbols = symbols
        self.found = found
        self.reported: dict[str, str | None] = {}  # source name -> target name, None when untranslatable

    @property
    def untranslatable(self) -> frozenset[str]:
        """Return the names reported as having no (single) counterpart."""
        return frozenset(n for n, target in self.reported.items() if target is None)

    def module(self, module: t.Module) -> t.Module:
        """Return `module` with its names and bare citations read under the target edition.

        The file's own declarations (a ceremony a scenario declares) are read too.
        """
        return attrs.evolve(module, items=tuple(self.node(item) for item in module.items))

    def node(self, node):
        if isinstance(node, t.Ref):
            return self.ref(node)
        if isinstance(node, t.Citation) and node.edition is None:
            source = self.translation.source
            return attrs.evolve(node, edition=t.EditionRef(source.body, source.year, span=node.span))
        if isinstance(node, t.PinEdition):
            return node
        changes = {}
        for field in attrs.fields(type(node)):
            value = getattr(node, field.name)
            if isinstance(value, t.Node):
                new = self.node(value)
            elif isinstance(value, tuple) and any(isinstance(v, t.Node) for v in value):
                new = tuple(self.node(v) if isinstance(v, t.Node) else v for v in value)
            else:
                continue
            if new is not value:
                changes[field.name] = new
        return attrs.evolve(node, **changes) if changes else node

    def ref(self, ref: t.Ref) -> t.Ref:
        if ref.text in self.symbols:
            return ref
        source_symbols = self.translation.source.symbols
        for length in range(len(ref.parts), 0, -1):
            head = ".".join(ref.parts[:length])
            if head in source_symbols and head not in self.symbols:
                target = self.translate(head, ref)
                if target is None:
                    return ref
                return attrs.evolve(ref, parts=tuple(target.split(".")) + ref.parts[length:])
        return ref

    def translate(self, name: str, ref: t.Ref) -> str | None:
        """Return the target name of the source declaration `name`, reporting it at its first use."""
        if name in self.reported:
            return self.reported[name]
        source, target = self.translation.source.ref, self.translation.target.ref
        news = self.translation.names.get(name, ())
        if len(news) == 1:
            # The lineage is a statement of the later edition, named by its later declaration.
            later = news[0] if target == self.translation.lineages.new else name
            self.found.append(diag.note(
                "name-translated", f"`{name}` of {source} is read as `{news[0]}` of {target}", ref.span,
                related=_declared(self.translation.target.symbols.get(news[0]),
                                  self.translation.lineages.statements.get(later))))
            self.reported[name] = news[0]
        else:
            self._untranslatable(name, news, ref)
            self.reported[name] = None
        return self.reported[name]

    def _untranslatable(self, name: str, news: tuple[str, ...], ref: t.Ref) -> None:
        source, target = self.translation.source.ref, self.translation.target.ref
        kind = self.translation.source.symbols[name].kind
        if news:
            self.found.append(diag.error(
                "ambiguous-counterpart", f"the {kind} `{name}` of {source} corresponds to several declarations of "
                f"{target}: {', '.join(f'`{n}`' for n in news)}", ref.span,
                hints=("name the one meant (the scenario then reads under the edition it names)",)))
            return
        statement = self.translation.lineages.statements.get(name)
        reason = self.translation.lineages.reasons.get(name)
        why = f": {reason}" if reason else ""
        related = (diag.Related(statement.span, f"the lineage of `{name}` in {statement.later.span.path}"),) \
            if statement is not None and statement.span is not None else ()
        same_kind = sorted(n for n, s in self.translation.target.symbols.items() if s.kind == kind)
        close = difflib.get_close_matches(name, same_kind, n=1, cutoff=0.75)
        hints = (f"its other uses are not reported again; replace it with a {kind} of {target} to check the "
                 f"scenario under {target}",) + ((f"the closest {kind} of {target} is `{close[0]}`",) if close else ())
        self.found.append(diag.error(
            "no-counterpart", f"the {kind} `{name}` of {source} has no counterpart in {target}{why}", ref.span,
            related=related, hints=hints))


def _declared(symbol, statement) -> tuple[diag.Related, ...]:
    related = []
    if symbol is not None and getattr(symbol.node, "name", None) is not None and symbol.node.name.span is not None:
        related.append(diag.Related(symbol.node.name.span, f"`{symbol.name}` is declared here"))
    if statement is not None and statement.span is not None:
        related.append(diag.Related(statement.span, "the correspondence is declared here"))
    return tuple(related)
