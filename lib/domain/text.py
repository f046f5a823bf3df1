"""Vietnamese text helpers: Unicode normalisation and diacritic-free matching keys."""

from __future__ import annotations

import re
import unicodedata

# Old-style ("oà") vs new-style ("òa") tone placement differ only in where the
# combining mark sits; folding removes every mark so both give the same key.
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return `text` in NFC form with runs of whitespace collapsed and ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Return a lowercase key without diacritics: "Đắk Lắk" -> "dak lak".

    Works on NFC or NFD input and on either tone-placement convention, so it is
    the key for searching and for matching names typed in different ways.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def compact_key(text: str) -> str:
    """Return `fold(text)` with every non-alphanumeric character removed.

    "Bà Rịa -Vũng Tàu", "Ba Ria - Vung Tau" and "BaRia-VungTau" share one key.
    """
    return re.sub(r"[^0-9a-z]", "", fold(text))


# Vietnamese alphabetical order: letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f, j, w, z after, for foreign names); a letter's tones come after the bare letter:
# none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return a key that sorts names in Vietnamese dictionary order.

    Letters are compared first (Bắc before Bình, Đ after D and before E), tones
    only between names whose letters are equal.  Characters outside the
    alphabet (spaces, hyphens, digits) sort before letters, by code point.
    """
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text).lower():
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", parts[0] + "".join(m for m in parts[1:] if m in _LETTER_MARKS))
        tone = next((_TONES[m] for m in parts[1:] if m in _TONES), 0)
        index = _ALPHABET.find(base)
        letters.append(ord(base) if index < 0 and len(base) == 1 and not base.isalpha() else 1000 + max(index, 0))
        tones.append(tone)
    return tuple(letters), tuple(tones)
