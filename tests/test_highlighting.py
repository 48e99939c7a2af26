"""The Pygments lexer and the TextMate grammar know the language's keywords and tokenise every real file cleanly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from pygments.lexers import get_lexer_by_name
from pygments.token import Error, Keyword

from grammar_rules import REPO
from rasim.syntax.keywords import KEYWORDS

VSCODE = REPO / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "rasim.tmLanguage.json"
SOURCES = sorted(p for folder in ("stdlib", "scenarios") for p in (REPO / folder).rglob("*.rasim"))
BAD_LINE = "role envoy $ { side host_side }\n"


def test_there_are_files_to_tokenise():
    assert len(SOURCES) > 30


def test_the_textmate_keywords_are_the_grammars():
    match = json.loads(GRAMMAR.read_text("utf-8"))["repository"]["keyword"]["match"]
    listed = re.fullmatch(r"\(\?<!\[\\w\]\)\(\?:(.*)\)\(\?!\[\\w\]\)", match).group(1).split("|")
    assert sorted(listed) == sorted(KEYWORDS)


def test_the_pygments_lexer_is_registered_and_marks_every_keyword():
    lexer = get_lexer_by_name("rasim")
    for word in sorted(KEYWORDS):
        tokens = [(kind, text) for kind, text in lexer.get_tokens(word) if text.strip()]
        assert tokens == [(Keyword, word)], word
    assert [t for k, t in lexer.get_tokens("кездесу rolex") if k is Keyword] == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_pygments_finds_no_error_token(path):
    lexer = get_lexer_by_name("rasim")
    errors = [text for kind, text in lexer.get_tokens(path.read_text("utf-8")) if kind is Error]
    assert errors == []


def test_pygments_marks_what_the_language_cannot_hold():
    lexer = get_lexer_by_name("rasim")
    assert [text for kind, text in lexer.get_tokens(BAD_LINE) if kind is Error] == ["$"]


def _tokenise(paths) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed here (.ci/run installs it); the TextMate grammar runs under "
                    "vscode-textmate, which needs it")
    if not (VSCODE / "node_modules" / "vscode-textmate").is_dir():
        pytest.fail("editors/vscode/node_modules is missing: run `npm install` in editors/vscode "
                    "(scripts/test.sh does when npm is installed)")
    return subprocess.run([node, str(VSCODE / "test" / "tokenize.js"), *map(str, paths)], capture_output=True,
                          text=True, timeout=120)


def test_the_textmate_grammar_finds_no_invalid_token():
    done = _tokenise(SOURCES)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_textmate_grammar_marks_what_the_language_cannot_hold(tmp_path):
    bad = tmp_path / "bad.rasim"
    bad.write_text(BAD_LINE, encoding="utf-8")
    done = _tokenise([bad])
    assert done.returncode == 1
    assert [(t["line"], t["column"], t["text"]) for t in map(json.loads, done.stdout.splitlines())] == [(1, 12, "$")]
