"""Precedence of people who share a role: the order their table sets, as the run-sheet shows it.

Written from the appendices: 2013 Appendix 1 entry 11 ranks the deputy prime
ministers "by date of appointment" and entry 33 the ministers by the order of
the Kazakh alphabet; 2024 art. 185 orders the newly appointed ambassadors by
the date and time of their arrival in Kazakhstan, and 2013 art. 198 by the date
of their agrément.
"""

from __future__ import annotations

from pathlib import Path

from rasim.driver import Options, compile_file
from rasim.resources import data_path

LINE_UP = """\
import state_protocol

ceremony line_up "Line-up of the Government" kk "Үкімет мүшелерінің сапқа тұруы" {{
  step line "Line-up" kk "Сапқа тұру" {{
    actors minister, deputy_prime_minister, prime_minister
  }}
}}

scenario government_line_up "Line-up" {{
  edition state_protocol@{year}
  occasion line_up {{
    arrive 2023-03-01 10:00 Asia/Almaty
  }}
  people {{
{people}
  }}
  program {{
    day 1 2023-03-01 {{ 10:00 line_up 10 min }}
  }}
}}
"""


def plan_of(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "scenario.rasim"
    path.write_text(text, encoding="utf-8")
    compiled = compile_file(path, "scenario.rasim", Options(stdlib=data_path("stdlib"), project_root=tmp_path,
                                                             editions={}))
    errors = [d for d in compiled.diagnostics if d.severity.value == "error"]
    assert not errors, errors
    return compiled.plan.to_json()


def people_in_row(plan: dict, cue: str) -> list[str]:
    row = next(r for r in plan["rows"] if r["cue"] == cue)
    return [p["person"] for p in row["participants"]]


def test_ministers_in_kazakh_alphabetical_order_and_deputies_by_appointment(tmp_path):
    people = "\n".join([
        '    minister "Бекболат Сейітов"',
        '    minister "Әлия Нұрова"',
        '    minister "Айгүл Омарова"',
        '    deputy_prime_minister "Серік Жұмабаев" appointed 2022-01-11',
        '    deputy_prime_minister "Ерлан Қасымов" appointed 2019-02-25',
        '    prime_minister "Әлихан Смайылов"',
    ])
    plan = plan_of(tmp_path, LINE_UP.format(year=2013, people=people))
    assert people_in_row(plan, "LU-01") == [
        "Әлихан Смайылов",  # entry 3
        "Ерлан Қасымов", "Серік Жұмабаев",  # entry 11: the earlier appointment first
        "Айгүл Омарова", "Әлия Нұрова", "Бекболат Сейітов",  # entry 33: А, Ә, Б
    ]


CREDENTIALS_2024 = """\
import state_protocol

scenario credentials "Credentials" {{
  occasion credentials_ceremony {{
    at akorda
    arrive 2025-03-12 11:00 Asia/Almaty
  }}
  people {{
    president "A. Serikbayev" male
    newly_appointed_ambassador "Ambassador of Testland" arrived 2025-03-03 09:15
    newly_appointed_ambassador "Ambassador of Southland" arrived 2025-02-20 22:40
    newly_appointed_ambassador "Ambassador of Nordland" arrived 2025-02-20 14:05
  }}
  program {{
    day 1 2025-03-12 {{
      {calls}
    }}
  }}
}}
"""


def test_ambassadors_come_in_the_order_of_their_arrival(tmp_path):
    plan = plan_of(tmp_path, CREDENTIALS_2024.format(calls="11:00 credentials_ceremony 45 min at akorda"))
    ambassadors = [p for p in people_in_row(plan, "CC-01")]
    assert ambassadors == ["Ambassador of Nordland", "Ambassador of Southland", "Ambassador of Testland"]


def test_a_presentation_held_for_one_ambassador_shows_that_ambassador(tmp_path):
    calls = ('11:00 credentials_ceremony 15 min at akorda { newly_appointed_ambassador "Ambassador of Nordland" }\n'
             '        then credentials_ceremony 15 min at akorda '
             '{ newly_appointed_ambassador "Ambassador of Southland" }')
    plan = plan_of(tmp_path, CREDENTIALS_2024.format(calls=calls))
    assert people_in_row(plan, "CC-01") == ["Ambassador of Nordland"]
    assert people_in_row(plan, "CC2-01") == ["Ambassador of Southland"]


def test_presentations_out_of_the_order_of_arrival_are_an_error(tmp_path):
    calls = ('11:00 credentials_ceremony 15 min at akorda { newly_appointed_ambassador "Ambassador of Testland" }\n'
             '        then credentials_ceremony 15 min at akorda '
             '{ newly_appointed_ambassador "Ambassador of Nordland" }')
    path = tmp_path / "scenario.rasim"
    path.write_text(CREDENTIALS_2024.format(calls=calls), encoding="utf-8")
    compiled = compile_file(path, "scenario.rasim", Options(stdlib=data_path("stdlib"), project_root=tmp_path,
                                                             editions={}))
    found = [(d.code, d.span.line, d.citation) for d in compiled.diagnostics if d.severity.value == "error"]
    assert found == [("order-violated", 17, "§ 185 of state_protocol@2024")]


def test_ambassadors_in_2013_come_in_the_order_of_their_agrement(tmp_path):
    text = """\
import state_protocol

scenario credentials "Credentials" {
  occasion credentials_presentation {
    at akorda
    arrive 2021-03-10 10:30 Asia/Almaty
  }
  people {
    foreign_ambassadors "Mei Lin" agrement 2021-01-25
    foreign_ambassadors "Anna Berg" agrement 2020-11-02
    foreign_ambassadors "Luis Garza" agrement 2020-12-17
  }
  program {
    day 1 2021-03-10 { 10:30 credentials_presentation 90 min at akorda }
  }
}
"""
    plan = plan_of(tmp_path, text)
    first = plan["rows"][0]
    names = [p["person"] for p in first["participants"] if p["role"] == "foreign_ambassadors"]
    assert names == ["Anna Berg", "Luis Garza", "Mei Lin"]
