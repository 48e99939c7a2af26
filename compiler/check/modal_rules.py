"""Check a program against the modal rules, limits, windows and deviations of its format and ceremonies."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..model.facts import NO, UNKNOWN, YES, Facts
from ..model.program import participants_of
from ..tree.unparse import branch_text, condition_text, guard_text

COMPARE = {
    "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b,
    ">": lambda a, b: a > b, "=": lambda a, b: a == b,
}
WORDS = {"<=": "at most", ">=": "at least", "<": "less than", ">": "more than", "=": "exactly"}


def cite(edition: str | None, citations) -> str | None:
    """Return citations as one line: `§ 10, 41 of state_protocol@2013`."""
    parts = []
    for citation in citations:
        source = citation.edition.text if citation.edition else edition
        parts.append("§ " + ", ".join(citation.articles) + (f" of {source}" if source else ""))
    return "; ".join(parts) or None


@frozen
class Arrangement:
    """A unit or state symbol that the rules require (`shall`), allow (`may`) or forbid (`shall not`) for
    this visit: what the protocol service provides, or must keep away, besides the program's ceremonies."""

    name: str
    kind: str
    label: object  # the declaration's Label, with its translations
    modality: str
    condition: str | None  # under which it holds, when the scenario leaves that open: `weather_permitting`
    in_program: bool
    citation: str | None


class RuleChecker:
    """Check one scenario's program; collects diagnostics into `found`."""

    def __init__(self, bound, facts: Facts, calls, deviations, found: list[diag.Diagnostic]) -> None:
        self.bound = bound
        self.facts = facts
        self.calls = calls
        self.deviations = {d.target.text: d for d in deviations}
        self.all_deviations = tuple(deviations)
        self.found = found
        self.first_at: dict[str, tuple] = {}
        for site in calls:
            if site.track is None:
                self.first_at.setdefault(site.name, site.order)
        self.present = {site.name for site in calls}
        self.used = participants_of(bound, facts, calls)
        self.arrangements: list[Arrangement] = []
        # What a deviation may depart from: target name -> every (rule or limit, edition)
        # that permits it; a text may give several permissions for one step.
        self.deviable: dict[str, list[tuple]] = {}

    # ---- the format's rules ----------------------------------------------------------

    def check_format(self, visit_format: t.Format) -> None:
        symbol = self.bound.symbols.get(visit_format.name.text)
        edition = symbol.edition if symbol else None
        for item in visit_format.items:
            if isinstance(item, t.Rule):
                self._rule(item, edition, scope="")
            elif isinstance(item, t.Limit):
                if item.deviable is not None:
                    self.deviable.setdefault(item.quantity.text, []).append((item, edition))
            elif isinstance(item, t.Window):
                if item.deviable is not None:
                    self.deviable.setdefault(item.event.text, []).append((item, edition))
                self._window(item, edition)

    def check_ceremonies(self) -> None:
        """Check the rules inside each called ceremony and the order of documents in its details."""
        for name in sorted(self.present):
            symbol = self.bound.symbols.get(name)
            if symbol is None or not isinstance(symbol.node, t.Ceremony):
                continue
            for item in symbol.node.items:
                if isinstance(item, t.Rule):
                    self._rule(item, symbol.edition, scope=name)
        for site in self.calls:
            symbol = self.bound.symbols.get(site.name)
            if site.call.details and symbol is not None and isinstance(symbol.node, t.Ceremony):
                self._detail_order(site, symbol)

    def _rule(self, rule: t.Rule, edition: str | None, scope: str) -> None:
        citation = cite(edition, rule.citations)
        for target in rule.targets:
            for ref in target.refs:
                key = f"{scope}.{ref.text}" if scope else ref.text
                if rule.deviable is not None or rule.modality == "as_a_rule":
                    self.deviable.setdefault(key, []).append((rule, edition))
            if scope:
                continue  # steps inside a called ceremony are taken as a whole by the program
            for ref in target.refs:
                if not self._is_ceremony(ref):
                    self._arrangement(rule, ref, citation)
            ceremonies = [ref for ref in target.refs if self._is_ceremony(ref)]
            if target.one_of and rule.modality in ("shall", "as_a_rule"):
                self._one_of(rule, ceremonies, citation)
            else:
                for ref in ceremonies:
                    value = self.facts.value(rule.guard, ref.text)
                    self._presence(rule, ref, value, _when(rule.guard, value), citation)
            present = [ref for ref in ceremonies if ref.text in self.first_at]
            if not target.one_of:
                for before, after in zip(present, present[1:]):
                    self._order(before, after, rule, citation)
            if rule.relative_to is not None:
                other = rule.relative_to.ref
                for ref in present:
                    if other.text in self.first_at:
                        first, second = (other, ref) if rule.relative_to.relation == "after" else (ref, other)
                        self._order(first, second, rule, citation)

    def _one_of(self, rule: t.Rule, refs: list[t.Ref], citation) -> None:
        """Check `shall A or B`: one of the alternatives is enough."""
        values = [self.facts.value(rule.guard, ref.text) for ref in refs]
        if all(v == NO for v in values) or any(ref.text in self.present or ref.text in self.deviations
                                               for ref in refs):
            return
        value = UNKNOWN if UNKNOWN in values else YES
        names = " or ".join(f"`{ref.text}`" for ref in refs)
        when = _when(rule.guard, value)
        if rule.modality == "as_a_rule":
            self.found.append(diag.warning(
                "departs-from-default", f"as a rule the program has {names}{when}; record a deviation with its "
                "reason if it is left out on purpose", self._visit_span(refs[0]), citation=citation))
            return
        self.found.append(diag.error(
            "missing-required", f"the program has none of {names}, one of which the rules require{when}",
            self._visit_span(refs[0]), citation=citation, related=(diag.Related(rule.span, "the rule"),),
            hints=(f"add one of {names} to the program",)))

    def _visit_span(self, ref: t.Ref):
        return self.facts.visit.span if self.facts.visit else ref.span

    def _arrangement(self, rule: t.Rule, ref: t.Ref, citation) -> None:
        """Record a unit or state symbol the rules require, allow or forbid; check it against the program."""
        symbol = self.bound.lookup(ref)
        if symbol is None or symbol.kind not in ("unit", "state symbol", "role"):
            return
        value = self.facts.value(rule.guard, ref.text)
        if value == NO and rule.modality != "may":
            return
        used = self.used.get(ref.text)
        if used is not None and ref.text not in self.deviations and (
                (rule.modality == "shall not") or (rule.modality == "may" and value == NO)):
            site, step = used
            forbidden = rule.modality == "shall not"
            self.found.append(diag.error(
                "forbidden-present" if forbidden else "not-permitted",
                f"`{ref.text}` takes part in `{site.name}`" + (f" (step `{step}`)" if step else "")
                + (f", but the rules forbid it{_when(rule.guard, value)}" if forbidden else
                   f", but it is permitted only when {condition_text(rule.guard.condition)}, which does not hold"),
                site.call.span, citation=citation, related=(diag.Related(ref.span, "the rule"),)))
            return
        if value == NO:
            return
        self.arrangements.append(Arrangement(
            ref.text, symbol.kind, symbol.node.label, rule.modality,
            branch_text(rule.guard) if rule.guard is not None and value == UNKNOWN else None,
            used is not None, citation))

    def _is_ceremony(self, ref: t.Ref) -> bool:
        symbol = self.bound.lookup(ref)
        return symbol is not None and isinstance(symbol.node, t.Ceremony)

    def _presence(self, rule: t.Rule, ref: t.Ref, value: str, when: str, citation) -> None:
        present = ref.text in self.present
        excused = ref.text in self.deviations
        if rule.modality == "shall" and value != NO and not present and not excused:
            self.found.append(diag.error(
                "missing-required", f"the program has no `{ref.text}`, which the rules require{when}",
                self.facts.visit.span if self.facts.visit else ref.span, citation=citation,
                related=(diag.Related(ref.span, "the rule"),),
                hints=(f"add `{ref.text}` to the program, or record a deviation if the rule allows one",)))
        elif rule.modality == "shall not" and value != NO and present:
            site = self._site(ref.text)
            self.found.append(diag.error(
                "forbidden-present", f"`{ref.text}` is in the program, but the rules forbid it{when}",
                site.call.span, citation=citation, related=(diag.Related(ref.span, "the rule"),)))
        elif rule.modality == "may" and value == NO and present:
            site = self._site(ref.text)
            self.found.append(diag.error(
                "not-permitted", f"`{ref.text}` is permitted only when {condition_text(rule.guard.condition)}, "
                "and the scenario says that does not hold", site.call.span, citation=citation,
                related=(diag.Related(ref.span, "the rule"),)))
        elif rule.modality == "as_a_rule" and value != NO and not present and not excused:
            self.found.append(diag.warning(
                "departs-from-default", f"as a rule the program has `{ref.text}`{when}; record a deviation "
                "with its reason if it is left out on purpose",
                self.facts.visit.span if self.facts.visit else ref.span, citation=citation))

    def _order(self, first: t.Ref, second: t.Ref, rule: t.Rule, citation) -> None:
        if self.first_at[first.text] < self.first_at[second.text]:
            return
        make = diag.warning if rule.modality == "as_a_rule" else diag.error
        site = self._site(second.text)
        self.found.append(make(
            "order-violated", f"`{second.text}` comes before `{first.text}` in the program, but the rules put "
            f"`{first.text}` first", site.call.span, citation=citation,
            related=(diag.Related(self._site(first.text).call.span, f"`{first.text}` is here"),
                     diag.Related(rule.span, "the rule"))))

    def _site(self, name: str):
        return next(site for site in self.calls if site.name == name)

    def _detail_order(self, site, ceremony_symbol) -> None:
        names = [detail.name.text for detail in site.call.details]
        for step in (i for i in ceremony_symbol.node.items if isinstance(i, t.Step)):
            for ordering in (i for i in step.items or () if isinstance(i, t.Ordering)):
                if not isinstance(ordering.spec, t.OrderingChain):
                    continue
                rank = {ref.text: index for index, ref in enumerate(ordering.spec.refs)}
                seen = [(rank[n], n, d) for n, d in zip(names, site.call.details) if n in rank]
                for (r1, n1, _), (r2, n2, d2) in zip(seen, seen[1:]):
                    if r2 < r1:
                        self.found.append(diag.error(
                            "order-violated", f"the {n2} document comes after the {n1} one, but the rules put "
                            f"{' before '.join(ref.text for ref in ordering.spec.refs)}", d2.span,
                            citation=cite(ceremony_symbol.edition, ordering.citations)))
                        return

    # ---- limits ------------------------------------------------------------------------

    def check_counts(self, scenario: t.Scenario, visit_format: t.Format | None) -> None:
        if visit_format is None:
            return
        symbol = self.bound.symbols.get(visit_format.name.text)
        edition = symbol.edition if symbol else None
        values = self._quantities(scenario, visit_format)
        for limit in (i for i in visit_format.items if isinstance(i, t.Limit)):
            found = values.get(limit.quantity.text)
            if found is None:
                continue
            value, span, unit = found
            applies = self.facts.value(limit.guard)
            bound_value = _number(limit.amount.number)
            if applies == NO or bound_value is None or COMPARE[limit.comparison](value, bound_value):
                continue
            if limit.quantity.text in self.deviations and limit.deviable is not None:
                continue
            shown_unit = f" {limit.amount.unit}" if limit.amount.unit else ""
            make, when = _under(limit.guard, applies)
            self.found.append(make(
                "limit-exceeded", f"{limit.quantity.text} is {value}{unit}, but the rules allow "
                f"{WORDS[limit.comparison]} {limit.amount.number}{shown_unit}{when}", span,
                citation=cite(edition, limit.citations), related=(diag.Related(limit.span, "the limit"),)))

    def _quantities(self, scenario: t.Scenario, visit_format: t.Format) -> dict:
        values: dict[str, tuple] = {}
        for item in scenario.items:
            if isinstance(item, t.Count):
                values[item.quantity.text] = (Decimal(item.number), item.span, "")
            elif isinstance(item, t.Agreed) and isinstance(item.value, t.Amount):
                number = _number(item.value.number)
                if number is not None:
                    values[item.item.text] = (number, item.span, f" {item.value.unit}" if item.value.unit else "")
        arrival, departure = self.facts.events.get("arrival"), self.facts.events.get("departure")
        if arrival is not None and departure is not None and self.facts.visit is not None:
            days = _days(arrival.date, departure.date)
            if days is not None:
                values.setdefault("stay", (Decimal(days), self.facts.visit.span, " days"))
        if arrival is not None and isinstance(self.facts.visit, t.Visit):
            year = arrival.date[:4]
            same = [i for i in scenario.items if isinstance(i, t.PriorVisit) and i.date[:4] == year
                    and i.format.text == self.facts.visit.format.text]
            per_year = [limit.quantity.text for limit in visit_format.items
                        if isinstance(limit, t.Limit) and limit.quantity.text.endswith("per_year")]
            for name in per_year:
                values.setdefault(name, (Decimal(len(same) + 1), self.facts.visit.span,
                                         f" in {year}, counting this one"))
        return values

    # ---- windows -----------------------------------------------------------------------

    def _window(self, window: t.Window, edition: str | None) -> None:
        from ..clock import working_days_between

        applies = self.facts.value(window.guard)
        if applies == NO or (window.event.text in self.deviations and window.deviable is not None):
            return  # a recorded deviation is checked against the window's permission instead
        event, anchor = self.facts.events.get(window.event.text), self.facts.events.get(window.anchor.text)
        citation = cite(edition, window.citations)
        if event is None or anchor is None:
            missing = window.event.text if event is None else window.anchor.text
            self.found.append(diag.warning(
                "window-unchecked", f"the rules fix when `{window.event.text}` happens relative to "
                f"`{window.anchor.text}`, but the scenario gives no date for `{missing}`",
                self.facts.visit.span if self.facts.visit else window.span, citation=citation,
                hints=(f"add `event {missing} YYYY-MM-DD HH:MM`",)))
            return
        earlier, later = (event, anchor) if window.relation == "before" else (anchor, event)
        unit = window.amount.unit or "days"
        try:
            first = datetime.date.fromisoformat(earlier.date)
            second = datetime.date.fromisoformat(later.date)
        except ValueError:
            return
        # Days are counted from the event to the anchor: the event's own day is not
        # counted and the anchor's is, as in "not later than five days before the
        # visit" (2 June for a visit on 7 June); `excluding anchor` leaves the
        # anchor's day out too. An event on the wrong side gives a negative count.
        delta = (second - first).days
        excluding = window.anchor_counting == "excluding"
        if delta <= 0:
            gap = delta
        elif unit == "working_days":
            gap = working_days_between(first, second, include_anchor=not excluding)
        elif unit in ("day", "days", "weeks"):
            gap = delta - (1 if excluding else 0)
            if unit == "weeks":
                gap = Decimal(gap) / 7
        else:
            return
        bound_value = _number(window.amount.number)
        if bound_value is None or COMPARE[window.comparison](gap, bound_value):
            return
        where = f"{gap} {unit} {window.relation}" if gap >= 0 else \
            f"{-gap} {unit} {'after' if window.relation == 'before' else 'before'}"
        make, when = _under(window.guard, applies)
        self.found.append(make(
            "window-violated", f"`{window.event.text}` is {where} `{window.anchor.text}`, "
            f"but the rules require {WORDS[window.comparison]} {window.amount.number} {unit}{when}",
            self.facts.visit.span if self.facts.visit else window.span, citation=citation,
            related=(diag.Related(window.span, "the window"),)))

    # ---- calendar rules ----------------------------------------------------------------

    def check_calendar(self, scenario: t.Scenario) -> None:
        """Check dated events against the calendar rules that fix their day.

        A rule applies to the scenario's `event` of the same name, and to the
        occasion of the same name (or with `_day` added): `calendar inauguration_day`
        fixes the date of `occasion inauguration`.
        """
        from ..clock import fixed_day, nth_weekday

        dated = dict(self.facts.events)
        if isinstance(self.facts.visit, t.Occasion) and "arrival" in dated:
            for name in (self.facts.visit.kind.text, self.facts.visit.kind.text + "_day"):
                dated.setdefault(name, dated["arrival"])
        for name, moment in sorted(dated.items()):
            symbol = self.bound.symbols.get(name)
            if symbol is None or not isinstance(symbol.node, t.CalendarRule):
                continue
            rule = symbol.node.rule
            try:
                actual = datetime.date.fromisoformat(moment.date)
            except ValueError:
                continue
            year = actual.year
            if isinstance(rule, t.NthWeekday) and rule.year is not None and rule.year.after is not None:
                after = dated.get(rule.year.after.text)
                if after is None:
                    self.found.append(diag.warning(
                        "window-unchecked", f"`{name}` is fixed relative to `{rule.year.after.text}`, but the "
                        f"scenario gives no date for `{rule.year.after.text}`", moment.span,
                        citation=cite(symbol.edition, symbol.node.citations),
                        hints=(f"add `event {rule.year.after.text} YYYY-MM-DD HH:MM`",)))
                    continue
                year = int(after.date[:4]) + (1 if rule.year.offset == "next_year" else 0)
            try:
                expected = fixed_day(year, rule.day, rule.month) if isinstance(rule, t.FixedDay) else \
                    nth_weekday(year, rule.month, rule.ordinal, rule.weekday)
            except ValueError:
                continue
            if expected != actual:
                self.found.append(diag.error(
                    "wrong-date", f"`{name}` is on {actual.isoformat()}, but the rules fix it on "
                    f"{expected.isoformat()} ({expected.strftime('%A')})", moment.span,
                    citation=cite(symbol.edition, symbol.node.citations),
                    related=(diag.Related(symbol.node.span, "the calendar rule"),)))

    # ---- deviations ----------------------------------------------------------------------

    def check_deviations(self) -> None:
        for deviation in self.all_deviations:
            ceremony = deviation.target.parts[0]
            symbol = self.bound.symbols.get(ceremony)
            if deviation.day is not None and (symbol is None or not isinstance(symbol.node, t.Ceremony)):
                self.found.append(diag.error(
                    "deviation-not-allowed", f"`on day` belongs to a deviation of a ceremony or one of its steps, "
                    f"not of `{deviation.target.text}`", deviation.target.span))
            elif deviation.day is not None and not any(site.name == ceremony and site.day.number == deviation.day
                                                     for site in self.calls):
                self.found.append(diag.error(
                    "deviation-not-allowed", f"the deviation is for day {deviation.day}, but `{ceremony}` is not "
                    f"in the program that day", deviation.target.span,
                    hints=("name the day of the call it changes, or leave `on day` out to change every call",)))
        for target, deviation in sorted(self.deviations.items()):
            permissions = self.deviable.get(target)
            if not permissions:
                self.found.append(diag.error(
                    "deviation-not-allowed", f"no rule of this visit lets `{target}` be changed",
                    deviation.target.span, hints=("a deviation must name a rule with `deviable_by`, an "
                                                  "`as_a_rule` rule, or a limit with `deviable_by`",)))
                continue
            refusals = [self._refusal(target, deviation, rule, edition) for rule, edition in permissions]
            if all(refusals):
                # Report the refusal that concerns this authority when there is one: it says
                # under what condition the authority may allow the change.
                own = [r for r in refusals if r.code != "wrong-authority"]
                self.found.append((own or refusals)[0])

    def _refusal(self, target, deviation, rule, edition) -> diag.Diagnostic | None:
        """Return why `rule` does not permit `deviation`, or None if it does."""
        guard = rule.deviable.guard if rule.deviable else None
        if guard is not None and self.facts.value(guard) == NO:
            return diag.error(
                "deviation-not-allowed", f"`{target}` may be changed only {guard.keyword} "
                f"{condition_text(guard.condition)}, and the scenario says that does not hold",
                deviation.target.span, citation=cite(edition, rule.citations),
                related=(diag.Related(rule.span, "the rule"),))
        allowed = [ref.text for ref in rule.deviable.authorities] if rule.deviable else []
        if allowed and deviation.authority.text not in allowed:
            return diag.error(
                "wrong-authority", f"`{target}` may be changed only by {', '.join(allowed)}, not by "
                f"{deviation.authority.text}", deviation.authority.span, citation=cite(edition, rule.citations),
                related=(diag.Related(rule.span, "the rule"),))
        return None


def _when(guard: t.Guard | None, value: str) -> str:
    """Return ` when C` for a rule whose condition the scenario leaves unknown, else nothing."""
    if guard is None or value != UNKNOWN:
        return ""
    return " " + guard_text(guard)


def _under(guard: t.Guard | None, value: str):
    """Return how to report a breach of a limit or window that holds under `guard`: an error when the
    condition holds, a warning naming it when the scenario leaves it unknown."""
    if value == UNKNOWN:
        return diag.warning, f" when {branch_text(guard)}, which the scenario leaves unknown"
    return diag.error, ""


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _days(first: str, last: str) -> int | None:
    """Count calendar days from arrival to departure, both included, as "a stay of three days" does."""
    try:
        return (datetime.date.fromisoformat(last) - datetime.date.fromisoformat(first)).days + 1
    except ValueError:
        return None
