"""Check dated events against the calendar rules that fix their day (`on 16 december`)."""

from __future__ import annotations

import datetime
from typing import Iterator

from .. import diagnostics as diag
from ..clock import fixed_day, nth_weekday
from ..model.law import CalendarDate
from ..model.lower import Model
from ..diagnostics.codes import WINDOW_UNCHECKED, WRONG_DATE


def check_calendar_dates(model: Model) -> Iterator[diag.Diagnostic]:
    """Report an event on another day than its calendar rule fixes.

    A rule applies to the scenario's `event` of the same name, and to the
    occasion of the same name (or with `_day` added): `calendar inauguration_day`
    fixes the date of `occasion inauguration`.
    """
    dated = dict(model.facts.events)
    visit = model.event.visit
    if visit is not None and visit.kind == "occasion" and "arrival" in dated:
        for name in (visit.name, visit.name + "_day"):
            dated.setdefault(name, dated["arrival"])
    for name, moment in sorted(dated.items()):
        rule = model.law(name)
        if not isinstance(rule, CalendarDate):
            continue
        try:
            actual = datetime.date.fromisoformat(moment.date)
        except ValueError:
            continue
        citation = rule.declared.citation.text
        year = actual.year
        if rule.weekday is not None and rule.after is not None:
            after = dated.get(rule.after)
            if after is None:
                yield diag.warning(
                    WINDOW_UNCHECKED, f"`{name}` is fixed relative to `{rule.after}`, but the scenario gives no "
                    f"date for `{rule.after}`", moment.span, citation=citation,
                    hints=(f"add `event {rule.after} YYYY-MM-DD HH:MM`",))
                continue
            year = int(after.date[:4]) + (1 if rule.year_offset == "next_year" else 0)
        try:
            expected = fixed_day(year, rule.day, rule.month) if rule.weekday is None else \
                nth_weekday(year, rule.month, rule.ordinal, rule.weekday)
        except ValueError:
            continue
        if expected != actual:
            yield diag.error(
                WRONG_DATE, f"`{name}` is on {actual.isoformat()}, but the rules fix it on {expected.isoformat()} "
                f"({expected.strftime('%A')})", moment.span, citation=citation,
                related=(diag.Related(rule.span, "the calendar rule"),))
