"""Agency names in provincial plans: split raw cells, map spellings to one canonical name.

Plan cells name agencies in many shapes: dash lists ("- UBND cấp huyện -
UBND cấp xã"), HTML lists, comma or semicolon lists, two names with no
separator at all ("HĐND cấp huyện HĐND cấp xã"), stray trailing periods and
case variants ("Đài Phát thanh và truyền hình tỉnh").  Commas are ambiguous:
they separate two bodies in "Văn phòng UBND tỉnh, Cổng thông tin điện tử tỉnh"
but belong to one name in "Sở Lao động, Thương binh và Xã hội" and "Các sở,
ngành".  A blind comma split is therefore wrong; instead the cell is cut into
the longest runs of words that `data/agencies.csv` knows, so the alias data
decides where one agency ends and the next begins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from lib.domain.paths import AGENCIES_CSV
from lib.domain.text import compact_key, nfc

AGENCY_COLUMNS: list[str] = ["canonical_name", "aliases", "level"]
LEVELS: frozenset[str] = frozenset({"province", "district", "commune", "other"})

_TAG = re.compile(r"<[^>]*>")
# A list dash is a hyphen at the start of the cell or after a space and
# followed by a space; a hyphen glued to a word ("chính trị- xã hội") is text.
_LIST_DASH = re.compile(r"(?:^|\s)-\s+")
# Separators left on the edge of a segment once it is cut out of its list.
_EDGE_SEPARATORS = " ,;"


class UnknownAgencyError(KeyError):
    """Raised when a name (or part of a cell) matches no canonical agency or alias."""


@dataclass(frozen=True)
class AgencyIndex:
    """Lookup from a spelling-insensitive key to the canonical agency name."""

    by_key: dict[str, str]
    # Longest alias in words: bounds the window tried when cutting a cell.
    max_words: int
    # Canonical name -> level (province / district / commune / other).
    levels: dict[str, str] = field(default_factory=dict)

    def lookup(self, name: str) -> str | None:
        """Return the canonical name for `name`, or None when it is unknown."""
        key = compact_key(name)
        return self.by_key.get(key) if key else None


def load_agencies(path: Path = AGENCIES_CSV) -> pd.DataFrame:
    """Read the agency table (`canonical_name`, `aliases`, `level`) with empty strings for blanks.

    Raises ValueError when the columns differ, a level is unknown, or two
    entries claim the same spelling (after case/diacritic-insensitive keying).
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != AGENCY_COLUMNS:
        raise ValueError(f"{path}: expected columns {AGENCY_COLUMNS}, got {list(frame.columns)}")
    bad_levels = sorted(set(frame["level"]) - LEVELS)
    if bad_levels:
        raise ValueError(f"{path}: unknown level(s) {bad_levels}")
    build_index(frame)  # validates duplicate spellings
    return frame


def aliases_of(row: pd.Series) -> list[str]:
    """Return the `|`-separated aliases of one agency row as a list (empty entries dropped)."""
    return [a for a in str(row["aliases"]).split("|") if a.strip()]


def build_index(agencies: pd.DataFrame) -> AgencyIndex:
    """Build the lookup index from an agency table; every alias and canonical name is a key.

    Keys are `compact_key` values, so case, diacritic placement, spacing and
    punctuation (trailing periods, inner commas) do not matter.  Raises
    ValueError when one key would point at two different agencies.
    """
    by_key: dict[str, str] = {}
    levels: dict[str, str] = {}
    max_words = 1
    for _, row in agencies.iterrows():
        name = nfc(str(row["canonical_name"]))
        levels[name] = str(row.get("level", "") or "")
        for spelling in [name, *aliases_of(row)]:
            key = compact_key(spelling)
            if not key:
                continue
            if by_key.get(key, name) != name:
                raise ValueError(f"spelling {spelling!r} maps to both {by_key[key]!r} and {name!r}")
            by_key[key] = name
            max_words = max(max_words, len(nfc(spelling).split()))
    return AgencyIndex(by_key=by_key, max_words=max_words, levels=levels)


class AcceptedName(NamedTuple):
    """A name an editor reviewed on an earlier plan (`stored_agencies`): as written, the name stored for it
    (a new agency's own name, or the known agency it was merged into or corrected to), and its level."""

    written: str
    name: str
    level: str | None = None


def with_accepted(accepted: Iterable[AcceptedName], index: AgencyIndex | None = None) -> AgencyIndex:
    """`index` (the project's agency table when None) plus the names editors accepted on earlier plans:
    each spelling resolves to the name stored for it, so a body accepted as new once is known in every
    later plan.

    The agency table wins: a spelling it already knows keeps its meaning, and so does the first of two
    reviews that stored one spelling under different names (`accepted` comes oldest first).
    """
    base = _index(index)
    by_key, levels, max_words = dict(base.by_key), dict(base.levels), base.max_words
    for written, name, level in accepted:
        name = nfc(name)
        for spelling in (name, written):
            key = compact_key(spelling)
            if key and key not in by_key:
                by_key[key] = name
                max_words = max(max_words, len(nfc(spelling).split()))
        if level and name not in levels:
            levels[name] = level
    return AgencyIndex(by_key=by_key, max_words=max_words, levels=levels)


@lru_cache(maxsize=4)
def _default_index(path: Path = AGENCIES_CSV) -> AgencyIndex:
    """Index of the project's agency file, read once per process."""
    return build_index(load_agencies(path))


def _index(agencies: pd.DataFrame | AgencyIndex | None) -> AgencyIndex:
    """Return the index for an agency table, a ready index, or the project file (None)."""
    if agencies is None:
        return _default_index()
    if isinstance(agencies, AgencyIndex):
        return agencies
    return build_index(agencies)


def strip_html(cell: str) -> str:
    """Return `cell` with HTML tags replaced by spaces, NFC-normalised and whitespace-collapsed."""
    return nfc(_TAG.sub(" ", cell))


def raw_segments(cell: str, agencies: pd.DataFrame | AgencyIndex | None = None) -> list[str]:
    """Cut a raw cell into agency spellings exactly as written (after HTML removal).

    Trailing periods are kept ("UBND cấp huyện."), list separators (dashes,
    semicolons, commas between two bodies) are not.  Used to record the
    aliases seen in a plan; callers wanting names use `split_agencies`.
    Raises UnknownAgencyError for any run of words that matches no agency.
    """
    index = _index(agencies)
    text = strip_html(cell)
    segments: list[str] = []
    for piece in re.split(r";", text):
        for item in _LIST_DASH.split(piece):
            segments.extend(_cut_known(item, index))
    return segments


@dataclass(frozen=True)
class Cut:
    """One run of words cut out of a cell: a name the index knows, or a run of words it does not."""

    text: str  # the words as written, list separators trimmed from the edges
    canonical: str | None  # the known agency, or None for a run of unknown words
    glued: bool  # True when no separator (",", ";", ".", ":" or a lone dash) stands before it
    start: int  # index of its first word among the cell's words
    stop: int  # index after its last word


# Punctuation that ends one name in a list when it closes a word ("tỉnh," "huyện.").
_WORD_SEPARATOR_END = (",", ";", ".", ":")


def cut_words(text: str, index: AgencyIndex) -> tuple[list[str], list[Cut]]:
    """Cut `text` greedily into the longest word runs the index knows, keeping unknown runs whole.

    Returns the words (lone punctuation removed) and the cuts in order.  A cut
    records whether a separator precedes it, so callers can tell a list
    ("Sở Nội vụ, Sở Tài chính") from two names run together ("HĐND cấp
    huyện HĐND cấp xã").  Unknown words between known names form one cut.
    """
    words: list[str] = []
    separated: list[bool] = []  # a separator stands before words[i]
    pending = False
    for token in text.split():
        if not compact_key(token):
            pending = True
            continue
        words.append(token)
        separated.append(pending)
        pending = token.endswith(_WORD_SEPARATOR_END)
    cuts: list[Cut] = []
    unknown_from: int | None = None

    def close_unknown(stop: int) -> None:
        if unknown_from is not None:
            run = " ".join(words[unknown_from:stop]).strip(_EDGE_SEPARATORS)
            cuts.append(Cut(run, None, bool(cuts) and not separated[unknown_from], unknown_from, stop))

    start = 0
    while start < len(words):
        end = min(len(words), start + index.max_words)
        while end > start and index.lookup(" ".join(words[start:end])) is None:
            end -= 1
        if end == start:
            unknown_from = start if unknown_from is None else unknown_from
            start += 1
            continue
        close_unknown(start)
        unknown_from = None
        name = " ".join(words[start:end]).strip(_EDGE_SEPARATORS)
        cuts.append(Cut(name, index.lookup(name), bool(cuts) and not separated[start], start, end))
        start = end
    close_unknown(len(words))
    return words, [c for c in cuts if c.text]


def _cut_known(text: str, index: AgencyIndex) -> list[str]:
    """Cut `text` greedily into the longest word runs that the index knows."""
    words, cuts = cut_words(text, index)
    for cut in cuts:
        if cut.canonical is None:
            rest = " ".join(words[cut.start :])
            raise UnknownAgencyError(f"unknown agency text {rest!r} in {text!r}")
    return [c.text for c in cuts]


def split_agencies(cell: str, agencies: pd.DataFrame | AgencyIndex | None = None) -> list[str]:
    """Split a raw cell into agency names, cleaned but not yet canonical.

    "- UBND cấp huyện. - UBND cấp xã" -> ["UBND cấp huyện", "UBND cấp xã"];
    "Văn phòng UBND tỉnh, Cổng thông tin điện tử tỉnh" gives two names but
    "Sở Lao động, Thương binh và Xã hội" gives one.  An empty cell gives [].
    Raises UnknownAgencyError when part of the cell is not a known agency.
    """
    return [s.rstrip(" .") for s in raw_segments(cell, agencies)]


def canonical(name: str, agencies: pd.DataFrame | AgencyIndex | None = None) -> str:
    """Return the canonical name of one agency spelling.

    Matching ignores case, diacritic placement, spacing and punctuation, so
    "Đài Phát thanh và truyền hình tỉnh" and "UBND cấp huyện." resolve.
    Raises UnknownAgencyError for a name that is neither a canonical name
    nor an alias, so a new spelling is noticed instead of becoming a new body.
    """
    found = _index(agencies).lookup(name)
    if found is None:
        raise UnknownAgencyError(f"unknown agency {name!r}; add it to agencies.csv")
    return found


def canonical_list(cell: str, agencies: pd.DataFrame | AgencyIndex | None = None) -> list[str]:
    """Return the canonical names in a raw cell, in order of first mention, without repeats."""
    index = _index(agencies)  # built once, not once per name
    names: list[str] = []
    for name in split_agencies(cell, index):
        resolved = canonical(name, index)
        if resolved not in names:
            names.append(resolved)
    return names
