"""The `rasim` command: check, fmt, plan, build, watch, coverage, reference, lsp, diff, explain.

Exit statuses: 0 clean, 1 errors found in the input (or files to reformat
with --check) or outputs that could not be written, 2 bad arguments, 3
internal error. Diagnostics go to stderr, results to stdout.
No exception escapes as a traceback: an unexpected one is reported as the
`internal-error` diagnostic with exit status 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .. import __version__
from ..diagnostics.codes import INTERNAL_ERROR, INVALID_ENCODING, UNREADABLE_FILE

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_REVISION = 2**31 - 1
MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a datetime holds
MAX_LIMIT_MB = 1 << 20


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit path, kept at status 2
        self.print_usage(sys.stderr)
        print(f"rasim: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


# A run is short, and the trees it builds are immutable, so they hold no
# cycles to find: the collector runs a hundred times less often than Python's
# default (700), and not at all at exit (measured: a fifth of a cold check).
GC_THRESHOLDS = (70_000, 10, 10)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Called as the `rasim` command (no `argv`), it ends the process itself
    once its output is flushed, skipping the collection and teardown at exit.
    """
    if argv is not None:
        return _run(argv)
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    status = _run(sys.argv[1:])
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        status = status or EXIT_ERRORS
    os._exit(status)


def _run(argv: list[str]) -> int:
    """Run the command `argv` and return its exit status; never raise."""
    try:
        return _main(argv)
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
        found = diag.error(INTERNAL_ERROR, "the compiler failed; this is a bug in Rasim, please report it "
                           "with the file that caused it", None, hints=(f"details: {details}",))
        sys.stderr.write(render_diagnostics([found], lambda path, line: ""))
        return EXIT_INTERNAL


def _arguments(wanted: str | None = None) -> _Parser:
    """Return the parser of the command line, with the arguments of the command `wanted` only.

    The help of `rasim` lists the commands; each command's own arguments (the
    build's need the emitters' tables) are built only when that command runs.
    """
    parser = _Parser(prog="rasim", description="Check and format Rasim protocol scenarios and rules.")
    parser.add_argument("--version", action="version", version=f"rasim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (summary, description, add_arguments) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=description)
        if name == wanted:
            add_arguments(command)
    return parser


def _tool(name: str):
    """Return the module compiler/tools/NAME, imported only when its command runs."""
    import importlib

    return importlib.import_module(f"..tools.{name}", __package__)


def _wanted_command(argv: list[str]) -> str | None:
    """Return the command `argv` names: its first word that is not an option."""
    return next((word for word in argv if not word.startswith("-")), None)


def _check_arguments(check) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help="a .rasim file or a folder")
    check.add_argument("--format", choices=("text", "json"), default="text", help="how to print diagnostics")
    check.add_argument("--dump", choices=("ast", "tree", "model", "schedule", "plan"),
                       help="also print that stage's result for each file to stdout (ast and tree: the syntax "
                            "tree; model: the event as it will happen, with its facts; schedule: each item's "
                            "start and end in UTC minutes; plan: the Plan as JSON)")
    _add_pipeline_arguments(check)


def _fmt_arguments(fmt) -> None:
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="a .rasim file or a folder")
    fmt.add_argument("--check", action="store_true", help="change nothing; list files that would change, exit 1")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print the changes as a unified diff")
    _add_limit_arguments(fmt)


def _plan_arguments(plan) -> None:
    plan.add_argument("paths", nargs=1, metavar="SCENARIO", help="a scenario file")
    plan.add_argument("--format", choices=("text", "json"), default="text", help="how to print the plan")
    _add_pipeline_arguments(plan)


def _watch_arguments(watch) -> None:
    _add_build_arguments(watch)
    watch.add_argument("--interval", type=float, default=0.5, metavar="SECONDS",
                       help="how often to look for changes where file-system events are not available "
                       "(default 0.5)")


def _coverage_arguments(coverage) -> None:
    coverage.add_argument("--list", action="store_true", help="list the missing articles")
    coverage.add_argument("--strict", action="store_true", help="exit 1 if any article is missing")
    coverage.add_argument("--stdlib", metavar="DIR", help="measure this standard library folder")


def _reference_arguments(reference) -> None:
    reference.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write into")
    reference.add_argument("--stdlib", metavar="DIR", help="document this standard library folder")


def _lsp_arguments(lsp) -> None:
    lsp.add_argument("--stdlib", metavar="DIR", help="use this standard library folder instead of the installed one")
    lsp.add_argument("--project", metavar="DIR", help="the project folder imports may read from "
                     "(default: the editor's workspace)")


def _diff_arguments(diff) -> None:
    from ..diff.run import add_arguments

    add_arguments(diff)


def _explain_arguments(explain) -> None:
    explain.add_argument("code", nargs="?", help="a code such as unexpected-token; none lists them all")


def _add_build_arguments(command) -> None:
    from ..emit.build import KINDS, MAX_OUTPUT_BYTES, PDF_CHOICES
    from ..emit.since import MAX_SINCE_BYTES
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
    command.add_argument("--pdf", choices=PDF_CHOICES, default="printed",
                         help="which run-sheets get a PDF: those people print (master, pocket card, the "
                         "principals' and the leads' sheets; the default) or all")
    command.add_argument("--max-output-mb", type=int, default=MAX_OUTPUT_BYTES >> 20, metavar="MB",
                         help=f"refuse to build more than this many megabytes (default {MAX_OUTPUT_BYTES >> 20})")
    command.add_argument("--max-since-mb", type=int, default=MAX_SINCE_BYTES >> 20, metavar="MB",
                         help=f"refuse a --since file larger than this (default {MAX_SINCE_BYTES >> 20})")
    shown = command.add_mutually_exclusive_group()
    shown.add_argument("--quiet", action="store_true", help="print no progress (only diagnostics)")
    shown.add_argument("--progress", action="store_true",
                       help="print progress on stderr even when it is not a terminal")
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


# Each command: its line in `rasim --help`, its description, and what adds its arguments.
COMMANDS = {
    "check": ("check files and folders of .rasim files",
              "Parse and check .rasim files; folders are searched recursively, except subfolders named "
              "`invalid` (examples that must fail), which are checked only when named themselves.",
              _check_arguments),
    "fmt": ("rewrite files in the canonical layout",
            "Rewrite .rasim files in the canonical layout, keeping comments.", _fmt_arguments),
    "plan": ("print the checked, scheduled plan of a scenario",
             "Check a scenario and print its plan: every row with its time, place, people and article, the "
             "contingencies, checklist and deviations.", _plan_arguments),
    "build": ("build the run-sheets, timelines, calendars and diagrams",
              "Check a scenario and build its outputs into a folder: run-sheets (HTML and PDF), timelines (text, "
              "JSON, swimlanes), calendars and diagrams. The folder is replaced as a whole, and only when the "
              "build succeeded.", _add_build_arguments),
    "watch": ("rebuild a scenario's outputs whenever a file it reads changes",
              "Build like `rasim build`, then again on every save of the scenario or of a file it imports, "
              "printing the diagnostics each time. Stop with Ctrl-C.", _watch_arguments),
    "coverage": ("how much of each edition the standard library encodes",
                 "Count, per edition, the articles the standard library encodes, marks informative, and leaves "
                 "missing.", _coverage_arguments),
    "reference": ("write the standard library's reference pages",
                  "Write one Markdown page per edition of the standard library.", _reference_arguments),
    "lsp": ("run the language server for editors (over stdin and stdout)",
            "Speak the Language Server Protocol over stdin and stdout: diagnostics, hover with the cited articles, "
            "definitions, completion, quick fixes, the computed times beside the program, formatting.",
            _lsp_arguments),
    "new": ("write the draft of a scenario for a visit format",
            "Write a scenario skeleton for a visit format of the edition in force (or --edition): its required "
            "items in the program, the roles to fill, the conditions to settle and the agreement points, each "
            "with its article.", lambda command: _tool("new_scenario").new_arguments(command)),
    "diff": ("what changed between two editions of the rules, or two revisions of a scenario",
             "Compare two editions (state_protocol@2013), library files or folders, or git revisions of a path "
             "(HEAD~1:stdlib/state_protocol/2024) by meaning: every rule, limit, window, step and precedence "
             "entry added, removed or changed, with both citations, classified stricter, looser or neutral. Two "
             "scenario files give the calls, times, people and deviations that changed.", _diff_arguments),
    "article": ("print the text of an article of an edition",
                "Print an article (22), a subparagraph (10.8) or an appendix entry (A1.5) of an edition, in the "
                "language of the original text, as the library holds it.",
                lambda command: _tool("article").add_arguments(command)),
    "explain": ("explain a diagnostic code", "Print the long explanation of a diagnostic code.",
                _explain_arguments),
}


def _main(argv: list[str]) -> int:
    parser = _arguments(_wanted_command(argv))
    options = parser.parse_args(argv)
    if options.command is None:
        parser.print_help()
        return EXIT_USAGE
    if options.command == "explain":
        return _explain(options.code)
    if options.command == "article":
        from ..resources import data_path

        return _tool("article").run(options, data_path("stdlib"))
    if options.command == "coverage":
        return _coverage(options)
    if options.command == "reference":
        return _reference(options)
    if options.command == "lsp":
        return _lsp(options)
    if options.command == "new":
        return _tool("new_scenario").run_new(options)
    if options.command == "diff":
        return _diff(options)
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
        from .build_command import _build

        return _build(files, options)
    from .fmt_command import _format

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
        return None, None, [diag.error(INVALID_ENCODING, f"byte {bad.offset} is not valid UTF-8", span)]
    except OSError as failure:
        return None, None, [getattr(failure, "diagnostic", None)
                            or diag.error(UNREADABLE_FILE, f"cannot read {shown}: {failure.strerror}", None)]
    parsed = parse(source.text, shown, limits)
    return source.text, parsed, list(parsed.diagnostics)


def _articles_of(settings):
    """Return the article lookup of the library the files were checked against (`--stdlib` honoured)."""
    from ..library.articles import load_article_index

    return lambda edition: load_article_index(edition, settings.stdlib)


def _dump_stage(compiled, stage: str, shown: str) -> str:
    """Return the result of `stage` for one compiled file as text, or only its heading when it did not run."""
    import json

    from ..tree.dump import dump_tree, dump_value

    out = f"# {shown}\n"
    if stage in ("ast", "tree") and compiled.parsed is not None:
        return out + dump_tree(compiled.parsed.module)
    if stage == "model" and compiled.model is not None:
        return out + dump_value(compiled.model.event) + dump_value(compiled.model.facts)
    timed = compiled.results.get("schedule")
    if stage == "schedule" and timed is not None:
        timeline = timed.schedule.timeline if timed.schedule else {}
        return out + "".join(f"{item.key} {item.call.name}{'.' + item.step.name if item.step else ''} "
                             f"{timeline.get(item.key + '/s')} {timeline.get(item.key + '/e')}\n"
                             for item in timed.items)
    if stage == "plan" and compiled.plan is not None:
        plan = compiled.plan.to_json()
        return out + json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
    return out


def _check(files: list[Path], options) -> int:
    from ..driver import compile_file
    from ..diagnostics.render import render_diagnostics

    settings = _pipeline_options(options)
    if settings is None:
        return EXIT_USAGE
    found, texts = [], {}
    # The plan pass reports nothing, so a check stops after the schedule unless the plan is to be shown.
    until = "plan" if options.dump == "plan" else "schedule"
    for path in files:
        compiled = compile_file(path, _shown(path), settings, until=until)
        found.extend(compiled.diagnostics)
        for shown, text in compiled.sources.items():
            texts[shown] = text.split("\n")
        if options.dump:
            sys.stdout.write(_dump_stage(compiled, options.dump, _shown(path)))
    found = list(dict.fromkeys(found))
    line_of = _line_lookup(texts)
    errors = sum(1 for d in found if d.severity.value == "error")
    if options.format == "json":
        sys.stdout.write(render_diagnostics(found, line_of, as_json=True, articles_of=_articles_of(settings)))
    else:
        sys.stderr.write(render_diagnostics(found, line_of, articles_of=_articles_of(settings)))
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
    sys.stderr.write(render_diagnostics(compiled.diagnostics, _line_lookup(texts), articles_of=_articles_of(settings)))
    if has_errors(compiled.diagnostics):
        return EXIT_ERRORS
    if compiled.plan is None:
        print(f"rasim: error: {_shown(files[0])} has no scenario to plan", file=sys.stderr)
        return EXIT_ERRORS
    if options.format == "json":
        sys.stdout.write(json.dumps(compiled.plan.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        from ..emit.timeline_text import timeline_text

        sys.stdout.write(timeline_text(compiled.plan))
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


def _lsp(options) -> int:
    from ..lsp.server import run
    from ..resources import data_path

    root = Path(options.stdlib) if options.stdlib else data_path("stdlib")
    if not root.is_dir():
        print(f"rasim: error: --stdlib {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    run(root, Path(options.project) if options.project else None)
    return EXIT_OK


def _diff(options) -> int:
    from ..diff.run import run

    return run(options)


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
