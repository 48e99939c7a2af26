"""Order texts alphabetically in the state language, Kazakh.

The State Protocol breaks ties of precedence "in alphabetical order in the
state language": the order of the 42-letter Kazakh Cyrillic alphabet, which
is not the order of the code points (the letters proper to Kazakh, such as
Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ and І, are encoded after the Russian ones). The 2021
Latin-script alphabet is not used by the 2013 and 2024 editions of the rules
and is not handled here.

Texts are compared in levels, as dictionaries do and as the Unicode
Collation Algorithm does, each level deciding only when all before it tie:

1. the letters and digits, case and accents aside: digits first, then the
   Kazakh alphabet, then other Cyrillic letters, then Latin letters (names
   given in transliteration) in Latin order, then everything else by code
   point; spaces, hyphens, punctuation and invisible format characters are
   skipped;
2. accents on Latin letters, and combining marks;
3. case: lowercase first;
4. the skipped characters and where they stand;
5. the text itself, so that two texts tie only when they are equal.

Texts are normalised to NFC first, so a letter typed as a base letter and a
combining mark sorts with the precomposed letter.
"""

from __future__ import annotations

import unicodedata

_ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"

# Primary weights, by family; a family's weights never overlap the next one's.
_DIGIT, _KAZAKH, _CYRILLIC, _LATIN, _OTHER = (family << 21 for family in range(1, 6))

_LETTER_WEIGHTS: dict[str, int] = {
    letter: _KAZAKH + position for position, capital in enumerate(_ALPHABET) for letter in (capital, capital.lower())
}


def kazakh_sort_key(text: str) -> tuple:
    """Return a key that sorts texts in Kazakh alphabetical order: `sorted(names, key=kazakh_sort_key)`.

    Two texts get equal keys exactly when their NFC forms are equal.
    """
    text = unicodedata.normalize("NFC", text)
    primary: list[int] = []
    accents: list[int] = []
    cases: list[int] = []
    skipped: list[tuple[int, int]] = []
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if category[0] == "M":
            # A mark NFC could not join to its letter: an accent, not a letter.
            accents.append(ord(char))
        elif category[0] in "PZC":
            # Punctuation, separators, controls and format characters (a soft
            # hyphen) are skipped at first, so that "Ақ Орда" sorts among the
            # "Ақо..." words; they break ties later by where they stand
            # (before which letter) and what they are.
            skipped.append((len(primary), ord(char)))
        else:
            weight, accent = _weigh(char)
            primary.append(weight)
            accents.append(accent)
            cases.append(1 if char.isupper() or category == "Lt" else 0)
    return tuple(primary), tuple(accents), tuple(cases), tuple(skipped), text


def _weigh(char: str) -> tuple[int, int]:
    """Return the primary weight of a letter, digit or symbol, and its accent weight."""
    weight = _LETTER_WEIGHTS.get(char)
    if weight is not None:
        return weight, 0
    if char.isdecimal():
        # Digits of any script sort by value; the script is an accent.
        return _DIGIT + unicodedata.decimal(char), ord(char)
    name = unicodedata.name(char, "")
    lower = char.lower()
    # lower() of a few letters is two characters (İ); the first one is the letter.
    lower = lower[0] if lower else char
    if name.startswith("CYRILLIC"):
        return _CYRILLIC + ord(lower), 0
    if name.startswith("LATIN"):
        base = unicodedata.normalize("NFD", lower)[0]
        if "a" <= base <= "z":
            return _LATIN + ord(base) - ord("a"), 0 if base == lower else ord(lower)
        # Letters with no a-z base (ß, æ, ø, ł, þ) follow z.
        return _LATIN + 26 + ord(lower), 0
    return _OTHER + ord(lower), 0
