"""The compiler's passes, as data, and the one function that runs them.

    read -> parse -> resolve -> lower -> check -> schedule -> plan

`PASSES` is the executed sequence: each pass is a small object with a name,
the function it runs, the passes whose results it needs, and whether it still
runs when an earlier pass reported errors. A pass whose inputs are missing, or
that would only add noise after errors (names are not bound in a file that does
not parse; a program whose names are unknown is not scheduled), is skipped.
Every pass's result is kept, so `rasim check --dump STAGE` can print any of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from attrs import field, frozen

from . import diagnostics as diag
from .limits import DEFAULT_LIMITS, Limits


@frozen
class Options:
    """What the command line passes down to the pipeline."""

    stdlib: Path
    project_root: Path | None  # None: the nearest folder above the file holding a rasim.toml
    editions: dict[str, str]
    limits: Limits = DEFAULT_LIMITS


@frozen
class Pass:
    """One pass: `run(work)` returns its result and what it found; it needs the results of `needs`."""

    name: str
    run: Callable[["Work"], tuple[Any, tuple[diag.Diagnostic, ...]]]
    needs: tuple[str, ...] = ()
    after_errors: bool = False


@frozen
class Work:
    """What a pass sees: the file, the options, and the results of the passes before it."""

    path: Path
    shown: str
    options: Options
    text: str | None = None  # an editor's buffer standing for the file's content
    parser: Callable[[str, str], Any] | None = None  # parses the buffer (the editor's, reusing earlier parses)
    results: dict[str, Any] = field(factory=dict)
    sources: dict[str, str] = field(factory=dict)


def _read(work: Work):
    from .source import SourceDecodeError, SourceText, Span, normalise_text, read_source

    try:
        source = SourceText(work.shown, normalise_text(work.text)) if work.text is not None \
            else read_source(work.path, work.shown, work.options.limits)
    except SourceDecodeError as bad:
        span = Span(work.shown, bad.line, bad.column, bad.line, bad.column + 1)
        return None, (diag.error("invalid-encoding", f"byte {bad.offset} is not valid UTF-8", span),)
    except OSError as failure:
        # A refusal (a special file, a file past the size limit) carries its own diagnostic.
        return None, (getattr(failure, "diagnostic", None) or diag.error(
            "unreadable-file", f"cannot read {work.shown}: {failure.strerror}", None),)
    work.sources[work.shown] = source.text
    return source.text, ()


def _parse(work: Work):
    from .library.load import parse_file

    if work.parser is not None:
        parsed = work.parser(work.results["read"], work.shown)
        return parsed, parsed.diagnostics
    # A file of the standard library whose text is the library's own is decoded, not parsed again.
    parsed = parse_file(work.results["read"], work.shown, work.path, work.options.stdlib, work.options.limits)
    return parsed, parsed.diagnostics


def _resolve(work: Work):
    from .library.load import load_library
    from .resolve.bind import resolve

    library = load_library(str(work.options.stdlib))
    bound = resolve(work.results["parse"].module, work.path, library, work.options.editions,
                    work.options.project_root, work.options.stdlib)
    # Only the editions the file uses are read (and can be named in its diagnostics).
    work.sources.update((shown, text) for edition in bound.editions.values() for shown, text, _ in edition.files)
    work.sources.update(bound.sources)
    return bound, bound.diagnostics


def _lower(work: Work):
    from .model.lower import lower

    return lower(work.results["resolve"])


def _check(work: Work):
    from .check import check

    checked = check(work.results["lower"])
    return checked, checked.diagnostics


def _schedule(work: Work):
    from .schedule import schedule

    timed = schedule(work.results["check"])
    return timed, timed.diagnostics


def _plan(work: Work):
    from .plan.build import build_plan

    return build_plan(work.results["check"], work.results["schedule"]), ()


PASSES: tuple[Pass, ...] = (
    Pass("read", _read),
    Pass("parse", _parse, ("read",)),
    Pass("resolve", _resolve, ("parse",)),
    Pass("lower", _lower, ("resolve",)),
    # Lowering reports contradictions among the facts; the rules are still checked beside them.
    Pass("check", _check, ("lower",), after_errors=True),
    Pass("schedule", _schedule, ("check",)),
    Pass("plan", _plan, ("check", "schedule")),
)
STAGES = tuple(p.name for p in PASSES)


@frozen
class Compiled:
    """What the pipeline produced for one file, as far as it got: each pass's result by name."""

    path: str
    results: dict[str, Any]
    diagnostics: tuple[diag.Diagnostic, ...]
    sources: dict[str, str]

    @property
    def text(self) -> str | None:
        return self.results.get("read")

    @property
    def parsed(self):
        return self.results.get("parse")

    @property
    def bound(self):
        return self.results.get("resolve")

    @property
    def model(self):
        return self.results.get("lower")

    @property
    def plan(self):
        return self.results.get("plan")


def compile_text(text: str, shown: str, options: Options, path: Path | None = None, until: str = "plan",
                 parser: Callable[[str, str], Any] | None = None) -> Compiled:
    """Run the passes on `text` held in memory (an editor's buffer of the file at `path`), reported as `shown`;
    `parser(text, shown)`, if given, parses it instead of the parse pass's own parser."""
    return compile_file(path if path is not None else Path(shown), shown, options, until, text=text, parser=parser)


def compile_file(path: Path, shown: str, options: Options, until: str = "plan", text: str | None = None,
                 parser: Callable[[str, str], Any] | None = None) -> Compiled:
    """Run the passes on the file at `path` (reported as `shown`), stopping after `until`.

    With `text`, that text stands for the file's content and the file itself is not read.
    """
    work = Work(Path(path), shown, options, text, parser)
    found: list[diag.Diagnostic] = []
    for step in PASSES:
        if any(work.results.get(need) is None for need in step.needs):
            break
        if has_errors(found) and not step.after_errors:
            break
        if step.name == "resolve" and not work.results["parse"].ok:
            break  # names are not bound in a file that does not parse
        result, diagnostics = step.run(work)
        work.results[step.name] = result
        found.extend(diagnostics)
        if step.name == until:
            break
    return Compiled(shown, dict(work.results), tuple(found), dict(work.sources))


def has_errors(found) -> bool:
    """Tell whether any of `found` is an error."""
    return any(d.severity is diag.Severity.ERROR for d in found)
