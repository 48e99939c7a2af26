"""Nodes of precedence tables, calendar rules, the Mission Regulation, and scenarios."""

from __future__ import annotations

from typing import Union

from .base import Amount, Citation, Citations, EditionRef, Guard, Label, Name, Node, Range, Ref, node
from .library import Acting, Appointment, ModuleHeader, Venue, VisitLevel

# ---- precedence ------------------------------------------------------------------


@node
class Rank(Node):
    """`5 chair_of_senate` in a precedence table; `13 excluded` keeps a repealed number.

    Numbers are kept as printed, sub-numbers included (`6-1`), because officials
    cite entries by them. `by appointment_date` orders the officials of one entry.
    """

    number: str
    roles: tuple[Ref, ...]
    excluded: bool
    order: tuple[Ref, ...] = ()
    # Why an entry lost from the source text is restored, with its translations.
    reconstructed: Label | None = None
    citations: Citations = ()


@node
class TieBreak(Node):
    """`tie_break appointment_date then kazakh_alphabet`."""

    criteria: tuple[Ref, ...]
    citations: Citations = ()


@node
class SpouseShares(Node):
    """`spouse_shares_precedence`: a spouse takes the precedence of the spouse."""

    citations: Citations = ()


@node
class Override(Node):
    """`override_by agenda`: who may set seniority in particular cases."""

    authority: Ref
    citations: Citations = ()


@node
class Precedence(Node):
    """A precedence table with its tie-breaks."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[Union[Rank, TieBreak, SpouseShares, Override], ...]


# ---- calendar rules --------------------------------------------------------------


@node
class FixedDay(Node):
    """`on 16 december`."""

    day: int
    month: str


@node
class YearOffset(Node):
    """`next_year after election`."""

    offset: str
    after: Ref | None = None


@node
class NthWeekday(Node):
    """`on second wednesday of january next_year after election`."""

    ordinal: str
    weekday: str
    month: str
    year: YearOffset | None = None


@node
class CalendarRule(Node):
    """A date fixed by the rules."""

    name: Name
    label: Label | None
    rule: Union[FixedDay, NthWeekday]
    citations: Citations = ()


# ---- the Mission Regulation ------------------------------------------------------


@node
class HeadedBy(Node):
    """`headed_by ambassador`."""

    role: Ref
    citations: Citations = ()


@node
class Office(Node):
    """A kind of representative office: embassy, mission, permanent mission."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[Union[HeadedBy, Acting, Appointment], ...]


@node
class Provision(Node):
    """A function, right, duty or task: `function protect_interests "..." of embassy`."""

    kind: str
    name: Name
    label: Label | None
    holder: Ref | None = None
    citations: Citations = ()


@node
class Symbol(Node):
    """`symbol flag "State Flag" on building, residence languages kazakh, host`."""

    name: Name
    label: Label | None
    on: tuple[Ref, ...]
    languages: tuple[Ref, ...] | None = None
    citations: Citations = ()


@node
class Informative(Node):
    """`informative § 3 "reason"`: an article with no effect on a scenario."""

    citation: Citation
    reason: str


@node
class Continued(Node):
    """`state_protocol@2013.akim_of_capital`: a declaration of an earlier edition."""

    edition: EditionRef
    ref: Ref

    @property
    def text(self) -> str:
        """Return the qualified name as written."""
        return f"{self.edition.text}.{self.ref.text}"


@node
class Lineage(Node):
    """`lineage akim continues state_protocol@2013.akim_of_capital`, or `continues nothing "reason"`.

    A declaration of this edition continues the earlier declarations it lists
    (one: a rename; several: a merge; two lineages naming one: a split), or,
    with `nothing`, has no counterpart in any earlier edition, for the reason given.
    """

    later: Ref
    earlier: tuple[Continued, ...]
    reason: str | None = None
    citations: Citations = ()


# ---- scenarios -----------------------------------------------------------------------


@node
class PinEdition(Node):
    """`edition state_protocol@2013` inside a scenario."""

    edition: EditionRef


@node
class Spouse(Node):
    """`spouse "John Doe" male`."""

    name: str
    sex: str | None = None


@node
class Government(Node):
    """`government parliamentary`: the guest state's form of government."""

    form: str


@node
class Term(Node):
    """`term 2`: which presidential term."""

    number: int


@node
class Guest(Node):
    """`guest "Jane Doe" head_of_state of "Testland" { ... }`."""

    person: str
    kind: Ref
    country: str | None
    items: tuple[Union[Spouse, Government, Term], ...] | None = None


@node
class Moment(Node):
    """A date, a clock time and an optional time zone."""

    date: str
    time: str
    timezone: str | None = None


@node
class Arrive(Node):
    """`arrive 2027-05-12 09:30 Asia/Almaty at astana_airport`."""

    moment: Moment
    place: Ref | None = None


@node
class Depart(Node):
    """`depart 2027-05-14 15:00`."""

    moment: Moment
    place: Ref | None = None


VisitItem = Union[Guest, Arrive, Depart, Venue, VisitLevel]


@node
class Visit(Node):
    """`visit state_visit { ... }`: the format and its guest, arrival and departure."""

    format: Ref
    items: tuple[VisitItem, ...]


@node
class Occasion(Node):
    """`occasion national_day_reception { ... }`: an event that is not a visit."""

    kind: Ref
    items: tuple[VisitItem, ...]


@node
class Assume(Node):
    """`assume weather_permitting unknown`; `assume parties_agree yes for wreath_laying` settles one item only."""

    condition: Ref
    truth: str
    items: tuple[Ref, ...] = ()


@node
class TextValue(Node):
    """A quoted value of an agreed item."""

    text: str


@node
class RefValue(Node):
    """A named value of an agreed item."""

    ref: Ref


@node
class Agreed(Node):
    """`agreed press_conference = joint`: an item settled with the guest's side."""

    item: Ref
    value: Union[TextValue, RefValue, Amount]
    citations: Citations = ()


@node
class PersonSex(Node):
    """`male` or `female` after a person's name."""

    sex: str


@node
class PersonAppointed(Node):
    """`appointed 2019-06-12`: date of appointment, for tie-breaks."""

    date: str


@node
class PersonArrived(Node):
    """`arrived 2027-01-10 14:20`: when the person arrived in the country, for orders by arrival."""

    date: str
    time: str


@node
class PersonAgrement(Node):
    """`agrement 2026-11-02`: the date of the agrément, for the order of ambassadors."""

    date: str


@node
class PersonLevel(Node):
    """`level government_member`."""

    level: Ref


@node
class Person(Node):
    """`president "K. Tokayev" male appointed 2019-06-12`."""

    role: Ref
    name: str
    attributes: tuple[Union[PersonSex, PersonAppointed, PersonLevel, PersonArrived, PersonAgrement], ...] = ()


@node
class People(Node):
    """`people { ... }`: persons assigned to roles."""

    persons: tuple[Person, ...]


@node
class ReplaceLead(Node):
    """`lead deputy_minister instead_of minister`: another role leads the step."""

    new: Ref
    old: Ref


@node
class ReplaceActor(Node):
    """`actor deputy_minister instead_of minister`: another role takes an actor's place."""

    new: Ref
    old: Ref


@node
class AddActor(Node):
    """`add prime_minister`: one more actor takes part."""

    role: Ref


@node
class RemoveActor(Node):
    """`remove chairman_of_senate`: an actor does not take part."""

    role: Ref


@node
class ChangeDuration(Node):
    """`duration 10 min`: the step or ceremony lasts otherwise."""

    amount: Union[Amount, Range]


@node
class ChangeLimit(Node):
    """`limit <= 2 per_side`: the limit on a quantity is set otherwise."""

    comparison: str
    amount: Amount


@node
class ChangeWindow(Node):
    """`window >= 3 days`: the time an event must keep from its anchor is set otherwise."""

    comparison: str
    amount: Amount


@node
class ChangeOrder(Node):
    """`order signing before talks`: two steps of the ceremony change places."""

    first: Ref
    relation: str
    second: Ref


@node
class DropItem(Node):
    """`drop`: the step or the ceremony does not take place."""


DeviationEdit = Union[ReplaceLead, ReplaceActor, AddActor, RemoveActor, ChangeDuration, ChangeLimit, ChangeWindow,
                      ChangeOrder, DropItem]


@node
class Deviation(Node):
    """A departure from a rule: what it changes (applied to the event), its summary, reason and authority."""

    target: Ref
    edits: tuple[DeviationEdit, ...]
    change: Label
    reason: str
    authority: Ref
    citations: Citations = ()
    # `deviation airport_welcome.ramp_meeting on day 1: ...`: only that day's calls
    # (the arrival late in the evening, not the farewell); None for every call.
    day: int | None = None


@node
class Omit(Node):
    """`omit business_forum because "..."`: an item of the standard program the parties agreed to leave out."""

    item: Ref
    reason: str
    citations: Citations = ()


@node
class Include(Node):
    """`include press_statements.questions, guest_flag`: items the event holds besides its ceremonies."""

    items: tuple[Ref, ...]
    citations: Citations = ()


@node
class PriorVisit(Node):
    """`prior_visit 2027-02-01 state_visit of "Otherland"`: for per-year limits."""

    date: str
    format: Ref
    country: str | None = None


@node
class Event(Node):
    """`event working_group_arrival 2027-05-05 10:00`: a dated fact that windows refer to."""

    name: Name
    moment: Moment


@node
class Count(Node):
    """`count delegation_at_host_expense = 11`."""

    quantity: Ref
    number: int


@node
class PrecedenceOverride(Node):
    """`precede a before b because "..."`: seniority set by the agenda."""

    first: Ref
    second: Ref
    reason: str


@node
class CallDetail(Node):
    """`interstate "Joint Declaration"` inside a call's block."""

    name: Name
    label: Label


@node
class Call(Node):
    """One ceremony in a program: `negotiations_narrow 45 min at akorda when ...`."""

    ref: Ref
    amount: Amount | None = None
    place: Ref | None = None
    guard: Guard | None = None
    details: tuple[CallDetail, ...] | None = None


@node
class Entry(Node):
    """`11:00 akorda_welcome then negotiations_narrow 45 min`."""

    time: str | None
    calls: tuple[Call, ...]


@node
class TrackProgram(Node):
    """`track spouse "Spouse's programme" { ... }`: a parallel track of a day."""

    name: Name
    label: Label | None
    entries: tuple[Entry, ...]


@node
class Day(Node):
    """`day 1 2027-05-12 { ... }`."""

    number: int
    date: str | None
    items: tuple[Union[Entry, TrackProgram], ...]


@node
class Program(Node):
    """The program of a scenario, day by day."""

    days: tuple[Day, ...]


ScenarioItem = Union[
    PinEdition, Visit, Occasion, Assume, Agreed, People, Deviation, Program, PriorVisit, Event, Count, PrecedenceOverride,
    Omit, Include,
]


@node
class Scenario(Node):
    """A scenario: one event to prepare, check and print."""

    name: Name
    label: Label | None
    items: tuple[ScenarioItem, ...]


@node
class Module(Node):
    """A whole file: an optional header and its declarations."""

    header: ModuleHeader | None
    items: tuple[Node, ...]
