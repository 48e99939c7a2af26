"""The documentation site builds, its generated pages are current, and every example in it says what it shows.

Every ```rasim block of docs/ parses. A block that holds a scenario is checked
too: with no error or warning, or with exactly the codes an HTML comment
`<!-- check: CODE, CODE -->` just above it names; on the language reference,
a fragment of a scenario (no import, or no visit and program) is held only to
naming what the library declares. The diagnostics page shows,
for each code, a test case that triggers it; a block titled with a stdlib
file is a quotation of the library (the literate pages), which its own tests
check.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grammar_rules import REPO
from rasim.driver import Options, compile_file, compile_text
from rasim.library.load import load_library
from rasim.resources import data_path
from rasim.syntax.parse import parse
from rasim.tools.site import INLINE_EXAMPLES, case_editions, case_library, NO_CASE_FILE, cli_page, diagnostics_page, example_files, literate_pages

DOCS = REPO / "docs"
_BLOCK = re.compile(r"(?:<!-- check: ([a-z, -]*) -->\n)?^```rasim([^\n]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)



def _options() -> Options:
    return Options(stdlib=data_path("stdlib"), project_root=REPO, editions={})


def _examples() -> list[tuple[str, int, str | None, str, str]]:
    """Return (page, line, expected codes or None, fence title, text) of every ```rasim block of the docs."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            found.append((page.relative_to(DOCS).as_posix(), text.count("\n", 0, match.start()) + 1,
                          match.group(1), match.group(2).strip(), match.group(3)))
    return found


EXAMPLES = [e for e in _examples() if not e[0].startswith(("reference/diagnostics", "literate/"))]


def test_the_generated_pages_are_current():
    stale = []
    if (DOCS / "reference" / "diagnostics.md").read_text("utf-8") != diagnostics_page(REPO / "tests" / "cases", REPO):
        stale.append("reference/diagnostics.md")
    if (DOCS / "reference" / "cli.md").read_text("utf-8") != cli_page():
        stale.append("reference/cli.md")
    for name, text in literate_pages(load_library(str(data_path("stdlib")))).items():
        if (DOCS / "literate" / name).read_text("utf-8") != text:
            stale.append(f"literate/{name}")
    assert not stale, f"stale generated pages {stale}: run `.venv/bin/python tools/generate_docs.py`"


def test_there_are_examples_and_scenarios_among_them():
    assert len(EXAMPLES) > 40
    assert sum(1 for e in EXAMPLES if re.search(r"^scenario ", e[4], re.M)) >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e[0]}:{e[1]}" for e in EXAMPLES])
def test_every_example_parses_and_every_scenario_checks(example):
    page, line, expected, _, text = example
    parsed = parse(text, f"docs/{page}:{line}")
    assert [(d.code, d.span.line) for d in parsed.diagnostics] == [], f"docs/{page}, block at line {line}"
    if not re.search(r"^scenario ", text, re.M):
        return
    compiled = compile_text(text, f"docs/{page}", _options(), REPO / "docs" / "example.rasim")
    found = sorted({d.code for d in compiled.diagnostics if d.severity.value != "note"})
    wanted = sorted(c.strip() for c in expected.split(",")) if expected else []
    if page.startswith("language/") and expected is None and not _whole_scenario(text):
        # A fragment of a scenario shows one construct: the rest of the visit is missing on purpose, but
        # every name it uses must be one the library declares.
        unknown = [(d.code, d.span.line, d.message) for d in compiled.diagnostics if d.code == "unknown-name"]
        assert unknown == [], f"docs/{page}, block at line {line}"
        return
    assert found == wanted, f"docs/{page}, block at line {line}"


def _whole_scenario(text: str) -> bool:
    """Tell whether a block is a whole scenario file: it imports the library, or has a visit and a program."""
    return bool(re.search(r"^import ", text, re.M)
                or (re.search(r"^  (visit|occasion) ", text, re.M) and re.search(r"^  program \{", text, re.M)))


def test_the_language_pages_hold_a_whole_scenario_that_is_checked():
    whole = [e for e in EXAMPLES if e[0].startswith("language/") and re.search(r"^scenario ", e[4], re.M)
             and _whole_scenario(e[4])]
    assert whole and all(e[0] == "language/13-scenarios.md" for e in whole[-1:])


def test_the_diagnostics_page_has_an_example_or_an_explanation_for_every_code():
    from rasim.diagnostics.codes import CODES

    page = (DOCS / "reference" / "diagnostics.md").read_text("utf-8")
    examples = example_files(REPO / "tests" / "cases")
    for code in CODES:
        assert f"## `{code}`" in page
        assert code in examples or code in INLINE_EXAMPLES or code in NO_CASE_FILE, code


@pytest.mark.parametrize("code", sorted(example_files(REPO / "tests" / "cases")))
def test_each_diagnostics_example_triggers_its_code(code):
    path = example_files(REPO / "tests" / "cases")[code]
    library = case_library(path)
    options = Options(stdlib=library or data_path("stdlib"), project_root=library or path.parent,
                      editions=case_editions(path))
    compiled = compile_file(path, path.name, options)
    assert code in {d.code for d in compiled.diagnostics}, path


@pytest.mark.parametrize("code", sorted(INLINE_EXAMPLES))
def test_each_inline_diagnostics_example_triggers_its_code(code):
    compiled = compile_text(INLINE_EXAMPLES[code], "example.rasim", _options())
    assert code in {d.code for d in compiled.diagnostics}


def test_the_site_builds_strictly(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=REPO, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "tutorial" / "index.html").is_file()
    assert "Тестландия" in (tmp_path / "site" / "tutorial" / "index.html").read_text("utf-8")
