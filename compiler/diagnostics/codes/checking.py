"""Codes of the resolving, checking and scheduling stages: names, rules, limits, time."""

from . import Code


def _code(code: str, summary: str, explanation: str) -> Code:
    return Code(code, summary, explanation)


CHECKING_CODES: tuple[Code, ...] = (
    _code("duplicate-declaration", "A name is declared twice in the same scope.",
          """Each role, place, ceremony, step and other declaration has one name in its
edition (or in its scenario file). A second declaration with the same name would
make every use of it ambiguous. The related note points at the first one."""),
    _code("library-contract", "A library lacks a name the compiler relies on.",
          """The compiler knows a few names of the State Protocol by heart
(compiler/library/contract.py): the roles `guest` and `guest_spouse`, placed
first in every line-up; the precedence tables `international` and `domestic`,
by which participants are ordered; and the conditions it works out from a
scenario's facts (`spouse_present`, `weekend_arrival`, ...). Every edition of
the State Protocol must declare each of them, as that kind of declaration;
the error is reported on the edition's declaration."""),
    _code("missing-module-header", "A standard-library file does not say which edition it belongs to.",
          """Every file of the standard library starts with `rules of BODY@YEAR`, for
example `rules of state_protocol@2013`, so that its declarations and citations
belong to one edition."""),
    _code("unknown-edition", "An edition that the library does not have.",
          """Editions are named BODY@YEAR: state_protocol@2013, state_protocol@2024,
mission_regulation@2021. The hint lists the editions the library has."""),
    _code("edition-not-in-force", "The pinned edition was not in force on the scenario's date.",
          """A scenario is checked against the edition in force on its first date unless
it pins one with `edition BODY@YEAR`. Pinning an edition that was not in force
then is allowed (to compare editions, or while an edition is not encoded yet),
and this warning records that the verdict is not the one the law in force gives."""),
    _code("unknown-module", "An import names no body of rules and no readable file.",
          """`import state_protocol` brings a body of rules; `import "venues/x.rasim"`
reads a file relative to the importing one."""),
    _code("import-outside-project", "An import would read a file outside the project folder.",
          """Relative imports may only read files inside the project folder (the folder
given with --project, by default the current folder), so that checking a file
never reads arbitrary files of the machine."""),
    _code("reconstructed-entry", "The scenario depends on a precedence entry restored from a defective source text.",
          """The extracted 2024 text of the State Protocol lost entries of its precedence
lists (the President and the Prime Minister at the top of both lists, one entry
of Appendix 1). The standard library restores them, marked `reconstructed` with
the reason, and this note appears wherever a scenario orders people by such an
entry, so that the order can be checked against the official publication."""),
    _code("no-duration", "A program item takes no time, because nothing gives it a duration.",
          """A ceremony called in the program gets its duration from the call (`wreath_laying
30 min`), else from the ceremony's `duration`, else from the durations of its
steps. When none of them gives one, the timeline gives the item no time at all:
it and whatever follows it would stand at one moment on the run-sheet."""),
    _code("not-in-format", "A library ceremony in the program that the visit's format does not provide for.",
          """Each visit format lists the ceremonies its visits hold, with their modality: a
transit visit has a meeting at the airport and, by agreement, meetings with
officials, not a state banquet. A ceremony of the standard library that no rule
of the format names is probably a mistake of format or of program. Ceremonies
the scenario declares itself (the guest's own program of a private visit) are
not reported."""),
    _code("unknown-name", "A name that is not declared anywhere in scope.",
          """The name is not declared in the file, in the files it imports, or in the
editions of the library that apply. The hint suggests a close name when there is
one. Steps are looked up inside their ceremony first."""),
    _code("wrong-kind", "A name of one kind is used where another kind is expected.",
          """Roles, places, ceremonies, steps, conditions, quantities and the other
declarations are distinct kinds: a condition cannot stand where a place is
expected. The related note shows where the name is declared and as what."""),
    _code("unknown-article", "A citation names an article the edition does not have.",
          """Citations are checked against the article index of the edition, taken from
the source text: `§ 31` an article, `§ 10.8` a subparagraph, `§ A1.5` an entry of
an appendix. Cite articles by their numbers in the edition they come from: the
same number often means another rule in another edition."""),
    _code("guest-kind-not-allowed", "The guest's kind is not one the visit format is for.",
          """Each format names the guest kinds it is for (`for head_of_state`). A head of
government cannot have a state visit, unless a `received_as` rule of the guest kind
applies (a head of government of a parliamentary state is received as a head of
state)."""),
    _code("missing-required", "A ceremony the rules require is missing from the program.",
          """A `shall` rule of the format requires the ceremony (under its condition, if
any). Add it to the program, or record a deviation where the rule allows one."""),
    _code("forbidden-present", "The program holds a ceremony the rules forbid.",
          """A `shall not` rule forbids the ceremony (under its condition, if any)."""),
    _code("not-permitted", "An optional ceremony is in the program, but its condition does not hold.",
          """A `may ... when CONDITION` rule permits the ceremony only when the condition
holds. The scenario assumes the condition does not hold (`assume ... no`)."""),
    _code("departs-from-default", "The program departs from what the rules prescribe as a rule.",
          """`as_a_rule` rules give the default. A scenario may depart from it, but should
record why with a `deviation`; until it does, this warning stays."""),
    _code("order-violated", "Two ceremonies or steps are in the wrong order.",
          """The rules fix the order (`shall a then b`, `as_a_rule b after a`, an
`ordering` inside a step); the program puts them the other way round."""),
    _code("deviation-not-allowed", "A deviation departs from a rule that allows none, or names no rule.",
          """A scenario may depart from a rule only where the rule says who may allow it
(`deviable_by`) or where it is only the default (`as_a_rule`)."""),
    _code("deviation-edit-mismatch", "A deviation's edit does not fit what it targets.",
          """Each kind of edit changes one kind of thing: `lead`, `actor`, `add` and
`remove` change the people of a step, `duration` a step or a ceremony, `drop` a
step or a ceremony, `order` the steps of a ceremony, `limit` a quantity and
`window` the time of an event. The edit must also name what is there: the role
replaced or removed takes part in the step (`lead X instead_of Y` where Y leads
it), the steps reordered belong to the ceremony, and the role that comes in is a
role. An edit that does not fit cannot be applied, so the deviation is refused."""),
    _code("wrong-authority", "A deviation is authorised by someone the rule does not name.",
          """The rule names who may allow a departure (`deviable_by ...`); the deviation's
`authorized_by` must be one of them."""),
    _code("limit-exceeded", "A count, length or yearly number is over (or under) the limit of the rules.",
          """Limits bound quantities: the delegation at the host's expense, the length of
stay, the number of state visits in a calendar year, participants per side."""),
    _code("window-violated", "An event is too close to (or too far from) the event it is measured from.",
          """Windows such as `window working_group_arrival >= 5 days before arrival` are
checked against the dates of the scenario's events. Days are counted from the event
to the anchor: the event's own day is not counted, the anchor's day is (a working
group arriving on 2 June is five days before a visit on 7 June), unless the window
says `excluding anchor`. Working days leave out Kazakhstan's public holidays and
transferred days off."""),
    _code("window-unchecked", "A window of the rules cannot be checked: the scenario lacks the event.",
          """Add the event with its date (`event working_group_arrival 2027-05-04 10:00`)
so the window can be checked."""),
    _code("wrong-date", "An event is not on the date a calendar rule fixes.",
          """Calendar rules fix dates: the inauguration on the second Wednesday of January
of the year after the election (2013 edition), Independence Day on 16 December."""),
    _code("requirement-not-met", "A person does not meet what the role requires.",
          """Roles can require a level (`requires level member_of_the_government`) or a
sex (`requires sex same_as guest_spouse`: the spouse's companion is of the
respective sex). Give the person the attribute, or assign another person."""),
    _code("assumption-contradicts-facts", "An assumption contradicts what the scenario itself states.",
          """Some conditions follow from the scenario's facts: a spouse is present when the
principal comes `with_spouse`; the government is parliamentary when the principal's
`government` says so. An `assume` that says otherwise is an error."""),
    _code("no-date", "The scenario has no date, so no edition and no time can be fixed.",
          """Give the visit or occasion an `arrive` moment, or give each day a date."""),
    _code("schedule-conflict", "The timetable is impossible: the constraints in it cannot all hold.",
          """The compiler turns durations, fixed clock times, `then` chains, order rules and
the visit's arrival and departure into a network of time constraints. When they
cannot all hold, it reports one cycle of constraints that contradict each other,
each with its line and its article, and how many minutes are missing. Conflicts that
appear only under some conditions name those conditions."""),
    _code("transfer-too-short", "Two program items at different venues are closer than the travel between them.",
          """When one item of a day's track ends at one venue and the next starts at
another, the motorcade needs the travel time between them (`travel akorda 15 min`
inside `place ukimet_uyi`, in the library for the usual venues or in the
scenario for its own). The run-sheet shows the transfer between the two; when
the gap between them is shorter, the guest would arrive late. Move the later item,
shorten the earlier one, or give the pair its real travel time."""),
    _code("double-booked", "A person or unit is in two places at the same time.",
          """Two items of the program overlap in time and share a participant, at
different places."""),
    _code("wrong-duration", "A length of time that cannot be one: a count, a range that runs backwards, days.",
          """The length written after a call of the program (`negotiations_narrow 45 min`)
is a time in minutes or hours, at most 24 h: `3 people` is a count, not a
time, and `3 days` would start a welcome three days early. A range is written
shorter end first (`5..9 min`): `9..5 min` runs backwards, and no timetable
could give the item a duration within it."""),
    _code("nonexistent-local-time", "A clock time that does not exist on that day in that time zone.",
          """The clocks jump forward over this time (a daylight-saving change): it never
shows on a clock there."""),
    _code("ambiguous-local-time", "A clock time that occurs twice on that day in that time zone.",
          """The clocks go back over this time, so it happens twice (Asia/Almaty on the
night of 29 February to 1 March 2024, Europe's autumn changes). Choose another
time, or write it in a zone without the change."""),
    _code("unknown-time-zone", "A time zone the time-zone database does not know.",
          """Time zones are IANA names such as Asia/Almaty, Asia/Aqtobe or Europe/Berlin."""),
)
