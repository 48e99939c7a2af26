"""The article indexes of the editions: complete, true to the source texts, fresh, and searchable."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rasim.library.articles import ArticleIndex, load_article_index

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "extract_articles.py"
SEEDS = REPO.parent / "shared" / "seeds"
EDITIONS = {"state_protocol@2013": ("en", 221), "state_protocol@2024": ("kk", 196),
            "mission_regulation@2021": ("en", 27)}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the repository")


def index(edition: str) -> ArticleIndex:
    found = load_article_index(edition)
    assert found is not None, f"no article index for {edition}"
    return found


# ---- completeness ---------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_article_is_there_once_in_order(edition: str) -> None:
    language, count = EDITIONS[edition]
    found = index(edition)
    assert (found.edition, found.language) == (edition, language)
    assert list(found.articles) == [str(n) for n in range(1, count + 1)]
    assert all(a.number == n for n, a in found.articles.items())


@pytest.mark.parametrize("edition", EDITIONS)
def test_texts_are_whitespace_normalised(edition: str) -> None:
    for article in index(edition).articles.values():
        for line in article.text.split("\n") if article.text else ():
            assert line and line == " ".join(line.split()), (edition, article.number, line)
            assert "\xa0" not in line


def test_the_decrees_own_points_are_not_articles() -> None:
    texts = {e: "\n".join(a.text for a in index(e).articles.values()) for e in EDITIONS}
    assert "To approve the attached Regulation" not in texts["mission_regulation@2021"]
    assert "To approve the attached State protocol" not in texts["state_protocol@2013"]
    assert "Қоса берiлiп отырған" not in texts["state_protocol@2024"]
    assert index("mission_regulation@2021").articles["1"].text.startswith("The following concepts")


# ---- spot checks against the source texts ----------------------------------------


@pytest.mark.parametrize(("edition", "reference", "phrase"), [
    ("state_protocol@2013", "9", "as a rule, does not exceed three days"),
    ("state_protocol@2013", "9", "No more than 5 state visits can be conducted per year"),
    ("state_protocol@2013", "34", "held in a 1+1 format"),
    ("state_protocol@2013", "35", "in the format of 1+10"),
    ("state_protocol@2013", "43", "The duration of the toast is 3-4 minutes"),
    ("state_protocol@2013", "91", "up to 12 people, official visit, up to 8 people"),
    ("state_protocol@2013", "96", "on the second Wednesday of January"),
    ("state_protocol@2013", "213", "Independence Day (16 December)"),
    ("state_protocol@2013", "221", "expressing condolences"),
    ("state_protocol@2024", "22", "Президент Әкімшілігі) шешімі бойынша қарсы алатын адамдардың деңгейі өзгертілуі"),
    ("state_protocol@2024", "35", "1+1 форматында"),
    ("state_protocol@2024", "85", "он екі адамға дейінгі, ресми сапарда он адамға дейінгі"),
    ("state_protocol@2024", "85", "сегіз адамға дейінгі"),
    ("state_protocol@2024", "105", "бес жұмыс күні бұрын"),
    ("state_protocol@2024", "196", "естелік сыйлықтар беру көзделеді"),
    ("mission_regulation@2021", "6.16", "up to and including emergency evacuation to a safe location"),
    ("mission_regulation@2021", "8", "headed by the Permanent Representative.\nThe Ambassador"),
    ("mission_regulation@2021", "27", "The State flag of the Republic of Kazakhstan shall be hoisted"),
    ("mission_regulation@2021", "27", "residence of the Ambassador Extraordinary and Plenipotentiary (Permanent"),
])
def test_articles_say_what_the_source_says(edition: str, reference: str, phrase: str) -> None:
    assert phrase in (index(edition).find(reference) or "")


@pytest.mark.parametrize(("edition", "number", "chapter", "section"), [
    ("state_protocol@2013", "1", "", ""),
    ("state_protocol@2013", "4", "Chapter 1. Classification of visits of foreign delegations", ""),
    ("state_protocol@2013", "19", "Chapter 2. State visits of the heads of foreign states",
     "Paragraph 1. Welcoming ceremony at the airport"),
    ("state_protocol@2024", "1", "1-тарау. Жалпы ережелер", ""),
    ("state_protocol@2024", "20", "3-тарау. Шет мемлекеттер басшыларының мемлекеттік сапары",
     "1-параграф. Әуежайда қарсы алу рәсімі"),
    ("mission_regulation@2021", "27", "9. State symbols", ""),
])
def test_chapters_and_sections(edition: str, number: str, chapter: str, section: str) -> None:
    article = index(edition).articles[number]
    assert (article.chapter, article.section) == (chapter, section)


def test_footnotes_are_kept_and_marked() -> None:
    sp = index("state_protocol@2013")
    assert sp.articles["46"].text.split("\n")[-1].startswith("[Footnote. Paragraph 46 is in the wording")
    assert sp.articles["177"].chapter.startswith("Chapter 16. ")
    assert "[Footnote. Title of Chapter 16 as amended" in sp.articles["177"].chapter
    assert index("mission_regulation@2021").articles["6"].text.split("\n")[-1].startswith("[Footnote. Paragraph 6")


def test_article_68_of_2013_has_a_heading_and_no_text() -> None:
    sp = index("state_protocol@2013")
    assert sp.find("68") == ""
    assert sp.excerpt("68") == ""
    assert sp.articles["68"].section == "Paragraph 3. Tete-a-tete meeting"
    assert any("Article 68" in d for d in sp.defects)


# ---- subparagraphs ----------------------------------------------------------------


@pytest.mark.parametrize(("edition", "number", "count"), [
    ("state_protocol@2024", "10", 14), ("state_protocol@2024", "13", 10), ("state_protocol@2024", "118", 9),
    ("state_protocol@2024", "121", 4), ("mission_regulation@2021", "1", 4), ("mission_regulation@2021", "6", 22),
    ("mission_regulation@2021", "9", 3), ("mission_regulation@2021", "12", 2),
])
def test_subparagraphs_are_numbered_as_printed(edition: str, number: str, count: int) -> None:
    assert index(edition).articles[number].subparagraphs == tuple(str(n) for n in range(1, count + 1))


def test_subparagraph_counts_per_edition() -> None:
    def total(edition: str) -> int:
        return sum(len(a.subparagraphs) for a in index(edition).articles.values())

    # The 2013 English translation numbers no list items inside its articles.
    assert (total("state_protocol@2013"), total("state_protocol@2024"), total("mission_regulation@2021")) == (0, 37, 51)


def test_subparagraph_texts() -> None:
    kk = index("state_protocol@2024")
    assert kk.find("10.8") == "ағаш отырғызу (ауа райы қолайлы болса);"
    # The unnumbered paragraph between 8) and 9) continues 8).
    assert kk.find("118.8").split("\n")[1].startswith("Сапарда мейманмен")
    assert kk.find("118.9") == "тараптардың келісуі бойынша басқа да іс-шаралар өткізіледі."
    mr = index("mission_regulation@2021")
    # Paragraphs after the last subparagraph belong to the article, footnotes too.
    assert mr.find("9.3") == "in the Diplomatic Mission of the Republic of Kazakhstan - the acting Chargé d'Affaires."
    assert "Footnote" not in mr.find("12.2")


# ---- appendices ---------------------------------------------------------------------

# Read off the source: 13, 34-35 and 49 (Appendix 1), 15, 39-40 and 53 (Appendix 2) are skipped.
_A1_2013 = ([str(n) for n in range(1, 7)] + ["6-1", "7", "8", "8-1", "9", "10", "11", "12"]
            + ["14", "14-1", "14-2", "14-3"] + [str(n) for n in range(15, 23)]
            + ["22-1", "23", "23-1", "24", "24-1", "25", "25-3"] + [str(n) for n in range(26, 34)]
            + [str(n) for n in range(36, 43)] + ["42-1", "42-2"] + [str(n) for n in range(43, 49)]
            + ["50", "51", "52", "52-1", "53", "54", "55"])
_A2_2013 = ([str(n) for n in range(1, 7)] + ["6-1", "7", "8", "9", "9-1"] + [str(n) for n in range(10, 15)]
            + ["16", "16-1", "16-2", "16-3", "16-4"] + [str(n) for n in range(17, 28)] + ["27-1", "28", "28-1", "29",
            "29-3"] + [str(n) for n in range(30, 39)] + [str(n) for n in range(41, 47)] + ["46-1", "46-2"]
            + [str(n) for n in range(47, 53)] + ["52-1", "54", "55", "56", "56-1", "57", "58", "59"])


def test_2013_appendix_numbers_are_kept_as_printed() -> None:
    sp = index("state_protocol@2013")
    assert list(sp.appendices) == ["A1", "A2"]
    assert list(sp.appendices["A1"].entries) == _A1_2013
    assert list(sp.appendices["A2"].entries) == _A2_2013
    assert sp.find("A1.6-1") == "Head of the Office of the First President – Elbasy"
    assert sp.find("A1.32").startswith("Is excluded by the Decree")
    assert sp.find("A2.50").startswith("Is excluded by the Decree")
    assert sp.appendices["A1"].title.endswith("in conducting domestic activities")
    assert sp.appendices["A1"].notes == ("The spouse has the seniority of his/ her spouse)",)
    assert any("skips the numbers 13, 34, 35, 49" in d for d in sp.defects)


def test_2024_appendices_are_numbered_in_order_with_lost_entries_marked() -> None:
    kk = index("state_protocol@2024")
    a1, a2 = kk.appendices["A1"].entries, kk.appendices["A2"].entries
    assert list(a1) == [str(n) for n in range(1, 52)] and list(a2) == [str(n) for n in range(1, 56)]
    assert [a1[n] for n in ("1", "2", "3")] == [
        "[reconstructed] Президент", "[reconstructed] Премьер-Министр", "Парламент Сенатының Төрағасы"]
    assert (a1["6"], a1["8"]) == ("Президент Әкімшілігінің Басшысы", "Конституциялық Сот Төрағасы")
    assert a1["39"] == "Парламент депутаттары (тектерінің мемлекеттік тілдегі әліпбилік ретімен)"
    assert a1["51"] == "Қазақстандық саяси партиялар мен өзге де қоғамдық бірлестіктердің басшылары"
    assert a2["7"].startswith("[missing]") and a2["8"] == "Сыртқы істер министрі"
    marked = sorted(f"{k}.{n}" for k, ap in kk.appendices.items() for n, text in ap.entries.items()
                    if text.startswith(("[reconstructed] ", "[missing]")))
    assert marked == ["A1.1", "A1.2", "A1.7", "A2.1", "A2.2", "A2.7"]
    for reference in marked:
        assert any(reference in d for d in kk.defects), f"no defect line names {reference}"
    assert kk.appendices["A2"].notes[0].startswith("Ескертпе:")


def test_every_edition_records_its_defects() -> None:
    for edition in EDITIONS:
        assert index(edition).defects
        assert all(d.endswith(".") for d in index(edition).defects)


# ---- find and excerpt ---------------------------------------------------------------


@pytest.mark.parametrize(("edition", "reference"), [
    ("state_protocol@2013", "222"), ("state_protocol@2013", "0"), ("state_protocol@2013", "9.1"),
    ("state_protocol@2013", "A1.13"), ("state_protocol@2013", "A1.25-1"), ("state_protocol@2013", "A3"),
    ("state_protocol@2013", "031"), ("state_protocol@2024", "197"), ("state_protocol@2024", "10.15"),
    ("state_protocol@2024", "A1.52"), ("state_protocol@2024", "A1.0"), ("mission_regulation@2021", "28"),
    ("mission_regulation@2021", "A1"), ("mission_regulation@2021", "6.23"), ("mission_regulation@2021", ""),
    ("mission_regulation@2021", "abc"), ("mission_regulation@2021", "6."), ("mission_regulation@2021", "1.2.3"),
    ("mission_regulation@2021", " 6"), ("state_protocol@2013", "A1."), ("state_protocol@2013", "a1.5"),
])
def test_unknown_references_give_none(edition: str, reference: str) -> None:
    assert index(edition).find(reference) is None
    assert index(edition).excerpt(reference) == ""


def test_whole_appendix_text() -> None:
    text = index("state_protocol@2013").find("A1")
    lines = text.split("\n")
    assert lines[0] == index("state_protocol@2013").appendices["A1"].title
    assert lines[1:3] == ["1. President", "2. Prime-Minister"]
    assert lines[-1] == "The spouse has the seniority of his/ her spouse)"


def test_excerpt_takes_whole_sentences_within_the_limit() -> None:
    sp = index("state_protocol@2013")
    first = ("During the state visit, a specially emphasized high level of the meeting, the guest's farewell and the "
             "most complete amount of ceremonial honors shall be provided.")
    assert sp.excerpt("9") == first
    second = "The guest's stay in the Republic of Kazakhstan, as a rule, does not exceed three days."
    assert sp.excerpt("9", limit=len(first) + 1 + len(second)) == f"{first} {second}"
    assert sp.excerpt("9", limit=len(first) + len(second)) == first
    short = sp.excerpt("9", limit=40)
    assert short.endswith("…") and len(short) <= 40 and short.startswith("During the state visit")
    # "1-1. 5 hours" does not end a sentence; footnotes are left out.
    assert "1-1. 5 hours" in sp.excerpt("69", limit=400)
    assert "Footnote" not in sp.excerpt("170", limit=1000)
    assert sp.excerpt("A1") == sp.appendices["A1"].title
    assert index("state_protocol@2024").excerpt("A1.7") == "[reconstructed] Экс-Президенттер"


@pytest.mark.parametrize("edition", EDITIONS)
def test_excerpts_respect_the_limit(edition: str) -> None:
    found = index(edition)
    for number in found.articles:
        for limit in (30, 200):
            assert len(found.excerpt(number, limit)) <= limit


def test_loading_is_cached_and_safe() -> None:
    assert load_article_index("state_protocol@2013") is load_article_index("state_protocol@2013")
    for edition in ("state_protocol@1999", "no_such_body@2013", "state_protocol", "../stdlib@2013", ""):
        assert load_article_index(edition) is None


# ---- the extraction script ----------------------------------------------------------


def _run(seeds: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--seeds", str(seeds), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)


@needs_seeds
def test_script_is_deterministic_and_the_shipped_json_is_fresh(tmp_path: Path) -> None:
    for run in ("one", "two"):
        result = _run(SEEDS, tmp_path / run)
        assert result.returncode == 0, result.stderr
    for edition in EDITIONS:
        body, year = edition.split("@")
        relative = Path(body, year, "articles.json")
        one, two = (tmp_path / "one" / relative).read_bytes(), (tmp_path / "two" / relative).read_bytes()
        assert one == two
        assert one.endswith(b"}\n")
        shipped = REPO / "stdlib" / relative
        assert shipped.read_bytes() == one, f"{shipped} is stale: run .venv/bin/python tools/extract_articles.py"


@needs_seeds
@pytest.mark.parametrize(("seed", "mangle", "message"), [
    ("002_8961f7b1f695a33f.txt", lambda lines: [l for l in lines if not l.lstrip().startswith("150. ")],
     "article 151 follows article 149"),
    ("000_c836cdb49ab3e0d0.txt", lambda lines: lines + ["      27. A second paragraph 27."],
     "article 27 appears twice"),
    ("000_c836cdb49ab3e0d0.txt", lambda lines: [l.replace("      27. ", "      28. ") for l in lines],
     "article 28 follows article 26"),
])
def test_script_fails_loudly_on_a_wrong_split(tmp_path: Path, seed: str, mangle, message: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("002_8961f7b1f695a33f.txt", "000_c836cdb49ab3e0d0.txt"):
        shutil.copyfile(SEEDS / name, seeds / name)  # copyfile: the copies are writable, the seeds are not
    path = seeds / seed
    path.write_text("\n".join(mangle(path.read_text(encoding="utf-8").split("\n"))), encoding="utf-8")
    result = _run(seeds, tmp_path / "out")
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / "out").exists(), "a failed extraction must write nothing"


# ---- the text behind a citation, as diagnostics show it ---------------------------


def test_a_citation_is_quoted_in_the_language_of_its_edition():
    from rasim.library.articles import quote_citation

    quotes = quote_citation("§ 91 of state_protocol@2013; § 185 of state_protocol@2024")
    assert [(article, edition) for article, edition, _ in quotes] == [
        ("91", "state_protocol@2013"), ("185", "state_protocol@2024")]
    assert quotes[0][2].startswith("During a state visit, the officials of the delegation - up to 12 people")
    assert quotes[1][2] == ("Жаңадан тағайындалған елшілердің келу кезектілігі Қазақстан Республикасына "
                            "келген күні мен уақытына сәйкес айқындалады.")
    assert quote_citation("§ 999 of state_protocol@2013") == []
    assert quote_citation(None) == []


def test_rasim_check_prints_the_article_a_diagnostic_cites():
    completed = subprocess.run(
        [sys.executable, "-m", "rasim", "check", "scenarios/invalid/2025-03-credentials-out-of-order-2024ed.rasim"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert completed.returncode == 1
    assert "  cite: § 185 of state_protocol@2024\n        § 185: Жаңадан тағайындалған елшілердің келу " \
           "кезектілігі" in completed.stderr
    as_json = subprocess.run(
        [sys.executable, "-m", "rasim", "check", "--format", "json",
         "scenarios/invalid/2025-03-credentials-out-of-order-2024ed.rasim"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    import json

    found = [d for d in json.loads(as_json.stdout) if d["code"] == "order-violated"]
    assert found[0]["articles"][0]["article"] == "185"
