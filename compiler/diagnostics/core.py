"""The one Diagnostic type that every stage reports through."""

from __future__ import annotations

import enum

from attrs import frozen

from ..source import Span


class Severity(enum.Enum):
    """How serious a diagnostic is; errors make `rasim check` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@frozen
class Related:
    """A second place in the source that explains a diagnostic."""

    span: Span
    note: str


@frozen
class Diagnostic:
    """One finding: a stable code, a message, where, and why.

    `citation` names the article a rule comes from ("§ 31 of
    state_protocol@2013"); syntax diagnostics have none.
    """

    severity: Severity
    code: str
    message: str
    span: Span | None
    related: tuple[Related, ...] = ()
    hints: tuple[str, ...] = ()
    citation: str | None = None

    @property
    def sort_key(self) -> tuple:
        """Order diagnostics by file, line and column, then by code."""
        if self.span is None:
            return ("", 0, 0, self.code)
        return (self.span.path, self.span.line, self.span.column, self.code)

    def as_json(self) -> dict:
        """Return the diagnostic as plain data for `--format json`."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "span": self.span.as_json() if self.span else None,
            "related": [{"span": r.span.as_json(), "note": r.note} for r in self.related],
            "hints": list(self.hints),
            "citation": self.citation,
        }


def error(code, message: str, span: Span | None, **extra) -> Diagnostic:
    """Return an error diagnostic with `code`, checked against the registry."""
    return _make(Severity.ERROR, code, message, span, **extra)


def warning(code, message: str, span: Span | None, **extra) -> Diagnostic:
    """Return a warning diagnostic with `code`, checked against the registry."""
    return _make(Severity.WARNING, code, message, span, **extra)


def note(code, message: str, span: Span | None, **extra) -> Diagnostic:
    """Return a note: something the reader should know that is neither wrong nor doubtful."""
    return _make(Severity.NOTE, code, message, span, **extra)


def _make(severity: Severity, code, message: str, span: Span | None, **extra) -> Diagnostic:
    from .codes import CODES

    # A stage names its code by the registry's constant (`UNKNOWN_NAME`); a code
    # carried as text (a clock error's, a recovered syntax error's) must be one too.
    code = getattr(code, "code", code)
    # An unregistered code is a bug in the compiler, not in the user's file:
    # fail loudly in tests rather than print a code `rasim explain` cannot explain.
    if code not in CODES:
        raise KeyError(f"diagnostic code {code!r} is not registered in compiler/diagnostics/codes/")
    extra.setdefault("related", ())
    extra.setdefault("hints", ())
    return Diagnostic(severity, code, message, span, tuple(extra.pop("related")), tuple(extra.pop("hints")), **extra)
