"""Check when the scenario's dated events happen against the format's windows (`window
working_group_arrival >= 5 days before arrival`), or against an accepted deviation's new window."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Iterator

from .. import diagnostics as diag
from ..clock import working_days_between
from ..model.law import Window
from ..model.lower import Model
from ..model.values import NO
from .common import COMPARE, WORDS, accepted_edit, under, visit_span
from ..diagnostics.codes import WINDOW_UNCHECKED, WINDOW_VIOLATED


def check_windows(model: Model) -> Iterator[diag.Diagnostic]:
    """Report each event outside its window, and each window the scenario gives no dates for."""
    fmt = model.event.format
    for window in fmt.windows if fmt is not None else ():
        applies = model.facts.value(window.condition)
        if applies is NO:
            continue
        event, anchor = model.facts.events.get(window.event), model.facts.events.get(window.anchor)
        if event is None or anchor is None:
            missing = window.event if event is None else window.anchor
            yield diag.warning(
                WINDOW_UNCHECKED, f"the rules fix when `{window.event}` happens relative to `{window.anchor}`, "
                f"but the scenario gives no date for `{missing}`", visit_span(model, window.span),
                citation=window.citation.text, hints=(f"add `event {missing} YYYY-MM-DD HH:MM`",))
            continue
        changed = accepted_edit(model, window.event, "window") if window.permission is not None else None
        comparison, amount, amount_text, unit = window.comparison, window.amount, window.amount_text, window.unit
        if changed is not None:
            edit = changed[1]
            comparison, amount, amount_text, unit = edit.comparison, edit.amount, edit.amount_text, edit.unit or unit
        unit = unit or "days"
        gap = _gap(window, event.date, anchor.date, unit)
        if gap is None or amount is None or comparison not in COMPARE or COMPARE[comparison](gap, amount):
            continue
        where = f"{gap} {unit} {window.relation}" if gap >= 0 else \
            f"{-gap} {unit} {'after' if window.relation == 'before' else 'before'}"
        if changed is not None:
            deviation = changed[0]
            yield diag.error(
                WINDOW_VIOLATED, f"`{window.event}` is {where} `{window.anchor}`, but the deviation requires "
                f"{WORDS[comparison]} {amount_text} {unit}", visit_span(model, window.span),
                citation=(deviation.citation or window.citation).text,
                related=tuple(diag.Related(s, n) for s, n in ((changed[1].span, "the deviation"),
                                                              (window.span, "the window")) if s is not None))
            continue
        make, wording = under(window.condition, applies)
        yield make(
            "window-violated", f"`{window.event}` is {where} `{window.anchor}`, "
            f"but the rules require {WORDS[comparison]} {amount_text} {unit}{wording}",
            visit_span(model, window.span), citation=window.citation.text,
            related=(diag.Related(window.span, "the window"),))


def _gap(window: Window, event_date: str, anchor_date: str, unit: str) -> Decimal | int | None:
    """Return how far the event lies from its anchor in `unit`, negative when it is on the wrong side.

    Days are counted from the event to the anchor: the event's own day is not
    counted and the anchor's is, as in "not later than five days before the
    visit" (2 June for a visit on 7 June); `excluding anchor` leaves the
    anchor's day out too.
    """
    earlier, later = (event_date, anchor_date) if window.relation == "before" else (anchor_date, event_date)
    try:
        first, second = datetime.date.fromisoformat(earlier), datetime.date.fromisoformat(later)
    except ValueError:
        return None
    delta = (second - first).days
    excluding = window.anchor_counting == "excluding"
    if delta <= 0:
        return delta
    if unit == "working_days":
        return working_days_between(first, second, include_anchor=not excluding)
    if unit in ("day", "days", "weeks"):
        gap = delta - (1 if excluding else 0)
        return Decimal(gap) / 7 if unit == "weeks" else gap
    return None
