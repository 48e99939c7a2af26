"""Attack: a file with many syntax errors, which made recovery quadratic (minutes for 100 KB).

Expected: each error reported once up to --max-errors (50 by default), then one
too-many-errors line that counts the rest. Must not happen: a cascade of
follow-on errors, or a file diagnosed without its closing count. (Speed itself
is measured in bench/recovery_speed.py, not here.)
"""

from __future__ import annotations

from rasim.limits import Limits
from rasim.syntax.parse import parse


def _with_bad_lines(good: int, bad: int, bad_line: str = "= = =") -> str:
    """Return `good` role declarations with `bad` broken lines spread among them, never two together."""
    step = good // bad
    lines = []
    for n in range(good):
        if n % step == 0 and n // step < bad:
            lines.append(bad_line)
        lines.append(f'role r{n} "Role {n}"')
    return "\n".join(lines) + "\n"


def test_three_thousand_entries_and_twenty_bad_lines_give_twenty_errors():
    parsed = parse(_with_bad_lines(3000, 20), "big.rasim")
    codes = [d.code for d in parsed.diagnostics]
    assert codes == ["unexpected-token"] * 20


def test_past_the_limit_one_line_counts_the_rest():
    parsed = parse(_with_bad_lines(300, 80), "many.rasim")
    codes = [d.code for d in parsed.diagnostics]
    assert codes == ["unexpected-token"] * 50 + ["too-many-errors"]
    closing = parsed.diagnostics[-1]
    assert closing.message.startswith("50 syntax errors are shown; 30 more were found")
    assert closing.span.line > parsed.diagnostics[-2].span.line


def test_the_limit_is_a_setting():
    parsed = parse(_with_bad_lines(100, 20), "few.rasim", Limits(errors=5))
    assert [d.code for d in parsed.diagnostics] == ["unexpected-token"] * 5 + ["too-many-errors"]
    assert "15 more" in parsed.diagnostics[-1].message


def test_a_megabyte_of_misplaced_keywords_is_counted_and_capped():
    text = ("role format scenario shall }\n" * 40_000)[:1_000_000]
    parsed = parse(text, "junk.rasim")
    errors = [d for d in parsed.diagnostics if d.severity.value == "error"]
    assert len(errors) == 51 and errors[-1].code == "too-many-errors"
    assert "more were found" in errors[-1].message


def test_a_run_of_unknown_characters_is_one_error():
    parsed = parse("role r $$$$$$$$$$$$$$$$$$$$ \"R\"\n", "dollars.rasim")
    assert [d.code for d in parsed.diagnostics] == ["unexpected-character"]
