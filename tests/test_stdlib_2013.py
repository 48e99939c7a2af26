"""The 2013 wording of the State Protocol, rule family by rule family.

Each test builds a small scenario in a temporary folder, compiles it with the
installed standard library and checks what the cited ARTICLE says (the
expected numbers, dates and orders are read from the text of the article,
shared/seeds/002_8961f7b1f695a33f.txt lines 1100-2095, not from the
encoding). The scenarios are dated inside 2013-04-18 .. 2024-02-12, so the
2013 wording applies without a pin.
"""

from __future__ import annotations

import textwrap
from string import Template

import pytest

from rasim.diagnostics.core import Severity
from rasim.driver import Compiled, Options, compile_file
from rasim.resources import data_path

EDITION = "state_protocol@2013"


# ---- helpers -----------------------------------------------------------------------


def compile_text(tmp_path, text: str) -> Compiled:
    """Write `text` as a scenario file in `tmp_path` and compile it with the installed library."""
    path = tmp_path / "scenario.rasim"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    options = Options(stdlib=data_path("stdlib"), project_root=tmp_path, editions={})
    return compile_file(path, "scenario.rasim", options)


def errors(compiled: Compiled) -> list[tuple[str, str | None]]:
    """Return the (code, citation) of every error, sorted."""
    return sorted((d.code, d.citation) for d in compiled.diagnostics if d.severity is Severity.ERROR)


def error_codes(compiled: Compiled) -> set[str]:
    return {code for code, _ in errors(compiled)}


def assert_clean(compiled: Compiled) -> None:
    """Assert that the scenario has no error (warnings allowed) and that a plan was built."""
    assert errors(compiled) == [], "\n".join(f"{d.code}: {d.message}" for d in compiled.diagnostics)
    assert compiled.plan is not None


def assert_only(compiled: Compiled, code: str, article: str) -> None:
    """Assert that the only errors have `code`, and that one of them cites `article` of the 2013 wording."""
    found = errors(compiled)
    assert found, f"expected {code} citing § {article}, got no error"
    assert {c for c, _ in found} == {code}, found
    cited = [citation for _, citation in found if citation and citation.endswith(f"of {EDITION}")]
    assert any(article in citation.removeprefix("§ ").split(" of ")[0].split(", ") for citation in cited), found


def participants(compiled: Compiled, step: str) -> list[str]:
    """Return the roles of the first plan row of `step`, in the order of precedence the plan gives."""
    assert_clean(compiled)
    row = next(r for r in compiled.plan.rows if r.step == step)
    return [p.role for p in row.participants]


# ---- scenario templates ----------------------------------------------------------------
# Each template is a complete scenario that the 2013 wording accepts as it
# stands; the tests change one thing at a time.

STATE_VISIT = Template("""\
    import state_protocol

    scenario state_visit_westland "State visit of the President of Westland" {
      visit state_visit {
        principal "Luis Garza" $principal of "Westland" $government
        arrive $arrive_date $arrive_time Asia/Almaty at airport
        depart $depart 17:00 Asia/Almaty at airport
      }
      assume weather_permitting yes
      assume guest_requests no
      assume parties_agree yes
      $prior
      event working_group_arrival $working_group 10:00 Asia/Almaty
      count delegation_at_host_expense = $delegation
      $extra
      people { assigned_official "D. Abenov" male level member_of_the_government }
      program {
        day 1 $arrive_date { $arrive_time airport_welcome 30 min at airport }
        day 2 $second_date {
          11:00 akorda_welcome 20 min at akorda then negotiations_narrow 45 min then negotiations_expanded 90 min
            then signing 20 min then press_conference 30 min
          15:30 meeting_with_prime_minister 45 min at ukimet_uyi
          16:45 meetings_with_chairmen_of_chambers 60 min at parliament
          19:00 memorable_gifts 10 min at akorda; 19:30 state_banquet 2 h at akorda
        }
        day 3 $third_date {
          09:30 wreath_laying 30 min at monument then tree_planting 15 min; 11:00 sightseeing 90 min
          16:00 airport_farewell 30 min at airport
        }
      }
    }
""")


def state_visit(tmp_path, **changes) -> Compiled:
    values = dict(STATE_VISIT_DEFAULTS)
    values.update(changes)
    values.setdefault("depart", values["third_date"])
    return compile_text(tmp_path, STATE_VISIT.substitute(values))


STATE_VISIT_DEFAULTS = dict(principal="head_of_state", government="", arrive_date="2016-09-13", arrive_time="09:00",
                            second_date="2016-09-14", third_date="2016-09-15", working_group="2016-09-05",
                            delegation="12", prior="", extra="")


OFFICIAL_VISIT = Template("""\
    import state_protocol

    scenario official_visit_northland "Official visit of the President of Northland" {
      visit official_visit {
        principal "Ola Nord" head_of_state of "Northland"
        arrive 2023-09-12 10:00 Asia/Almaty at airport
        depart 2023-09-13 18:00 Asia/Almaty at airport
      }
      event working_group_arrival 2023-09-04 10:00 Asia/Almaty
      count delegation_at_host_expense = $delegation
      program {
        day 1 2023-09-12 {
          10:00 airport_welcome_official 25 min at airport
          12:00 akorda_welcome_official 20 min at akorda then tete_a_tete 40 min then working_breakfast 75 min
            then press_statements 15 min
          17:00 memorable_gifts 10 min at akorda
        }
        day 2 2023-09-13 { 17:30 airport_farewell_official 20 min at airport }
      }
    }
""")

WORKING_VISIT = Template("""\
    import state_protocol

    scenario working_visit_southland "Working visit of the President of Southland" {
      visit working_visit {
        principal "Ana Costa" head_of_state of "Southland"
        arrive 2023-06-07 08:15 Asia/Almaty at airport
        depart 2023-06-07 19:00 Asia/Almaty at airport
      }
      assume guest_requests no
      event working_group_arrival 2023-05-29 10:00 Asia/Almaty
      count delegation_at_host_expense = $delegation
      program {
        day 1 2023-06-07 {
          08:15 airport_meeting_working 30 min at airport
          12:00 talks_working 60 min at akorda then working_banquet 90 min at akorda
        }
      }
    }
""")

GOVERNMENT_OFFICIAL_VISIT = Template("""\
    import state_protocol

    scenario official_visit_eastland_pm "Official visit of the Prime Minister of Eastland" {
      visit official_visit_of_head_of_government {
        principal "Piotr Ost" $principal of "Eastland" {
          government $government
          $spouse
        }
        arrive 2023-04-11 $arrive_time Asia/Almaty at airport
        depart $depart 12:30 Asia/Almaty at airport
      }
      assume parties_agree $agree
      assume if_necessary $necessary
      assume guest_requests no
      event working_group_arrival $working_group 10:00 Asia/Almaty
      count delegation_at_host_expense = $delegation
      $extra
      program {
        day 1 2023-04-11 {
          $arrive_time airport_welcome_of_head_of_government 30 min at airport
          12:00 $negotiations
          16:00 press_conference_with_prime_minister 30 min at ukimet_uyi
          17:00 meetings_with_officials 60 min
          19:00 banquet_of_prime_minister 2 h
          $spouse_program
        }
        day 2 2023-04-12 {
          $wreath
          13:00 memorable_gifts_of_government 10 min
        }
        day $last_day $depart { 11:30 airport_farewell_of_head_of_government 20 min at airport }
      }
    }
""")


def government_official_visit(tmp_path, **changes) -> Compiled:
    values = dict(principal="head_of_government", government="presidential", spouse="", arrive_time="10:00",
                  depart="2023-04-13", last_day="3", agree="yes", necessary="yes", working_group="2023-04-04",
                  delegation="7", extra="",
                  negotiations="negotiations_with_prime_minister 90 min at ukimet_uyi "
                               "then signing_with_prime_minister 20 min",
                  spouse_program="", wreath="10:00 wreath_laying 30 min at monument")
    values.update(changes)
    return compile_text(tmp_path, GOVERNMENT_OFFICIAL_VISIT.substitute(values))


GOVERNMENT_WORKING_VISIT = Template("""\
    import state_protocol

    scenario working_visit_southland_pm "Working visit of the Prime Minister of Southland" {
      visit working_visit_of_head_of_government {
        principal "Ana Costa" head_of_government of "Southland" { government presidential }
        arrive 2022-09-20 $arrive_time Asia/Almaty at airport
        depart 2022-09-21 10:00 Asia/Almaty at airport
      }
      assume parties_agree yes
      event working_group_arrival $working_group 11:00 Asia/Almaty
      count delegation_at_host_expense = $delegation
      $extra
      program {
        day 1 2022-09-20 {
          $arrive_time airport_meeting_of_head_of_government 20 min at airport
          11:30 negotiations_with_prime_minister 75 min at ukimet_uyi then signing_with_prime_minister 15 min
            then press_conference_with_prime_minister 30 min
          $banquet
        }
        day 2 2022-09-21 { 09:30 airport_meeting_of_head_of_government 20 min at airport }
      }
    }
""")


def government_working_visit(tmp_path, **changes) -> Compiled:
    values = dict(arrive_time="09:40", working_group="2022-09-12", delegation="5", extra="",
                  banquet="19:00 banquet_of_prime_minister 90 min")
    values.update(changes)
    return compile_text(tmp_path, GOVERNMENT_WORKING_VISIT.substitute(values))


GOVERNMENT_TRANSIT = Template("""\
    import state_protocol

    scenario transit_northland_pm "Transit stop of the Prime Minister of Northland" {
      visit transit_visit_of_head_of_government {
        principal "Ola Nord" head_of_government of "Northland" { government presidential }
        arrive 2022-10-18 16:20 Asia/Almaty at airport
        depart 2022-10-18 19:00 Asia/Almaty at airport
      }
      assume guest_requests $requests
      assume parties_agree $agree
      count delegation_at_host_expense = $delegation
      $extra
      program {
        day 1 2022-10-18 {
          16:20 transit_meeting_of_head_of_government 20 min at airport
          $meetings
        }
      }
    }
""")


def government_transit(tmp_path, **changes) -> Compiled:
    values = dict(requests="no", agree="no", delegation="0", extra="", meetings="")
    values.update(changes)
    return compile_text(tmp_path, GOVERNMENT_TRANSIT.substitute(values))


# ---- delegation limits ---------------------------------------------------------------------


@pytest.mark.parametrize(("delegation", "clean"), [(12, True), (13, False)])
def test_state_visit_delegation_up_to_twelve(tmp_path, delegation, clean):
    """Art. 91: during a state visit officials of the delegation "up to 12 people" are accepted at the
    expense of the Kazakh side."""
    compiled = state_visit(tmp_path, delegation=str(delegation))
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "91")


@pytest.mark.parametrize(("delegation", "clean"), [(8, True), (9, False)])
def test_official_visit_of_head_of_state_delegation_up_to_eight(tmp_path, delegation, clean):
    """Art. 91: during an official visit "up to 8 people" at the expense of the Kazakh side."""
    compiled = compile_text(tmp_path, OFFICIAL_VISIT.substitute(delegation=delegation))
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "91")


@pytest.mark.parametrize(("delegation", "clean"), [(5, True), (6, False)])
def test_working_visit_of_head_of_state_delegation_up_to_five(tmp_path, delegation, clean):
    """Art. 91: during the working visit "up to 5 people" at the expense of the Kazakh side."""
    compiled = compile_text(tmp_path, WORKING_VISIT.substitute(delegation=delegation))
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "91")


@pytest.mark.parametrize(("delegation", "clean"), [(7, True), (8, False)])
def test_official_visit_of_head_of_government_delegation_up_to_seven(tmp_path, delegation, clean):
    """Art. 140: "During the official visit, at the expense of the Kazakh side, the officials of the
    delegation - up to 7 people" (a head of government; a head of state may bring 8, art. 91)."""
    compiled = government_official_visit(tmp_path, delegation=str(delegation))
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "140")


@pytest.mark.parametrize(("delegation", "clean"), [(5, True), (6, False)])
def test_working_visit_of_head_of_government_delegation_up_to_five(tmp_path, delegation, clean):
    """Art. 140: "during the working visit and transit visit - up to 5 people"."""
    compiled = government_working_visit(tmp_path, delegation=str(delegation))
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "140")


def test_transit_of_head_of_government_costs_nothing_without_meetings(tmp_path):
    """Art. 136: the Kazakh side "shall not bear the costs" of delegations travelling through Kazakhstan,
    "except for the cases when ... meetings of officials of the Republic of Kazakhstan with these
    delegations shall be held"."""
    assert_clean(government_transit(tmp_path))
    assert_only(government_transit(tmp_path, delegation="1"), "limit-exceeded", "136")


MEETINGS_HELD = dict(
    requests="yes", agree="yes",
    meetings="17:00 meetings_with_officials 60 min",
    extra="",
)


@pytest.mark.parametrize(("delegation", "clean"), [(5, True), (6, False)])
def test_transit_of_head_of_government_with_meetings_up_to_five(tmp_path, delegation, clean):
    """Art. 135, 136, 140: meetings are organised at the guest's request and by agreement (art. 135); then
    the Kazakh side bears the costs (art. 136) of "up to 5 people" (art. 140)."""
    compiled = government_transit(tmp_path, delegation=str(delegation), **MEETINGS_HELD)
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "140")


# ---- length of stay ------------------------------------------------------------------------


@pytest.mark.parametrize(("depart", "clean"), [("2016-09-15", True), ("2016-09-16", False)])
def test_state_visit_stay_at_most_three_days(tmp_path, depart, clean):
    """Art. 9 and 88: the guest's stay "does not exceed three days" (13-15 September is three days)."""
    compiled = state_visit(tmp_path, depart=depart)
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "9")


@pytest.mark.parametrize(("depart", "last_day", "clean"), [("2023-04-13", "3", True), ("2023-04-14", "4", False)])
def test_head_of_government_stay_at_most_three_days(tmp_path, depart, last_day, clean):
    """Art. 137: "The period of stay of a foreign delegation in the country does not exceed three days"."""
    compiled = government_official_visit(tmp_path, depart=depart, last_day=last_day)
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "137")


# ---- state visits per year ----------------------------------------------------------------

PRIOR_2016 = ["2016-02-16", "2016-04-05", "2016-05-24", "2016-06-14", "2016-07-12"]


@pytest.mark.parametrize(("earlier", "clean"), [(4, True), (5, False)])
def test_at_most_five_state_visits_a_year(tmp_path, earlier, clean):
    """Art. 9: "No more than 5 state visits can be conducted per year": a fifth is allowed, a sixth is not."""
    prior = "\n      ".join(f'prior_visit {day} state_visit of "Country {n}"' for n, day in
                             enumerate(PRIOR_2016[:earlier]))
    compiled = state_visit(tmp_path, prior=prior)
    assert_clean(compiled) if clean else assert_only(compiled, "limit-exceeded", "9")


def test_state_visits_of_another_year_do_not_count(tmp_path):
    """Art. 9 counts state visits "per year": five state visits in 2015 leave 2016 free."""
    prior = "\n      ".join(f'prior_visit {day.replace("2016", "2015")} state_visit' for day in PRIOR_2016)
    assert_clean(state_visit(tmp_path, prior=prior))


# ---- guest kind per format ----------------------------------------------------------------


def test_head_of_government_of_presidential_state_has_no_state_visit(tmp_path):
    """Art. 8: "State visits are visits of the heads of foreign states"; art. 118 receives a head of
    government as a head of state only for a parliamentary form of government."""
    compiled = state_visit(tmp_path, principal="head_of_government", government="{ government presidential }")
    assert_only(compiled, "guest-kind-not-allowed", "8")


def test_head_of_government_of_parliamentary_state_is_received_as_head_of_state(tmp_path):
    """Art. 118: "In case of arrival of the heads of foreign government with parliamentary form of
    government, their reception shall be carried out according to the protocol of reception of the heads
    of foreign states"."""
    compiled = state_visit(tmp_path, principal="head_of_government", government="{ government parliamentary }")
    assert_clean(compiled)


def test_official_visit_of_head_of_government_is_not_for_heads_of_state(tmp_path):
    """Chapter 10 (art. 118) governs "official visits of the heads of government of foreign states"."""
    compiled = government_official_visit(tmp_path, principal="head_of_state")
    assert_only(compiled, "guest-kind-not-allowed", "118")


FOREIGN_MINISTER = Template("""\
    import state_protocol

    scenario official_visit_nordland_fm "Official visit of the Minister of Foreign Affairs of Nordland" {
      visit official_visit_of_foreign_minister {
        principal "Karin Holm" $kind of "Nordland"
        arrive 2019-11-18 15:20 Asia/Almaty at airport
        depart 2019-11-19 18:30 Asia/Almaty at airport
      }
      assume guest_requests $requests
      program {
        day 1 2019-11-18 { 15:20 airport_meeting_of_foreign_minister 40 min at airport }
        day 2 2019-11-19 {
          $trip
          10:00 negotiations_with_minister_of_foreign_affairs 90 min at mfa_building then press_conference_of_visit 30 min
          12:30 banquet_of_visit 90 min; 15:00 meetings_with_officials 60 min; 16:30 memorable_gifts_of_visit 10 min
          17:45 airport_meeting_of_foreign_minister 30 min at airport
        }
      }
    }
""")


def foreign_minister(tmp_path, kind="head_of_foreign_affairs_agency", requests="no", trip="") -> Compiled:
    return compile_text(tmp_path, FOREIGN_MINISTER.substitute(kind=kind, requests=requests, trip=trip))


def test_official_visit_of_foreign_minister_is_for_heads_of_foreign_affairs_agencies(tmp_path):
    """Art. 166: "During the official visits of the heads of foreign affairs agencies of a foreign state"."""
    assert_clean(foreign_minister(tmp_path))
    assert_only(foreign_minister(tmp_path, kind="head_of_parliament"), "guest-kind-not-allowed", "166")


INTERNATIONAL_ORGANIZATION = Template("""\
    import state_protocol

    scenario visit_organization "Visit of the Deputy Secretary-General" {
      visit visit_of_head_of_international_organization {
        principal "Dr. Samira Haddad" $kind of "Organization for Regional Cooperation"
        arrive 2018-06-05 08:50 Asia/Almaty at airport
        depart 2018-06-06 14:00 Asia/Almaty at airport
      }
      program {
        day 1 2018-06-05 {
          08:50 airport_meeting_of_head_of_international_organization 25 min at airport
          11:00 meeting_with_prime_minister 45 min at ukimet_uyi
        }
        day 2 2018-06-06 { 13:00 airport_meeting_of_head_of_international_organization 25 min at airport }
      }
    }
""")


@pytest.mark.parametrize("kind", ["head_of_international_organization", "deputy_head_of_international_organization"])
def test_heads_and_deputy_heads_of_international_organizations(tmp_path, kind):
    """Art. 190: "The heads (deputy heads) of international organizations shall be accepted as the guests of
    the Government"; art. 191: the program "may include meetings with ... the Prime-Minister"."""
    assert_clean(compile_text(tmp_path, INTERNATIONAL_ORGANIZATION.substitute(kind=kind)))


def test_visit_of_international_organization_is_not_for_heads_of_state(tmp_path):
    """Chapter 19 (art. 190) governs visits of heads of international organizations and their deputies."""
    compiled = compile_text(tmp_path, INTERNATIONAL_ORGANIZATION.substitute(kind="head_of_state"))
    assert_only(compiled, "guest-kind-not-allowed", "190")


# ---- required ceremonies per format --------------------------------------------------------


def test_official_visit_of_head_of_government_requires_negotiations_with_prime_minister(tmp_path):
    """Art. 126: "the following events shall be held: negotiations with the Prime-Minister, ..."."""
    compiled = government_official_visit(tmp_path, negotiations="signing_with_prime_minister 20 min at ukimet_uyi")
    assert_only(compiled, "missing-required", "126")


@pytest.mark.parametrize(("necessary", "clean"), [("no", True), ("yes", False)])
def test_signing_with_head_of_government_only_if_necessary(tmp_path, necessary, clean):
    """Art. 126: "signing of bilateral documents (if necessary)"."""
    compiled = government_official_visit(tmp_path, necessary=necessary,
                                         negotiations="negotiations_with_prime_minister 90 min at ukimet_uyi")
    assert_clean(compiled) if clean else assert_only(compiled, "missing-required", "126")


@pytest.mark.parametrize(("agree", "clean"), [("no", True), ("yes", False)])
def test_wreath_laying_for_head_of_government_by_agreement(tmp_path, agree, clean):
    """Art. 126: "laying a basket of flowers (wreath, garland) (by agreement of the parties)": required
    once agreed, not without agreement."""
    compiled = government_official_visit(tmp_path, agree=agree, wreath="")
    assert_clean(compiled) if clean else assert_only(compiled, "missing-required", "126")


def test_spouse_of_head_of_government_has_a_separate_program(tmp_path):
    """Art. 131: "In case of arrival of a guest with his/her spouse, a separate program of stay shall be
    provided for her/him"."""
    with_spouse = dict(spouse='with_spouse "Maria Ost" female')
    assert_only(government_official_visit(tmp_path, **with_spouse), "missing-required", "131")
    assert_clean(government_official_visit(tmp_path, **with_spouse,
                                           spouse_program='track spouse "Spouse" { 14:00 spouse_program 120 min }'))


def test_working_visit_of_head_of_government_includes_a_banquet(tmp_path):
    """Art. 132: the program of a working visit "includes negotiations with the Prime-Minister, signing of
    joint documents, a press-conference and organization of a banquet (breakfast, lunch, dinner)"."""
    assert_only(government_working_visit(tmp_path, banquet=""), "missing-required", "132")


def test_state_visit_plants_a_tree_only_in_good_weather(tmp_path):
    """Art. 10: "the program preparation includes: ... planting a tree (under favorable weather
    conditions)": an item of the standard program, so a sunny day without it is a warning, not an error."""
    dry = STATE_VISIT.substitute(STATE_VISIT_DEFAULTS, depart="2016-09-15")
    rainy = dry.replace("assume weather_permitting yes", "assume weather_permitting no")
    rainy = rainy.replace(" then tree_planting 15 min", "")
    assert_clean(compile_text(tmp_path, rainy))
    sunny_without_tree = compile_text(tmp_path, dry.replace(" then tree_planting 15 min", ""))
    assert not errors(sunny_without_tree)
    left_out = [d for d in sunny_without_tree.diagnostics if d.code == "standard-item-left-out"]
    assert [d.severity for d in left_out] == [Severity.WARNING], sunny_without_tree.diagnostics
    assert "`tree_planting`" in left_out[0].message and left_out[0].citation == f"§ 10, 48 of {EDITION}"


def test_country_trip_of_foreign_minister_only_if_the_guest_wishes(tmp_path):
    """Art. 175: "In case of official visits, if the guest wishes, the program of the visit may include a
    trip around the country"."""
    trip = "06:00 country_trip_of_foreign_minister 2 h"
    assert_clean(foreign_minister(tmp_path, requests="yes", trip=trip))
    assert_only(foreign_minister(tmp_path, requests="no", trip=trip), "not-permitted", "175")


AMBASSADOR = Template("""\
    import state_protocol

    scenario arrival_ambassador "Arrival and accreditation of the Ambassador of Nordland" {
      visit arrival_of_ambassador {
        principal "Anna Berg" ambassador_of_foreign_state of "Nordland"
        arrive 2021-02-22 14:05 Asia/Almaty at airport
      }
      assume concurrent_accreditation $concurrent
      program {
        day 1 2021-02-22 { 14:05 ambassador_airport_meeting 20 min at airport }
        day 3 2021-02-24 { 11:00 $first 30 min }
        day 17 2021-03-10 { 10:30 $second 90 min }
        day 24 2021-03-17 { 10:00 protocol_visits_to_leadership 60 min }
      }
    }
""")


def test_copy_of_credentials_comes_before_the_credentials(tmp_path):
    """Art. 195: the mission requests "a meeting at the Ministry of Foreign Affairs for presentation of a
    copy of credentials and familiarization with the ceremony of presentation of credentials" (art. 198)."""
    right = AMBASSADOR.substitute(concurrent="no", first="copy_of_credentials", second="credentials_presentation")
    wrong = AMBASSADOR.substitute(concurrent="no", first="credentials_presentation", second="copy_of_credentials")
    assert_clean(compile_text(tmp_path, right))
    assert_only(compile_text(tmp_path, wrong), "order-violated", "195")


def test_concurrently_accredited_ambassador_presents_credentials_to_state_counsellor(tmp_path):
    """Art. 204: "ambassadors of foreign states accredited in the Republic of Kazakhstan concurrently"
    present their credentials to the State Adviser."""
    to_counsellor = AMBASSADOR.substitute(concurrent="yes", first="copy_of_credentials",
                                          second="credentials_to_state_counsellor")
    assert_clean(compile_text(tmp_path, to_counsellor))
    to_president = AMBASSADOR.substitute(concurrent="yes", first="copy_of_credentials",
                                         second="credentials_presentation")
    assert_only(compile_text(tmp_path, to_president), "missing-required", "204")


# ---- windows -------------------------------------------------------------------------------


@pytest.mark.parametrize(("working_group", "clean"), [("2016-09-06", True), ("2016-09-10", False)])
def test_working_group_of_state_visit_five_days_ahead(tmp_path, working_group, clean):
    """Art. 89: "The working group ... shall arrive in the Republic of Kazakhstan not later than five days
    before the visit" (visit on 13 September: 6 September is early enough, 10 September too late)."""
    compiled = state_visit(tmp_path, working_group=working_group)
    assert_clean(compiled) if clean else assert_only(compiled, "window-violated", "89")


@pytest.mark.parametrize(("working_group", "clean"), [("2022-09-13", True), ("2022-09-17", False)])
def test_working_group_of_head_of_government_five_days_ahead(tmp_path, working_group, clean):
    """Art. 138: "The working group on preparation of the visit arrives in the Republic of Kazakhstan not
    later than five days before the visit" (visit on 20 September)."""
    compiled = government_working_visit(tmp_path, working_group=working_group)
    assert_clean(compiled) if clean else assert_only(compiled, "window-violated", "138")


MEETING_WITH_PRESIDENT = Template("""\
    import state_protocol

    scenario meeting_business "Meeting of the President with business leaders of Nordland" {
      visit working_meeting_with_president {
        principal "Erik Dahl" foreign_political_or_business_representative of "Nordland"
        arrive 2019-05-14 09:00 Asia/Almaty at airport
        depart 2019-05-15 18:00 Asia/Almaty at airport
      }
      event participants_proposal $proposal 10:00 Asia/Almaty
      event meeting 2019-05-15 11:00 Asia/Almaty
      program { day 2 2019-05-15 { 11:00 working_meeting_of_president 60 min at akorda } }
    }
""")


@pytest.mark.parametrize(("proposal", "clean"), [("2019-05-06", True), ("2019-05-13", False)])
def test_participants_of_meeting_with_president_proposed_five_days_ahead(tmp_path, proposal, clean):
    """Art. 117: proposals on the participants "shall be submitted ... 5 days before the meeting"
    (meeting on 15 May: 6 May is in time, 13 May is not)."""
    compiled = compile_text(tmp_path, MEETING_WITH_PRESIDENT.substitute(proposal=proposal))
    assert_clean(compiled) if clean else assert_only(compiled, "window-violated", "117")


# ---- calendar rules ------------------------------------------------------------------------

INAUGURATION = Template("""\
    import state_protocol

    scenario inauguration_of_the_president "Inauguration of the elected President" {
      occasion inauguration {
        at inauguration_hall
        arrive $day 11:00 Asia/Almaty at inauguration_hall
      }
      event presidential_election $election 07:00 Asia/Almaty
      assume second_term no
      program { day 1 $day { 11:00 inauguration 75 min at inauguration_hall } }
    }
""")


@pytest.mark.parametrize(("election", "day", "clean"), [
    ("2020-12-06", "2021-01-13", True),   # 1 January 2021 is a Friday: Wednesdays 6 and 13
    ("2020-12-06", "2021-01-06", False),  # the first Wednesday
    ("2020-12-06", "2021-01-20", False),  # the third Wednesday
    ("2019-12-01", "2020-01-08", True),   # 1 January 2020 is a Wednesday: the second is the 8th
    ("2019-12-01", "2020-01-15", False),
])
def test_inauguration_on_second_wednesday_of_january_after_the_election(tmp_path, election, day, clean):
    """Art. 96: "The inauguration ceremony of the elected President shall be held on the second Wednesday
    of January of the year following the year of his/her election"."""
    compiled = compile_text(tmp_path, INAUGURATION.substitute(election=election, day=day))
    assert_clean(compiled) if clean else assert_only(compiled, "wrong-date", "96")


INDEPENDENCE_DAY = Template("""\
    import state_protocol

    scenario reception_for_the_diplomatic_corps "Reception for the diplomatic corps on Independence Day" {
      occasion independence_day_reception {
        at akorda
        arrive $day 18:00 Asia/Almaty
      }
      event independence_day $day 00:00 Asia/Almaty
      program { day 1 $day { 18:00 independence_day_reception 2 h } }
    }
""")


@pytest.mark.parametrize(("day", "clean"), [("2019-12-16", True), ("2019-12-15", False)])
def test_independence_day_is_16_december(tmp_path, day, clean):
    """Art. 213: "the celebration of Independence Day (16 December)"."""
    compiled = compile_text(tmp_path, INDEPENDENCE_DAY.substitute(day=day))
    assert_clean(compiled) if clean else assert_only(compiled, "wrong-date", "213")


# ---- precedence ----------------------------------------------------------------------------

DOMESTIC_LINE_UP = Template("""\
    import state_protocol

    ceremony line_up "Line-up of officials" {
      step greeting "Greeting" { actors $actors }
    }

    scenario domestic_event "A domestic event" {
      occasion line_up { arrive 2020-03-02 10:00 Asia/Almaty }
      program { day 1 2020-03-02 { 10:00 line_up 10 min } }
    }
""")

INTERNATIONAL_LINE_UP = Template("""\
    import state_protocol

    ceremony line_up "Line-up of officials" {
      step greeting "Greeting" { actors $actors }
    }

    scenario international_event "Visit of a former President of Nordland" {
      visit visit_of_former_head {
        principal "Olav Berg" former_head_of_state of "Nordland"
        arrive 2020-03-02 09:00 Asia/Almaty at airport
        depart 2020-03-02 18:00 Asia/Almaty at airport
      }
      program { day 1 2020-03-02 { 10:00 line_up 10 min } }
    }
""")


def line_up(tmp_path, template: Template, shuffled: list[str]) -> list[str]:
    return participants(compile_text(tmp_path, template.substitute(actors=", ".join(shuffled))), "greeting")


@pytest.mark.parametrize("expected", [
    # A1.6 Head of the Administration, A1.6-1 Head of the Office of the First President, A1.7 Constitutional Council
    ["head_of_presidential_administration", "head_of_office_of_first_president", "chairman_of_constitutional_council"],
    # A1.8 Supreme Court, A1.8-1 Secretary of the Security Council, A1.9 National Bank
    ["chairman_of_supreme_court", "secretary_of_security_council", "chairman_of_national_bank"],
    # A1.14 deputy heads of the Administration, 14-1 first deputy secretary, 14-2 deputy heads of the Office of
    # the First President, 14-3 deputy secretaries, A1.15 Head of the Office of the President
    ["deputy_head_of_presidential_administration", "first_deputy_secretary_of_security_council",
     "deputy_head_of_office_of_first_president", "deputy_secretary_of_security_council",
     "head_of_presidential_office"],
    # A1.22 Manager of affairs, 22-1 Special Representative, A1.23 assistants, 23-1 assistants of the First
    # President, A1.24 State Security Service, 24-1 representative office in the Parliament, A1.25 advisers,
    # 25-3 advisers of the First President, A1.26 Presidential Protocol Service
    ["manager_of_presidential_affairs", "special_representative_of_president_for_international_cooperation",
     "assistant_to_president", "assistant_to_first_president", "head_of_state_security_service",
     "head_of_representative_office_of_president_in_parliament", "adviser_to_president",
     "adviser_to_first_president", "head_of_presidential_protocol_service"],
    # A1.42, 42-1, 42-2, A1.43
    ["head_of_presidential_administration_subdivision", "head_of_office_of_first_president_subdivision",
     "head_of_security_council_apparatus_subdivision", "member_of_constitutional_council"],
    # A1.52 other political civil servants, 52-1 heads of central government apparatus, A1.53
    ["other_political_civil_servant", "head_of_central_state_body_apparatus",
     "head_of_office_of_prime_minister_subdivision"],
])
def test_domestic_precedence_with_sub_numbered_entries(tmp_path, expected):
    """Appendix 1 (domestic events): sub-numbered entries such as 6-1 rank after 6 and before 7."""
    assert line_up(tmp_path, DOMESTIC_LINE_UP, list(reversed(expected))) == expected


@pytest.mark.parametrize("expected", [
    # A2.7 Minister of Foreign Affairs comes before A2.8 Chairman of the Constitutional Council
    ["head_of_office_of_first_president", "minister_of_foreign_affairs", "chairman_of_constitutional_council"],
    # A2.9 Supreme Court, A2.9-1 Secretary of the Security Council, A2.10 National Bank
    ["chairman_of_supreme_court", "secretary_of_security_council", "chairman_of_national_bank"],
    # A2.16, 16-1 Special Representative, 16-2, 16-3, 16-4, A2.17
    ["deputy_head_of_presidential_administration",
     "special_representative_of_president_for_international_cooperation",
     "first_deputy_secretary_of_security_council", "deputy_head_of_office_of_first_president",
     "deputy_secretary_of_security_council", "head_of_presidential_office"],
    # A2.52 deputy heads of the Office of the Prime Minister, 52-1 heads of central government apparatus,
    # A2.54 deputy ministers
    ["deputy_head_of_office_of_prime_minister", "head_of_central_state_body_apparatus", "deputy_minister"],
])
def test_international_precedence_with_sub_numbered_entries(tmp_path, expected):
    """Appendix 2 (international events): its own order, sub-numbered entries included."""
    assert line_up(tmp_path, INTERNATIONAL_LINE_UP, list(reversed(expected))) == expected


def test_minister_of_foreign_affairs_ranks_differently_at_home_and_abroad(tmp_path):
    """Appendix 1 puts the Minister of Foreign Affairs at 29, after the Chairman of the Constitutional
    Council (7); Appendix 2 puts the Minister at 7, before that Chairman (8)."""
    pair = ["minister_of_foreign_affairs", "chairman_of_constitutional_council"]
    assert line_up(tmp_path, DOMESTIC_LINE_UP, pair) == list(reversed(pair))
    assert line_up(tmp_path, INTERNATIONAL_LINE_UP, list(reversed(pair))) == pair


def test_spouse_has_the_seniority_of_the_spouse(tmp_path):
    """Note under Appendix 1: "The spouse has the seniority of his/her spouse": the President's spouse
    comes right after the President (1), before the Prime Minister (2)."""
    order = line_up(tmp_path, DOMESTIC_LINE_UP, ["prime_minister", "president_spouse", "president"])
    assert order == ["president", "president_spouse", "prime_minister"]


# ---- deviations by authority ---------------------------------------------------------------

REDUCED_WELCOME = ('deviation airport_welcome.ramp_meeting: lead deputy_minister_of_foreign_affairs instead_of minister_of_foreign_affairs "The Deputy Minister meets the guest" '
                   'because "Unscheduled arrival" authorized_by $authority § 22')


@pytest.mark.parametrize(("arrive_date", "arrive_time", "clean"), [
    ("2016-09-13", "06:10", True),   # Tuesday, early in the morning
    ("2016-09-13", "22:30", True),   # Tuesday, late in the evening
    ("2016-09-10", "11:00", True),   # Saturday
    ("2016-12-16", "11:00", True),   # Friday, Independence Day: a holiday
    ("2016-09-13", "11:00", False),  # Tuesday, late morning
])
def test_welcoming_level_reduced_only_at_unscheduled_times(tmp_path, arrive_date, arrive_time, clean):
    """Art. 22: "In case of arrival of the guest on weekends and/or holidays, early morning or late evening
    hours, the level of welcoming officials from the Kazakh side may be reduced" - and not otherwise."""
    second = {"2016-09-13": "2016-09-14", "2016-09-10": "2016-09-11", "2016-12-16": "2016-12-17"}[arrive_date]
    third = {"2016-09-13": "2016-09-15", "2016-09-10": "2016-09-12", "2016-12-16": "2016-12-18"}[arrive_date]
    working_group = {"2016-09-13": "2016-09-05", "2016-09-10": "2016-09-02", "2016-12-16": "2016-12-08"}[arrive_date]
    deviation = Template(REDUCED_WELCOME).substitute(authority="ministry_of_foreign_affairs")
    compiled = state_visit(tmp_path, arrive_date=arrive_date, arrive_time=arrive_time, second_date=second,
                           third_date=third, working_group=working_group, extra=deviation)
    assert_clean(compiled) if clean else assert_only(compiled, "deviation-not-allowed", "22")


def test_welcoming_level_reduced_by_the_ministry_of_foreign_affairs_only(tmp_path):
    """Art. 22 with art. 93: the Ministry of Foreign Affairs is responsible for the meeting at the airport;
    the Presidential Protocol Service (responsible for the Palace, art. 92) cannot change it."""
    deviation = Template(REDUCED_WELCOME).substitute(authority="presidential_protocol_service")
    compiled = state_visit(tmp_path, arrive_time="06:10", extra=deviation)
    assert_only(compiled, "wrong-authority", "22")


GOVERNMENT_REDUCED_WELCOME = (
    'deviation airport_welcome_of_head_of_government.ramp_meeting: lead director_of_mfa_department instead_of assigned_official_of_deputy_minister_level "The director of a department meets the guest" '
    'because "Unscheduled arrival" authorized_by ministry_of_foreign_affairs § 137')


@pytest.mark.parametrize(("arrive_time", "clean"), [("05:30", True), ("10:00", False)])
def test_welcoming_level_for_head_of_government_reduced_at_unscheduled_times(tmp_path, arrive_time, clean):
    """Art. 137: "In case of arrival of the guest at an unscheduled time (weekends and holidays, early
    morning or late evening hours), the level of welcoming officials ... may be reduced"."""
    compiled = government_official_visit(tmp_path, arrive_time=arrive_time, extra=GOVERNMENT_REDUCED_WELCOME)
    assert_clean(compiled) if clean else assert_only(compiled, "deviation-not-allowed", "137")


NARROW_FORMAT = 'agreed narrow_format_companions = 2 per_side § 34'


@pytest.mark.parametrize(("authority", "code"), [
    (None, "limit-exceeded"),
    ("parties_agree", None),
    ("ministry_of_foreign_affairs", "wrong-authority"),
])
def test_narrow_format_changed_by_agreement_of_the_parties(tmp_path, authority, code):
    """Art. 34: "Negotiations in a narrow circle shall be held in a 1+1 format (by agreement of the
    parties, the format of participants can be changed)"."""
    extra = NARROW_FORMAT
    if authority:
        extra += (f'\n      deviation narrow_format_companions: limit <= 2 per_side "1+2" because "Security advisers join" '
                  f'authorized_by {authority} § 34')
    compiled = state_visit(tmp_path, extra=extra)
    if code == "wrong-authority":
        # A refused deviation changes nothing: the 1+1 format still applies, and 1+2 breaks it.
        assert error_codes(compiled) == {"wrong-authority", "limit-exceeded"}
        assert ("wrong-authority", f"§ 34 of {EDITION}") in errors(compiled)
        return
    assert_clean(compiled) if code is None else assert_only(compiled, code, "34")


def test_delegation_limit_of_state_visit_allows_no_deviation(tmp_path):
    """Art. 91 names no one who could raise the limit of 12 people: a deviation is refused, and the limit
    still applies."""
    deviation = ('deviation delegation_at_host_expense: limit <= 13 people "Thirteen members" because "A large business '
                 'delegation" authorized_by ministry_of_foreign_affairs')
    compiled = state_visit(tmp_path, delegation="13", extra=deviation)
    assert error_codes(compiled) == {"deviation-not-allowed", "limit-exceeded"}
