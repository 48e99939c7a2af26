"""Run `rasim diff OLD NEW`: read both sides, compare them, print the result in the format asked for.

Two scenario files give the revision diff (compiler/diff/revision.py); any
other pair gives the rule diff of two editions. As git's external diff
driver (`diff.rasim.command = rasim diff`) the command is given seven
arguments, `path old-file old-hex old-mode new-file new-hex new-mode`, and
compares the two files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .changes import VERDICTS
from .sides import SideRefused, is_edition, is_revision, read_side, temporary_folder

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "markdown", "json", "html")
GIT_DRIVER_ARGUMENTS = 7
NULL = "/dev/null"


def add_arguments(command) -> None:
    """Add the arguments of `rasim diff` to its parser."""
    command.add_argument("sides", nargs="+", metavar="SIDE",
                         help="OLD and NEW: each an edition (state_protocol@2013), a .rasim file, a folder, or a "
                              "git revision of a path (HEAD~1:stdlib/state_protocol/2024); two scenario files "
                              "compare two revisions of one event")
    command.add_argument("--format", choices=FORMATS, default="text",
                         help="terminal text (coloured on a terminal), Markdown, JSON or an HTML page")
    command.add_argument("--fail-on", choices=VERDICTS[:2] + ("any",), metavar="KIND",
                         help="exit 1 when a change is of this kind: stricter, looser or any")
    command.add_argument("--scenarios", metavar="DIR",
                         help="also check every scenario under DIR under both sides and report what changes")
    command.add_argument("--stdlib", metavar="DIR", help="use this standard library folder instead of the installed one")
    command.add_argument("--project", metavar="DIR", help="the project folder imports may read from (default: .)")


def run(options) -> int:
    """Run the diff the parsed `options` ask for and return the exit status."""
    from ..resources import data_path

    sides = list(options.sides)
    shown = sides[:2]
    if len(sides) == GIT_DRIVER_ARGUMENTS:
        shown = [f"a/{sides[0]}", f"b/{sides[0]}"]  # git's temporary copies are named after their blob
        sides = [sides[1], sides[4]]
    if len(sides) != 2:
        print("rasim: error: `rasim diff` takes two sides, OLD and NEW (or git's seven driver arguments)",
              file=sys.stderr)
        return EXIT_USAGE
    stdlib = Path(options.stdlib) if options.stdlib else data_path("stdlib")
    if not stdlib.is_dir():
        print(f"rasim: error: --stdlib {stdlib} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if NULL in sides:
        print(f"{'new file' if sides[0] == NULL else 'deleted file'}: {sides[1] if sides[0] == NULL else sides[0]}")
        return EXIT_OK
    project = Path(options.project or ".").resolve()
    if all(_is_scenario(side) for side in sides):
        return _revisions(sides, shown, stdlib, project, options)
    try:
        with temporary_folder() as work:
            old = read_side(sides[0], stdlib, Path(work))
            new = read_side(sides[1], stdlib, Path(work), body=old.edition.partition("@")[0])
            return _rules(old, new, project, options)
    except SideRefused as refused:
        print(f"rasim: error: {refused}", file=sys.stderr)
        return EXIT_USAGE


def _is_scenario(side: str) -> bool:
    """Tell whether `side` is a .rasim file that is not a file of rules (it has no `rules of` header)."""
    if is_edition(side) or is_revision(side):
        return False
    path = Path(side)
    if not path.is_file():
        return False
    from ..library.load import _text
    from ..syntax.parse import parse

    try:
        raw = path.read_bytes()
    except OSError:
        return False
    parsed = parse(_text(raw), str(path))
    return parsed.module.header is None


def _rules(old, new, project: Path, options) -> int:
    from .compare import diff_views
    from .report import RuleDiff, render_json, render_markdown, render_text

    diff = RuleDiff(old, new, tuple(diff_views(old, new)))
    if options.format == "json":
        out = render_json(diff)
    elif options.format == "markdown":
        out = render_markdown(diff)
    elif options.format == "html":
        from .render_html import render_html

        out = render_html(diff)
    else:
        out = render_text(diff, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    sys.stdout.write(out)
    if options.scenarios:
        folder = Path(options.scenarios)
        if not folder.is_dir():
            print(f"rasim: error: --scenarios {folder} is not a folder", file=sys.stderr)
            return EXIT_USAGE
        from .impact import impact_of, render_impacts, scenario_files

        impacts = [impact_of(path, str(path), old, new, list(diff.changes), project)
                   for path in scenario_files(folder)]
        sys.stdout.write(render_impacts(impacts))
    return EXIT_FAILED if _fails(diff.changes, options.fail_on) else EXIT_OK


def _fails(changes, fail_on: str | None) -> bool:
    if fail_on is None:
        return False
    return any(fail_on == "any" or c.verdict == fail_on for c in changes)


def _revisions(sides: list[str], shown: list[str], stdlib: Path, project: Path, options) -> int:
    """Compare two revisions of one scenario: both are checked and planned, then their Plans compared."""
    from ..driver import Options, compile_file, has_errors
    from .revision import compare_revisions, render_revisions

    settings = Options(stdlib=stdlib, project_root=project, editions={})
    plans = []
    for side in sides:
        compiled = compile_file(Path(side), side, settings)
        if has_errors(compiled.diagnostics) or compiled.plan is None:
            errors = sum(1 for d in compiled.diagnostics if d.severity.value == "error")
            print(f"rasim: {side} has {errors} error{'s' if errors != 1 else ''} (`rasim check {side}` shows "
                  "them): its plan cannot be compared", file=sys.stderr)
            return EXIT_FAILED
        plans.append(compiled.plan)
    found = compare_revisions(plans[0], plans[1])
    sys.stdout.write(render_revisions(shown[0], shown[1], found, options.format))
    return EXIT_FAILED if options.fail_on == "any" and found else EXIT_OK


def edition_diff(old: str, new: str, stdlib: Path | None = None):
    """Return the RuleDiff between two editions of the library at `stdlib` (the installed one by default)."""
    from ..resources import data_path
    from .compare import diff_views
    from .report import RuleDiff
    from .sides import view_of

    root = Path(stdlib) if stdlib is not None else data_path("stdlib")
    old_view, new_view = view_of(old, root, old, root), view_of(new, root, new, root)
    return RuleDiff(old_view, new_view, tuple(diff_views(old_view, new_view)))


def changes_page(stdlib: Path | None = None) -> str:
    """Return docs/changes-2013-2024.md: `rasim diff state_protocol@2013 state_protocol@2024 --format markdown`."""
    from .report import render_markdown

    return render_markdown(edition_diff("state_protocol@2013", "state_protocol@2024", stdlib))
