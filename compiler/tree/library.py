"""Nodes of the standard library's declarations: editions, roles, formats, ceremonies, precedence."""

from __future__ import annotations

from typing import Union

from .base import Amount, Citations, EditionRef, Guard, Label, Name, Node, Range, Ref, node


@node
class ModuleHeader(Node):
    """`rules of state_protocol@2013`: every declaration of the file belongs to that edition."""

    edition: EditionRef


@node
class ImportStmt(Node):
    """`import state_protocol.common as common` or `import "local.rasim"`."""

    module: tuple[str, ...] | None
    file: str | None
    alias: str | None = None


# ---- editions ---------------------------------------------------------------


@node
class EditionTitle(Node):
    """`title "State Protocol of the Republic of Kazakhstan"`."""

    label: Label


@node
class Decree(Node):
    """`decree "No. 553" dated 2013-04-18` or `amended "No. 927" dated 2022-06-14`."""

    kind: str
    number: str
    date: str


@node
class InForce(Node):
    """`in_force 2013-04-18 .. 2024-02-12`; an open end is written `in_force 2024-02-13 ..`."""

    start: str
    end: str | None


@node
class Language(Node):
    """`language kk`: the language of the edition's original text."""

    language: str


EditionItem = Union[EditionTitle, Decree, InForce, Language]


@node
class Edition(Node):
    """A named, dated body of rules."""

    edition: EditionRef
    label: Label | None
    items: tuple[EditionItem, ...]


# ---- roles, units, places, levels, guest kinds, conditions, quantities -----


@node
class Side(Node):
    """`side host`: which side of an event the role belongs to."""

    side: str


@node
class LevelRequirement(Node):
    """`level government_member` inside `requires`."""

    level: Ref


@node
class SexRequirement(Node):
    """`sex female` or `sex same_as guest.spouse` inside `requires`."""

    sex: str | None
    same_as: Ref | None


@node
class Requirement(Node):
    """`requires ...`: what a person must be to fill the role."""

    requirement: Union[LevelRequirement, SexRequirement]
    citations: Citations = ()


@node
class Appointment(Node):
    """`appointed_by president, minister_of_foreign_affairs`."""

    appointers: tuple[Ref, ...]
    citations: Citations = ()


@node
class Acting(Node):
    """`acts_for ambassador when head_absent`: who acts for whom, and when."""

    role: Ref
    guard: Guard
    citations: Citations = ()


@node
class MemberOf(Node):
    """`member_of government`."""

    unit: Ref
    citations: Citations = ()


RoleItem = Union[Side, Requirement, Appointment, Acting, MemberOf]


@node
class Role(Node):
    """An office or function that a person fills: president, assigned official."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[RoleItem, ...] | None


@node
class Unit(Node):
    """A body of people acting together (guard of honour, orchestra), with its own roles."""

    name: Name
    label: Label | None
    citations: Citations
    members: tuple[Union[Role, "Unit"], ...] | None


@node
class Place(Node):
    """A venue, possibly with named parts and travel times: `place akorda { place hall_of_ceremonies;
    travel ukimet_uyi 15 min }`."""

    name: Name
    label: Label | None
    citations: Citations
    places: tuple[Union["Place", "Travel"], ...] | None


@node
class Travel(Node):
    """`travel akorda 15 min` inside a place: the time to get from that place to this one, either way."""

    place: Ref
    amount: Amount
    citations: Citations = ()


@node
class Level(Node):
    """A level of official or of visit: `level government_member`, `level top`."""

    name: Name
    label: Label | None
    citations: Citations


@node
class VisitLevel(Node):
    """`level top` inside a guest kind, a format or a visit."""

    level: Ref
    citations: Citations = ()


@node
class ReceivedAs(Node):
    """`received_as head_of_state when parliamentary_government`."""

    kind: Ref
    guard: Guard
    citations: Citations = ()


@node
class GuestKind(Node):
    """A kind of guest: head of state, head of government, foreign minister..."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[Union[VisitLevel, ReceivedAs], ...] | None


@node
class Condition(Node):
    """A named condition; `settled_by agreement` puts open ones on the agreement checklist.

    `settled_by program meetings_with_officials` makes it a fact of the
    scenario's own program: it holds when one of those ceremonies is held.
    """

    name: Name
    label: Label | None
    settled_by: str | None
    citations: Citations
    program: tuple[Ref, ...] = ()


@node
class Quantity(Node):
    """A named quantity that limits can bound: `quantity stay "Length of stay" : duration`."""

    name: Name
    label: Label | None
    type: str
    citations: Citations


# ---- formats and their rules -------------------------------------------------


@node
class FormatGuest(Node):
    """`for head_of_government unless parliamentary_government`: the guest kinds a format is for, and when."""

    kinds: tuple[Ref, ...]
    guard: Guard | None = None
    citations: Citations = ()


@node
class OnBehalfOf(Node):
    """`on_behalf_of government`: the host in whose name the guest is received."""

    host: Ref
    citations: Citations = ()


@node
class Deviable(Node):
    """`deviable_by presidential_administration when weekend_arrival`: who may authorise a departure, and when."""

    authorities: tuple[Ref, ...]
    guard: Guard | None = None
    # `changing lead, actors`: the kinds of edit the permission allows; empty for any that fits the target.
    edits: tuple[str, ...] = ()


@node
class Limit(Node):
    """`limit delegation_at_host_expense <= 12`, holding always or only under its own condition."""

    quantity: Ref
    comparison: str
    amount: Amount
    guard: Guard | None = None
    deviable: Deviable | None = None
    citations: Citations = ()


@node
class Window(Node):
    """`window working_group_arrival >= 5 days before arrival excluding anchor`."""

    event: Ref
    comparison: str
    amount: Amount
    relation: str
    anchor: Ref
    anchor_counting: str | None = None
    guard: Guard | None = None
    deviable: Deviable | None = None
    citations: Citations = ()


@node
class Target(Node):
    """One target of a rule: an ordered chain (`negotiations_narrow then negotiations_expanded`), or,
    with `one_of`, alternatives of which one suffices (`press_conference or press_statement`)."""

    refs: tuple[Ref, ...]
    one_of: bool = False


@node
class RelativeTo(Node):
    """`after negotiations_expanded` on a rule."""

    relation: str
    ref: Ref


@node
class Rule(Node):
    """A modal rule: `shall`, `shall not`, `may` or `as_a_rule`, with order, condition and deviation."""

    modality: str
    targets: tuple[Target, ...]
    relative_to: RelativeTo | None = None
    guard: Guard | None = None
    deviable: Deviable | None = None
    citations: Citations = ()


FormatItem = Union[FormatGuest, OnBehalfOf, VisitLevel, Limit, Window, Rule]


@node
class Format(Node):
    """A visit format and the rules it carries."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[FormatItem, ...]


# ---- ceremonies ----------------------------------------------------------------


@node
class Venue(Node):
    """`at akorda.hall_of_ceremonies`."""

    place: Ref
    citations: Citations = ()


@node
class Responsible(Node):
    """`responsible presidential_protocol_service`."""

    unit: Ref
    citations: Citations = ()


@node
class Duration(Node):
    """`duration 20..30 min`, `duration 45 min`, or `duration 15 min customary` (the library's usual length,
    which no article gives)."""

    amount: Union[Amount, Range]
    citations: Citations = ()
    customary: bool = False


@node
class Sequence(Node):
    """`sequence greeting, report, anthems`: steps one after another."""

    steps: tuple[Ref, ...]
    citations: Citations = ()


@node
class Track(Node):
    """`track spouses "Spouses' programme": museum, lunch` inside `parallel`."""

    name: Name
    label: Label | None
    steps: tuple[Ref, ...]


@node
class Parallel(Node):
    """Tracks that run at the same time, each in its own order."""

    citations: Citations
    tracks: tuple[Track, ...]


@node
class Order(Node):
    """`order photo after review`."""

    first: Ref
    relation: str
    second: Ref
    citations: Citations = ()


@node
class AnchorStep(Node):
    """`anchor invitation`: the clock time the program gives the ceremony is this step's; the steps
    before it (the flags raised before the aircraft lands) come before that time."""

    step: Ref
    citations: Citations = ()


@node
class Extreme(Node):
    """`first greeting` or `last farewell`."""

    position: str
    step: Ref
    citations: Citations = ()


@node
class Lead(Node):
    """`lead president`: the one role responsible for the step."""

    role: Ref
    citations: Citations = ()


@node
class Actor(Node):
    """One participant of a step, possibly conditional: `spouse when spouse_present`.

    `flower_girl or flower_young_man` is one place filled by either or both
    ("a girl and (or) a young man"): `ref` is the first, `alternatives` the rest.
    """

    ref: Ref
    guard: Guard | None = None
    alternatives: tuple[Ref, ...] = ()


@node
class Actors(Node):
    """`actors president, guest, spouse when spouse_present`."""

    actors: tuple[Actor, ...]
    citations: Citations = ()


@node
class Action(Node):
    """`action "meets the guest at the steps" kk "..."`."""

    label: Label
    citations: Citations = ()


@node
class StepGuard(Node):
    """`when spouse_present` on a step: the step takes place only then."""

    guard: Guard
    citations: Citations = ()


@node
class StepModality(Node):
    """`modality may`: whether the step is obligatory, optional or the default."""

    modality: str
    citations: Citations = ()


@node
class OrderingChain(Node):
    """`guest_country then host_country` in an ordering rule."""

    refs: tuple[Ref, ...]


@node
class OrderingExtreme(Node):
    """`president first` in an ordering rule; `middle` for the centre of a line-up."""

    ref: Ref
    position: str


@node
class Ordering(Node):
    """An ordering rule inside a step: `ordering anthems: guest_country then host_country`."""

    name: Name
    spec: Union[OrderingChain, OrderingExtreme]
    guard: Guard | None = None
    citations: Citations = ()


@node
class Cue(Node):
    """`cue "after the guest's anthem ends"`: what triggers the step."""

    label: Label
    citations: Citations = ()


@node
class Note(Node):
    """`note "press pool only"`."""

    label: Label
    citations: Citations = ()


StepItem = Union[Lead, Actors, Action, Venue, Duration, Responsible, StepGuard, StepModality, Ordering, Cue, Note]


@node
class Step(Node):
    """One step of a ceremony."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[StepItem, ...] | None


CeremonyItem = Union[Venue, Responsible, Duration, Step, Sequence, Parallel, Order, Extreme, AnchorStep, Rule]


@node
class Ceremony(Node):
    """A ceremony: an ordered set of steps with place, duration and responsible service."""

    name: Name
    label: Label | None
    citations: Citations
    items: tuple[CeremonyItem, ...]
