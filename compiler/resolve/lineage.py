"""Check the `lineage` statements of a library file against its edition and the earlier ones.

`lineage NAME continues BODY@YEAR.OLD, ...` must name a declaration of the
file's edition, and earlier declarations of an earlier edition of the same
body, of the same kind; `continues nothing "reason"` must give a reason and
must not hide a namesake of the same kind in the previous edition. Each later
declaration has at most one lineage.
"""

from __future__ import annotations

import difflib

from .. import diagnostics as diag
from .. import tree as t
from ..library.load import EditionBody, Library


def check_lineages(module: t.Module, edition: EditionBody, symbols: dict, library: Library,
                   found: list[diag.Diagnostic]) -> None:
    """Report the lineage statements of `module` (a file of `edition`) that do not hold."""
    seen: dict[str, t.Lineage] = {}
    for statement in (i for i in module.items if isinstance(i, t.Lineage)):
        name = statement.later.text
        if name in seen:
            found.append(diag.error(
                "duplicate-lineage", f"`{name}` has two lineages", statement.later.span,
                related=(diag.Related(seen[name].span, f"the first lineage of `{name}`"),),
                hints=("list every earlier declaration it continues in one lineage: `continues A, B`",)))
            continue
        seen[name] = statement
        later = symbols.get(name)
        if later is None:
            found.append(diag.error("unknown-name", f"{edition.ref} declares nothing called `{name}`",
                                    statement.later.span, hints=_close(name, symbols)))
            continue
        if statement.reason is not None:
            _check_nothing(statement, later, edition, library, found)
        for earlier in statement.earlier:
            _check_earlier(earlier, later, edition, library, found)


def check_no_lineages(module: t.Module, found: list[diag.Diagnostic]) -> None:
    """Report the lineage statements of a file that belongs to no edition (a scenario file)."""
    for statement in (i for i in module.items if isinstance(i, t.Lineage)):
        found.append(diag.error(
            "lineage-outside-edition", "a lineage belongs to a file of an edition (`rules of BODY@YEAR`)",
            statement.span, hints=("move it to the edition whose declaration it is about, or add the header",)))


def _check_nothing(statement: t.Lineage, later, edition: EditionBody, library: Library, found) -> None:
    if not statement.reason.strip():
        found.append(diag.error(
            "lineage-without-reason", f"`{later.name}` is said to continue nothing, but no reason is given",
            statement.span, hints=("say why it has no counterpart, citing the article that introduces it",)))
    previous = [e for e in library.editions_of(edition.body) if e.year < edition.year]
    namesake = previous[-1].symbols.get(later.name) if previous else None
    if namesake is not None and namesake.kind == later.kind:
        found.append(diag.error(
            "lineage-hides-namesake", f"`{later.name}` is said to continue nothing, but {previous[-1].ref} declares "
            f"the {later.kind} `{later.name}` too", statement.span,
            hints=(f"remove the lineage (a declaration that keeps its name continues its namesake), or write "
                   f"`continues {previous[-1].ref}.{later.name}`",)))


def _check_earlier(earlier: t.Continued, later, edition: EditionBody, library: Library, found) -> None:
    ref = earlier.edition.text
    other = library.editions.get(ref)
    if other is None:
        known = ", ".join(e.ref for e in library.editions_of(edition.body) if e.year < edition.year)
        found.append(diag.error("unknown-edition", f"the library has no edition `{ref}`", earlier.edition.span,
                                hints=(f"the earlier editions of {edition.body}: {known}",) if known else ()))
        return
    if other.body != edition.body or other.year >= edition.year:
        found.append(diag.error(
            "lineage-not-earlier", f"`{ref}` is not an earlier edition of {edition.body}", earlier.edition.span,
            hints=("a declaration continues declarations of an earlier edition of its own body of rules",)))
        return
    symbol = other.symbols.get(earlier.ref.text)
    if symbol is None:
        same_kind = [n for n, s in other.symbols.items() if s.kind == later.kind]
        found.append(diag.error(
            "unknown-continued", f"{ref} declares no {later.kind} called `{earlier.ref.text}`", earlier.ref.span,
            hints=_close(earlier.ref.text, same_kind)))
    elif symbol.kind != later.kind:
        found.append(diag.error(
            "lineage-wrong-kind", f"`{later.name}` is a {later.kind}, but `{earlier.text}` is a {symbol.kind}",
            earlier.ref.span, hints=("a declaration continues declarations of its own kind",)))


def _close(name: str, candidates) -> tuple[str, ...]:
    match = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return (f"did you mean `{match[0]}`?",) if match else ()
