"""Write compiler/kazakhstan_days_off.json: Kazakhstan's days off, from the `holidays` package.

Run: .venv/bin/python tools/kazakhstan_days_off.py
The compiler reads the table instead of importing `holidays` (which imports
every country it knows, a tenth of a second per run); tests/test_clock.py
checks that the table still says what the installed package says. Re-run it
after updating the `holidays` pin in pyproject.toml.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import holidays

FIRST_YEAR, LAST_YEAR = 1990, 2100
TABLE = Path(__file__).resolve().parent.parent / "compiler" / "kazakhstan_days_off.json"


def year_table(year: int) -> tuple[dict[str, str], list[str]]:
    """Return the named days of `year` (holidays, observed days, transfers) and its weekend working days."""
    # The next year too: a transfer decreed for it can make a weekend day of this year a working day.
    calendar = holidays.country_holidays("KZ", years=[year, year + 1], language="en_US", expand=False)
    named = {day.isoformat(): name for day, name in sorted(calendar.items()) if day.year == year}
    worked = sorted(day.isoformat() for day in calendar.weekend_workdays if day.year == year)
    return named, worked


def build_table() -> dict:
    """Return the whole table, as it is written to the JSON file."""
    named: dict[str, str] = {}
    worked: list[str] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        days, weekend = year_table(year)
        named.update(days)
        worked.extend(weekend)
    return {"source": f"holidays {holidays.__version__}", "first_year": FIRST_YEAR, "last_year": LAST_YEAR,
            "named_days": named, "weekend_working_days": worked}


def main() -> None:
    text = json.dumps(build_table(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
