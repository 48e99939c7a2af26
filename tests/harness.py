"""The one harness of the case files under tests/cases/<stage>/: markers, expected files, compiling.

A case is a .rasim file. Its expected diagnostics are written inline on the
line they belong to:

    limit stay 3 days      # error: missing-comparison
    10:00 talk 3 people    # error: wrong-duration message: the length of `talk` must be a time
    # error-next-line: unterminated-string

(`message:` and `hint:` clauses are matched as the start of the text; a
citation after the code, `# error: order-violated § 36`, must be among the
diagnostic's.) Its expected output, for the stages that have one, is a file
beside it named after the stage (`NAME.model`, `NAME.schedule`), or for a
formatter case the section after a line `# output` in the case itself, as
black's test data holds them. `pytest --update-expected` rewrites the
expected files.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from rasim.driver import Compiled, Options, compile_file
from rasim.resources import data_path

CASES = Path(__file__).resolve().parent / "cases"
MARKER = re.compile(r"#\s*(error|warning|note)(-next-line)?:\s*([a-z][a-z0-9-]*)([^#]*)")
CLAUSE = re.compile(r"(?:^|\s)(message|hint):\s*")
OUTPUT = re.compile(r"^# output\n", re.MULTILINE)


@attrs.frozen
class Marker:
    """One expected diagnostic."""

    line: int
    severity: str
    code: str
    citation: str | None = None
    message: str | None = None
    hint: str | None = None


def read(path: Path) -> str:
    """Return a case as stored: a byte-order mark and CRLF endings are kept."""
    return path.read_bytes().decode("utf-8")


def markers(text: str) -> list[Marker]:
    """Return the markers of `text`, sorted by line, severity and code."""
    found = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        for severity, next_line, code, rest in MARKER.findall(line):
            parts = CLAUSE.split(rest)
            clauses = dict(zip(parts[1::2], (p.strip() for p in parts[2::2])))
            found.append(Marker(number + 1 if next_line else number, severity, code,
                                parts[0].strip() or None, clauses.get("message"), clauses.get("hint")))
    return sorted(found, key=lambda m: (m.line, m.severity, m.code))


def matches(marker: Marker, diagnostic) -> bool:
    """Tell whether `diagnostic` is the one `marker` expects."""
    if diagnostic.span is None or diagnostic.span.line != marker.line:
        return False
    if diagnostic.severity.value != marker.severity or diagnostic.code != marker.code:
        return False
    if marker.message and not diagnostic.message.startswith(marker.message):
        return False
    if marker.hint and not any(h.startswith(marker.hint) for h in diagnostic.hints):
        return False
    return not marker.citation or (diagnostic.citation is not None and marker.citation in diagnostic.citation)


def unmatched(expected: list[Marker], found) -> tuple[list[Marker], list]:
    """Return the markers no diagnostic meets, and the diagnostics no marker expects."""
    left = list(found)
    missing = []
    for marker in expected:
        hit = next((d for d in left if matches(marker, d)), None)
        if hit is None:
            missing.append(marker)
        else:
            left.remove(hit)
    return missing, left


def compile_case(path: Path, until: str = "plan", stdlib: Path | None = None) -> Compiled:
    """Compile a case file with the installed library (or `stdlib`), its folder as the project."""
    options = Options(stdlib=stdlib or data_path("stdlib"), project_root=path.parent, editions={})
    return compile_file(path, path.relative_to(CASES).as_posix(), options, until=until)


def describe(diagnostics) -> str:
    """Return diagnostics one a line, for assertion messages."""
    lines = []
    for d in diagnostics:
        where = f"{d.span.path}:{d.span.line}" if d.span else "(no place)"
        lines.append(f"  {where} {d.severity.value}[{d.code}]: {d.message}"
                     + (f" | cite: {d.citation}" if d.citation else ""))
    return "\n".join(lines) or "  (none)"


def split_output(text: str) -> tuple[str, str | None]:
    """Return a formatter case's input and its expected output (None: the input is its own output)."""
    found = OUTPUT.search(text)
    if found is None:
        return text, None
    return text[:found.start()], text[found.end():]


def compare_expected(actual: str, expected_path: Path, update: bool) -> str | None:
    """Compare `actual` with the expected file (or write it under --update-expected); return a failure."""
    if update:
        expected_path.write_text(actual, encoding="utf-8", newline="\n")
        return None
    if not expected_path.exists():
        return f"{expected_path.name} is missing: run pytest --update-expected"
    if actual != expected_path.read_text(encoding="utf-8"):
        return f"the output differs from {expected_path.name} (pytest --update-expected rewrites it)"
    return None
