"""Check that the visit's format takes the principal's kind of guest (`for head_of_state`, `received_as`)."""

from __future__ import annotations

from typing import Iterator

from .. import diagnostics as diag
from ..model.law import Format, FormatGuest, GuestKind
from ..model.lower import Model
from ..model.values import NO_CITATION, UNKNOWN, YES
from ..diagnostics.codes import GUEST_KIND_NOT_ALLOWED


def check_guest_kind(model: Model) -> Iterator[diag.Diagnostic]:
    """Report a principal whose kind the format is not for, or is for only under a condition that fails."""
    fmt, principal = model.event.format, model.event.principal
    if fmt is None or principal is None:
        return
    allowed = [kind for guest in fmt.guests for kind in guest.kinds]
    if not allowed:
        return
    naming = [guest for guest in fmt.guests if principal.kind in guest.kinds]
    if naming:
        yield from _guest_condition(model, fmt, naming)
        return
    kind = model.law(principal.kind)
    for received in kind.received_as if isinstance(kind, GuestKind) else ():
        if received.kind not in allowed:
            continue
        value = model.facts.value(received.condition)
        if value is YES:
            return
        if value is UNKNOWN:
            yield diag.warning(
                GUEST_KIND_NOT_ALLOWED, f"a {principal.kind} may have the format `{fmt.name}` only "
                f"{received.condition.words}, which the scenario leaves unknown", principal.kind_span,
                citation=received.citation.text)
            return
    citation = sum((guest.citation for guest in fmt.guests), NO_CITATION)
    yield diag.error(
        GUEST_KIND_NOT_ALLOWED, f"the format `{fmt.name}` is for {', '.join(allowed)}, not for {principal.kind}",
        principal.kind_span, citation=citation.text, related=_format_is_here(fmt))


def _guest_condition(model: Model, fmt: Format, naming: list[FormatGuest]) -> Iterator[diag.Diagnostic]:
    """Check the condition under which the format takes the principal's kind (`for X unless C`)."""
    values = [model.facts.value(guest.condition) for guest in naming]
    if YES in values:
        return
    principal, guest = model.event.principal, naming[0]
    condition = guest.condition
    takes = f"takes a {principal.kind} only when {condition.inner}" if condition.keyword == "when" else \
        f"does not take a {principal.kind} when {condition.inner}"
    related = (diag.Related(guest.span, f"the format `{fmt.name}` {takes}"),)
    if UNKNOWN in values:
        yield diag.warning(
            GUEST_KIND_NOT_ALLOWED, f"the format `{fmt.name}` {takes}, which the scenario leaves unknown",
            principal.kind_span, citation=guest.citation.text, related=related,
            hints=(f"state it in the principal's details or with `assume {condition.names[0]} yes|no`",))
        return
    holds = "does not hold" if condition.keyword == "when" else "holds"
    yield diag.error(
        GUEST_KIND_NOT_ALLOWED, f"the format `{fmt.name}` {takes}, and here {condition.inner} {holds}",
        principal.kind_span, citation=guest.citation.text, related=related)


def _format_is_here(fmt: Format) -> tuple[diag.Related, ...]:
    span = fmt.declared.name_span or fmt.declared.span
    return (diag.Related(span, f"the format `{fmt.name}`"),) if span is not None else ()
