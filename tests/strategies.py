"""Hypothesis strategies that generate valid Rasim programs as text.

Every construct of grammar/rasim.lark has a strategy here that returns the
statement as a list of tokens. `programs()` assembles whole modules and lays
the tokens out at random: spaces, tabs, line breaks, blank lines, `# comments`
on their own lines and at the ends of lines, and `;` between statements.
Statements need no terminator, so any layout of a valid token list is valid.

Tokens are plain strings; `END` marks the end of a statement (a `;` may go
there) and `MUST_SEPARATE` marks an end where a `;` is required because the
grammar's shift/reduce conflicts would otherwise merge two statements:
`agreed x = 5` + `people {...}` (read as `5 people`), `arrive D T` + `at hall`
(read as the arrival's place), `actors a` + `when c` (read as the actor's
condition). See `_must_separate`.
"""

from __future__ import annotations

import calendar
import random
import re
import string
import unicodedata

from hypothesis import strategies as st

from rasim.syntax.keywords import KEYWORDS


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


END = _Marker("END")
MUST_SEPARATE = _Marker("MUST_SEPARATE")

NAME_PATTERN = re.compile(r"[^\W\d]\w*")
PUNCTUATION = frozenset({",", ";", "{", "}", "(", ")", ":", "=", "@", "..", "§"})

LATIN = string.ascii_letters
KAZAKH_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
KAZAKH = KAZAKH_LOWER + KAZAKH_LOWER.upper()
NAME_START = LATIN + KAZAKH + "_"
NAME_REST = NAME_START + string.digits

# Names a protocol officer would write, in Latin and Kazakh; the last ones are
# written decomposed (и + combining breve), which NFC turns into й.
REAL_NAMES = (
    "қонақ_үй", "akorda", "state_visit", "президент", "Ақорда", "hall_of_ceremonies",
    "guard_of_honour", "астана_әуежайы", "тұсаукесер", "ұлттық_гвардия", "x1", "_", "_0",
    "Мемлекеттік_хаттама", "минист\u0440", "кии\u0306ім", "и\u0306ығылу",
)

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "last")
MEASURES = ("min", "h", "days", "day", "working_days", "weeks", "people", "per_side")
TIMEZONES = ("UTC", "Asia/Almaty", "Asia/Aqtobe", "Europe/London", "America/Argentina/Buenos_Aires",
             "America/Port-au-Prince", "Etc/GMT+")

# Characters that make quoted texts interesting: quotes and backslashes (which
# must be escaped), tabs and new lines (escaped or, for tabs, raw), Kazakh
# letters, combining marks, bidirectional marks, controls and NUL.
# The bidirectional embeddings, overrides and isolates are left out: a file
# holding one gets a `bidi-control` warning, so it is no longer a clean program
# (tests/hostile/ and the fuzzer feed them in).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
STRING_SPICE = ('"', "\\", "\t", "\n", "ә", "қ", "ң", "й", "и\u0306", "\u0301", "\u0307", "\u0306",
                "\u200f", "\u200e", "\x07", "\x1b", "§", "#", "{", "}", " ", "\u00a0",
                "\ufeff", "\u2028", "🇰🇿")


def _flatten(*parts) -> list:
    out: list = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            out.extend(part)
        elif part is not None:
            out.append(part)
    return out


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Return `strategy` or an empty token list."""
    return st.one_of(st.just([]), strategy)


# ---- words ----------------------------------------------------------------------


def _valid_name(text: str) -> bool:
    normal = unicodedata.normalize("NFC", text)
    return NAME_PATTERN.fullmatch(normal) is not None and normal not in KEYWORDS


_unicode_letters = st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo"))
_unicode_word = st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Nd"))

names = st.one_of(
    st.sampled_from(REAL_NAMES),
    st.builds(lambda a, b: a + b, st.sampled_from(NAME_START), st.text(NAME_REST, max_size=10)),
    st.builds(lambda a, b: a + b, _unicode_letters, st.text(_unicode_word, max_size=6)),
).filter(_valid_name)
"""Names in any script (Latin, Kazakh, other letters), never a keyword."""


_keywords = st.sampled_from(sorted(KEYWORDS))


@st.composite
def refs(draw) -> str:
    """A reference, possibly dotted: `akorda.hall_of_ceremonies`; parts after a dot may be keywords."""
    members = draw(st.lists(st.one_of(names, _keywords), max_size=2))
    return ".".join([draw(names)] + members)


@st.composite
def ref_lists(draw) -> list:
    items = draw(st.lists(refs(), min_size=1, max_size=3))
    out: list = []
    for i, item in enumerate(items):
        out += ([","] if i else []) + [item]
    return out


@st.composite
def whole_numbers(draw) -> str:
    number = str(draw(st.integers(0, 10**6)))
    return draw(st.sampled_from(("", "", "", "0", "00"))) + number


@st.composite
def numbers(draw) -> str:
    """A NUMBER as written: whole or with a fraction, sometimes in Arabic-Indic digits."""
    text = draw(whole_numbers())
    if draw(st.booleans()):
        text += "." + str(draw(st.integers(0, 999)))
    if draw(st.integers(0, 9)) == 0:
        text = text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return text


dates = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)
times = st.builds(lambda h, m, pad: (f"{h:02d}" if pad else str(h)) + f":{m:02d}",
                  st.integers(0, 23), st.integers(0, 59), st.booleans())
timezones = st.sampled_from(TIMEZONES).map(lambda z: z + "5" if z.endswith("+") else z).filter(
    lambda z: re.fullmatch(r"UTC|[A-Z][A-Za-z_]+(/[A-Za-z_+\-]+)+", z) is not None)
articles = st.builds(lambda a, n, parts: a + str(n) + "".join(f".{p}" for p in parts),
                     st.sampled_from(("", "", "A")), st.integers(0, 200), st.lists(st.integers(0, 30), max_size=2))


def _escape(text: str, raw_tabs: bool) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return out if raw_tabs else out.replace("\t", "\\t")


def _escapes_survive_nfc(body: str) -> bool:
    # `\n` followed by a combining tilde becomes `\ñ` under NFC, which is no
    # escape; such a text is not valid Rasim, so it is not generated.
    normal = unicodedata.normalize("NFC", body)
    return re.fullmatch(r'(?:[^"\\\n\r]|\\["\\nt])*', normal) is not None


@st.composite
def strings(draw) -> str:
    """A quoted text with quotes, backslashes and odd characters escaped properly."""
    pieces = draw(st.lists(st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00" + BIDI_CONTROLS),
                max_size=8),
        st.text(string.ascii_letters + KAZAKH_LOWER + " .,-'", max_size=12),
        st.sampled_from(STRING_SPICE),
    ), max_size=4))
    body = _escape("".join(pieces), raw_tabs=draw(st.booleans()))
    if not _escapes_survive_nfc(body):
        body = _escape(draw(st.text(string.ascii_letters + KAZAKH_LOWER + ' "\\', max_size=12)), raw_tabs=False)
    return f'"{body}"'


@st.composite
def labels(draw) -> list:
    """`"State visit" kk "Мемлекеттік сапар" ru "..."`."""
    out = [draw(strings())]
    for language in draw(st.lists(st.sampled_from(("kk", "ru", "en")), max_size=2)):
        out += [language, draw(strings())]
    return out


@st.composite
def edition_refs(draw) -> list:
    year = draw(st.one_of(st.integers(1990, 2030).map(str), whole_numbers()))
    return [draw(names), "@", year]


@st.composite
def citation(draw) -> list:
    found = draw(st.lists(articles, min_size=1, max_size=3))
    out = ["§", found[0]]
    for article in found[1:]:
        out += [",", article]
    if draw(st.booleans()):
        out += ["of"] + draw(edition_refs())
    return out


@st.composite
def citations(draw) -> list:
    return _flatten(*draw(st.lists(citation(), min_size=1, max_size=2)))


def cites() -> st.SearchStrategy:
    return optional(citations())


# ---- conditions --------------------------------------------------------------------


@st.composite
def conditions(draw, depth: int = 0) -> list:
    """`a or not (b and c)`: a condition with and, or, not and parentheses."""
    chains = draw(st.integers(1, 3 if depth < 3 else 1))
    out: list = []
    for i in range(chains):
        out += (["or"] if i else []) + draw(_conjunctions(depth))
    return out


@st.composite
def _conjunctions(draw, depth: int) -> list:
    terms = draw(st.integers(1, 3 if depth < 3 else 1))
    out: list = []
    for i in range(terms):
        out += (["and"] if i else []) + draw(_negatable(depth))
    return out


@st.composite
def _negatable(draw, depth: int) -> list:
    negations = ["not"] * draw(st.integers(0, 3))
    if depth < 3 and draw(st.integers(0, 3)) == 0:
        return negations + ["("] + draw(conditions(depth + 1)) + [")"]
    return negations + [draw(refs())]


@st.composite
def guards(draw) -> list:
    return [draw(st.sampled_from(("when", "unless")))] + draw(conditions())


# ---- amounts ---------------------------------------------------------------------------


@st.composite
def amounts(draw) -> list:
    return [draw(numbers())] + draw(optional(st.sampled_from(MEASURES).map(lambda m: [m])))


@st.composite
def ranges(draw) -> list:
    return [draw(numbers()), "..", draw(numbers())] + draw(optional(st.sampled_from(MEASURES).map(lambda m: [m])))


comparisons = st.sampled_from(("<=", ">=", "=", "<", ">"))


# ---- statements --------------------------------------------------------------------


def statement(*parts) -> list:
    return _flatten(*parts, END)


def block(items: list) -> list:
    return _flatten("{", *items, "}")


@st.composite
def module_headers(draw) -> list:
    return statement("rules", "of", draw(edition_refs()))


@st.composite
def imports(draw) -> list:
    if draw(st.booleans()):
        target = ".".join(draw(st.lists(names, min_size=1, max_size=3)))
    else:
        target = draw(strings())
    alias = draw(optional(names.map(lambda n: ["as", n])))
    return statement("import", target, alias)


@st.composite
def editions(draw) -> list:
    def item(kind: int) -> st.SearchStrategy:
        if kind == 0:
            return labels().map(lambda l: statement("title", l))
        if kind == 1:
            return st.builds(lambda k, s, d: statement(k, s, "dated", d),
                             st.sampled_from(("decree", "amended")), strings(), dates)
        if kind == 2:
            return st.builds(lambda a, b: statement("in_force", a, "..", b), dates, optional(dates.map(lambda d: [d])))
        return st.sampled_from(("kk", "ru", "en")).map(lambda lang: statement("language", lang))

    items = draw(st.lists(st.integers(0, 3).flatmap(item), max_size=4))
    return statement("edition", draw(edition_refs()), draw(optional(labels())), block(items))


@st.composite
def role_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 5)) if kind is None else kind
    if kind == 0:
        return statement("side", draw(st.sampled_from(("host_side", "guest_side", "mission"))))
    if kind == 1:
        return statement("requires", "level", draw(refs()), draw(cites()))
    if kind == 2:
        sex = draw(st.one_of(st.sampled_from(("male", "female")).map(lambda s: [s]),
                             refs().map(lambda r: ["same_as", r])))
        return statement("requires", "sex", sex, draw(cites()))
    if kind == 3:
        return statement("appointed_by", draw(ref_lists()), draw(cites()))
    if kind == 4:
        return statement("acts_for", draw(refs()), draw(guards()), draw(cites()))
    return statement("member_of", draw(refs()), draw(cites()))


def _declaration_head(draw, keyword: str) -> list:
    return [keyword, draw(names)] + draw(optional(labels())) + draw(cites())


@st.composite
def roles(draw) -> list:
    body = draw(optional(st.lists(role_items(), max_size=4).map(block)))
    return statement(_declaration_head(draw, "role"), body)


@st.composite
def units(draw, depth: int = 0) -> list:
    member = roles() if depth >= 2 else st.one_of(roles(), units(depth + 1))
    body = draw(optional(st.lists(member, max_size=3).map(block)))
    return statement(_declaration_head(draw, "unit"), body)


@st.composite
def places(draw, depth: int = 0) -> list:
    inner = st.one_of(places(depth + 1), travels()) if depth < 3 else travels()
    body = draw(optional(st.lists(inner, max_size=2).map(block)))
    return statement(_declaration_head(draw, "place"), body)


@st.composite
def travels(draw) -> list:
    return statement("travel", draw(refs()), draw(amounts()), draw(cites()))


@st.composite
def levels(draw) -> list:
    return statement(_declaration_head(draw, "level"))


@st.composite
def visit_levels(draw) -> list:
    return statement("level", draw(refs()), draw(cites()))


@st.composite
def guest_kinds(draw) -> list:
    received = st.builds(lambda r, g, c: statement("received_as", r, g, c), refs(), guards(), cites())
    body = draw(optional(st.lists(st.one_of(visit_levels(), received), max_size=3).map(block)))
    return statement(_declaration_head(draw, "guest_kind"), body)


@st.composite
def conditions_declared(draw) -> list:
    kind = draw(optional(st.one_of(
        st.sampled_from(("agreement", "request", "fact", "necessity")).map(lambda s: ["settled_by", s]),
        ref_lists().map(lambda refs: ["settled_by", "program", *refs]))))
    return statement("condition", draw(names), draw(optional(labels())), kind, draw(cites()))


@st.composite
def quantities(draw) -> list:
    return statement("quantity", draw(names), draw(optional(labels())), ":",
                     draw(st.sampled_from(("count", "duration"))), draw(cites()))


@st.composite
def deviables(draw) -> list:
    kinds = st.sampled_from(("lead", "actors", "duration", "limit", "window", "order", "drop"))
    changing = draw(optional(st.lists(kinds, min_size=1, max_size=3, unique=True)))
    return ["deviable_by"] + draw(ref_lists()) + (["changing", ", ".join(changing)] if changing else [])


@st.composite
def rules(draw) -> list:
    modality = draw(st.sampled_from((["shall"], ["shall", "not"], ["may"], ["as_a_rule"], ["standard"])))
    targets: list = []
    for i, chain in enumerate(draw(st.lists(st.lists(refs(), min_size=1, max_size=3), min_size=1, max_size=3))):
        targets += [","] if i else []
        joiner = draw(st.sampled_from(("then", "or")))  # a chain in order, or alternatives
        for j, ref in enumerate(chain):
            targets += ([joiner] if j else []) + [ref]
    relative = draw(optional(st.builds(lambda r, x: [r, x], st.sampled_from(("before", "after")), refs())))
    return statement(modality, targets, relative, draw(optional(guards())), draw(optional(deviables())),
                     draw(cites()))


@st.composite
def format_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 5)) if kind is None else kind
    if kind == 0:
        return statement("for", draw(ref_lists()), draw(optional(guards())), draw(cites()))
    if kind == 1:
        return draw(visit_levels())
    if kind == 2:
        return statement("limit", draw(refs()), draw(comparisons), draw(amounts()), draw(optional(guards())),
                         draw(optional(deviables())), draw(cites()))
    if kind == 3:
        counting = draw(optional(st.sampled_from(("including", "excluding")).map(lambda k: [k, "anchor"])))
        return statement("window", draw(refs()), draw(comparisons), draw(amounts()),
                         draw(st.sampled_from(("before", "after"))), draw(refs()), counting,
                         draw(optional(guards())), draw(optional(deviables())), draw(cites()))
    if kind == 4:
        return statement("on_behalf_of", draw(refs()), draw(cites()))
    return draw(rules())


@st.composite
def formats(draw) -> list:
    return statement(_declaration_head(draw, "format"), block(draw(st.lists(format_items(), max_size=5))))


@st.composite
def venues(draw) -> list:
    return statement("at", draw(refs()), draw(cites()))


@st.composite
def durations(draw) -> list:
    customary = ["customary"] if draw(st.booleans()) else []
    return statement("duration", draw(st.one_of(amounts(), ranges())), *customary, draw(cites()))


@st.composite
def responsibles(draw) -> list:
    return statement("responsible", draw(refs()), draw(cites()))


@st.composite
def step_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 11)) if kind is None else kind
    if kind == 0:
        return statement("lead", draw(refs()), draw(cites()))
    if kind == 1:
        actors: list = []
        choices = st.lists(refs(), min_size=1, max_size=2)  # `flower_girl or flower_young_man`
        for i, (alternatives, guard) in enumerate(draw(st.lists(st.tuples(choices, optional(guards())),
                                                                 min_size=1, max_size=3))):
            actors += ([","] if i else []) + _flatten(*[(["or"] if j else []) + [r]
                                                       for j, r in enumerate(alternatives)]) + guard
        return statement("actors", actors, draw(cites()))
    if kind == 2:
        return statement("action", draw(labels()), draw(cites()))
    if kind == 3:
        return draw(venues())
    if kind == 4:
        return draw(durations())
    if kind == 5:
        return draw(responsibles())
    if kind == 6:
        return statement(draw(guards()), draw(cites()))
    if kind == 7:
        modality = draw(st.sampled_from((["shall"], ["shall", "not"], ["may"], ["as_a_rule"], ["standard"])))
        return statement("modality", modality, draw(cites()))
    if kind == 8:
        chain = draw(st.lists(refs(), min_size=2, max_size=4))
        spec = _flatten(*[(["then"] if i else []) + [r] for i, r in enumerate(chain)])
        return statement("ordering", draw(names), ":", spec, draw(optional(guards())), draw(cites()))
    if kind == 9:
        spec = [draw(refs()), draw(st.sampled_from(("first", "last", "middle")))]
        return statement("ordering", draw(names), ":", spec, draw(optional(guards())), draw(cites()))
    if kind == 10:
        return statement("cue", draw(labels()), draw(cites()))
    return statement("note", draw(labels()), draw(cites()))


@st.composite
def steps(draw) -> list:
    body = draw(optional(st.lists(step_items(), max_size=5).map(lambda items: block(_flatten(*separated(items))))))
    return statement(_declaration_head(draw, "step"), body)


@st.composite
def tracks(draw) -> list:
    return statement("track", draw(names), draw(optional(labels())), ":", draw(ref_lists()))


@st.composite
def ceremony_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 9)) if kind is None else kind
    if kind == 0:
        return draw(venues())
    if kind == 9:
        return statement("anchor", draw(refs()), draw(cites()))
    if kind == 1:
        return draw(responsibles())
    if kind == 2:
        return draw(durations())
    if kind == 3:
        return draw(steps())
    if kind == 4:
        return statement("sequence", draw(ref_lists()), draw(cites()))
    if kind == 5:
        return statement("parallel", draw(cites()), block(draw(st.lists(tracks(), min_size=1, max_size=3))))
    if kind == 6:
        return statement("order", draw(refs()), draw(st.sampled_from(("before", "after"))), draw(refs()),
                         draw(cites()))
    if kind == 7:
        return statement(draw(st.sampled_from(("first", "last"))), draw(refs()), draw(cites()))
    return draw(rules())


@st.composite
def ceremonies(draw) -> list:
    return statement(_declaration_head(draw, "ceremony"), block(draw(st.lists(ceremony_items(), max_size=5))))


@st.composite
def precedence_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 3)) if kind is None else kind
    if kind == 0:
        who = draw(st.one_of(ref_lists(), st.just(["excluded"])))
        reconstructed = draw(optional(labels().map(lambda label: ["reconstructed", *label])))
        return statement(str(draw(st.integers(0, 999))), who, reconstructed, draw(cites()))
    if kind == 1:
        chain = draw(st.lists(refs(), min_size=1, max_size=3))
        return statement("tie_break", _flatten(*[(["then"] if i else []) + [r] for i, r in enumerate(chain)]),
                         draw(cites()))
    if kind == 2:
        return statement("spouse_shares_precedence", draw(cites()))
    return statement("override_by", draw(refs()), draw(cites()))


@st.composite
def precedences(draw) -> list:
    return statement(_declaration_head(draw, "precedence"), block(draw(st.lists(precedence_items(), max_size=5))))


@st.composite
def calendar_rules(draw, kind: int | None = None) -> list:
    """`on 16 december` (kind 0) or `on second wednesday of january next_year after election` (kind 1)."""
    forced = kind
    kind = draw(st.integers(0, 1)) if kind is None else kind
    if kind == 0:
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, calendar.monthrange(2024, month)[1]))
        rule = ["on", str(day), MONTHS[month - 1]]
    else:
        rule = ["on", draw(st.sampled_from(ORDINALS)), draw(st.sampled_from(WEEKDAYS)), "of",
                draw(st.sampled_from(MONTHS))]
        if forced == 1 or draw(st.booleans()):
            rule += [draw(st.sampled_from(("same_year", "next_year")))]
            rule += draw(optional(refs().map(lambda r: ["after", r])))
    return statement("calendar", draw(names), draw(optional(labels())), ":", rule, draw(cites()))


@st.composite
def offices(draw) -> list:
    item = st.one_of(
        st.builds(lambda r, c: statement("headed_by", r, c), refs(), cites()),
        st.builds(lambda r, g, c: statement("acts_for", r, g, c), refs(), guards(), cites()),
        st.builds(lambda r, c: statement("appointed_by", r, c), ref_lists(), cites()),
    )
    return statement(_declaration_head(draw, "office"), block(draw(st.lists(item, max_size=4))))


@st.composite
def provisions(draw) -> list:
    return statement(draw(st.sampled_from(("function", "right", "duty", "task"))), draw(names),
                     draw(optional(labels())), draw(optional(refs().map(lambda r: ["of", r]))), draw(cites()))


@st.composite
def symbols(draw) -> list:
    return statement("symbol", draw(names), draw(optional(labels())), "on", draw(ref_lists()),
                     draw(optional(ref_lists().map(lambda r: ["languages"] + r))), draw(cites()))


@st.composite
def informatives(draw) -> list:
    return statement("informative", draw(citation()), draw(strings()))


@st.composite
def lineages(draw) -> list:
    """`lineage NAME continues BODY@YEAR.NAME, ...` or `continues nothing "reason"`."""
    continued = [_flatten(draw(edition_refs()), ".", draw(refs()))
                 for _ in range(draw(st.integers(1, 3)))]
    earlier = _flatten(*[([","] if i else []) + c for i, c in enumerate(continued)])
    what = draw(st.one_of(st.just(earlier), strings().map(lambda reason: ["nothing", reason])))
    return statement("lineage", draw(refs()), "continues", what, draw(cites()))


# ---- scenarios -------------------------------------------------------------------------


@st.composite
def moments(draw) -> list:
    return [draw(dates), draw(times)] + draw(optional(timezones.map(lambda z: [z])))


@st.composite
def guests(draw, complete: bool = False) -> list:
    item = st.one_of(
        st.builds(lambda s, x: statement("with_spouse", s, x), strings(),
                  optional(st.sampled_from(("male", "female")).map(lambda s: [s]))),
        names.map(lambda n: statement("government", n)),
        whole_numbers().map(lambda n: statement("term", n)),
    )
    if complete:
        body = block(draw(st.permutations([
            statement("with_spouse", draw(strings()), draw(st.sampled_from(("male", "female")))),
            statement("government", draw(names)),
            statement("term", draw(whole_numbers())),
        ])))
    else:
        body = draw(optional(st.lists(item, max_size=3).map(block)))
    country = draw(optional(strings().map(lambda s: ["of", s])))
    return statement("principal", draw(strings()), draw(refs()), country, body)


@st.composite
def visit_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 4)) if kind is None else kind
    if kind == 0:
        return draw(guests())
    if kind in (1, 2):
        place = draw(optional(refs().map(lambda r: ["at", r])))
        return statement("arrive" if kind == 1 else "depart", draw(moments()), place)
    if kind == 3:
        return draw(venues())
    return draw(visit_levels())


@st.composite
def calls(draw, complete: bool = False) -> list:
    """One ceremony of a program: `negotiations 45 min at akorda when c { interstate "..." }`."""
    details = st.builds(lambda n, l: statement(n, l), names, labels())
    if complete:
        return (_flatten(draw(refs()), draw(amounts()), "at", draw(refs()), draw(guards()))
                + block(draw(st.lists(details, min_size=1, max_size=3))))
    out = [draw(refs())] + draw(optional(amounts())) + draw(optional(refs().map(lambda r: ["at", r])))
    out += draw(optional(guards()))
    out += draw(optional(st.lists(details, max_size=3).map(block)))
    return out


@st.composite
def entries(draw, complete: bool = False) -> list:
    chain = draw(st.lists(calls(), min_size=1, max_size=4))
    if complete:
        chain = [draw(calls(complete=True))] + chain
    out = [draw(times)] if complete else draw(optional(times.map(lambda t: [t])))
    for i, call in enumerate(chain):
        out += (["then"] if i else []) + call
    return statement(out)


@st.composite
def track_programs(draw) -> list:
    return statement("track", draw(names), draw(optional(labels())), block(draw(st.lists(entries(), max_size=3))))


@st.composite
def days(draw) -> list:
    items = draw(st.lists(st.one_of(entries(), track_programs()), max_size=4))
    return statement("day", draw(whole_numbers()), draw(optional(dates.map(lambda d: [d]))), block(items))


DEVIATION_EDITS = (
    st.tuples(refs(), refs()).map(lambda r: ["lead", r[0], "instead_of", r[1]]),
    st.tuples(refs(), refs()).map(lambda r: ["actor", r[0], "instead_of", r[1]]),
    refs().map(lambda r: ["add", r]), refs().map(lambda r: ["remove", r]),
    st.one_of(amounts(), ranges()).map(lambda a: ["duration", a]),
    st.tuples(comparisons, amounts()).map(lambda c: ["limit", *c]),
    st.tuples(comparisons, amounts()).map(lambda c: ["window", *c]),
    st.tuples(refs(), st.sampled_from(("before", "after")), refs()).map(lambda o: ["order", *o]),
    st.just(["drop"]),
)
"""One strategy per kind of deviation edit."""


@st.composite
def deviations(draw, complete: bool = False) -> list:
    """A `deviation` with one to three edits, or with every kind of edit when `complete`."""
    day = draw(optional(whole_numbers().map(lambda n: ["on", "day", n])))
    if complete:
        edits = [draw(kind) for kind in DEVIATION_EDITS]
    else:
        edits = draw(st.lists(st.one_of(*DEVIATION_EDITS), min_size=1, max_size=3))
    joined = [part for index, one in enumerate(edits) for part in ([","] if index else []) + one]
    return statement("deviation", draw(refs()), day, ":", joined, draw(labels()), "because", draw(strings()),
                     "authorized_by", draw(refs()), draw(cites()))


@st.composite
def scenario_items(draw, kind: int | None = None) -> list:
    kind = draw(st.integers(0, 17)) if kind is None else kind
    if kind == 0:
        return statement("edition", draw(edition_refs()))
    if kind == 16:
        return statement("omit", draw(refs()), "because", draw(strings()), draw(cites()))
    if kind == 17:
        return statement("include", draw(ref_lists()), draw(cites()))
    if kind >= 14:
        kind = 7  # the program, most of a scenario: twice as likely
    if kind in (12, 13):
        value = draw(amounts()) if kind == 12 else [draw(refs())]
        return statement("agreed", draw(refs()), "=", value, draw(cites()))
    if kind in (1, 2):
        return statement("visit" if kind == 1 else "occasion", draw(refs()),
                         block(_flatten(*separated(draw(st.lists(visit_items(), max_size=5))))))
    if kind == 3:
        items = draw(optional(ref_lists().map(lambda r: ["for", r])))
        return statement("assume", draw(refs()), draw(st.sampled_from(("yes", "no", "unknown"))), items)
    if kind == 4:
        value = [draw(strings())]
        return statement("agreed", draw(refs()), "=", value, draw(cites()))
    if kind == 5:
        attribute = st.one_of(
            st.sampled_from(("male", "female")).map(lambda s: [s]),
            dates.map(lambda d: ["appointed", d]),
            refs().map(lambda r: ["level", r]),
            st.tuples(dates, times).map(lambda m: ["arrived", *m]),
            dates.map(lambda d: ["agrement", d]),
        )
        persons = st.builds(lambda r, s, a: statement(r, s, _flatten(*a)), refs(), strings(),
                            st.lists(attribute, max_size=3))
        return statement("people", block(draw(st.lists(persons, max_size=4))))
    if kind == 6:
        day = draw(optional(whole_numbers().map(lambda n: ["on", "day", n])))
        return draw(deviations())
    if kind == 7:
        return statement("program", block(draw(st.lists(days(), max_size=3))))
    if kind == 8:
        return statement("prior_visit", draw(dates), draw(refs()), draw(optional(strings().map(lambda s: ["of", s]))))
    if kind == 9:
        return statement("event", draw(names), draw(moments()))
    if kind == 10:
        return statement("count", draw(refs()), "=", draw(whole_numbers()))
    return statement("precede", draw(refs()), "before", draw(refs()), "because", draw(strings()))


def _must_separate(first: list, second: list) -> bool:
    """Tell whether `first` needs a `;` before `second` to be read as two statements.

    These are the grammar's shift/reduce conflicts, which Lark resolves by
    shifting: `agreed x = 5` then `people {` reads `5 people`; `arrive D T`
    then `at hall` reads the arrival's place; `actors a` then `when c` reads
    the actor's condition, and `ordering o: a first` then `when c` the
    ordering's.
    """
    last = first[-2] if len(first) >= 2 else ""
    if first[0] == "agreed" and second[0] == "people":
        return isinstance(last, str) and re.fullmatch(r"\d+(\.\d+)?", last) is not None
    if first[0] in ("arrive", "depart") and second[0] == "at":
        return "at" not in first
    if first[0] == "ordering" and second[0] in ("when", "unless"):
        return "§" not in first and not any(word in ("when", "unless") for word in first)
    if first[0] == "actors" and second[0] in ("when", "unless"):
        if "§" in first:
            return False
        commas = [i for i, word in enumerate(first) if word == ","]
        last_actor = first[commas[-1] + 1 if commas else 1:]
        return not any(word in ("when", "unless") for word in last_actor)
    return False


def separated(items: list[list]) -> list[list]:
    """Put a required `;` between consecutive statements that would otherwise merge."""
    out = []
    for i, item in enumerate(items):
        if i + 1 < len(items) and item and item[-1] is END and _must_separate(item, items[i + 1]):
            item = item[:-1] + [MUST_SEPARATE]
        out.append(item)
    return out


@st.composite
def scenarios(draw) -> list:
    items = separated(draw(st.lists(scenario_items(), max_size=6)))
    return statement("scenario", draw(names), draw(optional(labels())), block(_flatten(*items)))


declarations = st.one_of(
    imports(), editions(), roles(), units(), places(), levels(), guest_kinds(), conditions_declared(),
    quantities(), formats(), ceremonies(), precedences(), calendar_rules(), offices(), provisions(),
    symbols(), informatives(), lineages(), scenarios(),
)
"""Any one top-level statement of the grammar."""


@st.composite
def module_tokens(draw) -> list:
    """The tokens of a whole module: an optional header and some declarations."""
    header = draw(optional(module_headers()))
    # Scenarios and ceremonies hold the deepest constructs: give them more weight.
    statements = st.one_of(declarations, scenarios(), ceremonies())
    return _flatten(header, *draw(st.lists(statements, max_size=5)))


# ---- complete modules: every construct at least once -----------------------------------


def _every(draw, item, kinds: range) -> list:
    """One item of each kind, in a random order, with the `;` the grammar needs."""
    return _flatten(*separated(draw(st.permutations([draw(item(kind)) for kind in kinds]))))


@st.composite
def complete_steps(draw) -> list:
    body = block(_every(draw, step_items, range(12)))
    return statement(_declaration_head(draw, "step"), body)


@st.composite
def complete_ceremonies(draw) -> list:
    items = [draw(ceremony_items(kind)) for kind in range(10) if kind != 3] + [draw(complete_steps())]
    items.append(statement("duration", draw(ranges()), draw(cites())))
    return statement(_declaration_head(draw, "ceremony"), block(_flatten(*draw(st.permutations(items)))))


@st.composite
def complete_days(draw) -> list:
    items = [draw(entries(complete=True)), draw(entries()),
             statement("track", draw(names), draw(labels()), block([draw(entries(complete=True))]))]
    return statement("day", draw(whole_numbers()), draw(dates), block(_flatten(*draw(st.permutations(items)))))


@st.composite
def complete_scenarios(draw) -> list:
    visit = [draw(guests(complete=True))] + [draw(visit_items(kind)) for kind in range(1, 5)]
    items = [draw(scenario_items(kind)) for kind in (*range(14), 16, 17) if kind not in (1, 2, 7)]
    person = statement(draw(refs()), draw(strings()), draw(st.sampled_from(("male", "female"))), "appointed",
                       draw(dates), "level", draw(refs()), "arrived", draw(dates), draw(times), "agrement",
                       draw(dates))
    items += [
        statement("people", block(person)),
        statement("visit", draw(refs()), block(_flatten(*separated(draw(st.permutations(visit)))))),
        draw(scenario_items(2)),
        draw(deviations(complete=True)),
        statement("program", block(draw(st.lists(complete_days(), min_size=1, max_size=2)))),
    ]
    body = _flatten(*separated(draw(st.permutations(items))))
    return statement("scenario", draw(names), draw(labels()), block(body))


def _complete_declarations(draw) -> list:
    """Builders of top-level statements that, together, hold every construct of the grammar."""
    def edition():
        items = [statement("title", draw(labels())), statement("decree", draw(strings()), "dated", draw(dates)),
                 statement("amended", draw(strings()), "dated", draw(dates)),
                 statement("in_force", draw(dates), ".."), statement("in_force", draw(dates), "..", draw(dates)),
                 statement("language", draw(st.sampled_from(("kk", "ru", "en"))))]
        return statement("edition", draw(edition_refs()), draw(labels()), block(_flatten(*draw(st.permutations(items)))))

    def unit():
        inner = statement("unit", draw(names), block(draw(roles())))
        return statement(_declaration_head(draw, "unit"), block(_flatten(draw(roles()), inner)))

    def guest_kind():
        received = statement("received_as", draw(refs()), draw(guards()), draw(cites()))
        return statement(_declaration_head(draw, "guest_kind"), block(_flatten(draw(visit_levels()), received)))

    def office():
        items = [statement("headed_by", draw(refs()), draw(cites())),
                 statement("acts_for", draw(refs()), draw(guards()), draw(cites())),
                 statement("appointed_by", draw(ref_lists()), draw(cites()))]
        return statement(_declaration_head(draw, "office"), block(_flatten(*draw(st.permutations(items)))))

    def small():
        return _flatten(draw(levels()), draw(conditions_declared()), draw(quantities()), draw(provisions()),
                        draw(symbols()), draw(informatives()), draw(lineages()), draw(calendar_rules(0)), draw(calendar_rules(1)),
                        statement("import", ".".join(draw(st.lists(names, min_size=1, max_size=3))), "as",
                                  draw(names)),
                        statement("import", draw(strings())))

    return [
        edition, unit, guest_kind, office, small,
        lambda: statement(_declaration_head(draw, "role"), block(_every(draw, role_items, range(6)))),
        lambda: statement(_declaration_head(draw, "place"), block(_flatten(
            *draw(st.lists(places(1), min_size=1, max_size=2)), draw(travels())))),
        lambda: statement(_declaration_head(draw, "format"), block(_flatten(
            _every(draw, format_items, range(6)),
            statement("limit", draw(refs()), draw(comparisons), draw(amounts()), draw(deviables()), draw(cites())),
            statement(draw(st.sampled_from(("shall", "may", "as_a_rule"))), draw(refs()), "then", draw(refs()), ",",
                      draw(refs()), draw(st.sampled_from(("before", "after"))), draw(refs()), draw(guards()),
                      draw(deviables()), draw(citations())),
        ))),
        lambda: draw(complete_ceremonies()),
        lambda: statement(_declaration_head(draw, "precedence"), block(_every(draw, precedence_items, range(4)))),
        lambda: draw(complete_scenarios()),
    ]


@st.composite
def complete_module_tokens(draw, only: int | None = None) -> list:
    """A module of a few statements that each hold every construct of their kind.

    Drawing every construct at once overruns Hypothesis's data budget, so each
    module takes three of the builders; a run of a few dozen examples covers them all.
    """
    builders = _complete_declarations(draw)
    chosen = [only] if only is not None else draw(st.permutations(range(len(builders))))[:3]
    return _flatten(draw(module_headers()), *[builders[index]() for index in chosen])


# ---- layout ------------------------------------------------------------------------------

_FIXED_COMMENTS = ("# TODO", "#", "##", "# қонақ үй", '# "quoted" \\ §5 { }', "#\t tab", "#;", "# note  ")

comment_texts = st.one_of(
    st.sampled_from(_FIXED_COMMENTS),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r" + BIDI_CONTROLS),
            max_size=30).map(
        lambda s: "#" + s),
)
"""The text of a `#` comment, up to the end of its line."""

_INDENTS = ("", "  ", "    ", "\t", " \t ")


class _Draws:
    """Layout choices drawn from Hypothesis, one per gap: small examples shrink well."""

    def __init__(self, draw) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def sample(self, options):
        return self.draw(st.sampled_from(options))

    def comment(self) -> str:
        return self.draw(comment_texts)


class _Seeded:
    """Layout choices from one drawn seed: big modules need thousands of choices."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def sample(self, options):
        return self.random.choice(options)

    def comment(self) -> str:
        if self.random.random() < 0.5:
            return self.random.choice(_FIXED_COMMENTS)
        chars = []
        for _ in range(self.random.randint(0, 20)):
            code = self.random.choice((self.random.randint(0x20, 0x7E), self.random.randint(0, 0x10FFFF)))
            char = chr(code)
            if char not in "\n\r" + BIDI_CONTROLS and unicodedata.category(char) != "Cs":
                chars.append(char)
        return "#" + "".join(chars)


def _gap(pick, before, after) -> str:
    """Whitespace (and maybe comments) between two tokens."""
    choice = pick.integer(0, 24)
    if choice < 14:
        return " "
    if choice == 14:
        glued = before in PUNCTUATION or after in PUNCTUATION
        return "" if glued else " "
    if choice == 15:
        return "\n" + pick.sample(_INDENTS)
    if choice == 16:
        return "\n\n" + pick.sample(_INDENTS)
    if choice in (17, 18):
        return " " + pick.comment() + "\n" + pick.sample(_INDENTS)
    if choice == 19:
        return "\n" + pick.sample(_INDENTS) + pick.comment() + "\n" + pick.sample(_INDENTS)
    if choice == 20:
        return pick.sample(("\t", "  ", " \f ", "\ufeff", "\n \n\t\n"))
    if choice == 21:
        lines = [pick.comment() for _ in range(pick.integer(1, 3))]
        return "\n\n" + "\n".join(lines) + "\n\n"
    if choice == 22:
        return pick.comment() + "\n" if before in PUNCTUATION else " " + pick.comment() + "\n"
    return "  "


@st.composite
def layouts(draw, tokens: list, seeded: bool = False) -> str:
    """Lay `tokens` out as text with random spacing, line breaks, comments and `;`."""
    pick = _Seeded(draw(st.integers(0, 2**32))) if seeded else _Draws(draw)
    out: list[str] = []
    if pick.integer(0, 5) == 0:
        out.append(pick.comment() + "\n" + pick.sample(("", "\n")))
    previous = None
    for token in tokens:
        if token is END:
            sep = pick.sample(("", "", "", ";", " ;", ";;", "; ;"))
            if sep:
                out.append(sep)
                previous = ";"
            continue
        if token is MUST_SEPARATE:
            out.append(";")
            previous = ";"
            continue
        if previous is not None:
            out.append(_gap(pick, previous, token))
        out.append(token)
        previous = token
    ending = pick.sample(("\n", "\n", "", "\n\n", " # last\n", " # no newline at end"))
    text = "".join(out) + ending
    if pick.integer(0, 9) == 0:
        text = text.replace("\n", "\r\n")
    if pick.integer(0, 14) == 0:
        text = "\ufeff" + text
    return text


@st.composite
def programs(draw) -> str:
    """A valid Rasim module as text."""
    return draw(layouts(draw(module_tokens())))


@st.composite
def complete_programs(draw, only: int | None = None) -> str:
    """A valid module of statements that hold every construct of their kind, laid out at random.

    `only` picks one of the COMPLETE_PARTS builders instead of three at random.
    """
    return draw(layouts(draw(complete_module_tokens(only)), seeded=True))


COMPLETE_PARTS = len(_complete_declarations(None))
"""How many builders `complete_programs(only=...)` can choose from."""


any_programs = st.one_of(programs(), complete_programs())
"""Small random modules, or modules of complete statements: each example of a test gets one of the two."""


@st.composite
def single_statements(draw) -> str:
    """One declaration of any kind, laid out at random: small examples that shrink well."""
    return draw(layouts(draw(declarations)))
