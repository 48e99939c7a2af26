"""Completion: the keywords the grammar accepts at the cursor, and the names in scope of the right kind.

Lark's interactive parser runs over the text before the cursor (less the word
being typed) and says which terminals may come next. A keyword is offered as
itself; where a name may come, the statement around the cursor says which
kind (a place after `at`, a ceremony at the start of a program entry, a
condition after `when`), and the names of that kind are offered with their
labels.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from ..resolve.bind import PRECEDENCE_CRITERIA, ROLE_LIKE, STEP_LIKE
from ..syntax.parse import expected_after
from .analysis import Analysis
from .hover import labels
from .navigate import SYMBOL_KINDS

# The word being typed: a name, possibly dotted (`airport_welcome.ram`).
_TYPED = re.compile(r"(?:[^\W\d]\w*\.)*\w*$")

ARRANGED = STEP_LIKE + ("unit", "state symbol")
ANY = None

# The keyword that governs a name, and the kinds of name it takes.
AFTER_KEYWORD: dict[str, tuple[str, ...] | None] = {
    "at": ("place",), "lead": ROLE_LIKE, "actors": ROLE_LIKE, "responsible": ROLE_LIKE,
    "appointed_by": ROLE_LIKE, "acts_for": ROLE_LIKE, "member_of": ROLE_LIKE, "headed_by": ROLE_LIKE,
    "on_behalf_of": ROLE_LIKE, "authorized_by": ROLE_LIKE + ("condition",), "deviable_by": ROLE_LIKE + ("condition",),
    "precede": ROLE_LIKE, "before": STEP_LIKE + ROLE_LIKE, "same_as": ROLE_LIKE, "of": ROLE_LIKE,
    "when": ("condition",), "unless": ("condition",), "assume": ("condition",),
    "visit": ("visit format",), "prior_visit": ("visit format",), "occasion": ("ceremony",),
    "level": ("level",), "received_as": ("guest kind",), "deviation": STEP_LIKE, "agreed": ANY,
    "count": ("quantity",), "limit": ("quantity",), "window": STEP_LIKE, "sequence": STEP_LIKE,
    "order": STEP_LIKE, "first": STEP_LIKE, "last": STEP_LIKE, "anchor": ("step",), "after": STEP_LIKE,
    "shall": ARRANGED, "may": ARRANGED, "as_a_rule": ARRANGED, "principal": ("guest kind",),
    "by": ("criterion",), "tie_break": ("criterion",), "override_by": ROLE_LIKE, "on": ROLE_LIKE,
    "languages": ANY, "program": ("ceremony",), "settled_by": ("ceremony",),
}
# Words that join names without changing what kind they are.
CONNECTORS = {",", ".", "or", "and", "not", "then", "(", ")", "="}
# Keywords after which a name is being declared, not used: nothing to offer.
DECLARING = {"role", "unit", "place", "guest_kind", "condition", "quantity", "format", "ceremony", "step",
             "precedence", "calendar", "office", "function", "right", "duty", "task", "symbol", "scenario",
             "event", "track", "government", "ordering", "import", "as"}
# The blocks whose entries start with a name of a known kind.
BLOCK_ENTRY = {"day": ("ceremony",), "program_track": ("ceremony",), "people": ROLE_LIKE}


def completions(analysis: Analysis, offset: int) -> list[lsp.CompletionItem]:
    """Return the completion items at `offset` of the document."""
    before = analysis.text[:offset]
    typed = _TYPED.search(before).group()
    start = analysis.lines.position(offset - len(typed))
    replace = lsp.Range(start, analysis.lines.position(offset))
    cut = len(before) - len(typed)
    begin = _item_start(analysis, cut)
    result = expected_after(before[begin:cut])
    if result is None and begin:
        result = expected_after(before[:cut])
    if result is None:
        return []
    tokens, expected = result
    items = [_keyword_item(word, replace) for word in sorted({w for w in expected.values() if w})
             if word[:1].isalpha() and word.startswith(typed)]
    if "NAME" in expected:
        kinds, scope = name_context(tokens)
        items += _name_items(analysis, kinds, scope, typed, replace)
    return items


def _item_start(analysis: Analysis, offset: int) -> int:
    """Return where the top-level declaration holding `offset` starts: the grammar may begin there too.

    Parsing from there rather than from the top of the file keeps completion
    in a long library file as fast as in a short one.
    """
    module = analysis.module
    start = 0
    for item in module.items if module is not None else ():
        if item.span.end <= item.span.start or item.span.start > offset:
            break
        if item.span.end <= offset:
            # Between two declarations: the next one may start anywhere after this one.
            start = item.span.end
        else:
            start = item.span.start
    return start


def _keyword_item(word: str, replace: lsp.Range) -> lsp.CompletionItem:
    return lsp.CompletionItem(word, kind=lsp.CompletionItemKind.Keyword, detail="keyword",
                              text_edit=lsp.TextEdit(replace, word), sort_text=f"1{word}")


def name_context(tokens: list) -> tuple[tuple[str, ...] | None | str, str]:
    """Return the kinds of name the cursor after `tokens` takes ("declaring" for a new name) and the ceremony around it."""
    blocks, ceremony = _blocks(tokens)
    statement = tokens[_statement_start(tokens):]
    for token in reversed(statement):
        word = str(token)
        if token.type in ("NAME", "STRING", "NUMBER", "DATE", "TIMEZONE") or word in CONNECTORS:
            continue
        if token.type == "TIME":
            break
        if word in DECLARING and token is statement[-1]:
            return "declaring", ceremony
        if word == "for":
            return (ARRANGED if "scenario" in blocks else ("guest kind",)), ceremony
        if word == ":" and statement and str(statement[0]) == "track":
            return STEP_LIKE, ceremony
        if word in AFTER_KEYWORD:
            return AFTER_KEYWORD[word], ceremony
        if word == "level" and not blocks:
            return "declaring", ceremony
        break
    top = blocks[-1] if blocks else None
    if top in BLOCK_ENTRY:
        return BLOCK_ENTRY[top], ceremony
    return ANY, ceremony


def _statement_start(tokens: list) -> int:
    """Return the index of the first token of the statement the cursor is in."""
    for index in range(len(tokens) - 1, -1, -1):
        word = str(tokens[index])
        if word in ("{", "}", ";"):
            return index + 1
        if index > 0 and tokens[index].line != tokens[index - 1].line and _starts_statement(tokens, index):
            return index
    return 0


def _starts_statement(tokens: list, index: int) -> bool:
    # A new line begins a statement unless it continues one: `then ...`, `kk "..."`, `because ...`.
    return str(tokens[index]) not in ("then", "kk", "ru", "en", "because", "authorized_by", "when", "unless")


def _blocks(tokens: list) -> tuple[list[str], str]:
    """Return the kinds of the blocks open at the end of `tokens` and the ceremony the cursor is in."""
    stack: list[tuple[str, str]] = []
    statement: list = []
    for token in tokens:
        word = str(token)
        if word == "{":
            opener = next((str(x) for x in statement if x.type not in ("NAME", "STRING", "NUMBER", "DATE", "TIME")),
                          "call")
            if opener == "track" and any(kind == "day" for kind, _ in stack):
                opener = "program_track"
            name = next((str(x) for x in statement if x.type == "NAME"), "")
            stack.append((opener, name))
            statement = []
        elif word == "}":
            if stack:
                stack.pop()
            statement = []
        elif word == ";":
            statement = []
        else:
            statement.append(token)
    ceremony = next((name for kind, name in reversed(stack) if kind == "ceremony"), "")
    return [kind for kind, _ in stack], ceremony


def _name_items(analysis: Analysis, kinds, scope: str, typed: str, replace: lsp.Range) -> list[lsp.CompletionItem]:
    if kinds == "declaring" or analysis.bound is None:
        return []
    if kinds == ("criterion",):
        return [lsp.CompletionItem(name, kind=lsp.CompletionItemKind.EnumMember, detail=what,
                                   text_edit=lsp.TextEdit(replace, name)) for name, what in
                sorted(PRECEDENCE_CRITERIA.items()) if name.startswith(typed)]
    items, seen = [], set()
    for name, symbol in sorted(analysis.bound.symbols.items()):
        if kinds is not None and symbol.kind not in kinds:
            continue
        shown = name[len(scope) + 1:] if scope and name.startswith(scope + ".") else name
        if shown in seen or not shown.startswith(typed):
            continue
        # Nested names (a ceremony's steps, a place's halls) are offered once their parent and dot are typed.
        if "." in shown and "." not in typed:
            continue
        seen.add(shown)
        english, kazakh = labels(symbol.node)
        items.append(lsp.CompletionItem(
            shown, kind=_item_kind(symbol.kind), detail=english or symbol.kind,
            label_details=lsp.CompletionItemLabelDetails(description=symbol.kind),
            documentation=kazakh, text_edit=lsp.TextEdit(replace, shown), sort_text=f"0{shown}"))
    return items


def _item_kind(kind: str) -> lsp.CompletionItemKind:
    symbol = SYMBOL_KINDS.get(kind)
    mapping = {lsp.SymbolKind.Class: lsp.CompletionItemKind.Class, lsp.SymbolKind.Function:
               lsp.CompletionItemKind.Function, lsp.SymbolKind.Method: lsp.CompletionItemKind.Method,
               lsp.SymbolKind.Namespace: lsp.CompletionItemKind.Module, lsp.SymbolKind.Module:
               lsp.CompletionItemKind.Module, lsp.SymbolKind.Struct: lsp.CompletionItemKind.Struct,
               lsp.SymbolKind.Enum: lsp.CompletionItemKind.Enum, lsp.SymbolKind.EnumMember:
               lsp.CompletionItemKind.EnumMember, lsp.SymbolKind.Constant: lsp.CompletionItemKind.Constant}
    return mapping.get(symbol, lsp.CompletionItemKind.Variable)
