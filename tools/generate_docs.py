"""Write the generated pages of the documentation site (docs/reference/, docs/literate/, docs/stdlib/).

Run from the repository: `.venv/bin/python tools/generate_docs.py`. The tests
fail when a committed page is not what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    """Write every generated page and list them."""
    from rasim.cli.commands import main as rasim
    from rasim.library.load import load_library
    from rasim.resources import data_path
    from rasim.tools.site import write_site_pages

    status = rasim(["reference", "-o", str(REPO / "docs" / "stdlib")])
    for path in write_site_pages(REPO, load_library(str(data_path("stdlib")))):
        print(f"wrote {path.relative_to(REPO)}")
    from rasim.diff.run import changes_page

    (REPO / "docs" / "changes-2013-2024.md").write_text(changes_page(), encoding="utf-8")
    print("wrote docs/changes-2013-2024.md")
    return status


if __name__ == "__main__":
    sys.exit(main())
