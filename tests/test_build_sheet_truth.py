"""Run-sheets a chief of protocol would carry: the right people on each row, no invented times, the law's order.

Each test reads the built sheets as the person holding them would: which rows
are on the guest's or the President's sheet (and which only as the stand-by),
what the time and duration cells say, and in what order the rows come.
"""

from __future__ import annotations

import re

import icalendar

from emit_helpers import STATE_VISIT, plan_of, sheet_row, typed, visible
from rasim.emit.calendar import calendars
from rasim.emit.runsheet import runsheets

STATE_2024 = STATE_VISIT.parent / "2025-06-state-visit-testland-2024ed.rasim"


def rows_on(page: str) -> list[tuple[str, bool]]:
    """Return the cues of a run-sheet's rows in the order printed, each with whether it is only the stand-by."""
    return [(cue, "standby" in classes.split())
            for cue, classes in re.findall(r'<tr id="cue-([^"]+)" class="([^"]*)"', page)]


def cue_of(plan: dict, ceremony: str, step: str) -> str:
    return next(r["cue"] for r in plan["rows"] if r["ceremony"] == ceremony and r["step"] == step)


def attended(page: str) -> list[str]:
    """Return the cues a sheet lists as the holder's own (not the stand-by rows)."""
    return [cue for cue, standby in rows_on(page) if not standby]


# 1. The principal and the hosts on every row they are at -----------------------------------------------------

def test_the_guests_sheet_starts_at_the_aircraft_door_with_the_ramp_and_the_flowers():
    plan = plan_of(STATE_VISIT)
    page = runsheets(typed(plan), "en", role="guest")["role-guest"]
    own = attended(page)
    assert own[:3] == [cue_of(plan, "airport_welcome", s) for s in ("invitation", "ramp_meeting", "flowers")]
    assert "Jane Doe" in sheet_row(page, own[0])
    # The report and the anthems are given to her; the honorary title and the speech are hers.
    for ceremony, step in (("akorda_welcome", "report"), ("akorda_welcome", "anthems"),
                           ("university_speech", "honorary_title"), ("university_speech", "speech"),
                           ("press_conference", "questions"), ("memorable_gifts", "gifts"),
                           ("airport_farewell", "departure")):
        assert cue_of(plan, ceremony, step) in own, (ceremony, step)


def test_the_presidents_sheet_runs_to_the_end_of_the_banquet_and_through_the_press_conference():
    plan = plan_of(STATE_VISIT)
    page = runsheets(typed(plan), "en", role="president")["role-president"]
    own = attended(page)
    banquet = [r["cue"] for r in plan["rows"] if r["ceremony"] == "state_banquet" and r["step"] != "technical_table"]
    press = [r["cue"] for r in plan["rows"] if r["ceremony"] == "press_conference"]
    assert set(banquet + press) <= set(own)
    assert own[-1] == banquet[-1], "the banquet is the President's last row"
    gifts = cue_of(plan, "memorable_gifts", "gifts")
    assert gifts in own and "President of the Republic of Kazakhstan" in sheet_row(page, gifts)
    # The calendar of the President has the same events as the sheet.
    events = icalendar.Calendar.from_ical(calendars(typed(plan), "en", role="president")["president"]).walk("VEVENT")
    summaries = " | ".join(str(e["SUMMARY"]) for e in events)
    assert "State banquet" in summaries and "Joint press conference" in summaries and "Memorable gifts" in summaries


# 2. No invented minutes ----------------------------------------------------------------------------------------

def test_no_step_gets_an_invented_share_and_the_law_gives_the_toasts_their_minutes():
    plan = plan_of(STATE_VISIT)
    assert not any(r["duration_estimated"] for r in plan["rows"])
    page = runsheets(typed(plan), "en")["master"]
    toasts = sheet_row(page, cue_of(plan, "state_banquet", "toasts"))
    assert "6 min" in toasts and "§ 43" in toasts, "two toasts of 3-4 minutes each (art. 43)"
    seating = sheet_row(page, cue_of(plan, "state_banquet", "seating"))
    assert " — " in seating
    assert "→" not in seating, "a step without a duration has no end"
    # The band says what the steps leave: 120 minutes of the banquet less 6 of the toasts.
    band = next(visible(b) for b in re.findall(r'<tr class="band".*?</tr>', page, re.S) if "State banquet" in b)
    assert "114 min not given to a step" in band
    gathering = sheet_row(page, cue_of(plan, "akorda_welcome", "gathering"))
    assert "~15 min" in gathering, "the library's customary quarter of an hour, marked as such"


def test_no_row_ends_outside_its_ceremonys_band():
    for scenario in (STATE_VISIT, STATE_2024):
        plan = plan_of(scenario)
        rows = {r["cue"]: r for r in plan["rows"]}
        for call in plan["calls"]:
            for cue in call["rows"]:
                row = rows[cue]
                assert call["start"]["utc_minutes"] <= row["start"]["utc_minutes"] <= call["end"]["utc_minutes"]
                if row["end"] is not None:
                    assert row["start"]["utc_minutes"] <= row["end"]["utc_minutes"] <= call["end"]["utc_minutes"]


# 3. The law's order --------------------------------------------------------------------------------------------

def test_the_order_on_the_sheet_is_the_laws():
    plan = plan_of(STATE_VISIT)
    page = runsheets(typed(plan), "en")["master"]
    printed = [cue for cue, _ in rows_on(page)]
    rows = {r["cue"]: r for r in plan["rows"]}

    def before(ceremony: str, first: str, second: str) -> None:
        one, two = cue_of(plan, ceremony, first), cue_of(plan, ceremony, second)
        assert printed.index(one) < printed.index(two), (ceremony, first, second)
        assert rows[one]["start"]["utc_minutes"] <= rows[two]["start"]["utc_minutes"]

    before("state_banquet", "seating", "toasts")
    before("airport_farewell", "conversation", "goodbye")
    before("airport_farewell", "goodbye", "departure")
    before("airport_farewell", "delegation_boarding", "departure")
    before("airport_welcome", "invitation", "flowers")
    # The participants are at the Palace before the guest arrives at the stairs at the program's 11:00.
    gathering, stairs = rows[cue_of(plan, "akorda_welcome", "gathering")], rows[cue_of(plan, "akorda_welcome",
                                                                                       "front_stairs")]
    assert gathering["end"]["time"] == stairs["start"]["time"] == "11:00" and gathering["start"]["time"] < "11:00"
    assert stairs["fixed"]


def test_cue_numbers_run_in_the_order_the_sheet_prints_them():
    for scenario in (STATE_VISIT, STATE_2024):
        plan = plan_of(scenario)
        printed = [cue for cue, _ in rows_on(runsheets(typed(plan), "en")["master"])]
        by_call: dict[str, list[int]] = {}
        for cue in printed:
            prefix, number = cue.rsplit("-", 1)
            by_call.setdefault(prefix, []).append(int(number))
        assert all(numbers == sorted(numbers) for numbers in by_call.values()), by_call


def test_nothing_happens_for_the_guest_before_the_aircraft_lands():
    for scenario in (STATE_VISIT, STATE_2024):
        plan = plan_of(scenario)
        arrival = next(r for r in plan["rows"] if r["ceremony"] == "airport_welcome" and r["fixed"])
        printed = [r["cue"] for r in plan["rows"]]
        for row in plan["rows"]:
            if row["ceremony"] == "airport_welcome" and row["step"] in ("flowers", "creative_performance",
                                                                         "ramp_meeting"):
                assert row["start"]["utc_minutes"] >= arrival["start"]["utc_minutes"]
                assert printed.index(row["cue"]) > printed.index(arrival["cue"])


# 6. Transfers, free time, departure ----------------------------------------------------------------------------

def test_the_sheets_show_the_motorcade_between_venues_and_the_free_time_after_it():
    plan = plan_of(STATE_VISIT)
    page = runsheets(typed(plan), "en")["master"]
    bands = [visible(b) for b in re.findall(r'<tr class="band".*?</tr>', page, re.S)]
    transfer = next(i for i, b in enumerate(bands) if b.startswith("Transfer: Palace of the President Akorda"))
    # Between the press conference at the Palace (ends 14:25) and the Prime Minister at 15:30.
    assert "Government House" in bands[transfer] and "14:25–14:40 · 15 min · then 50 min free" in bands[transfer]
    assert "Joint press conference" in bands[transfer - 1] and "Meeting with the Prime Minister" in bands[transfer + 1]
    kazakh = [visible(b) for b in re.findall(r'<tr class="band".*?</tr>', runsheets(typed(plan), "kk")["master"], re.S)]
    assert any(b.startswith("Жол: Ақорда Президент Сарайы → Үкімет үйі") and "кейін 50 мин бос уақыт" in b
               for b in kazakh)
    # The guest's sheet shows the same way; her last row is the aircraft leaving.
    guest = runsheets(typed(plan), "en", role="guest")["role-guest"]
    assert "Transfer: Palace of the President Akorda → Government House" in visible(guest)
    last = attended(guest)[-1]
    assert last == cue_of(plan, "airport_farewell", "departure") and "wheels up" in sheet_row(guest, last)


def test_a_gap_shorter_than_the_travel_is_a_warning_and_reads_as_too_short(tmp_path):
    from rasim.driver import Options, compile_file
    from rasim.resources import data_path

    text = STATE_VISIT.read_text(encoding="utf-8").replace("15:30 meeting_with_prime_minister",
                                                             "14:30 meeting_with_prime_minister")
    path = tmp_path / "tight.rasim"
    path.write_text(text, encoding="utf-8")
    compiled = compile_file(path, "tight.rasim", Options(stdlib=data_path("stdlib"), project_root=STATE_VISIT.parent,
                                                          editions={}))
    warned = [d for d in compiled.diagnostics if d.code == "transfer-too-short"]
    assert [d.message for d in warned] == ["`meeting_with_prime_minister` starts 5 min after `press_conference` "
                                           "ends, but the way from `akorda` to `ukimet_uyi` takes 15 min"]
    page = runsheets(compiled.plan, "en")["master"]
    assert "14:25–14:40 · 15 min · 10 min too short" in visible(page)


def test_a_sheet_shows_no_transfer_its_holder_does_not_make():
    plan = plan_of(STATE_VISIT)
    # The President stays at the Palace: the guest's way back from the Parliament follows a stand-by row only.
    assert "Transfer:" not in visible(runsheets(typed(plan), "en", role="president")["role-president"])
