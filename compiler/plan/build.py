"""Build the Plan that every output is made from: rows in time order, with who, where, why.

The Plan is the attrs classes of types.py, printed as stable JSON by
`Plan.to_json()` (`rasim plan FILE --format json`), so that emitters never
reach back into the syntax tree. Its shape is documented in docs/plan.md;
`format_version` changes whenever a field changes meaning. This module still
assembles the JSON form and reads it into the classes (`Plan.from_json`),
which also checks it.
"""

from __future__ import annotations

import datetime
import re

from .. import tree as t
from ..check.checker import Checked
from .cited_articles import cited_articles
from .types import FORMAT_VERSION, Plan
from ..clock import from_utc_minutes, tzdata_version
from ..diagnostics.core import Severity
from ..model.facts import NO, UNKNOWN
from ..model.precedence import GUEST_FIRST, order_participants, precedence_ranks
from ..model.program import people_by_role
from ..check.modal_rules import cite
from ..schedule.network import Timed
from ..tree.unparse import branch_text

EPOCH = datetime.datetime(1970, 1, 1)
GUEST, GUEST_SPOUSE = GUEST_FIRST  # both editions name the guest's spouse `guest_spouse`


def build_plan(checked: Checked, timed: Timed) -> Plan:
    """Return the plan of a checked, scheduled scenario."""
    scenario, facts, bound = checked.scenario, checked.facts, checked.bound
    people = people_by_role(scenario)
    overrides = tuple(i for i in scenario.items if isinstance(i, t.PrecedenceOverride))
    ranks = precedence_ranks(bound, "international" if isinstance(facts.visit, t.Visit) else "domestic")
    timeline = timed.schedule.timeline if timed.schedule else {}
    earliest = timed.schedule.earliest if timed.schedule else {}
    latest = timed.schedule.latest if timed.schedule else {}
    zone = facts.zone
    prefixes = _cue_prefixes(checked)
    spouse = _spouse(facts)
    # Who fills each role: the people block first; the guest and the guest's
    # spouse are named by the visit itself when the people block leaves them out.
    names = {role: persons[0].name for role, persons in people.items()}
    if facts.principal is not None:
        names.setdefault(GUEST, facts.principal.person)
    if spouse is not None:
        names.setdefault(GUEST_SPOUSE, spouse["name"])

    offsets: dict[int, int] = {}

    def moment(point: str) -> dict | None:
        value = timeline.get(point)
        if value is None:
            return None
        # Offsets change on whole hours at most: look each hour up once.
        hour = value // 60
        if hour not in offsets:
            offsets[hour] = from_utc_minutes(hour * 60, zone)[2]
        local = EPOCH + datetime.timedelta(minutes=value + offsets[hour])
        return {"date": local.date().isoformat(), "time": local.strftime("%H:%M"),
                "utc_offset_minutes": offsets[hour], "utc_minutes": value}

    static: dict[int, dict] = {}

    rows, calls = [], []
    for item in timed.items:
        if item.key in timed.absent or item.key.split("/")[0] in timed.absent:
            continue
        site = item.site
        ceremony = bound.lookup(site.call.ref)
        ceremony_node = ceremony.node if ceremony is not None and isinstance(ceremony.node, t.Ceremony) else None
        steps = [i for i in ceremony_node.items if isinstance(i, t.Step)] if ceremony_node else []
        prefix = prefixes[site]
        if item.step is None:
            calls.append({
                "cue": prefix,
                "ceremony": site.name,
                "ceremony_label": _label(ceremony_node.label if ceremony_node else None, site.name),
                "day": site.day.number,
                "track": site.track,
                "track_label": _track_label(site),
                "start": moment(f"{item.key}/s"),
                "end": moment(f"{item.key}/e"),
                "duration_minutes": _duration(timeline, item.key),
                "fixed": item.fixed,
                "condition": item.condition,
                "place": _place(bound, site, None, ceremony_node),
                "citation": cite(ceremony.edition if ceremony else None,
                                 ceremony_node.citations if ceremony_node else ()),
                "rows": [],
                "deviations": [],
                "_key": item.key,
                "_ceremony": ceremony,
            })
            if steps:
                continue  # the ceremony is shown through its steps
        node = item.step or ceremony_node
        number = steps.index(item.step) + 1 if item.step is not None else 0
        if id(node) not in static:
            static[id(node)] = _static_row(item.step, node, ceremony_node, ceremony, site, bound, people, names,
                                           ranks, overrides, facts)
        fixed_row = _for_this_call(static[id(node)], site, people)
        condition = item.condition or (
            branch_text(site.call.guard) if site.call.guard and facts.value(site.call.guard, site.name) == UNKNOWN
            else None)
        rows.append({
            "cue": f"{prefix}-{number:02d}",
            "day": site.day.number,
            "track": site.track,
            "track_label": _track_label(site),
            "ceremony": site.name,
            **fixed_row,
            "start": moment(f"{item.key}/s"),
            "end": moment(f"{item.key}/e"),
            "earliest": earliest.get(f"{item.key}/s"),
            "latest": latest.get(f"{item.key}/s"),
            "fixed": False,
            "_call": item.key.split("/")[0],
            "_step": item.step,
            "duration_minutes": _duration(timeline, item.key),
            # No duration of its own: an equal share of the ceremony's time (schedule.py).
            "duration_estimated": item.key in timed.estimated,
            "place": _place(bound, site, item.step, ceremony_node),
            "condition": condition,
            "details": [{"kind": d.name.text, "label": _label(d.label, None)} for d in site.call.details or ()],
            "deviations": [],
        })
    rows.sort(key=lambda r: ((r["start"] or {}).get("utc_minutes", 0), r["track"] or "", r["cue"]))
    calls.sort(key=lambda c: ((c["start"] or {}).get("utc_minutes", 0), c["track"] or "", c["cue"]))
    _mark_fixed(rows, timed)
    deviations = _apply_deviations(checked, rows, calls)
    _link_calls(rows, calls)

    plan = {
        "format_version": FORMAT_VERSION,
        "scenario": {"name": scenario.name.text, "label": _label(scenario.label, scenario.name.text)},
        "visit": _visit(facts, spouse, checked),
        "editions": [{"ref": e.ref, "language": e.language} for _, e in sorted(bound.editions.items())],
        "tzdata": tzdata_version(),
        "time_zone": zone,
        "rows": rows,
        "calls": calls,
        "contingencies": _contingencies(rows, bound),
        "checklist": [{"condition": c.condition, "label": _symbol_label(bound, c.condition, c.label),
                       "settled_by": c.settled_by, "item": c.item, "item_label": _item_label(bound, c.item),
                       "citation": c.citation} for c in checked.checklist],
        "arrangements": [{"name": a.name, "kind": a.kind, "label": _label(a.label, a.name),
                          "modality": a.modality, "condition": a.condition,
                          "condition_label": _condition_label(bound, a.condition), "in_program": a.in_program,
                          "citation": a.citation} for a in checked.arrangements],
        "deviations": deviations,
        "precedence_overrides": [{"first": o.first.text, "second": o.second.text, "reason": o.reason}
                                 for o in overrides],
        "agreed": [{"item": a.item.text, "value": _value(a.value)} for a in scenario.items if isinstance(a, t.Agreed)],
    }
    plan["articles"] = cited_articles(plan)
    # What the compiler wants the reader to know although nothing is wrong: that an
    # order of people rests on a precedence entry restored from a defective text.
    plan["notes"] = [{"code": d.code, "message": d.message, "citation": d.citation}
                     for d in checked.diagnostics if d.severity is Severity.NOTE]
    return Plan.from_json(plan)


def _static_row(step, node, ceremony_node, ceremony, site, bound, people, names, ranks, overrides, facts) -> dict:
    """Return the fields of a row that depend only on the step, not on when it is called."""
    roles = _roles(step, facts, f"{site.name}.{step.name.text}") if step is not None else []
    lead = next((i.role.text for i in (step.items or ()) if isinstance(i, t.Lead)), None) if step else None
    participants = order_participants([role for role, _ in roles], bound, people, ranks, overrides)
    alternative_of = dict(roles)
    ranked = len({p.rank for p in participants if p.rank is not None})  # a spouse shares a rank
    return {
        "ceremony_label": _label(ceremony_node.label if ceremony_node else None, site.name),
        "step": step.name.text if step is not None else None,
        "label": _label(node.label if node is not None else None, site.name),
        "action": _label(_first(step, t.Action, "label"), None) if step is not None else None,
        "lead": _participant(lead, bound, names),
        "participants": [{**_participant(p.role, bound, names), "person": p.person or names.get(p.role),
                          "alternative_of": alternative_of.get(p.role),
                          # Only where the entry decides an order: beside another ranked role.
                          "reconstructed": _reconstructed(ranks, p.role) if ranked > 1 else None}
                         for p in participants],
        "trigger": _label(_first(step, t.Cue, "label"), None) if step is not None else None,
        "notes": [_label(n.label, None) for n in (step.items or ()) if isinstance(n, t.Note)] if step else [],
        "responsible": (responsible := _responsible(step, ceremony_node)),
        "responsible_label": _symbol_label(bound, responsible, responsible) if responsible else None,
        "orderings": [_ordering(o, ceremony, bound, facts, f"{site.name}.{step.name.text}")
                      for o in (step.items or ()) if isinstance(o, t.Ordering)
                      and facts.value(o.guard, f"{site.name}.{step.name.text}") != NO] if step is not None else [],
        "citation": cite(ceremony.edition if ceremony else None, node.citations if node is not None else ()),
    }


def _ordering(ordering: t.Ordering, ceremony, bound, facts, item: str) -> dict:
    """Return an ordering rule of a step as the order to follow on the day."""
    spec = ordering.spec
    refs = spec.refs if isinstance(spec, t.OrderingChain) else (spec.ref,)
    order = [r.text for r in refs] if isinstance(spec, t.OrderingChain) else [f"{spec.ref.text} {spec.position}"]
    # The order holds only under this condition, which the scenario leaves open.
    condition = branch_text(ordering.guard) \
        if ordering.guard is not None and facts.value(ordering.guard, item) == UNKNOWN else None
    return {"name": ordering.name.text, "order": order,
            "position": spec.position if isinstance(spec, t.OrderingExtreme) else None,
            # What each name stands for, where it is declared (a role, a kind of document); else its name.
            "order_labels": [_symbol_label(bound, r.text, r.text) for r in refs],
            "condition": condition, "condition_label": _condition_label(bound, condition),
            "citation": cite(ceremony.edition if ceremony else None, ordering.citations)}


def _mark_fixed(rows: list[dict], timed: Timed) -> None:
    """Mark the row a clock time fixes: the ceremony's anchor step (`anchor invitation`), else the first
    row of the call in time order."""
    fixed_calls = {item.key for item in timed.items if item.step is None and item.fixed}
    fixed_steps = {item.key.split("/")[0]: item.step for item in timed.items if item.step is not None and item.fixed}
    seen = set()
    for row in rows:
        call = row["_call"]
        if call in fixed_steps:
            row["fixed"] = row["_step"] is fixed_steps[call]
        else:
            row["fixed"] = call in fixed_calls and call not in seen
        seen.add(call)


def _link_calls(rows: list[dict], calls: list[dict]) -> None:
    """List each call's rows by cue, and drop the fields that only linked rows, calls and the tree."""
    by_key = {call["_key"]: call for call in calls}
    for row in rows:
        call = by_key.get(row.pop("_call"))
        row.pop("_step")
        if call is not None:
            call["rows"].append(row["cue"])
    for call in calls:
        del call["_key"], call["_ceremony"]


def _apply_deviations(checked: Checked, rows: list[dict], calls: list[dict]) -> list[dict]:
    """Return the scenario's deviations, each added to the rows and calls it changes.

    A deviation names a step (`airport_welcome.ramp_meeting`: that step's rows),
    a ceremony (every call of it, and all of their rows) or a quantity whose
    limit it lifts. A limit is tied to no ceremony in the language, only to
    its article: the lifted limit is shown on the calls of the ceremonies that
    come from the same article of the same edition (the limit on
    narrow_format_companions, § 34, and negotiations_narrow, § 34). A
    deviation that matches nothing (a ceremony left out of the program) is
    listed only at the top level.
    """
    bound = checked.bound
    limits = _limit_articles(checked)
    out = []
    for index, deviation in enumerate(checked.deviations, 1):
        target, authority = deviation.target.text, deviation.authority.text
        entry = {"id": f"D{index}", "target": target, "target_label": _symbol_label(bound, target, target),
                 "change": _label(deviation.change, None), "reason": deviation.reason, "authority": authority,
                 "authority_label": _symbol_label(bound, authority, authority), "day": deviation.day,
                 "citation": cite(_default(bound), deviation.citations)}
        symbol = bound.lookup(deviation.target)
        node = symbol.node if symbol is not None else None
        if isinstance(node, t.Step):
            marked_calls = []
            marked_rows = [row for row in rows if row["_step"] is node]
        else:
            if isinstance(node, t.Ceremony):
                marked_calls = [c for c in calls if c["_ceremony"] is not None and c["_ceremony"].node is node]
            elif isinstance(node, t.Quantity):
                articles = limits.get(deviation.target.text, set())
                marked_calls = [c for c in calls if _articles(c["_ceremony"]) & articles]
            else:
                marked_calls = []
            keys = {c["_key"] for c in marked_calls}
            marked_rows = [row for row in rows if row["_call"] in keys]
        if deviation.day is not None:
            marked_calls = [c for c in marked_calls if c["day"] == deviation.day]
            marked_rows = [row for row in marked_rows if row["day"] == deviation.day]
        for marked in marked_calls + marked_rows:
            marked["deviations"].append(dict(entry))  # a copy each: a consumer may change one row's
        out.append({**entry, "rows": [row["cue"] for row in marked_rows], "calls": [c["cue"] for c in marked_calls]})
    return out


def _limit_articles(checked: Checked) -> dict[str, set[tuple[str, str]]]:
    """Return, for each quantity the visit's format limits, the (edition, article) pairs the limit cites."""
    visit_format = checked.format
    if visit_format is None:
        return {}
    symbol = checked.bound.symbols.get(visit_format.name.text)
    edition = symbol.edition if symbol else None
    out: dict[str, set] = {}
    for limit in (i for i in visit_format.items if isinstance(i, t.Limit)):
        out.setdefault(limit.quantity.text, set()).update(_cited(edition, limit.citations))
    return out


def _articles(ceremony) -> set[tuple[str, str]]:
    """Return the (edition, article) pairs a called ceremony itself cites (not its steps)."""
    if ceremony is None or not isinstance(ceremony.node, t.Ceremony):
        return set()
    return _cited(ceremony.edition, ceremony.node.citations)


def _cited(edition: str | None, citations) -> set[tuple[str, str]]:
    return {(c.edition.text if c.edition else edition or "", article) for c in citations for article in c.articles}


def _default(bound) -> str | None:
    edition = bound.editions.get("state_protocol") or next(iter(bound.editions.values()), None)
    return edition.ref if edition else None


def _label(label: t.Label | None, fallback: str | None) -> dict | None:
    if label is None:
        return {"en": fallback, "kk": None} if fallback else None
    out = {"en": label.text, "kk": None}
    for translation in label.translations:
        out[translation.language] = translation.text
    return out


def _first(step, kind, field):
    found = next((i for i in (step.items or ()) if isinstance(i, kind)), None) if step is not None else None
    return getattr(found, field) if found is not None else None


def _roles(step: t.Step, facts, item: str) -> list[tuple[str, str | None]]:
    """Return the lead and the actors of `step` (each with the role it is an alternative of, if it is one:
    `flower_girl or flower_young_man`), leaving out actors whose condition does not hold."""
    roles: list[tuple[str, str | None]] = []
    for entry in step.items or ():
        if isinstance(entry, t.Lead):
            roles.append((entry.role.text, None))
        elif isinstance(entry, t.Actors):
            for actor in entry.actors:
                if facts.value(actor.guard, item) != NO:
                    roles.append((actor.ref.text, None))
                    roles += [(other.text, actor.ref.text) for other in actor.alternatives]
    return roles


def _for_this_call(row: dict, site, people: dict[str, list[t.Person]]) -> dict:
    """Keep, of a role several people fill, the person a detail of this call names.

    `credentials_ceremony { newly_appointed_ambassador "Ambassador of Nordland" }`
    holds that ambassador's presentation: the other ambassadors are not in it.
    """
    chosen = {d.name.text: d.label.text for d in site.call.details or ()
              if len(people.get(d.name.text, ())) > 1 and d.label is not None}
    if not chosen:
        return row
    return {**row, "participants": [p for p in row["participants"]
                                    if p["role"] not in chosen or p["person"] == chosen[p["role"]]]}


def _reconstructed(ranking, role: str) -> dict | None:
    """Return the restored precedence entry that places `role`, if the library had to restore it."""
    found = ranking.reconstructed.get(role)
    if found is None:
        return None
    number, reason, edition, citations = found
    return {"entry": number, "reason": _label(reason, None), "citation": cite(edition, citations)}


def _item_label(bound, item: str | None) -> dict | None:
    """Return the label of a checklist item in English and Kazakh: a step's reads `Ceremony: Step`."""
    if item is None:
        return None
    own = _symbol_label(bound, item, item)
    if "." not in item or bound.symbols.get(item.partition(".")[0]) is None:
        return own
    ceremony = _symbol_label(bound, item.partition(".")[0], item)
    return {language: f"{ceremony[language]}: {own[language]}" if ceremony.get(language) and own.get(language)
            else own.get(language) for language in own}


def _condition_label(bound, condition: str | None) -> dict | None:
    """Return the own label of the condition in `condition` ("not x" has x's label, as a contingency), or None."""
    if condition is None:
        return None
    name = condition.removeprefix("not ")
    return _symbol_label(bound, name, name)


def _participant(role: str | None, bound, names: dict[str, str]) -> dict | None:
    if role is None:
        return None
    return {"role": role, "label": _symbol_label(bound, role, role), "person": names.get(role)}


def _symbol_label(bound, name: str, fallback: str) -> dict:
    """Return the label of the declaration `name` in English and Kazakh, or `fallback` when it has none."""
    symbol = bound.symbols.get(name)
    return _label(getattr(symbol.node, "label", None) if symbol else None, fallback)


def _track_label(site) -> dict | None:
    """Return the label of the parallel track a call is in (its name when unlabelled), None for the main one."""
    if site.track is None:
        return None
    track = next((i for i in site.day.items if isinstance(i, t.TrackProgram) and i.name.text == site.track), None)
    return _label(track.label if track is not None else None, site.track)


def _responsible(step, ceremony) -> str | None:
    for node in (step, ceremony):
        found = _first(node, t.Responsible, "unit") if node is not None else None
        if found is not None:
            return found.text
    return None


def _place(bound, site, step, ceremony) -> dict | None:
    ref = _first(step, t.Venue, "place") if step is not None else None
    ref = ref or site.call.place or (_first(ceremony, t.Venue, "place") if ceremony else None)
    if ref is None:
        return None
    symbol = bound.lookup(ref)
    return {"name": ref.text, "label": _label(symbol.node.label if symbol else None, ref.text)}


def _duration(timeline: dict, key: str) -> int | None:
    start, end = timeline.get(f"{key}/s"), timeline.get(f"{key}/e")
    return end - start if start is not None and end is not None else None


def _cue_prefixes(checked: Checked) -> dict:
    prefixes, used = {}, {}
    for site in checked.calls:
        base = "".join(part[0] for part in re.split(r"_+", site.name) if part).upper()[:3] or "X"
        used[base] = used.get(base, 0) + 1
        prefixes[site] = base if used[base] == 1 else f"{base}{used[base]}"
    return prefixes


def _spouse(facts) -> dict | None:
    """Return the principal's spouse (`with_spouse "John Doe" male`) as name and sex, or None."""
    items = facts.principal.items or () if facts.principal is not None else ()
    spouse = next((i for i in items if isinstance(i, t.Spouse)), None)
    return {"name": spouse.name, "sex": spouse.sex} if spouse is not None else None


def _visit(facts, spouse: dict | None, checked: Checked) -> dict | None:
    if facts.visit is None:
        return None
    principal = facts.principal
    host = next((i.host.text for i in checked.format.items if isinstance(i, t.OnBehalfOf)), None) \
        if checked.format is not None else None
    out = {"kind": "visit" if isinstance(facts.visit, t.Visit) else "occasion",
           "format": facts.visit.format.text if isinstance(facts.visit, t.Visit) else facts.visit.kind.text,
           "principal": principal.person if principal else None,
           "spouse": spouse,
           "guest_kind": principal.kind.text if principal else None,
           "country": principal.country if principal else None,
           # The host in whose name the guest is received (`on_behalf_of` of the format).
           "on_behalf_of": {"role": host, "label": _symbol_label(checked.bound, host, host)} if host else None}
    for name in ("arrival", "departure"):
        moment = facts.events.get(name)
        out[name] = {"date": moment.date, "time": moment.time, "zone": moment.timezone or facts.zone} \
            if moment else None
    return out


def _contingencies(rows: list[dict], bound) -> list[dict]:
    by_condition: dict[str, list[str]] = {}
    for row in rows:
        if row["condition"]:
            by_condition.setdefault(row["condition"], []).append(row["cue"])
    # The label is the condition's own: "not ..." is in `condition`, and each
    # output words the negation in its language ("If not ...", "Егер болмаса: ...").
    return [{"condition": condition, "label": _symbol_label(bound, condition.removeprefix("not "),
                                                             condition.removeprefix("not ")), "rows": cues}
            for condition, cues in sorted(by_condition.items())]


def _value(value) -> str:
    if isinstance(value, t.TextValue):
        return value.text
    if isinstance(value, t.RefValue):
        return value.ref.text
    return f"{value.number} {value.unit}" if value.unit else value.number
