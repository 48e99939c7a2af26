"""Collect the names a module declares, with their kind, into a symbol table.

Nested declarations are reachable by dotted names: the chief of a unit as
`guard_of_honour.chief`, a part of a place as `akorda.hall_of_ceremonies`,
a step of a ceremony as `akorda_welcome.greeting`.
"""

from __future__ import annotations

from attrs import frozen

from .. import diagnostics as diag
from .. import tree as t
from ..diagnostics.codes import DUPLICATE_DECLARATION

# The kind of each declaration, as diagnostics name it.
KIND_OF = {
    t.Role: "role",
    t.Unit: "unit",
    t.Place: "place",
    t.Level: "level",
    t.GuestKind: "guest kind",
    t.Condition: "condition",
    t.Quantity: "quantity",
    t.Format: "visit format",
    t.Ceremony: "ceremony",
    t.Step: "step",
    t.Precedence: "precedence table",
    t.CalendarRule: "calendar rule",
    t.Office: "office",
    t.Provision: "provision",
    t.Symbol: "state symbol",
}


@frozen
class Symbol:
    """A declared name: what it is, where, and in which edition."""

    name: str
    kind: str
    node: t.Node
    edition: str | None

    @property
    def label(self) -> str:
        """Return the English label of the declaration, or its name."""
        label = getattr(self.node, "label", None)
        return label.text if label is not None else self.name


def collect_symbols(module: t.Module, edition: str | None, table: dict[str, Symbol],
                    found: list[diag.Diagnostic], prefix: str = "") -> None:
    """Add the declarations of `module` to `table`, reporting names declared twice."""
    for item in module.items:
        _declare(item, prefix, edition, table, found)


def _declare(node: t.Node, prefix: str, edition: str | None, table: dict[str, Symbol],
             found: list[diag.Diagnostic]) -> None:
    kind = KIND_OF.get(type(node))
    if kind is None:
        return
    name = prefix + node.name.text
    earlier = table.get(name)
    if earlier is not None and earlier.node is not node:
        found.append(diag.error(
            DUPLICATE_DECLARATION, f"`{name}` is declared twice", node.name.span,
            related=(diag.Related(earlier.node.name.span, f"the first declaration of `{name}`"),),
            hints=("rename one of them, or remove the copy",)))
        return
    table[name] = Symbol(name, kind, node, edition)
    for child in _children(node):
        _declare(child, name + ".", edition, table, found)


def _children(node: t.Node) -> tuple:
    if isinstance(node, t.Unit):
        return node.members or ()
    if isinstance(node, t.Place):
        return tuple(item for item in node.places or () if isinstance(item, t.Place))
    if isinstance(node, t.Ceremony):
        return tuple(item for item in node.items if isinstance(item, t.Step))
    return ()
