"""Attack: a program at the very end of the calendar, and calendars that each repeat the time-zone history.

A program on 31 December 9999 made building calendars crash (the time-zone
description was asked for up to 1 January 10000). Now it builds, with its
events at their times. And the VTIMEZONE, the slowest part of a calendar,
is made once per build and shared by every file.
"""

from __future__ import annotations

from pathlib import Path

import icalendar

from emit_helpers import REPO, STATE_VISIT, plan_of, typed
from rasim.cli.commands import main
from rasim.emit import calendar as calendar_module
from rasim.emit.build import BuildOptions, render_outputs

INAUGURATION = REPO / "scenarios" / "2021-01-inauguration-elected-president.rasim"


def late_scenario(folder: Path) -> Path:
    text = INAUGURATION.read_text(encoding="utf-8")
    for old, new in (("2021-01-13 11:00", "9999-12-31 10:30"), ("day 1 2021-01-13", "day 1 9999-12-31"),
                     ("2020-12-06 07:00", "9999-12-06 07:00"), ("11:00 inauguration", "10:30 inauguration"),
                     ("  occasion inauguration {", "  edition state_protocol@2013\n  occasion inauguration {")):
        assert old in text
        text = text.replace(old, new)
    path = folder / "late.rasim"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_program_on_the_last_day_of_9999_builds_its_calendars(tmp_path, capsys):
    scenario = late_scenario(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(scenario), "--project", str(tmp_path), "-o", str(out), "--only", "calendar",
                 "--lang", "en", "--quiet"]) == 0
    calendar = icalendar.Calendar.from_ical((out / "en" / "calendar" / "all.ics").read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart").isoformat() == "9999-12-31T10:30:00+05:00"
    assert event.decoded("dtend").year == 9999
    assert "Traceback" not in capsys.readouterr().err


def test_one_vtimezone_is_made_per_build(monkeypatch):
    made = []
    real = icalendar.Timezone.from_tzinfo

    def counted(*args, **kwargs):
        made.append(kwargs.get("tzid"))
        return real(*args, **kwargs)

    calendar_module._timezone.cache_clear()
    monkeypatch.setattr(icalendar.Timezone, "from_tzinfo", counted)
    files = render_outputs(typed(plan_of(STATE_VISIT)), BuildOptions(kinds=frozenset({"calendar"})))
    calendars = [name for name in files if name.endswith(".ics")]
    assert len(calendars) > 20
    assert made == ["Asia/Almaty"], "one VTIMEZONE for all the calendars of both languages"
    assert all(b"BEGIN:VTIMEZONE\r\nTZID:Asia/Almaty" in files[name] for name in calendars)
