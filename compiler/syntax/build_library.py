"""Tree-builder callbacks for the standard library's declarations: roles to ceremonies."""

from __future__ import annotations

from .. import tree as t
from .fragments import Body, CitationList, Counting, DeviableEdits, Keyword, Parts, RefList, SettledBy, Targets


class DeclarationCallbacks:
    """Callbacks for roles, units, places, levels, guest kinds, conditions, formats and ceremonies."""

    # ---- roles, units, places, levels, guest kinds, conditions, quantities ----

    def _cites(self, p: Parts) -> tuple:
        found = p.one(CitationList)
        return found.citations if found else ()

    def _refs(self, p: Parts, index: int = 0) -> tuple:
        lists = p.all(RefList)
        return lists[index].refs if len(lists) > index else ()

    def _declared(self, p: Parts) -> tuple:
        """Return (name, label, citations) of a declaration header."""
        return self.name(p.one("NAME")), p.one(t.Label), self._cites(p)

    def role(self, c):
        p = Parts(c)
        body = p.one(Body)
        return t.Role(*self._declared(p), body.items if body else None, span=self.span(c))

    def _make_body(self, c):
        return Body(tuple(x for x in c if isinstance(x, t.Node)), self.span(c))

    role_body = unit_body = place_body = guest_kind_body = step_body = guest_body = call_body = _make_body

    def side(self, c):
        return t.Side(Parts(c).one(Keyword).text, span=self.span(c))

    def requirement(self, c):
        p = Parts(c)
        found = p.one(t.LevelRequirement) or p.one(t.SexRequirement)
        return t.Requirement(found, self._cites(p), span=self.span(c))

    def level_requirement(self, c):
        return t.LevelRequirement(Parts(c).one(t.Ref), span=self.span(c))

    def sex_requirement(self, c):
        p = Parts(c)
        sex = p.one(Keyword)
        return t.SexRequirement(sex.text if sex else None, p.one(t.Ref), span=self.span(c))

    def appointment(self, c):
        p = Parts(c)
        return t.Appointment(self._refs(p), self._cites(p), span=self.span(c))

    def acting(self, c):
        p = Parts(c)
        return t.Acting(p.one(t.Ref), p.one(t.Guard), self._cites(p), span=self.span(c))

    def member_of(self, c):
        p = Parts(c)
        return t.MemberOf(p.one(t.Ref), self._cites(p), span=self.span(c))

    def unit(self, c):
        p = Parts(c)
        body = p.one(Body)
        return t.Unit(*self._declared(p), body.items if body else None, span=self.span(c))

    def place(self, c):
        p = Parts(c)
        body = p.one(Body)
        return t.Place(*self._declared(p), body.items if body else None, span=self.span(c))

    def travel(self, c):
        p = Parts(c)
        return t.Travel(p.one(t.Ref), p.one(t.Amount), self._cites(p), span=self.span(c))

    def level(self, c):
        return t.Level(*self._declared(Parts(c)), span=self.span(c))

    def guest_kind(self, c):
        p = Parts(c)
        body = p.one(Body)
        return t.GuestKind(*self._declared(p), body.items if body else None, span=self.span(c))

    def visit_level(self, c):
        p = Parts(c)
        return t.VisitLevel(p.one(t.Ref), self._cites(p), span=self.span(c))

    def received_as(self, c):
        p = Parts(c)
        return t.ReceivedAs(p.one(t.Ref), p.one(t.Guard), self._cites(p), span=self.span(c))

    def condition(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        kind = p.one(SettledBy)
        return t.Condition(name, label, kind.text if kind else None, cites, kind.refs if kind else (),
                           span=self.span(c))

    def condition_kind(self, c):
        p = Parts(c)
        program = p.one(RefList)
        if program is not None:
            return SettledBy("program", self.span(c), program.refs)
        return SettledBy(p.one(Keyword).text, self.span(c))

    def program_settlement(self, c):
        return Parts(c).one(RefList)

    def quantity(self, c):
        p = Parts(c)
        name, label, cites = self._declared(p)
        return t.Quantity(name, label, p.one(Keyword).text, cites, span=self.span(c))

    # ---- formats and rules ----------------------------------------------------

    def format(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, (t.FormatGuest, t.OnBehalfOf, t.VisitLevel, t.Limit, t.Window,
                                                            t.Rule)))
        return t.Format(*self._declared(p), items, span=self.span(c))

    def format_guest(self, c):
        p = Parts(c)
        return t.FormatGuest(self._refs(p), p.one(t.Guard), self._cites(p), span=self.span(c))

    def on_behalf_of(self, c):
        p = Parts(c)
        return t.OnBehalfOf(p.one(t.Ref), self._cites(p), span=self.span(c))

    def limit(self, c):
        p = Parts(c)
        return t.Limit(p.one(t.Ref), p.one(Keyword).text, p.one(t.Amount), p.one(t.Guard), p.one(t.Deviable),
                       self._cites(p), span=self.span(c))

    def window(self, c):
        p = Parts(c)
        event, anchor = p.all(t.Ref)
        counting = p.one(Counting)
        comparison, relation = p.all(Keyword)
        return t.Window(event, comparison.text, p.one(t.Amount), relation.text, anchor,
                        counting.text if counting else None, p.one(t.Guard), p.one(t.Deviable), self._cites(p),
                        span=self.span(c))

    def anchor_counting(self, c):
        return Counting(Parts(c).one(Keyword).text, self.span(c))

    def rule(self, c):
        p = Parts(c)
        targets = p.one(Targets)
        return t.Rule(p.one(Keyword).text, targets.items, p.one(t.RelativeTo), p.one(t.Guard), p.one(t.Deviable),
                      self._cites(p), span=self.span(c))

    def target_list(self, c):
        return Targets(tuple(x for x in c if isinstance(x, t.Target)), self.span(c))

    def target(self, c):
        return t.Target(Parts(c).tuple(t.Ref), span=self.span(c))

    def target_choice(self, c):
        return t.Target(Parts(c).tuple(t.Ref), one_of=True, span=self.span(c))

    def relative_to(self, c):
        p = Parts(c)
        return t.RelativeTo(p.one(Keyword).text, p.one(t.Ref), span=self.span(c))

    def deviable(self, c):
        p = Parts(c)
        edits = p.one(DeviableEdits)
        return t.Deviable(self._refs(p), p.one(t.Guard), edits.kinds if edits else (), span=self.span(c))

    def deviable_edits(self, c):
        return DeviableEdits(tuple(k.text for k in Parts(c).all(Keyword)), self.span(c))

    # ---- ceremonies ----------------------------------------------------------

    def ceremony(self, c):
        p = Parts(c)
        items = tuple(x for x in p.items if isinstance(x, t.Node) and not isinstance(x, (t.Name, t.Label)))
        return t.Ceremony(*self._declared(p), items, span=self.span(c))

    def venue(self, c):
        p = Parts(c)
        return t.Venue(p.one(t.Ref), self._cites(p), span=self.span(c))

    def responsible(self, c):
        p = Parts(c)
        return t.Responsible(p.one(t.Ref), self._cites(p), span=self.span(c))

    def duration(self, c):
        p = Parts(c)
        return t.Duration(p.one(t.Amount) or p.one(t.Range), self._cites(p), p.one(Keyword) is not None,
                          span=self.span(c))

    def sequence(self, c):
        p = Parts(c)
        return t.Sequence(self._refs(p), self._cites(p), span=self.span(c))

    def parallel(self, c):
        p = Parts(c)
        return t.Parallel(self._cites(p), p.tuple(t.Track), span=self.span(c))

    def track(self, c):
        p = Parts(c)
        return t.Track(self.name(p.one("NAME")), p.one(t.Label), self._refs(p), span=self.span(c))

    def order(self, c):
        p = Parts(c)
        first, second = p.all(t.Ref)
        return t.Order(first, p.one(Keyword).text, second, self._cites(p), span=self.span(c))

    def anchor_step(self, c):
        p = Parts(c)
        return t.AnchorStep(p.one(t.Ref), self._cites(p), span=self.span(c))

    def extreme(self, c):
        p = Parts(c)
        return t.Extreme(p.one(Keyword).text, p.one(t.Ref), self._cites(p), span=self.span(c))

    def step(self, c):
        p = Parts(c)
        body = p.one(Body)
        return t.Step(*self._declared(p), body.items if body else None, span=self.span(c))

    def lead(self, c):
        p = Parts(c)
        return t.Lead(p.one(t.Ref), self._cites(p), span=self.span(c))

    def actors(self, c):
        p = Parts(c)
        return t.Actors(p.tuple(t.Actor), self._cites(p), span=self.span(c))

    def actor(self, c):
        p = Parts(c)
        first, *alternatives = p.all(t.Ref)
        return t.Actor(first, p.one(t.Guard), tuple(alternatives), span=self.span(c))

    def action(self, c):
        p = Parts(c)
        return t.Action(p.one(t.Label), self._cites(p), span=self.span(c))

    def step_guard(self, c):
        p = Parts(c)
        return t.StepGuard(p.one(t.Guard), self._cites(p), span=self.span(c))

    def step_modality(self, c):
        p = Parts(c)
        return t.StepModality(p.one(Keyword).text, self._cites(p), span=self.span(c))

    def ordering(self, c):
        p = Parts(c)
        spec = p.one(t.OrderingChain) or p.one(t.OrderingExtreme)
        return t.Ordering(self.name(p.one("NAME")), spec, p.one(t.Guard), self._cites(p), span=self.span(c))

    def ordering_chain(self, c):
        return t.OrderingChain(Parts(c).tuple(t.Ref), span=self.span(c))

    def ordering_extreme(self, c):
        p = Parts(c)
        return t.OrderingExtreme(p.one(t.Ref), p.one(Keyword).text, span=self.span(c))

    def cue(self, c):
        p = Parts(c)
        return t.Cue(p.one(t.Label), self._cites(p), span=self.span(c))

    def note(self, c):
        p = Parts(c)
        return t.Note(p.one(t.Label), self._cites(p), span=self.span(c))
