"""`rasim new FORMAT`: a draft for every format of every edition parses, checks clean and is formatted."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from rasim.cli.commands import main
from rasim.diagnostics import Severity
from rasim.driver import Options, compile_text
from rasim.library.load import load_library
from rasim.model.lower_law import lowered
from rasim.resources import data_path
from rasim.syntax.parse import parse
from rasim.tools.fmt import format_module
from rasim.tools.new_scenario import formats_of, skeleton

STDLIB = data_path("stdlib")
LIBRARY = load_library(str(STDLIB))
TODAY = datetime.date(2026, 12, 4)
EVERY_FORMAT = [(ref, name) for ref, edition in sorted(LIBRARY.editions.items()) for name in formats_of(edition)]
# A draft may be told only this: the library restored a precedence entry missing from the extracted text.
DRAFT_FINDINGS = {"reconstructed-entry"}


def _checked(text: str):
    options = Options(stdlib=STDLIB, project_root=Path.cwd(), editions={})
    return compile_text(text, "draft.rasim", options, until="schedule")


def test_every_edition_with_formats_is_covered():
    assert len(EVERY_FORMAT) > 50
    assert {ref for ref, _ in EVERY_FORMAT} >= {"state_protocol@2013", "state_protocol@2024"}


@pytest.mark.parametrize(("ref", "name"), EVERY_FORMAT, ids=[f"{r}:{n}" for r, n in EVERY_FORMAT])
def test_the_draft_of_every_format_parses_checks_and_is_formatted(ref: str, name: str):
    text = skeleton(LIBRARY, name, ref, TODAY)
    parsed = parse(text, "draft.rasim")
    assert parsed.ok, parsed.diagnostics
    assert format_module(parsed, text) == text
    found = _checked(text).diagnostics
    assert {d.code for d in found} <= DRAFT_FINDINGS, [(d.code, d.message) for d in found]
    assert all(d.severity is Severity.NOTE for d in found)
    assert f"visit {name} {{" in text and f"edition {ref}" in text


@pytest.mark.parametrize(("ref", "name"), EVERY_FORMAT, ids=[f"{r}:{n}" for r, n in EVERY_FORMAT])
def test_the_program_calls_each_required_item_once_with_an_article(ref: str, name: str):
    text = skeleton(LIBRARY, name, ref, TODAY)
    symbols = LIBRARY.editions[ref].symbols
    program = text[text.index("  program {"):].splitlines()
    for rule in lowered(symbols[name]).rules:
        if rule.modality not in ("shall", "as_a_rule"):
            continue
        for target in rule.targets:
            called = [n for n in target.names if symbols[n].kind == "ceremony"][:1 if target.one_of else None]
            for ceremony in called:
                lines = [i for i, line in enumerate(program) if re.search(rf"\b{ceremony} \d+ min", line)]
                assert len(lines) == 1, f"{ceremony} is called {len(lines)} times"
                # The call's article ends its entry (a `then` chain may continue on the next line).
                entry = " ".join(program[lines[0]:lines[0] + 3])
                assert re.search(rf"{ceremony} \d+ min[^#]*# § [^#]*of {re.escape(ref)}", entry)


def test_a_state_visit_draft_lists_the_roles_conditions_agreement_points_and_limits():
    text = skeleton(LIBRARY, "state_visit", None, TODAY)
    assert "edition state_protocol@2024" in text  # the edition in force on TODAY
    assert '# president "Name" male' in text and '# minister_of_foreign_affairs "Name" male' in text
    assert "# media " not in text and "# guest_ambassador" not in text  # not people the host names
    assert re.search(r"assume weather_permitting unknown  # Favourable weather, settled by fact § 10\.8", text)
    assert re.search(r"assume parties_agree unknown for [^\n]*tree_planting", text)
    assert "count delegation_at_host_expense = 0  # <= 12 people § 85 of state_protocol@2024" in text
    assert re.search(r"event working_group_arrival 2026-12-29 10:00 Asia/Almaty  # > 0 days before arrival", text)
    assert "10:15 akorda_welcome" not in text and "akorda_welcome 30 min then negotiations_narrow" in text
    assert "airport_welcome 30 min  # § 10.1, 20 of state_protocol@2024" in text
    assert "# may: country_trip when parties_agree  # § 10.9, 50 of state_protocol@2024" in text
    assert text.index("airport_welcome 30 min") < text.index("airport_farewell 30 min")


def test_the_2013_edition_is_drafted_within_its_time_in_force():
    text = skeleton(LIBRARY, "state_visit", "state_protocol@2013", TODAY)
    arrival = datetime.date.fromisoformat(re.search(r"arrive (\S+)", text).group(1))
    assert datetime.date(2013, 4, 18) <= arrival <= datetime.date(2024, 2, 12)
    assert arrival.weekday() == 1


def test_the_same_day_gives_the_same_draft():
    assert skeleton(LIBRARY, "official_visit", None, TODAY) == skeleton(LIBRARY, "official_visit", None, TODAY)


def test_rasim_new_writes_the_file_and_never_replaces_one_unasked(tmp_path: Path, capsys):
    target = tmp_path / "draft.rasim"
    assert main(["new", "working_visit", "-o", str(target)]) == 0
    written = target.read_text(encoding="utf-8")
    assert "visit working_visit {" in written and not _checked(written).diagnostics
    target.write_text("# mine\n", encoding="utf-8")
    assert main(["new", "working_visit", "-o", str(target)]) == 2
    assert "exists" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "# mine\n"
    assert main(["new", "working_visit", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == written
    assert [p.name for p in tmp_path.iterdir()] == ["draft.rasim"]


def test_rasim_new_says_why_it_cannot_draft(capsys):
    assert main(["new", "no_such_format"]) == 2
    assert "no visit format `no_such_format`" in capsys.readouterr().err
    assert main(["new", "arrival_of_ambassador"]) == 2
    assert "state_protocol@2013 only" in capsys.readouterr().err
    assert main(["new", "state_visit", "--edition", "state_protocol@1999"]) == 2
    assert "no edition `state_protocol@1999`" in capsys.readouterr().err
    assert main(["new", "state_visit", "--edition", "mission_regulation@2021"]) == 2
    assert "not a visit format of mission_regulation@2021" in capsys.readouterr().err


def test_rasim_new_prints_the_draft_without_a_file(capsys):
    assert main(["new", "private_visit", "--edition", "state_protocol@2024"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Draft of a scenario: Private visit") and "visit private_visit {" in out
