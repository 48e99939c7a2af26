"""The printed run-sheets read back as a person reads them: pages, the rows' text, Kazakh, and no injected layout.

Each PDF is turned back into pages (pdftoppm) and text (pdftotext -raw, which
keeps Typst's order: cell by cell, row by row), from poppler-utils.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from emit_helpers import STATE_VISIT, plan_of, typed
from rasim.emit import pdf as printing
from rasim.emit.build import BuildOptions, render_outputs
from rasim.emit.runsheet import runsheet_views

PAGES = Path(__file__).resolve().parent / "cases" / "build" / "pdf-pages.json"
PRINTED = {"en": ("master", "pocket", "role-guest", "role-president", "venue-airport"),
           "kk": ("master", "pocket", "role-president")}
INJECTED = '#panic("x") ] $ * // _x_ <l> @ref \\ #{1+1}'


def _tools() -> None:
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm or pdftotext is missing: .ci/run installs poppler-utils")
        pytest.skip("poppler-utils (pdftoppm, pdftotext) is not installed")


def _printed(plan: dict, lang: str, stems: tuple[str, ...], revision: int | None = 1) -> dict[str, bytes]:
    views = runsheet_views(typed(plan), lang, revision=revision)
    return printing.sheets_to_pdf({stem: views[stem] for stem in stems}, cache=False)


def _text(pdf: bytes, folder: Path) -> str:
    """Return the text of `pdf` as read: words that Typst hyphenated at a line's end joined again."""
    path = folder / "sheet.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], check=True, capture_output=True,
                         timeout=60).stdout.decode()
    return " ".join(raw.replace("\u00ad\n", "").replace("\u200b", "").split())


def _rows(text: str, cues: list[str]) -> dict[str, str]:
    """Return the text of each row: from its cue to the next row's cue."""
    found = {}
    for cue, following in zip(cues, cues[1:] + [None]):
        start = re.search(rf"(?<![\w-]){re.escape(cue)} ", text).start()
        end = re.compile(rf"(?<![\w-]){re.escape(following)} ").search(text, start + 1) if following else None
        found[cue] = text[start:end.start() if end else None]
    return found


def test_pdf_pages_render_with_pdftoppm_and_count_as_expected(tmp_path: Path, update_expected: bool):
    _tools()
    plan = plan_of(STATE_VISIT)
    counts = {}
    for lang, stems in PRINTED.items():
        for stem, data in _printed(plan, lang, stems).items():
            assert data.startswith(b"%PDF-")
            pdf = tmp_path / f"{lang}-{stem}.pdf"
            pdf.write_bytes(data)
            subprocess.run(["pdftoppm", "-r", "20", "-png", pdf, tmp_path / pdf.stem], check=True, timeout=120)
            counts[f"{lang}/{stem}"] = len(list(tmp_path.glob(f"{pdf.stem}-*.png")))
            assert counts[f"{lang}/{stem}"] >= 1
    if update_expected:
        PAGES.write_text(json.dumps(counts, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    assert counts == json.loads(PAGES.read_text(encoding="utf-8"))


def test_the_master_sheet_holds_every_row_with_its_title_lead_and_people(tmp_path: Path):
    _tools()
    plan = plan_of(STATE_VISIT)
    text = _text(_printed(plan, "en", ("master",))["master"], tmp_path)
    rows = _rows(text, [row["cue"] for row in plan["rows"]])
    for row in plan["rows"]:
        shown = rows[row["cue"]]
        assert row["label"]["en"] in shown, row["cue"]
        assert (row["start"] or {}).get("time", "") in shown, row["cue"]
        for person in row["participants"]:
            if person.get("person"):
                assert person["person"] in shown, (row["cue"], person["person"])
    ramp = rows[next(row["cue"] for row in plan["rows"] if row["step"] == "ramp_meeting")]
    # The deviation D1 applied: the Deputy Minister meets the guest, not the Minister.
    assert "Meeting at the ramp" in ramp and "R. Vassilenko" in ramp and "Aircraft ramp" in ramp
    assert "M. Nurlanov" not in ramp


def test_every_page_names_the_sheet_its_days_and_counts_its_pages(tmp_path: Path):
    _tools()
    plan = plan_of(STATE_VISIT)
    pdf = _printed(plan, "en", ("role-president",), revision=3)["role-president"]
    (tmp_path / "p.pdf").write_bytes(pdf)
    pages = []
    page = 1
    while True:
        done = subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), tmp_path / "p.pdf", "-"],
                              capture_output=True, timeout=60)
        if done.returncode != 0 or not done.stdout.strip():
            break
        pages.append(" ".join(done.stdout.decode().split()))
        page += 1
    total = len(pages)
    assert total >= 2
    for number, text in enumerate(pages, 1):
        assert text.startswith("State visit of the President of Testland · Role: President"), number
        assert "Revision 3" in text
        assert f"Page {number} of {total}" in text
    # A page of rows names their day, in its running header and on the repeated day band.
    assert "Day 2 · Wednesday 2027-05-12" in pages[0].split("Revision 3")[0]


def test_relative_times_only_on_the_arrival_day_and_empty_columns_dropped(tmp_path: Path):
    _tools()
    plan = plan_of(STATE_VISIT)
    text = _text(_printed(plan, "en", ("master", "role-foreign_ambassadors"))["master"], tmp_path)
    rows = _rows(text, [row["cue"] for row in plan["rows"]])
    arrival = plan["visit"]["arrival"]["date"]
    for row in plan["rows"]:
        relative = re.search(r"[+−]\d+:\d\d\b", rows[row["cue"]].split(row["label"]["en"])[0])
        assert bool(relative) == (row["start"]["date"] == arrival), row["cue"]
    views = runsheet_views(typed(plan), "en")
    assert not views["role-foreign_ambassadors"].context["columns"]["trigger"]
    sheet = _text(printing.sheets_to_pdf({"x": views["role-foreign_ambassadors"]}, cache=False)["x"], tmp_path)
    header = sheet.split("Participants", 1)[1][:80]
    for dropped in ("Cue / trigger", "Notes", "Contingency"):
        assert dropped not in header
    assert "Cue / trigger" in text and "Contingency" in text


def test_kazakh_sheets_are_in_kazakh(tmp_path: Path):
    _tools()
    plan = plan_of(STATE_VISIT)
    for stem, pdf in _printed(plan, "kk", ("master", "pocket")).items():
        text = _text(pdf, tmp_path)
        assert len(re.findall("[әғқңөұүһі]", text)) > 100, stem
        assert "Әуежайда қарсы алу рәсімі" in text, stem
        assert "Page " not in text, stem


def test_the_pocket_card_puts_each_day_on_its_own_card(tmp_path: Path):
    _tools()
    plan = plan_of(STATE_VISIT)
    pdf = _printed(plan, "en", ("pocket",))["pocket"]
    (tmp_path / "p.pdf").write_bytes(pdf)
    firsts = []
    for page in range(1, 20):
        done = subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), tmp_path / "p.pdf", "-"],
                              capture_output=True, timeout=60)
        if done.returncode != 0 or not done.stdout.strip():
            break
        firsts.append(" ".join(done.stdout.decode().split()))
    days = sorted({row["start"]["date"] for row in plan["rows"]})
    for date in days:
        opening = [text for text in firsts if f"DAY {days.index(date) + 1} · " in text.upper().split("JANE DOE", 2)[-1]]
        assert opening, f"no card opens {date}"
    for text in firsts:
        assert len(set(re.findall(r"\d{4}-\d\d-\d\d", text.split("Pocket card")[-1]))) == 1, text[:120]


def test_text_from_a_scenario_is_printed_literally_never_run_as_typst(tmp_path: Path):
    _tools()
    plan = plan_of(STATE_VISIT)
    plan["scenario"]["label"] = {"en": INJECTED, "kk": INJECTED}
    for row in plan["rows"] + plan["calls"]:
        row["label"] = row["ceremony_label"] = {"en": INJECTED, "kk": INJECTED}
        for person in row.get("participants") or ():
            person["person"] = INJECTED
    plan["visit"]["principal"] = INJECTED
    plan["articles"][0]["text"] = INJECTED
    for lang in ("en", "kk"):
        for stem, pdf in _printed(plan, lang, ("master", "pocket", "role-president")).items():
            text = _text(pdf, tmp_path)
            assert text.count(INJECTED) >= 3, (lang, stem)


def test_pdfs_are_deterministic_and_cached_as_verified_pdf_bytes(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    views = runsheet_views(typed(plan_of(STATE_VISIT)), "en")
    sheets = {"pocket": views["pocket"]}
    first = printing.sheets_to_pdf(sheets, cache=False)
    assert first == printing.sheets_to_pdf(sheets, cache=False)
    assert printing.sheets_to_pdf(sheets) == first  # laid out, then stored
    stored = list((tmp_path / "cache").rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == first["pocket"]
    stored[0].write_bytes(b"%PDF-1.7 planted")  # a changed file no longer has the digest beside it
    assert printing.sheets_to_pdf(sheets) == first
    assert stored[0].read_bytes() == first["pocket"]


def test_a_build_with_pdf_all_writes_a_pdf_per_sheet():
    plan = plan_of(STATE_VISIT)
    files = render_outputs(typed(plan), BuildOptions(kinds=frozenset({"runsheet", "pdf"}), languages=("kk",),
                                                pdf="all"))
    sheets = [name for name in files if name.endswith(".html") and "/runsheet/" in name]
    assert sheets and all(files[name.removesuffix(".html") + ".pdf"].startswith(b"%PDF-") for name in sheets)


def test_a_plan_without_times_places_or_rows_still_prints():
    plan = plan_of(STATE_VISIT)
    for row in plan["rows"] + plan["calls"]:
        row.update(start=None, end=None, place=None, duration_minutes=None)
    plan["visit"] = None
    assert all(pdf.startswith(b"%PDF-") for pdf in _printed(plan, "en", ("master", "pocket")).values())
    plan.update(rows=[], calls=[], contingencies=[], deviations=[])
    assert all(pdf.startswith(b"%PDF-") for pdf in _printed(plan, "kk", ("master", "pocket")).values())
