"""The rules of chapters 1-8 of the 2024 wording that differ from the 2013 wording.

Each test checks one scenario twice, under `state_protocol@2013` (the English
text, lines 1100-2095 of shared/seeds/002_8961f7b1f695a33f.txt) and under
`state_protocol@2024` (the Kazakh original, lines 1-1098), and asserts the
verdict each text gives: the diagnostic code and the article it cites. The
scenarios use only names that both editions declare, so that both get as far
as the checker; diagnostics the test is not about are ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rasim.resources
from rasim.driver import Options, compile_file

EDITIONS = {
    2013: {"state_protocol": "state_protocol@2013"},
    2024: {"state_protocol": "state_protocol@2024"},
}


def check(tmp_path: Path, text: str, year: int) -> list[tuple[str, str, tuple[str, ...], str]]:
    """Check `text` under the State Protocol of `year`; return (severity, code, cited articles, message) each."""
    folder = tmp_path / str(year)
    folder.mkdir(exist_ok=True)
    path = folder / "scenario.rasim"
    path.write_text(text, encoding="utf-8")
    options = Options(stdlib=rasim.resources.data_path("stdlib"), project_root=folder, editions=EDITIONS[year])
    compiled = compile_file(path, "scenario.rasim", options, until="check")
    resolve_errors = [d for d in compiled.diagnostics if d.code in ("unknown-name", "wrong-kind")]
    assert not resolve_errors, f"the scenario does not resolve under {year}: {resolve_errors}"
    return [(d.severity.name.lower(), d.code, _articles(d.citation, year), d.message) for d in compiled.diagnostics]


def _articles(citation: str | None, year: int) -> tuple[str, ...]:
    """Return the articles of `year`'s edition that a citation line (`§ 10, 41 of state_protocol@2013`) names."""
    if not citation:
        return ()
    found: list[str] = []
    for part in citation.split(";"):
        text, _, edition = part.strip().partition(" of ")
        if edition and edition != f"state_protocol@{year}":
            continue
        found += [a.strip() for a in text.removeprefix("§").split(",")]
    return tuple(found)


def has(found, code: str, article: str | None = None, severity: str | None = None) -> bool:
    """Tell whether a diagnostic with `code` (citing `article`, of `severity`) is among `found`."""
    return any(c == code and (article is None or article in arts) and (severity is None or s == severity)
               for s, c, arts, _ in found)


def mentions(found, code: str, name: str) -> bool:
    """Tell whether a diagnostic with `code` names `name` (a ceremony) in its message."""
    return any(c == code and f"`{name}`" in message for _, c, _, message in found)


def scenario(visit_format: str, body: str = "", *, arrive: str = "2025-06-10 10:30",
             depart: str = "2025-06-11 16:30", working_group: str | None = "2025-06-02 10:00") -> str:
    """Write a scenario of a visit of a head of state in `visit_format`, with `body` inside it."""
    event = f"  event working_group_arrival {working_group} Asia/Almaty\n" if working_group else ""
    return (
        "import state_protocol\n\n"
        'scenario s "Visit of the President of Testland" {\n'
        f"  visit {visit_format} {{\n"
        '    principal "Jane Doe" head_of_state of "Testland"\n'
        f"    arrive {arrive} Asia/Almaty at airport\n"
        f"    depart {depart} Asia/Almaty at airport\n"
        "  }\n"
        f"{event}{body}}}\n"
    )


# ---- chapter 8: limits and windows ---------------------------------------------------------


@pytest.mark.parametrize(
    ("visit_format", "members", "over_2013", "over_2024"),
    [
        ("state_visit", 12, False, False),
        ("state_visit", 13, True, True),
        ("official_visit", 10, True, False),
        ("official_visit", 11, True, True),
        ("working_visit", 8, True, False),
        ("working_visit", 9, True, True),
        ("transit_visit", 8, True, False),
    ],
)
def test_delegation_at_the_expense_of_the_host(tmp_path, visit_format, members, over_2013, over_2024):
    """Members of the delegation received at the expense of the Kazakh side.

    2013 art. 91: "during a state visit ... up to 12 people, official visit, up to
    8 people, and during the working visit and the transit visit - up to 5".
    2024 art. 85: "он екі адамға дейінгі, ресми сапарда он адамға дейінгі, ал
    жұмыс бабындағы сапар мен жол-жөнекей сапарда сегіз адамға дейінгі" (12,
    10, 8). Over the limit: `limit-exceeded`.
    """
    body = f"  count delegation_at_host_expense = {members}\n"
    if visit_format == "transit_visit":
        # 2024 art. 17 (2013 art. 87): the host pays for a delegation in transit only when
        # officials of Kazakhstan meet it: the program holds such a meeting.
        body += "  program { day 1 2025-06-10 { 11:00 meetings_with_officials 30 min } }\n"
    text = scenario(visit_format, body)
    assert has(check(tmp_path, text, 2013), "limit-exceeded", "91") is over_2013
    assert has(check(tmp_path, text, 2024), "limit-exceeded", "85") is over_2024


def test_no_yearly_limit_of_state_visits(tmp_path):
    """2013 art. 9: "No more than 5 state visits can be conducted per year" (`limit-exceeded`
    for a sixth). The 2024 wording (art. 9) keeps only the purpose of a state visit: no limit.
    """
    prior = "".join(f'  prior_visit 2025-0{month}-15 state_visit of "Country {month}"\n' for month in range(1, 6))
    text = scenario("state_visit", prior)
    assert has(check(tmp_path, text, 2013), "limit-exceeded", "9")
    assert not has(check(tmp_path, text, 2024), "limit-exceeded")


@pytest.mark.parametrize(("visit_format", "article_2013"), [("state_visit", "9"), ("official_visit", "88")])
def test_no_limit_of_the_stay(tmp_path, visit_format, article_2013):
    """2013 art. 9 ("as a rule, does not exceed three days") and art. 88 ("the period of stay
    of a foreign delegation in the country does not exceed three days"): a four-day visit is
    `limit-exceeded`. The 2024 wording (art. 9, 82) sets no length of stay.
    """
    text = scenario(visit_format, arrive="2025-06-10 10:30", depart="2025-06-13 12:00")
    assert has(check(tmp_path, text, 2013), "limit-exceeded", article_2013)
    assert not has(check(tmp_path, text, 2024), "limit-exceeded")


def test_working_group_arrives_in_advance(tmp_path):
    """2013 art. 89: the working group arrives "not later than five days before the visit".
    2024 art. 83: it arrives "алдын ала" (in advance), with no number of days. Three days
    before the visit: `window-violated` in 2013 only; on the day of arrival: in both.
    """
    three_days = scenario("working_visit", working_group="2025-06-07 10:00")
    assert has(check(tmp_path, three_days, 2013), "window-violated", "89")
    assert not has(check(tmp_path, three_days, 2024), "window-violated")
    same_day = scenario("working_visit", working_group="2025-06-10 07:00")
    assert has(check(tmp_path, same_day, 2013), "window-violated", "89")
    assert has(check(tmp_path, same_day, 2024), "window-violated", "83")


# ---- chapters 3-4: the program of a state and an official visit -----------------------------


def test_expanded_negotiations_in_an_official_visit(tmp_path):
    """2013 art. 35: "Negotiations in the expanded format shall be provided only during state
    visits" (`forbidden-present` in an official visit). 2024 art. 13.3 and 67: the standard
    program of an official visit provides "шағын және кеңейтілген құрамдағы келіссөздер"
    (narrow and expanded), so leaving them out is the warning `standard-item-left-out`.
    """
    with_expanded = scenario("official_visit", (
        "  program {\n    day 1 2025-06-10 {\n"
        "      12:00 akorda_welcome_official 20 min then negotiations_narrow 30 min then negotiations_expanded 60 min\n"
        "    }\n  }\n"))
    assert has(check(tmp_path, with_expanded, 2013), "forbidden-present", "35")
    assert not has(check(tmp_path, with_expanded, 2024), "forbidden-present")
    without = scenario("official_visit", (
        "  program {\n    day 1 2025-06-10 {\n"
        "      12:00 akorda_welcome_official 20 min then negotiations_narrow 30 min\n"
        "    }\n  }\n"))
    assert not has(check(tmp_path, without, 2013), "missing-required", "35")
    assert has(check(tmp_path, without, 2024), "standard-item-left-out", "13.3", severity="warning")


def test_official_visit_ceremonies_are_the_default(tmp_path):
    """2013 art. 60: during official visits the protocol events "as a rule, shall be
    provided" (a missing airport ceremony is the warning `departs-from-default`). 2024 art.
    13.1: "when drawing up the program of an official visit" the ceremony at the airport is
    provided for, an item of the standard program: a missing one is the warning
    `standard-item-left-out`, which an agreed `omit` silences. Neither is an error.
    """
    text = scenario("official_visit")
    assert has(check(tmp_path, text, 2013), "departs-from-default", "60", severity="warning")
    assert not has(check(tmp_path, text, 2013), "missing-required", "60")
    assert has(check(tmp_path, text, 2024), "standard-item-left-out", "13.1", severity="warning")
    assert not has(check(tmp_path, text, 2024), "missing-required", "60")


def test_signing_after_the_expanded_negotiations(tmp_path):
    """2013 art. 36: at the end of the expanded negotiations, "as a rule", the signing is held
    (a signing before them is the warning `order-violated`). 2024 art. 37: "Кеңейтілген
    құрамдағы келіссөздер аяқталғаннан кейін ... қол қою рәсімін өткізу көзделеді", without
    "әдетте" (as a rule): the same order is the error `order-violated`.
    """
    text = scenario("state_visit", (
        "  program {\n    day 1 2025-06-10 {\n"
        "      12:00 akorda_welcome 20 min then negotiations_narrow 30 min then signing 20 min\n"
        "        then negotiations_expanded 60 min then press_conference 30 min\n"
        "    }\n  }\n"))
    assert has(check(tmp_path, text, 2013), "order-violated", "36", severity="warning")
    assert not has(check(tmp_path, text, 2013), "order-violated", severity="error")
    assert has(check(tmp_path, text, 2024), "order-violated", "37", severity="error")


@pytest.mark.parametrize(
    ("visit_format", "ceremony", "call"),
    [
        ("state_visit", "airport_welcome.ramp_meeting", "airport_welcome"),
        ("official_visit", "airport_welcome_official.ramp_meeting", "airport_welcome_official"),
        ("working_visit", "airport_meeting_working.meeting", "airport_meeting_working"),
    ],
)
def test_presidential_administration_changes_the_welcoming_level(tmp_path, visit_format, ceremony, call):
    """2024 art. 22, 61 and 74: "Президент Әкімшілігінің шешімі бойынша қарсы алатын
    адамдардың деңгейі өзгертілуі мүмкін" (by decision of the Presidential Administration the
    level of the welcoming officials may be changed): accepted on any day. The 2013 wording
    lets the level be reduced only for the state visit, and there only on weekends, holidays,
    early in the morning or late in the evening (art. 22), and names no such power of the
    Presidential Administration: the same change on a Tuesday at 10:30 is rejected
    (`deviation-not-allowed`, or `wrong-authority` where the ceremony has a deviable rule
    with another authority).
    """
    text = scenario(visit_format, (
        f'  deviation {ceremony}: add prime_minister "The Prime Minister meets the guest"\n'
        '      because "First visit of a head of state of Testland" authorized_by presidential_administration\n'
        f"  program {{\n    day 1 2025-06-10 {{\n      10:30 {call} 30 min at airport\n    }}\n  }}\n"))
    found_2013 = check(tmp_path, text, 2013)
    assert has(found_2013, "deviation-not-allowed") or has(found_2013, "wrong-authority")
    found_2024 = check(tmp_path, text, 2024)
    assert not has(found_2024, "wrong-authority") and not has(found_2024, "deviation-not-allowed")


def test_business_forum_is_on_the_program_of_a_state_visit(tmp_path):
    """2013 art. 10: "if desired, participation in the business forum and a trip around the
    country" (at the guest's request: no diagnostic when left out). 2024 art. 10.13:
    "бизнес-форумға қатысу" is in the standard program without a condition: left out, it is
    the warning `standard-item-left-out`; `omit business_forum because "..."` silences it.
    """
    text = scenario("state_visit")
    found_2013 = check(tmp_path, text, 2013)
    assert not mentions(found_2013, "missing-required", "business_forum")
    assert not mentions(found_2013, "standard-item-left-out", "business_forum")
    found_2024 = check(tmp_path, text, 2024)
    assert mentions(found_2024, "standard-item-left-out", "business_forum")
    assert has(found_2024, "standard-item-left-out", "10.13", severity="warning")
    assert not mentions(found_2024, "missing-required", "business_forum")
    agreed = scenario("state_visit", '  omit business_forum because "The forum is held in October"\n')
    assert not mentions(check(tmp_path, agreed, 2024), "standard-item-left-out", "business_forum")


def test_items_by_agreement_of_the_parties(tmp_path):
    """2024 art. 10.9-10.11, 50, 52, 55: the trip around the country, the speech to the
    deputies and the speech at a university take place "тараптардың келісуі бойынша" (by
    agreement of the parties): with the parties not agreeing they are `not-permitted`. The
    2013 wording ties the trip and the university speech to the guest's request (art. 49, 54)
    and lets the Parliament speech be provided (art. 51): no diagnostic.
    """
    text = scenario("state_visit", (
        "  assume parties_agree no\n"
        "  program {\n    day 1 2025-06-10 {\n"
        "      12:00 parliament_speech 45 min\n      14:00 university_speech 60 min\n"
        "    }\n    day 2 2025-06-11 {\n      09:00 country_trip 4 h\n    }\n  }\n"))
    assert not has(check(tmp_path, text, 2013), "not-permitted")
    found_2024 = check(tmp_path, text, 2024)
    for article in ("10.9", "10.10", "10.11"):
        assert has(found_2024, "not-permitted", article)


def test_tree_planting_by_agreement(tmp_path):
    """2013 art. 10 and 48: the standard program has a tree planted under favourable weather
    (`standard-item-left-out` when the weather permits and it is left out). 2024 art. 10.8 and
    49 add "тараптардың келісуі бойынша" (by agreement of the parties): without the agreement,
    the item is not on the program at all.
    """
    text = scenario("state_visit", "  assume weather_permitting yes\n  assume parties_agree no\n")
    assert has(check(tmp_path, text, 2013), "standard-item-left-out", "48")
    assert not has(check(tmp_path, text, 2024), "standard-item-left-out", "49")
    assert not has(check(tmp_path, text, 2024), "missing-required", "49")


def test_memorable_gifts_not_in_the_state_visit_chapter(tmp_path):
    """2013 art. 59: during state visits "presenting of gifts on behalf of the President ...
    shall be provided" (`missing-required`). Chapter 3 of the 2024 wording has no such
    paragraph (gifts are chapter 25, art. 195, for every visit of foreign officials).
    """
    text = scenario("state_visit")
    assert has(check(tmp_path, text, 2013), "missing-required", "59")
    assert not has(check(tmp_path, text, 2024), "missing-required", "59")


# ---- chapters 5-7: working and transit visits -------------------------------------------------


def test_working_visit_items_at_the_guest_request(tmp_path):
    """2013 art. 82: the flowers at the monument, the sights of the capital and a trip
    around the country "shall be included in the program of the visit at the request of the
    guest" (with the request not settled, leaving them out is `missing-required`). Chapter 5
    of the 2024 wording (art. 73-77) has no such rule.
    """
    text = scenario("working_visit")
    found_2013, found_2024 = check(tmp_path, text, 2013), check(tmp_path, text, 2024)
    for ceremony in ("wreath_laying", "sightseeing", "country_trip"):
        assert mentions(found_2013, "missing-required", ceremony)
        assert not mentions(found_2024, "missing-required", ceremony)
    assert has(found_2013, "missing-required", "82")


def test_transit_meetings_by_agreement_only(tmp_path):
    """2013 art. 85: meetings with officials "shall be organized" at the request of the
    guests and by agreement (`missing-required` while the request is not settled). 2024 art.
    79: "Тараптардың келісуі бойынша ... кездесулер мен келіссөздер ұйымдастырылады" (by
    agreement only), read as permitted when the parties agree: nothing is required.
    """
    text = scenario("transit_visit", (
        "  assume parties_agree yes\n"
        "  program {\n    day 1 2025-06-10 {\n      10:30 transit_meeting 30 min at airport\n    }\n  }\n"),
        depart="2025-06-10 14:00")
    assert mentions(check(tmp_path, text, 2013), "missing-required", "meetings_with_officials")
    assert not mentions(check(tmp_path, text, 2024), "missing-required", "meetings_with_officials")
