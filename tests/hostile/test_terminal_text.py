"""Attack: terminal escapes, control characters and bidirectional overrides in a source file.

Expected: echoed lines show them escaped (`\\x1b`); a bidi override is a
bidi-control warning at its place; a one-digit hour reads as HH:MM. Must not
happen: a raw escape sent to the terminal, a line that reads differently on
screen without a warning, a crash on `9:30`.
"""

from __future__ import annotations

from rasim.diagnostics.render import safe_text
from rasim.syntax.parse import parse

from .conftest import scenario, write


def test_escape_sequences_in_an_echoed_line_are_shown_escaped(tmp_path, rasim):
    path = write(tmp_path / "esc.rasim", 'role r "R\x1b[2J\x07" $\n')
    status, out, err = rasim("check", path)
    assert status == 1
    assert "\x1b" not in err and "\x07" not in err
    assert '"R\\x1b[2J\\x07" $' in err
    # The caret still points at the `$`, past the escapes.
    lines = err.splitlines()
    echoed = next(i for i, line in enumerate(lines) if line.startswith("  1 | "))
    assert lines[echoed + 1].index("^") == lines[echoed].index("$")


def test_safe_text_keeps_kazakh_and_escapes_controls():
    assert safe_text("Ақорда әуежайы") == "Ақорда әуежайы"
    assert safe_text("a\x1bb\u202ec") == "a\\x1bb\\u202ec"


def test_a_bidi_override_is_a_warning_at_its_place(tmp_path, rasim):
    text = 'condition ok "Agreed"\nrole r "admin\u202e \u2066nimda\u2069"\n'
    parsed = parse(text, "bidi.rasim")
    found = [(d.code, d.severity.value, d.span.line, d.span.column) for d in parsed.diagnostics]
    assert found == [("bidi-control", "warning", 2, 14)]
    status, out, err = rasim("check", write(tmp_path / "bidi.rasim", text))
    assert status == 0 and "warning[bidi-control]" in err and "\u202e" not in err


def test_a_one_digit_hour_is_read_as_two_digits(tmp_path, rasim):
    text = scenario(time="9:30").replace("arrive 2026-08-10 12:00", "arrive 2026-08-10 9:00")
    status, out, err = rasim("plan", write(tmp_path / "visit.rasim", text))
    assert status == 0, err
    assert "09:30" in out and " 9:30" not in out
    status, out, err = rasim("check", write(tmp_path / "bad.rasim", scenario(time="9:75")))
    assert status == 1 and "invalid-time" in err
