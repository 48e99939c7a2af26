"""No input, however broken or hostile, makes `rasim` print a traceback or exit 3.

Each case writes files to a temporary folder and runs the command line
(`rasim.cli.commands`) on them, in-process unless the case is about the process
itself (the parser cache, what `--help` imports).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

import rasim
from rasim.diagnostics.codes import CODES
from rasim.cli.commands import main
from rasim.tools.fmt import format_module
from rasim.limits import Limits
from rasim.syntax.parse import parse
from rasim import tree as t

# Declarations that refer only to each other, so that `rasim check` finds
# nothing to report; {n} makes the names of each copy unique.
CLEAN_BODY = """\
# Declarations that refer only to each other.
role host_{n} "Host {n}" kk "Қабылдаушы {n}"
unit guard_{n} "Guard of honour" {{ role chief_{n} "Chief of the guard" }}
place hall_{n} "Hall" {{ place carpet_{n} "End of the carpet" }}
condition weather_{n} "Weather permitting" settled_by fact
condition agreed_{n} "By agreement" settled_by agreement
level top_{n} "Top level"
guest_kind head_{n} "Head of state" {{ level top_{n} }}
quantity stay_{n} "Length of stay" : duration
ceremony welcome_{n} "Welcome" {{
  at hall_{n}.carpet_{n}
  responsible guard_{n}
  step greeting_{n} "Greeting" {{
    lead host_{n}
    actors host_{n}, guard_{n}.chief_{n} when weather_{n} and not agreed_{n}
    duration 2..3 min
  }}
  step review_{n} "Review"
  sequence greeting_{n}, review_{n}
}}
format visit_{n} "Visit" kk "Сапар" {{
  for head_{n}
  limit stay_{n} <= 3 days
  shall welcome_{n} when weather_{n} or (agreed_{n} and not weather_{n})
}}
"""

PREAMBLE = 'condition a "A"\ncondition b "B"\nceremony welcome "Welcome" { step s "S" }\n'


def clean(n: int = 0) -> str:
    return CLEAN_BODY.format(n=n)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Paths then print relative, as a user would type them.
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def run(capsys, *argv, allowed=(0, 1)) -> tuple[int, str, str]:
    """Run `rasim ARGV`; check the exit status is allowed and nothing printed a traceback."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, out + err
    assert status in allowed, f"exit {status}\nstdout:\n{out}\nstderr:\n{err}"
    return status, out, err


def check(capsys, path, expect: int) -> str:
    status, out, err = run(capsys, "check", path, allowed=(expect,))
    return err


def test_clean_body_checks_clean(tmp_path, capsys):
    check(capsys, write(tmp_path, "clean.rasim", clean()), 0)


# ---- deep and long inputs ------------------------------------------------------------


def test_two_thousand_nested_blocks(tmp_path, capsys):
    path = write(tmp_path, "deep.rasim", "place a {" * 2000 + "}" * 2000 + "\n")
    assert "nesting-too-deep" in check(capsys, path, 1)


def test_two_thousand_nested_parentheses(tmp_path, capsys):
    condition = "(" * 2000 + "a" + ")" * 2000
    path = write(tmp_path, "parens.rasim", PREAMBLE + f"format f {{ shall welcome when {condition} }}\n")
    assert "nesting-too-deep" in check(capsys, path, 1)


def test_five_thousand_nots(tmp_path, capsys):
    path = write(tmp_path, "nots.rasim", PREAMBLE + "format f { shall welcome when " + "not\n" * 5000 + "a }\n")
    assert "nesting-too-deep" in check(capsys, path, 1)


def test_twenty_thousand_long_and_chain(tmp_path, capsys):
    # One operand a line: a line of 20,000 operands would be refused as too long.
    chain = "\nand ".join("a" if i % 2 else "b" for i in range(20_000))
    text = PREAMBLE + f"format f {{ shall welcome when {chain} }}\n"
    parsed = parse(text, "chain.rasim")
    assert parsed.ok, parsed.diagnostics[:3]
    rule = parsed.module.items[-1].items[0]
    assert isinstance(rule.guard.condition, t.AllOf)
    assert len(rule.guard.condition.operands) == 20_000
    assert all(isinstance(operand, t.ConditionRef) for operand in rule.guard.condition.operands)
    formatted = format_module(parsed, text)
    # The formatter joins the chain on one line, longer than the default limit.
    again = parse(formatted, "formatted.rasim", Limits(line_length=10**6))
    assert again.ok and again.module == parsed.module
    check(capsys, write(tmp_path, "chain.rasim", text), 0)


@pytest.mark.parametrize("text", [
    "precedence p { " + "9" * 5000 + " a }",
    "precedence p { " + "9" * 400 + ".5 a }",
    "rules of e@" + "9" * 5000 + "\n",
    "scenario s { program { day " + "9" * 5000 + " { } } }",
    "scenario s { count c = " + "9" * 5000 + " }",
    'scenario s { visit v { principal "x" k { term ' + "9" * 5000 + " } } }",
    "calendar c : on " + "9" * 5000 + " may",
], ids=["rank", "rank-with-fraction", "edition-year", "day", "count", "term", "calendar-day"])
def test_huge_whole_numbers(tmp_path, capsys, text):
    # int() refuses more than 4300 digits and int(float(...)) overflows: both
    # must become diagnostics, not an internal error.
    run(capsys, "check", write(tmp_path, "huge.rasim", text))


@pytest.mark.slow
def test_five_megabyte_file(tmp_path, capsys):
    parts, size, n = [], 0, 0
    while size < 5_000_000:
        body = clean(n)
        parts.append(body)
        size += len(body.encode("utf-8"))
        n += 1
    path = write(tmp_path, "big.rasim", "".join(parts))
    start = time.perf_counter()
    status, out, err = run(capsys, "check", path, "--max-file-size", 6_000_000, "--max-steps", 10**6,
                           allowed=(0,))
    elapsed = time.perf_counter() - start
    print(f"5 MB ({n} copies of the body): rasim check took {elapsed:.1f} s")
    assert "no errors" in out


# ---- encodings and line endings -------------------------------------------------------


def test_empty_file(tmp_path, capsys):
    check(capsys, write(tmp_path, "empty.rasim", ""), 0)


def test_only_comments(tmp_path, capsys):
    check(capsys, write(tmp_path, "comments.rasim", "# one\n#\n   # three § { } \"\n\n# end"), 0)


def test_byte_order_mark(tmp_path, capsys):
    check(capsys, write(tmp_path, "bom.rasim", b"\xef\xbb\xbf" + clean().encode()), 0)


def test_crlf_line_endings_and_fmt_turns_them_into_lf(tmp_path, capsys):
    path = write(tmp_path, "crlf.rasim", clean().replace("\n", "\r\n"))
    check(capsys, path, 0)
    run(capsys, "fmt", path, allowed=(0,))
    assert b"\r" not in path.read_bytes()
    check(capsys, path, 0)
    run(capsys, "fmt", "--check", path, allowed=(0,))


def test_crlf_error_is_reported_on_its_line(tmp_path, capsys):
    path = write(tmp_path, "crlf_bad.rasim", "role a \"A\"\r\n\r\nrole $ \"B\"\r\n")
    assert "crlf_bad.rasim:3:" in check(capsys, path, 1)


def test_lone_cr_line_endings(tmp_path, capsys):
    check(capsys, write(tmp_path, "cr.rasim", clean().replace("\n", "\r")), 0)
    assert "cr_bad.rasim:3:" in check(capsys, write(tmp_path, "cr_bad.rasim", "role a \"A\"\r\rrole $ \"B\"\r"), 1)


def test_decomposed_kazakh_letter_is_the_same_name(tmp_path, capsys):
    precomposed, decomposed = "\u0439", "\u0438\u0306"  # й, и + combining breve
    assert unicodedata.normalize("NFD", precomposed) == decomposed
    assert unicodedata.normalize("NFC", decomposed) == precomposed
    # The letters proper to Kazakh have no canonical decomposition: only й and ё can be typed two ways.
    assert all(unicodedata.decomposition(letter) == "" for letter in "әғқңөұүһіӘҒҚҢӨҰҮҺІ")

    text = (f'condition {precomposed}ығылу "Falling"\n'
            'ceremony welcome "Welcome" { step s "S" }\n'
            f"format f {{ shall welcome when {decomposed}ығылу }}\n")
    parsed = parse(text, "nfc.rasim")
    assert parsed.ok, parsed.diagnostics
    declared = parsed.module.items[0].name.text
    referred = parsed.module.items[2].items[0].guard.condition.ref.text
    assert declared == referred == unicodedata.normalize("NFC", f"{decomposed}ығылу")
    check(capsys, write(tmp_path, "nfc.rasim", text), 0)


def test_invalid_utf8(tmp_path, capsys):
    path = write(tmp_path, "latin1.rasim", b'role a "A"\nrole b "\xff\xfe caf\xe9"\n')
    err = check(capsys, path, 1)
    assert "invalid-encoding" in err
    assert "latin1.rasim:2:" in err


# ---- folders and output formats ---------------------------------------------------------


def test_folder_with_one_bad_file(tmp_path, capsys):
    write(tmp_path, "project/a.rasim", clean(1))
    write(tmp_path, "project/sub/b.rasim", clean(2))
    write(tmp_path, "project/sub/c.rasim", clean(3))
    write(tmp_path, "project/bad.rasim", 'role ok "OK"\nrole broken President\n')
    err = check(capsys, tmp_path / "project", 1)
    assert "bad.rasim:2:" in err
    for good in ("a.rasim", "b.rasim", "c.rasim"):
        assert f"{good}:" not in err

    status, out, err = run(capsys, "check", "--format", "json", tmp_path / "project", allowed=(1,))
    found = json.loads(out)
    assert found, out
    for item in found:
        assert item["code"] in CODES
        assert item["span"]["path"].endswith("bad.rasim")
        assert isinstance(item["span"]["line"], int) and item["span"]["line"] >= 1
        assert isinstance(item["span"]["end_line"], int) and item["span"]["end_line"] >= item["span"]["line"]
    assert any(item["span"]["line"] == 2 for item in found)


# ---- fmt --------------------------------------------------------------------------------


def test_fmt_check_lists_unformatted_file_and_leaves_it(tmp_path, capsys):
    messy = "role   a  \"A\"   ;  role b\n\n\n\nplace p{place q}\n"
    path = write(tmp_path, "messy.rasim", messy)
    status, out, err = run(capsys, "fmt", "--check", path, allowed=(1,))
    assert "messy.rasim" in out
    assert path.read_bytes() == messy.encode()

    run(capsys, "fmt", path, allowed=(0,))
    assert path.read_text(encoding="utf-8") != messy
    run(capsys, "fmt", "--check", path, allowed=(0,))
    assert parse(path.read_text(encoding="utf-8"), "x").module == parse(messy, "y").module


def test_fmt_leaves_a_file_with_syntax_errors_untouched(tmp_path, capsys):
    broken = "role   a  \"A\"\nformat f { limit stay 3 days }\n"
    path = write(tmp_path, "broken.rasim", broken)
    run(capsys, "fmt", path, allowed=(1,))
    assert path.read_bytes() == broken.encode()


# ---- usage, explain, version ---------------------------------------------------------------


def test_usage_errors(tmp_path, capsys):
    path = write(tmp_path, "clean.rasim", clean())
    run(capsys, "check", "--no-such-option", path, allowed=(2,))
    run(capsys, "check", allowed=(2,))
    run(capsys, "fmt", allowed=(2,))
    status, out, err = run(capsys, "check", tmp_path / "nowhere.rasim", allowed=(2,))
    assert "nowhere.rasim" in err


def test_explain(capsys):
    status, out, err = run(capsys, "explain", "unexpected-token", allowed=(0,))
    assert "unexpected-token" in out
    status, out, err = run(capsys, "explain", "nope", allowed=(2,))
    assert "nope" in err


def test_version(capsys):
    status, out, err = run(capsys, "--version", allowed=(0,))
    assert rasim.__version__ in out


def test_every_code_is_documented(capsys):
    assert CODES
    for code, entry in CODES.items():
        assert entry.code == code
        assert entry.summary.strip(), code
        assert entry.explanation.strip(), code
        status, out, err = run(capsys, "explain", code, allowed=(0,))
        assert out.startswith(code), out[:200]
        assert "{keywords}" not in out


# ---- internal errors --------------------------------------------------------------------------


def test_internal_error_exits_3_without_traceback(tmp_path, capsys, monkeypatch):
    # The command line imports `parse` from rasim.parse inside its functions,
    # so patching the module attribute reaches it.
    def broken(text, path):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr("rasim.syntax.parse.parse", broken)
    path = write(tmp_path, "clean.rasim", clean())
    status = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert status == 3
    assert "internal-error" in err
    assert "Traceback" not in out + err


# ---- the process: parser cache, start-up imports ------------------------------------------------


def _rasim(args, cache: Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    return subprocess.run([sys.executable, "-m", "rasim", *map(str, args)], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)


def test_parser_cache(tmp_path):
    cache = tmp_path / "cache"
    path = write(tmp_path, "clean.rasim", clean())

    first = _rasim(["check", path], cache, tmp_path)
    assert first.returncode == 0, first.stderr
    pickles = list(cache.glob("rasim/parser-*.json"))
    assert len(pickles) == 1, pickles
    cached = pickles[0]
    stamp = cached.stat().st_mtime_ns
    content = cached.read_bytes()

    second = _rasim(["check", path], cache, tmp_path)
    assert second.returncode == 0, second.stderr
    assert cached.stat().st_mtime_ns == stamp, "the second run rebuilt the cached parser"
    assert list(cache.glob("rasim/parser-*.json")) == [cached]

    for garbage in (b"not json at all", content[: len(content) // 2]):
        cached.write_bytes(garbage)
        third = _rasim(["check", path], cache, tmp_path)
        assert third.returncode == 0, third.stderr
        assert "Traceback" not in third.stdout + third.stderr
        assert cached.read_bytes() != garbage, "the damaged cache file was not replaced"
        assert list(cache.glob("rasim/parser-*.json")) == [cached]
    assert not list(cache.glob("rasim/.parser-*")), "a temporary file was left behind"


def test_help_does_not_import_lark(tmp_path):
    script = (
        "import sys\n"
        "from rasim.cli import main\n"
        "status = main(['--help'])\n"
        "print('STATUS', status)\n"
        "print('LARK', sorted(m for m in sys.modules if m == 'lark' or m.startswith('lark.')))\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "STATUS 0" in lines
    assert "LARK []" in lines, done.stdout[-500:]
