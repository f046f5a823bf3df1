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
