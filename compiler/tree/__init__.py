"""The Rasim syntax tree: frozen attrs nodes, one class per grammar rule, each with a span."""

from .base import *  # noqa: F401,F403
from .library import *  # noqa: F401,F403
from .scenario import *  # noqa: F401,F403
