"""Build the Lark parser once per process, cached on disk per user and per grammar.

The cache file lives in the user's cache directory (platformdirs), named after
a hash of the grammar and of Lark's version, and is written to a temporary
file first and renamed into place, so that two processes starting at once
never read half a file. Lark's own `cache=True` is not used: it writes a
predictable file name in the shared /tmp.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from attrs import define

from ..resources import data_path

# Bumped whenever what we store in the cache changes shape.
CACHE_FORMAT = "3"

# What a common mistake looks like, and the code that names it. Each example is
# parsed once when the parser is loaded; the parser state and the token at
# which it fails identify the mistake when a user's file fails the same way.
MISTAKE_EXAMPLES: dict[str, tuple[str, ...]] = {
    "missing-comparison": (
        "format f { limit stay 3 days }",
        "format f { window a 5 days before b }",
    ),
    "missing-label-quotes": (
        "role president President",
        "unit guard Guard",
        "place akorda Akorda",
        "ceremony c Welcome { }",
        "scenario s { visit v { principal Jane head_of_state } }",
        'scenario s { people { president Tokayev } }',
    ),
    "missing-brace": (
        "format f shall x }",
        'format f "F" shall x }',
        'ceremony c "C" step s }',
        'role r "R" side host_side }',
        "ceremony c step s }",
        "scenario s visit v",
        "scenario s { program day 1 }",
    ),
    "stray-closing-brace": (
        "}",
        "role a }",
        "format f { } }",
        "format f { shall x } }",
        'role r { side host_side } }',
        'ceremony c { step s } }',
        'scenario s { assume a yes } }',
    ),
    "time-without-date": (
        "scenario s { visit v { arrive 09:30 } }",
        "scenario s { visit v { depart 09:30 } }",
    ),
}

# Mistakes recognised by the parser state alone, whatever token follows:
# at these states only one kind of thing can come next.
STATE_ONLY_MISTAKES = frozenset({"missing-comparison", "time-without-date"})


@define
class CommentCollector:
    """Receives every comment token the lexer skips, for the formatter."""

    comments: list = []

    def __call__(self, token):
        self.comments.append(token)
        return token


class WholeWords:
    """A post-lexer that only asks the contextual lexer to try names in every state.

    Without it a state that expects only keywords reads `rolepresident` as the
    keyword `role` followed by `president`; with names always tried, the longest
    match wins and a glued word is one (misplaced) name.
    """

    always_accept = ("NAME",)

    def process(self, stream):
        return stream


@define
class LoadedParser:
    """The parser with its tree builder, comment collector and mistake table."""

    lark: object
    builder: object
    comments: CommentCollector
    mistakes: dict
    terminal_patterns: dict
    keyword_types: dict | None = None


_LOADED: LoadedParser | None = None


def load_parser() -> LoadedParser:
    """Return the process-wide parser, building or loading it on first use."""
    global _LOADED
    if _LOADED is None:
        _LOADED = _load()
    return _LOADED


def _load() -> LoadedParser:
    from lark import Lark, __version__ as lark_version
    from lark.exceptions import UnexpectedInput

    from .tree_builder import TreeBuilder

    grammar = (data_path("grammar") / "rasim.lark").read_text(encoding="utf-8")
    key = hashlib.sha256(f"{CACHE_FORMAT}\0{lark_version}\0{grammar}".encode()).hexdigest()[:24]
    builder = TreeBuilder()
    collector = CommentCollector()
    options = {"transformer": builder, "lexer_callbacks": {"COMMENT": collector}, "postlex": WholeWords()}
    lark = _read_cache(key, options)
    if lark is None:
        lark = Lark(grammar, parser="lalr", lexer="contextual", keep_all_tokens=True,
                    maybe_placeholders=False, **options)
        _write_cache(key, lark)

    mistakes: dict = {}
    for code, examples in MISTAKE_EXAMPLES.items():
        for example in examples:
            try:
                lark.parse(example)
            except UnexpectedInput as failure:
                state = getattr(getattr(failure, "state", None), "position", None)
                token = getattr(failure, "token", None)
                if state is None or token is None:
                    continue
                mistakes.setdefault((state, token.type), code)
                if code in STATE_ONLY_MISTAKES:
                    mistakes.setdefault((state, None), code)
    builder.reset("<input>")
    collector.comments = []
    patterns = {term.name: term.pattern for term in lark.terminals}
    return LoadedParser(lark, builder, collector, mistakes, patterns)


def _cache_file(key: str) -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("rasim")) / f"parser-{key}.pickle"


def _read_cache(key: str, options: dict):
    from lark import Lark

    path = _cache_file(key)
    try:
        with path.open("rb") as handle:
            return Lark.__new__(Lark)._load(handle, **options)
    except FileNotFoundError:
        return None
    except Exception:
        # A damaged or foreign cache file is rebuilt, never trusted.
        return None


def _write_cache(key: str, lark) -> None:
    path = _cache_file(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".parser-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                lark.save(stream, exclude_options=("transformer", "lexer_callbacks", "postlex"))
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        # A read-only home directory only costs start-up time.
        pass
