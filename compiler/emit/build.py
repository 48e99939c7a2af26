"""Build every output of a Plan into a folder, all or nothing.

The files are rendered in memory, written to a temporary folder beside the
target, and the folder is then moved into place: a failure half-way leaves
the previous build (or nothing), never half an output that looks complete.
A folder is only replaced when it is empty or was made by this function (it
holds MARKER), so `-o .` cannot wipe a working copy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

from attrs import field, frozen

from ..plan.types import Plan
from .common import text
from .common_typed import roles, row_roles
from .words import LANGUAGES, words

KINDS = ("timeline", "json", "calendar", "swimlane", "diagram", "runsheet", "pdf")
MARKER = ".rasim-build"
_MARKER_TEXT = "Made by `rasim build`, which replaces this folder as a whole on the next build.\n"


class BuildRefused(Exception):
    """The build cannot go where it was told to; the message says why."""


@frozen
class BuildOptions:
    """What to build: which kinds of output, in which languages, for whom, and how it is stamped."""

    kinds: frozenset[str] = frozenset(KINDS)
    languages: tuple[str, ...] = LANGUAGES
    role: str | None = None
    revision: int | None = None
    previous: dict | None = None
    stamp: dt.datetime | None = None
    renderer: str = "auto"
    workers: int | None = field(default=None, eq=False)


def build_outputs(plan: Plan, out_dir: Path, options: BuildOptions = BuildOptions()) -> list[str]:
    """Write the outputs of `plan` into `out_dir` in one move; return the files written, relative to it."""
    files = render_outputs(plan, options)
    _replace_folder(Path(out_dir), files)
    return sorted(files)


def render_outputs(plan: Plan, options: BuildOptions) -> dict[str, bytes]:
    """Return {relative path: bytes} of every output `options` asks for, written nowhere yet."""
    known = [r.name for r in roles(plan, "en")]
    if options.role is not None and options.role not in known:
        raise BuildRefused(f"no role `{options.role}` takes part in this program; roles: {', '.join(known)}")
    cues = frozenset(r.cue for r in plan.rows if options.role in row_roles(r)) if options.role else None
    kinds = options.kinds
    plan_json = plan.to_json()  # dict until converted: the calendars, the run-sheets and the index read it
    files: dict[str, bytes] = {"plan.json": (json.dumps(plan_json, ensure_ascii=False, indent=2) + "\n").encode()}
    if "json" in kinds:
        from .timeline_json import timeline_json

        files["timeline.json"] = timeline_json(plan, cues).encode()
    sheets: dict[str, str] = {}
    for lang in options.languages:
        if "timeline" in kinds:
            from .timeline_text import timeline_text

            files[f"{lang}/timeline.txt"] = timeline_text(plan, lang, cues).encode()
        if "swimlane" in kinds:
            from .swimlane import swimlane_html

            files[f"{lang}/timeline.html"] = swimlane_html(plan, lang, options.role).encode()
        if "calendar" in kinds:
            from .calendar import calendars

            for stem, data in calendars(plan_json, lang, options.revision, options.stamp, options.role).items():
                files[f"{lang}/calendar/{stem}.ics"] = data
        if "diagram" in kinds:
            from .diagram import diagrams
            from .svg import render_svg

            for name, source in diagrams(plan, lang, cues).items():
                files[f"{lang}/{name}.dot"] = source.encode()
                files[f"{lang}/{name}.svg"] = render_svg(source, options.renderer)
        if "runsheet" in kinds or "pdf" in kinds:
            from .runsheet import runsheet_html, runsheet_views

            views = runsheet_views(plan_json, lang, options.revision, options.previous, options.role)
            for stem, sheet in views.items():
                sheets[f"{lang}/runsheet/{stem}"] = sheet
                if "runsheet" in kinds:
                    files[f"{lang}/runsheet/{stem}.html"] = runsheet_html(sheet).encode()
    if "pdf" in kinds and sheets:
        from .pdf import sheets_to_pdf

        for name, data in sheets_to_pdf(sheets, options.workers).items():
            files[f"{name}.pdf"] = data
    files["index.html"] = _index(plan_json, files, options).encode()
    return files


def _index(plan: dict, files: dict[str, bytes], options: BuildOptions) -> str:
    from .templating import render_template

    groups = []
    for lang in ("", *options.languages):
        prefix = f"{lang}/" if lang else ""
        entries = [name for name in sorted(files) if (name.startswith(prefix) if lang else "/" not in name)]
        if entries:
            said = words(lang or "en")
            groups.append({"heading": said["language"] if lang else "", "entries": entries})
    title = text(plan["scenario"]["label"], "en") or plan["scenario"]["name"]
    stamp = options.stamp.strftime("%Y-%m-%d %H:%M UTC") if options.stamp else ""
    return render_template("index.html.j2", title=title, groups=groups, stamp=stamp,
                           revision=options.revision, role=options.role)


def _replace_folder(target: Path, files: dict[str, bytes]) -> None:
    target = Path(os.path.abspath(target))
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise BuildRefused(f"{target} is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise BuildRefused(f"{target} is not empty and was not made by `rasim build`; "
                           "choose a new or empty folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    try:
        for name, data in sorted(files.items()):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a build is an ordinary folder
        if not target.exists():
            os.rename(staging, target)
            return
        # Two renames: between them the target is briefly absent, never half-written.
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
