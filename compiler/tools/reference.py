"""Write the reference documentation of the standard library, one Markdown page per edition.

Each page lists the edition's formats (guest kinds, limits, windows, rules) and
ceremonies (place, duration, responsible service, steps with their actors,
order and conditions), each with its articles, then the conditions, roles,
offices, units, places, levels, guest kinds, quantities and state symbols with
their labels in English and Kazakh, and the articles marked informative. Regenerate with `rasim reference -o docs/stdlib`;
a test fails when the committed pages are stale.
"""

from __future__ import annotations

from pathlib import Path

from .. import tree as t
from ..tree.unparse import INLINE
from ..library.load import EditionBody, Library


def write_reference(library: Library, folder: Path) -> list[Path]:
    """Write one page per edition of `library` (and an index) into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    lines = ["# Standard library reference", "",
             "Generated from stdlib/ by `rasim reference -o docs/stdlib`; do not edit by hand.", ""]
    for ref, edition in sorted(library.editions.items()):
        name = ref.replace("@", "-") + ".md"
        page = folder / name
        page.write_text(_page(edition), encoding="utf-8")
        written.append(page)
        start, end = edition.in_force
        lines.append(f"- [{ref}]({name}): {_title(edition)}, in force {start or '?'} .. {end or 'now'}")
    index = folder / "README.md"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [index] + written


# The kinds of declaration listed in a table of names each, with both labels.
NAMED_KINDS = (("role", "Roles"), ("office", "Offices"), ("unit", "Units"), ("place", "Places"),
               ("level", "Levels"), ("guest kind", "Guest kinds"), ("quantity", "Quantities"),
               ("state symbol", "State symbols"))


def _names_table(edition: EditionBody, kind: str, title: str) -> list[str]:
    """Return a table of the edition's declarations of `kind` (nested ones by their dotted names)."""
    symbols = sorted((s for s in edition.symbols.values() if s.kind == kind), key=lambda s: s.name)
    if not symbols:
        return []
    out = [f"## {title}", "", f"| {kind} | English | Kazakh | articles |", "|---|---|---|---|"]
    out += [f"| `{s.name}` | {_cell(s.node, 'en')} | {_cell(s.node, 'kk')} | {_cites(s.node.citations or ())} |"
            for s in symbols]
    return out + [""]


def _cell(node, language: str) -> str:
    """Return the label of `node` in `language` ("en" is the label itself), fit for a table cell."""
    label = getattr(node, "label", None)
    if label is None:
        return ""
    text = label.text if language == "en" else next(
        (tr.text for tr in label.translations if tr.language == language), "")
    return text.replace("|", "/")


def _title(edition: EditionBody) -> str:
    if edition.declaration is not None and edition.declaration.label is not None:
        return edition.declaration.label.text
    return edition.ref


def _label(node) -> str:
    label = getattr(node, "label", None)
    if label is None:
        return ""
    kk = next((tr.text for tr in label.translations if tr.language == "kk"), None)
    return label.text + (f" / {kk}" if kk else "")


def _cites(citations) -> str:
    return "; ".join("§ " + ", ".join(c.articles) + (f" of {c.edition.text}" if c.edition else "")
                     for c in citations)


def _line(node) -> str:
    text = INLINE[type(node)](node).replace("\x00", " ")
    return f"`{text}`"


def _page(edition: EditionBody) -> str:
    nodes = [item for _, _, parsed in edition.files for item in parsed.module.items]
    out = [f"# {edition.ref}: {_title(edition)}", ""]
    start, end = edition.in_force
    out += [f"In force {start or '?'} .. {end or 'now'}; original language: {edition.language or '?'}.", ""]
    formats = sorted((n for n in nodes if isinstance(n, t.Format)), key=lambda n: n.name.text)
    if formats:
        out += ["## Visit formats", ""]
        for node in formats:
            out += [f"### `{node.name.text}`: {_label(node)}", ""]
            if node.citations:
                out += [f"Articles: {_cites(node.citations)}", ""]
            out += [f"- {_line(item)}" for item in node.items] + [""]
    ceremonies = sorted((n for n in nodes if isinstance(n, t.Ceremony)), key=lambda n: n.name.text)
    if ceremonies:
        out += ["## Ceremonies", ""]
        for node in ceremonies:
            out += [f"### `{node.name.text}`: {_label(node)}", ""]
            if node.citations:
                out += [f"Articles: {_cites(node.citations)}", ""]
            for item in node.items:
                if isinstance(item, t.Step):
                    out.append(f"- step `{item.name.text}`: {_label(item)}"
                               + (f" ({_cites(item.citations)})" if item.citations else ""))
                    out += [f"  - {_line(part)}" for part in item.items or ()]
                elif isinstance(item, t.Parallel):
                    out.append("- parallel: " + "; ".join(_line(track) for track in item.tracks))
                else:
                    out.append(f"- {_line(item)}")
            out.append("")
    conditions = sorted((n for n in nodes if isinstance(n, t.Condition)), key=lambda n: n.name.text)
    if conditions:
        out += ["## Conditions", "", "| condition | English | Kazakh | settled by | articles |", "|---|---|---|---|---|"]
        out += [f"| `{n.name.text}` | {_cell(n, 'en')} | {_cell(n, 'kk')} | {n.settled_by or ''} | "
                f"{_cites(n.citations)} |" for n in conditions]
        out.append("")
    for kind, title in NAMED_KINDS:
        out += _names_table(edition, kind, title)
    informative = [n for n in nodes if isinstance(n, t.Informative)]
    if informative:
        out += ["## Articles without effect on a scenario", ""]
        out += [f"- {_cites((n.citation,))}: {n.reason}" for n in
                sorted(informative, key=lambda n: [int(x) if x.isdigit() else 0 for x in n.citation.articles[0].split(".")])]
        out.append("")
    return "\n".join(out) + "\n"
