"""Build every output of a Plan into a folder, all or nothing.

The files are rendered in memory, then put in place by folder.py (written
beside the target and moved there in one rename, only over an empty folder or
an earlier build whose manifest matches). The total size is bounded
(`max_output_bytes`), and PDFs are printed for the sheets people print unless
all are asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

from attrs import field, frozen

from ..plan.types import Plan
from .common import printed_roles, role_files, roles, row_roles, text, venues
from .folder import MANIFEST, CannotWrite, FolderRefused, check_replaceable, replace_folder
from .names import slug, stem_clashes
from .words import LANGUAGES, words

KINDS = ("timeline", "json", "calendar", "swimlane", "diagram", "runsheet", "pdf")
PDF_CHOICES = ("printed", "all")
MARKER = MANIFEST  # the name earlier code and tests know it by
MAX_OUTPUT_BYTES = 1 << 30  # 1 GiB: the largest example builds about 30 MB with every PDF
__all__ = ["BuildOptions", "BuildRefused", "CannotWrite", "FolderRefused", "OutputTooLarge", "build_outputs",
           "render_outputs", "name_clashes"]


class BuildRefused(Exception):
    """The build was asked for something the plan does not have (a role); the message says what."""


class OutputTooLarge(Exception):
    """The outputs would pass the size limit; the message says how far."""


@frozen
class BuildOptions:
    """What to build: which kinds of output, in which languages, for whom, and how it is stamped."""

    kinds: frozenset[str] = frozenset(KINDS)
    languages: tuple[str, ...] = LANGUAGES
    role: str | None = None
    revision: int | None = None
    previous: Plan | None = None  # the previous revision's, read by `--since` (since.py)
    stamp: dt.datetime | None = None
    renderer: str = "auto"
    pdf: str = "printed"  # "printed": the sheets people print (printed_roles); "all": every sheet
    max_output_bytes: int = MAX_OUTPUT_BYTES
    workers: int | None = field(default=None, eq=False)
    progress: Callable[[str], None] | None = field(default=None, eq=False)  # told what the build is doing


def build_outputs(plan: Plan, out_dir: Path, options: BuildOptions = BuildOptions()) -> list[str]:
    """Write the outputs of `plan` into `out_dir` in one move; return the files written, relative to it.

    Raises FolderRefused before rendering anything when `out_dir` may not be
    replaced, CannotWrite when the system refuses a write (the previous build
    is then untouched), BuildRefused and OutputTooLarge.
    """
    check_replaceable(Path(out_dir))  # early, so a refusal does not wait for the PDFs
    files = render_outputs(plan, options)
    tell = options.progress

    def written(count: int, total: int) -> None:
        if tell is not None and (count == total or count % 25 == 0):
            tell(f"writing files {count}/{total}")

    replace_folder(Path(out_dir), files, written)
    return sorted(files)


def name_clashes(plan: Plan) -> list[str]:
    """Return a note for each group of roles or venues whose names would share a file name without a hash."""
    notes = []
    for kind, names, reserved in (("roles", [r.name for r in roles(plan, "en")], ("all",)),
                                  ("venues", [name for name, _ in venues(plan, "en")], ())):
        for group in stem_clashes(names, reserved):
            notes.append(f"{kind} {', '.join(f'`{n}`' for n in group)} would share the file name "
                         f"`{slug(group[0])}`: each file name ends in a short hash of its {kind[:-1]}'s name")
    return notes


class _Files(dict):
    """{relative path: bytes} that refuses a second file of one name and a total past the size limit."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit, self.total, self.folded = limit, 0, set()

    def __setitem__(self, name: str, data: bytes) -> None:
        if name.casefold() in self.folded:
            raise AssertionError(f"two outputs are named {name}")  # file_stems makes this impossible
        self.total += len(data)
        if self.total > self.limit:
            raise OutputTooLarge(f"the outputs pass {self.limit:,} bytes at {name}; "
                                 "raise the limit with --max-output-mb")
        self.folded.add(name.casefold())
        super().__setitem__(name, data)


def render_outputs(plan: Plan, options: BuildOptions) -> dict[str, bytes]:
    """Return {relative path: bytes} of every output `options` asks for, written nowhere yet."""
    known = [r.name for r in roles(plan, "en")]
    if options.role is not None and options.role not in known:
        raise BuildRefused(f"no role `{options.role}` takes part in this program; roles: {', '.join(known)}")
    cues = frozenset(r.cue for r in plan.rows if options.role in row_roles(r)) if options.role else None
    kinds = options.kinds
    tell = options.progress or (lambda message: None)
    files = _Files(options.max_output_bytes)
    files["plan.json"] = (json.dumps(plan.to_json(), ensure_ascii=False, indent=2) + "\n").encode()
    if "json" in kinds:
        from .timeline_json import timeline_json

        files["timeline.json"] = timeline_json(plan, cues).encode()
    sheets: dict[str, str] = {}
    for lang in options.languages:
        tell(f"rendering the {lang} outputs")
        if "timeline" in kinds:
            from .timeline_text import timeline_text

            files[f"{lang}/timeline.txt"] = timeline_text(plan, lang, cues).encode()
        if "swimlane" in kinds:
            from .swimlane import swimlane_html

            files[f"{lang}/timeline.html"] = swimlane_html(plan, lang, options.role).encode()
        if "calendar" in kinds:
            from .calendar import calendars

            for stem, data in calendars(plan, lang, options.revision, options.stamp, options.role).items():
                files[f"{lang}/calendar/{stem}.ics"] = data
        if "diagram" in kinds:
            from .diagram import diagrams
            from .svg import render_svg

            for name, source in diagrams(plan, lang, cues).items():
                files[f"{lang}/{name}.dot"] = source.encode()
                files[f"{lang}/{name}.svg"] = render_svg(source, options.renderer)
        if "runsheet" in kinds or "pdf" in kinds:
            from .runsheet import runsheet_html, runsheet_views

            views = runsheet_views(plan, lang, options.revision, options.previous, options.role)
            for stem, sheet in views.items():
                sheets[f"{lang}/runsheet/{stem}"] = sheet
                if "runsheet" in kinds:
                    files[f"{lang}/runsheet/{stem}.html"] = runsheet_html(sheet).encode()
    printed = _printed(plan, sheets, options)
    if "pdf" in kinds and printed:
        from .pdf import sheets_to_pdf

        tell(f"laying out {len(printed)} PDF{'s' if len(printed) != 1 else ''}")
        for name, data in sheets_to_pdf(printed, options.workers).items():
            files[f"{name}.pdf"] = data
        tell(f"laid out {len(printed)} PDF{'s' if len(printed) != 1 else ''}")
    files["index.html"] = _index(plan, files, options).encode()
    return dict(files)


def _printed(plan: Plan, sheets: dict[str, str], options: BuildOptions) -> dict[str, str]:
    """Return the sheets to print to PDF: all, one role's when asked for, or those people print."""
    if options.pdf == "all" or options.role is not None:
        return sheets
    stems = role_files(plan)
    kept = {"master", "pocket"} | {f"role-{stems[name]}" for name in printed_roles(plan) if name in stems}
    return {name: html for name, html in sheets.items() if name.rsplit("/", 1)[-1] in kept}


def _index(plan: Plan, files: dict[str, bytes], options: BuildOptions) -> str:
    from .templating import render_template

    groups = []
    for lang in ("", *options.languages):
        prefix = f"{lang}/" if lang else ""
        entries = [name for name in sorted(files) if (name.startswith(prefix) if lang else "/" not in name)]
        if entries:
            said = words(lang or "en")
            groups.append({"heading": said["language"] if lang else "", "entries": entries})
    title = text(plan.scenario.label, "en") or plan.scenario.name
    stamp = options.stamp.strftime("%Y-%m-%d %H:%M UTC") if options.stamp else ""
    return render_template("index.html.j2", title=title, groups=groups, stamp=stamp,
                           revision=options.revision, role=options.role)
