"""The pieces of the temporal network that the scheduler and the timeline layout share."""

from __future__ import annotations

from attrs import frozen

# The time point every clock time is measured from: minute 0 of the Unix epoch, UTC.
ORIGIN = "origin"


@frozen
class Because:
    """Why a constraint exists: the source span, a sentence, and the article."""

    span: object
    reason: str
    citation: str | None
    optional: str | None = None


def left_out(key: str, absent: set[str]) -> bool:
    """Tell whether the item `key` (a call, or a call's step) is left out."""
    return key in absent or key.split("/")[0] in absent
