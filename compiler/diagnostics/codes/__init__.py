"""The registry of diagnostic codes: a one-line summary and a long explanation each.

Codes are stable: tools and tests match on them, so a code is never renamed
or reused for another meaning. `rasim explain CODE` prints the explanation.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Code:
    """A registered diagnostic code."""

    code: str
    summary: str
    explanation: str


from .checking import CHECKING_CODES  # noqa: E402  (the modules use Code, defined above)
from .output import OUTPUT_CODES  # noqa: E402
from .syntax import SYNTAX_CODES  # noqa: E402

CODES: dict[str, Code] = {c.code: c for c in SYNTAX_CODES + CHECKING_CODES + OUTPUT_CODES}


def explanation(code: str) -> str | None:
    """Return the long explanation of `code`, or None if it is not registered."""
    found = CODES.get(code)
    if found is None:
        return None
    text = found.explanation
    if "{keywords}" in text:
        from ...syntax.keywords import KEYWORDS

        text = text.replace("{keywords}", _wrap(sorted(KEYWORDS)))
    return f"{found.code}: {found.summary}\n\n{text.rstrip()}\n"


def _wrap(words: list[str], width: int = 76) -> str:
    lines, line = [], "   "
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = "   "
        line += " " + word
    lines.append(line)
    return "\n".join(lines)
