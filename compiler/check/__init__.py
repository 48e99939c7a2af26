"""Stage 5: check the model of a scenario against its rules.

    Model --check--> Checked(model, checklist, arrangements, diagnostics)

`CHECKS` is the executed sequence of sub-checks, each a pure function of the
model that yields what it finds (one module each). To add a check, write
`check_x(model) -> Iterable[Diagnostic]` in its own module and add it here;
register any new code in compiler/diagnostics/codes/checking.py with a case
under tests/cases/check/bad/. The checklist (what is left to agree with the
guest's side) and the arrangements (units and symbols the rules ask for) are
what the plan reads besides the model.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..diagnostics import Diagnostic
from ..model.lower import Model
from .arrangements import arrangements, check_arrangements
from .calendar_dates import check_calendar_dates
from .ceremony_rules import check_ceremony_rules
from .checked import Arrangement, Checked, ChecklistItem
from .checklist import checklist
from .deviations import check_deviations
from .format_rules import check_format_rules
from .guest_kind import check_guest_kind
from .limits import check_limits
from .no_date import check_no_date
from .order_of_persons import check_order_of_persons
from .outside_format import check_outside_format
from .people import check_people
from .prohibitions import check_prohibitions
from .reconstructed import check_reconstructed
from .windows import check_windows

Check = Callable[[Model], Iterable[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    check_guest_kind,
    check_format_rules,
    check_arrangements,
    check_windows,
    check_outside_format,
    check_ceremony_rules,
    check_prohibitions,
    check_limits,
    check_calendar_dates,
    check_deviations,
    check_no_date,
    check_people,
    check_reconstructed,
    check_order_of_persons,
)

__all__ = ["CHECKS", "Arrangement", "Checked", "ChecklistItem", "check"]


def check(model: Model) -> Checked:
    """Run every check of `CHECKS` in order on `model`; return what they found with the checklist and the
    arrangements."""
    found = tuple(diagnostic for run in CHECKS for diagnostic in run(model))
    return Checked(model, checklist(model), arrangements(model), found)
