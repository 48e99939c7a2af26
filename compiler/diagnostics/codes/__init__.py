"""The registry of diagnostic codes: a one-line summary and a long explanation each.

Codes are stable: tools and tests match on them, so a code is never renamed
or reused for another meaning. `rasim explain CODE` prints the explanation.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Code:
    """A registered diagnostic code: what it says, the stage that reports it, and its usual severity.

    Each code is also a constant of this package, named after it (`unknown-name`
    is `UNKNOWN_NAME`): a stage imports the constants it reports, so that a
    misspelt code fails when the module is imported, not when a user's file
    first triggers it (as mypy's `ErrorCode`s do).
    """

    code: str
    summary: str
    explanation: str
    stage: str = "check"
    severity: str = "error"

    @property
    def constant(self) -> str:
        """Return the name of the code's constant: `UNKNOWN_NAME` for `unknown-name`."""
        return self.code.upper().replace("-", "_")


# The stage that reports each code that is not of the checker, and the codes usually reported as warnings
# or notes (a stage may still report any code with another severity where the case calls for it).
STAGES = {
    "read": ("invalid-encoding", "unreadable-file", "file-too-large", "special-file", "line-too-long"),
    "parse": ("too-many-items", "bidi-control"),
    "resolve": ("duplicate-declaration", "library-contract", "missing-module-header", "unknown-edition",
                "edition-not-in-force", "unknown-module", "import-outside-project", "import-not-rasim",
                "several-scenarios", "mixed-script", "unknown-name", "wrong-kind", "unknown-article"),
    "lower": ("assumption-contradicts-facts", "deviation-edit-mismatch", "wrong-duration"),
    "schedule": ("schedule-conflict", "double-booked", "nonexistent-local-time", "ambiguous-local-time",
                 "unknown-time-zone", "no-duration", "transfer-too-short"),
    "driver": ("internal-error",),
}
SEVERITIES = {
    "warning": ("edition-not-in-force", "mixed-script", "bidi-control", "no-duration", "not-in-format",
                "departs-from-default", "window-unchecked", "transfer-too-short"),
    "note": ("reconstructed-entry", "file-name-clash"),
}

from .checking import CHECKING_CODES  # noqa: E402  (the modules use Code, defined above)
from .output import OUTPUT_CODES  # noqa: E402
from .syntax import SYNTAX_CODES  # noqa: E402


def _registered(codes, default_stage: str) -> dict[str, Code]:
    stage_of = {code: stage for stage, names in STAGES.items() for code in names}
    severity_of = {code: severity for severity, names in SEVERITIES.items() for code in names}
    return {c.code: Code(c.code, c.summary, c.explanation, stage_of.get(c.code, default_stage),
                         severity_of.get(c.code, "error")) for c in codes}


CODES: dict[str, Code] = {**_registered(SYNTAX_CODES, "parse"), **_registered(CHECKING_CODES, "check"),
                          **_registered(OUTPUT_CODES, "build")}
globals().update({code.constant: code for code in CODES.values()})


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
