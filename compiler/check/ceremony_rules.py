"""Check what the rules inside a called ceremony fix for the call: the order of the documents and other
items listed on the call (`signing_documents { interstate "..." intergovernmental "..." }`)."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.event import Call
from ..model.law import Ordering
from ..model.lower import Model
from ..diagnostics.codes import ORDER_VIOLATED


def check_ceremony_rules(model: Model) -> Iterator[diag.Diagnostic]:
    """Report the first item of a call's details that comes before one the ceremony's ordering puts first.

    The rules inside a ceremony that say what may change in it (`deviable_by`)
    are read by the deviations (compiler/model/deviations.py); a `shall not`
    step or rule is checked against what the scenario says the event includes
    (`include ceremony.step`) by compiler/check/prohibitions.py.
    """
    for call in model.event.live_calls():
        if call.details and call.ceremony is not None:
            yield from _detail_order(call)


def _detail_order(call: Call) -> Iterator[diag.Diagnostic]:
    names = [detail.kind for detail in call.details]
    for step in call.steps:
        for ordering in step.orderings:
            if ordering.position is None:
                found = _out_of_order(call, names, ordering)
                if found is not None:
                    yield found
                    return


def _out_of_order(call: Call, names: list[str], ordering: Ordering) -> diag.Diagnostic | None:
    rank = {name: index for index, name in enumerate(ordering.names)}
    seen = [(rank[name], name, detail) for name, detail in zip(names, call.details) if name in rank]
    for (first_rank, first, _), (second_rank, second, detail) in zip(seen, seen[1:]):
        if second_rank < first_rank:
            return diag.error(
                ORDER_VIOLATED, f"the {second} document comes after the {first} one, but the rules put "
                f"{' before '.join(ordering.names)}", detail.span, citation=ordering.citation.text)
    return None
