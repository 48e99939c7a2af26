"""The command line. `main` is the entry point of the `rasim` command."""

from .commands import main  # noqa: F401
