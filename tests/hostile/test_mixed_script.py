"""Attack: a name with a Cyrillic letter that looks like a Latin one (`wеather_permitting`).

Expected: a mixed-script warning that names the foreign letter and the
declared name it resembles. Must not happen: a silent look-alike, or a
warning for names written wholly in Kazakh or with words each in one script.
"""

from __future__ import annotations

from .conftest import scenario, write


def test_lookalike_of_a_library_name_is_named(tmp_path, rasim):
    path = write(tmp_path / "visit.rasim", scenario().replace("assume parties_agree yes",
                                                                "assume parties_agree yes\n  assume wеather_permitting yes"))
    status, out, err = rasim("check", path)
    assert "warning[mixed-script]" in err
    assert "U+0435" in err and "looks like `weather_permitting`" in err


def test_kazakh_names_and_bilingual_words_are_fine(tmp_path, rasim):
    path = write(tmp_path / "names.rasim", 'role қонақ_үй "Guest house"\nplace akorda_залы "Hall"\n')
    status, out, err = rasim("check", path)
    assert status == 0 and "mixed-script" not in err, err


def test_a_declared_lookalike_in_the_same_file(tmp_path, rasim):
    path = write(tmp_path / "names.rasim", 'role host "Host"\nrole hоst "Host again"\n')
    status, out, err = rasim("check", path)
    assert "warning[mixed-script]" in err and "looks like `host`" in err
