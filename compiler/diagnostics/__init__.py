"""Diagnostics: the one Diagnostic type, its renderer, and the registry of codes."""

from .core import Diagnostic, Related, Severity, error, note, warning  # noqa: F401
