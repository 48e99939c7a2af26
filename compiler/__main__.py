"""Run the command line: `python -m rasim`."""

import sys

from .cli import main

sys.exit(main())
