"""Bind every name of a file to its declaration, choose the editions, check citations.

A library file (`rules of BODY@YEAR`) is resolved inside its own edition. A
scenario file sees, in this order: its own declarations, the files it imports
(under their alias when they have one), the bodies it imports, then the other
bodies of the library. For each body the edition is the one pinned in the
scenario (or given with --edition), else the one in force on the scenario's
first date.
"""

from __future__ import annotations

import datetime
import difflib
from decimal import Decimal
from pathlib import Path

import attrs
from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t

from ..library.contract import DEFAULT_BODY, missing_terms
from ..library.load import EditionBody, Library
from ..syntax.parse import parse
from ..source import PROJECT_MARKER, SourceDecodeError, SourceRefused, find_project_root, read_source
from ..library.symbols import Symbol, collect_symbols
from ..tree.walk import children, find_all
from .input_names import check_names
from ..diagnostics.codes import (EDITION_NOT_IN_FORCE, IMPORT_NOT_RASIM, IMPORT_OUTSIDE_PROJECT, LIBRARY_CONTRACT,
    MISSING_MODULE_HEADER, UNKNOWN_ARTICLE, UNKNOWN_EDITION, UNKNOWN_MODULE, UNKNOWN_NAME, WRONG_DURATION,
    WRONG_KIND)
from .lineage import check_lineages, check_no_lineages
from .translate import Translator, translations

ROLE_LIKE = ("role", "unit", "office")
STEP_LIKE = ("ceremony", "step")

# Which fields of which nodes name what kind of declaration.
EXPECTED: dict[type, tuple[tuple[str, tuple[str, ...]], ...]] = {
    t.LevelRequirement: (("level", ("level",)),),
    t.SexRequirement: (("same_as", ROLE_LIKE),),
    t.Appointment: (("appointers", ROLE_LIKE),),
    t.Acting: (("role", ROLE_LIKE),),
    t.MemberOf: (("unit", ROLE_LIKE),),
    t.VisitLevel: (("level", ("level",)),),
    t.ReceivedAs: (("kind", ("guest kind",)),),
    t.FormatGuest: (("kinds", ("guest kind",)),),
    t.OnBehalfOf: (("host", ROLE_LIKE),),
    t.Limit: (("quantity", ("quantity",)),),
    t.RelativeTo: (("ref", STEP_LIKE),),
    # A rule can require a unit or a state symbol to be present, not only a ceremony.
    t.Target: (("refs", STEP_LIKE + ("unit", "state symbol")),),
    # "By agreement of the parties" is an authority too: a condition settled by agreement.
    t.Deviable: (("authorities", ROLE_LIKE + ("condition",)),),
    t.Venue: (("place", ("place",)),),
    t.Travel: (("place", ("place",)),),
    t.Responsible: (("unit", ROLE_LIKE),),
    t.Sequence: (("steps", STEP_LIKE),),
    t.Track: (("steps", STEP_LIKE),),
    t.Order: (("first", STEP_LIKE), ("second", STEP_LIKE)),
    t.Extreme: (("step", STEP_LIKE),),
    t.AnchorStep: (("step", ("step",)),),
    t.Lead: (("role", ROLE_LIKE),),
    t.Actor: (("ref", ROLE_LIKE), ("alternatives", ROLE_LIKE)),
    t.Rank: (("roles", ROLE_LIKE),),
    t.HeadedBy: (("role", ROLE_LIKE),),
    t.Provision: (("holder", ROLE_LIKE),),
    t.ConditionRef: (("ref", ("condition",)),),
    t.Condition: (("program", ("ceremony",)),),
    t.Visit: (("format", ("visit format",)),),
    t.Occasion: (("kind", ("ceremony",)),),
    t.Guest: (("kind", ("guest kind",)),),
    t.Arrive: (("place", ("place",)),),
    t.Depart: (("place", ("place",)),),
    # An agreement can be settled item by item: a ceremony, a step, a unit, a symbol.
    t.Assume: (("condition", ("condition",)), ("items", STEP_LIKE + ("unit", "state symbol"))),
    t.Person: (("role", ROLE_LIKE),),
    t.PersonLevel: (("level", ("level",)),),
    t.Deviation: (("authority", ROLE_LIKE + ("condition",)),),
    t.PriorVisit: (("format", ("visit format",)),),
    t.Count: (("quantity", ("quantity",)),),
    # What a program leaves out or holds besides its ceremonies: a ceremony, a step, a unit, a state symbol.
    t.Omit: (("item", STEP_LIKE + ("unit", "state symbol")),),
    t.Include: (("items", STEP_LIKE + ("unit", "state symbol")),),
    t.PrecedenceOverride: (("first", ROLE_LIKE), ("second", ROLE_LIKE)),
    t.Call: (("ref", ("ceremony",)), ("place", ("place",))),
    # The edits of a deviation name roles, and (in `order`) steps of the ceremony it changes.
    t.ReplaceLead: (("new", ROLE_LIKE), ("old", ROLE_LIKE)),
    t.ReplaceActor: (("new", ROLE_LIKE), ("old", ROLE_LIKE)),
    t.AddActor: (("role", ROLE_LIKE),),
    t.RemoveActor: (("role", ROLE_LIKE),),
    # `order signing before negotiations_expanded` departs from a format's order of two ceremonies.
    t.ChangeOrder: (("first", STEP_LIKE), ("second", STEP_LIKE)),
}


# The orders a precedence table may name (`by date_of_appointment`,
# `tie_break ... then kazakh_alphabet`): each is one sort key that
# compiler/model/precedence.py knows how to compute from a scenario's people.
PRECEDENCE_CRITERIA = {
    "date_of_appointment": "the person's date of appointment, earlier first (`appointed DATE`)",
    "kazakh_alphabet": "the person's name in the order of the Kazakh alphabet",
    "date_and_time_of_arrival": "the moment the person arrived in Kazakhstan, earlier first (`arrived DATE TIME`)",
    "date_of_agrement": "the date of the person's agrément, earlier first (`agrement DATE`)",
}
CRITERIA_FIELDS = {t.Rank: "order", t.TieBreak: "criteria"}


@frozen
class Bound:
    """A file with its names bound: the environment it was checked in, and what went wrong."""

    path: str
    module: t.Module
    symbols: dict[str, Symbol]
    editions: dict[str, EditionBody]
    first_date: datetime.date | None
    diagnostics: tuple[diag.Diagnostic, ...]
    sources: dict[str, str] = attrs.field(factory=dict)
    # The library the file was bound against: it owns the article indexes its citations are checked with.
    library: Library | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def scenario(self) -> t.Scenario | None:
        """Return the file's scenario, if it has one."""
        return next((item for item in self.module.items if isinstance(item, t.Scenario)), None)

    def lookup(self, ref: t.Ref, scope: str = "") -> Symbol | None:
        """Return the declaration `ref` names, trying `scope.` first (steps inside their ceremony)."""
        if scope and f"{scope}.{ref.text}" in self.symbols:
            return self.symbols[f"{scope}.{ref.text}"]
        return self.symbols.get(ref.text)


def resolve(module: t.Module, path: Path, library: Library, pinned: dict[str, str] | None = None,
            project_root: Path | None = None, library_root: Path | None = None) -> Bound:
    """Bind the names of `module` (read from `path`) against itself, its imports and `library`."""
    found: list[diag.Diagnostic] = []
    sources: dict[str, str] = {}
    header = module.header
    inside_library = _inside(path, library_root)
    if header is None and inside_library is not None:
        found.append(diag.error(MISSING_MODULE_HEADER, "a library file must start with `rules of BODY@YEAR`",
                                module.span))
    if header is not None:
        edition = library.editions.get(header.edition.text)
        if edition is None:
            found.append(diag.error(UNKNOWN_EDITION, f"the library has no edition `{header.edition.text}`",
                                    header.edition.span, hints=_edition_hint(library)))
            symbols: dict[str, Symbol] = {}
            collect_symbols(module, header.edition.text, symbols, found)
            editions = {}
        else:
            # The file's own declarations replace the library's copy of it:
            # checking an edited library file checks the edited text, and a
            # name it shares with another file of the edition is reported.
            if inside_library is not None:
                symbols = {n: s for n, s in edition.symbols.items() if s.node.span.path != inside_library}
            else:
                # A copy outside the library (a draft of a changed article): its
                # names replace the library's, so that the draft checks on its own.
                own = {item.name.text for item in module.items if isinstance(getattr(item, "name", None), t.Name)}
                symbols = {n: s for n, s in edition.symbols.items() if n.split(".")[0] not in own}
            collect_symbols(module, header.edition.text, symbols, found)
            editions = {edition.body: edition}
        first_date = None
    else:
        symbols, editions, first_date = _scenario_environment(module, path, library, pinned or {},
                                                              project_root, found, sources)
    default_edition = header.edition.text if header else _default_edition(editions, module)
    untranslatable: frozenset[str] = frozenset()
    if header is None:
        check_no_lineages(module, found)
        # A scenario checked under an edition it was not written for reads its names through the lineages.
        for translation in translations(module, library, editions, pinned or {}, first_date):
            translator = Translator(translation, symbols, found)
            module = translator.module(module)
            untranslatable |= translator.untranslatable
    # Without its edition every name of the file would be unknown: the one
    # unknown-edition error says it all.
    if not any(d.code == "unknown-edition" and d.severity is diag.Severity.ERROR for d in found):
        _Binder(symbols, found, untranslatable).walk(module, "")
        _check_citations(module, default_edition, library, found)
    if header is not None and header.edition.text in library.editions:
        _check_contract(module, library.editions[header.edition.text], found)
        check_lineages(module, library.editions[header.edition.text], symbols, library, found)
    found.extend(check_names(module, symbols))
    return Bound(str(path), module, symbols, editions, first_date, tuple(found), sources, library)


def _inside(path: Path, library_root: Path | None) -> str | None:
    """Return the name the library gives `path` (`<stdlib>/...`) if it lies in the library, else None."""
    if library_root is None:
        return None
    try:
        relative = path.resolve().relative_to(Path(library_root).resolve())
    except ValueError:
        return None
    return f"<stdlib>/{relative.as_posix()}"


def _scenario_environment(module, path, library, pinned, project_root, found, sources):
    symbols: dict[str, Symbol] = {}
    collect_symbols(module, None, symbols, found)
    imported_bodies: list[str] = []
    for item in module.items:
        if not isinstance(item, t.ImportStmt):
            continue
        if item.file is not None:
            _import_file(item, path, project_root, symbols, found, sources)
        elif item.module[0] in library.bodies():
            imported_bodies.append(item.module[0])
        else:
            found.append(diag.error(UNKNOWN_MODULE, f"no body of rules or file called `{'.'.join(item.module)}`",
                                    item.span, hints=_close(item.module[0], library.bodies())))
    first_date = _first_date(module)
    scenario_pins = {}
    for scenario in (i for i in module.items if isinstance(i, t.Scenario)):
        for entry in scenario.items:
            if isinstance(entry, t.PinEdition):
                scenario_pins[entry.edition.name] = (entry.edition.text, entry.edition.span)
    _unknown_bodies(library, pinned, scenario_pins, found)
    editions: dict[str, EditionBody] = {}
    order = imported_bodies + [b for b in library.bodies() if b not in imported_bodies]
    for body in order:
        chosen = _choose_edition(body, library, pinned, scenario_pins, first_date, found, module)
        if chosen is None:
            continue
        editions[body] = chosen
        for name, symbol in chosen.symbols.items():
            symbols.setdefault(name, symbol)
    return symbols, editions, first_date


def _unknown_bodies(library, pinned, scenario_pins, found) -> None:
    """Report pinned editions whose body the library does not have (a misspelt `state_protcol@2024`)."""
    pins = [(ref, None, "--edition ") for ref in pinned.values()]
    pins += [(ref, span, "") for ref, span in scenario_pins.values()]
    for ref, span, flag in pins:
        if ref.partition("@")[0] in library.bodies():
            continue
        hints = _close(ref, library.editions) or tuple(
            f"did you mean `{body}@{ref.partition('@')[2]}`?" for body in _close_names(ref.partition("@")[0],
                                                                                      library.bodies()))
        found.append(diag.error(UNKNOWN_EDITION, f"{flag}`{ref}`: the library has no body of rules called "
                                f"`{ref.partition('@')[0]}`", span, hints=hints + _edition_hint(library)))


def _close_names(name: str, candidates) -> list[str]:
    return difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.75)


def _choose_edition(body, library, pinned, scenario_pins, first_date, found, module):
    if body in pinned or body in scenario_pins:
        ref, span = (pinned[body], module.span) if body in pinned else scenario_pins[body]
        chosen = library.editions.get(ref)
        if chosen is None:
            where = f"--edition `{ref}`: " if body in pinned else ""
            found.append(diag.error(UNKNOWN_EDITION, f"{where}the library has no edition `{ref}`",
                                    None if body in pinned else span,
                                    hints=_close(ref, library.editions) + _edition_hint(library)))
        elif first_date is not None and not chosen.in_force_on(first_date) and body not in pinned:
            found.append(diag.warning(
                EDITION_NOT_IN_FORCE, f"`{ref}` is not in force on {first_date.isoformat()}, the scenario's "
                "first date; it is checked under that edition as pinned", span))
        return chosen
    if first_date is None:
        editions = library.editions_of(body)
        return editions[-1] if editions else None
    for edition in library.editions_of(body):
        if edition.in_force_on(first_date):
            return edition
    return None


def _first_date(module: t.Module) -> datetime.date | None:
    dates = []
    for scenario in (i for i in module.items if isinstance(i, t.Scenario)):
        for item in scenario.items:
            if isinstance(item, (t.Visit, t.Occasion)):
                dates += [x.moment.date for x in item.items if isinstance(x, (t.Arrive, t.Depart))]
            if isinstance(item, t.Program):
                dates += [day.date for day in item.days if day.date]
    valid = []
    for text in dates:
        try:
            valid.append(datetime.date.fromisoformat(text))
        except ValueError:
            pass
    return min(valid) if valid else None


def _import_file(item, path, project_root, symbols, found, sources) -> None:
    base = path.resolve().parent
    target = (base / item.file).resolve()
    root = (project_root or find_project_root(path)).resolve()
    if root not in target.parents:
        found.append(diag.error(IMPORT_OUTSIDE_PROJECT, f"`{item.file}` lies outside the project folder {root}; "
                                "imports may only read files inside it", item.span,
                                hints=("the project folder is the nearest folder above the scenario holding a "
                                       f"`{PROJECT_MARKER}`, else the scenario's folder; --project names another",)))
        return
    if target.suffix != ".rasim":
        # Refused before reading: a diagnostic must never show a line of a file that is not Rasim.
        found.append(diag.error(IMPORT_NOT_RASIM, f"`{item.file}` is not a .rasim file; only Rasim sources "
                                "can be imported", item.span))
        return
    try:
        source = read_source(target, str(target.relative_to(root)))
    except SourceRefused as refused:
        found.append(attrs.evolve(refused.diagnostic, span=item.span,
                                  message=f"cannot import `{item.file}`: {refused.diagnostic.message}"))
        return
    except (OSError, SourceDecodeError):
        found.append(diag.error(UNKNOWN_MODULE, f"cannot read the imported file `{item.file}`", item.span))
        return
    parsed = parse(source.text, source.path)
    sources[source.path] = source.text
    found.extend(parsed.diagnostics)
    prefix = f"{item.alias}." if item.alias else ""
    collect_symbols(parsed.module, None, symbols, found, prefix)


def _default_edition(editions: dict[str, EditionBody], module: t.Module) -> str | None:
    """Return the edition a scenario's bare citations refer to: the body it pins, else imports, else the State Protocol."""
    named = [entry.edition.name for scenario in module.items if isinstance(scenario, t.Scenario)
             for entry in scenario.items if isinstance(entry, t.PinEdition)]
    named += [item.module[0] for item in module.items if isinstance(item, t.ImportStmt) and item.module]
    for body in named + [DEFAULT_BODY]:
        if body in editions:
            return editions[body].ref
    return next(iter(editions.values())).ref if editions else None


class _Binder:
    """Walk a module and check that every name exists and is of the expected kind."""

    def __init__(self, symbols: dict[str, Symbol], found: list[diag.Diagnostic],
                 untranslatable: frozenset[str] = frozenset()) -> None:
        self.symbols = symbols
        self.found = found
        # Names already reported as having no counterpart under the edition checked: not reported again.
        self.untranslatable = untranslatable

    def walk(self, node, scope: str) -> None:
        stack = [(node, scope)]
        while stack:
            current, scope = stack.pop()
            if isinstance(current, t.Ceremony):
                scope = current.name.text
            elif isinstance(current, t.Deviation):
                scope = current.target.parts[0]  # `order a before b` names steps of the target ceremony
            elif isinstance(current, t.Range):
                self.check_range(current)
            if type(current) in CRITERIA_FIELDS:
                self.check_criteria(getattr(current, CRITERIA_FIELDS[type(current)]))
            for field, kinds in EXPECTED.get(type(current), ()):
                value = getattr(current, field)
                for ref in (value if isinstance(value, tuple) else (value,)):
                    if isinstance(ref, t.Ref):
                        self.check(ref, kinds, scope)
            stack.extend((child, scope) for child in reversed(list(children(current))))

    def check_range(self, amount: t.Range) -> None:
        try:
            backwards = Decimal(amount.low) > Decimal(amount.high)
        except ArithmeticError:
            return
        if backwards:
            unit = f" {amount.unit}" if amount.unit else ""
            self.found.append(diag.error(
                WRONG_DURATION, f"the range {amount.low}..{amount.high}{unit} runs backwards", amount.span,
                hints=(f"write the shorter end first: {amount.high}..{amount.low}{unit}",)))

    def check_criteria(self, refs) -> None:
        for ref in refs:
            if ref.text not in PRECEDENCE_CRITERIA:
                self.found.append(diag.error(
                    UNKNOWN_NAME, f"no order of precedence called `{ref.text}`", ref.span,
                    hints=_close(ref.text, PRECEDENCE_CRITERIA)
                    or (f"the orders are: {', '.join(sorted(PRECEDENCE_CRITERIA))}",)))

    def check(self, ref: t.Ref, kinds: tuple[str, ...], scope: str) -> None:
        symbol = None
        if scope and f"{scope}.{ref.text}" in self.symbols:
            symbol = self.symbols[f"{scope}.{ref.text}"]
        symbol = symbol or self.symbols.get(ref.text)
        if symbol is None and any(".".join(ref.parts[:n]) in self.untranslatable for n in range(1, len(ref.parts) + 1)):
            return
        wanted = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"
        if symbol is None:
            candidates = [name for name, s in self.symbols.items() if s.kind in kinds]
            if scope:
                candidates += [n[len(scope) + 1:] for n in candidates if n.startswith(scope + ".")]
            self.found.append(diag.error(UNKNOWN_NAME, f"no {wanted} called `{ref.text}` is declared", ref.span,
                                         hints=_close(ref.text, candidates)))
        elif symbol.kind not in kinds:
            self.found.append(diag.error(
                WRONG_KIND, f"`{ref.text}` is a {symbol.kind}, but a {wanted} is expected here", ref.span,
                related=(diag.Related(symbol.node.name.span, f"`{ref.text}` is declared here as a {symbol.kind}"),)))


def _check_contract(module: t.Module, edition: EditionBody, found) -> None:
    """Report, on the file that declares an edition, the names of the compiler's contract it lacks."""
    declaration = next((i for i in module.items if isinstance(i, t.Edition) and i.edition.text == edition.ref), None)
    if declaration is None:
        return
    for term, kind in missing_terms(edition.body, edition.symbols):
        wrong = f", but it is a {kind}" if kind else ""
        found.append(diag.error(
            LIBRARY_CONTRACT, f"{edition.ref} must declare the {term.kind} `{term.name}`{wrong}: {term.why}",
            declaration.edition.span, hints=(f"declare `{term.name}` in one of the files of {edition.ref}",)))


def _check_citations(module: t.Module, default: str | None, library: Library, found) -> None:
    for node in find_all(module, t.Citation):
        edition = node.edition.text if node.edition else default
        index = library.articles(edition) if edition else None
        if index is None:
            continue
        for article in node.articles:
            if index.find(article) is None:
                found.append(diag.error(UNKNOWN_ARTICLE, f"{edition} has no article {article}", node.span,
                                        hints=("articles are cited by their numbers in the edition they "
                                               "come from: 31, 10.8 (subparagraph), A1.5 (appendix entry)",)))


def _close(name: str, candidates) -> tuple[str, ...]:
    match = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.75)
    return (f"did you mean `{match[0]}`?",) if match else ()


def _edition_hint(library: Library) -> tuple[str, ...]:
    known = ", ".join(sorted(library.editions))
    return (f"the library has: {known}",) if known else ()
