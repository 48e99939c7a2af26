"""Report the deviations that are not accepted, with the one answer of compiler/model/deviations.py, those
whose `on day` names no call of their ceremony, and those that cite an article that does not allow them."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.deviations import cites_permission, granting, verdict
from ..model.event import Deviation
from ..model.lower import Model
from ..diagnostics.codes import DEVIATION_NOT_ALLOWED


def check_deviations(model: Model) -> Iterator[diag.Diagnostic]:
    """Report each deviation whose `on day` is wrong, and each that no rule of the visit permits."""
    for deviation in model.event.deviations:
        if deviation.day is not None:
            yield from _day(model, deviation)
    for deviation in model.event.deviations:
        refused = verdict(model, deviation)
        if refused is not None:
            yield refused
        elif deviation.cited:
            yield from _citation(model, deviation)


def _citation(model: Model, deviation: Deviation) -> Iterator[diag.Diagnostic]:
    """Check that an accepted deviation cites an article of the rule that permits it."""
    permission = granting(model, deviation)
    if permission is None or not permission.citation or cites_permission(deviation, permission):
        return
    allowed = permission.citation.text
    related = (diag.Related(permission.rule_span, "the rule that allows it"),) if permission.rule_span else ()
    yield diag.error(
        "deviation-miscited", f"the deviation of `{deviation.target}` cites {deviation.citation.text}, which does "
        f"not allow it; the rule that does is {allowed}", deviation.target_span, citation=allowed, related=related,
        hints=(f"cite {allowed}",))


def _day(model: Model, deviation: Deviation) -> Iterator[diag.Diagnostic]:
    """Check `on day N`: it belongs to a ceremony or a step, and the ceremony is called that day."""
    ceremony = deviation.ceremony
    if model.kind(ceremony) != "ceremony":
        yield diag.error(
            DEVIATION_NOT_ALLOWED, f"`on day` belongs to a deviation of a ceremony or one of its steps, not of "
            f"`{deviation.target}`", deviation.target_span)
    elif not any(call.name == ceremony and call.day == deviation.day for call in model.event.calls):
        yield diag.error(
            DEVIATION_NOT_ALLOWED, f"the deviation is for day {deviation.day}, but `{ceremony}` is not in the "
            "program that day", deviation.target_span,
            hints=("name the day of the call it changes, or leave `on day` out to change every call",))
