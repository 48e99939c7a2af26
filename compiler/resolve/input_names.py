"""Checks of a file's names and scenarios that guard against look-alikes and lost scenarios.

A name that mixes Latin and Cyrillic letters inside one word (`wеather` with a
Cyrillic е) can look exactly like another name: it is a warning that names
the foreign letters and the declared name it resembles. A second scenario in
one file is an error, since the plan and the outputs are per file.
"""

from __future__ import annotations

import re
import unicodedata


from .. import diagnostics as diag
from .. import tree as t
from ..tree.walk import find_all

# Cyrillic letters that look like Latin ones, and the Latin letter each passes for.
CYRILLIC_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "Һ": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S",
})
LATIN_LOOKALIKES = str.maketrans({latin: cyrillic for cyrillic, latin in (
    ("а", "a"), ("е", "e"), ("і", "i"), ("о", "o"), ("р", "p"), ("с", "c"), ("у", "y"), ("х", "x"),
    ("А", "A"), ("В", "B"), ("Е", "E"), ("І", "I"), ("К", "K"), ("М", "M"), ("Н", "H"), ("О", "O"),
    ("Р", "P"), ("С", "C"), ("Т", "T"), ("Х", "X"))})
_WORDS = re.compile(r"[^\W\d_]+")
# A file full of such names gets a few warnings, not one per use.
MAX_WARNINGS = 20


def check_names(module: t.Module, declared) -> list[diag.Diagnostic]:
    """Return `mixed-script` warnings for the module's names and `several-scenarios` errors."""
    found = _several_scenarios(module)
    seen: set[str] = set()
    for node in _names(module):
        text = node.text
        if text in seen or not _mixes_scripts(text):
            continue
        seen.add(text)
        found.append(_mixed_script(text, node.span, declared))
        if len(seen) == MAX_WARNINGS:
            break
    return found


def _several_scenarios(module: t.Module) -> list[diag.Diagnostic]:
    scenarios = [item for item in module.items if isinstance(item, t.Scenario)]
    return [diag.error(
        "several-scenarios", f"a file holds one scenario, but `{extra.name.text}` is a second one after "
        f"`{scenarios[0].name.text}`", extra.name.span,
        related=(diag.Related(scenarios[0].name.span, "the first scenario of the file"),),
        hints=("put each scenario in a file of its own; shared declarations can go in a file both import",))
        for extra in scenarios[1:]]


def _mixes_scripts(text: str) -> bool:
    for word in _WORDS.findall(text):
        scripts = {_script(char) for char in word} - {None}
        if {"LATIN", "CYRILLIC"} <= scripts:
            return True
    return False


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC"):
        if name.startswith(script):
            return script
    return None


def _mixed_script(text: str, span, declared) -> diag.Diagnostic:
    words = [w for w in _WORDS.findall(text) if {"LATIN", "CYRILLIC"} <= {_script(c) for c in w}]
    latin = sum(_script(c) == "LATIN" for w in words for c in w)
    cyrillic = sum(_script(c) == "CYRILLIC" for w in words for c in w)
    minority = "CYRILLIC" if cyrillic <= latin else "LATIN"
    odd = sorted({c for w in words for c in w if _script(c) == minority})
    letters = ", ".join(f"`{c}` ({unicodedata.name(c, '?').title()}, U+{ord(c):04X})" for c in odd)
    message = f"`{text}` mixes Latin and Cyrillic letters: {letters}"
    lookalike = _lookalike(text, declared)
    if lookalike:
        message += f"; it looks like `{lookalike}`, which is a different name"
    return diag.warning("mixed-script", message, span,
                        hints=("write each word of a name in one script",))


def _lookalike(text: str, declared) -> str | None:
    for candidate in (text.translate(CYRILLIC_LOOKALIKES), text.translate(LATIN_LOOKALIKES)):
        if candidate != text and candidate in declared:
            return candidate
    return None


def _names(module: t.Module):
    """Yield the Name and Ref nodes of `module` in source order."""
    return sorted(find_all(module, t.Name, t.Ref), key=lambda n: n.span.start if n.span else 0)
