"""The typed Plan: its JSON form is the one every output and `--since` read, and reading it back checks it.

`Plan.to_json()` must give the same JSON as the Plan had before it was typed
(the expected plan.json files are those bytes), `Plan.from_json` must give
back the same Plan, and a plan.json that is not a plan (a wrong type, a
missing field, a version this rasim does not read) must be refused with the
path of the field, as `rasim build --since` shows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from emit_helpers import REPO, SCENARIOS, STATE_VISIT, plan_of
from rasim.cli.commands import main
from rasim.plan.codec import Reading, classes_of
from rasim.plan.types import FORMAT_VERSION, Label, Plan, PlanFormatError

MAIN_PLAN = REPO / "tests" / "cases" / "build" / "2027-05-state-visit-testland" / "plan.json"


def _printed(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_every_example_plan_reads_back_as_itself(scenario: Path):
    data = plan_of(scenario)
    plan = Plan.from_json(data)
    assert plan.format_version == FORMAT_VERSION == 3
    assert Plan.from_json(plan.to_json()) == plan
    assert _printed(plan.to_json()) == _printed(data)


def test_the_json_form_is_the_expected_plan_json():
    assert _printed(plan_of(STATE_VISIT)) == MAIN_PLAN.read_text(encoding="utf-8")


def test_attributes_are_the_json_keys():
    plan = Plan.from_json(plan_of(STATE_VISIT))
    row = next(r for r in plan.rows if r.lead is not None and r.participants)
    data = row.to_json()
    assert row.cue == data["cue"] and row.lead.role == data["lead"]["role"]
    assert row.start.utc_minutes == data["start"]["utc_minutes"]
    assert isinstance(row.participants, tuple) and [p.to_json() for p in row.participants] == data["participants"]
    assert row.label.text("kk") == data["label"]["kk"] and row.label.get("en") == data["label"]["en"]


def test_a_label_falls_back_to_english_and_shows_no_control_characters():
    label = Label("Guest\u2028of honour", None, (("ru", "Гость"),))
    assert label.text("kk") == label.text("en") == "Guest of honour"
    assert label.get("kk") is None and label.text("ru") == "Гость"
    assert label.to_json() == {"en": "Guest\u2028of honour", "kk": None, "ru": "Гость"}
    assert Label.from_json_value(label.to_json(), Reading(3)) == label


def _broken(change) -> str:
    data = plan_of(STATE_VISIT)
    change(data)
    with pytest.raises(PlanFormatError) as refused:
        Plan.from_json(data)
    return str(refused.value)


def test_a_wrong_type_is_refused_with_the_path_of_the_field():
    def minutes_as_text(data):
        data["rows"][3]["start"]["utc_minutes"] = "600"
    assert _broken(minutes_as_text) == "rows[3].start.utc_minutes: expected an integer"

    def fixed_as_number(data):
        data["calls"][0]["fixed"] = 1
    assert _broken(fixed_as_number) == "calls[0].fixed: expected true or false"

    def label_as_text(data):
        data["rows"][1]["participants"][0]["label"] = "Guest"
    assert _broken(label_as_text).startswith("rows[1].participants[0].label: expected a label")

    def rows_as_object(data):
        data["rows"] = {}
    assert _broken(rows_as_object) == "rows: expected a list"


def test_a_missing_field_is_refused_by_name():
    def no_cue(data):
        del data["rows"][2]["cue"]
    assert _broken(no_cue) == "rows[2].cue: missing"

    def no_kazakh(data):
        del data["scenario"]["label"]["kk"]
    assert _broken(no_kazakh) == "scenario.label.kk: missing"


def test_only_formats_2_and_3_are_read():
    def version(number):
        return lambda data: data.update(format_version=number)
    assert _broken(version(1)).startswith("format_version: format 1 is not one this rasim reads (2 or 3)")
    assert _broken(version(4)).startswith("format_version: format 4 is not one this rasim reads")
    assert _broken(version("3")) == "format_version: expected an integer"
    assert _broken(lambda data: data.pop("format_version")) == "format_version: missing"
    with pytest.raises(PlanFormatError, match="expected a JSON object"):
        Plan.from_json([])


def test_a_format_2_plan_from_before_the_later_fields_is_read():
    """Fields added within format 2 (docs/plan.md, Changes) may be missing from a format-2 plan, not a 3."""
    data = plan_of(STATE_VISIT)
    for name in ("articles", "notes", "arrangements"):
        del data[name]
    for row in data["rows"]:
        del row["duration_estimated"]
        for participant in row["participants"]:
            del participant["alternative_of"], participant["reconstructed"]
    data["format_version"] = 2
    plan = Plan.from_json(data)
    assert plan.format_version == 2 and plan.articles == () and plan.notes == ()
    assert not any(row.duration_estimated for row in plan.rows)
    data["format_version"] = 3
    with pytest.raises(PlanFormatError, match=r"^rows\[0\]\.duration_estimated: missing$"):
        Plan.from_json(data)


def test_unknown_fields_are_left_out_and_depth_is_bounded():
    data = plan_of(STATE_VISIT)
    data["rows"][0]["added_by_a_later_version"] = [[[[]]]]
    assert Plan.from_json(data) == Plan.from_json(plan_of(STATE_VISIT))
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    data["rows"][0]["notes"] = deep
    with pytest.raises(PlanFormatError, match=r"^rows\[0\]\.notes\[0\]: expected a label"):
        Plan.from_json(data)


def test_every_object_of_the_plan_is_frozen_and_holds_no_list():
    seen: set[type] = set()

    def walk(value) -> None:
        if isinstance(value, tuple):
            for inner in value:
                walk(inner)
        elif attrs.has(type(value)):
            seen.add(type(value))
            first = attrs.fields(type(value))[0].name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(value, first, None)
            for field in attrs.fields(type(value)):
                assert not isinstance(getattr(value, field.name), (list, dict)), (type(value), field.name)
                walk(getattr(value, field.name))

    walk(Plan.from_json(plan_of(STATE_VISIT)))
    assert Plan in seen and Label in seen and len(seen) >= 20
    assert seen <= set(classes_of(Plan))


def _build(out: Path, since: Path) -> int:
    return main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), "-o", str(out),
                 "--only", "timeline", "--lang", "en", "--since", str(since)])


def test_since_refuses_a_plan_of_the_wrong_shape(tmp_path: Path, capsys):
    previous = plan_of(STATE_VISIT)
    previous["rows"][3]["start"]["utc_minutes"] = "noon"
    since = tmp_path / "plan.json"
    since.write_text(json.dumps(previous), encoding="utf-8")
    out = tmp_path / "out"
    assert _build(out, since) == 2
    error = capsys.readouterr().err
    assert "is not a plan" in error and "rows[3].start.utc_minutes: expected an integer" in error
    assert "Traceback" not in error and not out.exists()
    since.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert _build(out, since) == 2
    assert "nested too deeply" in capsys.readouterr().err


def test_since_reads_a_plan_of_format_2(tmp_path: Path):
    previous = plan_of(STATE_VISIT)
    previous["format_version"] = 2
    del previous["notes"], previous["articles"]
    since = tmp_path / "plan.json"
    since.write_text(json.dumps(previous), encoding="utf-8")
    assert _build(tmp_path / "out", since) == 0
