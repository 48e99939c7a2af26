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
          """Relative imports may only read files inside the project folder, so that
checking a file never reads arbitrary files of the machine. The project folder
is the nearest folder above the scenario that holds a `rasim.toml` file, else
the scenario's own folder; `--project DIR` names it explicitly."""),
    _code("import-not-rasim", "An import names a file that is not a `.rasim` source.",
          """Only `.rasim` files can be imported. Any other file (a credentials file, a
key, a configuration file) is refused without being read, so that a scenario
can never make a diagnostic show a line of it."""),
    _code("several-scenarios", "A second scenario in one file.",
          """A file holds at most one scenario: the plan, the build folder and the
diagnostics are per file, and a second scenario would be silently left out of
them. Put each scenario in a file of its own; declarations they share can go
in a third file that both import."""),
    _code("mixed-script", "A name mixes Latin and Cyrillic letters in one word.",
          """Many Cyrillic letters look like Latin ones (а е о р с у х і), so a name that
mixes the two scripts in one word can look exactly like another name and mean
something else: `wеather_permitting` with a Cyrillic е is not the library's
`weather_permitting`. The warning names the letters of the other script and the
declared name it resembles, if any. Names written wholly in Kazakh or wholly in
Latin letters, or whose words are each in one script (`akorda_залы`), are fine."""),
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
    _code("forbidden-present", "The event holds something the rules forbid.",
          """A `shall not` rule forbids a ceremony, a unit or a state symbol (under its
condition, if any), or a ceremony has a `modality shall not` step (2013 art. 72:
"questions are not provided" at the press statements). The error is reported
where the program calls the ceremony, where a unit takes part, or where the
scenario says the event includes the item (`include press_statements.questions`,
`include guard_of_honour`)."""),
    _code("not-permitted", "An optional ceremony is in the program, but its condition does not hold.",
          """A `may ... when CONDITION` rule permits the ceremony only when the condition
holds. The scenario assumes the condition does not hold (`assume ... no`)."""),
    _code("departs-from-default", "The program departs from what the rules prescribe as a rule.",
          """`as_a_rule` rules give the default. A scenario may depart from it, but should
record why with a `deviation`; until it does, this warning stays."""),
    _code("order-violated", "Two ceremonies or steps are in the wrong order.",
          """The rules fix the order (`shall a then b`, `as_a_rule b after a`, an
`ordering` inside a step); the program puts them the other way round. Where the
order is only the default (`as_a_rule`, `standard`) this is a warning, and a
deviation that records the order held (`deviation signing: order signing before
negotiations_expanded ...`) lifts it."""),
    _code("standard-item-left-out", "The program leaves out an item of the standard program of its visit.",
          """Some articles list the standard composition of a program ("when drawing up
the program of a state visit, the following are provided for: ...", 2024 art.
10 and 13; "the program usually includes", 2013 art. 13). The parties settle
each item visit by visit, so an item left out is not an error: it is a warning
citing the article and a line on the agreement checklist. When the parties
agreed to leave it out, record it with its reason, which silences the warning
and lists the omission with the deviations of the plan:

    omit business_forum because "The guest's side asked for no business forum"
"""),
    _code("inclusion-not-in-program", "An included step belongs to a ceremony the program does not hold.",
          """`include ceremony.step` says the event holds that step of a called ceremony
(questions at the press statements, champagne at a signing), so that the step
is checked against the rules that forbid it. The program must call the
ceremony."""),
    _code("omitted-item-held", "An item the scenario records as omitted is in the program.",
          """`omit X because "..."` says the parties agreed to leave X out of the program;
the program still calls it. Remove the call or the omission."""),
    _code("deviation-miscited", "A deviation cites an article that does not allow it.",
          """A deviation is checked like a rule: the article it cites must be one that
permits the change (the `deviable_by`, `as_a_rule` or `standard` rule that lets
it through). A deviation that cites nothing takes the permitting rule's article,
which the plan shows; one that cites another article is this error, with the
article that does allow it in the hint."""),
    _code("deviation-not-allowed", "A deviation departs from a rule that allows none, or names no rule.",
          """A scenario may depart from a rule only where the rule says who may allow it
(`deviable_by`) or where it is only the default (`as_a_rule`, and `standard`
for `omit`). A deviation refused because no rule allows it cites the rule it
would break."""),
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
    # ---- correspondences between editions (compiler/resolve/lineage.py, translate.py) ----
    _code("unknown-continued", "A lineage names an earlier declaration that the earlier edition does not have.",
          """`lineage akim continues state_protocol@2013.akim_of_capital` says that the
2024 role `akim` continues the 2013 role `akim_of_capital`; the earlier name
must be declared in that edition, as the same kind of declaration. The hint
suggests a close name of that kind.

    lineage akim continues state_protocol@2013.akim_of_capitol    # error: unknown-continued
"""),
    _code("lineage-wrong-kind", "A lineage makes a declaration continue one of another kind.",
          """A role continues roles, a ceremony ceremonies, a format formats: the model of
an event is compared kind by kind, and a scenario's name must stay the same kind
of name when it is read under the other edition.

    lineage akim continues state_protocol@2013.akorda    # error: lineage-wrong-kind (a place)
"""),
    _code("lineage-not-earlier", "A lineage names an edition that is not an earlier one of the same body.",
          """A declaration continues declarations of an earlier edition of its own body of
rules: a 2024 State Protocol role continues a 2013 one, not a Mission Regulation
office or a declaration of its own edition."""),
    _code("duplicate-lineage", "A declaration has two lineages.",
          """Each declaration of an edition has at most one `lineage`; a merge lists every
earlier declaration in it: `lineage akim continues state_protocol@2013.akim_of_capital,
state_protocol@2013.akim_of_region`. A split is two declarations whose lineages
name the same earlier one."""),
    _code("lineage-without-reason", "`continues nothing` with an empty reason.",
          """A declaration with no counterpart in the earlier edition says why, so that a
reviewer can check it against the texts: `lineage chief_guest continues nothing
"the 2024 text first names a chief guest of a reception (§ 40)"`."""),
    _code("lineage-hides-namesake", "`continues nothing` on a declaration whose name the earlier edition declares.",
          """A declaration that keeps its name and kind continues its namesake of the
previous edition without a lineage; saying that it continues nothing contradicts
that. Remove the lineage, or name what it continues when the meaning moved."""),
    _code("lineage-outside-edition", "A lineage in a file that belongs to no edition.",
          """A lineage says what a declaration of an edition continues, so it stands in a
file of that edition, after `rules of BODY@YEAR`; in a scenario file it would
say nothing about any edition."""),
    _code("name-translated", "A name of the edition a scenario was written for is read as its counterpart.",
          """`rasim check --edition state_protocol@2024 SCENARIO` on a scenario written for
2013 (pinned, or dated while 2013 was in force) reads each 2013 name through the
lineages of 2024: `akim_of_capital` becomes `akim`. One note per name, at its
first use, with the declaration it is read as; bare citations of the scenario
keep meaning articles of the edition it was written for."""),
    _code("no-counterpart", "A name of the edition a scenario was written for has no counterpart in the edition checked.",
          """The declaration the scenario names exists in the edition it was written for,
but no declaration of the edition it is checked under continues it (or its
lineage says `continues nothing`). It is reported once, at its first use; its
other uses are not reported as unknown names. Replace it to check the scenario
under that edition."""),
    _code("ambiguous-counterpart", "A name corresponds to several declarations of the edition checked.",
          """Reading a 2013 name under 2024 where 2024 split it (two declarations continue
it), or a 2024 name under 2013 where it merges several, gives more than one
counterpart; the compiler does not choose. Name the one meant."""),
)
