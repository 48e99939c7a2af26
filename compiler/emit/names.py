"""Name output files: readable ASCII stems for names in any script, distinct within a folder.

Roles and venues are identifiers, and identifiers may be Kazakh (`мейман`,
`президент`). File names are kept to ASCII letters, digits, `.`, `_` and
`-`: the same on every file system (macOS stores names decomposed) and in
every link of index.html; names that differ only in case count as a clash,
since Windows and macOS fold case. Kazakh and
Russian Cyrillic are transliterated by the Kazakh Latin alphabet of 2021
(Decree of the President No. 637 of 28 January 2021) with its diacritics
dropped (ä → a, ş → sh, ñ → n); letters of other Latin-based scripts lose
their accents. Names that still clash, or that keep no letter at all (a
name in Chinese), get a short hash of the name: two names never share a
file, and a clash is reported by `stem_clashes`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

# Kazakh Cyrillic (with the Russian letters it contains) to ASCII, after the 2021 Latin alphabet:
# А Ә Б В Г Ғ Д Е Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ы І Э Ю Я (Ё Ъ Ь)
KAZAKH_TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
_TABLE = str.maketrans({**KAZAKH_TO_LATIN,
                        **{cyrillic.upper(): latin.capitalize() for cyrillic, latin in KAZAKH_TO_LATIN.items()}})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
HASH_LENGTH = 6


def transliterate(name: str) -> str:
    """Return `name` in Latin letters: Kazakh ones by the 2021 Latin alphabet, accents dropped, case kept."""
    latin = unicodedata.normalize("NFKC", name).translate(_TABLE)
    folded = unicodedata.normalize("NFKD", latin.replace("ı", "i").replace("ß", "ss"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def slug(name: str) -> str:
    """Return `name` as a readable file-name or anchor part (ASCII letters, digits, `.`, `_`, `-`); never empty."""
    safe = _UNSAFE.sub("-", transliterate(name)).strip("-.")
    return safe or f"x{short_hash(name)}"


def short_hash(name: str) -> str:
    """Return a short, stable hash of `name` (hex digits), the same on every run and machine."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def file_stems(names, reserved: tuple[str, ...] = ()) -> dict[str, str]:
    """Return {name: stem} with a distinct stem for each of `names`, whatever their order.

    A stem is `slug(name)`; when several names share a slug (compared without
    case), or one has a `reserved` stem (the calendar `all`), each of them gets
    `-` and its short hash appended, so no name's file depends on which other
    names came first.
    """
    return dict(_stems(tuple(sorted(set(names))), reserved))


@functools.lru_cache(maxsize=64)
def _stems(names: tuple[str, ...], reserved: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    by_slug: dict[str, list[str]] = {stem.casefold(): [""] for stem in reserved}
    for name in names:
        by_slug.setdefault(slug(name).casefold(), []).append(name)
    taken = {key for key, group in by_slug.items() if len(group) == 1}
    stems = {}
    for key, group in by_slug.items():
        for name in group:
            if name == "":  # the placeholder of a reserved stem
                continue
            stem = slug(name) if len(group) == 1 else f"{slug(name)}-{short_hash(name)}"
            while len(group) > 1 and stem.casefold() in taken:  # a suffixed stem that another name has plainly
                stem += short_hash(stem)[:2]
            stems[name] = stem
    return tuple(sorted(stems.items()))


def stem_clashes(names, reserved: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return the groups of `names` that share a readable stem (with each other or a `reserved` one)."""
    by_slug: dict[str, list[str]] = {stem.casefold(): [stem] for stem in reserved}
    for name in sorted(set(names)):
        by_slug.setdefault(slug(name).casefold(), []).append(name)
    return [tuple(group) for _, group in sorted(by_slug.items()) if len(group) > 1]
