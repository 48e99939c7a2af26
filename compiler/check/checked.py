"""What the checker hands on to the schedule and the plan: the model, the checklist, the arrangements."""

from __future__ import annotations

from attrs import frozen

from ..diagnostics import Diagnostic
from ..model.lower import Model
from ..model.values import Citation, Label


@frozen
class ChecklistItem:
    """A matter still to settle with the guest's side: one condition, for one item of the program."""

    condition: str
    label: Label
    settled_by: str
    citation: Citation
    item: str | None = None
    item_label: Label | None = None


@frozen
class Arrangement:
    """A unit or state symbol that the rules require (`shall`), allow (`may`) or forbid (`shall not`) for
    this visit: what the protocol service provides, or must keep away, besides the program's ceremonies."""

    name: str
    kind: str
    label: Label | None
    modality: str
    condition: str | None  # under which it holds, when the scenario leaves that open: `weather_permitting`
    in_program: bool
    citation: Citation


@frozen
class Checked:
    """A model that went through the rules: what is left to agree, what to arrange, and what was found."""

    model: Model
    checklist: tuple[ChecklistItem, ...]
    arrangements: tuple[Arrangement, ...]
    diagnostics: tuple[Diagnostic, ...]
