"""Draw a Plan as Graphviz DOT: the program's flow, and who meets whom where.

The flow: a cluster per day and per ceremony call, a node per row in order,
the parallel tracks forking off and joining back, rows that happen only under
an unknown condition as dashed branches labelled with their condition, and
deviations marked in red. The meetings: roles on one side, the ceremony
calls grouped by venue on the other, an edge where a role takes part.
A deviation from a step marks the step's node; one from a whole ceremony (or
from a limit of it) marks the ceremony's cluster, with its D-number as in the
run-sheet.

Every text goes through `_label`, which escapes quotes and backslashes and
marks the text as not-HTML, so a name such as `"];` or `<script>` stays a label.
"""

from __future__ import annotations

import re
import textwrap

import graphviz

import attrs

from ..plan.types import Call, Plan, Row
from .common import (boxes, call_of, calls_by_cue, clean, condition_parts, condition_text, day_heading, humanize, named,
                     own_deviations, roles, row_roles, span, track_text, venue_of, venues)
from .words import words

FONT = "DejaVu Sans"
WRAP = 48  # characters per line of a label
_NODE_ID = re.compile(r"[^A-Za-z0-9_]")


def diagrams(plan: Plan, lang: str, cues: frozenset[str] | None = None) -> dict[str, str]:
    """Return {"flow": DOT, "meetings": DOT} for `plan` in `lang` (only the rows `cues`, when given)."""
    rows = [row for row in plan.rows if cues is None or row.cue in cues]
    return {"flow": _flow(plan, rows, lang), "meetings": _meetings(plan, rows, lang)}


def _label(*parts: str) -> graphviz.quoting.NoHtml:
    # DOT escapes: a backslash and a quote are escaped, lines are joined with
    # DOT's own "\n"; nohtml() keeps "<...>" from being read as an HTML label.
    lines = [line for part in parts if part for line in textwrap.wrap(clean(part), WRAP) or [""]]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return graphviz.nohtml("\\n".join(escaped))


def _id(prefix: str, name: str) -> str:
    return f"{prefix}_{_NODE_ID.sub('_', name)}"


def _graph(name: str, title: str, rankdir: str) -> graphviz.Digraph:
    graph = graphviz.Digraph(name)
    graph.attr("graph", label=_label(title), labelloc="t", fontname=FONT, fontsize="14", rankdir=rankdir,
               newrank="true", nodesep="0.25", ranksep="0.35", compound="true")
    graph.attr("node", shape="box", style="rounded,filled", fillcolor="white", fontname=FONT, fontsize="10")
    graph.attr("edge", fontname=FONT, fontsize="9", color="#444444")
    return graph


def _flow(plan: Plan, rows: list[Row], lang: str) -> str:
    said = words(lang)
    title = f"{plan.scenario.label.text(lang)} — {said['flow']}"
    graph = _graph("flow", title, "TB")
    whole = calls_by_cue(plan)
    label_of = {box.condition: box.label.text(lang) for box in boxes(plan)}
    node = {row.cue: _id("row", row.cue) for row in rows}

    days: dict[str, list[Row]] = {}
    for row in rows:
        days.setdefault(row.start.date if row.start else "", []).append(row)
    for index, (date, day_rows) in enumerate(days.items()):
        with graph.subgraph(name=f"cluster_day_{index}") as day:
            day.attr(label=_label(day_heading(date, day_rows[0].day, lang) if date else ""), style="solid",
                     color="#999999", fontsize="12", labeljust="l")
            calls: dict[str, list[Row]] = {}
            for row in day_rows:
                calls.setdefault(call_of(row), []).append(row)
            for call, call_rows in calls.items():
                # A row stands in for a call the plan does not list; its deviations are its own.
                first = whole.get(call) or attrs.evolve(call_rows[0], deviations=())
                with day.subgraph(name=_id("cluster_call", f"{index}_{call}")) as cluster:
                    _flow_cluster(cluster, first, call, lang)
                    for row in call_rows:
                        _flow_node(cluster, row, node[row.cue], lang, own_deviations(row, whole.get(call)),
                                   label_of)
    _flow_edges(graph, rows, node, lang, label_of)
    loose = [d for d in plan.deviations if not d.rows and not d.calls]
    if loose:
        graph.node("deviations", label=_label(said["deviations"], *(
            f"{d.id} {named(d.target_label, d.target, lang)}: {_change(d, lang)} "
            f"({named(d.authority_label, d.authority, lang)})" for d in loose)),
            shape="note", style="filled", fillcolor="#fde2e2", color="#b00020")
    return graph.source


def _flow_cluster(cluster, call: Call | Row, cue: str, lang: str) -> None:
    """Label a call's cluster with its ceremony, its own time span, its track and its deviations."""
    said = words(lang)
    minutes = call.duration_minutes
    lines = [f"{cue} · {call.ceremony_label.text(lang) or humanize(call.ceremony)}",
             " · ".join(x for x in (span(call), f"{minutes} {said['min']}" if minutes else "") if x)]
    if call.track:
        lines.append(track_text(call, lang))
    attributes = {"color": "#888888"}
    for deviation in call.deviations:
        lines.append(f"{said['deviation']} {deviation.id}: {_change(deviation, lang)}")
        attributes.update(color="#b00020", penwidth="2", fontcolor="#b00020")
    cluster.attr(label=_label(*lines), style="rounded,filled", fillcolor="#e6eef8" if call.track else "#f0f0f0",
                 fontsize="11", **attributes)


def _change(deviation, lang: str) -> str:
    return deviation.change.text(lang) if deviation.change is not None else ""


def _flow_node(cluster, row, name, lang, deviations, label_of) -> None:
    said = words(lang)
    start = row.start.time if row.start else ""
    lines = [f"{row.cue}  {start}" + (" (F)" if row.fixed else ""),
             row.label.text(lang) or humanize(row.ceremony)]
    attributes = {}
    if row.condition:
        base, _ = condition_parts(row.condition)
        lines.append(condition_text(row.condition, label_of.get(base, base), lang))
        attributes.update(style="rounded,filled,dashed", fillcolor="#fff3cd")
    for deviation in deviations:
        lines.append(f"{said['deviation']} {deviation.id}: {_change(deviation, lang)}")
        attributes.update(color="#b00020", penwidth="2", fontcolor="#b00020")
    cluster.node(name, label=_label(*lines), **attributes)


def _flow_edges(graph, rows, node, lang, label_of) -> None:
    """Chain each track's rows in time order; branches fork at a condition and join at the next row."""
    said = words(lang)
    tracks: dict[str | None, list[Row]] = {}
    for row in rows:
        tracks.setdefault(row.track, []).append(row)
    for track, track_rows in tracks.items():
        frontier, pending = None, []  # the last row that always happens; open branches [condition, last node]
        for row in track_rows:
            here, condition = node[row.cue], row.condition
            if condition:
                branch = next((b for b in pending if b[0] == condition), None)
                if branch is not None:
                    graph.edge(branch[1], here)
                    branch[1] = here
                    continue
                if frontier is not None:
                    base, _ = condition_parts(condition)
                    graph.edge(frontier, here, label=_label(condition_text(condition, label_of.get(base, base),
                                                                           lang)), style="dashed")
                pending.append([condition, here])
                continue
            for _, last in pending:
                graph.edge(last, here, style="dashed")
            answered: dict[str, set[bool]] = {}
            for branch_condition, _ in pending:
                base, positive = condition_parts(branch_condition)
                answered.setdefault(base, set()).add(positive)
            if frontier is not None and (not pending or any(len(v) < 2 for v in answered.values())):
                # Where only one answer has rows, the other answer goes straight on.
                graph.edge(frontier, here, **({"label": _label(said["otherwise"]), "style": "dashed"}
                                              if pending else {}))
            frontier, pending = here, []
        if track is not None:
            _fork_and_join(graph, tracks.get(None, []), track_rows, node, track_text(track_rows[0], lang))


def _fork_and_join(graph, main: list[Row], track: list[Row], node, label: str) -> None:
    start = track[0].start.utc_minutes if track[0].start else None
    end = track[-1].end.utc_minutes if track[-1].end else start
    if start is None or not main:
        return
    before = [r for r in main if r.start and r.start.utc_minutes <= start and not r.condition]
    after = [r for r in main if r.start and r.start.utc_minutes >= end and not r.condition]
    if before:
        graph.edge(node[before[-1].cue], node[track[0].cue], label=_label(label), style="dashed",
                   color="#2b5ea7", fontcolor="#2b5ea7")
    if after:
        graph.edge(node[track[-1].cue], node[after[0].cue], style="dashed", color="#2b5ea7")


def _meetings(plan: Plan, rows: list[Row], lang: str) -> str:
    said = words(lang)
    title = f"{plan.scenario.label.text(lang)} — {said['meetings']}"
    graph = _graph("meetings", title, "LR")
    graph.attr("graph", ranksep="1.2")
    calls: dict[str, list[Row]] = {}
    for row in rows:
        calls.setdefault(call_of(row), []).append(row)
    whole = calls_by_cue(plan)
    taking_part = {r for row in rows for r in row_roles(row)}
    role_id = {}
    for role in roles(plan, lang):
        if role.name in taking_part:
            role_id[role.name] = f"role_{len(role_id)}"
            graph.node(role_id[role.name], label=_label(role.label, role.person or ""), shape="ellipse",
                       fillcolor="#e6eef8")
    venue_label = dict(venues(plan, lang))
    by_venue: dict[str, list[str]] = {}
    for call, call_rows in calls.items():
        by_venue.setdefault(venue_of(call_rows[0]) or "", []).append(call)
    for index, (venue, venue_calls) in enumerate(by_venue.items()):
        with graph.subgraph(name=f"cluster_venue_{index}") as cluster:
            cluster.attr(label=_label(venue_label.get(venue, "") or humanize(venue) or "—"), style="rounded,filled",
                         fillcolor="#f0f0f0", color="#888888")
            for call in venue_calls:
                first = whole.get(call) or calls[call][0]
                when = " ".join(x for x in (first.start.date if first.start else "", span(first)) if x)
                places = sorted({r.place.label.text(lang) for r in calls[call] if r.place}
                                - {venue_label.get(venue, "")})
                attributes = {"style": "rounded,filled,dashed", "fillcolor": "#fff3cd"} if all(
                    r.condition for r in calls[call]) else {}
                cluster.node(_id("call", call), label=_label(f"{call} · {first.ceremony_label.text(lang)}",
                                                             when, ", ".join(places)), **attributes)
    for call, call_rows in calls.items():
        for role in dict.fromkeys(r for row in call_rows for r in row_roles(row)):
            graph.edge(role_id[role], _id("call", call), arrowhead="none")
    return graph.source
