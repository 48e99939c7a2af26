"""What a reader finds in the outputs: Kazakh labels, the spouse, tracks, ceremony times and deviations.

Each test looks at the outputs as a user would (the text of a run-sheet row,
a band, a calendar event, a diagram node), not only at the Plan, so that a
field the Plan gains is known to reach the page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import icalendar

from emit_helpers import STATE_VISIT, plan_of, plan_of_edited, typed
from emit_helpers import sheet_row as _row
from emit_helpers import visible as _text
from rasim.emit.calendar import calendars
from rasim.emit.diagram import diagrams
from rasim.emit.runsheet import runsheets
from rasim.emit.swimlane import swimlane_html
from rasim.emit.timeline_text import timeline_text

PRESIDENT = {"en": "President of the Republic of Kazakhstan", "kk": "Қазақстан Республикасының Президенті"}
SPOUSE_TRACK = {"en": "Program of the guest's spouse", "kk": "Мейманның зайыбының бағдарламасы"}


def _band(page: str, call: str) -> str:
    """Return the text of the first band of the ceremony call `call`."""
    found = re.search(rf'<tr class="band" id="call-{re.escape(call)}".*?</tr>', page, re.S)
    assert found, f"no band for {call} on the sheet"
    return _text(found.group(0))


def _call(plan: dict, ceremony: str) -> dict:
    return next(c for c in plan["calls"] if c["ceremony"] == ceremony)


# Kazakh labels of roles ------------------------------------------------------------------------

def test_role_labels_are_in_english_and_kazakh_in_the_plan():
    plan = plan_of(STATE_VISIT)
    people = [p for row in plan["rows"] for p in [row["lead"], *row["participants"]] if p]
    president = next(p for p in people if p["role"] == "president")
    assert president["label"] == PRESIDENT
    assert all(isinstance(p["label"], dict) and p["label"]["en"] for p in people)
    assert all(isinstance(c["label"], dict) and c["label"]["kk"] for c in plan["checklist"])
    assert all(isinstance(c["label"], dict) and not c["label"]["en"].startswith("not")
               for c in plan["contingencies"])


def test_the_kazakh_run_sheet_names_the_roles_in_kazakh():
    plan = plan_of(STATE_VISIT)
    cue = next(row["cue"] for row in plan["rows"] if (row["lead"] or {}).get("role") == "president")
    sheets = {lang: runsheets(typed(plan), lang) for lang in ("en", "kk")}
    kazakh = _row(sheets["kk"]["master"], cue)
    assert PRESIDENT["kk"] in kazakh and "A. Serikbayev" in kazakh
    # The articles cited at the end quote the original text, English for the 2013 edition.
    own_words = sheets["kk"]["master"].split('<section class="articles"', 1)[0]
    assert PRESIDENT["en"] not in own_words and PRESIDENT["en"] in sheets["kk"]["master"]
    assert PRESIDENT["en"] in _row(sheets["en"]["master"], cue)
    # The role's own sheet is titled in the language of the sheet.
    assert f"Рөл: {PRESIDENT['kk']} (A. Serikbayev)" in sheets["kk"]["role-president"]
    checklist = sheets["kk"]["master"].split('<section class="page checklist"', 1)[1]
    assert plan["checklist"][0]["label"]["kk"] in checklist


def test_every_kazakh_output_names_the_roles_in_kazakh():
    plan = plan_of(STATE_VISIT)
    assert PRESIDENT["kk"] in timeline_text(typed(plan), "kk")
    assert PRESIDENT["kk"] in swimlane_html(typed(plan), "kk")
    assert PRESIDENT["kk"] in diagrams(typed(plan), "kk")["meetings"]
    event = icalendar.Calendar.from_ical(calendars(typed(plan), "kk", role="president")["president"])
    assert f"— {PRESIDENT['kk']} (A. Serikbayev)" in str(event["X-WR-CALNAME"])
    assert any(PRESIDENT["kk"] in str(e["DESCRIPTION"]) for e in event.walk("VEVENT"))
    # Only the articles cited, at the end of the text timeline, are in the language of the original.
    for output in (timeline_text(typed(plan), "kk").split("\nСілтеме жасалған баптар:\n", 1)[0],
                   swimlane_html(typed(plan), "kk"), diagrams(typed(plan), "kk")["meetings"],
                   calendars(typed(plan), "kk")["all"].decode()):
        assert PRESIDENT["en"] not in output.replace("\r\n ", "")


# The guest's spouse --------------------------------------------------------------------------------

def test_the_spouse_is_named_from_the_visit_on_the_run_sheet():
    plan = plan_of(STATE_VISIT)
    assert plan["visit"]["spouse"] == {"name": "John Doe", "sex": "male"}
    spouse_rows = [row["cue"] for row in plan["rows"] if "guest_spouse" in [p["role"] for p in row["participants"]]]
    assert spouse_rows
    for row in plan["rows"]:
        for person in row["participants"]:
            if person["role"] == "guest_spouse":
                assert person["person"] == "John Doe"
    english, kazakh = runsheets(typed(plan), "en")["master"], runsheets(typed(plan), "kk")["master"]
    assert "Spouse of the guest John Doe" in _row(english, spouse_rows[0])
    assert "Principal: Jane Doe · Spouse: John Doe" in _text(english)
    # Kazakh says "жұбайы" of a husband, "зайыбы" of a wife.
    assert "Басты мейман: Jane Doe · Жұбайы: John Doe" in _text(kazakh)
    assert "Role: Spouse of the guest (John Doe)" in runsheets(typed(plan), "en")["role-guest_spouse"]


def test_the_people_block_names_the_spouse_before_the_visit_does(tmp_path: Path):
    plan = plan_of_edited(STATE_VISIT, tmp_path, '    rector "E. Sydykov" male\n',
                          '    rector "E. Sydykov" male\n    guest_spouse "J. Doe-Smith" male\n')
    named = {p["person"] for row in plan["rows"] for p in row["participants"] if p["role"] == "guest_spouse"}
    assert named == {"J. Doe-Smith"}
    assert plan["visit"]["spouse"]["name"] == "John Doe"


def test_a_principal_without_spouse_has_none():
    plan = plan_of(STATE_VISIT.parent / "2019-11-official-visit-nordland-foreign-minister.rasim")
    assert plan["visit"]["spouse"] is None
    assert "Spouse:" not in _text(runsheets(typed(plan), "en")["master"])


# Tracks ----------------------------------------------------------------------------------------------

def test_a_track_is_shown_by_its_label():
    plan = plan_of(STATE_VISIT)
    row = next(row for row in plan["rows"] if row["track"] == "spouse")
    assert row["track_label"] == SPOUSE_TRACK
    assert _call(plan, row["ceremony"])["track_label"] == SPOUSE_TRACK
    call = row["cue"].rsplit("-", 1)[0]
    for lang in ("en", "kk"):
        page = runsheets(typed(plan), lang)["master"]
        assert SPOUSE_TRACK[lang] in _band(page, call)
        assert SPOUSE_TRACK[lang] in _row(page, row["cue"])
        lanes = re.findall(r'<div class="track">(.*?)</div>', swimlane_html(typed(plan), lang))
        assert lanes and {html.unescape(t) for t in lanes} == {SPOUSE_TRACK[lang]}
        assert f"[{SPOUSE_TRACK[lang]}]" in timeline_text(typed(plan), lang)
        assert SPOUSE_TRACK[lang] in diagrams(typed(plan), lang)["flow"]


def test_a_track_without_a_label_is_shown_by_its_name(tmp_path: Path):
    old = """track spouse "Program of the guest's spouse" kk "Мейманның зайыбының бағдарламасы" {"""
    plan = plan_of_edited(STATE_VISIT, tmp_path, old, "track spouse {")
    row = next(row for row in plan["rows"] if row["track"] == "spouse")
    assert row["track_label"] == {"en": "spouse", "kk": None}
    assert '<span class="track">Spouse</span>' in runsheets(typed(plan), "kk")["master"]


# The ceremonies' own times -----------------------------------------------------------------------

def test_every_row_belongs_to_one_call_that_spans_it():
    plan = plan_of(STATE_VISIT)
    rows = {row["cue"]: row for row in plan["rows"]}
    owned = [cue for call in plan["calls"] for cue in call["rows"]]
    assert sorted(owned) == sorted(rows), "each row is listed by exactly one call"
    starts = [call["start"]["utc_minutes"] for call in plan["calls"]]
    assert starts == sorted(starts), "calls are in time order"
    for call in plan["calls"]:
        assert call["end"]["utc_minutes"] - call["start"]["utc_minutes"] == call["duration_minutes"]
        for cue in call["rows"]:
            row = rows[cue]
            assert cue.rsplit("-", 1)[0] == call["cue"] and row["ceremony"] == call["ceremony"]
            assert call["start"]["utc_minutes"] <= row["start"]["utc_minutes"] <= call["end"]["utc_minutes"]
            # A step without a duration shows no end; one with a duration ends inside its ceremony's band.
            assert (row["end"] is None) == row["no_end"]
            assert row["no_end"] or row["end"]["utc_minutes"] <= call["end"]["utc_minutes"]
    narrow = _call(plan, "negotiations_narrow")
    assert narrow["duration_minutes"] == 45, "the program gives `negotiations_narrow 45 min`"
    assert narrow["citation"] == "§ 34 of state_protocol@2013"


def test_the_band_of_a_ceremony_shows_its_own_time_span():
    plan = plan_of(STATE_VISIT)
    for lang, minutes in (("en", "min"), ("kk", "мин")):
        page = runsheets(typed(plan), lang)["master"]
        for call in plan["calls"]:
            span = f"{call['start']['time']}–{call['end']['time']} · {call['duration_minutes']} {minutes}"
            assert span in _band(page, call["cue"]), (lang, call["cue"])
    narrow = _call(plan, "negotiations_narrow")
    band = _band(runsheets(typed(plan), "en")["master"], narrow["cue"])
    assert f"Negotiations in narrow format {narrow['start']['time']}–{narrow['end']['time']} · 45 min" in band


def test_the_pocket_card_has_one_entry_per_call_of_the_main_program():
    plan = plan_of(STATE_VISIT)
    pocket = runsheets(typed(plan), "en")["pocket"]
    main = [call for call in plan["calls"] if not call["track"]]
    assert pocket.count('<div class="item">') == len(main)
    assert f"→ {_call(plan, 'negotiations_narrow')['end']['time']}" in pocket


# Deviations ------------------------------------------------------------------------------------------

def test_deviations_are_applied_to_the_rows_and_calls_they_change():
    plan = plan_of(STATE_VISIT)
    by_target = {d["target"]: d for d in plan["deviations"]}
    # The Deputy Minister in the Minister's place at the airport (day 1): the steps the Minister had a
    # part in are changed and marked, the call itself (its time) is not.
    step = by_target["airport_welcome"]
    welcome = [row for row in plan["rows"] if row["ceremony"] == "airport_welcome" and row["day"] == 1]
    changed = [row for row in welcome if row["step"] in ("ramp_meeting", "introductions", "carpet_walk",
                                                           "conversation")]
    assert step["rows"] == [row["cue"] for row in welcome if row["deviations"]] and step["calls"] == []
    assert [row["step"] for row in welcome if row["deviations"]] == [row["step"] for row in changed]
    assert [d["id"] for d in changed[0]["deviations"]] == [step["id"]]
    # The limit on narrow_format_companions (§ 34) is the narrow negotiations' (§ 34).
    limit = by_target["narrow_format_companions"]
    narrow = _call(plan, "negotiations_narrow")
    assert limit["calls"] == [narrow["cue"]] and limit["rows"] == narrow["rows"]
    assert [d["id"] for d in narrow["deviations"]] == [limit["id"]]
    assert limit["target_label"]["kk"] and limit["authority_label"]["en"]
    marked = {row["cue"] for row in plan["rows"] if row["deviations"]}
    assert marked == set(step["rows"]) | set(limit["rows"])


def test_the_run_sheet_marks_the_deviated_row_and_links_to_the_deviations_page():
    plan = plan_of(STATE_VISIT)
    step = next(d for d in plan["deviations"] if d["target"] == "airport_welcome")
    limit = next(d for d in plan["deviations"] if d["target"] == "narrow_format_companions")
    cue = step["rows"][0]
    for lang, word in (("en", "Deviation"), ("kk", "Ауытқу")):
        page = runsheets(typed(plan), lang)["master"]
        row = re.search(rf'<tr id="cue-{cue}" class="([^"]*)".*?</tr>', page, re.S)
        assert "deviated" in row.group(1).split()
        assert f'<a class="devtag" href="#dev-{step["id"]}">{step["id"]}</a>' in row.group(0)
        assert f"{step['id']} {word}: {step['change'][lang]}" in _text(row.group(0))
        # A deviation from the whole ceremony is on its band, once, not on every row.
        assert f'href="#dev-{limit["id"]}"' in re.search(rf'<tr class="band" id="call-{limit["calls"][0]}".*?</tr>',
                                                         page, re.S).group(0)
        assert all(f"#dev-{limit['id']}" not in re.search(rf'<tr id="cue-{c}".*?</tr>', page, re.S).group(0)
                   for c in limit["rows"])
        listed = re.search(rf'<tr id="dev-{step["id"]}">.*?</tr>', page, re.S).group(0)
        assert f'<a href="#cue-{cue}">{cue}</a>' in listed
    # A role's sheet lists the deviations it marks, so that the marker's link has a target.
    lead = next(row for row in plan["rows"] if row["cue"] == cue)["lead"]["role"]
    role_sheet = runsheets(typed(plan), "en", role=lead)[f"role-{lead}"]
    assert f'id="dev-{step["id"]}"' in role_sheet and f'id="dev-{limit["id"]}"' not in role_sheet


def test_other_outputs_mark_the_deviations():
    plan = plan_of(STATE_VISIT)
    step = next(d for d in plan["deviations"] if d["target"] == "airport_welcome")
    limit = next(d for d in plan["deviations"] if d["target"] == "narrow_format_companions")
    cue = step["rows"][0]
    flow = diagrams(typed(plan), "en")["flow"]
    node = re.search(rf"row_{cue.replace('-', '_')} \[([^\]]*)\]", flow).group(1)
    assert 'color="#b00020"' in node and f"Deviation {step['id']}" in node
    cluster = re.search(rf"subgraph cluster_call_\d+_{limit['calls'][0]} {{\n([^\n]*)", flow).group(1)
    assert 'color="#b00020"' in cluster and f"Deviation {limit['id']}" in cluster
    line = next(line for line in timeline_text(typed(plan), "en").splitlines() if line.startswith(cue))
    assert f"(Deviation {step['id']})" in line
    events = icalendar.Calendar.from_ical(calendars(typed(plan), "en")["all"]).walk("VEVENT")
    narrow = next(e for e in events if str(e["SUMMARY"]).startswith(f"{limit['calls'][0]} "))
    assert f"Deviation {limit['id']}: {limit['change']['en']}" in str(narrow["DESCRIPTION"])


def test_a_deviation_from_a_ceremony_left_out_is_listed_but_marks_nothing():
    plan = plan_of(STATE_VISIT.parent / "2023-10-official-visit-nordland-prime-minister.rasim")
    assert plan["deviations"] and all(not d["rows"] and not d["calls"] for d in plan["deviations"])
    page = runsheets(typed(plan), "en")["master"]
    assert 'class="devtag" href=' not in page
    for deviation in plan["deviations"]:
        assert f'id="dev-{deviation["id"]}"' in page
    assert "not in the program" in page
