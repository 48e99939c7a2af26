"""The `fmt` command: rewrite files in the canonical layout, atomically, keeping symlinks."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .build_command import _report_error
from .commands import EXIT_ERRORS, EXIT_OK, _limits, _line_lookup, _load, _shown


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
        try:
            _write_atomically(path, formatted)
        except OSError as failure:
            _report_error("cannot-write", f"cannot write {_shown(path)}: {failure.strerror or failure}",
                          hints=("the file is as it was",))
            status = EXIT_ERRORS
            continue
        print(f"reformatted {_shown(path)}")
    if broken:
        sys.stderr.write(render_diagnostics(broken, _line_lookup(texts)))
        print("files that could not be read or parsed were not formatted", file=sys.stderr)
    return status


def _write_atomically(path: Path, text: str) -> None:
    # A crash while writing must not leave half a file in place of the original.
    # A symbolic link is kept: the file it points to is the one rewritten.
    path = Path(os.path.realpath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
