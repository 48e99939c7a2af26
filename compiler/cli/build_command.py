"""The `build` and `watch` commands: check a scenario, build its outputs, rebuild on every save."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .commands import (EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, MAX_EPOCH, MAX_LIMIT_MB, MAX_REVISION,
                       _articles_of, _line_lookup, _pipeline_options, _shown)
from ..diagnostics.codes import FILE_NAME_CLASH


def _build(files: list[Path], options) -> int:
    settings = _pipeline_options(options)
    build = _build_options(options)
    if settings is None or build is None:
        return EXIT_USAGE
    if len(files) != 1:
        print(f"rasim: error: `rasim {options.command}` takes one scenario file", file=sys.stderr)
        return EXIT_USAGE
    if options.command == "watch":
        return _watch(files[0], Path(options.output), settings, build, options.interval)
    status, _ = _build_once(files[0], Path(options.output), settings, build)
    return status


def _build_options(options):
    """Turn the build arguments into BuildOptions, or report a usage error and return None."""
    from ..emit.build import KINDS, BuildOptions

    kinds = frozenset(KINDS)
    if options.only is not None:
        kinds = frozenset(k.strip() for k in options.only.split(",") if k.strip())
        unknown = sorted(kinds - set(KINDS))
        if unknown or not kinds:
            print(f"rasim: error: --only takes kinds from {','.join(KINDS)}, not {options.only!r}", file=sys.stderr)
            return None
    for flag, value in (("--max-output-mb", options.max_output_mb), ("--max-since-mb", options.max_since_mb)):
        if not 1 <= value <= MAX_LIMIT_MB:
            print(f"rasim: error: {flag} takes a number of megabytes from 1 to {MAX_LIMIT_MB}", file=sys.stderr)
            return None
    if options.revision is not None and not 0 <= options.revision <= MAX_REVISION:
        # SEQUENCE in a calendar is a 32-bit INTEGER (RFC 5545 3.3.8).
        print(f"rasim: error: --revision takes a number from 0 to {MAX_REVISION}", file=sys.stderr)
        return None
    previous = None
    if options.since is not None:
        from ..emit.since import SinceRefused, read_previous_plan

        try:
            previous = read_previous_plan(Path(options.since), options.max_since_mb << 20)
        except SinceRefused as refused:
            _report_error("unreadable-since", f"--since {options.since}: {refused}")
            return None
    stamp = None
    if options.timestamp:
        stamp = _build_stamp(os.environ.get("SOURCE_DATE_EPOCH"))
        if stamp is None:
            return None
    languages = tuple(dict.fromkeys(options.lang)) if options.lang else ("en", "kk")
    return BuildOptions(kinds=kinds, languages=languages, role=options.role, revision=options.revision,
                        previous=previous, stamp=stamp, renderer=options.renderer, pdf=options.pdf,
                        max_output_bytes=options.max_output_mb << 20, progress=_progress_printer(options))


def _build_stamp(epoch: str | None):
    """Return the time to stamp a build with: SOURCE_DATE_EPOCH when set, else now; None if it is malformed."""
    import datetime as dt

    if epoch is None or epoch == "":
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    # reproducible-builds.org: a malformed SOURCE_DATE_EPOCH must fail the build, not be ignored.
    if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > MAX_EPOCH:
        print(f"rasim: error: SOURCE_DATE_EPOCH must be a number of seconds from 0 to {MAX_EPOCH} "
              f"(9999-12-31 23:59:59 UTC), not {epoch[:40]!r}", file=sys.stderr)
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)


def _progress_printer(options):
    """Return what tells the user how far a build is (one line on stderr, redrawn), or None for silence."""
    terminal = sys.stderr.isatty()
    if options.quiet or not (terminal or options.progress):
        return None

    def tell(message: str) -> None:
        if terminal:
            sys.stderr.write(f"\r\x1b[K{message}")  # one line, redrawn: the last step stays until the summary
        else:
            sys.stderr.write(f"{message}\n")
        sys.stderr.flush()

    return tell


def _report_error(code: str, message: str, hints: tuple[str, ...] = ()) -> None:
    from .. import diagnostics as diag
    from ..diagnostics.render import render_diagnostics

    sys.stderr.write(render_diagnostics([diag.error(code, message, None, hints=hints)], lambda path, line: ""))


def _build_once(path: Path, output: Path, settings, build) -> tuple[int, list[str]]:
    """Check `path` and build its outputs; return the exit status and the files the diagnostics came from."""
    import time

    from .. import diagnostics as diag
    from ..emit.build import BuildRefused, CannotWrite, FolderRefused, OutputTooLarge, build_outputs, name_clashes
    from ..emit.pdf import PrintError
    from ..emit.svg import RenderFailed
    from ..driver import compile_file, has_errors
    from ..diagnostics.render import render_diagnostics

    started = time.monotonic()
    compiled = compile_file(path, _shown(path), settings)
    texts = {shown: text.split("\n") for shown, text in compiled.sources.items()}
    sys.stderr.write(render_diagnostics(compiled.diagnostics, _line_lookup(texts), articles_of=_articles_of(settings)))
    read = sorted(compiled.sources) or [_shown(path)]
    if has_errors(compiled.diagnostics):
        print(f"rasim: {_shown(path)} has errors: nothing was built", file=sys.stderr)
        return EXIT_ERRORS, read
    if compiled.plan is None:
        print(f"rasim: error: {_shown(path)} has no scenario to build", file=sys.stderr)
        return EXIT_ERRORS, read
    notes = [diag.note(FILE_NAME_CLASH, message, None) for message in name_clashes(compiled.plan)]
    sys.stderr.write(render_diagnostics(notes, _line_lookup({})))
    try:
        written = build_outputs(compiled.plan, output, build)
    except BuildRefused as refused:
        print(f"rasim: error: {refused}", file=sys.stderr)
        return EXIT_USAGE, read
    except FolderRefused as refused:
        _report_error("output-folder-refused", str(refused))
        return EXIT_ERRORS, read
    except CannotWrite as failure:
        _end_progress(build)
        _report_error("cannot-write", f"cannot write {_shown(failure.path)}: {failure.reason}",
                      hints=("nothing was replaced: the previous build, if any, is as it was",))
        return EXIT_ERRORS, read
    except OutputTooLarge as failure:
        _end_progress(build)
        _report_error("output-too-large", str(failure))
        return EXIT_ERRORS, read
    except RenderFailed as failure:
        print(f"rasim: error: Graphviz could not draw a diagram: {failure}", file=sys.stderr)
        return EXIT_INTERNAL, read
    except PrintError as failure:
        _end_progress(build)
        print(f"rasim: error: {failure}", file=sys.stderr)
        return EXIT_INTERNAL, read
    _end_progress(build)
    print(f"built {len(written)} files into {_shown(output)} in {time.monotonic() - started:.1f} s", flush=True)
    return EXIT_OK, read


def _end_progress(build) -> None:
    if build.progress is not None and sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")  # the progress line gives way to the summary
        sys.stderr.flush()


def _watch(path: Path, output: Path, settings, build, interval: float) -> int:
    """Build, then rebuild whenever a file the last build read changes, until interrupted."""
    from .watch import polled_changes, watch

    try:
        import watchfiles  # noqa: F401  (events when it is installed; else the files are polled)

        source = None
    except ImportError:
        source = polled_changes(interval)
    try:
        watch(lambda: _build_once(path, output, settings, build)[1], [_shown(path)], settings.stdlib, source)
    except KeyboardInterrupt:
        print("stopped watching")
    return EXIT_OK
