"""Print run-sheets to PDF with Typst, from each sheet's view data, each PDF cached by what it is made of.

Typst (the `typst` package, a compiled typesetter) lays a sheet out in
milliseconds where WeasyPrint took a third of a second a page (the comparison
is in docs/performance.md). The layout is a Typst template
(compiler/templates/typst/), which reads the sheet's view data from a virtual
file `data.json`: a scenario's text reaches Typst only as strings in that
data, never as markup, so no label can inject layout code.

The fonts are DejaVu Sans, shipped in compiler/fonts/; the system's fonts are
never searched, so a sheet has the same layout and the same bytes on every
machine, and the PDF's creation date is fixed (Typst's `timestamp`).

A PDF is cached in the user's cache folder under a hash of its data, the
templates, the fonts and the Typst version; the cache holds PDF bytes only,
each beside the SHA-256 of its bytes, checked on every load.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs

from ..plan.types import Label
from .runsheet import Sheet

_HERE = Path(__file__).resolve().parent.parent
_TEMPLATES = _HERE / "templates" / "typst"
_FONTS = _HERE / "fonts"
MAX_WORKERS = 4
EPOCH = 0  # the creation date written into every PDF: 1970-01-01, so that a rebuild gives the same bytes


class PrintError(Exception):
    """Typst refused to lay a sheet out; the message says which sheet and why."""


def sheets_to_pdf(sheets: dict[str, Sheet], workers: int | None = None, cache: bool = True) -> dict[str, bytes]:
    """Return {name: PDF bytes} for {name: view data} `sheets`, reusing the PDFs cached for the same input.

    Typst lays a sheet out without holding Python's lock, so up to `workers`
    threads print at once; each sheet is printed alone, so the bytes do not
    depend on how they were shared out.
    """
    data = {name: sheet_data(sheets[name]) for name in sorted(sheets)}
    keys = {name: _cache_key(sheets[name].template, data[name]) for name in data}
    out = {name: pdf for name in data if cache and (pdf := _cached(keys[name])) is not None}
    missing = [name for name in data if name not in out]
    count = min(workers or min(os.cpu_count() or 1, MAX_WORKERS), len(missing))
    if count > 1:
        with ThreadPoolExecutor(max_workers=count) as pool:
            printed = dict(zip(missing, pool.map(lambda n: _typeset(n, sheets[n].template, data[n]), missing)))
    else:
        printed = {name: _typeset(name, sheets[name].template, data[name]) for name in missing}
    for name, pdf in printed.items():
        if cache:
            _store(keys[name], pdf)
        out[name] = pdf
    return {name: out[name] for name in sorted(out)}


def sheet_data(sheet: Sheet) -> bytes:
    """Return the JSON that the Typst template of `sheet` reads as data.json."""
    context = {key: value for key, value in sheet.context.items() if key not in _NOT_PRINTED}
    return json.dumps(_plain(context), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


# The Plan's own calls, which the view data was built from, and the boxes of every sheet: the template reads
# the sheet's `shown_boxes` instead.
_NOT_PRINTED = frozenset({"calls", "boxes", "deviations", "arrival"})


def _plain(value):
    """Return `value` as JSON data: attrs classes as objects, tuples as arrays, sets as sorted arrays."""
    if isinstance(value, Label):  # a label as the Plan's JSON writes it, {"en": ..., "kk": ...}
        return value.to_json()
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(item) for item in value)
    return value


def _typeset(name: str, template: str, data: bytes) -> bytes:
    import typst

    files = {"main.typ": f'#include "{template}.typ"\n'.encode(), "data.json": data, **_template_files()}
    try:
        return typst.compile(files, font_paths=_fonts(), ignore_system_fonts=True, timestamp=EPOCH)
    except typst.TypstError as failure:
        raise PrintError(f"{name}: Typst could not lay the sheet out: {failure.message}") from failure


@functools.cache
def _template_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(_TEMPLATES.glob("*.typ"))}


@functools.cache
def _fonts():
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=[str(_FONTS)])


@functools.cache
def _typesetter_key() -> str:
    """Return a hash of everything besides the data that a PDF's bytes depend on."""
    import typst

    digest = hashlib.sha256(f"typst {typst.__version__}\n".encode())
    for name, content in sorted(_template_files().items()):
        digest.update(f"{name} {len(content)}\n".encode() + content)
    for path in sorted(_FONTS.glob("*.ttf")):
        digest.update(f"{path.name} {path.stat().st_size}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def _cache_key(template: str, data: bytes) -> str:
    return hashlib.sha256(f"{_typesetter_key()} {template}\n".encode() + data).hexdigest()


def _cache_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("rasim")) / "pdf"


def _cached(key: str) -> bytes | None:
    """Return the cached PDF for `key` when its bytes still have the digest stored beside them, else None."""
    folder = _cache_folder()
    try:
        pdf = (folder / f"{key}.pdf").read_bytes()
        expected = (folder / f"{key}.sha256").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if hashlib.sha256(pdf).hexdigest() != expected or not pdf.startswith(b"%PDF-"):
        return None  # damaged or tampered with: laid out again
    return pdf


def _store(key: str, pdf: bytes) -> None:
    folder = _cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / f"{key}.pdf", pdf)
        _write_atomically(folder / f"{key}.sha256", hashlib.sha256(pdf).hexdigest().encode() + b"\n")
    except OSError:
        pass  # a read-only cache folder only costs the time of laying the sheet out again


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".pdf-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
