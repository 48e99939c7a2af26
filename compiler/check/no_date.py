"""Report a program that has no date to be held on."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.lower import Model
from ..diagnostics.codes import NO_DATE


def check_no_date(model: Model) -> Iterator[diag.Diagnostic]:
    """Report a program when neither the visit's arrival nor any day gives it a date."""
    if model.event.calls and model.first_date is None:
        yield diag.error(NO_DATE, "the program has no date: give the visit an `arrive` moment or each day a date",
                         model.event.name_span)
