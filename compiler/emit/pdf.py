"""Print run-sheet HTML to PDF with WeasyPrint, several documents at once on several cores.

WeasyPrint lays out about two pages a second; a visit has a hundred pages of
sheets per language, so the documents are shared out among worker processes.
The result does not depend on how they were shared: WeasyPrint writes no date
or random identifier, and each document is printed alone.

Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which stamps
each embedded font with the time it was written (`head.modified`): the same
sheet printed a second later gave other bytes. fontTools takes that time from
SOURCE_DATE_EPOCH when it is set (reproducible-builds.org), so printing sets it
to 0 unless the caller chose a value.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

MAX_WORKERS = 4


def html_to_pdf(documents: dict[str, str], workers: int | None = None) -> dict[str, bytes]:
    """Return {name: PDF bytes} for {name: HTML} `documents`, using up to `workers` processes."""
    names = sorted(documents, key=lambda n: -len(documents[n]))  # the longest first keeps the workers even
    count = min(workers or min(os.cpu_count() or 1, MAX_WORKERS), len(names))
    if count <= 1:
        return {name: _print(documents[name]) for name in sorted(documents)}
    # "spawn": a forked copy of a process that already loaded Pango and GLib may hang.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        printed = dict(zip(names, pool.map(_print, [documents[name] for name in names])))
    return {name: printed[name] for name in sorted(printed)}


def _print(html: str) -> bytes:
    from weasyprint import HTML

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    return HTML(string=html, url_fetcher=_refuse, base_url=None).write_pdf()


def _refuse(url: str, *args, **kwargs):
    # The sheets are self-contained; nothing in a scenario may make the printer
    # read a file or the network.
    raise ValueError(f"run-sheets load no resources ({url[:60]!r})")
