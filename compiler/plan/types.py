"""The Plan every output is built from, as frozen attrs classes: rows in time order, with who, where, why.

Each attribute is named as its key in the JSON form (`row.cue` is `row["cue"]`
of `rasim plan --format json`), lists are tuples, and `Plan.to_json()` gives
that JSON form, the same bytes as before the classes (docs/plan.md documents
every field). `Plan.from_json(data)` reads it back, checking every field: an
earlier build's plan.json is read by `rasim build --since`.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from .codec import PlanFormatError, decode_object, encode_object, within_2, within_3
from .values import Citation, Clause, Label  # noqa: F401  (the Plan's values, shared from here)

FORMAT_VERSION = 3
READABLE_VERSIONS = (2, 3)  # 3 is 2 read into these classes: the JSON shape is the same


class _Json:
    """What every class of the Plan shares: its JSON form."""

    __slots__ = ()

    def to_json(self) -> dict:
        """Return this object as JSON data, its keys the attribute names in order."""
        return encode_object(self)


@frozen(kw_only=True)
class Moment(_Json):
    """A point of the timeline: the local date and time, the offset from UTC, and minutes since 1970 UTC."""

    date: str
    time: str
    utc_offset_minutes: int
    utc_minutes: int


@frozen(kw_only=True)
class ZonedTime(_Json):
    """The guest's arrival or departure as the scenario gives it: a date, a clock time and its zone."""

    date: str
    time: str
    zone: str


@frozen(kw_only=True)
class Spouse(_Json):
    """The principal's spouse (`with_spouse "John Doe" male`)."""

    name: str
    sex: str | None


@frozen(kw_only=True)
class Host(_Json):
    """The host in whose name the guest is received (`on_behalf_of` of the visit's format)."""

    role: str
    label: Label


@frozen(kw_only=True)
class Scenario(_Json):
    """The scenario's name and label."""

    name: str
    label: Label


@frozen(kw_only=True)
class Visit(_Json):
    """The visit or occasion: its format, the principal guest, the arrival and the departure."""

    kind: str  # "visit" or "occasion"
    format: str
    principal: str | None
    spouse: Spouse | None
    guest_kind: str | None
    country: str | None
    on_behalf_of: Host | None = within_2(None)
    arrival: ZonedTime | None
    departure: ZonedTime | None


@frozen(kw_only=True)
class Edition(_Json):
    """An edition the scenario was checked under, and the language of its original text."""

    ref: str
    language: str | None


@frozen(kw_only=True)
class Place(_Json):
    """A place, dotted (`akorda.hall_of_ceremonies`), with its label."""

    name: str
    label: Label


@frozen(kw_only=True)
class Lead(_Json):
    """The one role responsible for a step, and the person filling it."""

    role: str
    label: Label
    person: str | None


@frozen(kw_only=True)
class Reconstructed(_Json):
    """A precedence entry the library restored because the source text lost it, where it decides an order."""

    entry: str  # the entry's number as the table writes it, "1"
    reason: Label | None
    citation: Citation | None


@frozen(kw_only=True)
class Participant(_Json):
    """One person taking part in a step, in order of precedence."""

    role: str
    label: Label
    person: str | None
    alternative_of: str | None = within_2(None)  # `flower_girl or flower_young_man`: the role it may stand for
    reconstructed: Reconstructed | None = within_2(None)


@frozen(kw_only=True)
class Ordering(_Json):
    """An ordering rule to follow inside a step (`order documents: interstate, intergovernmental`)."""

    name: str
    order: tuple[str, ...]
    position: str | None
    order_labels: tuple[Label, ...]
    condition: str | None = within_2(None)
    condition_label: Label | None = within_2(None)
    citation: Citation | None


@frozen(kw_only=True)
class Detail(_Json):
    """A detail the program gives for a call, such as a document to sign."""

    kind: str
    label: Label | None


@frozen(kw_only=True)
class DeviationMark(_Json):
    """A deviation as it marks a row or a call it changes."""

    id: str
    target: str
    target_label: Label
    # What the deviation changes, each edit as written (`lead deputy_minister instead_of minister`);
    # new in format 3, so a plan of format 2 reads none.
    edits: tuple[str, ...] = within_2(())
    change: Label | None
    reason: str
    authority: str
    authority_label: Label
    day: int | None
    citation: Citation | None


@frozen(kw_only=True)
class Row(_Json):
    """One step of a called ceremony (or a ceremony without steps), in time order."""

    cue: str
    day: int
    track: str | None
    track_label: Label | None
    ceremony: str
    ceremony_label: Label
    step: str | None
    label: Label
    action: Label | None
    lead: Lead | None
    participants: tuple[Participant, ...]
    trigger: Label | None
    notes: tuple[Label, ...]
    responsible: str | None
    responsible_label: Label | None
    orderings: tuple[Ordering, ...]
    citation: Citation | None
    start: Moment | None
    end: Moment | None
    earliest: int | None
    latest: int | None
    fixed: bool
    duration_minutes: int | None
    duration_estimated: bool = within_2(False)
    # The step has no duration, from the law or the library: it starts where its order puts it and has
    # no end of its own (`end` and `duration_minutes` are null). Added within format 3.
    no_end: bool = within_3(False)
    # The duration is the library's customary one (`duration 15 min customary`), not one the law gives.
    # Added within format 3.
    duration_customary: bool = within_3(False)
    place: Place | None
    condition: str | None
    details: tuple[Detail, ...]
    deviations: tuple[DeviationMark, ...]


@frozen(kw_only=True)
class Call(_Json):
    """One call of a ceremony in the program, with the ceremony's own time."""

    cue: str
    ceremony: str
    ceremony_label: Label
    day: int
    track: str | None
    track_label: Label | None
    start: Moment | None
    end: Moment | None
    duration_minutes: int | None
    fixed: bool
    condition: str | None
    place: Place | None
    citation: Citation | None
    # The ceremony's minutes that no step with a duration takes (null for a ceremony without steps or
    # without an end). Added within format 3.
    unallocated_minutes: int | None = within_3(None)
    rows: tuple[str, ...]
    deviations: tuple[DeviationMark, ...]


@frozen(kw_only=True)
class Transfer(_Json):
    """The way between two consecutive calls of a day's track at different venues, and the free time."""

    after: str  # the cue of the call before (`AW2`)
    before: str  # the cue of the call after
    origin: Place
    destination: Place
    leaves: Moment  # the end of the call before
    arrives: Moment | None  # `leaves` plus the travel time; null when no table gives it
    minutes: int | None  # the travel time (`travel akorda 15 min`), null when unknown
    gap_minutes: int  # from the end of one call to the start of the next
    free_minutes: int | None  # the gap less the travel (negative when too short), null when unknown
    too_short: bool


@frozen(kw_only=True)
class Contingency(_Json):
    """A condition left unknown, and the cues of the rows that take place only then."""

    condition: str
    label: Label
    rows: tuple[str, ...]


@frozen(kw_only=True)
class ChecklistItem(_Json):
    """One (condition, item) left to settle with the guest's side."""

    condition: str
    label: Label
    settled_by: str
    item: str | None = within_2(None)
    item_label: Label | None = within_2(None)
    citation: Citation | None


@frozen(kw_only=True)
class Arrangement(_Json):
    """A unit, state symbol or role the rules require, allow or forbid for this visit."""

    name: str
    kind: str
    label: Label
    modality: str
    condition: str | None
    condition_label: Label | None
    in_program: bool
    citation: Citation | None


@frozen(kw_only=True)
class Deviation(_Json):
    """A deviation of the scenario, with the cues of the rows and calls it changes."""

    id: str
    target: str
    target_label: Label
    # What the deviation changes, each edit as written (`lead deputy_minister instead_of minister`);
    # new in format 3, so a plan of format 2 reads none.
    edits: tuple[str, ...] = within_2(())
    change: Label | None
    reason: str
    authority: str
    authority_label: Label
    day: int | None
    citation: Citation | None
    rows: tuple[str, ...]
    calls: tuple[str, ...]


@frozen(kw_only=True)
class PrecedenceOverride(_Json):
    """`precede A before B because "..."` of the scenario."""

    first: str
    second: str
    reason: str


@frozen(kw_only=True)
class Agreed(_Json):
    """An item agreed with the guest's side."""

    item: str
    value: str


@frozen(kw_only=True)
class Article(_Json):
    """An article the plan cites, with the opening of its text in the language of the original."""

    edition: str
    article: str
    language: str | None
    text: str
    rows: tuple[str, ...]


@frozen(kw_only=True)
class Note(_Json):
    """A note of the compiler: what it wants the reader to know although nothing is wrong."""

    code: str
    message: str
    citation: str | None


@frozen(kw_only=True)
class Plan(_Json):
    """The Plan of a checked, scheduled scenario."""

    format_version: int
    scenario: Scenario
    visit: Visit | None
    editions: tuple[Edition, ...]
    tzdata: str
    time_zone: str
    rows: tuple[Row, ...]
    calls: tuple[Call, ...]
    contingencies: tuple[Contingency, ...]
    checklist: tuple[ChecklistItem, ...]
    arrangements: tuple[Arrangement, ...] = within_2(())
    deviations: tuple[Deviation, ...]
    precedence_overrides: tuple[PrecedenceOverride, ...]
    agreed: tuple[Agreed, ...]
    articles: tuple[Article, ...] = within_2(())
    notes: tuple[Note, ...] = within_2(())
    transfers: tuple[Transfer, ...] = within_3(())

    @classmethod
    def from_json(cls, data: Any) -> Plan:
        """Return the Plan in the JSON data `data` (format 2 or 3), or raise PlanFormatError naming the field."""
        if not isinstance(data, dict):
            raise PlanFormatError("", "expected a JSON object")
        version = data.get("format_version")
        if type(version) is not int:
            raise PlanFormatError("format_version", "expected an integer" if "format_version" in data else "missing")
        if version not in READABLE_VERSIONS:
            raise PlanFormatError("format_version", f"format {version} is not one this rasim reads "
                                                    f"({' or '.join(map(str, READABLE_VERSIONS))})")
        return decode_object(cls, data, version)
