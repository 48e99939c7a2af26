"""Convert between the compiler's positions (code points) and the protocol's (UTF-16 code units).

The compiler counts columns in characters of the normalised text; an editor
counts UTF-16 code units, in which a letter outside the Basic Multilingual
Plane (an emoji in a label) takes two. Cyrillic letters take one in both, but
only as long as the text is the same: the analysis keeps the normalised text
the spans refer to and converts on it.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ..source import Span


class LineIndex:
    """The lines of one text, for turning offsets into protocol positions and back.

    Positions count UTF-16 code units unless the client and server agreed on
    another encoding ("utf-8", "utf-32") at initialisation.
    """

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.width = _WIDTHS.get(str(encoding), _utf16_width)
        self.starts = [0]
        for number, char in enumerate(text):
            if char == "\n":
                self.starts.append(number + 1)

    def line(self, number: int) -> str:
        """Return line `number` (0-based) without its newline, or ''."""
        if not 0 <= number < len(self.starts):
            return ""
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number]:end]

    def offset(self, position: lsp.Position) -> int:
        """Return the character offset of a protocol position, clamped to the text."""
        if position.line >= len(self.starts):
            return len(self.text)
        line = self.line(position.line)
        return self.starts[position.line] + _characters(line, position.character, self.width)

    def position(self, offset: int) -> lsp.Position:
        """Return the protocol position of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        number = _bisect(self.starts, offset)
        column = offset - self.starts[number]
        return lsp.Position(number, _units(self.line(number)[:column], self.width))

    def at(self, line: int, column: int) -> lsp.Position:
        """Return the protocol position of a 1-based line and character column (a Span's)."""
        text = self.line(line - 1)
        return lsp.Position(max(line - 1, 0), _units(text[:max(column - 1, 0)], self.width))

    def range(self, span: Span) -> lsp.Range:
        """Return the protocol range of `span`."""
        return lsp.Range(self.at(span.line, span.column), self.at(span.end_line, span.end_column))


def _utf16_width(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


_WIDTHS = {
    "utf-16": _utf16_width,
    "utf-8": lambda char: len(char.encode("utf-8")),
    "utf-32": lambda char: 1,
}


def utf16_length(text: str) -> int:
    """Return how many UTF-16 code units `text` takes."""
    return _units(text, _utf16_width)


def _units(text: str, width) -> int:
    return sum(width(char) for char in text) if not text.isascii() else len(text)


def _characters(line: str, units: int, width) -> int:
    """Return how many characters of `line` the first `units` code units cover."""
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += width(char)
    return len(line)


def _bisect(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def span_range(span: Span, lines: dict[str, LineIndex], fallback: LineIndex | None = None) -> lsp.Range:
    """Return the range of `span` in the text it belongs to (`lines[span.path]`), else in `fallback`."""
    index = lines.get(span.path) or fallback
    if index is None:
        return lsp.Range(lsp.Position(max(span.line - 1, 0), max(span.column - 1, 0)),
                         lsp.Position(max(span.end_line - 1, 0), max(span.end_column - 1, 0)))
    return index.range(span)
