"""Tree-builder callbacks for precedence, calendar rules, the Mission Regulation and scenarios."""

from __future__ import annotations

import calendar

from lark import Token

from .. import tree as t
from .fragments import Body, DeviationDay, DeviationEdits, Keyword, Parts, RankOrder, Reconstructed, RefList, Word

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "last")


class ScenarioCallbacks:
    """Callbacks for precedence tables, calendar rules, offices, provisions, symbols and scenarios."""

    # ---- precedence ----------------------------------------------------------

    def precedence(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.Rank, t.TieBreak, t.SpouseShares, t.Override)))
        return t.Precedence(*self._declared(p), items, span=self.span(c))

    def rank(self, c):
        p = Parts(c)
        reconstructed = p.one(Reconstructed)
        order = p.one(RankOrder)
        number = "-".join(str(self.whole(n)) for n in p.all("NUMBER"))
        return t.Rank(number, self._refs(p), p.one(Keyword) is not None, order.refs if order else (),
                      reconstructed.label if reconstructed else None, self._cites(p), span=self.span(c))

    def rank_order(self, c):
        return RankOrder(Parts(c).tuple(t.Ref), self.span(c))

    def reconstructed(self, c):
        return Reconstructed(Parts(c).one(t.Label), self.span(c))

    def tie_break(self, c):
        p = Parts(c)
        return t.TieBreak(p.tuple(t.Ref), self._cites(p), span=self.span(c))

    def spouse_shares(self, c):
        return t.SpouseShares(self._cites(Parts(c)), span=self.span(c))

    def override(self, c):
        p = Parts(c)
        return t.Override(p.one(t.Ref), self._cites(p), span=self.span(c))

    # ---- calendar rules --------------------------------------------------------

    def calendar_rule(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        rule = p.one(t.FixedDay) or p.one(t.NthWeekday)
        return t.CalendarRule(name, label, rule, cites, span=self.span(c))

    def fixed_day(self, c):
        p = Parts(c)
        day, month = p.one("NUMBER"), p.one("NAME")
        number = self.whole(day)
        self._check_word(month, MONTHS, "month")
        if str(month) in MONTHS:
            # February is checked against a leap year: 29 February is a real date in some years.
            last = calendar.monthrange(2024, MONTHS.index(str(month)) + 1)[1]
            if not 1 <= number <= last:
                self._error("invalid-calendar-rule", f"{month} has no day {number}", day)
        return t.FixedDay(number, str(month), span=self.span(c))

    def nth_weekday(self, c):
        p = Parts(c)
        ordinal, weekday, month = p.all("NAME")
        self._check_word(ordinal, ORDINALS, "ordinal")
        self._check_word(weekday, WEEKDAYS, "weekday")
        self._check_word(month, MONTHS, "month")
        return t.NthWeekday(str(ordinal), str(weekday), str(month), p.one(t.YearOffset), span=self.span(c))

    def _check_word(self, token: Token, allowed: tuple, what: str) -> None:
        if str(token) not in allowed:
            self._error("invalid-calendar-rule", f"`{token}` is not a {what}", token,
                        hints=(f"a {what} is one of: " + ", ".join(allowed),))

    def year_offset(self, c):
        p = Parts(c)
        return t.YearOffset(p.one(Keyword).text, p.one(t.Ref), span=self.span(c))

    # ---- the Mission Regulation and informative articles ------------------------

    def office(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.HeadedBy, t.Acting, t.Appointment)))
        return t.Office(*self._declared(p), items, span=self.span(c))

    def headed_by(self, c):
        p = Parts(c)
        return t.HeadedBy(p.one(t.Ref), self._cites(p), span=self.span(c))

    def provision(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        return t.Provision(p.one(Keyword).text, name, label, p.one(t.Ref), cites, span=self.span(c))

    def symbol(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        languages = self._refs(p, 1)
        return t.Symbol(name, label, self._refs(p, 0), languages or None, cites, span=self.span(c))

    def informative(self, c):
        p = Parts(c)
        return t.Informative(p.one(t.Citation), self.text(p.one("STRING")), span=self.span(c))

    # ---- correspondences between editions ------------------------------------------

    def lineage(self, c):
        p = Parts(c)
        reason = p.one(Word)
        return t.Lineage(p.one(t.Ref), p.tuple(t.Continued), reason.text if reason else None, self._cites(p),
                         span=self.span(c))

    def continued(self, c):
        p = Parts(c)
        return t.Continued(p.one(t.EditionRef), p.one(t.Ref), span=self.span(c))

    def no_counterpart(self, c):
        return Word(self.text(Parts(c).one("STRING")), self.span(c))

    # ---- scenarios -------------------------------------------------------------

    def scenario(self, c):
        p = Parts(c)
        name = self.name(p.one("NAME"))
        items = tuple(x for x in p.items if isinstance(x, t.Node) and not isinstance(x, t.Label))
        return t.Scenario(name, p.one(t.Label), items, span=self.span(c))

    def pin_edition(self, c):
        return t.PinEdition(Parts(c).one(t.EditionRef), span=self.span(c))

    def visit(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and x is not p.one(t.Ref))
        return t.Visit(p.one(t.Ref), items, span=self.span(c))

    def occasion(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and x is not p.one(t.Ref))
        return t.Occasion(p.one(t.Ref), items, span=self.span(c))

    def guest(self, c):
        p = Parts(c)
        strings = p.all("STRING")
        body = p.one(Body)
        return t.Guest(self.text(strings[0]), p.one(t.Ref), self.text(strings[1]) if len(strings) > 1 else None,
                       body.items if body else None, span=self.span(c))

    def spouse(self, c):
        p = Parts(c)
        sex = p.one(Keyword)
        return t.Spouse(self.text(p.one("STRING")), sex.text if sex else None, span=self.span(c))

    def government(self, c):
        p = Parts(c)
        form = p.one("NAME")
        self._check_not_keyword(form)
        return t.Government(str(form), span=self.span(c))

    def term(self, c):
        return t.Term(self.whole(Parts(c).one("NUMBER")), span=self.span(c))

    def moment(self, c):
        p = Parts(c)
        zone = p.one("TIMEZONE")
        return t.Moment(self.date(p.one("DATE")), self.time(p.one("TIME")), str(zone) if zone else None,
                        span=self.span(c))

    def arrive(self, c):
        p = Parts(c)
        return t.Arrive(p.one(t.Moment), p.one(t.Ref), span=self.span(c))

    def depart(self, c):
        p = Parts(c)
        return t.Depart(p.one(t.Moment), p.one(t.Ref), span=self.span(c))

    def assume(self, c):
        p = Parts(c)
        refs = p.all(t.Ref)
        items = p.one(RefList)
        return t.Assume(refs[0], p.one(Keyword).text, items.refs if items else (), span=self.span(c))

    def agreed(self, c):
        p = Parts(c)
        item = p.one(t.Ref)
        value = next(x for x in p.items if isinstance(x, (t.TextValue, t.RefValue, t.Amount)))
        return t.Agreed(item, value, self._cites(p), span=self.span(c))

    def text_value(self, c):
        return t.TextValue(self.text(c[0]), span=self.span(c))

    def ref_value(self, c):
        return t.RefValue(c[0], span=self.span(c))

    def people(self, c):
        return t.People(Parts(c).tuple(t.Person), span=self.span(c))

    def person(self, c):
        p = Parts(c)
        attributes = tuple(x for x in p.items if isinstance(x, (t.PersonSex, t.PersonAppointed, t.PersonLevel,
                                                                       t.PersonArrived, t.PersonAgrement)))
        return t.Person(p.one(t.Ref), self.text(p.one("STRING")), attributes, span=self.span(c))

    def person_sex(self, c):
        return t.PersonSex(c[0].text, span=self.span(c))

    def person_appointed(self, c):
        return t.PersonAppointed(self.date(Parts(c).one("DATE")), span=self.span(c))

    def person_arrived(self, c):
        p = Parts(c)
        return t.PersonArrived(self.date(p.one("DATE")), self.time(p.one("TIME")), span=self.span(c))

    def person_agrement(self, c):
        return t.PersonAgrement(self.date(Parts(c).one("DATE")), span=self.span(c))

    def person_level(self, c):
        return t.PersonLevel(Parts(c).one(t.Ref), span=self.span(c))

    def deviation(self, c):
        p = Parts(c)
        target, authority = p.all(t.Ref)
        day = p.one(DeviationDay)
        edits = p.one(DeviationEdits)
        return t.Deviation(target, edits.edits if edits else (), p.one(t.Label), self.text(p.one("STRING")),
                           authority, self._cites(p), day.text if day else None, span=self.span(c))

    def deviation_edits(self, c):
        return DeviationEdits(tuple(x for x in c if isinstance(x, t.Node)), self.span(c))

    def replace_lead(self, c):
        new, old = Parts(c).all(t.Ref)
        return t.ReplaceLead(new, old, span=self.span(c))

    def replace_actor(self, c):
        new, old = Parts(c).all(t.Ref)
        return t.ReplaceActor(new, old, span=self.span(c))

    def add_actor(self, c):
        return t.AddActor(Parts(c).one(t.Ref), span=self.span(c))

    def remove_actor(self, c):
        return t.RemoveActor(Parts(c).one(t.Ref), span=self.span(c))

    def change_duration(self, c):
        p = Parts(c)
        return t.ChangeDuration(p.one(t.Amount) or p.one(t.Range), span=self.span(c))

    def change_limit(self, c):
        p = Parts(c)
        return t.ChangeLimit(p.one(Keyword).text, p.one(t.Amount), span=self.span(c))

    def change_window(self, c):
        p = Parts(c)
        return t.ChangeWindow(p.one(Keyword).text, p.one(t.Amount), span=self.span(c))

    def change_order(self, c):
        p = Parts(c)
        first, second = p.all(t.Ref)
        return t.ChangeOrder(first, p.one(Keyword).text, second, span=self.span(c))

    def drop_item(self, c):
        return t.DropItem(span=self.span(c))

    def deviation_day(self, c):
        return DeviationDay(self.whole(Parts(c).one("NUMBER")), self.span(c))

    def prior_visit(self, c):
        p = Parts(c)
        country = p.one("STRING")
        return t.PriorVisit(self.date(p.one("DATE")), p.one(t.Ref), self.text(country) if country else None,
                            span=self.span(c))

    def event(self, c):
        p = Parts(c)
        return t.Event(self.name(p.one("NAME")), p.one(t.Moment), span=self.span(c))

    def omit(self, c):
        p = Parts(c)
        return t.Omit(p.one(t.Ref), self.text(p.one("STRING")), self._cites(p), span=self.span(c))

    def include(self, c):
        p = Parts(c)
        items = p.one(RefList)
        return t.Include(items.refs if items else (), self._cites(p), span=self.span(c))

    def count(self, c):
        p = Parts(c)
        return t.Count(p.one(t.Ref), self.whole(p.one("NUMBER")), span=self.span(c))

    def precedence_override(self, c):
        p = Parts(c)
        first, second = p.all(t.Ref)
        return t.PrecedenceOverride(first, second, self.text(p.one("STRING")), span=self.span(c))

    def program(self, c):
        return t.Program(Parts(c).tuple(t.Day), span=self.span(c))

    def day(self, c):
        p = Parts(c)
        date = p.one("DATE")
        items = tuple(x for x in p.items if isinstance(x, (t.Entry, t.TrackProgram)))
        return t.Day(self.whole(p.one("NUMBER")), self.date(date) if date else None, items, span=self.span(c))

    def track_program(self, c):
        p = Parts(c)
        return t.TrackProgram(self.name(p.one("NAME")), p.one(t.Label), p.tuple(t.Entry), span=self.span(c))

    def entry(self, c):
        p = Parts(c)
        time = p.one("TIME")
        return t.Entry(self.time(time) if time else None, p.tuple(t.Call), span=self.span(c))

    def call(self, c):
        p = Parts(c)
        refs = p.all(t.Ref)
        body = p.one(Body)
        return t.Call(refs[0], p.one(t.Amount), refs[1] if len(refs) > 1 else None, p.one(t.Guard),
                      body.items if body else None, span=self.span(c))

    def call_detail(self, c):
        p = Parts(c)
        return t.CallDetail(self.name(p.one("NAME")), p.one(t.Label), span=self.span(c))
