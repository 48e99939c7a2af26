"""Read a source file into normalised text, and locate spans inside it.

Text is decoded as UTF-8 (a byte-order mark is dropped), line endings become
"\\n", and the whole text is normalised to NFC so that a Kazakh letter typed
as a base letter plus a combining mark is the same name as the precomposed one.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from attrs import frozen


@frozen
class Span:
    """A range of a source file: 1-based lines and columns, 0-based offsets."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0

    def to(self, other: "Span") -> "Span":
        """Return the span from the start of this one to the end of `other`."""
        return Span(self.path, self.line, self.column, other.end_line, other.end_column, self.start, other.end)

    def as_json(self) -> dict:
        """Return the span as a plain dictionary for JSON output."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@frozen
class SourceText:
    """The normalised text of one file and the path it is reported under."""

    path: str
    text: str

    def line_text(self, line: int) -> str:
        """Return line number `line` (1-based) without its newline, or ''."""
        lines = self.text.split("\n")
        return lines[line - 1] if 1 <= line <= len(lines) else ""


class SourceDecodeError(Exception):
    """The file is not valid UTF-8; carries the byte offset of the first bad byte."""

    def __init__(self, path: str, offset: int, line: int, column: int):
        super().__init__(f"{path}: not valid UTF-8 at byte {offset}")
        self.path, self.offset, self.line, self.column = path, offset, line, column


class SourceRefused(OSError):
    """The file is not read: a special file, or larger than the limit. Carries the diagnostic to show."""

    def __init__(self, diagnostic) -> None:
        super().__init__(0, diagnostic.message)
        self.diagnostic = diagnostic


# The file that marks a project's folder: imports may read files below it.
PROJECT_MARKER = "rasim.toml"


def find_project_root(scenario: Path | str) -> Path:
    """Return the nearest folder above `scenario` holding a `rasim.toml`, else the scenario's own folder."""
    folder = Path(scenario).resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_MARKER).is_file():
            return candidate
    return folder


def normalise_text(text: str) -> str:
    """Return `text` without a BOM, with "\\n" line endings, in NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_source(path: Path | str, display_path: str | None = None, limits=None) -> SourceText:
    """Read `path` as UTF-8 and return its normalised text.

    Raises SourceDecodeError for bytes that are not UTF-8, SourceRefused for a
    special file or one larger than `limits.file_size`, and OSError when the
    file cannot be read; the caller turns them into diagnostics.
    """
    shown = display_path if display_path is not None else str(path)
    raw = _read_bounded(Path(path), shown, limits.file_size if limits is not None else _default_file_size())
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise SourceDecodeError(shown, error.start, line, column) from None
    return SourceText(shown, normalise_text(text))


def _default_file_size() -> int:
    from .limits import DEFAULT_LIMITS

    return DEFAULT_LIMITS.file_size


def _read_bounded(path: Path, shown: str, limit: int) -> bytes:
    """Return the bytes of the regular file `path`, refusing a special file or one over `limit` bytes.

    A FIFO or a device is refused from its status, before it is opened (opening
    a FIFO waits for a writer); the size is checked before reading, and the
    read stops one byte past the limit, so a huge file is never loaded.
    """
    if not stat.S_ISREG(path.stat().st_mode):
        raise SourceRefused(_refusal("special-file", f"{shown} is not a regular file (a folder, a FIFO, a device "
                                     "or a socket): it is not read", shown))
    # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it does not hang.
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise SourceRefused(_refusal("special-file", f"{shown} is not a regular file: it is not read", shown))
        if status.st_size > limit:
            raise SourceRefused(_too_large(shown, status.st_size, limit))
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise SourceRefused(_too_large(shown, len(raw), limit))
    return raw


def _too_large(shown: str, size: int, limit: int):
    return _refusal("file-too-large", f"{shown} has {size:,} bytes, more than the limit of {limit:,}; it is not "
                    "read (--max-file-size raises the limit)", shown)


def _refusal(code: str, message: str, shown: str):
    from . import diagnostics as diag

    return diag.error(code, message, Span(shown, 1, 1, 1, 1, 0, 0) if shown.endswith(".rasim") else None)
