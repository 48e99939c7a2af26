"""Warn about library ceremonies in the program that the visit's format does not provide for."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.lower import Model
from ..diagnostics.codes import NOT_IN_FORMAT


def check_outside_format(model: Model) -> Iterator[diag.Diagnostic]:
    """Report each library ceremony of the program that no rule of the format names, once.

    A format lists what its visits hold (a transit visit has no state banquet);
    ceremonies the scenario declares for itself (a private visit's own program)
    are its own business and are not reported.
    """
    fmt = model.event.format
    if fmt is None:
        return
    named, reported = fmt.named_items(), set()
    span = fmt.declared.name_span or fmt.declared.span
    related = (diag.Related(span, f"the format `{fmt.name}`"),) if span is not None else ()
    for call in model.event.live_calls():
        declared = model.declared(call.name)
        if declared is None or declared.edition is None or call.name in named or call.name in reported:
            continue
        reported.add(call.name)
        yield diag.warning(
            NOT_IN_FORMAT, f"`{call.name}` is not among the items the format `{fmt.name}` provides for",
            call.span, citation=fmt.declared.citation.text, related=related,
            hints=("leave it out, or declare the scenario's own ceremony if the parties agreed on something else",))
