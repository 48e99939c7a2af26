"""The order of the compiler's passes, in one place.

    read -> parse -> resolve -> check -> schedule -> plan

Each pass is one module with one public function. A pass runs only when the
ones before it left no error that would make its own findings noise: names are
not bound in a file that does not parse, and a program whose names are unknown
is not scheduled.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from . import diagnostics as diag
from .plan.types import Plan
from .syntax.parse import Parsed
from .resolve.bind import Bound

PASSES = ("read", "parse", "resolve", "check", "schedule", "plan")


@frozen
class Options:
    """What the command line passes down to the pipeline."""

    stdlib: Path
    project_root: Path
    editions: dict[str, str]


@frozen
class Compiled:
    """What the pipeline produced for one file, as far as it got."""

    path: str
    text: str | None
    parsed: Parsed | None
    bound: Bound | None
    plan: Plan | None
    diagnostics: tuple[diag.Diagnostic, ...]
    sources: dict[str, str]


def compile_text(text: str, shown: str, options: Options, path: Path | None = None) -> Compiled:
    """Run the passes on `text` held in memory (an editor's buffer of the file at `path`), reported as `shown`."""
    return compile_file(path if path is not None else Path(shown), shown, options, text=text)


def compile_file(path: Path, shown: str, options: Options, until: str = "plan", text: str | None = None) -> Compiled:
    """Run the passes on the file at `path` (reported as `shown`), stopping after `until`.

    With `text`, that text stands for the file's content and the file itself is not read.
    """
    from .library.load import load_library, parse_file
    from .resolve.bind import resolve
    from .source import SourceDecodeError, SourceText, Span, normalise_text, read_source

    try:
        source = SourceText(shown, normalise_text(text)) if text is not None else read_source(path, shown)
    except SourceDecodeError as bad:
        span = Span(shown, bad.line, bad.column, bad.line, bad.column + 1)
        return Compiled(shown, None, None, None, None,
                        (diag.error("invalid-encoding", f"byte {bad.offset} is not valid UTF-8", span),), {})
    except OSError as failure:
        found = diag.error("unreadable-file", f"cannot read {shown}: {failure.strerror}", None)
        return Compiled(shown, None, None, None, None, (found,), {})
    sources = {shown: source.text}
    parsed = parse_file(source.text, shown, path, options.stdlib)  # library files: decoded, not parsed
    found = list(parsed.diagnostics)
    if until == "parse" or not parsed.ok:
        return Compiled(shown, source.text, parsed, None, None, tuple(found), sources)

    library = load_library(str(options.stdlib))
    bound = resolve(parsed.module, path, library, options.editions, options.project_root, options.stdlib)
    # Only the editions the file uses are read (and can be named in its diagnostics).
    sources.update((shown, text) for edition in bound.editions.values() for shown, text, _ in edition.files)
    sources.update(bound.sources)
    found.extend(bound.diagnostics)
    if until == "resolve" or has_errors(bound.diagnostics):
        return Compiled(shown, source.text, parsed, bound, None, tuple(found), sources)

    from .check.checker import check

    checked = check(bound)
    if checked is None:
        return Compiled(shown, source.text, parsed, bound, None, tuple(found), sources)
    found.extend(checked.diagnostics)
    if until == "check" or has_errors(checked.diagnostics):
        return Compiled(shown, source.text, parsed, bound, None, tuple(found), sources)

    from .schedule.network import schedule

    timed = schedule(checked)
    found.extend(timed.diagnostics)
    if until == "schedule" or has_errors(timed.diagnostics):
        return Compiled(shown, source.text, parsed, bound, None, tuple(found), sources)

    from .plan.build import build_plan

    return Compiled(shown, source.text, parsed, bound, build_plan(checked, timed), tuple(found), sources)


def has_errors(found) -> bool:
    """Tell whether any of `found` is an error."""
    return any(d.severity is diag.Severity.ERROR for d in found)
