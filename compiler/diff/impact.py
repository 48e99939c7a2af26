"""Check prepared scenarios under both sides of a rule diff and report what the change does to each.

Each scenario is compiled twice, with the body of rules pinned to the old
and to the new edition (`Options(editions=...)`). What differs is reported:
errors and warnings that appear or go, and the calls, times and people of
the plan; each finding is linked, through the article it cites, to the rule
changes that cite the same article. A scenario that uses names the other
edition does not declare gets one line listing them, not a cascade of errors
(the correspondences between editions will translate them).
"""

from __future__ import annotations

import re
from pathlib import Path

from attrs import frozen

from ..driver import Options, compile_file
from .changes import Change, change_line
from .revision import compare_revisions

_NAME = re.compile(r"`([^`]+)`")
_CITED = re.compile(r"§ ([^;]+?) of ([a-z][a-z0-9_]*@\d{4})")
NAME_CODES = ("unknown-name", "wrong-kind")


@frozen
class Impact:
    """What a rule change does to one scenario."""

    scenario: str
    missing_names: tuple[str, ...]  # names one side does not declare
    lines: tuple[str, ...]  # the differences, each with the rule changes responsible
    missing_in: str = ""  # the year of the side that lacks them


def scenario_files(folder: Path) -> list[Path]:
    """Return the scenarios under `folder`, leaving out the examples that must fail (`invalid/`)."""
    return sorted(p for p in folder.rglob("*.rasim")
                  if p.is_file() and "invalid" not in p.relative_to(folder).parts[:-1])


def _compile(path: Path, side, project: Path):
    body = side.edition.partition("@")[0]
    options = Options(stdlib=Path(side.root), project_root=project, editions={body: side.edition})
    return compile_file(path, str(path), options)


def _findings(compiled) -> dict[tuple, object]:
    return {(d.severity.value, d.code, d.message): d for d in compiled.diagnostics
            if d.severity.value in ("error", "warning") and d.code not in NAME_CODES}


def _missing(compiled) -> tuple[str, ...]:
    names = []
    for d in compiled.diagnostics:
        if d.code in NAME_CODES:
            found = _NAME.search(d.message)
            names.append(found.group(1) if found else d.message)
    return tuple(dict.fromkeys(names))


def responsible(citation: str | None, changes: list[Change]) -> list[Change]:
    """Return the rule changes that cite an article the diagnostic's citation names."""
    cited = {(edition, number.strip()) for numbers, edition in _CITED.findall(citation or "")
             for number in numbers.split(",")}
    if not cited:
        return []
    linked = [c for c in changes if any((r.edition, r.number) in cited for r in c.old_citation.refs + c.new_citation.refs)]
    return sorted(linked, key=lambda c: c.verdict == "neutral")  # a change of meaning before a renumbering


def impact_of(path: Path, shown: str, old, new, changes: list[Change], project: Path) -> Impact:
    """Return what the change from `old` to `new` does to the scenario at `path`."""
    before, after = _compile(path, old, project), _compile(path, new, project)
    for year, lacking, having in ((new.year, after, before), (old.year, before, after)):
        missing = tuple(n for n in _missing(lacking) if n not in _missing(having))
        if missing:
            return Impact(shown, missing, (), year)
    was, now = _findings(before), _findings(after)
    lines = []
    for key in sorted(set(now) - set(was)):
        lines.append(_finding_line(f"new {key[0]}", now[key], changes))
    for key in sorted(set(was) - set(now)):
        lines.append(_finding_line(f"{key[0]} gone", was[key], changes))
    if before.plan is not None and after.plan is not None:
        lines += [f"plan · {r.line()}" for r in compare_revisions(before.plan, after.plan)]
    return Impact(shown, (), tuple(lines))


def _finding_line(what: str, diagnostic, changes: list[Change]) -> str:
    line = f"{what} [{diagnostic.code}] {diagnostic.message}"
    if diagnostic.citation:
        line += f" ({diagnostic.citation})"
    linked = responsible(diagnostic.citation, changes)
    if linked:
        line += " ← " + "; ".join(change_line(c) for c in linked[:2])
    return line


def render_impacts(impacts: list[Impact]) -> str:
    """Return the impact section: one block per scenario that changes, one line per scenario with foreign names."""
    out = ["", f"Impact on {len(impacts)} scenario{'s' if len(impacts) != 1 else ''}:"]
    for impact in impacts:
        if impact.missing_names:
            out.append(f"  {impact.scenario}: uses names {impact.missing_in} does not have: {', '.join(impact.missing_names)}")
        elif impact.lines:
            out.append(f"  {impact.scenario}:")
            out += [f"    {line}" for line in impact.lines]
        else:
            out.append(f"  {impact.scenario}: unchanged")
    return "\n".join(out) + "\n"
