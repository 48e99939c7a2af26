"""Convert local times to UTC minutes, name calendar days, and count Kazakhstan's working days.

Everything here takes and returns plain values (strings, ints, dates), so the
scheduler and the checker never hold a `datetime` with a time zone.

Time zones come from the pinned `tzdata` package, never from the operating
system: `zoneinfo.ZoneInfo(key)` would prefer /usr/share/zoneinfo, whose
version depends on the machine, and the same scenario must give the same
times everywhere. (Asia/Almaty, for one, moved from UTC+6 to UTC+5 on
2024-03-01 in tzdata 2024a; an older system database still says +6.)

Times are whole minutes. UTC offsets with seconds (local mean time, before a
zone adopted standard time) are rounded to the nearest minute, in both
directions alike, so conversions there stay consistent with each other.

Working days follow the `holidays` package's calendar for Kazakhstan: public
holidays, a holiday falling on a weekend moved to the next working day (the
"observed" days), and the government's yearly transfers, where a weekend day
becomes a working day and a weekday becomes a day off in exchange. The package
knows the transfers only as far as it has been told of them (the decrees up to
2025 in holidays 0.109); a transfer decreed later is missing until it is updated.
The calendar is read from a table generated from the package
(kazakhstan_days_off.json, written by tools/kazakhstan_days_off.py and checked
against the package by tests/test_clock.py), for the years 1990-2100. Outside
those years only Saturdays and Sundays are days off: before 1991 the package
has no Kazakh holidays either; after 2100 the holidays are not known.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import importlib.resources
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import tzdata


class ClockError(Exception):
    """A time that cannot be placed: `code` is a stable code, the message is for people.

    Codes: "nonexistent-local-time" (skipped by a clock change),
    "ambiguous-local-time" (repeated by a clock change), "unknown-time-zone".
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# Time zones ----------------------------------------------------------------------------------

_EPOCH = dt.datetime(1970, 1, 1)
_UTC = dt.timezone.utc
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"\d{2}:\d{2}", re.ASCII)


def tzdata_version() -> str:
    """Return the IANA version of the time zone database in use, such as "2026f"."""
    return tzdata.IANA_VERSION


@functools.cache
def _zone_keys() -> frozenset[str]:
    """Return every key the pinned tzdata package has, links (Asia/Calcutta) included."""
    text = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@functools.cache
def _zone(key: str) -> ZoneInfo:
    """Load zone `key` from the pinned tzdata package; ClockError if it has no such zone."""
    # Checking against the package's own list first also keeps keys such as
    # "../x" or "/etc/localtime" from ever being opened as files.
    if key not in _zone_keys():
        raise ClockError("unknown-time-zone", _unknown_zone_message(key))
    resource = importlib.resources.files("tzdata").joinpath("zoneinfo", *key.split("/"))
    with resource.open("rb") as stream:
        return ZoneInfo.from_file(stream, key=key)


def _unknown_zone_message(key: str) -> str:
    """Say that `key` is not a time zone, suggesting the closest one."""
    message = f"`{key}` is not a time zone of the IANA database (tzdata {tzdata_version()})"
    keys = sorted(_zone_keys())
    by_case = [k for k in keys if k.lower() == key.lower()]
    close = by_case or difflib.get_close_matches(key, keys, n=1, cutoff=0.8)
    return message + (f"; did you mean `{close[0]}`?" if close else "")


def _offset_minutes(moment: dt.datetime) -> int:
    """Return the UTC offset of an aware datetime in whole minutes, rounded half up."""
    seconds = int(moment.utcoffset().total_seconds())
    return (seconds + 30) // 60


def _parse_local(date: str, time: str) -> dt.datetime:
    """Read "YYYY-MM-DD" and "HH:MM" as a naive datetime; ValueError if malformed."""
    # fromisoformat alone also takes forms such as "20270512" or "09:30:15";
    # the language writes dates and times in one form only.
    if not _DATE.fullmatch(date) or not _TIME.fullmatch(time):
        raise ValueError(f"expected YYYY-MM-DD and HH:MM, got {date!r} and {time!r}")
    return dt.datetime.fromisoformat(f"{date}T{time}")


def to_utc_minutes(date: str, time: str, zone: str) -> int:
    """Return local `date` ("YYYY-MM-DD") at `time` ("HH:MM") in IANA `zone` as minutes since 1970-01-01T00:00Z.

    Raises ClockError when the zone is unknown, when the clocks skipped that
    local time (a gap: "nonexistent-local-time") and when they showed it twice
    (a fold: "ambiguous-local-time"); ValueError when the date or the time is
    malformed or out of range (the parser has already rejected those).
    """
    tz = _zone(zone)
    naive = _parse_local(date, time)
    # PEP 495: fold=0 and fold=1 agree on the offset except in a gap or a fold.
    # In a fold both readings convert back to the same wall time; in a gap
    # neither does (each lands on the other side of the change).
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(_UTC).astimezone(tz).replace(tzinfo=None)
        if round_trip == naive:
            raise ClockError(
                "ambiguous-local-time",
                f"{date} {time} happens twice in {zone}: the clocks are turned back"
                f" (UTC{_format_offset(first)} then UTC{_format_offset(second)})",
            )
        raise ClockError(
            "nonexistent-local-time",
            f"{date} {time} does not exist in {zone}: the clocks skip it"
            f" (UTC{_format_offset(first)} to UTC{_format_offset(second)})",
        )
    local_minutes = (naive - _EPOCH) // dt.timedelta(minutes=1)
    return local_minutes - _offset_minutes(first)


def from_utc_minutes(minutes: int, zone: str) -> tuple[str, str, int]:
    """Return the moment `minutes` after 1970-01-01T00:00Z in `zone` as (date, time, UTC offset in minutes).

    Raises ClockError for an unknown zone, ValueError for a moment outside the
    years 1-9999.
    """
    tz = _zone(zone)
    try:
        moment = (_EPOCH + dt.timedelta(minutes=minutes)).replace(tzinfo=_UTC).astimezone(tz)
        offset = _offset_minutes(moment)
        local = _EPOCH + dt.timedelta(minutes=minutes + offset)
    except OverflowError as error:
        raise ValueError(f"{minutes} minutes from 1970 is outside the years 1-9999") from error
    # isoformat, not strftime("%Y"), which does not pad years before 1000.
    return local.date().isoformat(), f"{local.hour:02d}:{local.minute:02d}", offset


def _format_offset(moment: dt.datetime) -> str:
    """Write the UTC offset of an aware datetime as "+06:00"."""
    minutes = _offset_minutes(moment)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# Calendar days -------------------------------------------------------------------------------

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINALS = ("first", "second", "third", "fourth", "fifth")


def _month_number(month: str) -> int:
    """Return 1-12 for an English lower-case month name; ValueError otherwise."""
    if month not in _MONTHS:
        raise ValueError(f"unknown month {month!r}: expected one of {', '.join(_MONTHS)}")
    return _MONTHS.index(month) + 1


def nth_weekday(year: int, month: str, ordinal: str, weekday: str) -> dt.date:
    """Return the `ordinal` ("first".."fifth" or "last") `weekday` of `month` in `year`.

    nth_weekday(2028, "january", "second", "wednesday") is 2028-01-12: the
    inauguration day of the 2013 rules. ValueError for an unknown name, and
    for a fifth weekday that the month does not have.
    """
    number = _month_number(month)
    if weekday not in _WEEKDAYS:
        raise ValueError(f"unknown weekday {weekday!r}: expected one of {', '.join(_WEEKDAYS)}")
    target = _WEEKDAYS.index(weekday)
    if ordinal == "last":
        last = dt.date(year, number, _days_in_month(year, number))
        return last - dt.timedelta(days=(last.weekday() - target) % 7)
    if ordinal not in _ORDINALS:
        raise ValueError(f"unknown ordinal {ordinal!r}: expected first-fifth or last")
    first = dt.date(year, number, 1)
    day = 1 + (target - first.weekday()) % 7 + 7 * _ORDINALS.index(ordinal)
    if day > _days_in_month(year, number):
        raise ValueError(f"{month.capitalize()} {year} has no {ordinal} {weekday.capitalize()}")
    return dt.date(year, number, day)


def _days_in_month(year: int, month: int) -> int:
    """Return how many days `month` (1-12) has in `year`."""
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return (following - dt.timedelta(days=1)).day


def fixed_day(year: int, day: int, month: str) -> dt.date:
    """Return `day` `month` of `year`, such as 16 December; ValueError for 30 February."""
    number = _month_number(month)
    if not 1 <= day <= _days_in_month(year, number):
        raise ValueError(f"{month.capitalize()} {year} has no day {day}")
    return dt.date(year, number, day)


# Working days in Kazakhstan ------------------------------------------------------------------


DAYS_OFF_TABLE = Path(__file__).resolve().parent / "kazakhstan_days_off.json"


@functools.lru_cache(maxsize=1)
def days_off_table() -> tuple[dict[dt.date, str], frozenset[dt.date], range]:
    """Return Kazakhstan's named days (holidays, observed days, transfers), its worked weekend days, its years.

    Names are the `holidays` package's English ones. The table holds, for each
    year, what the package says with that year and the next loaded (a transfer
    decreed for the next year may make a weekend day of this one a working day:
    28 December 2013 was worked for 3 January 2014).
    """
    data = json.loads(DAYS_OFF_TABLE.read_text(encoding="utf-8"))
    named = {dt.date.fromisoformat(day): name for day, name in data["named_days"].items()}
    worked = frozenset(dt.date.fromisoformat(day) for day in data["weekend_working_days"])
    return named, worked, range(data["first_year"], data["last_year"] + 1)


def _is_working_day(day: dt.date) -> bool:
    named, worked, _ = days_off_table()
    return day in worked if day.weekday() >= 5 else day not in named


def is_day_off(day: dt.date) -> bool:
    """Tell whether `day` is not a working day in Kazakhstan.

    A day is off when it is a Saturday or a Sunday that no transfer made a
    working day, a public holiday, a holiday's observed day (the next working
    day, when the holiday falls on a weekend), or a weekday made a day off by
    a transfer. Outside the table's years (before 1991, when the package has
    no Kazakh holidays, and after 2100) only weekends are off.
    """
    return not _is_working_day(day)


def day_off_reason(day: dt.date) -> str | None:
    """Return why `day` is off: the holiday's name, else "Saturday" or "Sunday"; None for a working day.

    Names are the `holidays` package's English ones: "Nowruz Holiday",
    "Nowruz Holiday (observed)", "Day off (substituted from 07/01/2023)" for
    a transfer (the date is the weekend day worked instead, month first).
    """
    if _is_working_day(day):
        return None
    # A holiday on a weekend is named for the holiday: that is what the run-sheet
    # should say, and it is why the next working day is off too.
    return days_off_table()[0].get(day) or _WEEKDAYS[day.weekday()].capitalize()


def working_days_between(earlier: dt.date, later: dt.date, include_anchor: bool = False) -> int:
    """Count the working days after `earlier` and before `later`, and `later` itself when `include_anchor`.

    This is the count that a window "at least N working days before the
    anchor" compares with N: an event on day `earlier` satisfies it when
    working_days_between(earlier, anchor, include_anchor) >= N.

    - The event day (`earlier`) is never counted.
    - Excluding the anchor (the default, the common legal reading): only the
      working days strictly between the two days count.
    - Including the anchor: the anchor day counts too, if it is a working day.

    Example, around Nauryz 2025 (21-25 March off: 21 March, the weekend, and
    the two observed days for the holidays of 22 and 23 March), with the
    anchor on Monday 31 March:

        working_days_between(date(2025, 3, 11), date(2025, 3, 31))  -> 10
            (12-14, 17-20 and 26-28 March; the 11th itself is not counted)
        working_days_between(date(2025, 3, 12), date(2025, 3, 31))  -> 9
        working_days_between(date(2025, 3, 12), date(2025, 3, 31), include_anchor=True) -> 10

    So "at least 10 working days before 31 March" is met by an event on the
    11th, and on the 12th only when the anchor day counts. Equal days give 0;
    ValueError when `earlier` is after `later`.
    """
    if earlier > later:
        raise ValueError(f"{earlier.isoformat()} is after {later.isoformat()}")
    count = sum(
        not is_day_off(earlier + dt.timedelta(days=offset)) for offset in range(1, (later - earlier).days)
    )
    if include_anchor and later != earlier and not is_day_off(later):
        count += 1
    return count


def add_working_days(start: dt.date, n: int) -> dt.date:
    """Return the `n`-th working day after `start` (before it when `n` < 0), `start` not counted.

    add_working_days(date(2025, 3, 20), 1) is 26 March 2025 (Nauryz in
    between); n = 0 returns `start` unchanged, working day or not. In terms of
    working_days_between, for n > 0:

        working_days_between(start, add_working_days(start, n), include_anchor=True) == n

    and for n < 0 the result is the |n|-th working day back, so an event must
    fall strictly before add_working_days(anchor, -N) to be "at least N
    working days before" the anchor, anchor excluded.
    """
    step = dt.timedelta(days=1 if n > 0 else -1)
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if not is_day_off(day):
            remaining -= 1
    return day
