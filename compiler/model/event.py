"""What the event is: the visit, its principal, the people, the program's calls with their steps as they
will happen, and the deviations that changed them.

`lower()` (compiler/model/lower.py) builds one `Event` from a bound scenario.
Check, schedule, plan and every output read it, never the syntax tree.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import field

from ..records import Record, record
from ..source import Span
from .law import Ceremony, Format, Step, StepOrder
from .values import NO, Citation, Condition, Label


@record
class Moment(Record):
    """A date, a clock time and a time zone (None: the event's zone)."""

    date: str
    time: str
    zone: str | None
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Spouse(Record):
    """The principal's spouse: `with_spouse "John Doe" male`."""

    name: str
    sex: str | None


@record
class Principal(Record):
    """The guest the event is for: name, kind, country, spouse, form of government, term."""

    person: str
    kind: str
    country: str | None
    spouse: Spouse | None
    government: str | None
    term: int | None
    span: Span | None = field(default=None, eq=False, repr=False)
    kind_span: Span | None = field(default=None, eq=False, repr=False)


@record
class Visit(Record):
    """A visit in a format (`visit state_visit`) or an occasion that is not a visit (`occasion reception`)."""

    kind: str  # "visit" or "occasion"
    name: str  # the format, or the occasion's ceremony
    principal: Principal | None
    arrival: Moment | None
    departure: Moment | None
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Person(Record):
    """A person filling a role: `president "K. Tokayev" male appointed 2019-06-12`."""

    role: str
    name: str
    sex: str | None
    appointed: str | None
    arrived: str | None  # "DATE HH:MM"
    agrement: str | None
    levels: tuple[str, ...]
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Detail(Record):
    """`interstate "Joint Declaration"` on a call: an item of the call (a document, a person)."""

    kind: str
    label: Label
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Edit(Record):
    """One edit of a deviation: `kind` is one of law.EDIT_KINDS; the fields it uses are set."""

    kind: str
    new: str | None = None  # the role that comes in (`lead X instead_of Y`, `add X`)
    old: str | None = None  # the role that goes (`... instead_of Y`, `remove Y`)
    minutes: tuple[int, int] | None = None  # `duration`
    comparison: str | None = None  # `limit`, `window`
    amount: Decimal | None = None
    amount_text: str | None = None
    unit: str | None = None
    first: str | None = None  # `order A before B`
    second: str | None = None
    words: str = ""  # the edit as written
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Deviation(Record):
    """A departure from a rule: its target, edits, summary, reason, authority, and whether it is accepted."""

    id: str
    target: str
    target_kind: str | None  # "ceremony", "step", "quantity", "event" or None when unknown
    edits: tuple[Edit, ...]
    summary: Label
    reason: str
    authority: str
    day: int | None
    citation: Citation
    accepted: bool
    span: Span | None = field(default=None, eq=False, repr=False)
    target_span: Span | None = field(default=None, eq=False, repr=False)
    authority_span: Span | None = field(default=None, eq=False, repr=False)
    # `omit X because "..."`: an item of the standard program left out by agreement, not a change to a call.
    omission: bool = False
    # Whether the scenario cited the article itself (else `citation` is the permitting rule's).
    cited: bool = True

    @property
    def ceremony(self) -> str:
        """Return the ceremony (or quantity) the target names before any dot."""
        return self.target.split(".")[0]

    @property
    def step(self) -> str | None:
        """Return the step the target names after the dot, or None."""
        _, _, step = self.target.partition(".")
        return step or None


@record
class Call(Record):
    """One ceremony called in the program: where in the program, when, with its steps as they will happen.

    `steps` are the ceremony's steps for this call with every accepted deviation
    applied (a replaced lead, an added actor, a dropped step left out);
    `deviations` the ids of the deviations that changed the call or its steps.
    """

    index: int
    day: int
    date: str | None
    track: str | None
    track_label: Label | None
    entry_index: int
    call_index: int
    time: str | None  # the clock time of the entry, on its first call only
    name: str
    ceremony: Ceremony | None
    minutes: int | None  # `45 min` on the call
    place: str | None
    condition: Condition | None
    details: tuple[Detail, ...]
    steps: tuple[Step, ...]
    # The order among the steps: the ceremony's, or as a deviation changed it.
    orders: tuple[StepOrder, ...] = ()
    deviations: tuple[str, ...] = ()
    dropped: bool = False
    span: Span | None = field(default=None, eq=False, repr=False)
    entry_span: Span | None = field(default=None, eq=False, repr=False)
    minutes_span: Span | None = field(default=None, eq=False, repr=False)

    @property
    def key(self) -> str:
        """Return the call's key in the schedule: `c3`."""
        return f"c{self.index}"

    @property
    def order(self) -> tuple[int, int, int]:
        """Return a key that sorts calls in program order within a track."""
        return (self.day, self.entry_index, self.call_index)

    @property
    def fixed(self) -> bool:
        """Tell whether the program fixes the call's time by a clock time."""
        return self.time is not None and self.call_index == 0

    def item(self, step: Step | None = None) -> str:
        """Return what a condition of this call or of one of its steps governs: `airport_welcome.flowers`."""
        return f"{self.name}.{step.name}" if step is not None else self.name

    def held_steps(self, facts) -> tuple[Step, ...]:
        """Return the steps of this call that can take place: not forbidden, and not under a condition that
        does not hold."""
        return tuple(step for step in self.steps if step.modality != "shall not"
                     and facts.value(step.condition, self.item(step)) is not NO)

    def participants(self, facts) -> tuple[str, ...]:
        """Return every role physically present at some step of this call that can take place."""
        roles: dict[str, None] = {}
        for step in self.held_steps(facts):
            roles.update(dict.fromkeys(p.role for p in step.participants(facts, self.item(step))))
        return tuple(roles)


@record
class Assumption(Record):
    """`assume weather_permitting unknown`, possibly for some items only."""

    condition: str
    truth: str
    items: tuple[str, ...]
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Agreed(Record):
    """`agreed press_conference = joint`: an item settled with the guest's side."""

    item: str
    value: str
    number: Decimal | None
    unit: str | None
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Count(Record):
    """`count delegation_at_host_expense = 11`."""

    quantity: str
    number: int
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class PriorVisit(Record):
    """`prior_visit 2027-02-01 state_visit of "Otherland"`, for the yearly limits."""

    date: str
    format: str
    country: str | None


@record
class Override(Record):
    """`precede a before b because "..."`: seniority set by the agenda."""

    first: str
    second: str
    reason: str


@record
class Inclusion(Record):
    """`include press_statements.questions`: one item the event holds, checked against the prohibitions."""

    item: str
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Event(Record):
    """The whole event of one scenario, as it will happen, with the rules it is held to."""

    name: str
    label: Label | None
    visit: Visit | None
    format: Format | None
    calls: tuple[Call, ...]
    people: dict[str, tuple[Person, ...]]
    deviations: tuple[Deviation, ...]
    assumptions: tuple[Assumption, ...]
    agreed: tuple[Agreed, ...]
    counts: tuple[Count, ...]
    prior_visits: tuple[PriorVisit, ...]
    events: dict[str, Moment]
    overrides: tuple[Override, ...]
    zone: str
    span: Span | None = field(default=None, eq=False, repr=False)
    name_span: Span | None = field(default=None, eq=False, repr=False)
    # `include ...`: items the event holds besides its ceremonies (a step of a call, a unit, a state symbol).
    inclusions: tuple[Inclusion, ...] = ()

    @property
    def principal(self) -> Principal | None:
        """Return the guest the event is for, if any."""
        return self.visit.principal if self.visit is not None else None

    def live_calls(self) -> tuple[Call, ...]:
        """Return the calls that a deviation did not drop."""
        return tuple(call for call in self.calls if not call.dropped)

    def deviation(self, ident: str) -> Deviation | None:
        """Return the deviation with id `ident` (`D2`)."""
        return next((d for d in self.deviations if d.id == ident), None)
