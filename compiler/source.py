"""Read a source file into normalised text, and locate spans inside it.

Text is decoded as UTF-8 (a byte-order mark is dropped), line endings become
"\\n", and the whole text is normalised to NFC so that a Kazakh letter typed
as a base letter plus a combining mark is the same name as the precomposed one.
"""

from __future__ import annotations

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


def normalise_text(text: str) -> str:
    """Return `text` without a BOM, with "\\n" line endings, in NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_source(path: Path | str, display_path: str | None = None) -> SourceText:
    """Read `path` as UTF-8 and return its normalised text.

    Raises SourceDecodeError for bytes that are not UTF-8 and OSError when the
    file cannot be read; the caller turns both into diagnostics.
    """
    raw = Path(path).read_bytes()
    shown = display_path if display_path is not None else str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise SourceDecodeError(shown, error.start, line, column) from None
    return SourceText(shown, normalise_text(text))
