"""A deviation is applied to the event: every output shows who will actually be there.

The 2027 state visit's guest lands at 22:40, late in the evening; the Ministry
of Foreign Affairs has the Deputy Minister welcome her in the Minister's place
(2013 art. 22: `deviation airport_welcome on day 1: lead
deputy_minister_of_foreign_affairs instead_of minister_of_foreign_affairs`).
The Deputy Minister must then stand in the Lead and Participants of the
welcome's rows, in his own role view and calendar, in English and Kazakh, and
the Minister must be gone from all of them.
"""

from __future__ import annotations

import re

import icalendar
import pytest

from emit_helpers import STATE_VISIT, plan_of, typed
from rasim.emit.build import BuildOptions, render_outputs

DEPUTY, MINISTER = "deputy_minister_of_foreign_affairs", "minister_of_foreign_affairs"
WELCOME_ROWS = ("AW-03", "AW-05", "AW-06", "AW-07")  # the steps the Minister had a part in


@pytest.fixture(scope="module")
def plan() -> dict:
    return plan_of(STATE_VISIT)


@pytest.fixture(scope="module")
def files(plan) -> dict[str, bytes]:
    return render_outputs(typed(plan), BuildOptions(kinds=frozenset({"runsheet", "calendar"}), languages=("en", "kk")))


def _rows(plan: dict) -> dict[str, dict]:
    return {row["cue"]: row for row in plan["rows"]}


def test_the_plan_names_the_deputy_minister_on_the_welcome_and_marks_the_change(plan):
    rows = _rows(plan)
    assert rows["AW-03"]["lead"]["role"] == DEPUTY and rows["AW-03"]["lead"]["person"] == "R. Vassilenko"
    for cue in WELCOME_ROWS:
        roles = [p["role"] for p in rows[cue]["participants"]] + [(rows[cue]["lead"] or {}).get("role")]
        assert DEPUTY in roles and MINISTER not in roles, cue
        assert [d["id"] for d in rows[cue]["deviations"]] == ["D1"], cue
    # A step the deviation left as it was is not marked as changed.
    assert rows["AW-04"]["deviations"] == [] and rows["AW-01"]["deviations"] == []
    deviation = next(d for d in plan["deviations"] if d["id"] == "D1")
    assert deviation["edits"] == [f"lead {DEPUTY} instead_of {MINISTER}"]
    assert set(deviation["rows"]) == set(WELCOME_ROWS)


def test_the_farewell_keeps_the_minister(plan):
    """The deviation is for day 1 only: the Minister sees the guest off on day 3."""
    farewell = [row for row in plan["rows"] if row["ceremony"] == "airport_farewell"]
    present = {p["role"] for row in farewell for p in row["participants"]}
    assert MINISTER in present and DEPUTY not in present


def _own_rows(html: str) -> set[str]:
    """Return the cues a role view lists as the role's own rows (not the stand-by rows before them)."""
    return {cue for cue, classes in re.findall(r'<tr id="cue-([A-Z0-9-]+)" class="([^"]*)"', html)
            if "row" in classes.split() and "standby" not in classes.split()}


@pytest.mark.parametrize("lang, deputy_label, minister_label", [
    ("en", "Deputy Minister of Foreign Affairs", "Minister of Foreign Affairs (M. Nurlanov)"),
    ("kk", "Сыртқы істер министрінің орынбасары", "Сыртқы істер министрі (M. Nurlanov)"),
])
def test_the_run_sheets_show_the_deputy_minister_in_both_languages(files, lang, deputy_label, minister_label):
    master = files[f"{lang}/runsheet/master.html"].decode()
    row = master[master.index('id="cue-AW-03"'):]
    row = row[:row.index("</tr>")]
    assert deputy_label in row and "R. Vassilenko" in row
    assert minister_label not in row and "M. Nurlanov" not in row
    deputy = files[f"{lang}/runsheet/role-{DEPUTY}.html"].decode()
    minister = files[f"{lang}/runsheet/role-{MINISTER}.html"].decode()
    assert set(WELCOME_ROWS) <= _own_rows(deputy)
    assert not any(cue.startswith("AW-") for cue in _own_rows(minister))


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_the_calendars_follow_the_deviation(files, lang):
    def events(role: str) -> list[str]:
        calendar = icalendar.Calendar.from_ical(files[f"{lang}/calendar/{role}.ics"])
        return [str(e.get("summary")) for e in calendar.walk("VEVENT")]

    welcome = {"en": "Airport", "kk": "Әуежай"}[lang]
    assert any(welcome.lower() in summary.lower() for summary in events(DEPUTY)), events(DEPUTY)
    minister = events(MINISTER)
    assert minister and not any("welcom" in s.lower() or "қарсы алу" in s.lower() for s in minister), minister
