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
from .limits import DEFAULT_LIMITS, Limits
from .syntax.parse import Parsed
from .resolve.bind import Bound

PASSES = ("read", "parse", "resolve", "check", "schedule", "plan")


@frozen
class Options:
    """What the command line passes down to the pipeline."""

    stdlib: Path
    project_root: Path | None  # None: the nearest folder above the file holding a rasim.toml
    editions: dict[str, str]
    limits: Limits = DEFAULT_LIMITS


@frozen
class Compiled:
    """What the pipeline produced for one file, as far as it got."""

    path: str
    text: str | None
    parsed: Parsed | None
    bound: Bound | None
    plan: dict | None
    diagnostics: tuple[diag.Diagnostic, ...]
    sources: dict[str, str]


def compile_file(path: Path, shown: str, options: Options, until: str = "plan") -> Compiled:
    """Run the passes on the file at `path` (reported as `shown`), stopping after `until`."""
    from .library.load import load_library
    from .syntax.parse import parse
    from .resolve.bind import resolve
    from .source import SourceDecodeError, Span, read_source

    try:
        source = read_source(path, shown, options.limits)
    except SourceDecodeError as bad:
        span = Span(shown, bad.line, bad.column, bad.line, bad.column + 1)
        return Compiled(shown, None, None, None, None,
                        (diag.error("invalid-encoding", f"byte {bad.offset} is not valid UTF-8", span),), {})
    except OSError as failure:
        found = getattr(failure, "diagnostic", None) or diag.error(
            "unreadable-file", f"cannot read {shown}: {failure.strerror}", None)
        return Compiled(shown, None, None, None, None, (found,), {})
    sources = {shown: source.text}
    parsed = parse(source.text, shown, options.limits)
    found = list(parsed.diagnostics)
    if until == "parse" or not parsed.ok:
        return Compiled(shown, source.text, parsed, None, None, tuple(found), sources)

    library = load_library(str(options.stdlib))
    for edition in library.editions.values():
        for library_path, library_text, _ in edition.files:
            sources[library_path] = library_text
    bound = resolve(parsed.module, path, library, options.editions, options.project_root, options.stdlib)
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
