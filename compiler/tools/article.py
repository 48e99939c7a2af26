"""`rasim article EDITION N`: the text of an article, in the language of the original, as the library holds it.

A diagnostic or a run-sheet cites `§ 22 of state_protocol@2024`; this prints
what § 22 says, so that nobody has to open the JSON index or the decree. A
subparagraph (`10.8`) or an appendix entry (`A1.5`) is printed alone; an
article's footnotes (amendments) are kept, as the source text has them.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_arguments(command) -> None:
    """Add the arguments of `rasim article`."""
    command.add_argument("edition", metavar="EDITION", help="an edition, such as state_protocol@2024")
    command.add_argument("number", metavar="N", help="an article (22), a subparagraph (10.8) or an appendix entry "
                         "(A1.5), numbered as the edition prints them")
    command.add_argument("--stdlib", metavar="DIR", help="read the articles of this standard library folder")


def run(options, default_stdlib: Path) -> int:
    """Print the article, or say why it cannot, with the editions or the nearest numbers as hints."""
    from ..library.articles import load_article_index
    from ..library.load import load_library

    root = Path(options.stdlib) if options.stdlib else default_stdlib
    index = load_article_index(options.edition, root)
    if index is None:
        known = sorted(ref for ref in load_library(str(root)).editions if load_article_index(ref, root))
        close = difflib.get_close_matches(options.edition, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        print(f"rasim: error: the library has no articles of `{options.edition}`{hint} "
              f"(editions with articles: {', '.join(known)})", file=sys.stderr)
        return EXIT_USAGE
    text = index.find(options.number)
    if text is None:
        print(f"rasim: error: {options.edition} has no article {options.number}; articles are numbered as the "
              "edition prints them: 22, 10.8 (subparagraph), A1.5 (appendix entry)", file=sys.stderr)
        return EXIT_ERRORS
    language = {"kk": "Kazakh", "en": "English", "ru": "Russian"}.get(index.language, index.language)
    heading = f"§ {options.number} of {options.edition} ({language}, the language of the text the library holds)"
    sys.stdout.write(f"{heading}\n\n{text.strip() or '(the source has the heading of this article but no text)'}\n")
    return EXIT_OK
