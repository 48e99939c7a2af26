"""Test the Kazakh alphabetical order against a dictionary-ordered list, and its laws."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasim.model.collation import kazakh_sort_key

ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"

# Words, place and personal names in Kazakh dictionary order.
DICTIONARY = [
    "1 мамыр",  # digits before letters
    "Абай",
    "Ақбота",
    "Ақ Орда",  # the space is skipped: "ақорда" sorts between "ақбота" and "ақтөбе"
    "Ақтөбе",
    "алма",  # lowercase before uppercase when the letters tie
    "Алма",
    "Алматы",
    "Ана",
    "Аңшы",
    "Аорта",
    "Ару",
    "Әке",
    "Әлем",
    "Балқаш",
    "Гүлнар",
    "Ғалым",
    "Дәулет",
    "Ерлан",
    "Жамбыл",
    "Зейнеп",
    "Ислам",
    "Йод",
    "Кенже",
    "Қазақ",
    "Қайрат",
    "Лашын",
    "Мұхтар",
    "Нұрлан",
    "Оңтүстік",
    "Өскемен",
    "Павлодар",
    "Пісіру",
    "Пьеса",
    "Райымбек",
    "Сәуле",
    "Тараз",
    "Уәлиханов",
    "Ұлан",
    "Үміт",
    "Фариза",
    "Хан",
    "Һәм",
    "Цемент",
    "Шымкент",
    "Ыстық",
    "Іле",
    "Электр",
    "Юбилей",
    "Ясауи",
    "Abai",  # names in Latin transliteration after every Cyrillic letter
    "Zhibek",
]

# Pairs in Kazakh order that code-point order reverses: the letters proper to
# Kazakh are encoded after the Russian ones, and І before А.
REVERSED_BY_CODE_POINTS = [
    ("Әке", "Балқаш"),  # Ә < Б
    ("Ғалым", "Дәулет"),  # Ғ < Д
    ("Ақтөбе", "Алматы"),  # Қ < Л
    ("Аңшы", "Аорта"),  # Ң < О
    ("Өскемен", "Павлодар"),  # Ө < П
    ("Ұлан", "Үміт"),  # Ұ < Ү
    ("Үміт", "Фариза"),  # Ү < Ф
    ("Һәм", "Цемент"),  # Һ < Ц
    ("Пісіру", "Пьеса"),  # І < Ь
    ("Ислам", "Іле"),  # И < І
    ("Йод", "Іле"),  # Й < І
    ("Ыстық", "Іле"),  # Ы < І
]


def test_dictionary_order():
    shuffled = list(DICTIONARY)
    random.Random(2024).shuffle(shuffled)
    assert sorted(shuffled, key=kazakh_sort_key) == DICTIONARY


def test_code_point_order_is_wrong():
    assert sorted(DICTIONARY) != DICTIONARY


@pytest.mark.parametrize(("first", "second"), REVERSED_BY_CODE_POINTS)
def test_pairs_that_code_points_reverse(first, second):
    assert first > second
    assert kazakh_sort_key(first) < kazakh_sort_key(second)


def test_alphabet():
    letters = list(ALPHABET + ALPHABET.lower())
    random.Random(42).shuffle(letters)
    ordered = sorted(letters, key=kazakh_sort_key)
    assert "".join(ordered) == "".join(lower + upper for lower, upper in zip(ALPHABET.lower(), ALPHABET))


def test_precomposed_and_decomposed_letters():
    # Й and Ё decompose into И and Е with a combining mark; both spellings are one name.
    for word in ("Йод", "Ёлка", "Қайрат"):
        assert kazakh_sort_key(unicodedata.normalize("NFD", word)) == kazakh_sort_key(word)


# Properties -----------------------------------------------------------------------------------

KAZAKH_WORDS = st.text(st.sampled_from(ALPHABET + ALPHABET.lower()), min_size=1, max_size=8)

MIXED = st.text(
    st.one_of(
        st.sampled_from(ALPHABET + ALPHABET.lower()),
        st.sampled_from("AaBbZzÉéİıßØ09٣ -.,'\u00ad\u0301\u0306\u0308Ωω²€"),
        st.characters(),
    ),
    max_size=10,
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@st.composite
def related_texts(draw):
    """Draw two texts, often spellings of one another, so that ties are exercised."""
    text = draw(MIXED)
    variant = draw(
        st.sampled_from(
            [
                lambda t: unicodedata.normalize("NFD", t),
                lambda t: unicodedata.normalize("NFC", t),
                str.upper,
                str.lower,
                lambda t: t.replace(" ", "-"),
                lambda t: t + " ",
                lambda t: t,
            ]
        )
    )
    other = draw(st.one_of(st.just(variant(text)), MIXED))
    return text, other


@given(related_texts())
def test_keys_tie_only_for_equal_nfc_texts(pair):
    first, second = pair
    assert (kazakh_sort_key(first) == kazakh_sort_key(second)) == (nfc(first) == nfc(second))


@given(MIXED)
def test_nfd_and_nfc_sort_together(text):
    key = kazakh_sort_key(text)
    assert kazakh_sort_key(unicodedata.normalize("NFD", text)) == key
    assert kazakh_sort_key(unicodedata.normalize("NFC", text)) == key


@given(st.lists(MIXED, max_size=12), st.randoms(use_true_random=False))
def test_sorting_is_deterministic(texts, rng):
    shuffled = list(texts)
    rng.shuffle(shuffled)
    first = [nfc(t) for t in sorted(texts, key=kazakh_sort_key)]
    second = [nfc(t) for t in sorted(shuffled, key=kazakh_sort_key)]
    assert first == second


@given(KAZAKH_WORDS, KAZAKH_WORDS)
def test_case_does_not_decide_between_different_words(first, second):
    if first.lower() == second.lower():
        return
    before = kazakh_sort_key(first) < kazakh_sort_key(second)
    assert (kazakh_sort_key(first.upper()) < kazakh_sort_key(second.lower())) == before
    assert (kazakh_sort_key(first.lower()) < kazakh_sort_key(second.upper())) == before


@given(KAZAKH_WORDS)
def test_lowercase_first(word):
    assert kazakh_sort_key(word.lower()) < kazakh_sort_key(word.upper())


@given(KAZAKH_WORDS, KAZAKH_WORDS, st.sampled_from(" -.,'\u00ad"), st.integers(0, 8))
def test_punctuation_does_not_decide_between_different_words(first, second, mark, at):
    if first.lower() == second.lower():
        return
    marked = first[:at] + mark + first[at:]
    before = kazakh_sort_key(first) < kazakh_sort_key(second)
    assert (kazakh_sort_key(marked) < kazakh_sort_key(second)) == before


@given(st.text())
def test_any_text_has_a_key(text):
    assert isinstance(kazakh_sort_key(text), tuple)
