"""Attack: feed `--since` a file that is not a previous plan, or one that cannot be read in bounded time and memory.

Before, a deeply nested JSON ended in a RecursionError, `--since /dev/zero`
read forever, a FIFO hung the build, and rows with numbers where names
should be crashed the change page. Now each is the `unreadable-since`
diagnostic saying what is wrong, exit status 2, and nothing is built.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from emit_helpers import REPO, STATE_VISIT, plan_of
from rasim.cli.commands import main


def build_since(tmp_path: Path, since: str, *extra: str) -> int:
    return main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), "-o", str(tmp_path / "out"),
                 "--only", "runsheet", "--lang", "en", "--quiet", "--since", since, *extra])


def refused(tmp_path: Path, capsys, since: str, message: str, *extra: str) -> None:
    assert build_since(tmp_path, since, *extra) == 2
    err = capsys.readouterr().err
    assert "error[unreadable-since]" in err and message in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def previous_with(tmp_path: Path, change) -> str:
    plan = plan_of(STATE_VISIT)
    change(plan)
    path = tmp_path / "previous.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return str(path)


def test_deep_nesting_is_refused(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    refused(tmp_path, capsys, str(deep), "nested too deeply")


def test_a_device_is_refused_without_reading_it(tmp_path, capsys):
    refused(tmp_path, capsys, "/dev/zero", "not a regular file")


def test_a_fifo_is_refused_without_waiting(tmp_path, capsys):
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    refused(tmp_path, capsys, str(fifo), "not a regular file")


def test_a_file_past_the_size_limit_is_refused(tmp_path, capsys):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (2 << 20) + b"{}")
    refused(tmp_path, capsys, str(big), "more than the limit of 1,048,576", "--max-since-mb", "1")


def test_not_utf8_and_not_json_are_refused(tmp_path, capsys):
    binary = tmp_path / "plan.json"
    binary.write_bytes(b"\xff\xfe{}")
    refused(tmp_path, capsys, str(binary), "not valid UTF-8")
    binary.write_text("{rows: nope}")
    refused(tmp_path, capsys, str(binary), "not JSON")


@pytest.mark.parametrize("change, message", [
    (lambda p: p.update(format_version=99), "format_version: format 99 is not one this rasim reads (2 or 3)"),
    (lambda p: p.pop("format_version"), "format_version: missing"),
    (lambda p: p["rows"].append(42), ": expected an object"),
    (lambda p: p["rows"][0].update(cue=["AW", 1]), "rows[0].cue: expected a string"),
    (lambda p: p["rows"][2].update(label=7), "rows[2].label: expected a label"),
    (lambda p: p["rows"][1].update(lead="president"), "rows[1].lead: expected an object"),
    (lambda p: p["rows"][1].update(start={"date": 20270511}), "rows[1].start.date: expected a string"),
    (lambda p: p["rows"][1].update(participants={"role": "guest"}), "rows[1].participants: expected a list"),
    (lambda p: p["rows"][1].update(place="akorda"), "rows[1].place: expected an object"),
    (lambda p: p["rows"][1].update(notes=[{"en": 1}]), "rows[1].notes[0].en: expected a string or null"),
    (lambda p: p.update(scenario=[]), "scenario: expected an object"),
    (lambda p: p.update(checklist="all done"), "checklist: expected a list"),
])
def test_rows_of_the_wrong_types_are_a_diagnostic(tmp_path, capsys, change, message):
    refused(tmp_path, capsys, previous_with(tmp_path, change), message)


def test_a_previous_plan_with_extra_fields_or_of_format_2_still_builds(tmp_path, capsys):
    """Fields a reader does not know are left alone; a format-2 plan may lack what format 2 added later."""
    def loosen(plan):
        plan["rows"][0]["new_field_of_a_later_version"] = {"x": [1, 2]}
        plan["format_version"] = 2
        for key in ("arrangements", "articles", "notes"):
            plan.pop(key)
    assert build_since(tmp_path, previous_with(tmp_path, loosen)) == 0
    master = (tmp_path / "out" / "en" / "runsheet" / "master.html").read_text(encoding="utf-8")
    assert "changes" in master
