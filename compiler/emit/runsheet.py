"""Lay a Plan out as printable run-sheets: the master, one per role, one per venue, the principal's pocket card.

The module decides what each sheet shows (which rows, which stand-by rows,
which boxes and pages); the templates in compiler/templates/ only lay it out.
Print CSS gives landscape A4 with the header row on every page, rows that
never split, and a running header with page X of Y; the pocket card is A6.
"""

from __future__ import annotations

from attrs import frozen

from .changes import Changes, compare_plans
from .common import (arrival_minutes, boxes, call_of, clean, condition_text, date_span, day_heading,
                     humanize, relative_time, roles, row_deviations, row_roles, slug, text, venue_of, venues)
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
    duration: int
    end: str
    title: str
    action: str
    track: str
    place: str
    venue: str
    lead: str
    lead_person: str
    responsible: str
    participants: tuple[tuple[str, str], ...]
    trigger: str
    notes: tuple[str, ...]
    contingency: str
    box: str
    article: str  # "§ 21" of "§ 21 of state_protocol@2013"
    edition: str
    standby: bool
    changed: bool
    added: bool


@frozen
class Section:
    """The rows of one ceremony call, under its band."""

    day: str  # the day heading when this section opens a day, else ""
    band: str
    band_detail: str
    lines: list[Line]


@frozen
class View:
    """One sheet: its file stem, its name in the running header and the cues it shows."""

    stem: str
    kind: str
    name: str
    cues: tuple[str, ...]
    standby: frozenset[str]


def runsheets(plan: dict, lang: str, revision: int | None = None, previous: dict | None = None,
              role: str | None = None) -> dict[str, str]:
    """Return {file stem: HTML} for every sheet of `plan` in `lang` (only `role`'s sheet, when given).

    `revision` is printed in the running header; `previous` (the Plan of the
    last revision) marks changed rows with a bar and adds a page of changes.
    """
    said = words(lang)
    changes = compare_plans(previous, plan, lang) if previous is not None else None
    context = _shared(plan, lang, revision)
    by_cue = {row["cue"]: row for row in plan["rows"]}
    out = {}
    for view in _views(plan, lang, role):
        shown = set(view.cues)
        lines = {cue: _line(plan, by_cue[cue], lang, context, cue in view.standby, changes) for cue in view.cues}
        if view.kind == "pocket":
            out[view.stem] = render_template("pocket.html.j2", view=view, items=_pocket(plan, lang, view.cues),
                                             said=said, **context)
            continue
        view_changes = _changes_for(changes, previous, view, lang) if changes is not None else None
        out[view.stem] = render_template(
            "runsheet.html.j2", view=view, sections=_sections(plan, lang, view.cues, lines),
            shown_boxes=[b for b in context["boxes"] if shown & set(b.when_yes + b.when_no)],
            titles={cue: lines[cue].title if cue in lines else text(by_cue[cue]["label"], lang) for cue in by_cue},
            times={cue: (by_cue[cue]["start"] or {}).get("time", "") for cue in by_cue},
            changes=view_changes, show_pages=view.kind == "master", said=said, **context)
    return out


def _shared(plan: dict, lang: str, revision: int | None) -> dict:
    said = words(lang)
    editions = ", ".join(e["ref"] for e in plan["editions"])
    return {
        "lang": lang,
        "title": text(plan["scenario"]["label"], lang) or clean(plan["scenario"]["name"]),
        "dates": date_span(plan),
        "time_zone": plan["time_zone"],
        "tzdata": plan["tzdata"],
        "editions": editions,
        "revision": f"{said['revision']} {revision}" if revision is not None else said["draft"],
        "boxes": boxes(plan),
        "checklist": [{"label": clean(c["label"] or c["condition"]), "settled_by": humanize(c["settled_by"]),
                       "citation": clean(c["citation"] or "")} for c in plan["checklist"]],
        "agreed": [{"item": humanize(a["item"]), "value": clean(str(a["value"]))} for a in plan["agreed"]],
        "deviations": [{"target": clean(d["target"]), "change": text(d["change"], lang),
                        "reason": clean(d["reason"] or ""), "authority": humanize(d["authority"]),
                        "citation": clean(d["citation"] or "")} for d in plan["deviations"]],
        "deviated": row_deviations(plan),
        "arrival": arrival_minutes(plan),
        "principal": clean((plan.get("visit") or {}).get("principal") or ""),
    }


def _views(plan: dict, lang: str, role: str | None) -> list[View]:
    said = words(lang)
    rows = plan["rows"]
    everything = tuple(row["cue"] for row in rows)
    views = []
    if role is None:
        views.append(View("master", "master", said["master"], everything, frozenset()))
    for who in roles(plan):
        if role is not None and who.name != role:
            continue
        # The row before each of the role's rows is shown too, as the stand-by.
        taking_part = [i for i, row in enumerate(rows) if who.name in row_roles(row)]
        standby = {i - 1 for i in taking_part if i > 0} - set(taking_part)
        shown = sorted(set(taking_part) | standby)
        name = f"{said['role']}: {who.label}" + (f" ({who.person})" if who.person else "")
        views.append(View(f"role-{slug(who.name)}", "role", name, tuple(rows[i]["cue"] for i in shown),
                          frozenset(rows[i]["cue"] for i in standby)))
    if role is not None:
        return views
    principal = clean((plan.get("visit") or {}).get("principal") or "") or said["principal"]
    views.append(View("pocket", "pocket", f"{said['pocket']}: {principal}",
                      tuple(row["cue"] for row in rows if not row["track"]), frozenset()))
    for name, label in venues(plan, lang):
        views.append(View(f"venue-{slug(name)}", "venue", f"{said['venue']}: {label}",
                          tuple(row["cue"] for row in rows if venue_of(row) == name), frozenset()))
    return views


def _line(plan: dict, row: dict, lang: str, context: dict, standby: bool, changes: Changes | None) -> Line:
    said = words(lang)
    start, end = row["start"] or {}, row["end"] or {}
    place = row["place"] or {}
    venue = venue_of(row)
    venue_label = dict(venues(plan, lang)).get(venue, "") if venue and venue != place.get("name") else ""
    box = next((b for b in context["boxes"] if row["cue"] in b.when_yes + b.when_no), None)
    notes = [text(note, lang) for note in row["notes"]]
    notes += [f"{said['order']} ({clean(o['name'])}): " + " → ".join(humanize(x) for x in o["order"])
              + (f" ({_article(o['citation'])})" if o.get("citation") else "") for o in row["orderings"]]
    if row["details"]:
        notes.append(f"{said['documents']}: " + "; ".join(f"{text(d['label'], lang)} ({humanize(d['kind'])})"
                                                        for d in row["details"]))
    notes += [f"{said['deviation']}: {text(d['change'], lang)} — {said['authority']}: {humanize(d['authority'])}"
              + (f" ({_article(d['citation'])})" if d.get("citation") else "") for d in context["deviated"].get(
                  row["cue"], ())]
    lead = row["lead"]
    title = text(row["label"], lang) or humanize(row["ceremony"])
    action = text(row["action"], lang)
    # "§ 21 of state_protocol@2013": the article reads first, the edition in small print.
    article, _, edition = clean(row["citation"] or "").partition(" of ")
    return Line(
        cue=row["cue"], anchor=f"cue-{slug(row['cue'])}", time=start.get("time", ""), fixed=bool(row["fixed"]),
        relative=relative_time(row, context["arrival"]), duration=row["duration_minutes"] or 0,
        end=end.get("time", ""), title=title, action=action if action != title else "",
        track=clean(row["track"] or ""), place=text(place.get("label"), lang) or clean(place.get("name") or ""),
        venue=venue_label, lead=clean(lead["label"]) if lead else "",
        lead_person=clean(lead.get("person") or "") if lead else "",
        responsible=humanize(row["responsible"]) if not lead else "",
        participants=tuple((clean(p["label"]), clean(p.get("person") or "")) for p in row["participants"]),
        trigger=text(row["trigger"], lang), notes=tuple(n for n in notes if n),
        contingency=condition_text(row["condition"], box.label, lang) if box and row["condition"] else "",
        box=box.id if box and row["condition"] else "", article=article, edition=edition, standby=standby,
        changed=changes is not None and (row["cue"] in changes.changed or row["cue"] in changes.added),
        added=changes is not None and row["cue"] in changes.added)


def _article(citation: str) -> str:
    # "§ 31 of state_protocol@2013" in a narrow column: the edition is in the running footer.
    return clean(citation).partition(" of ")[0]


def _sections(plan: dict, lang: str, cues: tuple[str, ...], lines: dict[str, Line]) -> list[Section]:
    said = words(lang)
    shown = set(cues)
    sections: list[Section] = []
    call = day = None
    for row in plan["rows"]:
        if row["cue"] not in shown:
            continue
        date = (row["start"] or {}).get("date")
        if not sections or date != day or call != call_of(row):
            ceremony = text(row["ceremony_label"], lang) or humanize(row["ceremony"])
            track = f" · {said['track']}: {clean(row['track'])}" if row["track"] else ""
            line = lines[row["cue"]]
            detail = " · ".join(x for x in ((row["start"] or {}).get("time", ""), line.venue or line.place) if x)
            heading = day_heading(date, row["day"], lang) if date and date != day else ""
            sections.append(Section(heading, f"{call_of(row)} · {ceremony}{track}", detail, []))
            call, day = call_of(row), date
        sections[-1].lines.append(lines[row["cue"]])
    return sections


def _pocket(plan: dict, lang: str, cues: tuple[str, ...]) -> list[dict]:
    # One entry per ceremony call: the principal needs the program, not the steps.
    shown, items, seen = set(cues), [], set()
    day = None
    box_label = {cue: box.label for box in boxes(plan) for cue in box.when_yes + box.when_no}
    venue_labels = dict(venues(plan, lang))
    for row in plan["rows"]:
        if row["cue"] not in shown or call_of(row) in seen:
            continue
        seen.add(call_of(row))
        date = (row["start"] or {}).get("date")
        place = row["place"] or {}
        venue = venue_of(row)
        items.append({
            "day": day_heading(date, row["day"], lang) if date and date != day else "",
            "time": (row["start"] or {}).get("time", ""),
            "fixed": row["fixed"],
            "action": text(row["ceremony_label"], lang) or humanize(row["ceremony"]),
            "place": venue_labels.get(venue, "") if venue else text(place.get("label"), lang),
            "condition": condition_text(row["condition"], box_label.get(row["cue"], row["condition"]), lang)
            if row["condition"] else "",
        })
        day = date
    return items


def _changes_for(changes: Changes, previous: dict, view: View, lang: str) -> dict:
    """Return the changes that concern the rows of `view`, for its first page."""
    shown = set(view.cues)
    removed = changes.removed
    if view.kind == "role":
        role = view.stem.removeprefix("role-")
        removed = tuple(r for r in removed if role in (slug(x) for x in row_roles(r)))
    elif view.kind == "venue":
        venue = view.stem.removeprefix("venue-")
        removed = tuple(r for r in removed if slug(venue_of(r) or "") == venue)
    return {
        "changed": [(cue, changes.changed[cue]) for cue in view.cues if cue in changes.changed],
        "added": [cue for cue in changes.added if cue in shown],
        "removed": [(clean(r.get("cue", "")), text(r.get("label"), lang)) for r in removed],
        "general": list(changes.general) if view.kind == "master" else [],
        "previous": clean(str((previous.get("scenario") or {}).get("name", ""))),
    }

