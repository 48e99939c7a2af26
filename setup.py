"""Build the wheel with the compiled standard library inside (rasim/stdlib_compiled/).

Everything else is configured in pyproject.toml. After the package's files are
copied into the build folder, the copy of the compiler there parses the copy
of the standard library and writes its compiled form beside it, so that an
installed `rasim` never parses the library (compiler/library/compiled.py).
An editable install has none: it compiles into the user's cache on first use.
"""

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COMPILE = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from pathlib import Path; from rasim.library.load import compile_library; "
    "from rasim.library.compiled import SHIPPED_FOLDER; "
    "package = Path(sys.argv[1]) / 'rasim'; "
    "compile_library(package / 'stdlib', package / SHIPPED_FOLDER)"
)


class BuildWithCompiledLibrary(build_py):
    """Copy the package, then write the compiled standard library into the copy."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib).resolve()
        shipped = target / "rasim" / "stdlib_compiled"
        if shipped.exists():
            # A build folder left from an earlier build: its sources may have changed.
            import shutil

            shutil.rmtree(shipped)
        subprocess.run([sys.executable, "-c", COMPILE, str(target)], check=True)


setup(cmdclass={"build_py": BuildWithCompiledLibrary})
