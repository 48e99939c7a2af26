"""Test local-time conversion, named calendar days and Kazakhstan's working days."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest
import tzdata
from hypothesis import given, reject
from hypothesis import strategies as st

from rasim.clock import (
    ClockError,
    add_working_days,
    day_off_reason,
    fixed_day,
    from_utc_minutes,
    is_day_off,
    nth_weekday,
    to_utc_minutes,
    tzdata_version,
    working_days_between,
)


def utc_minutes(year: int, month: int, day: int, hour: int, minute: int) -> int:
    """Return a UTC wall time as minutes since the epoch, computed without the module under test."""
    moment = dt.datetime(year, month, day, hour, minute, tzinfo=dt.timezone.utc)
    return int(moment.timestamp()) // 60


# Time zones ----------------------------------------------------------------------------------


def test_tzdata_version_is_the_pinned_package():
    assert tzdata_version() == tzdata.IANA_VERSION
    # Almaty's move to UTC+5 came with 2024a; anything older would be wrong.
    assert tzdata_version() >= "2024a"


@pytest.mark.parametrize(
    ("date_text", "time_text", "offset"),
    [
        ("2024-02-29", "12:00", 6 * 60),
        ("2024-02-29", "22:59", 6 * 60),
        ("2024-03-01", "00:00", 5 * 60),
        ("2024-03-02", "12:00", 5 * 60),
        ("2027-05-12", "09:30", 5 * 60),
    ],
)
def test_almaty_offset_before_and_after_2024_03_01(date_text, time_text, offset):
    minutes = to_utc_minutes(date_text, time_text, "Asia/Almaty")
    year, month, day = map(int, date_text.split("-"))
    hour, minute = map(int, time_text.split(":"))
    assert minutes == utc_minutes(year, month, day, hour, minute) - offset
    assert from_utc_minutes(minutes, "Asia/Almaty") == (date_text, time_text, offset)


@pytest.mark.parametrize("time_text", ["23:00", "23:30", "23:59"])
def test_almaty_last_hour_of_29_february_2024_is_ambiguous(time_text):
    # At 00:00 +06 on 1 March (18:00Z) the clocks went back to 23:00 +05, so
    # the last hour of 29 February was shown twice.
    with pytest.raises(ClockError) as caught:
        to_utc_minutes("2024-02-29", time_text, "Asia/Almaty")
    assert caught.value.code == "ambiguous-local-time"
    assert "Asia/Almaty" in str(caught.value)


def test_almaty_both_readings_of_the_repeated_hour():
    assert from_utc_minutes(utc_minutes(2024, 2, 29, 17, 30), "Asia/Almaty") == ("2024-02-29", "23:30", 360)
    assert from_utc_minutes(utc_minutes(2024, 2, 29, 18, 30), "Asia/Almaty") == ("2024-02-29", "23:30", 300)
    assert from_utc_minutes(utc_minutes(2024, 2, 29, 19, 0), "Asia/Almaty") == ("2024-03-01", "00:00", 300)


def test_nonexistent_local_time_in_spring_gap():
    with pytest.raises(ClockError) as caught:
        to_utc_minutes("2027-03-28", "02:30", "Europe/Berlin")
    assert caught.value.code == "nonexistent-local-time"


def test_ambiguous_local_time_in_autumn_fold():
    with pytest.raises(ClockError) as caught:
        to_utc_minutes("2027-10-31", "02:30", "Europe/Berlin")
    assert caught.value.code == "ambiguous-local-time"


def test_times_beside_the_berlin_changes_are_fine():
    assert to_utc_minutes("2027-03-28", "01:59", "Europe/Berlin") == utc_minutes(2027, 3, 28, 0, 59)
    assert to_utc_minutes("2027-03-28", "03:00", "Europe/Berlin") == utc_minutes(2027, 3, 28, 1, 0)
    assert to_utc_minutes("2027-10-31", "03:00", "Europe/Berlin") == utc_minutes(2027, 10, 31, 2, 0)


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "asia/almaty", "", "../../etc/passwd", "/etc/localtime", "Asia"]
)
def test_unknown_zone(zone):
    with pytest.raises(ClockError) as caught:
        to_utc_minutes("2027-05-12", "09:30", zone)
    assert caught.value.code == "unknown-time-zone"
    with pytest.raises(ClockError):
        from_utc_minutes(0, zone)


def test_unknown_zone_suggests_the_spelling():
    with pytest.raises(ClockError) as caught:
        to_utc_minutes("2027-05-12", "09:30", "asia/almaty")
    assert "`Asia/Almaty`" in caught.value.message


def test_zone_links_are_known():
    calcutta = to_utc_minutes("2027-05-12", "09:30", "Asia/Calcutta")
    assert calcutta == to_utc_minutes("2027-05-12", "09:30", "Asia/Kolkata")


@pytest.mark.parametrize(
    ("date_text", "time_text"),
    [("2027-02-30", "10:00"), ("2027-05-12", "24:00"), ("12.05.2027", "10:00"), ("2027-05-12", "9:30")],
)
def test_malformed_date_or_time(date_text, time_text):
    with pytest.raises(ValueError):
        to_utc_minutes(date_text, time_text, "Asia/Almaty")


def test_moment_out_of_range():
    with pytest.raises(ValueError):
        from_utc_minutes(10**12, "UTC")


ZONES = (
    "Asia/Almaty",
    "Asia/Aqtobe",
    "Europe/Berlin",
    "America/New_York",
    "America/St_Johns",  # -03:30, with summer time
    "Asia/Kathmandu",  # +05:45
    "Australia/Lord_Howe",  # a 30-minute summer shift
    "Pacific/Apia",  # skipped 30 December 2011 whole
    "UTC",
)

local_times = st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 12, 31, 23, 59)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)


@given(local_times, st.sampled_from(ZONES))
def test_local_round_trip(moment, zone):
    date_text, time_text = moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M")
    try:
        minutes = to_utc_minutes(date_text, time_text, zone)
    except ClockError as error:
        assert error.code in ("nonexistent-local-time", "ambiguous-local-time")
        reject()
    back_date, back_time, offset = from_utc_minutes(minutes, zone)
    assert (back_date, back_time) == (date_text, time_text)
    assert minutes + offset == (moment - dt.datetime(1970, 1, 1)) // dt.timedelta(minutes=1)


@given(st.integers(0, 130 * 366 * 24 * 60), st.sampled_from(ZONES))
def test_utc_round_trip_or_ambiguous(minutes, zone):
    # Every moment shows a local time that exists; it converts back to the same
    # moment unless the clocks showed that local time twice.
    date_text, time_text, _ = from_utc_minutes(minutes, zone)
    try:
        assert to_utc_minutes(date_text, time_text, zone) == minutes
    except ClockError as error:
        assert error.code == "ambiguous-local-time"


# Calendar days -------------------------------------------------------------------------------


# From a printed calendar: 1 January 2025 is a Wednesday, 2026 a Thursday,
# 2027 a Friday, 2028 a Saturday, 2029 a Monday.
@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, date(2025, 1, 8)),
        (2026, date(2026, 1, 14)),
        (2027, date(2027, 1, 13)),
        (2028, date(2028, 1, 12)),
        (2029, date(2029, 1, 10)),
    ],
)
def test_second_wednesday_of_january(year, expected):
    assert nth_weekday(year, "january", "second", "wednesday") == expected


def test_last_and_fifth_weekdays():
    assert nth_weekday(2027, "february", "last", "sunday") == date(2027, 2, 28)
    assert nth_weekday(2027, "march", "last", "monday") == date(2027, 3, 29)
    assert nth_weekday(2027, "march", "fifth", "wednesday") == date(2027, 3, 31)
    with pytest.raises(ValueError, match="no fifth"):
        nth_weekday(2027, "february", "fifth", "monday")


@pytest.mark.parametrize(
    ("month", "ordinal", "weekday"),
    [("January", "second", "wednesday"), ("january", "sixth", "wednesday"), ("january", "second", "wed")],
)
def test_nth_weekday_rejects_unknown_names(month, ordinal, weekday):
    with pytest.raises(ValueError):
        nth_weekday(2027, month, ordinal, weekday)


MONTHS = ("january", "february", "march", "april", "may", "june")
MONTHS += ("july", "august", "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@given(st.integers(1900, 2200), st.integers(0, 11), st.integers(0, 6))
def test_nth_weekday_properties(year, month_index, weekday_index):
    month, weekday = MONTHS[month_index], WEEKDAYS[weekday_index]
    first = nth_weekday(year, month, "first", weekday)
    last = nth_weekday(year, month, "last", weekday)
    assert first.weekday() == last.weekday() == weekday_index
    assert first.day <= 7 and (last + dt.timedelta(days=7)).month != last.month
    assert nth_weekday(year, month, "fourth", weekday) == first + dt.timedelta(days=21)


def test_fixed_day():
    assert fixed_day(2027, 16, "december") == date(2027, 12, 16)
    assert fixed_day(2028, 29, "february") == date(2028, 2, 29)
    with pytest.raises(ValueError):
        fixed_day(2027, 29, "february")
    with pytest.raises(ValueError):
        fixed_day(2027, 16, "decembre")


# Working days in Kazakhstan ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2027, 12, 16), "Independence Day"),
        (date(2027, 3, 22), "Nowruz Holiday"),
        (date(2027, 3, 21), "Nowruz Holiday"),  # a Sunday: named for the holiday
        (date(2027, 3, 24), "Nowruz Holiday (observed)"),  # for the 21st
        (date(2027, 3, 27), "Saturday"),
        (date(2027, 3, 28), "Sunday"),
        (date(2027, 3, 18), None),  # a plain Thursday
        (date(2027, 12, 17), None),  # a holiday only until 2021
        (date(2021, 12, 17), "Independence Day"),
    ],
)
def test_day_off_and_reason(day, reason):
    assert is_day_off(day) is (reason is not None)
    assert day_off_reason(day) == reason


def test_transferred_days_off_and_working_weekend_days():
    # 2023: Saturday 1 July worked, Friday 7 July off (Capital Day bridge).
    assert not is_day_off(date(2023, 7, 1))
    assert day_off_reason(date(2023, 7, 1)) is None
    assert is_day_off(date(2023, 7, 7))
    assert "substituted" in day_off_reason(date(2023, 7, 7))
    # 2025: Sunday 5 January worked, Friday 3 January off.
    assert not is_day_off(date(2025, 1, 5))
    assert is_day_off(date(2025, 1, 3))
    # A transfer decreed for 2014 made a Saturday of 2013 a working day.
    assert not is_day_off(date(2013, 12, 28))
    assert is_day_off(date(2014, 1, 3))


def test_ten_working_days_before_late_march_across_nauryz_2025():
    # March 2025: 10 (Women's Day, observed) and 21-25 (Nauryz, with the
    # observed days for the 22nd and 23rd) off. Back from Monday the 31st:
    # 28, 27, 26, 20, 19, 18, 17, 14, 13, 12 are the ten working days.
    anchor = date(2025, 3, 31)
    assert [day for day in (date(2025, 3, d) for d in range(10, 26)) if is_day_off(day)] == [
        date(2025, 3, d) for d in (10, 15, 16, 21, 22, 23, 24, 25)
    ]
    assert working_days_between(date(2025, 3, 11), anchor) == 10
    assert working_days_between(date(2025, 3, 12), anchor) == 9
    assert working_days_between(date(2025, 3, 12), anchor, include_anchor=True) == 10
    assert working_days_between(date(2025, 3, 13), anchor, include_anchor=True) == 9
    # The 10th is off, so moving the event back from the 10th to the 9th gains nothing.
    assert working_days_between(date(2025, 3, 9), anchor) == working_days_between(date(2025, 3, 10), anchor) == 11
    assert add_working_days(anchor, -10) == date(2025, 3, 12)


def test_working_days_before_nauryz_2027_in_both_modes():
    # 21 (Sunday), 22, 23 and 24 (observed) March 2027 off. Back from Friday
    # the 26th: 25, 19, 18, 17, 16.
    anchor = date(2027, 3, 26)
    assert working_days_between(date(2027, 3, 16), anchor) == 4
    assert working_days_between(date(2027, 3, 16), anchor, include_anchor=True) == 5
    assert working_days_between(date(2027, 3, 12), anchor) == 5
    assert add_working_days(date(2027, 3, 19), 1) == date(2027, 3, 25)
    assert add_working_days(date(2027, 3, 25), -1) == date(2027, 3, 19)


def test_anchor_on_a_day_off_adds_nothing():
    saturday = date(2027, 3, 27)
    assert working_days_between(date(2027, 3, 19), saturday) == working_days_between(
        date(2027, 3, 19), saturday, include_anchor=True
    )


def test_event_day_is_never_counted():
    assert working_days_between(date(2027, 3, 18), date(2027, 3, 18), include_anchor=True) == 0
    assert working_days_between(date(2027, 3, 18), date(2027, 3, 19)) == 0
    assert working_days_between(date(2027, 3, 18), date(2027, 3, 19), include_anchor=True) == 1
    with pytest.raises(ValueError):
        working_days_between(date(2027, 3, 19), date(2027, 3, 18))


days = st.dates(min_value=date(2012, 1, 1), max_value=date(2030, 12, 31))


@given(days, st.integers(1, 40))
def test_add_working_days_agrees_with_working_days_between(start, n):
    later = add_working_days(start, n)
    assert not is_day_off(later)
    assert working_days_between(start, later, include_anchor=True) == n
    assert working_days_between(start, later) == n - 1
    earlier = add_working_days(start, -n)
    assert not is_day_off(earlier)
    assert working_days_between(earlier, start) == n - 1
    assert working_days_between(earlier - dt.timedelta(days=1), start) == n


@given(days, days)
def test_including_the_anchor_adds_one_exactly_on_working_days(first, second):
    earlier, later = min(first, second), max(first, second)
    excluding = working_days_between(earlier, later)
    including = working_days_between(earlier, later, include_anchor=True)
    assert including - excluding == (earlier != later and not is_day_off(later))


# The table of days off, against the package it was generated from ----------------------------


def test_the_days_off_table_says_what_the_holidays_package_says():
    """Every day of every year of the table: off or not, and its name, as `holidays` has it."""
    import holidays  # a dev dependency: the compiler itself reads only the table
    from rasim.clock import days_off_table

    _, _, years = days_off_table()
    assert years == range(1990, 2101), "regenerate with tools/kazakhstan_days_off.py"
    for year in years:
        calendar = holidays.country_holidays("KZ", years=[year, year + 1], language="en_US", expand=False)
        day = date(year, 1, 1)
        while day.year == year:
            expected = None if calendar.is_working_day(day) else calendar.get(day)
            if expected is None and not calendar.is_working_day(day):
                expected = day.strftime("%A")
            assert day_off_reason(day) == expected, f"{day}: run tools/kazakhstan_days_off.py"
            day += dt.timedelta(days=1)


def test_outside_the_table_only_weekends_are_off():
    assert day_off_reason(date(1985, 12, 16)) is None  # no Kazakh holidays before 1991
    assert day_off_reason(date(2101, 1, 1)) == "Saturday"
    # 3 January 2101, a Monday: New Year's Day is not known that far ahead.
    assert not is_day_off(date(2101, 1, 3))
    assert not is_day_off(date(2101, 12, 16))
