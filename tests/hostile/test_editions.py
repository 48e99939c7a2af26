"""Attack (or slip): an edition that does not exist, misspelt or of a year no edition has.

Expected: one unknown-edition error with did-you-mean and the list of
editions. Must not happen: the pin silently ignored, or fifty unknown-name
errors that follow from the missing edition.
"""

from __future__ import annotations

from .conftest import scenario, write


def _pinned(edition: str) -> str:
    return scenario().replace('Westland" {\n', f'Westland" {{\n  edition {edition}\n', 1)


def test_a_misspelt_edition_in_the_scenario(tmp_path, rasim):
    status, out, err = rasim("check", write(tmp_path / "v.rasim", _pinned("state_protcol@2024")))
    assert status == 1
    assert err.count("error[") == 1 and "error[unknown-edition]" in err
    assert "did you mean `state_protocol@2024`?" in err


def test_a_misspelt_edition_on_the_command_line(tmp_path, rasim):
    status, out, err = rasim("check", "--edition", "state_protcol@2024", write(tmp_path / "v.rasim", scenario()))
    assert status == 1
    assert "error[unknown-edition]: --edition `state_protcol@2024`" in err
    assert "did you mean `state_protocol@2024`?" in err


def test_a_year_without_an_edition_is_one_error(tmp_path, rasim):
    status, out, err = rasim("check", write(tmp_path / "v.rasim", _pinned("state_protocol@2099")))
    assert status == 1
    assert err.count("error[") == 1 and "error[unknown-edition]" in err
    assert "state_protocol@2013" in err and "state_protocol@2024" in err
