"""Write the generated pages of the documentation site: diagnostics, command line, law and code side by side.

`python tools/generate_docs.py` writes them under docs/ (with `rasim reference
-o docs/stdlib` for the standard library pages); tests/test_docs_site.py fails
when a committed page differs from what this module writes now.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from .. import tree as t
from ..library.articles import load_article_index
from ..library.load import EditionBody, Library

_MARKER = re.compile(r"# (?:error|warning|note): ([a-z][a-z0-9-]*)")

# Codes no case file can carry: how a user meets them instead.
NO_CASE_FILE = {
    "internal-error": "A bug in Rasim, not in the file: the compiler reports it instead of a traceback and exits "
                      "with status 3 (tests/test_robustness.py simulates one).",
    "invalid-encoding": "A file whose bytes are not UTF-8, for example one saved in Windows-1251.",
    "unreadable-file": "A path that names no readable file: `rasim check missing.rasim`.",
    "missing-module-header": "A file inside the standard library folder that does not start with "
                             "`rules of BODY@YEAR`.",
    # Inputs refused before they are read, or too large to keep as a case (tests/hostile/ tries each).
    "file-too-large": "A file past `--max-file-size` (1,000,000 bytes by default): it is refused before it is read.",
    "special-file": "A FIFO, device or socket given as a scenario or imported: it is refused without being opened.",
    "too-many-items": "A file declaring more steps, a program calling more ceremonies or holding more days than "
                      "`--max-steps`, `--max-calls` or `--max-days` allow (10,000, 10,000 and 1,000).",
    "bidi-control": "A right-to-left override (U+202E) or another bidirectional control inside a file: the text "
                    "would show in another order than the compiler reads it.",
    # The codes of outputs arise from the machine, not from a source file (tests/hostile/ simulates each).
    "cannot-write": "An output folder on a full disk or a read-only file system: `rasim build visit.rasim -o /mnt/ro`.",
    "output-folder-refused": "Building into a folder that holds files an earlier build did not write.",
    "output-too-large": "A build whose outputs pass `--max-output-mb`.",
    "unreadable-since": "`--since` given a file that is not an earlier plan.json, or a device such as /dev/zero.",
    "file-name-clash": "Two roles whose names give the same file name, such as two Kazakh names that differ only in "
                       "letters the transliteration folds together.",
}
# Codes whose example is short enough to show inline rather than as a case file.
INLINE_EXAMPLES = {
    "unterminated-string": 'role ambassador "Ambassador\n',
}


def example_files(cases: Path) -> dict[str, Path]:
    """Return, for each code, the shortest case file under `cases`/{parse,check}/bad that marks it."""
    found: dict[str, Path] = {}
    for path in sorted(cases.glob("*/bad/**/*.rasim")):
        text = path.read_text(encoding="utf-8")
        for code in set(_MARKER.findall(text)):
            if code not in found or len(text) < len(found[code].read_text(encoding="utf-8")):
                found[code] = path
    return found


def case_library(path: Path) -> Path | None:
    """Return the small library a case in a subfolder of bad/ is checked with (bad/library/), or None."""
    parts = path.parts
    bad = len(parts) - 1 - parts[::-1].index("bad")
    return Path(*parts[:bad + 2]) if len(parts) > bad + 2 else None


_CHECKED_UNDER = re.compile(r"^#\s*checked-under:\s*([a-z][a-z0-9_]*)@(\d{4})\s*$", re.MULTILINE)


def case_editions(path: Path) -> dict[str, str]:
    """Return the editions a case is checked under (`# checked-under: BODY@YEAR`, as `--edition` would give)."""
    return {body: f"{body}@{year}" for body, year in _CHECKED_UNDER.findall(path.read_text(encoding="utf-8"))}


def diagnostics_page(cases: Path, repo: Path) -> str:
    """Return the diagnostics reference: every registered code, its explanation and an example that triggers it."""
    from ..diagnostics.codes import CODES, explanation

    examples = example_files(cases)
    lines = ["# Diagnostics", "", "Generated from the code registry (compiler/diagnostics/codes/) by "
             "`python tools/generate_docs.py`; do not edit by hand. `rasim explain CODE` prints the same "
             "explanation. Each example is a test case: the marked lines are where the code is reported.", ""]
    for code in sorted(CODES):
        text = explanation(code).split("\n", 2)[2].rstrip()
        lines += [f"## `{code}`", "", f"**{CODES[code].summary}**", "", _paragraphs(text), ""]
        if code in examples:
            shown = examples[code].relative_to(repo).as_posix()
            lines += [f'```rasim title="{shown}"', examples[code].read_text(encoding="utf-8").rstrip(), "```", ""]
            library = case_library(examples[code])
            if library is not None:
                lines += [f"(checked with `{library.relative_to(repo).as_posix()}` as the standard library)", ""]
        elif code in INLINE_EXAMPLES:
            lines += ["```rasim", INLINE_EXAMPLES[code].rstrip(), "```", ""]
        else:
            lines += [f"*How it arises:* {NO_CASE_FILE[code]}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _paragraphs(text: str) -> str:
    """Keep an explanation's indented lists as text, not as Markdown code blocks."""
    return "\n".join(line.strip() if line.startswith("   ") else line for line in text.split("\n"))


def cli_page() -> str:
    """Return the command-line reference: the help of `rasim` and of every subcommand."""
    import argparse

    from ..cli.commands import _arguments

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        parser = _arguments()
        lines = ["# Command line", "", "Generated from the argument parser by `python tools/generate_docs.py`; "
                 "do not edit by hand. Exit statuses: 0 clean, 1 errors found, 2 usage error, 3 internal error.",
                 "", "```text", parser.format_help().rstrip(), "```", ""]
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for name, sub in commands.choices.items():
            lines += [f"## `rasim {name}`", "", "```text", sub.format_help().rstrip(), "```", ""]
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    return "\n".join(lines).rstrip() + "\n"


def literate_pages(library: Library) -> dict[str, str]:
    """Return, per edition, the page that sets each article's text beside the declarations that encode it."""
    pages = {"index.md": _literate_index(library)}
    for ref, edition in sorted(library.editions.items()):
        pages[ref.replace("@", "-") + ".md"] = _literate_page(edition)
    return pages


def _literate_index(library: Library) -> str:
    lines = ["# Law and code side by side", "", "Each edition of the standard library, article by article: the "
             "article's text in the language of the original, then the declarations of the library that cite it. "
             "Generated by `python tools/generate_docs.py`; do not edit by hand.", ""]
    for ref in sorted(library.editions):
        lines.append(f"- [{ref}]({ref.replace('@', '-')}.md)")
    return "\n".join(lines) + "\n"


def _literate_page(edition: EditionBody) -> str:
    index = load_article_index(edition.ref)
    cited = _citing_declarations(edition)
    lines = [f"# {edition.ref}", ""]
    if index is None:
        return "\n".join(lines + ["This edition has no article texts."]) + "\n"
    lines += [f"Original language: `{index.language}`. " + (index.source or ""), ""]
    for number, article in index.articles.items():
        lines += [f"## § {number}", ""]
        if article.chapter:
            lines += [f"*{article.chapter}*", ""]
        lines += [_quote(article.text or "(no text in the source)"), ""]
        for path, line, source in cited.get(number, ()):
            lines += [f'```rasim title="{path}:{line}"', source, "```", ""]
        if number not in cited:
            lines += ["*No declaration cites this article.*", ""]
    for key, appendix in index.appendices.items():
        lines += [f"## § {key}: {appendix.title}", ""]
        lines += [f"{n}. {text}" for n, text in appendix.entries.items()] + [""]
        for path, line, source in cited.get(key, ()):
            lines += [f'```rasim title="{path}:{line}"', source, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


# A block longer than this is shown by its opening lines: the page is about the articles.
MAX_LINES = 6


def _citing_declarations(edition: EditionBody) -> dict[str, list[tuple[str, int, str]]]:
    """Map each article (and appendix) number to the (file, line, source) of the declarations citing it."""
    from ..lsp.analysis import walk

    cited: dict[str, list[tuple[str, int, str]]] = {}
    for path, text, parsed in edition.files:
        for node, _ in walk(parsed.module):
            citations = getattr(node, "citations", None)
            if isinstance(node, t.Informative):
                citations = (node.citation,)
            if not citations or not isinstance(citations, tuple):
                continue
            source = _source_of(node, text)
            for citation in citations:
                if citation.edition is not None and citation.edition.text != edition.ref:
                    continue
                for article in citation.articles:
                    key = article.split(".")[0]
                    entry = (f"stdlib/{path.removeprefix('<stdlib>/')}", node.span.line, source)
                    if entry not in cited.setdefault(key, []):
                        cited[key].append(entry)
    return cited


def _source_of(node: t.Node, text: str) -> str:
    start = text.rfind("\n", 0, node.span.start) + 1
    lines = textwrap.dedent(text[start:node.span.end]).split("\n")
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES - 1] + ["  # …"]
    return "\n".join(lines)


def write_site_pages(repo: Path, library: Library) -> list[Path]:
    """Write every generated page under `repo`/docs; return the paths written."""
    docs = repo / "docs"
    pages = {docs / "reference" / "diagnostics.md": diagnostics_page(repo / "tests" / "cases", repo),
             docs / "reference" / "cli.md": cli_page()}
    pages.update({docs / "literate" / name: text for name, text in literate_pages(library).items()})
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(pages)
