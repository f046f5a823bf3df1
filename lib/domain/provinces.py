"""Province registry: the 63 former provinces, the 34 units from 1 July 2025, and names.

A province is identified by (era, code).  GSO codes were reused after the merger
for *different* provinces (era "34" code "24" is Bắc Ninh, era "63" code "24" is
Bắc Giang), so a code alone is never a key.

Sources (all under `SOURCES_DIR`, see its READMEs):

- 63-era codes and names: the official PAPI workbook `PAPI_2011-2019.xlsx`
  (`tinhid` = GSO code, `tentinh_vie`, `tentinh_eng`), the names PAPI users see.
- P01-P63 codes of the sub-dimension CSVs: `codebook_provinces.csv`, joined by name.
- 34-era codes and names: `915_CTK-CSCL.csv` (official letter 915/CTK-CSCL).
- Merger mapping: the derived `province_crosswalk_63_to_34.csv`.

`lib/build/provinces.py` builds `data/provinces.csv` from the shared sources; the app only reads
that file through `load_registry`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.domain import eras
from lib.domain.paths import PROVINCES_CSV
from lib.domain.text import compact_key, fold

COLUMNS: tuple[str, ...] = ("era", "code", "name_vi", "name_en", "papi_code", "merged_into", "aliases")

# No file in the shared sources assigns the six GSO socio-economic regions, so
# the registry has no `region` column.  The Central Highlands (Tây Nguyên) is the
# one grouping the dashboard needs as a peer preset; it is a fixed, well-known
# set of five 63-era provinces: Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng.
CENTRAL_HIGHLANDS: tuple[str, ...] = ("62", "64", "66", "67", "68")

ALIAS_SEP = "|"

# Administrative prefixes/suffixes removed before matching, on folded text.
# "thanh pho " must not catch "Thanh Hóa", hence the full word pair.
_PREFIX = re.compile(r"^(?:tinh|thanh pho|t\.?\s?p\.?|city of)\s+")
_SUFFIX = re.compile(r"\s+(?:province|city)$")
PAPI_CODE_PATTERN = re.compile(r"^p\s*0*(\d{1,2})$")


@lru_cache(maxsize=4)
def load_registry(path: Path = PROVINCES_CSV) -> pd.DataFrame:
    """Read the generated registry CSV with every column as a string ("" for blanks)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def clear_cache() -> None:
    """Forget the registry read so far (after the build writes a new one)."""
    load_registry.cache_clear()
    _cached_index.cache_clear()
    _lookups.cache_clear()


def match_key(text: str) -> str:
    """Return the compact matching key of a name with any unit prefix or suffix removed."""
    folded = fold(text)
    folded = _SUFFIX.sub("", _PREFIX.sub("", folded))
    return compact_key(folded)


def name_index(frame: pd.DataFrame, era: str) -> dict[str, str]:
    """Return {matching key: code} for one era from names, English names and aliases.

    Raises ValueError if one key would point at two provinces, so a new alias
    can never silently shadow another province.
    """
    index: dict[str, str] = {}
    for row in frame[frame["era"] == era].itertuples(index=False):
        names = [row.name_vi, row.name_en, *[a for a in row.aliases.split(ALIAS_SEP) if a]]
        for name in names:
            for key in {match_key(name), compact_key(name)}:
                if index.setdefault(key, row.code) != row.code:
                    raise ValueError(f"name key {key!r} is shared by {index[key]} and {row.code} (era {era})")
    return index


def lookup_code(index: dict[str, str], text: str) -> str | None:
    """Return the code for `text` in `index`, trying the key with and without prefixes."""
    return index.get(match_key(text)) or index.get(compact_key(text))


@lru_cache(maxsize=8)
def _cached_index(era: str, path: Path) -> dict[str, str]:
    """Return the name index for `era` from the registry CSV at `path`."""
    return name_index(load_registry(path), era)



def match_province(text: str | int, era: str = eras.ERA_63, path: Path = PROVINCES_CSV) -> str | None:
    """Return the 2-digit GSO code of the province named by `text` in `era`, or None.

    Accepts Vietnamese names with or without diacritics (NFC or NFD, either tone
    placement), the English names PAPI prints, the aliases of the registry
    ("Hanoi", "HCMC"), an optional "Tỉnh"/"Thành phố"/"TP." prefix or
    "Province"/"City" suffix, GSO codes as int or string ("66", 66, "066") and,
    in era "63", PAPI codes ("P42").  Names of the other era return None: a
    63-era name such as "Bình Dương" is not a 34-era unit.
    """
    era = eras.check(era)
    frame = load_registry(path)
    codes = set(frame.loc[frame["era"] == era, "code"])
    raw = str(text).strip()
    if not raw:
        return None
    if raw.isdigit():
        code = f"{int(raw):02d}"
        return code if code in codes else None
    papi = PAPI_CODE_PATTERN.match(raw.lower())
    if papi:
        if era != eras.ERA_63:
            return None
        wanted = f"P{int(papi.group(1)):02d}"
        hits = frame.loc[(frame["era"] == era) & (frame["papi_code"] == wanted), "code"]
        return str(hits.iloc[0]) if len(hits) else None
    return lookup_code(_cached_index(era, path), raw)


def suggest_province(text: str, era: str = eras.ERA_63, n: int = 3, path: Path = PROVINCES_CSV) -> list[str]:
    """Return up to `n` official names (name_vi) of `era` closest to `text`, best first.

    Used in error messages for names `match_province` cannot resolve; compares
    the diacritic-free keys, so "Dak Lac" suggests "Đắk Lắk".
    """
    era = eras.check(era)
    frame = load_registry(path)
    rows = frame[frame["era"] == era]
    names = dict(zip(rows["code"], rows["name_vi"], strict=True))
    index = _cached_index(era, path)
    close = difflib.get_close_matches(match_key(text), list(index), n=len(index), cutoff=0.6)
    suggestions: list[str] = []
    for key in close:
        name = names[index[key]]
        if name not in suggestions:
            suggestions.append(name)
        if len(suggestions) == n:
            break
    return suggestions


def province_name(code: str, era: str = eras.ERA_63, path: Path = PROVINCES_CSV) -> str | None:
    """Return the Vietnamese name of (era, code), or None if there is no such unit."""
    return _lookups(path).names.get((eras.check(era), str(code).zfill(2)))


@dataclass(frozen=True)
class _Lookups:
    names: dict[tuple[str, str], str]  # (era, code) -> name_vi
    merged_into: dict[str, str]  # 63-era code -> 34-era unit ("" when none)
    formers: dict[str, tuple[str, ...]]  # 34-era unit -> its 63-era provinces, by code


@lru_cache(maxsize=4)
def _lookups(path: Path) -> _Lookups:
    """The registry's lookups as dictionaries, built once: the sidebar asks them on every page run."""
    frame = load_registry(path)
    names = dict(zip(zip(frame["era"], frame["code"], strict=True), frame["name_vi"], strict=True))
    old = frame[frame["era"] == eras.ERA_63]
    merged_into = dict(zip(old["code"], old["merged_into"], strict=True))
    formers: dict[str, list[str]] = {}
    for code, unit in merged_into.items():
        formers.setdefault(unit, []).append(code)
    return _Lookups(names, merged_into, {unit: tuple(sorted(codes)) for unit, codes in formers.items()})


# --- crossing the 2025 change of units (63 provinces -> 34 units from 1 July 2025) ---

def successor(code: str, path: Path = PROVINCES_CSV) -> str | None:
    """Return the 34-era unit a 63-era province merged into, or None for an unknown code."""
    return _lookups(path).merged_into.get(str(code)) or None


def formers(code: str, path: Path = PROVINCES_CSV) -> list[str]:
    """Return the 63-era codes of the former provinces that formed the 34-era unit `code`, by code."""
    return list(_lookups(path).formers.get(str(code), ()))


def predecessor(code: str, path: Path = PROVINCES_CSV) -> str | None:
    """Return the 63-era province that stands for the 34-era unit `code` before 2025.

    The former province of the same name (new Bắc Ninh "24" -> old Bắc Ninh "27",
    not Bắc Giang, the former holder of code "24"), else the former province
    keeping the unit's code, else the first former province by code.
    """
    former = formers(code, path)
    if not former:
        return None
    name = province_name(code, eras.ERA_34, path)
    same_name = [c for c in former if province_name(c, eras.ERA_63, path) == name]
    if same_name:
        return same_name[0]
    return str(code) if str(code) in former else former[0]


@lru_cache(maxsize=512)
def counterpart(code: str, from_era: str, to_era: str, path: Path = PROVINCES_CSV) -> str | None:
    """Return the province of `to_era` that continues `code` of `from_era` (None if there is none)."""
    from_era, to_era = eras.check(from_era), eras.check(to_era)
    if from_era == to_era:
        return str(code)
    return successor(code, path) if from_era == eras.ERA_63 else predecessor(code, path)


@lru_cache(maxsize=256)
def same_place(code: str, era: str, path: Path = PROVINCES_CSV) -> tuple[tuple[str, str], ...]:
    """Return (era, code) and, when there is one, the province of the other era that is the same place.

    The other era's province is the counterpart that leads back to `code`: 63-era
    Gia Lai (64) and 34-era Gia Lai (52) are one place; 63-era Bình Định (52)
    merged into 34-era Gia Lai but is not it (Gia Lai's counterpart is old Gia Lai).
    """
    era = eras.check(era)
    keys = [(era, str(code))]
    other = eras.other(era)
    there = counterpart(code, era, other, path)
    if there is not None and counterpart(there, other, era, path) == str(code):
        keys.append((other, there))
    return tuple(keys)
