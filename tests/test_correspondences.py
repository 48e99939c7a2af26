"""Keep the correspondences between the State Protocol's editions complete, and scenarios checkable under both.

Every 2024 declaration of the kinds a scenario names either continues a 2013
declaration (by its `lineage` or by keeping its name and kind) or says it has
none. Every example scenario, checked under the edition it was not written
for, gets the diagnostics listed in tests/cases/editions/other_edition.txt
(`pytest --update-expected` rewrites it) and never more than one error per
name it cannot translate: no cascade of unknown names.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rasim.driver import Options, compile_file
from rasim.library.load import load_library
from rasim.resolve.translate import correspondences, edition_lineages, lineages
from rasim.resources import data_path

REPO = Path(__file__).resolve().parent.parent
EXPECTED = REPO / "tests" / "cases" / "editions" / "other_edition.txt"
KINDS = {"visit format", "ceremony", "role", "place", "unit", "condition", "quantity", "guest kind",
         "precedence table", "state symbol"}
OLD, NEW = "state_protocol@2013", "state_protocol@2024"
SCENARIOS = sorted((REPO / "scenarios").glob("*.rasim"))


@pytest.fixture(scope="module")
def library():
    return load_library(str(data_path("stdlib")))


def test_every_2024_declaration_continues_a_2013_one_or_says_it_has_none(library):
    table = lineages(library, OLD, NEW)
    new = library.editions[NEW].symbols
    unaccounted = [name for name, symbol in new.items() if symbol.kind in KINDS
                   and not table.forward.get(name) and name not in table.reasons]
    assert not unaccounted, f"2024 declarations with neither a 2013 counterpart nor a reason: {unaccounted}"


def test_correspondences_name_the_renames_merges_and_splits(library):
    found = correspondences(library, OLD, NEW)
    assert found["akim"] == ("akim_of_capital", "akim_of_region", "akim_of_city")
    assert found["government_official_visit"] == ("official_visit_of_head_of_government",)
    assert found["credentials_ceremony"] == ("credentials_presentation",)
    assert found["president"] == ("president",)
    assert found["chief_guest"] == ("main_guest",)
    splits = lineages(library, OLD, NEW).backward()
    assert splits["airport_meeting_of_foreign_minister"] == ("airport_farewell_foreign_minister",
                                                             "airport_welcome_foreign_minister")
    # A declaration said to have no counterpart maps to nothing, with its reason.
    assert found["airport_meeting_agreed_officials"] == ()
    assert "airport_meeting_agreed_officials" in lineages(library, OLD, NEW).reasons
    assert "commandant_of_akorda" in lineages(library, OLD, NEW).removed


def test_the_lineages_live_in_the_later_edition(library):
    assert edition_lineages(library.editions[NEW])
    assert not edition_lineages(library.editions[OLD])


def _other_edition(library, path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return OLD if "2024ed" in path.name or "edition state_protocol@2024" in text else NEW


def _diagnostics_under_other_edition(library) -> dict[str, list[str]]:
    report = {}
    for path in SCENARIOS:
        other = _other_edition(library, path)
        shown = path.relative_to(REPO).as_posix()
        result = compile_file(path, shown, Options(stdlib=data_path("stdlib"), project_root=REPO / "scenarios",
                                                   editions={"state_protocol": other}))
        report[f"{shown} under {other}"] = [
            f"{d.span.line if d.span else 0}: {d.severity.name.lower()}[{d.code}] {d.message}"
            for d in result.diagnostics]
    return report


@pytest.fixture(scope="module")
def other_edition(library):
    return _diagnostics_under_other_edition(library)


def test_scenarios_under_the_other_edition_get_the_expected_diagnostics(other_edition, request):
    text = "".join(f"## {key}\n" + "".join(f"{line}\n" for line in lines) + "\n"
                   for key, lines in other_edition.items())
    if request.config.getoption("--update-expected", default=False):
        EXPECTED.write_text(text, encoding="utf-8")
    assert EXPECTED.read_text(encoding="utf-8") == text


def test_an_untranslatable_name_is_one_error_not_a_cascade(other_edition):
    for key, lines in other_edition.items():
        assert not any("[unknown-name]" in line for line in lines), key
        names = Counter(line.split("`")[1] for line in lines if "[no-counterpart]" in line)
        assert all(count == 1 for count in names.values()), (key, names)
