"""Diagnostics for the editor, and the code actions that answer them.

Quick fixes: a did-you-mean hint replaces the name; a missing required
ceremony is added to the last day of the program; a departure from a rule is
recorded as a deviation, authorised by whom the rule names.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from .. import diagnostics as diag
from .. import tree as t
from ..library.articles import quote_citation
from .analysis import Analysis, walk

SEVERITIES = {diag.Severity.ERROR: lsp.DiagnosticSeverity.Error, diag.Severity.WARNING:
              lsp.DiagnosticSeverity.Warning, diag.Severity.NOTE: lsp.DiagnosticSeverity.Information}
_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")
_NAMED = re.compile(r"`([^`\s]+)`")
# The findings a deviation can answer: the program departs from a rule on purpose.
DEVIABLE_CODES = {"missing-required", "departs-from-default", "forbidden-present", "not-permitted", "order-violated",
                  "window-violated"}


def editor_diagnostics(analysis: Analysis) -> list[lsp.Diagnostic]:
    """Return the document's diagnostics in protocol form, related notes and cited articles included."""
    from .navigate import Texts

    texts = Texts(analysis)
    found = []
    for one in dict.fromkeys(analysis.compiled.diagnostics):
        if one.span is not None and one.span.path != analysis.shown:
            continue
        where = analysis.lines.range(one.span) if one.span else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        message = one.message + "".join(f"\nhint: {hint}" for hint in one.hints)
        if one.citation:
            message += f"\ncite: {one.citation}"
            message += "".join(f"\n  § {article}: {text}" for article, _, text in quote_citation(one.citation)[:3])
        related = []
        for note in one.related:
            location = texts.location(note.span)
            if location is not None:
                related.append(lsp.DiagnosticRelatedInformation(location, note.note))
        found.append(lsp.Diagnostic(where, message, severity=SEVERITIES[one.severity], code=one.code,
                                    source="rasim", related_information=related or None,
                                    data={"hints": list(one.hints), "message": one.message}))
    return found


def code_actions(analysis: Analysis, uri: str, asked: list[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    """Return the quick fixes for the diagnostics the editor asks about."""
    actions = []
    for found in asked:
        data = found.data if isinstance(found.data, dict) else {}
        message = data.get("message", found.message)
        for hint in data.get("hints", ()):
            match = _DID_YOU_MEAN.search(hint)
            if match:
                actions.append(_fix(f"Replace with `{match.group(1)}`", uri, found, found.range, match.group(1),
                                    preferred=True))
        if found.code == "missing-required":
            actions += _add_required(analysis, uri, found, message)
        if found.code in DEVIABLE_CODES:
            deviation = _deviation(analysis, uri, found, message)
            if deviation is not None:
                actions.append(deviation)
    return actions


def _fix(title: str, uri: str, found: lsp.Diagnostic, where: lsp.Range, text: str,
         preferred: bool = False) -> lsp.CodeAction:
    return lsp.CodeAction(title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[found], is_preferred=preferred,
                          edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(where, text)]}))


def _scenario(analysis: Analysis) -> t.Scenario | None:
    module = analysis.module
    return next((i for i in module.items if isinstance(i, t.Scenario)), None) if module else None


def _add_required(analysis: Analysis, uri: str, found: lsp.Diagnostic, message: str) -> list[lsp.CodeAction]:
    """Offer to add each ceremony the message names to the last day of the program."""
    scenario = _scenario(analysis)
    program = next((i for i in scenario.items if isinstance(i, t.Program)), None) if scenario else None
    if program is None or not program.days:
        return []
    closing = program.days[-1].span.end - 1
    line_start = analysis.text.rfind("\n", 0, closing) + 1
    indent = analysis.text[line_start:closing]
    if indent.strip():
        return []
    at = analysis.lines.position(line_start)
    names = [name for name in _NAMED.findall(message.split(",")[0]) if name.isidentifier()]
    return [_fix(f"Add `{name}` to day {program.days[-1].number} of the program", uri, found,
                 lsp.Range(at, at), f"{indent}  {name}\n") for name in names]


def _deviation(analysis: Analysis, uri: str, found: lsp.Diagnostic, message: str) -> lsp.CodeAction | None:
    """Offer to record the departure the message names as a deviation, above the program."""
    scenario = _scenario(analysis)
    named = _NAMED.findall(message)
    if scenario is None or not named:
        return None
    authority = _authority(analysis, found) or _any_authority(analysis)
    if authority is None:
        return None
    anchor = next((i for i in scenario.items if isinstance(i, t.Program)), None)
    if anchor is not None:
        line_start = analysis.text.rfind("\n", 0, anchor.span.start) + 1
        indent = analysis.text[line_start:anchor.span.start]
    else:
        line_start = analysis.text.rfind("\n", 0, scenario.span.end - 1) + 1
        indent = "  "
    at = analysis.lines.position(line_start)
    text = (f'{indent}deviation {named[0]}: "what is done instead"\n'
            f'{indent}    because "why the rule is departed from" authorized_by {authority}\n')
    return _fix(f"Record `{named[0]}` as a deviation", uri, found, lsp.Range(at, at), text)


def _authority(analysis: Analysis, found: lsp.Diagnostic) -> str | None:
    """Return the first authority of the rule a diagnostic's related note points at."""
    from ..library.load import load_library

    for related in found.related_information or ():
        line = related.location.range.start.line + 1
        for edition in load_library(str(analysis.options.stdlib)).editions.values():
            for path, _, parsed in edition.files:
                if not related.location.uri.endswith(path.removeprefix("<stdlib>")):
                    continue
                for node, _ in walk(parsed.module):
                    deviable = getattr(node, "deviable", None)
                    if deviable is not None and node.span.line <= line <= node.span.end_line:
                        return deviable.authorities[0].text
    return None


def _any_authority(analysis: Analysis) -> str | None:
    symbols = analysis.bound.symbols if analysis.bound else {}
    for name in ("head_of_state_protocol_service", "presidential_administration"):
        if name in symbols:
            return name
    return None
