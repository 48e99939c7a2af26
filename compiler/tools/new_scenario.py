"""Write the skeleton of a scenario for one visit format (`rasim new FORMAT -o FILE`).

The skeleton is read from the law model of the format (model/lower_law.py):
its required items become the program, in the order the rules give them, each
call with its article in a comment; the items it allows are listed as
commented lines to take in; the roles the program's steps need are the
people to fill; the conditions its rules and steps depend on are assumed
`unknown`, those settled by agreement item by item (the agreement points);
its limits and windows become the counts and events to fill in. The text is
printed by the formatter, so it is in the canonical layout.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

from attrs import frozen

from ..clock import add_working_days, is_day_off
from ..library.contract import GUEST, GUEST_SPOUSE
from ..library.load import EditionBody, Library
from ..model.lower_law import lowered, minutes

# A draft starts on the first working Tuesday at least this many days ahead.
LEAD_DAYS = 28
FIRST_HOUR, LAST_HOUR = 10 * 60, 18 * 60
DEFAULT_MINUTES = 30
ZONE = "Asia/Almaty"
FORMAT_KIND = "visit format"


class NewScenarioError(Exception):
    """A format or an edition that cannot be drafted, with the sentence that says why."""


@frozen
class Item:
    """One item of the format: the names it calls (a chain when `then`), how the rules hold it, and why."""

    names: tuple[str, ...]
    modality: str
    condition: str | None  # `when weather_permitting and parties_agree` as written
    alternatives: tuple[str, ...]  # the other names of a `one_of` target
    citation: str


def formats_of(edition: EditionBody) -> list[str]:
    """Return the names of the visit formats an edition declares, sorted."""
    return sorted(name for name, symbol in edition.symbols.items() if symbol.kind == FORMAT_KIND)


def choose_edition(library: Library, format_name: str, edition_ref: str | None, day: datetime.date) -> EditionBody:
    """Return the edition named, or else the one in force on `day` that declares the format."""
    if edition_ref is not None:
        edition = library.editions.get(edition_ref)
        if edition is None:
            known = ", ".join(sorted(library.editions))
            raise NewScenarioError(f"there is no edition `{edition_ref}`; the library has {known}")
        if format_name not in formats_of(edition):
            raise NewScenarioError(f"`{format_name}` is not a visit format of {edition_ref}; its formats are "
                                   + ", ".join(formats_of(edition)))
        return edition
    in_force = [e for e in library.editions.values() if e.in_force_on(day) and format_name in formats_of(e)]
    if in_force:
        return in_force[0]
    declaring = sorted(ref for ref, e in library.editions.items() if format_name in formats_of(e))
    if declaring:
        raise NewScenarioError(f"`{format_name}` is a format of {', '.join(declaring)} only, which is not in force "
                               f"on {day}: name it with --edition")
    current = sorted({f for e in library.editions.values() if e.in_force_on(day) for f in formats_of(e)})
    raise NewScenarioError(f"there is no visit format `{format_name}` in the library; the formats in force on "
                           f"{day} are " + ", ".join(current))


def arrival_day(edition: EditionBody, today: datetime.date) -> datetime.date:
    """Return the day the draft arrives: a working Tuesday some weeks ahead, within the edition's time in force."""
    start, end = edition.in_force
    day = today + datetime.timedelta(days=LEAD_DAYS)
    if end is not None and day > end - datetime.timedelta(days=14):
        day = end - datetime.timedelta(days=60)
    if start is not None and day < start:
        day = start + datetime.timedelta(days=LEAD_DAYS)
    while day.weekday() != 1 or is_day_off(day):
        day += datetime.timedelta(days=1)
    return day


def format_items(edition: EditionBody, format_name: str) -> tuple[object, list[Item]]:
    """Return the format's law model and its items that are ceremonies, in the order of its rules.

    A ceremony named by several rules is called once, where the first names it:
    under their common condition, or under none when the rules' conditions
    differ (`X unless C` and `X when C`).
    """
    law_format = lowered(edition.symbols[format_name])
    conditions: dict[str, set] = {}
    for rule in law_format.rules:
        for target in rule.targets:
            for name in target.names:
                conditions.setdefault(name, set()).add(rule.condition.words if rule.condition else None)
    items, placed = [], set()
    for rule in law_format.rules:
        for target in rule.targets:
            names = [n for n in target.names if _kind(edition, n) == "ceremony"]
            if target.one_of:
                names, alternatives = names[:1], tuple(names[1:])
            else:
                alternatives = ()
            names = [n for n in names if rule.modality not in ("shall", "standard") or n not in placed]
            if not names:
                continue
            if rule.modality in ("shall", "as_a_rule", "standard"):
                placed.update(names)
            shared = {c for n in names for c in conditions[n]}
            condition = next(iter(shared)) if len(shared) == 1 else None
            items.append(Item(tuple(names), rule.modality, condition, alternatives, rule.citation.text or ""))
    return law_format, items


def _kind(edition: EditionBody, name: str) -> str | None:
    symbol = edition.symbols.get(name)
    return symbol.kind if symbol is not None else None


def skeleton(library: Library, format_name: str, edition_ref: str | None = None,
             today: datetime.date | None = None) -> str:
    """Return the text of a draft scenario of `format_name`, formatted; raise NewScenarioError when it cannot."""
    from ..syntax.parse import parse
    from .fmt import format_module

    today = today or datetime.date.today()
    edition = choose_edition(library, format_name, edition_ref, today)
    law_format, items = format_items(edition, format_name)
    draft = _Draft(edition, law_format, items, arrival_day(edition, today))
    text = draft.text()
    parsed = parse(text, "<new>")
    if not parsed.ok:  # a bug of this module: the draft must parse
        raise NewScenarioError("the draft does not parse: " + parsed.diagnostics[0].message)
    return format_module(parsed, text)


class _Draft:
    """The parts of one draft, written as lines of Rasim."""

    def __init__(self, edition: EditionBody, law_format, items: list[Item], day: datetime.date) -> None:
        self.edition, self.format, self.items, self.day = edition, law_format, items, day
        # The standard program is drafted in full: the officer strikes out (`omit`) what the parties leave out.
        self.program = [i for i in items if i.modality in ("shall", "as_a_rule", "standard")]
        self.optional = [i for i in items if i.modality == "may"]
        self.forbidden = [i for i in items if i.modality == "shall not"]

    def text(self) -> str:
        """Return the whole draft (before formatting)."""
        declared = self.format.declared
        label = declared.label.text if declared.label else declared.name
        kazakh = declared.label.get("kk") if declared.label else None
        lines = [f"# Draft of a scenario: {label} ({declared.citation.text or self.edition.ref}).",
                 f"# Written by `rasim new {declared.name} --edition {self.edition.ref}`. Fill in the guest, the",
                 "# people, the dates and times; settle the conditions assumed `unknown`; `rasim check` says what",
                 "# is still missing.", "", f"import {self.edition.body}", ""]
        name = f"draft_{declared.name}"
        lines.append(f'scenario {name} "{label} (draft)"' + (f' kk "{kazakh}"' if kazakh else "") + " {")
        lines.append(f"  edition {self.edition.ref}")
        program, self.last_day, end = self._program()
        lines += self._visit(self.last_day, end)
        lines += self._guest_facts()
        lines += self._conditions()
        lines += self._limits_and_windows()
        lines += self._people()
        lines += program
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _visit(self, last_day: datetime.date, end: int) -> list[str]:
        declared = self.format.declared
        lines = [f"  visit {declared.name} {{  # {declared.citation.text}"]
        guests = self.format.guests
        if guests:
            guest = guests[0]
            lines.append(f'    principal "Name of the guest" {guest.kinds[0]} of "Country"  # {guest.citation.text}')
            if len(guest.kinds) > 1 or len(guests) > 1:
                others = sorted({k for g in guests for k in g.kinds} - {guest.kinds[0]})
                lines.append(f"    # or a guest who is: {', '.join(others)}")
        lines.append(f"    arrive {self.day} {_clock(FIRST_HOUR)} {ZONE} at airport")
        lines.append(f"    depart {last_day} {_clock(min(end + 30, 23 * 60 + 30))} {ZONE} at airport")
        lines.append("  }")
        return lines

    def _conditions(self) -> list[str]:
        """Assume every condition of the program's items `unknown`; agreement by agreement point."""
        settled: dict[str, list[str]] = {}
        by_agreement: dict[str, list[str]] = {}
        for item in self.program + self.optional:
            for name in item.names:
                for condition in self._conditions_of(item, name):
                    decl = lowered(self.edition.symbols[condition])
                    if decl.settled_by == "agreement":
                        by_agreement.setdefault(condition, []).append(name)
                    elif decl.settled_by != "fact" or condition not in DERIVED:
                        settled.setdefault(condition, [])
        lines = ["", "  # ---- the conditions to settle -----------------------------------------------"]
        for condition in sorted(settled):
            decl = lowered(self.edition.symbols[condition])
            lines.append(f"  assume {condition} unknown  # {_label(decl)}, settled by {decl.settled_by} "
                         f"{decl.declared.citation.text or ''}".rstrip())
        for condition, names in sorted(by_agreement.items()):
            decl = lowered(self.edition.symbols[condition])
            lines.append(f"  # The agreement points: {_label(decl)} {decl.declared.citation.text or ''}".rstrip())
            lines.append(f"  assume {condition} unknown for {', '.join(dict.fromkeys(names))}")
        return lines if len(lines) > 2 else []

    def _conditions_of(self, item: Item, name: str) -> list[str]:
        """Return the conditions a call of `name` depends on: the rule's and its steps' (not its actors')."""
        names = []
        rule_condition = next((r.condition for r in self.format.rules if r.condition is not None
                               and any(name in t.names for t in r.targets)), None)
        if rule_condition is not None:
            names += rule_condition.names
        ceremony = lowered(self.edition.symbols[name])
        for step in ceremony.steps:
            if step.condition is not None:
                names += step.condition.names
        return [n for n in dict.fromkeys(names) if _kind(self.edition, n) == "condition"]

    def _limits_and_windows(self) -> list[str]:
        lines = []
        for limit in self.format.limits:
            if limit.quantity in {line.split()[1] for line in lines if line.strip().startswith("count")}:
                continue
            if limit.unit in ("people", None) and limit.comparison in ("<=", "<", "=", ">=", ">"):
                lines.append(f"  count {limit.quantity} = 0  # {limit.comparison} {limit.amount_text} "
                             f"{limit.unit or ''} {limit.citation.text or ''}".rstrip())
        anchors = [w.anchor for w in self.format.windows if w.anchor not in ("arrival", "departure")]
        for anchor in dict.fromkeys(anchors):
            lines.append(f"  event {anchor} {self.day} {_clock(FIRST_HOUR)} {ZONE}  # the day the rules count from")
        for window in self.format.windows:
            if window.event in {line.split()[1] for line in lines if line.strip().startswith("event")}:
                continue
            day = self._window_day(window)
            lines.append(f"  event {window.event} {day} {_clock(FIRST_HOUR)} {ZONE}  # {window.comparison} "
                         f"{window.amount_text} {window.unit or ''} {window.relation} {window.anchor} "
                         f"{window.citation.text or ''}".rstrip())
        return (["", "  # ---- the numbers and the dates the rules limit ---------------------------------"] + lines
                if lines else [])

    def _window_day(self, window) -> datetime.date:
        """Return a day that keeps the window with a margin: some days before (or after) its anchor."""
        anchor = self.last_day if window.anchor == "departure" else self.day
        amount = int(window.amount or 0) + (7 if window.comparison in (">", ">=") else 0)
        if window.comparison in ("<", "<="):
            amount = max(int(window.amount or 0) - 1, 0)
        sign = -1 if window.relation == "before" else 1
        if window.unit == "working_days":
            return add_working_days(anchor, sign * (amount + 1))
        return anchor + datetime.timedelta(days=sign * amount)

    def _guest_facts(self) -> list[str]:
        """Assume the facts about the guest under which the format takes the guest's kind."""
        from ..model.values import Cond, Not

        lines = []
        for guest in self.format.guests[:1]:
            expr = guest.condition.expr if guest.condition is not None else None
            if isinstance(expr, Not) and isinstance(expr.operand, Cond):
                lines.append(f"  assume {expr.operand.name} no  # the format takes the guest only "
                             f"{guest.condition.words} {guest.citation.text}")
            elif isinstance(expr, Cond):
                lines.append(f"  assume {expr.name} yes  # the format takes the guest only "
                             f"{guest.condition.words} {guest.citation.text}")
        return lines

    def _people(self) -> list[str]:
        roles: dict[str, str] = {}
        for item in self.program:
            for name in item.names:
                ceremony = lowered(self.edition.symbols[name])
                for step in ceremony.steps:
                    for role in ([step.lead] if step.lead else []) + [a.role for a in step.actors]:
                        if role not in (GUEST, GUEST_SPOUSE) and self._filled_by_a_person(role):
                            roles.setdefault(role, step.citation.text or ceremony.declared.citation.text or "")
        lines = ["", "  # ---- who fills the roles: take in each line with the person's name and sex -------",
                 "  people {"]
        lines += [f'    # {role} "Name" {self._requirements(role)}  # {cited}'.rstrip() for role, cited in roles.items()]
        lines.append("  }")
        return lines if roles else []

    def _filled_by_a_person(self, role: str) -> bool:
        """Tell whether one named person of the host fills `role`: a role of the host side, one with a
        requirement on the person, one the precedence tables rank, or the chief of a unit (not the media,
        the public, the guest's side)."""
        from .. import tree as t

        symbol = self.edition.symbols.get(role)
        if symbol is None or symbol.kind != "role":
            return False
        sides = {i.side for i in symbol.node.items or () if isinstance(i, t.Side)}
        if sides - {"host_side"}:
            return False
        return (role.endswith(".chief") or bool(sides) or role in self._ranked()
                or bool(lowered(symbol).requirements))

    def _ranked(self) -> set[str]:
        if not hasattr(self, "_ranked_roles"):
            tables = [lowered(s) for s in self.edition.symbols.values() if s.kind == "precedence table"]
            self._ranked_roles = {r for table in tables for entry in table.entries for r in entry.roles}
        return self._ranked_roles

    def _requirements(self, role: str) -> str:
        """Return `male` or the sex the role requires, and the level it requires, as a people line writes them."""
        need = lowered(self.edition.symbols[role]).requirements
        sex = next((r.sex for r in need if r.sex is not None), "male")
        level = next((r.level for r in need if r.level is not None), None)
        return sex + (f" level {level}" if level else "")

    def _program(self) -> tuple[list[str], datetime.date, int]:
        """Return the program's lines, its last day and the end of its last item (minutes after midnight)."""
        ordered = sorted(self.program, key=lambda i: any(_is_leaving(n) for n in i.names))
        days: list[list[str]] = [[]]
        clock, venue = FIRST_HOUR, None
        for item in ordered:
            minutes = [self._minutes(n) for n in item.names]
            # The motorcade's way from the last venue is left free (`travel` in the library's places).
            clock += self._travel(venue, self._venue(item.names[0])) if days[-1] else 0
            venue = self._venue(item.names[-1])
            if clock + sum(minutes) > LAST_HOUR and days[-1]:
                days.append([])
                clock = FIRST_HOUR
            calls = " then ".join(f"{n} {m} min" + (f" {item.condition}" if item.condition else "")
                                  for n, m in zip(item.names, minutes))
            line = f"      {_clock(clock)} {calls}  # {item.citation}"
            if item.alternatives:
                line += f"; or {', '.join(item.alternatives)}"
            days[-1].append(line)
            clock += sum(minutes) + 15
        lines = ["", "  # ---- the program: the items the format requires, with their articles -------",
                 "  program {"]
        for number, entries in enumerate(days, start=1):
            day = self.day + datetime.timedelta(days=number - 1)
            lines.append(f"    day {number} {day} {{")
            lines += entries or ["      # no item is required: add the program agreed with the guest's side"]
            if number == 1:
                lines += [f"      # may: {' then '.join(i.names)}" + (f" {i.condition}" if i.condition else "")
                          + f"  # {i.citation}" for i in self.optional]
                lines += [f"      # shall not: {', '.join(i.names)}  # {i.citation}" for i in self.forbidden]
            lines.append("    }")
        lines.append("  }")
        last_day = self.day + datetime.timedelta(days=len(days) - 1)
        return lines, last_day, clock

    def _venue(self, name: str) -> str | None:
        """Return the top place a ceremony is held at (`akorda` for `akorda.hall_of_ceremonies`), or None."""
        place = lowered(self.edition.symbols[name]).place
        return place.split(".")[0] if place else None

    def _travel(self, origin: str | None, destination: str | None) -> int:
        """Return the library's travel minutes between two venues (either way), 0 when none is given."""
        from .. import tree as t
        if origin is None or destination is None or origin == destination:
            return 0
        for here, there in ((origin, destination), (destination, origin)):
            symbol = self.edition.symbols.get(here)
            for item in (symbol.node.places or ()) if symbol is not None and symbol.kind == "place" else ():
                if isinstance(item, t.Travel) and item.place.text == there:
                    length = minutes(item.amount)
                    return length.high if length is not None else 0
        return 0

    def _minutes(self, name: str) -> int:
        ceremony = lowered(self.edition.symbols[name])
        return ceremony.duration.high if ceremony.duration is not None else DEFAULT_MINUTES


# Facts the compiler works out from the visit itself (the spouse, the day and hour of arrival): not assumed.
DERIVED = frozenset({"spouse_present", "weekend_arrival", "holiday_arrival", "early_morning_arrival",
                     "late_evening_arrival"})


def _is_leaving(name: str) -> bool:
    return "farewell" in name or "departure" in name


def _label(decl) -> str:
    label = decl.declared.label
    return label.text if label is not None else decl.declared.name


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def new_arguments(command) -> None:
    """Add the arguments of `rasim new`."""
    command.add_argument("format", metavar="FORMAT", help="a visit format of the library, such as state_visit")
    command.add_argument("-o", "--output", metavar="FILE", help="write the draft there (default: print it)")
    command.add_argument("--edition", metavar="REF", help="the edition to draft for, such as state_protocol@2013 "
                                                          "(default: the one in force today)")
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")
    command.add_argument("--stdlib", metavar="DIR", help="use this standard library folder instead of the installed one")


def run_new(options) -> int:
    """Write or print the draft; return the exit status (2 for a format, edition or file that cannot be used)."""
    from ..library.load import load_library
    from ..resources import data_path

    root = Path(options.stdlib) if options.stdlib else data_path("stdlib")
    try:
        text = skeleton(load_library(str(root)), options.format, options.edition)
    except NewScenarioError as failure:
        print(f"rasim: error: {failure}", file=sys.stderr)
        return 2
    if options.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(options.output)
    if target.exists() and not options.force:
        print(f"rasim: error: {target} exists; give --force to replace it", file=sys.stderr)
        return 2
    try:
        _write_whole(target, text)
    except OSError as failure:
        print(f"rasim: error: cannot write {target}: {failure.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {target}: a draft of {options.format}; `rasim check {target}` says what is left to fill in",
          file=sys.stderr)
    return 0


def _write_whole(target: Path, text: str) -> None:
    """Write `text` to `target` through a temporary file, so that a failure leaves no half-written draft."""
    handle, temporary = tempfile.mkstemp(prefix=".rasim-new-", dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
