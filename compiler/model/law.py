"""What the rules mean: formats and their rules, ceremonies and their steps, roles, conditions.

These are lowered from the library's declarations (compiler/model/lower_law.py)
once per declaration and shared by every scenario that uses them. Each carries
its edition and citation, so that every finding and every output line that
comes from a rule can show where the rule is written.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import field

from ..records import Record, record
from ..source import Span
from .values import NO, Citation, Condition, Label, Minutes, Truth

# The kinds of edit a deviation may make (`deviable_by ... changing lead, actors`).
EDIT_KINDS = ("lead", "actors", "duration", "limit", "window", "order", "drop")


@record
class Declared(Record):
    """Any declaration of the library or a scenario: its name, kind, label, edition and citation."""

    name: str
    kind: str
    label: Label | None
    edition: str | None
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)
    name_span: Span | None = field(default=None, eq=False, repr=False)  # where the name is written

    def label_or_name(self) -> Label:
        """Return the label, or the bare name as an English label."""
        return self.label if self.label is not None else Label(self.name)


@record
class Permission(Record):
    """`deviable_by presidential_administration when ... changing lead, actors`: who may allow a change, when,
    and which kinds of edit; `edits` empty allows any edit that fits the target."""

    authorities: tuple[str, ...]
    condition: Condition | None
    edits: tuple[str, ...]
    rule_span: Span | None = field(default=None, eq=False, repr=False)
    citation: Citation = Citation()
    # Where the permission comes from: "rule", "as_a_rule", "standard", "limit" or "window".
    source: str = "rule"


@record
class Target(Record):
    """The targets of a rule: a chain in order (`a then b`), or alternatives of which one suffices."""

    names: tuple[str, ...]
    one_of: bool = False
    spans: tuple[Span, ...] = field(default=(), eq=False, repr=False)


@record
class Rule(Record):
    """A modal rule: `shall`, `shall not`, `may`, `as_a_rule`, `standard` (an item of the standard program,
    left out by agreement), with its order, condition and permission."""

    modality: str
    targets: tuple[Target, ...]
    relation: str | None  # `after` or `before` another item
    relative_to: str | None
    condition: Condition | None
    permission: Permission | None
    edition: str | None
    citation: Citation
    scope: str = ""  # the ceremony a rule inside a ceremony belongs to
    span: Span | None = field(default=None, eq=False, repr=False)

    def applies(self, facts, item: str | None = None) -> Truth:
        """Return whether the rule holds for `item` under the scenario's facts."""
        return facts.value(self.condition, item)


@record
class Limit(Record):
    """`limit delegation_at_host_expense <= 12 people`, always or under its own condition."""

    quantity: str
    comparison: str
    amount: Decimal | None
    amount_text: str
    unit: str | None
    condition: Condition | None
    permission: Permission | None
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Window(Record):
    """`window working_group_arrival >= 5 days before arrival`: how far an event lies from its anchor."""

    event: str
    comparison: str
    amount: Decimal | None
    amount_text: str
    unit: str | None
    relation: str
    anchor: str
    anchor_counting: str | None
    condition: Condition | None
    permission: Permission | None
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class FormatGuest(Record):
    """`for head_of_government unless parliamentary_government`: the guest kinds a format is for, and when."""

    kinds: tuple[str, ...]
    condition: Condition | None
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Format(Record):
    """A visit format: whom it is for, the rules, limits and windows it carries."""

    declared: Declared
    guests: tuple[FormatGuest, ...]
    rules: tuple[Rule, ...]
    limits: tuple[Limit, ...]
    windows: tuple[Window, ...]
    on_behalf_of: str | None

    @property
    def name(self) -> str:
        """Return the format's name."""
        return self.declared.name

    @property
    def edition(self) -> str | None:
        """Return the format's edition."""
        return self.declared.edition

    def named_items(self) -> frozenset[str]:
        """Return every item the format's rules name (its targets and the items they are ordered against)."""
        names = {name for rule in self.rules for target in rule.targets for name in target.names}
        names |= {rule.relative_to for rule in self.rules if rule.relative_to}
        return frozenset(names)


@record
class Actor(Record):
    """One participant of a step: a role (or one of alternatives: "a girl and (or) a young man"), maybe
    under a condition."""

    role: str
    alternatives: tuple[str, ...] = ()
    condition: Condition | None = None
    # The deviation that put this actor here (`add`, `instead_of`), when one did.
    deviation: str | None = None


@record
class Ordering(Record):
    """An ordering rule inside a step: `ordering anthems: guest_country then host_country`."""

    name: str
    names: tuple[str, ...]
    position: str | None  # `first`, `last` or `middle` for `X first`; None for a chain
    condition: Condition | None
    citation: Citation


@record
class Participant(Record):
    """A role physically present at a step, and the role it is an alternative of (if it is one)."""

    role: str
    alternative_of: str | None = None


@record
class Step(Record):
    """One step of a ceremony: who leads it and takes part, where, how long, under what condition."""

    name: str
    label: Label | None
    lead: str | None
    actors: tuple[Actor, ...]
    action: Label | None
    place: str | None
    duration: Minutes | None
    responsible: str | None
    condition: Condition | None
    modality: str | None
    orderings: tuple[Ordering, ...]
    cue: Label | None
    notes: tuple[Label, ...]
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)
    # The deviations applied to this step of this call (their ids), and the lead a deviation replaced.
    deviations: tuple[str, ...] = ()
    replaced_lead: str | None = None

    def participants(self, facts, item: str) -> tuple[Participant, ...]:
        """Return who is physically at the step: its lead, then the actors whose condition may hold (each
        alternative too, marked as such). The one answer every stage uses."""
        out: dict[str, Participant] = {}
        if self.lead is not None:
            out[self.lead] = Participant(self.lead)
        for actor in self.actors:
            if facts.value(actor.condition, item) is NO:
                continue
            out.setdefault(actor.role, Participant(actor.role))
            for other in actor.alternatives:
                out.setdefault(other, Participant(other, actor.role))
        return tuple(out.values())

    def involved(self, facts, item: str) -> tuple[str, ...]:
        """Return every role or unit the step involves: its participants and its responsible service."""
        roles = [p.role for p in self.participants(facts, item)]
        return tuple(roles + ([self.responsible] if self.responsible else []))


@record
class StepOrder(Record):
    """One order between two steps of a ceremony (from `sequence`, `order`, `first`, `last`)."""

    first: str
    second: str
    reason: str
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class Ceremony(Record):
    """A ceremony of the library or of a scenario: its steps in declaration order, their order, place,
    duration, responsible service and the rules inside it."""

    declared: Declared
    steps: tuple[Step, ...]
    orders: tuple[StepOrder, ...]
    place: str | None
    duration: Minutes | None
    responsible: str | None
    anchor: str | None
    rules: tuple[Rule, ...]

    @property
    def name(self) -> str:
        """Return the ceremony's name."""
        return self.declared.name

    @property
    def edition(self) -> str | None:
        """Return the edition the ceremony belongs to (None for a scenario's own)."""
        return self.declared.edition

    def step(self, name: str) -> Step | None:
        """Return the step called `name`, or None."""
        return next((s for s in self.steps if s.name == name), None)

    def held_steps(self) -> tuple[Step, ...]:
        """Return the steps that can take place at all (a `shall not` step never does)."""
        return tuple(s for s in self.steps if s.modality != "shall not")


@record
class RoleRequirement(Record):
    """`requires level government_member` or `requires sex same_as guest_spouse` on a role."""

    level: str | None
    sex: str | None
    same_as: str | None
    citation: Citation


@record
class Role(Record):
    """An office or function a person fills, with what it requires of that person."""

    declared: Declared
    requirements: tuple[RoleRequirement, ...]


@record
class ReceivedAs(Record):
    """`received_as head_of_state when parliamentary_government` on a guest kind."""

    kind: str
    condition: Condition
    citation: Citation


@record
class GuestKind(Record):
    """A kind of guest (head of state, head of government...) and the kinds it may be received as."""

    declared: Declared
    received_as: tuple[ReceivedAs, ...]


@record
class ConditionDecl(Record):
    """A declared condition: how it is settled (by agreement, at the guest's request, by the program...)."""

    declared: Declared
    settled_by: str | None
    program: tuple[str, ...]


@record
class CalendarDate(Record):
    """A date fixed by the rules: `on 16 december`, or `on second wednesday of january next_year after election`."""

    declared: Declared
    day: int | None
    month: str
    ordinal: str | None
    weekday: str | None
    year_offset: str | None
    after: str | None
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class PrecedenceEntry(Record):
    """One numbered entry of a precedence table (`5 chair_of_senate`), kept with its number as printed."""

    number: str
    roles: tuple[str, ...]
    excluded: bool
    order: tuple[str, ...]  # `by date_of_appointment`: how the people of the entry are ordered
    reconstructed: Label | None  # why an entry lost from the source text is restored
    citation: Citation
    span: Span | None = field(default=None, eq=False, repr=False)


@record
class PrecedenceTable(Record):
    """A precedence table (domestic, international) with its tie-breaks."""

    declared: Declared
    entries: tuple[PrecedenceEntry, ...]
    tie_break: tuple[str, ...]
    spouse_shares: bool
