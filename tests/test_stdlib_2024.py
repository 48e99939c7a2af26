"""The 2024 wording of the State Protocol, chapters 9-25 and both precedence appendices, as the compiler applies it.

Each test builds a small scenario, compiles it against the standard library
and checks what the cited article of the Kazakh text (Decree No. 481 of
2024-02-13, shared/seeds/002_8961f7b1f695a33f.txt) says: the limits, the
ceremonies a format requires or forbids, the windows, the missing calendar
rule of the inauguration, the permitted deviations, the two precedence tables
and the order of the ambassadors at the presentation of credentials.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from rasim import tree as t
from rasim.driver import Compiled, Options, compile_file
from rasim.model.precedence import precedence_ranks
from rasim.resources import data_path

EDITION = "state_protocol@2024"


def compile_text(tmp_path: Path, text: str, name: str = "scenario.rasim") -> Compiled:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), "utf-8")
    options = Options(stdlib=data_path("stdlib"), project_root=tmp_path, editions={})
    return compile_file(path, name, options)


def problems(compiled: Compiled, severity: str = "error") -> list[tuple[str, str | None]]:
    return [(d.code, d.citation) for d in compiled.diagnostics if d.severity.value == severity]


def codes(compiled: Compiled, severity: str = "error") -> list[str]:
    return [code for code, _ in problems(compiled, severity)]


def cites(citation: str | None, article: str) -> bool:
    """Tell whether a diagnostic's citation names `article` of the 2024 wording."""
    if citation is None or not citation.endswith(f"of {EDITION}"):
        return False
    numbers = citation.removeprefix("§ ").removesuffix(f" of {EDITION}").split(", ")
    return article in numbers


def participants(compiled: Compiled, step: str) -> list[str]:
    row = next(r for r in compiled.plan.rows if r.step == step)
    return [p.role for p in row.participants]


# ---- an official visit of a head of government (chapters 11 and 14) -------------------

GOVERNMENT_PROGRAM = {
    "airport_welcome_government": "day 1 10:00 airport_welcome_government 40 min at airport",
    "talks_with_prime_minister": "day 2 10:00 talks_with_prime_minister 60 min",
    "press_event": "day 2 11:30 press_event 20 min",
    "meetings_with_kazakh_officials": "day 2 15:00 meetings_with_kazakh_officials 60 min",
    "memorable_gifts": "day 2 18:50 memorable_gifts 10 min",
    "official_reception_government": "day 2 19:00 official_reception_government 90 min",
    "airport_farewell_government": "day 3 12:00 airport_farewell_government 20 min at airport",
}
DAYS = {1: "2025-04-15", 2: "2025-04-16", 3: "2025-04-17"}


def government_visit(*, fmt: str = "government_official_visit", kind: str = "head_of_government",
                     arrive: str = "2025-04-15 10:00", depart: str = "2025-04-17 12:20",
                     delegation: int = 7, spouse: bool = False, omit: tuple[str, ...] = (),
                     extra: tuple[str, ...] = (), statements: tuple[str, ...] = (),
                     working_group: str | None = "2025-04-09 11:00",
                     program: dict[str, str] | None = None, days: dict[int, str] | None = None) -> str:
    """Return a scenario of a visit of a head of government that is clean unless told otherwise."""
    entries = dict(GOVERNMENT_PROGRAM if program is None else program)
    for name in omit:
        entries.pop(name, None)
    by_day: dict[int, list[str]] = {}
    for line in list(entries.values()) + list(extra):
        _, number, rest = line.split(" ", 2)
        by_day.setdefault(int(number), []).append(rest)
    dates = days or DAYS
    program_text = "\n".join(
        f"    day {n} {dates[n]} {{\n" + "\n".join(f"      {e}" for e in sorted(by_day[n])) + "\n    }"
        for n in sorted(by_day))
    spouse_text = ' {\n      with_spouse "Luis Costa" male\n    }' if spouse else ""
    group = f"  event working_group_arrival {working_group} Asia/Almaty\n" if working_group else ""
    more = "".join(f"  {s}\n" for s in statements)
    return (
        "import state_protocol\n\n"
        'scenario visit_2025 "A visit of a head of government" {\n'
        f"  visit {fmt} {{\n"
        f'    principal "Ana Costa" {kind} of "Southland"{spouse_text}\n'
        f"    arrive {arrive} Asia/Almaty at airport\n"
        f"    depart {depart} Asia/Almaty at airport\n"
        "  }\n"
        f"{group}"
        f"  count delegation_at_host_expense = {delegation}\n"
        f"{more}"
        f"  program {{\n{program_text}\n  }}\n"
        "}\n")


def test_clean_official_visit_of_a_head_of_government(tmp_path):
    """Art. 118: the program items without a condition are all there, so the visit checks clean."""
    compiled = compile_text(tmp_path, government_visit())
    assert codes(compiled) == []
    assert compiled.plan is not None
    assert compiled.plan.editions[-1].ref == EDITION


# ---- limits -----------------------------------------------------------------------------

def test_official_visit_of_a_head_of_government_takes_up_to_seven_members_at_host_expense(tmp_path):
    """Art. 128: up to seven members of the official delegation at the expense of the Kazakh side."""
    assert codes(compile_text(tmp_path, government_visit(delegation=7))) == []
    found = problems(compile_text(tmp_path, government_visit(delegation=8)))
    assert [code for code, _ in found] == ["limit-exceeded"]
    assert cites(found[0][1], "128")


def test_working_visit_of_a_head_of_government_takes_up_to_five(tmp_path):
    """Art. 128: up to five members in a working visit (art. 121-122 give its program)."""
    program = {
        "airport": "day 1 10:00 airport_meeting_government_working 20 min at airport",
        "talks": "day 1 12:00 talks_with_prime_minister 60 min",
        "press": "day 1 13:10 press_event 20 min",
        "reception": "day 1 14:00 working_reception_government 60 min",
        "gifts": "day 1 15:10 memorable_gifts 10 min",
    }
    visit = dict(fmt="government_working_visit", depart="2025-04-15 18:00", program=program)
    assert codes(compile_text(tmp_path, government_visit(delegation=5, **visit))) == []
    found = problems(compile_text(tmp_path, government_visit(delegation=6, **visit)))
    assert [code for code, _ in found] == ["limit-exceeded"] and cites(found[0][1], "128")


def test_transit_visit_of_a_head_of_government_takes_up_to_five(tmp_path):
    """Art. 128: up to five members in a transit visit; art. 123: an official of Kazakhstan meets the guest;
    art. 17: the host bears the delegation's costs because officials of Kazakhstan meet it."""
    program = {"meeting": "day 1 10:00 transit_meeting_government 20 min at airport",
               "gifts": "day 1 10:20 memorable_gifts 10 min",
               "talks": "day 1 10:40 meetings_with_kazakh_officials 30 min"}
    visit = dict(fmt="government_transit_visit", depart="2025-04-15 13:00", program=program, working_group=None)
    assert codes(compile_text(tmp_path, government_visit(delegation=5, **visit))) == []
    found = problems(compile_text(tmp_path, government_visit(delegation=6, **visit)))
    assert [code for code, _ in found] == ["limit-exceeded"] and cites(found[0][1], "128")


def test_transit_visit_of_a_head_of_government_without_meetings_costs_the_host_nothing(tmp_path):
    """Art. 17: the Kazakh side bears no costs of a delegation in transit unless officials of Kazakhstan meet
    it; with no meeting in the program, no member is received at the host's expense."""
    program = {"meeting": "day 1 10:00 transit_meeting_government 20 min at airport",
               "gifts": "day 1 10:20 memorable_gifts 10 min"}
    visit = dict(fmt="government_transit_visit", depart="2025-04-15 13:00", program=program, working_group=None)
    assert codes(compile_text(tmp_path, government_visit(delegation=0, **visit))) == []
    found = problems(compile_text(tmp_path, government_visit(delegation=1, **visit)))
    assert [code for code, _ in found] == ["limit-exceeded"] and cites(found[0][1], "17")


# ---- required, permitted and forbidden ceremonies ---------------------------------------------

def test_official_visit_requires_negotiations_with_the_prime_minister(tmp_path):
    """Art. 118.2: the program of an official visit has negotiations with the Prime Minister."""
    found = problems(compile_text(tmp_path, government_visit(omit=("talks_with_prime_minister",))))
    assert [code for code, _ in found] == ["missing-required"]
    assert cites(found[0][1], "118.2")


def test_negotiations_with_the_president_only_by_agreement_of_the_parties(tmp_path):
    """Art. 118.1: negotiations with the President "by agreement of the parties": not without it."""
    talks = ("day 2 13:00 talks_with_president_government 45 min at akorda",)
    assert codes(compile_text(tmp_path, government_visit(extra=talks, statements=("assume parties_agree yes",)))) == []
    found = problems(compile_text(tmp_path, government_visit(extra=talks, statements=("assume parties_agree no",))))
    assert [code for code, _ in found] == ["not-permitted"] and cites(found[0][1], "118.1")


def test_signing_only_when_necessary(tmp_path):
    """Art. 118.3: bilateral documents are signed "when necessary"."""
    signing = ("day 2 11:05 signing_government 20 min",)
    found = problems(compile_text(tmp_path, government_visit(extra=signing, statements=("assume if_necessary no",))))
    assert [code for code, _ in found] == ["not-permitted"] and cites(found[0][1], "118.3")


def test_a_spouse_who_comes_has_a_separate_program(tmp_path):
    """Art. 120: if the guest comes with a spouse, a separate program of the stay is provided for the spouse."""
    found = problems(compile_text(tmp_path, government_visit(spouse=True)))
    assert [code for code, _ in found] == ["missing-required"] and cites(found[0][1], "120")
    spouse = ("day 2 12:00 spouse_separate_program 120 min",)
    assert codes(compile_text(tmp_path, government_visit(spouse=True, extra=spouse))) == []


def test_memorable_gifts_are_provided_for_during_a_visit(tmp_path):
    """Art. 195: memorable gifts are given on behalf of officials of Kazakhstan during a foreign official's visit."""
    found = problems(compile_text(tmp_path, government_visit(omit=("memorable_gifts",))))
    assert [code for code, _ in found] == ["missing-required"] and cites(found[0][1], "195")


def test_head_of_state_does_not_take_a_head_of_government_format(tmp_path):
    """Art. 111: chapter 11 is the protocol of heads of foreign governments, not of heads of state."""
    found = problems(compile_text(tmp_path, government_visit(kind="head_of_state")))
    assert [code for code, _ in found] == ["guest-kind-not-allowed"] and cites(found[0][1], "111")


def test_ramp_meeting_by_the_intergovernmental_commission(tmp_path):
    """Art. 113: where an intergovernmental commission exists, its representative meets the guest at the ramp."""
    compiled = compile_text(tmp_path, government_visit(statements=("assume intergovernmental_commission_exists yes",
                                                                   "assume ambassador_agreed yes")))
    assert codes(compiled) == []
    met_by = participants(compiled, "ramp_meeting")
    assert {"igc_representative", "mfa_representative", "deputy_akim", "kazakh_ambassador"} <= set(met_by)


def test_foreign_minister_official_visit_has_meetings_with_the_leaders(tmp_path):
    """Art. 159: the official visit of a head of a foreign affairs agency has a meeting with the President."""
    text = textwrap.dedent("""\
        import state_protocol

        scenario fm_2025 "Official visit of a foreign minister" {
          visit foreign_minister_official_visit {
            principal "Ingrid Dahl" head_of_foreign_affairs_agency of "Nordland"
            arrive 2025-09-22 15:20 Asia/Almaty at airport
            depart 2025-09-24 16:50 Asia/Almaty at airport
          }
          program {
            day 1 2025-09-22 { 15:20 airport_welcome_foreign_minister 20 min at airport }
            day 2 2025-09-23 {
              10:00 meetings_with_kazakh_officials 90 min
              PRESIDENT
              15:00 meeting_with_prime_minister_high_level 30 min
              16:30 meetings_with_chairmen_high_level 60 min
              19:00 memorable_gifts 10 min
            }
            day 3 2025-09-24 { 16:30 airport_farewell_foreign_minister 20 min at airport }
          }
        }
        """)
    clean = text.replace("PRESIDENT", "12:30 meeting_with_president 40 min at akorda")
    assert codes(compile_text(tmp_path, clean)) == []
    found = problems(compile_text(tmp_path, text.replace("PRESIDENT", "")))
    assert [code for code, _ in found] == ["missing-required"] and cites(found[0][1], "159")


# ---- windows ----------------------------------------------------------------------------------

def test_working_group_arrives_in_advance(tmp_path):
    """Art. 126: the working group preparing the visit arrives in Kazakhstan in advance."""
    found = problems(compile_text(tmp_path, government_visit(working_group="2025-04-15 08:00")))
    assert [code for code, _ in found] == ["window-violated"] and cites(found[0][1], "126")
    assert codes(compile_text(tmp_path, government_visit(working_group="2025-04-09 08:00"))) == []


PRESIDENT_ABROAD = """\
    import state_protocol

    scenario president_abroad_2025 "Visit of the President to Nordland" {
      visit presidents_visit_abroad {
        arrive 2025-11-19 09:00 Asia/Almaty at airport
        depart 2025-11-20 23:00 Asia/Almaty at airport
      }
      event visit_begins 2025-11-19 14:00 Europe/Oslo
      event working_group_arrival GROUP Europe/Oslo
      event working_group_proposals PROPOSALS Asia/Almaty
      program {
        day 1 2025-11-19 { 09:00 airport_send_off 20 min at airport }
        day 2 2025-11-20 {
          12:00 memorable_gifts_abroad 10 min
          22:30 airport_send_off 20 min at airport
        }
      }
    }
    """


def test_president_abroad_working_group_five_working_days_before(tmp_path):
    """Art. 105: the working group arrives in the foreign state five working days before the visit begins.

    The visit begins on Wednesday 19 November 2025 (no public holiday in
    Kazakhstan in November). A group that arrives on Wednesday 12 November is
    five working days before the visit (13-14 and 17-19 November: the day of
    arrival is not counted, the day of the visit is, as the compiler counts
    every window); one that arrives on the 13th is four.
    """
    ok = PRESIDENT_ABROAD.replace("GROUP", "2025-11-12 10:00").replace("PROPOSALS", "2025-11-04 10:00")
    assert codes(compile_text(tmp_path, ok)) == []
    late = PRESIDENT_ABROAD.replace("GROUP", "2025-11-13 10:00").replace("PROPOSALS", "2025-11-04 10:00")
    found = problems(compile_text(tmp_path, late))
    assert [code for code, _ in found] == ["window-violated"] and cites(found[0][1], "105")


def test_president_abroad_proposals_ten_working_days_before_departure(tmp_path):
    """Art. 105: proposals on the working group at least ten working days before the planned departure.

    Departure on Wednesday 19 November 2025: proposals sent on 5 November are
    ten working days before (6-7, 10-14, 17-19 November); sent on 10 November, seven.
    """
    late = PRESIDENT_ABROAD.replace("GROUP", "2025-11-12 10:00").replace("PROPOSALS", "2025-11-10 10:00")
    found = problems(compile_text(tmp_path, late))
    assert [code for code, _ in found] == ["window-violated"] and cites(found[0][1], "105")


# ---- calendar: the inauguration -----------------------------------------------------------------

INAUGURATION = """\
    import state_protocol

    scenario inauguration_2026 "Inauguration of the elected President" {
      PIN
      occasion inauguration {
        at inauguration_hall
        arrive 2026-03-18 11:00 Asia/Almaty
      }
      event presidential_election 2026-02-15 08:00 Asia/Almaty
      program {
        day 1 2026-03-18 { 11:00 inauguration 60 min }
      }
    }
    """


def test_inauguration_day_is_not_fixed_by_the_2024_text(tmp_path):
    """Art. 90: the inauguration is held within the period the Constitutional law sets: no day of its own.

    The 2013 wording fixed the second Wednesday of January after the election
    year (2013 art. 96); a March inauguration is wrong there and fine in 2024.
    """
    compiled = compile_text(tmp_path, INAUGURATION.replace("PIN", ""))
    assert codes(compiled) == [] and "wrong-date" not in codes(compiled, "warning")
    symbols = compiled.bound.symbols
    assert not any(isinstance(s.node, t.CalendarRule) and s.edition == EDITION and "inauguration" in name
                   for name, s in symbols.items())
    pinned = compile_text(tmp_path, INAUGURATION.replace("PIN", "edition state_protocol@2013"))
    assert "wrong-date" in codes(pinned)


def test_inauguration_order_of_the_oath_and_the_flag(tmp_path):
    """Art. 95-101: announcement, oath, kiss of the flag, anthem, certificate, speech, report, parade."""
    compiled = compile_text(tmp_path, INAUGURATION.replace("PIN", ""))
    steps = [r.step for r in compiled.plan.rows]
    chain = ["colours", "announcement", "oath", "flag_kiss", "anthem", "certificate", "speech",
             "defence_report", "greeting_parade_teams", "parade"]
    assert [s for s in steps if s in chain] == chain
    assert steps.index("flag_raising") > steps.index("flag_kiss")


# ---- deviations ---------------------------------------------------------------------------------

LOWER_LEVEL = ('deviation airport_welcome_government.ramp_meeting: actor director_of_mfa_department instead_of assigned_official_of_deputy_level "A director of a department meets the guest"'
               ' because "Arrival on a Saturday" authorized_by AUTHORITY § 125')


def test_level_of_welcoming_officials_may_be_lowered_on_a_weekend(tmp_path):
    """Art. 125: on a weekend or holiday, early or late, the level of the welcoming officials may be reduced."""
    weekend = dict(arrive="2025-04-19 10:00", depart="2025-04-21 12:20",
                   days={1: "2025-04-19", 2: "2025-04-20", 3: "2025-04-21"}, working_group="2025-04-12 10:00")
    accepted = compile_text(tmp_path, government_visit(
        statements=(LOWER_LEVEL.replace("AUTHORITY", "government_apparatus"),), **weekend))
    assert codes(accepted) == []
    assert [d.target for d in accepted.plan.deviations] == ["airport_welcome_government.ramp_meeting"]
    weekday = compile_text(tmp_path, government_visit(
        statements=(LOWER_LEVEL.replace("AUTHORITY", "government_apparatus"),)))
    found = problems(weekday)
    assert [code for code, _ in found] == ["deviation-not-allowed"] and cites(found[0][1], "125")


def test_level_of_welcoming_officials_is_not_lowered_by_another_authority(tmp_path):
    """Art. 125 names no one who lowers the level; the library names the two bodies that art. 132 charges
    with the visits of heads of government (the State Protocol Service and the Apparatus of the
    Government), so the Presidential Administration, which art. 22 names for heads of state, is refused."""
    weekend = dict(arrive="2025-04-19 10:00", depart="2025-04-21 12:20",
                   days={1: "2025-04-19", 2: "2025-04-20", 3: "2025-04-21"}, working_group="2025-04-12 10:00")
    found = problems(compile_text(tmp_path, government_visit(
        statements=(LOWER_LEVEL.replace("AUTHORITY", "presidential_administration"),), **weekend)))
    assert [code for code, _ in found] == ["wrong-authority"]


# ---- precedence: both appendices -------------------------------------------------------------------

LINE_UP = """\
    import state_protocol

    ceremony line_up "Line-up of officials" {
      step line "Line" {
        actors minister_of_foreign_affairs, deputy_prime_minister, chairman_of_constitutional_court,
            head_of_presidential_administration, prime_minister, president
      }
    }

    scenario line_up_2025 "Line-up" {
      KIND
      program {
        day 1 2025-05-20 { 10:00 line_up 10 min GIFTS }
      }
    }
    """


def test_international_events_follow_appendix_2(tmp_path):
    """Appendix 2: President, Prime Minister (reconstructed), Head of the Administration, then the Minister
    of Foreign Affairs (A2.8) before the Chairman of the Constitutional Court (A2.9) and the Deputy Prime
    Ministers (A2.17)."""
    visit = ('visit former_leader_visit {\n principal "Erik Lind" former_head_of_state of "Nordland"\n'
             ' arrive 2025-05-20 09:00 Asia/Almaty at airport\n depart 2025-05-20 18:00 Asia/Almaty at airport\n}')
    compiled = compile_text(tmp_path, LINE_UP.replace("KIND", visit).replace("GIFTS", "then memorable_gifts 10 min"))
    assert codes(compiled) == []
    assert participants(compiled, "line") == [
        "president", "prime_minister", "head_of_presidential_administration", "minister_of_foreign_affairs",
        "chairman_of_constitutional_court", "deputy_prime_minister"]


def test_domestic_events_follow_appendix_1(tmp_path):
    """Appendix 1: the Minister of Foreign Affairs (A1.25) comes after the Chairman of the Constitutional
    Court (A1.8) and the Deputy Prime Ministers (A1.16)."""
    occasion = "occasion line_up {\n arrive 2025-05-20 10:00 Asia/Almaty\n}"
    compiled = compile_text(tmp_path, LINE_UP.replace("KIND", occasion).replace("GIFTS", ""))
    assert codes(compiled) == []
    assert participants(compiled, "line") == [
        "president", "prime_minister", "head_of_presidential_administration", "chairman_of_constitutional_court",
        "deputy_prime_minister", "minister_of_foreign_affairs"]


def _table(compiled: Compiled, name: str) -> t.Precedence:
    symbol = compiled.bound.symbols[name]
    assert symbol.edition == EDITION
    return symbol.node


def test_appendices_keep_the_numbering_with_the_lost_entries(tmp_path):
    """Appendices 1 and 2: the President and the Prime Minister head both lists (reconstructed); entry 7 of
    Appendix 1 is the former Presidents (reconstructed) and entry 7 of Appendix 2 is lost (a placeholder),
    so that every later entry keeps its position: A2.8 is the Minister of Foreign Affairs, A2.55 the
    heads of parties and public associations."""
    compiled = compile_text(tmp_path, government_visit())
    domestic, international = _table(compiled, "domestic"), _table(compiled, "international")
    for table, lost in ((domestic, "former_president"), (international, "entry_lost_in_extraction")):
        ranks = {r.number: r for r in table.items if isinstance(r, t.Rank)}
        assert [r.text for r in ranks["1"].roles] == ["president"] and ranks["1"].reconstructed
        assert [r.text for r in ranks["2"].roles] == ["prime_minister"] and ranks["2"].reconstructed
        assert [r.text for r in ranks["7"].roles] == [lost] and ranks["7"].reconstructed
        assert all(r.reconstructed is None for n, r in ranks.items() if n not in ("1", "2", "7"))
    assert "not known" in {r.number: r for r in international.items if isinstance(r, t.Rank)}["7"].reconstructed.text
    international_ranks = precedence_ranks(compiled.model, "international")
    assert international_ranks["minister_of_foreign_affairs"] == (8,)
    assert international_ranks["assistant_to_president_for_international_affairs"] == (18,)
    assert international_ranks["deputy_minister_of_foreign_affairs"] == (41,)
    assert international_ranks["head_of_state_protocol_service"] == (42,)
    assert international_ranks["head_of_public_association"] == (55,)
    assert precedence_ranks(compiled.model, "domestic")["minister_of_foreign_affairs"] == (25,)


def test_appendix_2_orders_entries_by_date_of_appointment_and_deputies_alphabetically(tmp_path):
    """Appendix 2: "тағайындалған күні бойынша" on the Deputy Prime Ministers (A2.17), the alphabetical order
    of surnames in the state language for the deputies of the Parliament (A2.44); the agenda may set
    seniority in particular cases (the note)."""
    table = _table(compile_text(tmp_path, government_visit()), "international")
    ranks = {r.number: r for r in table.items if isinstance(r, t.Rank)}
    assert [r.text for r in ranks["17"].order] == ["date_of_appointment"]
    assert [r.text for r in ranks["44"].order] == ["kazakh_alphabet"]
    assert any(isinstance(i, t.Override) and i.authority.text == "agenda" for i in table.items)


# ---- credentials ----------------------------------------------------------------------------------

CREDENTIALS = """\
    import state_protocol

    scenario credentials_2025 "Presentation of credentials" {
      occasion credentials_ceremony {
        at akorda
        arrive 2025-03-12 11:00 Asia/Almaty
      }
      program {
        day 1 2025-03-12 {
          11:00 credentials_ceremony 15 min { ambassador "Nordland, arrived 20 February 14:05" }
            then credentials_ceremony 15 min { ambassador "Southland, arrived 20 February 22:40" }
        }
      }
    }
    """


def test_credentials_order_is_the_order_of_arrival_in_kazakhstan(tmp_path):
    """Art. 185: the order of the newly appointed ambassadors follows the date and time of their arrival."""
    compiled = compile_text(tmp_path, CREDENTIALS)
    assert codes(compiled) == []
    table = _table(compiled, "credentials_order")
    (rank,) = [r for r in table.items if isinstance(r, t.Rank)]
    assert [r.text for r in rank.roles] == ["newly_appointed_ambassador"]
    assert [r.text for r in rank.order] == ["date_and_time_of_arrival"]
    assert rank.citations[0].articles == ("185",)
    presentations = [r.details[0].label.en for r in compiled.plan.rows if r.step == "presentation"]
    assert presentations == ["Nordland, arrived 20 February 14:05", "Southland, arrived 20 February 22:40"]


def test_credentials_ceremony_participants(tmp_path):
    """Art. 186: the Head of the Presidential Administration, the Minister of Foreign Affairs and the
    Assistant to the President for international affairs take part in the ceremony."""
    compiled = compile_text(tmp_path, CREDENTIALS)
    assert {"head_of_presidential_administration", "minister_of_foreign_affairs",
            "assistant_to_president_for_international_affairs",
            "newly_appointed_ambassador"} <= set(participants(compiled, "presentation"))


NEW_AMBASSADOR = """\
    import state_protocol

    scenario new_ambassador_2025 "Arrival of the Ambassador of Nordland" {
      visit arrival_of_head_of_mission {
        principal "Ola Berg" head_of_diplomatic_mission of "Nordland"
        arrive 2025-02-20 14:05 Asia/Almaty at airport
      }
      assume agrement_given yes
      program {
        day 1 2025-02-20 { 14:05 arrival_meeting_of_ambassador 20 min at airport }
        day 2 2025-02-24 { 11:00 FIRST 30 min }
        day 3 2025-03-12 { 11:00 SECOND 15 min }
        day 4 2025-03-20 { 11:00 protocol_call 30 min }
      }
    }
    """


def test_copy_of_credentials_before_the_ceremony(tmp_path):
    """Art. 183-184: the copy of the credentials is handed over at the Ministry before the ceremony;
    art. 188: the protocol call on the leadership follows the presentation of credentials."""
    ok = NEW_AMBASSADOR.replace("FIRST", "copy_of_credentials").replace("SECOND", "credentials_ceremony")
    assert codes(compile_text(tmp_path, ok)) == []
    swapped = NEW_AMBASSADOR.replace("FIRST", "credentials_ceremony").replace("SECOND", "copy_of_credentials")
    found = problems(compile_text(tmp_path, swapped))
    assert "order-violated" in [code for code, _ in found]
    assert any(cites(c, "183") for code, c in found if code == "order-violated")


# ---- receptions at foreign missions and letters --------------------------------------------------

def test_national_day_reception_at_a_foreign_mission_plays_the_kazakh_anthem_first(tmp_path):
    """Art. 187: the State Anthem of Kazakhstan is performed first; the State Flag of Kazakhstan stands first."""
    compiled = compile_text(tmp_path, """\
        import state_protocol

        scenario reception_2025 "National day of Nordland" {
          occasion foreign_national_day_reception {
            arrive 2025-05-17 18:00 Asia/Almaty
          }
          program {
            day 1 2025-05-17 { 18:00 foreign_national_day_reception 2 h }
          }
        }
        """)
    assert codes(compiled) == []
    orderings = {o.name: list(o.order) for r in compiled.plan.rows for o in r.orderings}
    assert orderings["anthems"] == ["kazakhstan", "foreign_state"]
    assert orderings["flags"] == ["kazakhstan first"]


def test_letter_on_taking_office_is_signed_by_the_matching_official(tmp_path):
    """Art. 191: letters on taking office are signed respectively by the President, the Prime Minister and
    the Minister of Foreign Affairs: a new head of government gets the Prime Minister's letter."""
    compiled = compile_text(tmp_path, """\
        import state_protocol

        scenario letter_2025 "Congratulation to the new Prime Minister of Nordland" {
          occasion taking_office_congratulation {
            arrive 2025-06-02 10:00 Asia/Almaty
          }
          assume diplomatic_relations_established yes
          assume new_head_of_state no
          assume new_head_of_government yes
          assume new_head_of_foreign_affairs_agency no
          program {
            day 1 2025-06-02 { 10:00 taking_office_congratulation 1 h }
          }
        }
        """)
    assert codes(compiled) == []
    steps = [r.step for r in compiled.plan.rows]
    assert "signed_by_prime_minister" in steps
    assert "signed_by_president" not in steps and "signed_by_minister" not in steps
    assert steps[0] == "draft" and steps[-1] == "dispatch"
