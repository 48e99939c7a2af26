"""Every visit format of a head of state and of a head of government has an example in each edition.

The formats are those declared in stdlib/state_protocol/<edition>/heads_of_state.rasim
and heads_of_government.rasim. A format counts as covered in an edition when at
least one scenario of scenarios/ (scenarios/invalid/ excluded) is a visit in that
format and is checked under that edition: the edition the scenario pins with
`edition state_protocol@YEAR`, else the one in force on its arrival date. The
compiler works both out (the format the visit names, resolved, and
`bound.editions` of the resolved file), so this test follows the compiler's own
choice of edition rather than reading dates from the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasim import tree as t
from rasim.syntax.parse import parse
from rasim.driver import Options, compile_file
from rasim.resources import data_path

REPO = Path(__file__).resolve().parent.parent
BODY = "state_protocol"
FORMAT_FILES = ("heads_of_state.rasim", "heads_of_government.rasim")
SCENARIOS = sorted(p for p in (REPO / "scenarios").rglob("*.rasim")
                   if "invalid" not in p.relative_to(REPO / "scenarios").parts)


def _shown(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _declared_formats() -> list[tuple[str, str, str]]:
    """Return (edition, format, file) for every format of the heads-of-state and heads-of-government files."""
    declared = []
    for folder in sorted(p for p in (REPO / "stdlib" / BODY).iterdir() if p.is_dir()):
        for name in FORMAT_FILES:
            path = folder / name
            if not path.is_file():
                continue
            module = parse(path.read_text("utf-8"), _shown(path)).module
            assert module is not None and module.header is not None, f"{_shown(path)} does not parse"
            edition = module.header.edition.text
            declared += [(edition, item.name.text, _shown(path)) for item in module.items
                         if isinstance(item, t.Format)]
    return declared


DECLARED = _declared_formats()


@pytest.fixture(scope="module")
def used_formats() -> dict[tuple[str, str], list[str]]:
    """Map (edition, format) to the scenarios that are visits in that format checked under that edition."""
    options = Options(stdlib=data_path("stdlib"), project_root=REPO / "scenarios", editions={})
    used: dict[tuple[str, str], list[str]] = {}
    for path in SCENARIOS:
        compiled = compile_file(path, _shown(path), options, until="resolve")
        bound = compiled.bound
        if bound is None or bound.scenario is None or BODY not in bound.editions:
            continue
        edition = bound.editions[BODY].ref
        for visit in (i for i in bound.scenario.items if isinstance(i, t.Visit)):
            symbol = bound.lookup(visit.format)
            if symbol is None or not isinstance(symbol.node, t.Format) or symbol.edition != edition:
                continue
            used.setdefault((edition, symbol.node.name.text), []).append(_shown(path))
    return used


def test_both_editions_declare_formats():
    editions = {edition for edition, _, _ in DECLARED}
    assert {f"{BODY}@2013", f"{BODY}@2024"} <= editions, f"formats found only for {sorted(editions)}"


@pytest.mark.parametrize(("edition", "name", "declared_in"), DECLARED,
                         ids=[f"{edition}:{name}" for edition, name, _ in DECLARED])
def test_format_has_an_example_scenario(edition: str, name: str, declared_in: str, used_formats):
    assert (edition, name) in used_formats, (
        f"no scenario in scenarios/ (outside scenarios/invalid/) is a `{name}` visit checked under {edition} "
        f"(the format is declared in {declared_in}); add one")
