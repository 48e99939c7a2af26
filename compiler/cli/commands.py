"""The `rasim` command: check, fmt, plan, build, watch, coverage, reference, explain.

Exit statuses: 0 clean, 1 errors found (or files to reformat with --check),
2 usage error, 3 internal error. Diagnostics go to stderr, results to stdout.
No exception escapes as a traceback: an unexpected one is reported as the
`internal-error` diagnostic with exit status 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

from .. import __version__

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit path, kept at status 2
        self.print_usage(sys.stderr)
        print(f"rasim: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:
        return int(stop.code or 0) if isinstance(stop.code, int) or stop.code is None else EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`rasim fmt --diff | head`): nothing left to tell it.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("rasim: interrupted", file=sys.stderr)
        return 130
    except BaseException:  # noqa: BLE001 - the promise is: never a traceback
        from .. import diagnostics as diag
        from ..diagnostics.render import render_diagnostics

        details = traceback.format_exc().strip().splitlines()[-1]
        found = diag.error("internal-error", "the compiler failed; this is a bug in Rasim, please report it "
                           "with the file that caused it", None, hints=(f"details: {details}",))
        sys.stderr.write(render_diagnostics([found], lambda path, line: ""))
        return EXIT_INTERNAL


def _arguments() -> _Parser:
    parser = _Parser(prog="rasim", description="Check and format Rasim protocol scenarios and rules.")
    parser.add_argument("--version", action="version", version=f"rasim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="check files and folders of .rasim files",
                                description="Parse and check .rasim files; folders are searched recursively, "
                                "except subfolders named `invalid` (examples that must fail), which are "
                                "checked only when named themselves.")
    check.add_argument("paths", nargs="+", metavar="PATH", help="a .rasim file or a folder")
    check.add_argument("--format", choices=("text", "json"), default="text", help="how to print diagnostics")
    check.add_argument("--dump", choices=("ast",), help="also print the syntax tree of each file to stdout")
    _add_pipeline_arguments(check)

    fmt = commands.add_parser("fmt", help="rewrite files in the canonical layout",
                              description="Rewrite .rasim files in the canonical layout, keeping comments.")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="a .rasim file or a folder")
    fmt.add_argument("--check", action="store_true", help="change nothing; list files that would change, exit 1")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print the changes as a unified diff")
    _add_limit_arguments(fmt)

    plan = commands.add_parser("plan", help="print the checked, scheduled plan of a scenario",
                               description="Check a scenario and print its plan: every row with its time, "
                               "place, people and article, the contingencies, checklist and deviations.")
    plan.add_argument("paths", nargs=1, metavar="SCENARIO", help="a scenario file")
    plan.add_argument("--format", choices=("text", "json"), default="text", help="how to print the plan")
    _add_pipeline_arguments(plan)

    build = commands.add_parser("build", help="build the run-sheets, timelines, calendars and diagrams",
                                description="Check a scenario and build its outputs into a folder: run-sheets "
                                "(HTML and PDF), timelines (text, JSON, swimlanes), calendars and diagrams. The "
                                "folder is replaced as a whole, and only when the build succeeded.")
    _add_build_arguments(build)

    watch = commands.add_parser("watch", help="rebuild a scenario's outputs whenever a file it reads changes",
                                description="Build like `rasim build`, then again on every save of the scenario "
                                "or of a file it imports, printing the diagnostics each time. Stop with Ctrl-C.")
    _add_build_arguments(watch)
    watch.add_argument("--interval", type=float, default=0.5, metavar="SECONDS",
                       help="how often to look for changes (default 0.5)")

    coverage = commands.add_parser("coverage", help="how much of each edition the standard library encodes",
                                   description="Count, per edition, the articles the standard library encodes, "
                                   "marks informative, and leaves missing.")
    coverage.add_argument("--list", action="store_true", help="list the missing articles")
    coverage.add_argument("--strict", action="store_true", help="exit 1 if any article is missing")
    coverage.add_argument("--stdlib", metavar="DIR", help="measure this standard library folder")

    reference = commands.add_parser("reference", help="write the standard library's reference pages",
                                    description="Write one Markdown page per edition of the standard library.")
    reference.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write into")
    reference.add_argument("--stdlib", metavar="DIR", help="document this standard library folder")

    explain = commands.add_parser("explain", help="explain a diagnostic code",
                                  description="Print the long explanation of a diagnostic code.")
    explain.add_argument("code", nargs="?", help="a code such as unexpected-token; none lists them all")
    return parser


def _add_build_arguments(command) -> None:
    from ..emit.build import KINDS
    from ..emit.svg import RENDERERS

    command.add_argument("paths", nargs=1, metavar="SCENARIO", help="a scenario file")
    command.add_argument("-o", "--output", required=True, metavar="DIR",
                         help="the folder to build into (new, empty, or an earlier build)")
    command.add_argument("--only", metavar="KINDS",
                         help=f"build only these kinds, separated by commas: {','.join(KINDS)}")
    command.add_argument("--lang", action="append", choices=("en", "kk"),
                         help="the language of the outputs (repeatable; default: both)")
    command.add_argument("--role", metavar="ROLE", help="build one role's view only")
    command.add_argument("--revision", type=int, metavar="N", help="the revision number printed on the sheets")
    command.add_argument("--since", metavar="PLAN",
                         help="the previous revision's plan.json (or its build folder): mark what changed")
    command.add_argument("--timestamp", action="store_true",
                         help="stamp the calendars and the index with the build time (SOURCE_DATE_EPOCH if set)")
    command.add_argument("--renderer", choices=RENDERERS, default="auto",
                         help="how to draw SVG: the system's Graphviz `dot`, its WebAssembly build, or auto")
    _add_pipeline_arguments(command)


def _add_pipeline_arguments(command) -> None:
    command.add_argument("--edition", action="append", metavar="BODY@YEAR",
                         help="check under this edition instead of the one in force (repeatable)")
    command.add_argument("--stdlib", metavar="DIR", help="use this standard library folder instead of the installed one")
    command.add_argument("--project", metavar="DIR",
                         help="the project folder imports may read from (default: the nearest folder above the "
                         "scenario holding a rasim.toml, else the scenario's folder)")
    _add_limit_arguments(command)


def _add_limit_arguments(command) -> None:
    from ..limits import DEFAULT_LIMITS, FLAGS

    described = {"file_size": "bytes of one file", "line_length": "characters of one line",
                 "errors": "syntax errors reported per file", "steps": "steps declared in one file",
                 "calls": "ceremonies called by one program", "days": "days of one program"}
    for field, flag in FLAGS.items():
        command.add_argument(flag, type=_positive, metavar="N", default=getattr(DEFAULT_LIMITS, field),
                             dest=f"limit_{field}", help=f"the most {described[field]} "
                             f"(default {getattr(DEFAULT_LIMITS, field):,})")


def _positive(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= 10**12:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 10^12, not {text!r}")
    return int(text)


def _limits(options):
    from ..limits import FLAGS, Limits

    return Limits(**{field: getattr(options, f"limit_{field}") for field in FLAGS})


def _main(argv: list[str]) -> int:
    parser = _arguments()
    options = parser.parse_args(argv)
    if options.command is None:
        parser.print_help()
        return EXIT_USAGE
    if options.command == "explain":
        return _explain(options.code)
    if options.command == "coverage":
        return _coverage(options)
    if options.command == "reference":
        return _reference(options)
    files, refused = _collect(options.paths)
    if refused:
        for message in refused:
            print(f"rasim: error{message}", file=sys.stderr)
        return EXIT_USAGE
    if options.command == "check":
        return _check(files, options)
    if options.command == "plan":
        return _plan(files, options)
    if options.command in ("build", "watch"):
        return _build(files, options)
    return _format(files, options)


def _collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Return the .rasim files that `paths` name, and a message for each path refused."""
    import stat

    files, refused = [], []
    for name in paths:
        path = Path(name)
        try:
            mode = path.stat().st_mode
        except OSError:
            refused.append(f"[unreadable-file]: {name}: no such .rasim file or folder")
            continue
        if stat.S_ISDIR(mode):
            # Folders called `invalid` hold examples that must fail (scenarios/invalid/):
            # they are checked when named themselves, not as part of a parent folder.
            # is_file() is false for FIFOs and devices: they are skipped unopened.
            files.extend(sorted(p for p in path.rglob("*.rasim")
                                if p.is_file() and "invalid" not in p.relative_to(path).parts[:-1]))
        elif not stat.S_ISREG(mode):
            refused.append(f"[special-file]: {name} is not a regular file (a FIFO, a device or a socket): "
                           "it is not read")
        elif path.suffix != ".rasim":
            refused.append(f"[unreadable-file]: {name} is not a .rasim file; only Rasim sources are read")
        else:
            files.append(path)
    return files, refused


def _shown(path: Path) -> str:
    # Paths below the working folder print relative, as the user typed them;
    # others print absolute rather than as a climb of "../..".
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def _load(path: Path, limits):
    """Read and parse one file; return (source text or None, Parsed or None, diagnostics)."""
    from .. import diagnostics as diag
    from ..syntax.parse import parse
    from ..source import SourceDecodeError, Span, read_source

    shown = _shown(path)
    try:
        source = read_source(path, shown, limits)
    except SourceDecodeError as bad:
        span = Span(shown, bad.line, bad.column, bad.line, bad.column + 1)
        return None, None, [diag.error("invalid-encoding", f"byte {bad.offset} is not valid UTF-8", span)]
    except OSError as failure:
        return None, None, [getattr(failure, "diagnostic", None)
                            or diag.error("unreadable-file", f"cannot read {shown}: {failure.strerror}", None)]
    parsed = parse(source.text, shown, limits)
    return source.text, parsed, list(parsed.diagnostics)


def _check(files: list[Path], options) -> int:
    from ..tree.dump import dump_tree
    from ..driver import compile_file
    from ..diagnostics.render import render_diagnostics

    settings = _pipeline_options(options)
    if settings is None:
        return EXIT_USAGE
    found, texts = [], {}
    for path in files:
        compiled = compile_file(path, _shown(path), settings)
        found.extend(compiled.diagnostics)
        for shown, text in compiled.sources.items():
            texts[shown] = text.split("\n")
        if options.dump == "ast" and compiled.parsed is not None:
            sys.stdout.write(f"# {_shown(path)}\n{dump_tree(compiled.parsed.module)}")
    found = list(dict.fromkeys(found))
    line_of = _line_lookup(texts)
    errors = sum(1 for d in found if d.severity.value == "error")
    if options.format == "json":
        sys.stdout.write(render_diagnostics(found, line_of, as_json=True))
    else:
        sys.stderr.write(render_diagnostics(found, line_of))
        summary = f"checked {len(files)} file{'s' if len(files) != 1 else ''}: "
        summary += f"{errors} error{'s' if errors != 1 else ''}" if errors else "no errors"
        warnings = sum(1 for d in found if d.severity.value == "warning")
        if warnings:
            summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
        print(summary)
    return EXIT_ERRORS if errors else EXIT_OK


def _plan(files: list[Path], options) -> int:
    import json

    from ..driver import compile_file, has_errors
    from ..diagnostics.render import render_diagnostics

    settings = _pipeline_options(options)
    if settings is None:
        return EXIT_USAGE
    if len(files) != 1:
        print("rasim: error: `rasim plan` takes one scenario file", file=sys.stderr)
        return EXIT_USAGE
    compiled = compile_file(files[0], _shown(files[0]), settings)
    texts = {shown: text.split("\n") for shown, text in compiled.sources.items()}
    sys.stderr.write(render_diagnostics(compiled.diagnostics, _line_lookup(texts)))
    if has_errors(compiled.diagnostics):
        return EXIT_ERRORS
    if compiled.plan is None:
        print(f"rasim: error: {_shown(files[0])} has no scenario to plan", file=sys.stderr)
        return EXIT_ERRORS
    if options.format == "json":
        sys.stdout.write(json.dumps(compiled.plan, ensure_ascii=False, indent=2) + "\n")
    else:
        from ..emit.timeline_text import timeline_text

        sys.stdout.write(timeline_text(compiled.plan))
    return EXIT_OK


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
    import datetime as dt
    import json

    from ..emit.build import KINDS, BuildOptions

    kinds = frozenset(KINDS)
    if options.only is not None:
        kinds = frozenset(k.strip() for k in options.only.split(",") if k.strip())
        unknown = sorted(kinds - set(KINDS))
        if unknown or not kinds:
            print(f"rasim: error: --only takes kinds from {','.join(KINDS)}, not {options.only!r}", file=sys.stderr)
            return None
    previous = None
    if options.since is not None:
        since = Path(options.since)
        if since.is_dir():
            since = since / "plan.json"
        try:
            previous = json.loads(since.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as failure:
            print(f"rasim: error: --since {options.since}: cannot read a plan: {failure}", file=sys.stderr)
            return None
        if not isinstance(previous, dict) or not isinstance(previous.get("rows"), list):
            print(f"rasim: error: --since {options.since} is not a plan (`rasim plan --format json`)",
                  file=sys.stderr)
            return None
    stamp = None
    if options.timestamp:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        stamp = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else \
            dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if options.revision is not None and options.revision < 0:
        print("rasim: error: --revision takes a number from 0 up", file=sys.stderr)
        return None
    languages = tuple(dict.fromkeys(options.lang)) if options.lang else ("en", "kk")
    return BuildOptions(kinds=kinds, languages=languages, role=options.role, revision=options.revision,
                        previous=previous, stamp=stamp, renderer=options.renderer)


def _build_once(path: Path, output: Path, settings, build) -> tuple[int, list[str]]:
    """Check `path` and build its outputs; return the exit status and the files the diagnostics came from."""
    import time

    from ..emit.build import BuildRefused, build_outputs
    from ..emit.svg import RenderFailed
    from ..driver import compile_file, has_errors
    from ..diagnostics.render import render_diagnostics

    started = time.monotonic()
    compiled = compile_file(path, _shown(path), settings)
    texts = {shown: text.split("\n") for shown, text in compiled.sources.items()}
    sys.stderr.write(render_diagnostics(compiled.diagnostics, _line_lookup(texts)))
    read = sorted(compiled.sources) or [_shown(path)]
    if has_errors(compiled.diagnostics):
        print(f"rasim: {_shown(path)} has errors: nothing was built", file=sys.stderr)
        return EXIT_ERRORS, read
    if compiled.plan is None:
        print(f"rasim: error: {_shown(path)} has no scenario to build", file=sys.stderr)
        return EXIT_ERRORS, read
    try:
        written = build_outputs(compiled.plan, output, build)
    except BuildRefused as refused:
        print(f"rasim: error: {refused}", file=sys.stderr)
        return EXIT_USAGE, read
    except RenderFailed as failure:
        print(f"rasim: error: Graphviz could not draw a diagram: {failure}", file=sys.stderr)
        return EXIT_INTERNAL, read
    except OSError as failure:
        print(f"rasim: error: cannot write {_shown(output)}: {failure.strerror or failure}", file=sys.stderr)
        return EXIT_USAGE, read
    print(f"built {len(written)} files into {_shown(output)} in {time.monotonic() - started:.1f} s", flush=True)
    return EXIT_OK, read


def _watch(path: Path, output: Path, settings, build, interval: float) -> int:
    """Build, then rebuild whenever a file the last build read changes, until interrupted."""
    from .watch import watch

    try:
        watch(lambda: _build_once(path, output, settings, build)[1], [_shown(path)], settings.stdlib, interval)
    except KeyboardInterrupt:
        print("stopped watching")
    return EXIT_OK


def _pipeline_options(options):
    """Turn --stdlib, --project and --edition into pipeline options, or report a usage error."""
    from ..driver import Options
    from ..resources import data_path

    editions = {}
    for pin in options.edition or ():
        body, _, year = pin.partition("@")
        if not body or not year.isdigit():
            print(f"rasim: error: --edition takes BODY@YEAR, such as state_protocol@2013, not {pin!r}",
                  file=sys.stderr)
            return None
        editions[body] = pin
    stdlib = Path(options.stdlib) if options.stdlib else data_path("stdlib")
    if not stdlib.is_dir():
        print(f"rasim: error: --stdlib {stdlib} is not a folder", file=sys.stderr)
        return None
    project = None
    if options.project is not None:
        # An explicit project folder must hold the files checked, and the
        # root of the file system is no project: it would open every file.
        project = Path(options.project).resolve()
        outside = [p for p in options.paths if project != Path(p).resolve() and project not in Path(p).resolve().parents]
        if project == Path(project.anchor) or outside or not project.is_dir():
            why = "is the root of the file system" if project == Path(project.anchor) else \
                f"does not hold {outside[0]}" if outside else "is not a folder"
            print(f"rasim: error: --project {options.project} {why}; name the folder of the scenario's project",
                  file=sys.stderr)
            return None
    return Options(stdlib=stdlib, project_root=project, editions=editions, limits=_limits(options))


def _line_lookup(texts: dict[str, list[str]]):
    def line_of(path: str, line: int) -> str:
        lines = texts.get(path, [])
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    return line_of


def _format(files: list[Path], options) -> int:
    import difflib

    from ..tools.fmt import format_module
    from ..diagnostics.render import render_diagnostics

    status, broken, texts = EXIT_OK, [], {}
    for path in files:
        text, parsed, diagnostics = _load(path, _limits(options))
        if parsed is None or not parsed.ok:
            broken.extend(diagnostics)
            if text is not None:
                texts[_shown(path)] = text.split("\n")
            status = EXIT_ERRORS
            continue
        formatted = format_module(parsed, text)
        original = path.read_bytes().decode("utf-8")
        if formatted == original:
            continue
        if options.check or options.diff:
            status = EXIT_ERRORS
            if options.diff:
                sys.stdout.writelines(difflib.unified_diff(
                    original.splitlines(keepends=True), formatted.splitlines(keepends=True),
                    f"{_shown(path)} (original)", f"{_shown(path)} (formatted)"))
            else:
                print(f"would reformat {_shown(path)}")
            continue
        _write_atomically(path, formatted)
        print(f"reformatted {_shown(path)}")
    if broken:
        sys.stderr.write(render_diagnostics(broken, _line_lookup(texts)))
        print("files that could not be read or parsed were not formatted", file=sys.stderr)
    return status


def _write_atomically(path: Path, text: str) -> None:
    # A crash while writing must not leave half a file in place of the original.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _coverage(options) -> int:
    from ..tools.coverage import measure_coverage
    from ..library.load import load_library
    from ..resources import data_path

    root = Path(options.stdlib) if options.stdlib else data_path("stdlib")
    if not root.is_dir():
        print(f"rasim: error: --stdlib {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    results = measure_coverage(load_library(str(root)))
    print(f"{'edition':<26} {'articles':>8} {'encoded':>8} {'informative':>12} {'missing':>8}")
    any_missing = False
    for result in results:
        if not result.has_index:
            print(f"{result.edition:<26} (no article index)")
            continue
        total = len(result.encoded) + len(result.informative) + len(result.missing)
        print(f"{result.edition:<26} {total:>8} {len(result.encoded):>8} {len(result.informative):>12} "
              f"{len(result.missing):>8}")
        any_missing = any_missing or bool(result.missing)
        if options.list and result.missing:
            print("  missing: " + ", ".join(result.missing))
    return EXIT_ERRORS if options.strict and any_missing else EXIT_OK


def _reference(options) -> int:
    from ..library.load import load_library
    from ..tools.reference import write_reference
    from ..resources import data_path

    root = Path(options.stdlib) if options.stdlib else data_path("stdlib")
    if not root.is_dir():
        print(f"rasim: error: --stdlib {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    for path in write_reference(load_library(str(root)), Path(options.output)):
        print(f"wrote {_shown(path)}")
    return EXIT_OK


def _explain(code: str | None) -> int:
    from ..diagnostics.codes import CODES, explanation

    if code is None:
        width = max(len(c) for c in CODES)
        for name in sorted(CODES):
            print(f"{name:<{width}}  {CODES[name].summary}")
        return EXIT_OK
    text = explanation(code)
    if text is None:
        print(f"rasim: error: unknown diagnostic code {code!r}; `rasim explain` lists them", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
