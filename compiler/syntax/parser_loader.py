"""Build the Lark parser once per process, cached on disk per user and per grammar.

The cache file lives in the user's cache directory (platformdirs), named after
a hash of the grammar and of Lark's version, and is written to a temporary
file first and renamed into place, so that two processes starting at once
never read half a file. Lark's own `cache=True` is not used: it writes a
predictable file name in the shared /tmp, and like `Lark.save` it is a pickle,
which runs code when loaded. The cache holds Lark's serialized tables as JSON
instead (tuples and integer-keyed tables tagged, see `_encode`; the LALR
table as flat rows of numbers, see `_pack_states`), read back
with Lark's own deserializer, which builds only its own grammar, terminal and
parse-table classes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from attrs import define

from ..resources import data_path

# Bumped whenever what we store in the cache changes shape.
CACHE_FORMAT = "6"

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

    from .tree_builder import TreeBuilder

    grammar = (data_path("grammar") / "rasim.lark").read_text(encoding="utf-8")
    key = cache_key(grammar, lark_version)
    builder = TreeBuilder()
    collector = CommentCollector()
    options = {"transformer": builder, "lexer_callbacks": {"COMMENT": collector}, "postlex": WholeWords()}
    stored = _read_cache(key, options)
    if stored is None:
        lark = Lark(grammar, parser="lalr", lexer="contextual", keep_all_tokens=True,
                    maybe_placeholders=False, **options)
        mistakes = _find_mistakes(lark)
        _write_cache(key, lark, mistakes)
    else:
        lark, mistakes = stored
    builder.reset("<input>")
    collector.comments = []
    patterns = {term.name: term.pattern for term in lark.terminals}
    return LoadedParser(lark, builder, collector, mistakes, patterns)


def _find_mistakes(lark) -> dict:
    """Return the mistake table: the code of each (parser state, token type) at which an example fails."""
    from lark.exceptions import UnexpectedInput

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
    return mistakes


def cache_key(grammar: str, lark_version: str) -> str:
    """Return the name of the cached tables of `grammar` under this Lark, this cache format and these mistakes."""
    examples = json.dumps([MISTAKE_EXAMPLES, sorted(STATE_ONLY_MISTAKES)])
    return hashlib.sha256(f"{CACHE_FORMAT}\0{lark_version}\0{grammar}\0{examples}".encode()).hexdigest()[:24]


def cache_file(key: str) -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("rasim")) / f"parser-{key}.json"


# Options that hold this process's objects (the tree builder, the comment
# collector, the post-lexer): given again on every load, never stored.
PROCESS_OPTIONS = ("transformer", "lexer_callbacks", "postlex")
_TUPLE, _INT_KEYS = "#tuple", "#int-keys"


def _encode(value):
    """Return Lark's serialized tables as JSON data: tuples and dicts with integer keys tagged."""
    if isinstance(value, dict):
        if all(type(k) is str for k in value) and _TUPLE not in value and _INT_KEYS not in value:
            return {k: _encode(v) for k, v in value.items()}
        if all(type(k) is int for k in value):
            return {_INT_KEYS: [[k, _encode(v)] for k, v in value.items()]}
        raise TypeError("a table with keys of mixed types")
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if value is None or type(value) in (str, int, bool, float):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the parser cache")


def _decode_object(found: dict):
    if len(found) == 1:
        if _TUPLE in found and isinstance(found[_TUPLE], list):
            return tuple(found[_TUPLE])
        if _INT_KEYS in found and isinstance(found[_INT_KEYS], list):
            pairs = found[_INT_KEYS]
            if not all(isinstance(p, list) and len(p) == 2 and type(p[0]) is int for p in pairs):
                raise ValueError("a damaged integer-keyed table")
            return {k: v for k, v in pairs}
    return found


def _read_cache(key: str, options: dict):
    from lark import Lark

    path = cache_file(key)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"), object_hook=_decode_object)
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        mistakes = _read_mistakes(stored["mistakes"])
        data = stored["data"]
        # The packed rows go to Lark's parser as they are: `_StoredTableParser` builds the
        # table from them in its final form, where Lark would decode a tagged table twice.
        data["parser"]["parser"]["states"] = stored["states"]
        plugins = {"LALR_Parser": _stored_table_parser()}
        return Lark.__new__(Lark)._load({"data": data, "memo": stored["memo"]}, _plugins=plugins, **options), mistakes
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is rebuilt, never trusted
        return None


def _pack_states(states: dict) -> list:
    """Return the LALR table (state -> token -> (action, argument)) as flat rows, a fraction of its tagged size.

    Each row is [state, token, action, argument, token, action, argument, ...];
    a reduction's argument is the number of its rule in Lark's memo.
    """
    rows = []
    for state, actions in states.items():
        row = [state]
        for token, (action, argument) in actions.items():
            row += [token, action, argument["@"] if action == 1 else argument]
        rows.append(row)
    return rows


def _stored_table_parser():
    """Return Lark's LALR parser class, reading its table from the packed rows of the cache."""
    from lark.parsers.lalr_analysis import IntParseTable
    from lark.parsers.lalr_parser import LALR_Parser, _Parser

    class _StoredTableParser(LALR_Parser):
        @classmethod
        def deserialize(cls, data, memo, callbacks, debug=False):
            table = IntParseTable(_unpack_states(data["states"], data["tokens"], memo), data["start_states"],
                                  data["end_states"])
            parser = LALR_Parser.__new__(LALR_Parser)
            parser._parse_table = table
            parser.parser = _Parser(table, callbacks, debug)
            return parser

    return _StoredTableParser


def _unpack_states(rows, tokens: dict, rules: dict) -> dict:
    """Return the LALR table as Lark parses with it: state -> token name -> (Shift, state) or (Reduce, rule).

    A row naming a token or a rule that the tables do not hold is a damaged table (KeyError).
    """
    from lark.parsers.lalr_analysis import Reduce, Shift

    states = {}
    for row in rows:
        if type(row) is not list or len(row) % 3 != 1 or any(type(n) is not int for n in row):
            raise ValueError("a damaged parse table")
        states[row[0]] = {tokens[row[i]]: (Reduce, rules[row[i + 2]]) if row[i + 1] == 1 else (Shift, row[i + 2])
                          for i in range(1, len(row), 3)}
    return states


def _read_mistakes(rows) -> dict:
    mistakes = {}
    for state, token_type, code in rows:
        if type(state) is not int or not (token_type is None or isinstance(token_type, str)) \
                or code not in MISTAKE_EXAMPLES:
            raise ValueError("a damaged mistake table")
        mistakes[(state, token_type)] = code
    return mistakes


def _write_cache(key: str, lark, mistakes: dict) -> None:
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    path = cache_file(key)
    data, memo = lark.memo_serialize([TerminalDef, Rule])
    data["options"] = {n: v for n, v in data["options"].items() if n not in PROCESS_OPTIONS}
    try:
        rows = [[state, token_type, code] for (state, token_type), code in mistakes.items()]
        tables = data["parser"]["parser"]
        states, tables["states"] = tables["states"], {}
        text = json.dumps({"key": key, "data": _encode(data), "memo": _encode(memo), "mistakes": rows,
                           "states": _pack_states(states)}, separators=(",", ":"))
        tables["states"] = states
    except TypeError:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".parser-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        # The pickles of earlier versions are never read again. (The tables of other
        # grammars stay: another installation of Rasim may be using them.)
        for stale in path.parent.glob("parser-*.pickle"):
            stale.unlink(missing_ok=True)
    except OSError:
        # A read-only home directory only costs start-up time.
        pass
