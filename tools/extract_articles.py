"""Extract the article index of every edition from the seed texts into stdlib/**/articles.json.

Run from anywhere: `.venv/bin/python tools/extract_articles.py [--seeds DIR] [--out DIR]`.
The seeds default to ../shared/seeds beside the repository, the output to
stdlib/. Each edition gets stdlib/<body>/<year>/articles.json: every article
with its chapter, section, text (one paragraph of the source a line, footnotes
kept in [brackets]) and subparagraph numbers; the appendices with their
entries as numbered in the source; and the defects of the extracted text, each
as a sentence. The output is deterministic, and nothing is written unless all
three editions extract cleanly: a missing, duplicated or out-of-order article,
a known defect whose evidence is gone, or an unexpected gap in a list stops the
script with exit status 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from attrs import frozen

REPO = Path(__file__).resolve().parent.parent
STATE_PROTOCOL = "002_8961f7b1f695a33f.txt"
MISSION_REGULATION = "000_c836cdb49ab3e0d0.txt"

RECONSTRUCTED = "[reconstructed] "
MISSING = "[missing] entry lost in extraction; its text is not known"
_WRAPPED_PUNCTUATION = ".,;:)"


class ExtractionError(Exception):
    """The seed text does not split as expected; the message says where."""


@frozen
class Dialect:
    """The headings and markers of one source text."""

    chapter: str  # regex on an unindented paragraph
    section: str | None  # regex on an unindented paragraph
    footnote: str  # prefix of an indented paragraph
    appendix_header: str | None  # regex on the paragraph that opens an appendix
    decree_appendix: str | None  # regex on the heading of the decree's own appendix: the end
    numbered_entries: bool  # appendix entries carry their numbers ("6-1. ...")


ENGLISH_2013 = Dialect(r"Chapter \d+\. ", r"Paragraph \d+\. ", "Footnote.",
                       r"to the State protocol of the Republic of Kazakhstan", r"to the Decree of the President", True)
KAZAKH_2024 = Dialect(r"\d+-тарау\. ", r"\d+-параграф\. ", "Ескерту.",
                      r"Қазақстан Республикасының Мемлекеттік протоколына$",
                      r"Қазақстан Республикасы 2006 жылғы 12 қазандағы № 201 Жарлығына$", False)
REGULATION = Dialect(r"\d+\. ", None, "Footnote.", None, None, True)


@frozen
class Edition:
    """One edition: where its text is, how it is written, what it must contain."""

    ref: str
    language: str
    seed: str
    lines: tuple[int, int] | None  # first and last line; None: the whole file
    start_after: str  # the body starts after the paragraph that begins so
    dialect: Dialect
    article_count: int
    missing_articles: dict[str, str]  # number -> defect, articles with a heading and no text
    # (appendix, entry before or None at the top) -> (the lost entries, None where unknown; the reason)
    gaps: dict[tuple[str, str | None], tuple[tuple[str | None, ...], str]]
    defects: tuple[tuple[str, str, str], ...]  # (where, evidence, sentence)
    appendix_count: int = 0


EDITIONS = (
    Edition(
        "state_protocol@2013", "en", STATE_PROTOCOL, (1100, 2095), "Footnote. State protocol is in the wording",
        ENGLISH_2013, 221,
        {"68": "Article 68 (Chapter 3, \"Paragraph 3. Tete-a-tete meeting\") has its heading but no text in the "
               "source; it is recorded with empty text."},
        {},
        (
            ("", "to the State protocol of the", "The headings \"Appendix 1\" and \"Appendix 2\" were lost in "
             "extraction (only \"to the State protocol of the Republic of Kazakhstan, approved by ...\" remains); "
             "the appendices are numbered A1 and A2 in the order they appear."),
            ("1", "The State protocol of the Republic of Kazakhstan (hereinafter", "Articles 1-3 stand before "
             "Chapter 1 under no chapter heading (this edition has no \"General provisions\" chapter); their "
             "chapter is left empty."),
            ("16", "Frequent visits include", "Articles 16 and 84 call private visits \"frequent visits\", a "
             "mistranslation: article 7 lists the formats as state, official, working, private and transit."),
            ("12", "at the top and highest levels", "Article 12 says official visits are \"at the top and highest "
             "levels\"; article 6 names the levels \"top-level\" and \"high-level\"."),
            ("25", "of the respective sex).", "Article 25 ends with a stray closing parenthesis (\"of the "
             "respective sex).\")."),
            ("69", "1-1. 5 hours", "Article 69 gives the length of the working breakfast as \"1-1. 5 hours\", a "
             "broken \"1-1.5 hours\"."),
            ("135", "(breakfast, lunch, dinner) can be arranged", "The last paragraph of article 135 lacks its "
             "full stop."),
            ("203", "assistant of the Presidential", "Articles 203 and 212 say \"the Presidential\" where \"the "
             "President\" is meant (\"assistant of the Presidential for international affairs\", "
             "\"Administration of the Presidential\")."),
            ("207", "State Councilor", "Articles 207 and 208 call the State Adviser \"State Councilor\" and "
             "\"State Counselor\"; elsewhere the translation says \"State Adviser\" (\"State counsellor\" in the "
             "appendices)."),
            ("A1", "his/ her spouse)", "The note under Appendix 1 (\"The spouse has the seniority of his/ her "
             "spouse)\") lost its opening parenthesis; it is kept as a note of the appendix."),
            ("A2.35", "Minster of Internal Affairs", "Appendix 2 entry 35 misspells \"Minster of Internal "
             "Affairs\"."),
        ),
        appendix_count=2,
    ),
    Edition(
        "state_protocol@2024", "kk", STATE_PROTOCOL, (1, 1098), "Ескерту. Мемлекеттік протокол жаңа редакцияда",
        KAZAKH_2024, 196, {},
        {
            ("A1", None): (("Президент", "Премьер-Министр"), "they head the list in every other edition"),
            ("A1", "Президент Әкімшілігінің Басшысы"): (
                ("Экс-Президенттер",), "public reports of the list place the former Presidents there"),
            ("A2", None): (("Президент", "Премьер-Министр"), "they head the list in every other edition"),
            ("A2", "Президент Әкімшілігінің Басшысы"): (
                (None,), "the same gap as in Appendix 1, but no source at hand says what stood here"),
        },
        (
            ("", "Мемлекеттік протоколына", "The headings \"1-қосымша\" and \"2-қосымша\" were lost in extraction "
             "(only \"Қазақстан Республикасының Мемлекеттік протоколына\" remains); the appendices are numbered A1 "
             "and A2 in the order they appear."),
            ("A1", "лауазымды адамдарының", "The titles of both appendices stop after \"лауазымды адамдарының\": "
             "the words for \"protocol seniority\" are lost; the titles are kept as printed."),
            ("A1", "Парламент Сенатының Төрағасы", "Both appendices lost their numbering in extraction; their "
             "entries are numbered 1, 2, ... in the order they appear, counting the lost entries."),
            ("A1", "Еңбек Epi", "The title \"Қазақстанның Еңбек Ері\" is written with Latin letters as \"Еңбек "
             "Epi\" in both appendices."),
            ("24", "VІР", "\"VIP\" is spelled with Cyrillic letters (\"VІР\": Latin V, Cyrillic І and Р) in "
             "articles 24, 58 and 114, so a search for \"VIP\" misses them."),
            ("118", "Сапарда мейманмен", "In article 118 an unnumbered paragraph (who accompanies the guest on "
             "the trip) stands between subparagraphs 8) and 9); it is read as the end of subparagraph 8, which "
             "it continues."),
            ("", "№ 201 Жарлығына", "The text ends with the heading of the decree's own appendix (\"Қазақстан "
             "Республикасы 2006 жылғы 12 қазандағы № 201 Жарлығына\") without its body, the list of acts made "
             "invalid."),
        ),
        appendix_count=2,
    ),
    Edition(
        "mission_regulation@2021", "en", MISSION_REGULATION, None, "Resolution on diplomatic and equivalent",
        REGULATION, 27, {}, {},
        (
            ("", "Resolution on diplomatic and equivalent", "The title of the Regulation is mistranslated as "
             "\"Resolution on diplomatic and equivalent representative office ...\"; the decree approves a "
             "Regulation. The decree's own points 1-3 before it are not paragraphs of the Regulation."),
            ("6", "their assigned missions", "Subparagraph 6.7 lacks its closing semicolon."),
            ("9", "Attorney in affairs", "Paragraph 9 translates the chargé d'affaires once as \"Attorney in "
             "affairs\" and once as \"Charge d'Affaires\", without the accent."),
            ("14", "host state..", "Paragraph 14 ends its last sentence with a double full stop (\"host "
             "state..\")."),
        ),
    ),
)


@frozen
class Para:
    """One paragraph of the source: its first line, whitespace-normalised text, indentation and the blanks before."""

    line: int
    text: str
    indented: bool
    blank_before: int


def read_paragraphs(lines: list[str], first: int, last: int, defects: list[str]) -> list[Para]:
    """Join the lines `first`..`last` (1-based) into paragraphs.

    An indented line, or one after a blank, opens a paragraph; any other line
    continues the one before (the Mission Regulation wraps its lines).
    """
    paras: list[Para] = []
    blank = 0
    rejoined: list[int] = []
    for number in range(first, last + 1):
        raw = lines[number - 1]
        text = " ".join(raw.split())  # str.split also takes the no-break spaces of the source
        if not text:
            blank += 1
            continue
        # Four columns: the Kazakh appendix headers are indented by two only, and belong together.
        indented = len(raw) - len(raw.lstrip()) >= 4
        previous = paras[-1] if paras else None
        lost_indent = (previous is not None and not blank and not indented and previous.text.endswith(".")
                       and text[0].isupper())
        if previous is None or blank or indented or lost_indent:
            if lost_indent:
                start = text[:40].rsplit(" ", 1)[0]
                defects.append(f"Line {number} of the source (\"{start} ...\") lost its paragraph indentation; "
                               "it is read as a new paragraph.")
            paras.append(Para(number, text, indented, blank))
        else:
            glue = " "
            if text[0] in _WRAPPED_PUNCTUATION or previous.text.endswith("("):
                glue = ""
                rejoined.append(number)
            paras[-1] = Para(previous.line, previous.text + glue + text, previous.indented, previous.blank_before)
        blank = 0
    if rejoined:
        where = ", ".join(str(n) for n in rejoined)
        defects.append(f"Punctuation that the source wraps onto the next line (lines {where}) is joined back to "
                       "the word before it.")
    return paras


def split_regions(paras: list[Para], edition: Edition) -> tuple[list[Para], list[list[Para]]]:
    """Return the body (the articles) and each appendix.

    The decree's own appendix after them (the acts it made invalid) is no part
    of the edition and is dropped.
    """
    dialect = edition.dialect
    starts = [i for i, p in enumerate(paras) if p.text.startswith(edition.start_after)]
    if len(starts) != 1:
        raise ExtractionError(f"{edition.ref}: expected one paragraph starting {edition.start_after!r}, "
                              f"found {len(starts)}")
    rest = paras[starts[0] + 1:]
    body: list[Para] = []
    appendices: list[list[Para]] = []
    for para in rest:
        if dialect.decree_appendix and re.match(dialect.decree_appendix, para.text):
            break
        if dialect.appendix_header and re.match(dialect.appendix_header, para.text):
            appendices.append([])
        elif appendices:
            appendices[-1].append(para)
        else:
            body.append(para)
    return body, appendices


def parse_articles(body: list[Para], edition: Edition) -> dict[str, dict]:
    """Split the body into articles with their chapter, section, text and subparagraphs."""
    dialect = edition.dialect
    articles: dict[str, dict] = {}
    chapter = section = ""
    current: dict | None = None
    empty_section_after: dict[str, str] = {}  # a section heading with no article under it, by the article before
    last_number = 0
    for para in body:
        text = para.text
        if not para.indented and re.match(dialect.chapter, text):
            chapter, section, current = text, "", None
        elif not para.indented and dialect.section and re.match(dialect.section, text):
            if current is None and section:
                empty_section_after[str(last_number)] = section
            section, current = text, None
        elif para.indented and text.startswith(dialect.footnote):
            if current is not None:
                current["paragraphs"].append(f"[{text}]")
            elif chapter and last_number:
                # A footnote on the chapter heading (a reworded title) goes with the heading.
                chapter = f"{chapter} [{text}]"
            else:
                raise ExtractionError(f"{edition.ref}: line {para.line}: a footnote outside any article")
        elif para.indented and (match := re.fullmatch(r"(\d+)\.\s+(\S.*)", text)):
            number = int(match.group(1))
            while str(last_number + 1) in edition.missing_articles and last_number + 1 < number:
                last_number += 1
                articles[str(last_number)] = {"chapter": chapter, "paragraphs": [],
                                              "section": empty_section_after.get(str(last_number - 1), section)}
            if str(number) in articles:
                raise ExtractionError(f"{edition.ref}: line {para.line}: article {number} appears twice")
            if number != last_number + 1:
                raise ExtractionError(f"{edition.ref}: line {para.line}: article {number} follows article "
                                      f"{last_number}; a number is missing or the text split wrongly")
            current = {"chapter": chapter, "section": section, "paragraphs": [match.group(2)]}
            articles[str(number)] = current
            last_number = number
        elif current is not None:
            current["paragraphs"].append(text)
        elif articles:
            raise ExtractionError(f"{edition.ref}: line {para.line}: text outside any article: {text[:60]!r}")
        # Unnumbered text before the first article is the preamble of the act, not an article.
    if last_number != edition.article_count:
        raise ExtractionError(f"{edition.ref}: the last article is {last_number}, expected "
                              f"{edition.article_count}; articles are missing")
    for number, article in articles.items():
        subs = [m.group(1) for p in article["paragraphs"] if (m := re.match(r"(\d+)\)\s", p))]
        if subs != [str(n) for n in range(1, len(subs) + 1)]:
            raise ExtractionError(f"{edition.ref}: article {number}: subparagraphs {subs} are not 1, 2, ...")
        has_text = bool(article["paragraphs"])
        if has_text == (number in edition.missing_articles):
            raise ExtractionError(f"{edition.ref}: article {number} is expected "
                                  f"{'without' if has_text else 'with'} text")
        article["subparagraphs"] = subs
        article["text"] = "\n".join(article.pop("paragraphs"))
    return articles


def parse_appendices(regions: list[list[Para]], edition: Edition, defects: list[str]) -> dict[str, dict]:
    """Read each appendix: its title, entries and the notes under the list."""
    appendices: dict[str, dict] = {}
    expected_gaps = dict(edition.gaps)
    for position, region in enumerate(regions, start=1):
        key = f"A{position}"
        if not region:
            raise ExtractionError(f"{edition.ref}: appendix {position} is empty")
        title, rest = region[0], region[1:]
        entries: dict[str, str] = {}
        notes: list[str] = []
        if edition.dialect.numbered_entries:
            for para in rest:
                match = re.fullmatch(r"(\d+(?:-\d+)?)\.\s+(\S.*)", para.text)
                if not para.indented or match is None:
                    notes.append(para.text)
                elif match.group(1) in entries:
                    raise ExtractionError(f"{edition.ref}: line {para.line}: {key} entry {match.group(1)} twice")
                else:
                    entries[match.group(1)] = match.group(2)
            _printed_numbering(key, list(entries), edition, defects)
        else:
            before: str | None = None
            for para in rest:
                if para.indented:
                    notes.append(para.text)
                    continue
                # Two blank lines part the entries; every two more mark an entry lost in extraction.
                lost, odd = divmod(para.blank_before - 2, 2)
                if odd or lost < 0:
                    raise ExtractionError(f"{edition.ref}: line {para.line}: {para.blank_before} blank lines "
                                          "before an entry")
                if lost:
                    found, reason = expected_gaps.pop((key, before), ((), ""))
                    if len(found) != lost:
                        raise ExtractionError(f"{edition.ref}: line {para.line}: {lost} entries lost before "
                                              f"{para.text!r}, not as listed in the edition's gaps")
                    first = len(entries) + 1
                    for text in found:
                        entries[str(len(entries) + 1)] = MISSING if text is None else RECONSTRUCTED + text
                    defects.append(_gap_defect(key, first, found, para, before) + f" ({reason}).")
                entries[str(len(entries) + 1)] = para.text
                before = para.text
        appendices[key] = {"title": title.text, "entries": entries, "notes": notes}
    if expected_gaps:
        raise ExtractionError(f"{edition.ref}: listed gaps not found in the text: {sorted(expected_gaps, key=str)}")
    return appendices


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("-"))


def _printed_numbering(key: str, numbers: list[str], edition: Edition, defects: list[str]) -> None:
    """Check that the printed numbers ascend; record the numbers the source skips."""
    if numbers != sorted(numbers, key=_number_key):
        raise ExtractionError(f"{edition.ref}: {key}: the entry numbers do not ascend: {numbers}")
    mains = {_number_key(n)[0] for n in numbers}
    skipped = [str(n) for n in range(1, max(mains) + 1) if n not in mains]
    subs = [f"{n.split('-')[0]}-{k}" for n in numbers if "-" in n
            for k in range(1, _number_key(n)[1]) if f"{n.split('-')[0]}-{k}" not in numbers]
    if skipped or subs:
        listed = ", ".join(skipped + subs)
        defects.append(f"Appendix {key[1:]} skips the numbers {listed}; the entries keep the numbers as printed, "
                       "which is how officials cite them.")


def _gap_defect(key: str, first: int, found: tuple[str | None, ...], para: Para, before: str | None) -> str:
    """Describe lost entries of an unnumbered list and what stands in their place."""
    refs = ", ".join(f"{key}.{first + i}" for i in range(len(found)))
    where = f"after \"{before}\"" if before else "at the top of the list"
    verb = "is" if len(found) == 1 else "are"
    if None in found:
        what = f"{verb} not known: {refs} {verb} marked \"[missing]\" to keep the positions after it"
    else:
        texts = ", ".join(f"\"{text}\"" for text in found)
        what = f"{verb} reconstructed: {refs} {verb} {texts}, marked \"{RECONSTRUCTED.strip()}\""
    lost = "1 entry" if len(found) == 1 else f"{len(found)} entries"
    return (f"Appendix {key[1:]} lost {lost} {where} ({para.blank_before} blank lines instead of 2 before line "
            f"{para.line}); {'its text' if len(found) == 1 else 'their texts'} {what}")


def _duplicates(appendices: dict[str, dict], defects: list[str]) -> None:
    """Record entries printed twice in one appendix."""
    for key, appendix in appendices.items():
        seen: dict[str, str] = {}
        for number, text in appendix["entries"].items():
            if text in seen and not text.startswith(("Is excluded", RECONSTRUCTED, "[missing]")):
                defects.append(f"Appendix {key[1:]} prints \"{text}\" twice, as entries {seen[text]} and {number}.")
            seen.setdefault(text, number)


def _curated(edition: Edition, articles: dict, appendices: dict, raw: str, defects: list[str]) -> None:
    """Add the known defects, each after checking that its evidence is still in the text."""
    for where, evidence, sentence in edition.defects:
        if not where:
            haystack = raw
        elif where.startswith("A"):
            key, _, entry = where.partition(".")
            appendix = appendices.get(key, {"title": "", "entries": {}, "notes": []})
            parts = [appendix["entries"].get(entry, "")] if entry else [
                appendix["title"], *appendix["entries"].values(), *appendix["notes"]]
            haystack = "\n".join(parts)
        else:
            haystack = articles.get(where, {}).get("text", "")
        if evidence not in haystack:
            raise ExtractionError(f"{edition.ref}: the defect at {where or 'the text'} is gone: {evidence!r} "
                                  "not found; review the defect list")
        defects.append(sentence)


def extract(edition: Edition, seeds: Path) -> dict:
    """Return the articles.json content of one edition."""
    path = seeds / edition.seed
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise ExtractionError(f"{edition.ref}: cannot read {path}: {error}") from error
    while lines and not lines[-1].strip():
        lines.pop()
    first, last = edition.lines or (1, len(lines))
    if last > len(lines):
        raise ExtractionError(f"{edition.ref}: {path.name} has {len(lines)} lines, expected at least {last}")
    defects: list[str] = []
    paras = read_paragraphs(lines, first, last, defects)
    body, regions = split_regions(paras, edition)
    if len(regions) != edition.appendix_count:
        raise ExtractionError(f"{edition.ref}: found {len(regions)} appendices, expected {edition.appendix_count}")
    if edition.lines is None:
        first = next(p.line for p in paras if p.text.startswith(edition.start_after))
    articles = parse_articles(body, edition)
    appendices = parse_appendices(regions, edition, defects)
    _duplicates(appendices, defects)
    defects.extend(edition.missing_articles.values())
    raw = "\n".join(p.text for p in paras)
    _curated(edition, articles, appendices, raw, defects)
    return {
        "edition": edition.ref,
        "language": edition.language,
        "source": f"{edition.seed} lines {first}-{last}",
        "articles": articles,
        "appendices": appendices,
        "defects": defects,
    }


def render(content: dict) -> str:
    """Serialise deterministically: sorted keys, UTF-8 text, one-space indent, a final newline."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def output_path(out: Path, ref: str) -> Path:
    """Return where the index of edition `ref` ("body@year") goes under `out`."""
    body, year = ref.split("@")
    return out / body / year / "articles.json"


def main(argv: list[str] | None = None) -> int:
    """Extract every edition; write all files, or none when one edition fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds",
                        help="folder of the seed texts (default: ../shared/seeds beside the repository)")
    parser.add_argument("--out", type=Path, default=REPO / "stdlib",
                        help="folder to write <body>/<year>/articles.json under (default: stdlib/)")
    args = parser.parse_args(argv)
    try:
        rendered = {edition.ref: render(extract(edition, args.seeds)) for edition in EDITIONS}
    except ExtractionError as error:
        print(f"extract_articles: error: {error}", file=sys.stderr)
        return 1
    for ref, text in rendered.items():
        path = output_path(args.out, ref)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
