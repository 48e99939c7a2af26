"""Lay a Plan out as printable run-sheets: the master, one per role, one per venue, the principal's pocket card.

The module decides what each sheet shows (which rows, which stand-by rows,
which boxes and pages): `runsheet_views` builds each sheet's view data once,
and two templates lay the same data out, the HTML one (runsheet_html) and the
Typst one that prints it (pdf.py, compiler/templates/typst/). Both give
landscape A4 with the header row on every page, rows that never split, and a
running header with page X of Y; the pocket card is A6.
"""

from __future__ import annotations

from attrs import frozen

from .changes import Changes, compare_plans
from .footnotes import Cited, articles_cited, cited, compiler_notes, restored_legend
from .common import (arrival_minutes, boxes, call_of, calls_by_cue, citation_text, clean, condition_parts,
                     condition_text, date_span, day_heading, duration_text, humanize, named, ordering_condition,
                     own_deviations, places, relative_time, role_files, roles, row_roles, slug, span, text, track_text,
                     venue_files, venue_of, venues)
from ..clock import ClockError, from_utc_minutes
from ..plan.types import Citation, Ordering, Plan, Row, Transfer
from .pages import arrangements, checklist
from .templating import render_template
from .words import words


@frozen
class Line:
    """One row of a sheet, as printed."""

    cue: str
    anchor: str
    time: str
    fixed: bool
    relative: str
    duration: str  # "3", or "≈3" when the step has no duration of its own
    estimated: bool
    open_ended: bool  # no duration in the rules: the row shows its start and no end
    end: str
    title: str
    action: str
    track: str
    place: str
    venue: str
    lead: str
    lead_person: str
    responsible: str
    participants: tuple[tuple[str, tuple[str, ...], bool], ...]  # a place, its people, whether its position
    # rests on a restored precedence entry (marked †)
    trigger: str
    notes: tuple[str, ...]
    deviations: tuple[tuple[str, str], ...]  # (D1, what the deviation changes, who allowed it)
    contingency: str
    box: str
    citations: tuple[Cited, ...]  # "§ 184, 186" of "§ 184, 186 of state_protocol@2024", each linked to its entry
    standby: bool
    changed: bool
    added: bool
    arrival_day: bool = False  # the row is on the day of the arrival, which "+H:MM from arrival" counts from


@frozen
class Section:
    """The rows of one ceremony call, under its band."""

    day: str  # the day heading when this section opens a day, else ""
    anchor: str  # "call-NN" on the first band of a call, for links from the deviations page
    band: str
    track: str  # the label of the call's parallel track, "" for the main program
    band_detail: str  # the call's own time span, its minutes and its place
    deviations: tuple[tuple[str, str], ...]  # deviations from the ceremony as a whole, as on a Line
    lines: list[Line]
    date_heading: str = ""  # the heading of the section's day, also when it continues a day


@frozen
class View:
    """One sheet: its file stem, its name in the running header and the cues it shows."""

    stem: str
    kind: str
    name: str
    cues: tuple[str, ...]
    standby: frozenset[str]
    deviations: tuple[str, ...] = ()  # the ids of the deviations its rows show, listed on its last page
    subject: str = ""  # the role or venue a role's or venue's sheet is for


@frozen
class Sheet:
    """One sheet's view data: what its HTML template and its Typst template both lay out."""

    stem: str
    kind: str  # master, role, venue, pocket
    template: str  # "runsheet" or "pocket": compiler/templates/<template>.html.j2 and typst/<template>.typ
    context: dict  # the names the templates read


def runsheets(plan: Plan, lang: str, revision: int | None = None, previous: Plan | None = None,
              role: str | None = None) -> dict[str, str]:
    """Return {file stem: HTML} for every sheet of `plan` in `lang` (only `role`'s sheet, when given)."""
    return {stem: runsheet_html(sheet) for stem, sheet in runsheet_views(plan, lang, revision, previous, role).items()}


def runsheet_html(sheet: Sheet) -> str:
    """Lay one sheet's view data out as HTML."""
    return render_template(f"{sheet.template}.html.j2", **sheet.context)


def runsheet_views(plan: Plan, lang: str, revision: int | None = None, previous: Plan | None = None,
                   role: str | None = None) -> dict[str, Sheet]:
    """Return {file stem: view data} for every sheet of `plan` in `lang` (only `role`'s sheet, when given).

    `revision` is printed in the running header; `previous` (the Plan of the
    last revision) marks changed rows with a bar and adds a page of changes.
    """
    said = words(lang)
    changes = compare_plans(previous, plan, lang) if previous is not None else None
    context = _shared(plan, lang, revision)
    by_cue = {row.cue: row for row in plan.rows}
    out = {}
    for view in _views(plan, lang, role):
        shown = set(view.cues)
        # The master lists every article the plan cites; a role's or venue's sheet those of its rows.
        articles = articles_cited(plan, lang, None if view.kind == "master" else view.cues)
        anchors = frozenset(entry.anchor for group in articles for entry in group.entries)
        lines = {cue: _line(plan, by_cue[cue], lang, context, cue in view.standby, changes, anchors)
                 for cue in view.cues}
        if view.kind == "pocket":
            items = _pocket(plan, lang)
            out[view.stem] = Sheet(view.stem, view.kind, "pocket", {
                "view": view, "items": items, "days": _pocket_days(items), "said": said, **context})
            continue
        view_changes = _changes_for(changes, previous, view, lang) if changes is not None else None
        listed = set(view.deviations)
        calls_shown = {call_of(by_cue[cue]) for cue in view.cues}
        view_deviations = [
            {**d, "applies_to": [(call, f"call-{slug(call)}" if call in calls_shown else "") for call in d["calls"]]
             + [(cue, f"cue-{slug(cue)}" if cue in shown else "") for cue in d["rows"]]}
            for d in context["deviations"] if view.kind == "master" or d["id"] in listed]
        out[view.stem] = Sheet(view.stem, view.kind, "runsheet", dict(
            view=view, sections=_sections(plan, lang, view.cues, lines, context),
            shown_boxes=[b for b in context["boxes"] if shown & set(b.when_yes + b.when_no)],
            shown_cues=shown,  # a box lists rows of other sheets too: only those shown here are links
            titles={cue: lines[cue].title if cue in lines else text(by_cue[cue].label, lang) for cue in by_cue},
            estimated=any(line.estimated for line in lines.values()),
            open_ended=any(line.open_ended for line in lines.values()),
            customary=any(line.duration.startswith("~") for line in lines.values()),
            times={cue: row.start.time if row.start is not None else "" for cue, row in by_cue.items()},
            # Every sheet that marks a deviation lists it, so that the marker's link has a target.
            view_deviations=view_deviations, articles=articles,
            restored=restored_legend([by_cue[cue] for cue in view.cues], lang),
            notes=compiler_notes(plan) if view.kind == "master" else [],
            changes=view_changes, show_pages=view.kind == "master", said=said,
            columns=_columns_used(lines.values()), **context))
    return out


def _columns_used(lines) -> dict[str, bool]:
    """Return which of the columns that many sheets leave empty hold something on this one (print drops the rest)."""
    lines = list(lines)
    return {"trigger": any(line.trigger for line in lines),
            "notes": any(line.notes or line.deviations for line in lines),
            "contingency": any(line.box for line in lines),
            "lead": any(line.lead or line.responsible for line in lines),
            "citation": any(line.citations for line in lines)}


def _pocket_days(items: list[dict]) -> list[dict]:
    """Group the pocket card's items by day: each day is printed on a card of its own."""
    days: list[dict] = []
    for item in items:
        if item["day"] or not days:
            days.append({"day": item["day"], "items": []})
        days[-1]["items"].append(item)
    return days


def _shared(plan: Plan, lang: str, revision: int | None) -> dict:
    said = words(lang)
    editions = ", ".join(e.ref for e in plan.editions)
    visit = plan.visit
    spouse = visit.spouse if visit is not None else None
    host = visit.on_behalf_of if visit is not None else None
    return {
        "lang": lang,
        "title": text(plan.scenario.label, lang) or clean(plan.scenario.name),
        "dates": date_span(plan),
        "time_zone": plan.time_zone,
        "tzdata": plan.tzdata,
        "editions": editions,
        "revision": f"{said['revision']} {revision}" if revision is not None else said["draft"],
        "boxes": boxes(plan),
        "box_labels": {box.id: text(box.label, lang) for box in boxes(plan)},
        "checklist": checklist(plan, lang),
        "arrangements": arrangements(plan, lang),
        "agreed": [{"item": humanize(a.item), "value": clean(str(a.value))} for a in plan.agreed],
        "deviations": [{"id": d.id, "target": clean(d.target),
                        "target_label": named(d.target_label, d.target, lang),
                        "change": text(d.change, lang), "reason": clean(d.reason or ""),
                        "authority": named(d.authority_label, d.authority, lang),
                        "citation": citation_text(d.citation), "calls": d.calls,
                        # A call stands for all its rows; only a step's own row is listed by itself.
                        "rows": tuple(cue for cue in d.rows if cue.rsplit("-", 1)[0] not in d.calls)}
                       for d in plan.deviations],
        "calls": calls_by_cue(plan),
        "arrival": arrival_minutes(plan),
        "arrival_date": _arrival_date(plan),
        "principal": clean((visit.principal if visit is not None else None) or ""),
        "spouse": f"{said['spouse'][spouse.sex]}: {clean(spouse.name)}" if spouse is not None and spouse.name else "",
        # The host in whose name the guest is received (the Government, for the head of an organization).
        "on_behalf_of": said["on_behalf_of"].format(named(host.label, host.role, lang))
        if host is not None and host.role else "",
    }


def _arrival_date(plan: Plan) -> str:
    """Return the local date of the guest's arrival, in the zone the sheets show, or ""."""
    arrival = arrival_minutes(plan)
    if arrival is None:
        return ""
    try:
        return from_utc_minutes(arrival, plan.time_zone)[0]
    except (ClockError, ValueError):
        return ""


def _views(plan: Plan, lang: str, role: str | None) -> list[View]:
    said = words(lang)
    rows = plan.rows
    everything = tuple(row.cue for row in rows)
    views = []
    role_stems, venue_stems = role_files(plan), venue_files(plan)
    if role is None:
        views.append(View("master", "master", said["master"], everything, frozenset()))
    for who in roles(plan, lang):
        if role is not None and who.name != role:
            continue
        # The row before each of the role's rows is shown too, as the stand-by.
        taking_part = [i for i, row in enumerate(rows) if who.name in row_roles(row)]
        standby = {i - 1 for i in taking_part if i > 0} - set(taking_part)
        shown = sorted(set(taking_part) | standby)
        name = f"{said['role']}: {who.label}" + (f" ({who.person})" if who.person else "")
        views.append(View(f"role-{role_stems[who.name]}", "role", name, tuple(rows[i].cue for i in shown),
                          frozenset(rows[i].cue for i in standby), subject=who.name))
    if role is None:
        principal = clean((plan.visit.principal if plan.visit is not None else None) or "") or said["principal"]
        views.append(View("pocket", "pocket", f"{said['pocket']}: {principal}",
                          tuple(row.cue for row in rows if not row.track), frozenset()))
        for name, label in venues(plan, lang):
            views.append(View(f"venue-{venue_stems[name]}", "venue", f"{said['venue']}: {label}",
                              tuple(row.cue for row in rows if venue_of(row) == name), frozenset(),
                              subject=name))
    by_cue = {row.cue: row for row in rows}
    return [View(v.stem, v.kind, v.name, v.cues, v.standby,
                 tuple(dict.fromkeys(d.id for cue in v.cues for d in by_cue[cue].deviations)),
                 v.subject)
            for v in views]


def _line(plan: Plan, row: Row, lang: str, context: dict, standby: bool, changes: Changes | None,
          anchors: frozenset[str]) -> Line:
    said = words(lang)
    start, end, place = row.start, row.end, row.place
    venue = venue_of(row)
    venue_label = dict(venues(plan, lang)).get(venue, "") if venue and venue != place.name else ""
    box = next((b for b in context["boxes"] if row.cue in b.when_yes + b.when_no), None)
    notes = [text(note, lang) for note in row.notes]
    # "Order (documents), if by agreement of the parties: Interstate → Intergovernmental (§ 39)".
    notes += [f"{said['order']} ({clean(o.name)})"
              + (said["order_condition"].format(when) if (when := ordering_condition(o, lang)) else "")
              + ": " + _order(o, lang) + (f" ({_article(o.citation)})" if o.citation else "")
              for o in row.orderings]
    if row.details:
        notes.append(f"{said['documents']}: " + "; ".join(f"{text(d.label, lang)} ({humanize(d.kind)})"
                                                        for d in row.details))
    lead = row.lead
    title = text(row.label, lang) or humanize(row.ceremony)
    action = text(row.action, lang)
    return Line(
        cue=row.cue, anchor=f"cue-{slug(row.cue)}", time=start.time if start else "", fixed=row.fixed,
        relative=relative_time(row, context["arrival"]), duration=duration_text(row),
        estimated=row.duration_estimated, open_ended=row.no_end,
        end=end.time if end else "", title=title, action=action if action != title else "",
        track=track_text(row, lang),
        place=(text(place.label, lang) or clean(place.name)) if place else "",
        venue=venue_label, lead=text(lead.label, lang) if lead else "",
        lead_person=clean(lead.person or "") if lead else "",
        responsible=named(row.responsible_label, row.responsible, lang) if not lead else "",
        participants=tuple((place.label, place.persons, place.restored) for place in places(row, lang)),
        trigger=text(row.trigger, lang), notes=tuple(n for n in notes if n),
        deviations=_deviation_notes(own_deviations(row, context["calls"].get(call_of(row))), lang),
        contingency=condition_text(row.condition, text(box.label, lang), lang) if box and row.condition else "",
        box=box.id if box and row.condition else "",
        # "§ 21 of state_protocol@2013": the articles first, each a link to its entry; the edition in small print.
        citations=cited(row.citation, anchors), standby=standby,
        changed=changes is not None and (row.cue in changes.changed or row.cue in changes.added),
        added=changes is not None and row.cue in changes.added,
        arrival_day=bool(context["arrival_date"]) and start is not None and start.date == context["arrival_date"])


def _order(ordering: Ordering, lang: str) -> str:
    """Return an ordering rule as read on the day: "Guest country → Host country", or "Rector (first)"."""
    said = words(lang)
    position = ordering.position
    if position:
        name = ordering.order[0].removesuffix(f" {position}")
        label = (ordering.order_labels or (None,))[0]
        return f"{named(label, name, lang)} ({said['positions'].get(position, clean(position))})"
    labels = ordering.order_labels or (None,) * len(ordering.order)
    return " → ".join(named(label, name, lang) for label, name in zip(labels, ordering.order))


def _deviation_notes(deviations, lang: str) -> tuple[tuple[str, str], ...]:
    said = words(lang)
    return tuple((d.id, f"{said['deviation']}: {text(d.change, lang)} — {said['authority']}: "
                  f"{named(d.authority_label, d.authority, lang)}"
                  + (f" ({_article(d.citation)})" if d.citation else "")) for d in deviations)


def _article(citation: Citation) -> str:
    # "§ 31 of state_protocol@2013" in a narrow column: the edition is in the running footer.
    return citation_text(citation).partition(" of ")[0]


def _sections(plan: Plan, lang: str, cues: tuple[str, ...], lines: dict[str, Line], context: dict) -> list[Section]:
    said = words(lang)
    shown = set(cues)
    sections: list[Section] = []
    # The way between two calls the sheet shows one after the other (the motorcade from one venue to the next).
    ways = {(w.after, w.before): w for w in plan.transfers}
    call = day = None
    opened: set[str] = set()
    for row in plan.rows:
        if row.cue not in shown:
            continue
        date = row.start.date if row.start is not None else None
        if not sections or date != day or call != call_of(row):
            # A row stands in for a call the plan does not list; its deviations are then its own.
            whole = context["calls"].get(call_of(row))
            band_deviations = whole.deviations if whole is not None else ()
            whole = whole or row
            ceremony = text(whole.ceremony_label, lang) or humanize(row.ceremony)
            line = lines[row.cue]
            # The band gives the ceremony's own time, not its first step's: a
            # step may start after the ceremony opens, and the last ends before it closes.
            minutes = whole.duration_minutes
            place = (text(whole.place.label, lang) if whole.place else "") or line.venue or line.place
            # What no step with a duration accounts for is said, not spread over the steps.
            free = getattr(whole, "unallocated_minutes", None)
            detail = " · ".join(x for x in (span(whole), f"{minutes} {said['min']}" if minutes else "",
                                            said["unallocated"].format(free) if free else "", place) if x)
            heading = day_heading(date, row.day, lang) if date and date != day else ""
            way = ways.get((call, call_of(row)))
            # Only between calls the holder attends: not after a row shown only as the stand-by.
            if way is not None and not heading and not all(line.standby for line in sections[-1].lines):
                sections.append(_transfer_section(way, lang, day_heading(date, row.day, lang) if date else ""))
            anchor = "" if call_of(row) in opened else f"call-{slug(call_of(row))}"
            opened.add(call_of(row))
            sections.append(Section(heading, anchor, f"{call_of(row)} · {ceremony}", track_text(whole, lang), detail,
                                    _deviation_notes(band_deviations, lang), [],
                                    day_heading(date, row.day, lang) if date else ""))
            call, day = call_of(row), date
        sections[-1].lines.append(lines[row.cue])
    return sections


def _transfer_section(way: Transfer, lang: str, date_heading: str) -> Section:
    """Return the band of a transfer: from where to where, when, how long, and the free time or the shortfall."""
    said = words(lang)
    band = f"{said['transfer']}: {text(way.origin.label, lang)} → {text(way.destination.label, lang)}"
    leaves, arrives = way.leaves.time, way.arrives.time if way.arrives is not None else None
    if way.minutes is None:
        detail = f"{leaves} · {said['travel_unknown']}"
    else:
        free = way.free_minutes
        detail = " · ".join((f"{leaves}–{arrives}", f"{way.minutes} {said['min']}",
                             said["free_time"].format(free) if free >= 0 else said["too_short"].format(-free)))
    return Section("", "", band, "", detail, (), [], date_heading)


def _pocket(plan: Plan, lang: str) -> list[dict]:
    # One entry per ceremony call of the main program: the principal needs the program, not the steps.
    items, day = [], None
    label_of = {box.condition: box.label for box in boxes(plan)}
    venue_labels = dict(venues(plan, lang))
    for call in plan.calls:
        if call.track:
            continue
        date = call.start.date if call.start is not None else None
        venue = venue_of(call)
        condition = call.condition
        label = label_of.get(condition_parts(condition)[0]) if condition else None
        items.append({
            "day": day_heading(date, call.day, lang) if date and date != day else "",
            "time": call.start.time if call.start is not None else "",
            "end": call.end.time if call.end is not None and call.duration_minutes else "",
            "fixed": call.fixed,
            "action": text(call.ceremony_label, lang) or humanize(call.ceremony),
            "place": venue_labels.get(venue, "") if venue else text(call.place.label if call.place else None, lang),
            "condition": condition_text(condition, text(label, lang) if label is not None else clean(condition), lang)
            if condition else "",
        })
        day = date or day
    return items


def _changes_for(changes: Changes, previous: Plan, view: View, lang: str) -> dict:
    """Return the changes that concern the rows of `view`, for its first page."""
    shown = set(view.cues)
    removed = changes.removed
    if view.kind == "role":
        removed = tuple(r for r in removed if view.subject in row_roles(r))
    elif view.kind == "venue":
        removed = tuple(r for r in removed if venue_of(r) == view.subject)
    return {
        "changed": [(cue, changes.changed[cue]) for cue in view.cues if cue in changes.changed],
        "added": [cue for cue in changes.added if cue in shown],
        "removed": [(clean(r.cue), text(r.label, lang)) for r in removed],
        "general": list(changes.general) if view.kind == "master" else [],
        "previous": clean(previous.scenario.name),
    }

