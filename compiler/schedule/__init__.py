"""Stage 5: the temporal network of a program, its solution and its conflicts."""

from .timetable import Timed, schedule  # noqa: F401
