"""The concrete timeline a run-sheet prints: anchored ceremonies and steps without durations.

A welcome at the airport is given the time the aircraft arrives; the flags are
raised before it (2013 art. 19, 20). With `anchor invitation` the invitation to
the exit is at the program's time and the flags come before it; a step without
a duration starts where its order puts it and has no end: nothing invents one.
"""

from __future__ import annotations

from pathlib import Path

from rasim.driver import Options, compile_file
from rasim.resources import data_path

SCENARIO = """\
ceremony welcome "Welcome at the airport" kk "Әуежайда қарсы алу" {{
  step flags "Flags raised" kk "Тулар тігіледі"
  step invitation "Invitation to the exit" kk "Шығуға шақыру"
  step ramp "Meeting at the ramp" kk "Басқыш алдында қарсы алу"
  sequence invitation, ramp
  order flags before invitation
  {anchor}
}}

scenario arrival "Arrival" {{
  occasion welcome {{
    arrive 2025-05-20 10:00 Asia/Almaty
  }}
  program {{
    day 1 2025-05-20 {{ 10:00 welcome 30 min }}
  }}
}}
"""


def rows_of(tmp_path: Path, anchor: str) -> dict[str, dict]:
    path = tmp_path / "arrival.rasim"
    path.write_text(SCENARIO.format(anchor=anchor), encoding="utf-8")
    compiled = compile_file(path, "arrival.rasim", Options(stdlib=data_path("stdlib"), project_root=tmp_path,
                                                            editions={}))
    assert not [d for d in compiled.diagnostics if d.severity.value == "error"], compiled.diagnostics
    return {row["step"]: row for row in compiled.plan.to_json()["rows"]}


def test_the_anchor_step_takes_the_clock_time_and_the_steps_before_it_come_earlier(tmp_path):
    rows = rows_of(tmp_path, "anchor invitation")
    assert rows["invitation"]["start"]["time"] == "10:00" and rows["invitation"]["fixed"]
    assert not rows["flags"]["fixed"] and rows["flags"]["start"]["time"] <= "10:00"
    assert rows["ramp"]["start"]["time"] >= rows["invitation"]["start"]["time"]
    # No step has a duration: each shows its start and no end, none an invented share.
    assert all(rows[s]["no_end"] and rows[s]["end"] is None and rows[s]["duration_minutes"] is None for s in rows)
    assert not any(rows[s]["duration_estimated"] for s in rows)


def test_a_step_with_a_duration_before_the_anchor_starts_that_much_earlier(tmp_path):
    path = tmp_path / "arrival.rasim"
    path.write_text(SCENARIO.format(anchor="anchor invitation").replace(
        'step flags "Flags raised" kk "Тулар тігіледі"',
        'step flags "Flags raised" kk "Тулар тігіледі" { duration 10 min customary }'), encoding="utf-8")
    compiled = compile_file(path, "arrival.rasim", Options(stdlib=data_path("stdlib"), project_root=tmp_path,
                                                            editions={}))
    plan = compiled.plan.to_json()
    rows = {row["step"]: row for row in plan["rows"]}
    assert (rows["flags"]["start"]["time"], rows["flags"]["end"]["time"]) == ("09:50", "10:00")
    assert rows["flags"]["duration_customary"] and not rows["invitation"]["duration_customary"]
    # The program's 30 minutes count from the anchor; the 10 minutes before it are the flags'.
    call = plan["calls"][0]
    assert (call["start"]["time"], call["end"]["time"]) == ("09:50", "10:30")
    assert call["unallocated_minutes"] == 30


def test_without_an_anchor_the_ceremony_starts_at_the_clock_time(tmp_path):
    rows = rows_of(tmp_path, "")
    assert rows["flags"]["start"]["time"] == "10:00" and rows["flags"]["fixed"]
    assert not rows["invitation"]["fixed"]


def test_an_anchor_names_a_step_of_its_ceremony(tmp_path):
    path = tmp_path / "arrival.rasim"
    path.write_text(SCENARIO.format(anchor="anchor invitatoin"), encoding="utf-8")
    compiled = compile_file(path, "arrival.rasim", Options(stdlib=data_path("stdlib"), project_root=tmp_path,
                                                            editions={}))
    found = [(d.code, d.hints) for d in compiled.diagnostics if d.severity.value == "error"]
    assert found == [("unknown-name", ("did you mean `invitation`?",))]
