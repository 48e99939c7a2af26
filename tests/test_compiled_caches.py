"""The caches in the user's folder (parser tables, compiled library) are data: a planted file never runs code.

Each test runs `rasim check` in a fresh process whose cache folder
(XDG_CACHE_HOME) the test controls, the way another user, a restored CI cache
or a download could fill it.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from rasim.library import compiled
from rasim.library.load import load_library
from rasim.resources import data_path
from rasim.syntax.parser_loader import cache_key
from rasim.tree import serialize

REPO = Path(__file__).resolve().parent.parent
SCENARIO = REPO / "scenarios" / "2025-03-credentials-ceremony-2024ed.rasim"


class _Planted:
    """Unpickling this creates the file named by `marker`: the proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _rasim(cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "rasim", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def _parser_cache_files(cache: Path) -> list[Path]:
    from lark import __version__ as lark_version

    grammar = (data_path("grammar") / "rasim.lark").read_text(encoding="utf-8")
    key = cache_key(grammar, lark_version)
    folder = cache / "rasim"
    # The name the cache has now, and the pickle name it had before.
    return [folder / f"parser-{key}.json", folder / f"parser-{key}.pickle"]


def test_a_planted_parser_cache_pickle_is_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    cache = tmp_path / "cache"
    for path in _parser_cache_files(cache):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(_Planted(marker)))
    result = _rasim(cache, "check", str(SCENARIO))
    assert result.returncode == 0, result.stderr
    assert "checked 1 file: no errors" in result.stdout
    assert not marker.exists(), "a planted pickle in the parser cache was executed"
    # The planted file was replaced by tables stored as data.
    stored = json.loads(_parser_cache_files(cache)[0].read_text(encoding="utf-8"))
    assert set(stored) == {"key", "data", "memo", "mistakes", "states"}


def test_a_planted_compiled_library_is_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    cache = tmp_path / "cache"
    assert _rasim(cache, "check", str(SCENARIO)).returncode == 0
    folders = [p for p in (cache / "rasim" / "stdlib").iterdir() if p.is_dir()]
    assert len(folders) == 1 and (folders[0] / compiled.INDEX).is_file()
    for path in folders[0].iterdir():
        path.write_bytes(pickle.dumps(_Planted(marker)))
    result = _rasim(cache, "check", str(SCENARIO))
    assert result.returncode == 0, result.stderr
    assert "checked 1 file: no errors" in result.stdout
    assert not marker.exists(), "a planted pickle in the compiled library was executed"


def test_a_compiled_library_naming_a_foreign_class_is_rejected() -> None:
    with pytest.raises(serialize.DecodeError):
        serialize.Decoder(["Module", "Popen"])
    with pytest.raises(serialize.DecodeError):
        serialize.Decoder(["__builtins__"])
    decoder = serialize.Decoder(["Name"])
    assert decoder.decode('{"c": 0, "s": [1, 1, 1, 2, 0, 1], "f": ["n"]}', "x").text == "n"
    for forged in ('{"c": 0, "s": [1, 1, 1, 2, 0, 1], "f": [{"a": 1}]}',  # a field that is no node
                   '{"c": 1, "s": [1, 1, 1, 2, 0, 1], "f": ["n"]}',  # a class not in the table
                   '{"c": -1, "s": [1, 1, 1, 2, 0, 1], "f": ["n"]}',
                   '{"c": 0, "s": [1, 1, 1, 2, 0, 1.5], "f": ["n"]}',  # a span that is not whole numbers
                   '{"c": 0, "s": [1, 1, 1, 2, 0, 1], "f": ["n", "m"]}',  # a field too many
                   '{"c": 0, "s": [1, 1, 1, 2, 0, 1], "f": [1.5]}',
                   '["n"]', "not json"):
        with pytest.raises(serialize.DecodeError):
            decoder.decode(forged, "x")


def test_a_damaged_compiled_edition_falls_back_to_the_sources(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_library.cache_clear()
    parsed = load_library(str(data_path("stdlib")))
    load_library.cache_clear()
    for path in (tmp_path / "rasim" / "stdlib").rglob("state_protocol@2024.jsonl"):
        path.write_text(json.dumps({"key": "forged"}), encoding="utf-8")
    try:
        reloaded = load_library(str(data_path("stdlib")))
        edition = reloaded.editions["state_protocol@2024"]
        assert set(edition.symbols) == set(parsed.editions["state_protocol@2024"].symbols)
        assert edition.files[0][2].module == parsed.editions["state_protocol@2024"].files[0][2].module
        # The damaged folder was dropped: the next run compiles the library again, whole.
        load_library.cache_clear()
        load_library(str(data_path("stdlib")))
        folders = list((tmp_path / "rasim" / "stdlib").iterdir())
        assert len(folders) == 1
        key = json.loads((folders[0] / compiled.INDEX).read_text(encoding="utf-8"))["key"]
        trees = compiled.read_edition(folders[0], key, "state_protocol@2024", list(edition.file_names))
        assert trees.module(edition.file_names[0]) == edition.files[0][2].module
    finally:
        load_library.cache_clear()


def test_the_compiled_library_decodes_to_the_parsed_trees(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_library.cache_clear()
    try:
        parsed = load_library(str(data_path("stdlib")))
        load_library.cache_clear()
        decoded = load_library(str(data_path("stdlib")))
        assert sorted(decoded.editions) == sorted(parsed.editions)
        for ref, edition in decoded.editions.items():
            original = parsed.editions[ref]
            assert edition.in_force == original.in_force and edition.language == original.language
            for (shown, text, mine), (shown_0, text_0, theirs) in zip(edition.files, original.files, strict=True):
                assert (shown, text) == (shown_0, text_0)
                assert mine.module == theirs.module
                assert serialize.Encoder().encode(mine.module, shown) == serialize.Encoder().encode(theirs.module,
                                                                                                   shown)
    finally:
        load_library.cache_clear()


def test_a_checked_library_file_is_decoded_with_its_own_spans(tmp_path: Path, monkeypatch) -> None:
    """`rasim check stdlib` decodes the files the compiled library holds: the same tree, spans under the shown path."""
    from rasim.library.load import parse_file
    from rasim.syntax.parse import parse

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    root = data_path("stdlib")
    load_library.cache_clear()
    try:
        load_library(str(root))  # parses and compiles
        load_library.cache_clear()
        load_library(str(root))  # from the compiled form
        parsed_by_parse_file = []
        monkeypatch.setattr("rasim.syntax.parse.parse", lambda text, shown: parsed_by_parse_file.append(shown))
        for path in sorted(root.rglob("*.rasim")):
            text = path.read_text(encoding="utf-8")
            shown = f"stdlib/{path.relative_to(root).as_posix()}"
            decoded, parsed = parse_file(text, shown, path, root), parse(text, shown)
            assert parsed_by_parse_file == []
            assert decoded.module == parsed.module and decoded.diagnostics == parsed.diagnostics == ()
            assert serialize.Encoder().encode(decoded.module, shown) == serialize.Encoder().encode(parsed.module,
                                                                                                  shown)
        # An edited copy is parsed: its text is not the library's.
        monkeypatch.undo()
        edited = text.replace("\n", "\n\n", 1)
        assert parse_file(edited, shown, path, root).module.span.end_line == parse(edited, shown).module.span.end_line
    finally:
        load_library.cache_clear()
