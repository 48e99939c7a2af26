"""Locate the data folders that ship with Rasim."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Return the data folder `name` ("grammar" or "stdlib") of this installation.

    A wheel install holds the folder inside the package (rasim/grammar);
    a source checkout or an editable install keeps it at the top of the
    repository, beside compiler/.
    """
    installed = importlib.resources.files("rasim") / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name
