"""Parse the test cases of tests/cases/parse: good files against their dumps, bad files against their markers.

A good case `NAME.rasim` must parse without diagnostics into the tree dumped in
`NAME.ast` beside it (`pytest --update-expected` rewrites the dumps). A bad case
carries its expected diagnostics inline, as comments:

    limit stay 3 days      # error: missing-comparison
    # error-next-line: unterminated-string
    role president "President

The second form is for lines where a comment would be swallowed, such as an
unterminated quoted text. A diagnostic at the very end of a file that ends with
a newline is counted on the last line.

A case that shows a bug of the parser carries a line `# known-bug: why`: a bad
case then holds the markers the parser should report, a good case the text it
should accept (its dump is not compared until the bug is fixed). Either is an
expected failure, and a strict one: fixing the bug makes the test fail until
the line is removed (and, for a good case, its dump written).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasim.diagnostics.codes import CODES
from rasim.tree.dump import dump_tree
from rasim.syntax.parse import parse

CASES = Path(__file__).resolve().parent / "cases" / "parse"
GOOD = sorted((CASES / "good").glob("*.rasim"))
BAD = sorted((CASES / "bad").glob("*.rasim"))
MARKER = re.compile(r"#\s*(error|error-next-line):\s*([a-z][a-z0-9-]*)")
KNOWN_BUG = re.compile(r"^#\s*known-bug:\s*(.*)$", re.MULTILINE)

# The codes the parser reports. Not here: invalid-encoding and unreadable-file
# (reported when a file is read, before parsing) and internal-error.
PARSER_CODES = frozenset({
    "too-many-errors",
    "unexpected-token", "unexpected-character", "unexpected-end", "unterminated-string",
    "invalid-escape", "reserved-word", "missing-comparison", "missing-label-quotes",
    "missing-brace", "stray-closing-brace", "time-without-date", "invalid-date",
    "invalid-time", "expected-whole-number", "invalid-calendar-rule", "nesting-too-deep", "line-too-long",
})


def read_case(path: Path) -> str:
    """Return the text of a case as stored: a byte-order mark and CRLF endings are kept for the parser."""
    return path.read_bytes().decode("utf-8")


def expected_markers(text: str) -> list[tuple[int, str]]:
    """Return the sorted (line, code) pairs that the markers of `text` announce."""
    pairs = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        for kind, code in MARKER.findall(line):
            pairs.append((number + 1 if kind == "error-next-line" else number, code))
    return sorted(pairs)


def _mark_known_bug(text: str, request: pytest.FixtureRequest) -> bool:
    """Mark the running test as a strict expected failure if the case shows a known bug."""
    known_bug = KNOWN_BUG.search(text)
    if known_bug:
        request.applymarker(pytest.mark.xfail(reason=f"known bug: {known_bug.group(1)}", strict=True))
    return known_bug is not None


def _describe(diagnostics) -> str:
    return "\n".join(f"  {d.span.line}:{d.span.column} {d.code}: {d.message}" for d in diagnostics) or "  (none)"


def test_cases_exist():
    assert len(GOOD) >= 12, f"expected at least 12 good parse cases in {CASES / 'good'}"
    working = [p for p in BAD if not KNOWN_BUG.search(read_case(p))]
    assert len(working) >= 12, f"expected at least 12 bad parse cases in {CASES / 'bad'} (known bugs aside)"


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_case(path: Path, update_expected: bool, request: pytest.FixtureRequest):
    text = read_case(path)
    assert not expected_markers(text), f"{path.name}: a good case must not carry `# error:` markers"
    known_bug = _mark_known_bug(text, request)
    parsed = parse(text, path.name)
    assert not parsed.diagnostics, f"{path.name} should parse cleanly, but:\n{_describe(parsed.diagnostics)}"
    if known_bug:
        return
    actual = dump_tree(parsed.module)
    expected_path = path.with_suffix(".ast")
    if update_expected:
        expected_path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected_path.exists(), f"{expected_path.name} is missing: run pytest --update-expected"
    assert actual == expected_path.read_text(encoding="utf-8"), (
        f"the tree of {path.name} differs from {expected_path.name} (pytest --update-expected rewrites it)")


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_case(path: Path, request: pytest.FixtureRequest):
    text = read_case(path)
    _mark_known_bug(text, request)
    expected = expected_markers(text)
    assert expected, f"{path.name}: a bad case needs at least one `# error: CODE` marker"
    unknown = sorted({code for _, code in expected} - set(CODES))
    assert not unknown, f"{path.name}: markers name unregistered codes {unknown}"
    parsed = parse(text, path.name)
    last_line = max(1, len(text.splitlines()))
    found = sorted((min(d.span.line, last_line), d.code) for d in parsed.diagnostics)
    assert found == expected, (
        f"{path.name}: diagnostics differ from the markers\n"
        f"expected: {expected}\nfound:    {found}\n{_describe(parsed.diagnostics)}")


def test_bad_cases_cover_every_parser_code():
    texts = [read_case(path) for path in BAD]
    covered = {code for text in texts if not KNOWN_BUG.search(text) for _, code in expected_markers(text)}
    missing = sorted(PARSER_CODES - covered)
    assert not missing, f"no bad parse case expects {missing}"
