"""What a reader finds of the Plan's newer fields: items to agree one by one, arrangements, estimated
durations, one place any of several roles fill, several people in one role, orders that hold only
under an open condition, the host in whose name the guest is received, the articles cited, places in
an order that rest on a restored precedence entry, and the compiler's notes.

As in test_build_content.py, each test reads the outputs as a user would: the
text of a run-sheet row or page, a line of the text timeline, a calendar event.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import icalendar

from emit_helpers import REPO, STATE_VISIT, plan_of, plan_of_edited, sheet_row, sheet_section, typed, visible
from rasim.emit.calendar import calendars
from rasim.emit.common import roles
from rasim.emit.footnotes import article_anchor
from rasim.emit.runsheet import runsheets
from rasim.emit.swimlane import swimlane_html
from rasim.emit.timeline_json import timeline_json
from rasim.emit.timeline_text import timeline_text
from rasim.plan.codec import classes_of, field_types
from rasim.plan.types import Citation, Clause, Label, Plan

SCENARIOS = STATE_VISIT.parent
WORKING_2024 = SCENARIOS / "2024-11-working-visit-southland-2024ed.rasim"
STATE_2024 = SCENARIOS / "2025-06-state-visit-testland-2024ed.rasim"
OFFICIAL_NORDLAND = SCENARIOS / "2023-10-official-visit-nordland-prime-minister.rasim"
CREDENTIALS_2021 = SCENARIOS / "2021-03-credentials-ceremony-akorda.rasim"
CREDENTIALS_2025 = SCENARIOS / "2025-03-credentials-ceremony-2024ed.rasim"
ORGANIZATION = SCENARIOS / "2018-06-visit-secretary-general-regional-organization.rasim"
AMBASSADORS = ("Anna Berg, Ambassador of Nordland", "Luis Garza, Ambassador of Westland",
               "Mei Lin, Ambassador of Eastland")


def _lines(fragment: str) -> list[str]:
    """Return the text of each table row of an HTML fragment."""
    return [visible(row) for row in re.findall(r"<tr[ >].*?</tr>", fragment, re.S)]


# The checklist, item by item -------------------------------------------------------------------------

def test_the_checklist_lists_each_open_item_under_its_condition():
    plan = plan_of(WORKING_2024)
    # `assume parties_agree yes for talks_working, press_statements` settles those two items alone.
    assert [(c["condition"], c["item"]) for c in plan["checklist"]] == [("parties_agree", "working_banquet")]
    for lang, condition, item in (("en", "By agreement of the parties", "Working reception"),
                                  ("kk", "Тараптардың келісуі бойынша", "Жұмыс бабындағы қабылдау")):
        checklist = sheet_section(runsheets(typed(plan), lang)["master"], "checklist")
        lines = _lines(checklist)
        assert any(line.startswith(condition) for line in lines), lines
        assert f"{item} working_banquet § 77 of state_protocol@2024" in lines
        assert checklist.count('<span class="tickbox"></span>') == 1
        agreed = {c["ceremony_label"][lang] for c in plan["calls"] if c["ceremony"] in ("talks_working",
                                                                                     "press_statements")}
        assert agreed and not any(label in visible(checklist) for label in agreed)
        assert f"[ ] {item}  § 77 of state_protocol@2024" in timeline_text(typed(plan), lang)


def test_each_step_to_agree_has_its_own_line_reading_ceremony_then_step():
    plan = plan_of(STATE_VISIT)
    assert [c["item"] for c in plan["checklist"]] == ["signing.champagne", "state_banquet.seating"]
    lines = _lines(sheet_section(runsheets(typed(plan), "en")["master"], "checklist"))
    assert "Signing of bilateral documents: Champagne signing.champagne § 40 of state_protocol@2013" in lines
    assert "State banquet: Guests take their seats state_banquet.seating § 42 of state_protocol@2013" in lines
    kazakh = visible(sheet_section(runsheets(typed(plan), "kk")["master"], "checklist"))
    assert "Екіжақты құжаттарға қол қою: Шампан" in kazakh
    assert "Мемлекеттік банкет: Қонақтар орындарына отырады" in kazakh


# Arrangements --------------------------------------------------------------------------------------------

def test_the_arrangements_list_what_to_provide_under_its_condition():
    plan = plan_of(STATE_VISIT)
    escort = next(a for a in plan["arrangements"] if a["name"] == "motorcycle_escort")
    assert (escort["modality"], escort["condition"]) == ("shall", "weather_permitting")
    for lang, heading, line in (
            ("en", "To provide", "Honorary escort of motorcyclists unit If favourable weather "
                                 "§ 11, 26 of state_protocol@2013"),
            ("kk", "Қамтамасыз етілсін", "Мотоциклшілердің құрмет эскорты бөлімше Егер: Ауа райы қолайлы "
                                         "§ 11, 26 of state_protocol@2013")):
        sheets = runsheets(typed(plan), lang)
        section = sheet_section(sheets["master"], "arrangements")
        assert _lines(section)[1:] == [heading, line]
        assert '<span class="tickbox"></span>' in section
        # They belong to no row: only the master lists them.
        assert all('class="arrangements"' not in page for stem, page in sheets.items() if stem != "master")
        text = timeline_text(typed(plan), lang)
        assert f"  {heading}:\n    [ ] {line.replace(' unit ', ' (unit) — ').replace(' бөлімше ', ' (бөлімше) — ')}" \
            .replace(" § 11", "  § 11") in text


def test_what_the_rules_forbid_is_listed_as_not_to_be_used():
    plan = plan_of(OFFICIAL_NORDLAND)
    assert [(a["name"], a["modality"]) for a in plan["arrangements"]] == [("motorcycle_escort", "shall not")]
    lines = _lines(sheet_section(runsheets(typed(plan), "en")["master"], "arrangements"))
    assert lines[1:] == ["Not to be used", "Honorary escort of motorcyclists unit — § 26 of state_protocol@2013"]
    assert "Қолданылмайды" in visible(sheet_section(runsheets(typed(plan), "kk")["master"], "arrangements"))


def test_a_visit_without_arrangements_says_so():
    plan = plan_of(WORKING_2024)
    assert plan["arrangements"] == []
    assert "The rules ask for nothing beyond" in visible(sheet_section(runsheets(typed(plan), "en")["master"],
                                                                       "arrangements"))
    assert "Arrangements" not in timeline_text(typed(plan), "en")


def test_every_modality_has_its_heading_and_a_part_in_the_program_is_said():
    plan = plan_of(STATE_VISIT)
    plan["arrangements"] = [
        {"name": "guard_of_honour", "kind": "unit", "label": {"en": "Guard of honour", "kk": "Құрмет қарауылы"},
         "modality": "shall not", "condition": None, "condition_label": None, "in_program": False,
         "citation": "§ 80 of state_protocol@2013"},
        {"name": "flags_at_airport", "kind": "state symbol", "label": {"en": "State flags of both countries",
                                                                      "kk": "Екі елдің мемлекеттік тулары"},
         "modality": "shall", "condition": None, "condition_label": None, "in_program": True,
         "citation": "§ 12 of state_protocol@2013"},
        {"name": "orchestra", "kind": "role", "label": {"en": "Orchestra", "kk": None}, "modality": "may",
         "condition": "not spouse_present", "condition_label": {"en": "The guest is accompanied by a spouse",
                                                                "kk": "Мейман зайыбымен (жұбайымен) келеді"},
         "in_program": False, "citation": "§ 13 of state_protocol@2013"}]
    assert _lines(sheet_section(runsheets(typed(plan), "en")["master"], "arrangements"))[1:] == [
        "To provide", "State flags of both countries state symbol · has a part in the program — "
                      "§ 12 of state_protocol@2013",
        "May be provided", "Orchestra role If not the guest is accompanied by a spouse § 13 of state_protocol@2013",
        "Not to be used", "Guard of honour unit — § 80 of state_protocol@2013"]
    kazakh = _lines(sheet_section(runsheets(typed(plan), "kk")["master"], "arrangements"))
    assert kazakh[1::2] == ["Қамтамасыз етілсін", "Қамтамасыз етілуі мүмкін", "Қолданылмайды"]
    assert "Orchestra рөл Егер болмаса: Мейман зайыбымен (жұбайымен) келеді § 13 of state_protocol@2013" in kazakh


# Steps without an end, customary durations ----------------------------------------------------------------

def test_a_step_without_a_duration_reads_as_open_and_a_customary_one_as_customary():
    plan = plan_of(STATE_VISIT)
    assert not any(row["duration_estimated"] for row in plan["rows"])
    open_row = next(row for row in plan["rows"] if row["no_end"])
    customary = next(row for row in plan["rows"] if row["duration_customary"])
    own = next(row for row in plan["rows"] if row["duration_minutes"] and not row["duration_customary"])
    for lang, word in (("en", "min"), ("kk", "мин")):
        page = runsheets(typed(plan), lang)["master"]
        shown = sheet_row(page, open_row["cue"])
        assert f"{open_row['start']['time']}" in shown and " — " in shown and "→" not in shown
        assert f"~{customary['duration_minutes']} {word}" in sheet_row(page, customary["cue"])
        assert "~" not in sheet_row(page, own["cue"]) and "≈" not in sheet_row(page, own["cue"])
        legend = visible(re.search(r'<p class="legend">.*?</p>', page, re.S).group(0))
        assert ("— no duration in the rules" if lang == "en" else "— ережеде ұзақтығы жоқ") in legend
        assert ("~ customary length" if lang == "en" else "~ әдеттегі ұзақтық") in legend
        line = next(line for line in timeline_text(typed(plan), lang).splitlines() if line.startswith(open_row["cue"]))
        assert " — " in line
    items = {i["cue"]: i for day in json.loads(timeline_json(typed(plan)))["days"] for i in day["items"]}
    assert items[open_row["cue"]]["end"] is None


# One place, either of two roles --------------------------------------------------------------------------

def test_roles_that_are_alternatives_are_one_participant():
    plan = plan_of(STATE_2024)
    row = next(r for r in plan["rows"] if r["step"] == "flowers" and r["ceremony"] == "airport_welcome")
    assert [(p["role"], p["alternative_of"]) for p in row["participants"] if p["role"].startswith("flower")] == [
        ("flower_girl", None), ("flower_young_man", "flower_girl")]
    english = sheet_row(runsheets(typed(plan), "en")["master"], row["cue"])
    # One place for the two of them, after the guest and the spouse they present the flowers to.
    assert "3. Girl in Kazakh national costume and (or) Young man in Kazakh national costume" in english
    assert "4." not in english
    kazakh = sheet_row(runsheets(typed(plan), "kk")["master"], row["cue"])
    assert "3. Қазақтың ұлттық киімін киген бойжеткен мен (немесе) Қазақтың ұлттық киімін киген бозбала" in kazakh
    # Either may come: each has its own sheet and calendar with the row.
    for role in ("flower_girl", "flower_young_man"):
        sheet = runsheets(typed(plan), "en", role=role)[f"role-{role}"]
        assert f'id="cue-{row["cue"]}"' in sheet and "standby" not in re.search(
            rf'<tr id="cue-{row["cue"]}" class="[^"]*"', sheet).group(0)
        assert calendars(typed(plan), "en", role=role)[role].count(b"BEGIN:VEVENT") == 1


# Several people in one role ----------------------------------------------------------------------------

def test_every_person_of_a_role_is_listed_in_order_of_precedence():
    plan = plan_of(CREDENTIALS_2021)
    first = plan["rows"][0]
    assert [p["person"] for p in first["participants"] if p["role"] == "foreign_ambassadors"] == list(AMBASSADORS)
    for lang in ("en", "kk"):
        page = runsheets(typed(plan), lang)["master"]
        for row in plan["rows"]:
            if any(p["role"] == "foreign_ambassadors" for p in row["participants"]):
                shown = sheet_row(page, row["cue"])
                places = [shown.index(name) for name in AMBASSADORS]
                assert places == sorted(places), (lang, row["cue"])
                # The role is named once, with its people under it.
                label = next(p["label"][lang] for p in row["participants"] if p["role"] == "foreign_ambassadors")
                assert shown.count(label) == 1


def test_a_role_of_several_people_has_one_sheet_and_one_calendar_without_repeats():
    plan = plan_of(CREDENTIALS_2021)
    role = next(r for r in roles(typed(plan), "en") if r.name == "foreign_ambassadors")
    assert role.person == "; ".join(AMBASSADORS)
    sheets = runsheets(typed(plan), "en")
    assert [stem for stem in sheets if "ambassador" in stem] == ["role-foreign_ambassadors"]
    sheet = sheets["role-foreign_ambassadors"]
    cues = re.findall(r'<tr id="cue-([^"]+)"', sheet)
    assert len(cues) == len(set(cues)) and cues
    assert "; ".join(AMBASSADORS) in visible(sheet)
    ics = calendars(typed(plan), "en")
    assert [stem for stem in ics if "ambassador" in stem] == ["foreign_ambassadors"]
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(ics["foreign_ambassadors"]).walk("VEVENT")]
    assert len(summaries) == len(set(summaries)) == len(plan["calls"])


def test_a_call_held_for_one_ambassador_names_only_that_one():
    plan = plan_of(CREDENTIALS_2025)
    named = [[p["person"] for p in row["participants"] if p["role"] == "newly_appointed_ambassador"]
             for row in plan["rows"]]
    assert all(len(people) == 1 for people in named)
    page = runsheets(typed(plan), "en")["master"]
    for row, (person,) in zip(plan["rows"], named):
        others = {p for (p,) in named} - {person}
        shown = sheet_row(page, row["cue"])
        assert person in shown and not any(other in shown for other in others)


# Orders that hold only under an open condition -----------------------------------------------------------

def test_an_order_under_an_open_condition_says_so(tmp_path: Path):
    settled = plan_of(STATE_2024)
    signing = next(r for r in settled["rows"] if any(o["name"] == "documents" for o in r["orderings"]))
    assert "Order (documents): Interstate → Intergovernmental" in sheet_row(runsheets(typed(settled), "en")["master"],
                                                                          signing["cue"])
    plan = plan_of_edited(STATE_2024, tmp_path, "  assume parties_agree yes  #", "  assume parties_agree unknown  #")
    row = next(r for r in plan["rows"] if r["cue"] == signing["cue"])
    documents = next(o for o in row["orderings"] if o["name"] == "documents")
    assert documents["condition"] == "parties_agree"
    assert documents["condition_label"]["kk"] == "Тараптардың келісуі бойынша"
    assert ("Order (documents), if by agreement of the parties: Interstate → Intergovernmental (§ 39)"
            in sheet_row(runsheets(typed(plan), "en")["master"], row["cue"]))
    assert ("Реті (documents) (егер: Тараптардың келісуі бойынша): Interstate → Intergovernmental"
            in sheet_row(runsheets(typed(plan), "kk")["master"], row["cue"]))


# The host in whose name the guest is received -------------------------------------------------------------

def test_the_host_the_guest_is_received_on_behalf_of_is_in_the_header():
    plan = plan_of(ORGANIZATION)
    assert plan["visit"]["on_behalf_of"]["role"] == "government_of_kazakhstan"
    header = {lang: visible(re.search(r'<header class="sheet-head">.*?</header>', runsheets(typed(plan), lang)["master"],
                                                 re.S).group(0)) for lang in ("en", "kk")}
    assert "Principal: Dr. Samira Haddad · Received on behalf of: Government of the Republic of Kazakhstan" \
        in header["en"]
    assert "Қазақстан Республикасының Үкіметі атынан қабылданады" in header["kk"]
    assert "Received on behalf of" not in visible(runsheets(typed(plan_of(STATE_VISIT)), "en")["master"])


# The articles cited ----------------------------------------------------------------------------------

ARTICLE_185 = "art-state_protocol-2024-185"


def _plain(fragment: str) -> str:
    """Return the text of an inline HTML fragment: tags removed without a space for each."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _ids(page: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', page)


def _article_links(fragment: str) -> list[str]:
    return re.findall(r'<a class="art" href="#([^"]+)">', fragment)


def _row_html(page: str, cue: str) -> str:
    return re.search(rf'<tr id="cue-{re.escape(cue)}".*?</tr>', page, re.S).group(0)


def test_the_master_quotes_each_article_in_the_original_and_each_row_links_to_it():
    plan = plan_of(CREDENTIALS_2025)
    entry = next(a for a in plan["articles"] if a["article"] == "185")
    assert (entry["edition"], entry["language"]) == ("state_protocol@2024", "kk")
    assert entry["text"].startswith("Жаңадан тағайындалған елшілердің келу кезектілігі")
    for lang, heading, original in (("en", "Articles cited", "the original text in Kazakh"),
                                    ("kk", "Сілтеме жасалған баптар", "түпнұсқа мәтін қазақ тілінде")):
        page = runsheets(typed(plan), lang)["master"]
        section = sheet_section(page, "articles")
        shown = visible(section)
        assert shown.startswith(heading) and f"state_protocol@2024 · {original}" in shown
        assert ("in the language of the original text" if lang == "en" else "түпнұсқа мәтіннің тілінде") in shown
        # The Kazakh original, on the English sheet too, with the rows that cite it.
        found = re.search(rf'<div class="article" id="{ARTICLE_185}">.*?</div></div>', section, re.S).group(0)
        assert visible(found).startswith("§ 185 (state_protocol@2024)")
        assert f'<div class="text" lang="kk">{entry["text"]}</div>' in found
        assert [cue for cue in re.findall(r'href="#cue-([^"]+)"', found)] == entry["rows"] == ["CC-01", "CC2-01",
                                                                                            "CC3-01"]
        assert _article_links(_row_html(page, "CC-01")) == [ARTICLE_185]
        # Two articles in one cell: two links, each to its own entry.
        assert _article_links(_row_html(page, "CC-02")) == ["art-state_protocol-2024-184",
                                                            "art-state_protocol-2024-186"]
        cell = re.search(r'<td class="citation">(.*?)<div class="edition">', _row_html(page, "CC-02")).group(1)
        assert re.sub(r"<[^>]+>", "", cell) == "§ 184, 186"
        # Articles come after everything else on the sheet.
        assert page.rindex("</section>") == page.index(section) + len(section) - len("</section>")
    assert "pocket" not in [stem for stem, page in runsheets(typed(plan), "en").items() if 'class="articles"' in page]


def test_the_master_lists_every_article_of_the_plan_and_what_cites_it():
    plan = plan_of(STATE_2024)
    section = sheet_section(runsheets(typed(plan), "en")["master"], "articles")
    listed = re.findall(r'<div class="article" id="([^"]+)">', section)
    assert listed == [f"art-{a['edition'].replace('@', '-')}-{a['article'].replace('.', '_')}"
                      for a in plan["articles"]]
    # § 10.1 is cited by the airport ceremonies as a whole, § 11 by an arrangement, not by a row.
    by_id = {anchor: _plain(found) for anchor, found in re.findall(
        r'<div class="article" id="([^"]+)">(.*?)</div></div>', section, re.S)}
    assert "Cited by: AW, AF" in by_id["art-state_protocol-2024-10_1"]
    assert "Cited by: arrangements" in by_id["art-state_protocol-2024-11"]


def test_a_role_or_venue_sheet_lists_only_the_articles_of_its_rows():
    plan = plan_of(STATE_2024)
    by_cue = {row["cue"]: row for row in plan["rows"]}
    sheets = runsheets(typed(plan), "en")
    master = set(re.findall(r'<div class="article" id="([^"]+)">', sheets["master"]))
    for stem in ("role-rector", "role-guest", "venue-akorda"):
        page = sheets[stem]
        cues = re.findall(r'<tr id="cue-([^"]+)"', page)
        own = {f"art-{a['edition'].replace('@', '-')}-{a['article'].replace('.', '_')}": a for a in plan["articles"]
               if set(a["rows"]) & set(cues)}
        listed = re.findall(r'<div class="article" id="([^"]+)">', sheet_section(page, "articles"))
        assert listed and set(listed) == set(own) and set(listed) < master, stem
        for anchor, found in re.findall(r'<div class="article" id="([^"]+)">(.*?)</div></div>', page, re.S):
            assert re.findall(r'href="#cue-([^"]+)"', found) == [c for c in own[anchor]["rows"] if c in cues]
        assert all(by_cue[cue]["citation"] for cue in cues)
    # The rector's sheet has nothing of the airport.
    assert "art-state_protocol-2024-20" not in sheets["role-rector"]


def test_every_article_link_has_its_entry_and_every_id_is_valid_and_unique():
    for path in (CREDENTIALS_2025, STATE_2024, STATE_VISIT):
        plan = plan_of(path)
        for lang in ("en", "kk"):
            for stem, page in runsheets(typed(plan), lang).items():
                ids = _ids(page)
                assert len(ids) == len(set(ids)), (path.name, stem)
                assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*", i) for i in ids), (path.name, stem)
                targets = set(re.findall(r'href="#([^"]+)"', page))
                assert targets <= set(ids), (path.name, stem, sorted(targets - set(ids))[:5])
    # An appendix entry: the dot of A2.1 becomes "_".
    assert article_anchor("state_protocol@2024", "A2.1") == "art-state_protocol-2024-A2_1"
    assert article_anchor('x"><script>@2024', "1.2") == "art-x-script-2024-1_2"


def test_the_text_timeline_ends_with_the_articles_cited():
    plan = plan_of(CREDENTIALS_2025)
    text = timeline_text(typed(plan), "en")
    tail = text[text.index("Articles cited:"):]
    assert "  state_protocol@2024 · the original text in Kazakh\n    § 184 (state_protocol@2024) — CC-02, CC2-02, " \
           "CC3-02\n      Сенім грамоталарын тапсыру рәсімі" in tail
    assert "Сілтеме жасалған баптар:" in timeline_text(typed(plan), "kk")


# A place in the order that rests on a restored precedence entry -----------------------------------------

def test_a_participant_placed_by_a_restored_entry_is_marked_and_explained():
    plan = plan_of(STATE_2024)
    banquet = next(row for row in plan["rows"] if row["cue"] == "SB-01")
    president = next(p for p in banquet["participants"] if p["role"] == "president")
    assert president["reconstructed"]["citation"] == "§ A2.1 of state_protocol@2024"
    restored = {row["cue"] for row in plan["rows"] if any(p["reconstructed"] for p in row["participants"])}
    for lang, words in (("en", "place in the order of precedence restored"),
                        ("kk", "протоколдық үлкендік тізіміндегі орны қалпына келтірілді")):
        page = runsheets(typed(plan), lang)["master"]
        assert f"2. {president['label'][lang]} † A. Serikbayev" in sheet_row(page, "SB-01")
        legend = visible(re.search(r'<p class="legend restored">.*?</p>', page, re.S).group(0))
        assert (f"† {president['label'][lang]} — {words}: {president['reconstructed']['reason'][lang]} "
                f"(§ A2.1 of state_protocol@2024)") in legend
        marked = {cue for cue in (r["cue"] for r in plan["rows"]) if "†" in sheet_row(page, cue)}
        assert marked == restored
    # A sheet without such a participant has neither the mark nor its legend.
    rector = runsheets(typed(plan), "en")["role-rector"]
    assert "†" not in rector and "legend restored" not in rector


# The compiler's notes ----------------------------------------------------------------------------------

def test_the_compiler_notes_are_on_the_master_checklist_page():
    plan = plan_of(CREDENTIALS_2025)
    assert [n["code"] for n in plan["notes"]] == ["reconstructed-entry"]
    for lang, heading in (("en", "Notes of the compiler"), ("kk", "Компилятордың ескертпелері")):
        sheets = runsheets(typed(plan), lang)
        notes = _plain(sheet_section(sheets["master"], "checklist").split('<div class="compiler-notes">', 1)[1])
        assert notes.startswith(heading)
        assert "credentials_ceremony (step presentation) orders president by entry 1" in notes
        assert "(§ A1.1 of state_protocol@2024) [reconstructed-entry]" in notes
        assert not any('<div class="compiler-notes">' in page for stem, page in sheets.items() if stem != "master")
    assert '<code>credentials_ceremony</code>' in runsheets(typed(plan), "en")["master"]
    quiet = plan_of(STATE_VISIT)
    assert quiet["notes"] == [] and '<div class="compiler-notes">' not in runsheets(typed(quiet), "en")["master"]


# The Plan's documentation ------------------------------------------------------------------------------

def test_every_field_of_the_plan_is_documented():
    documented = (REPO / "docs" / "plan.md").read_text(encoding="utf-8")
    # Every attribute of every class of the Plan is a key of its JSON form; a label's keys are its languages,
    # a citation is its printed line.
    fields = {name for cls in classes_of(Plan) if cls not in (Label, Citation, Clause) for name in field_types(cls)}
    assert {"cue", "utc_minutes", "reconstructed", "order_labels", "notes"} <= fields
    assert sorted(f for f in fields if f"`{f}`" not in documented) == []
