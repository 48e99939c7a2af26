"""The outputs read back as what they claim to be: iCalendar, SVG, PDF pages; and they resist hostile names."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import shutil
import xml.etree.ElementTree as ElementTree

import icalendar
import pytest

from emit_helpers import STATE_VISIT, plan_of, typed
from rasim.emit.build import BuildOptions, render_outputs
from rasim.emit.calendar import calendars
from rasim.emit.diagram import diagrams
from rasim.emit.runsheet import runsheets
from rasim.emit.svg import render_svg
from rasim.emit.swimlane import swimlane_html



# iCalendar --------------------------------------------------------------------------------------

def _roles_of(row: dict) -> list[str]:
    return [p["role"] for p in row["participants"]] + [(row["lead"] or {}).get("role")]


def test_calendars_parse_back_with_the_right_times_in_the_right_zone():
    # One event per ceremony call, over the call's own time (docs/plan.md, `calls`).
    plan = plan_of(STATE_VISIT)
    by_cue = {row["cue"]: row for row in plan["rows"]}
    calls = {call["cue"]: call for call in plan["calls"]}
    files = calendars(typed(plan), "en")
    assert "all" in files and "guest" in files
    for stem, data in files.items():
        calendar = icalendar.Calendar.from_ical(data)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [plan["time_zone"]], stem
        events = calendar.walk("VEVENT")
        if stem == "all":
            assert len(events) == len(plan["calls"])
        for event in events:
            call = calls[str(event["SUMMARY"]).split(" ", 1)[0]]
            start = event.decoded("DTSTART")
            assert event["DTSTART"].params["TZID"] == plan["time_zone"]
            assert start.strftime("%Y-%m-%d %H:%M") == f"{call['start']['date']} {call['start']['time']}"
            epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
            assert (start - epoch) // dt.timedelta(minutes=1) == call["start"]["utc_minutes"]
            if call["duration_minutes"]:
                assert (event.decoded("DTEND") - start) // dt.timedelta(minutes=1) == call["duration_minutes"]
            description = str(event["DESCRIPTION"])
            listed = [by_cue[cue] for cue in call["rows"] if stem == "all" or stem in _roles_of(by_cue[cue])]
            assert listed, f"{stem}: {call['cue']} lists none of its steps"
            for row in listed:
                assert row["citation"] is None or row["citation"] in description
            if stem == "all":
                assert str(event["STATUS"]) == ("TENTATIVE" if call["condition"] else "CONFIRMED")
            alarms = event.walk("VALARM")
            assert bool(alarms) == call["fixed"]
            for alarm in alarms:
                assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-15)


def test_a_role_calendar_holds_only_the_calls_of_that_role():
    plan = plan_of(STATE_VISIT)
    calendar = icalendar.Calendar.from_ical(calendars(typed(plan), "en", role="rector")["rector"])
    cues = {str(e["SUMMARY"]).split(" ", 1)[0] for e in calendar.walk("VEVENT")}
    by_cue = {row["cue"]: row for row in plan["rows"]}
    expected = {call["cue"] for call in plan["calls"] if any("rector" in _roles_of(by_cue[c]) for c in call["rows"])}
    assert cues == expected and cues


# SVG --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("renderer", ["wasm", "dot"])
def test_svg_is_well_formed_xml_with_kazakh_labels(renderer: str):
    if renderer == "dot" and shutil.which("dot") is None:
        pytest.skip("the system has no Graphviz `dot`; the WebAssembly build is tested instead")
    plan = plan_of(STATE_VISIT)
    for lang in ("en", "kk"):
        for name, source in diagrams(typed(plan), lang).items():
            root = ElementTree.fromstring(render_svg(source, renderer))
            assert root.tag == "{http://www.w3.org/2000/svg}svg", name
            texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
            if lang == "kk":
                assert re.search("[әғқңөұүһі]", texts), f"no Kazakh letter in the {name} diagram"


# Hostile names ------------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script>"]; x -> y [label="'
STYLE_BREAK = '"; } body { display: none } </style><script>alert(2)</script>'


def _hostile_plan() -> dict:
    plan = plan_of(STATE_VISIT)
    plan["scenario"]["label"] = {"en": STYLE_BREAK, "kk": STYLE_BREAK}
    plan["visit"]["principal"] = HOSTILE
    plan["visit"]["spouse"] = {"name": HOSTILE, "sex": None}
    for row in plan["rows"] + plan["calls"]:
        row["label"] = row["ceremony_label"] = {"en": HOSTILE, "kk": HOSTILE}
        if row["track"]:
            row["track_label"] = {"en": STYLE_BREAK, "kk": HOSTILE}
        for person in row.get("participants") or ():
            person["person"] = HOSTILE + "\nDTSTART:19990101T000000Z\\"
            person["label"] = {"en": HOSTILE, "kk": HOSTILE}
        for deviation in row["deviations"]:
            deviation["change"] = {"en": HOSTILE, "kk": HOSTILE}
        if row["place"]:
            row["place"]["label"] = {"en": HOSTILE, "kk": None}
    for deviation in plan["deviations"]:
        deviation.update(target=HOSTILE, reason=STYLE_BREAK, change={"en": HOSTILE, "kk": HOSTILE})
    for article in plan["articles"]:
        article.update(text=HOSTILE, language=HOSTILE)
    plan["articles"][0].update(edition=HOSTILE, article=STYLE_BREAK)
    plan["rows"][0]["citation"] = f"§ {STYLE_BREAK} of {HOSTILE}"
    placed = next(row for row in plan["rows"] if row["participants"])["participants"][0]
    placed["reconstructed"] = {"entry": HOSTILE, "reason": {"en": STYLE_BREAK, "kk": STYLE_BREAK}, "citation": HOSTILE}
    plan["notes"] = [{"code": HOSTILE, "message": f"`{HOSTILE}` {STYLE_BREAK}", "citation": HOSTILE}]
    return plan


class _Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_hostile_names_cannot_break_the_html(lang: str):
    plan = _hostile_plan()
    pages = list(runsheets(typed(plan), lang).values()) + [swimlane_html(typed(plan), lang)]
    timeline_only = BuildOptions(kinds=frozenset({"timeline"}), languages=(lang,))
    pages.append(render_outputs(typed(plan), timeline_only)["index.html"].decode())
    for page in pages:
        parsed = _Elements()
        parsed.feed(page)
        assert "script" not in parsed.tags
        assert parsed.tags.count("style") == 1
        assert "</style>" not in "".join(parsed.styles)
        assert "&lt;script&gt;" in page


def test_hostile_names_cannot_break_the_dot():
    plan = _hostile_plan()
    clean = diagrams(typed(plan_of(STATE_VISIT)), "en")
    for name, source in diagrams(typed(plan), "en").items():
        root = ElementTree.fromstring(render_svg(source, "wasm"))
        svg = "{http://www.w3.org/2000/svg}"
        nodes = [g for g in root.iter(f"{svg}g") if g.get("class") == "node"]
        edges = [g for g in root.iter(f"{svg}g") if g.get("class") == "edge"]
        expected = ElementTree.fromstring(render_svg(clean[name], "wasm"))
        assert len(nodes) == len([g for g in expected.iter(f"{svg}g") if g.get("class") == "node"]), name
        assert len(edges) == len([g for g in expected.iter(f"{svg}g") if g.get("class") == "edge"]), name
        texts = "".join(t.text or "" for t in root.iter(f"{svg}text"))
        assert "<script>alert(1)</script>" in texts, "the hostile label is shown as text"


def test_hostile_names_cannot_break_the_calendar():
    plan = _hostile_plan()
    data = calendars(typed(plan), "en")["all"]
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == len([c for c in plan["calls"] if c["start"]])
    for event in events:
        assert len(event.getall("DTSTART") if hasattr(event, "getall") else [event["DTSTART"]]) == 1
        assert event.decoded("DTSTART").year == 2027
        assert HOSTILE in str(event["SUMMARY"])
    assert b"\nDTSTART:1999" not in data.replace(b"\r\n ", b"")


# Sparse plans ---------------------------------------------------------------------------------------

def test_a_plan_without_times_places_or_rows_still_builds():
    plan = plan_of(STATE_VISIT)
    for row in plan["rows"] + plan["calls"]:
        row.update(start=None, end=None, place=None, duration_minutes=None)
    for row in plan["rows"]:
        row["lead"] = None
    plan["visit"] = None
    without_pdf = BuildOptions(kinds=frozenset({"timeline", "json", "calendar", "swimlane", "diagram", "runsheet"}))
    assert "en/runsheet/master.html" in render_outputs(typed(plan), without_pdf)
    plan.update(rows=[], calls=[], contingencies=[], deviations=[])
    assert "kk/timeline.txt" in render_outputs(typed(plan), without_pdf)
