"""`rasim article EDITION N` prints what a citation points to, in the language of the text the library holds."""

from __future__ import annotations

from rasim.cli.commands import main


def test_an_article_of_2024_is_printed_in_kazakh(capsys):
    assert main(["article", "state_protocol@2024", "22"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("§ 22 of state_protocol@2024 (Kazakh")
    assert "Президенті Әкімшілігінің" in out and "деңгейі өзгертілуі мүмкін" in out


def test_an_article_of_2013_and_an_appendix_entry(capsys):
    assert main(["article", "state_protocol@2013", "22"]) == 0
    assert "the level of welcoming officials from the Kazakh side may be reduced" in capsys.readouterr().out
    assert main(["article", "state_protocol@2013", "A2.1"]) == 0
    assert capsys.readouterr().out.strip().endswith(("President of the Republic of Kazakhstan", "President"))


def test_an_article_the_source_has_no_text_for_says_so(capsys):
    assert main(["article", "state_protocol@2013", "68"]) == 0
    assert "no text" in capsys.readouterr().out


def test_a_misspelt_edition_and_a_missing_article_are_refused_with_hints(capsys):
    assert main(["article", "state_protcol@2024", "22"]) == 2
    assert "did you mean state_protocol@2024?" in capsys.readouterr().err
    assert main(["article", "state_protocol@2024", "999"]) == 1
    assert "has no article 999" in capsys.readouterr().err
