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

`build_registry` needs the shared sources; the app only reads the generated
`data/provinces.csv` through `load_registry`.
"""

from __future__ import annotations

import csv
import difflib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.paths import PROVINCES_CSV, SOURCES_DIR
from lib.text import compact_key, fold, nfc

ERA_63 = "63"
ERA_34 = "34"
ERAS: tuple[str, ...] = (ERA_63, ERA_34)

COLUMNS: tuple[str, ...] = ("era", "code", "name_vi", "name_en", "papi_code", "merged_into", "aliases")

# No file in the shared sources assigns the six GSO socio-economic regions, so
# the registry has no `region` column.  The Central Highlands (Tây Nguyên) is the
# one grouping the dashboard needs as a peer preset; it is a fixed, well-known
# set of five 63-era provinces: Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng.
CENTRAL_HIGHLANDS: tuple[str, ...] = ("62", "64", "66", "67", "68")

PAPI_XLSX: Path = SOURCES_DIR / "papi" / "official_xlsx_2011-2019" / "PAPI_2011-2019.xlsx"
PAPI_CODEBOOK: Path = SOURCES_DIR / "papi" / "subdimension_csv_2011-2024" / "codebook" / "codebook_provinces.csv"
CODES_915: Path = SOURCES_DIR / "provinces" / "dvhcvn_20250701" / "915_CTK-CSCL.csv"
CROSSWALK: Path = SOURCES_DIR / "provinces" / "province_crosswalk_63_to_34.csv"

# PAPI prints a few names in a form that differs from the GSO list; these are
# the only edits made to `tentinh_vie` / `tentinh_eng`.  "TP." is a prefix like
# "Tỉnh"; the hyphens are spacing variants of the official names.
_PAPI_NAME_FIXES: dict[str, str] = {
    "TP. Hồ Chí Minh": "Hồ Chí Minh",
    "TP. Ho Chi Minh": "Ho Chi Minh",
    "Thừa Thiên-Huế": "Thừa Thiên Huế",
    "Thua Thien-Hue": "Thua Thien Hue",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Ba Ria-Vung Tau": "Ba Ria - Vung Tau",
}

# Names people type that cannot be derived from the official names by folding
# (English one-word spellings, abbreviations, the former name of Hồ Chí Minh
# City).  Keyed by (era, code); written to the `aliases` column of the CSV so
# they can be reviewed and extended as data.
_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    (ERA_63, "01"): ("Hanoi", "HN"),
    (ERA_63, "31"): ("Haiphong",),
    (ERA_63, "46"): ("Huế", "Thành phố Huế"),
    (ERA_63, "48"): ("Danang",),
    (ERA_63, "77"): ("BRVT",),
    (ERA_63, "79"): ("HCMC", "HCM", "TPHCM", "Sài Gòn", "Saigon"),
    (ERA_63, "92"): ("Cantho",),
    (ERA_34, "01"): ("Hanoi", "HN"),
    (ERA_34, "31"): ("Haiphong",),
    (ERA_34, "46"): ("Thừa Thiên Huế",),
    (ERA_34, "48"): ("Danang",),
    (ERA_34, "79"): ("HCMC", "HCM", "TPHCM", "Sài Gòn", "Saigon"),
    (ERA_34, "92"): ("Cantho",),
}
ALIAS_SEP = "|"

# Administrative prefixes/suffixes removed before matching, on folded text.
# "thanh pho " must not catch "Thanh Hóa", hence the full word pair.
_PREFIX = re.compile(r"^(?:tinh|thanh pho|t\.?\s?p\.?|city of)\s+")
_SUFFIX = re.compile(r"\s+(?:province|city)$")
_PAPI_CODE = re.compile(r"^p\s*0*(\d{1,2})$")


def _strip_admin(name: str) -> str:
    """Return `name` (NFC) without a leading "Tỉnh "/"Thành phố " unit prefix."""
    name = nfc(name)
    for prefix in ("Tỉnh ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _papi_names() -> dict[str, tuple[str, str]]:
    """Return {GSO code: (name_vi, name_en)} from the PAPI workbook, checked across sheets.

    Every yearly sheet lists the same 63 provinces; a name differing between
    sheets would mean the workbook is not what the README describes.
    """
    import openpyxl  # only the data build reads the workbook; the app never loads openpyxl for it

    workbook = openpyxl.load_workbook(PAPI_XLSX, read_only=True)
    names: dict[str, tuple[str, str]] = {}
    try:
        for sheet in workbook.worksheets:
            # Rows 1-2 are the English and Vietnamese headers.
            for row in sheet.iter_rows(min_row=3, max_col=3, values_only=True):
                code_cell, name_en, name_vi = row
                if code_cell is None or int(code_cell) == 999:  # 999 = "Highest" row
                    continue
                code = f"{int(code_cell):02d}"
                pair = (
                    _PAPI_NAME_FIXES.get(nfc(str(name_vi)), nfc(str(name_vi))),
                    _PAPI_NAME_FIXES.get(nfc(str(name_en)), nfc(str(name_en))),
                )
                if names.setdefault(code, pair) != pair:
                    raise ValueError(f"PAPI workbook names province {code} both {names[code]} and {pair}")
    finally:
        workbook.close()
    if len(names) != 63:
        raise ValueError(f"PAPI workbook lists {len(names)} provinces, expected 63")
    return names


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV (BOM tolerated) into a list of row dicts, values NFC."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{key: nfc(value) for key, value in row.items()} for row in csv.DictReader(handle)]


def _title_fold(name: str) -> str:
    """Return the diacritic-free, title-cased form of `name`: "Đắk Lắk" -> "Dak Lak"."""
    return " ".join(word.capitalize() for word in fold(name).split(" "))


def build_registry() -> pd.DataFrame:
    """Build the registry of both eras from the shared sources.

    Returns one row per (era, code): 63 rows for era "63" then 34 rows for era
    "34", with the columns in `COLUMNS`; every value is a string ("" if absent).
    Raises ValueError if the sources disagree (unknown codes, unmatched names).
    """
    papi = _papi_names()
    crosswalk = {row["old_code"]: row for row in _read_csv(CROSSWALK)}
    if set(crosswalk) != set(papi):
        raise ValueError("PAPI workbook and crosswalk list different 63-era codes")
    new_units = {row["Mã số"]: _strip_admin(row["Tên 34 tỉnh sau sáp nhập"]) for row in _read_csv(CODES_915)}
    if len(new_units) != 34:
        raise ValueError(f"915/CTK-CSCL lists {len(new_units)} units, expected 34")

    rows: list[dict[str, str]] = []
    for code in sorted(papi):
        name_vi, name_en = papi[code]
        merged_into = crosswalk[code]["new_code"]
        if merged_into not in new_units:
            raise ValueError(f"crosswalk maps {code} to unknown new code {merged_into}")
        rows.append(
            {"era": ERA_63, "code": code, "name_vi": name_vi, "name_en": name_en,
             "papi_code": "", "merged_into": merged_into}
        )
    for code in sorted(new_units):
        name_vi = new_units[code]
        rows.append(
            {"era": ERA_34, "code": code, "name_vi": name_vi, "name_en": _title_fold(name_vi),
             "papi_code": "", "merged_into": ""}
        )
    for row in rows:
        row["aliases"] = ALIAS_SEP.join(_ALIASES.get((row["era"], row["code"]), ()))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))

    # PAPI codes: the codebook names are English ("Hanoi", "Ho Chi Minh City"),
    # so they go through the same matcher that serves uploads.
    index = _name_index(frame, ERA_63)
    papi_codes: dict[str, str] = {}
    for entry in _read_csv(PAPI_CODEBOOK):
        code = _lookup(index, entry["Variable_Name"])
        if code is None or code in papi_codes:
            raise ValueError(f"codebook name {entry['Variable_Name']!r} matches {code!r} ambiguously")
        papi_codes[code] = entry["Variable_Code"]
    if len(papi_codes) != 63:
        raise ValueError(f"codebook matched {len(papi_codes)} provinces, expected 63")
    is_63 = frame["era"] == ERA_63
    frame.loc[is_63, "papi_code"] = frame.loc[is_63, "code"].map(papi_codes)
    return frame


def write_registry(path: Path = PROVINCES_CSV) -> pd.DataFrame:
    """Build the registry and write it to `path` as UTF-8 CSV with "\\n" line ends.

    Row order and column order are fixed, so rebuilding gives a byte-identical
    file.  Returns the frame written.
    """
    frame = build_registry()
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    load_registry.cache_clear()
    return frame


@lru_cache(maxsize=4)
def load_registry(path: Path = PROVINCES_CSV) -> pd.DataFrame:
    """Read the generated registry CSV with every column as a string ("" for blanks)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _match_key(text: str) -> str:
    """Return the compact matching key of a name with any unit prefix or suffix removed."""
    folded = fold(text)
    folded = _SUFFIX.sub("", _PREFIX.sub("", folded))
    return compact_key(folded)


def _name_index(frame: pd.DataFrame, era: str) -> dict[str, str]:
    """Return {matching key: code} for one era from names, English names and aliases.

    Raises ValueError if one key would point at two provinces, so a new alias
    can never silently shadow another province.
    """
    index: dict[str, str] = {}
    for row in frame[frame["era"] == era].itertuples(index=False):
        names = [row.name_vi, row.name_en, *[a for a in row.aliases.split(ALIAS_SEP) if a]]
        for name in names:
            for key in {_match_key(name), compact_key(name)}:
                if index.setdefault(key, row.code) != row.code:
                    raise ValueError(f"name key {key!r} is shared by {index[key]} and {row.code} (era {era})")
    return index


def _lookup(index: dict[str, str], text: str) -> str | None:
    """Return the code for `text` in `index`, trying the key with and without prefixes."""
    return index.get(_match_key(text)) or index.get(compact_key(text))


@lru_cache(maxsize=8)
def _cached_index(era: str, path: Path) -> dict[str, str]:
    """Return the name index for `era` from the registry CSV at `path`."""
    return _name_index(load_registry(path), era)


def _check_era(era: str) -> str:
    """Return `era` as a string, raising ValueError if it is not "63" or "34"."""
    era = str(era)
    if era not in ERAS:
        raise ValueError(f"era must be one of {ERAS}, got {era!r}")
    return era


def match_province(text: str | int, era: str = ERA_63, path: Path = PROVINCES_CSV) -> str | None:
    """Return the 2-digit GSO code of the province named by `text` in `era`, or None.

    Accepts Vietnamese names with or without diacritics (NFC or NFD, either tone
    placement), the English names PAPI prints, the aliases of the registry
    ("Hanoi", "HCMC"), an optional "Tỉnh"/"Thành phố"/"TP." prefix or
    "Province"/"City" suffix, GSO codes as int or string ("66", 66, "066") and,
    in era "63", PAPI codes ("P42").  Names of the other era return None: a
    63-era name such as "Bình Dương" is not a 34-era unit.
    """
    era = _check_era(era)
    frame = load_registry(path)
    codes = set(frame.loc[frame["era"] == era, "code"])
    raw = str(text).strip()
    if not raw:
        return None
    if raw.isdigit():
        code = f"{int(raw):02d}"
        return code if code in codes else None
    papi = _PAPI_CODE.match(raw.lower())
    if papi:
        if era != ERA_63:
            return None
        wanted = f"P{int(papi.group(1)):02d}"
        hits = frame.loc[(frame["era"] == era) & (frame["papi_code"] == wanted), "code"]
        return str(hits.iloc[0]) if len(hits) else None
    return _lookup(_cached_index(era, path), raw)


def suggest_province(text: str, era: str = ERA_63, n: int = 3, path: Path = PROVINCES_CSV) -> list[str]:
    """Return up to `n` official names (name_vi) of `era` closest to `text`, best first.

    Used in error messages for names `match_province` cannot resolve; compares
    the diacritic-free keys, so "Dak Lac" suggests "Đắk Lắk".
    """
    era = _check_era(era)
    frame = load_registry(path)
    rows = frame[frame["era"] == era]
    names = dict(zip(rows["code"], rows["name_vi"], strict=True))
    index = _cached_index(era, path)
    close = difflib.get_close_matches(_match_key(text), list(index), n=len(index), cutoff=0.6)
    suggestions: list[str] = []
    for key in close:
        name = names[index[key]]
        if name not in suggestions:
            suggestions.append(name)
        if len(suggestions) == n:
            break
    return suggestions


def province_name(code: str, era: str = ERA_63, path: Path = PROVINCES_CSV) -> str | None:
    """Return the Vietnamese name of (era, code), or None if there is no such unit."""
    era = _check_era(era)
    frame = load_registry(path)
    hits = frame.loc[(frame["era"] == era) & (frame["code"] == str(code).zfill(2)), "name_vi"]
    return str(hits.iloc[0]) if len(hits) else None


# --- crossing the 2025 change of units (63 provinces -> 34 units from 1 July 2025) ---

ERA_34_FROM = 2025


def era_of_year(year: int) -> str:
    """Return the era whose province list a year's scores use: "63" up to 2024, "34" from 2025."""
    return ERA_34 if int(year) >= ERA_34_FROM else ERA_63


def successor(code: str, path: Path = PROVINCES_CSV) -> str | None:
    """Return the 34-era unit a 63-era province merged into, or None for an unknown code."""
    frame = load_registry(path)
    hits = frame.loc[(frame["era"] == ERA_63) & (frame["code"] == str(code)), "merged_into"]
    return str(hits.iloc[0]) if len(hits) and hits.iloc[0] else None


def formers(code: str, path: Path = PROVINCES_CSV) -> list[str]:
    """Return the 63-era codes of the former provinces that formed the 34-era unit `code`, by code."""
    frame = load_registry(path)
    return sorted(frame.loc[(frame["era"] == ERA_63) & (frame["merged_into"] == str(code)), "code"])


def predecessor(code: str, path: Path = PROVINCES_CSV) -> str | None:
    """Return the 63-era province that stands for the 34-era unit `code` before 2025.

    The former province of the same name (new Bắc Ninh "24" -> old Bắc Ninh "27",
    not Bắc Giang, the former holder of code "24"), else the former province
    keeping the unit's code, else the first former province by code.
    """
    former = formers(code, path)
    if not former:
        return None
    name = province_name(code, ERA_34, path)
    same_name = [c for c in former if province_name(c, ERA_63, path) == name]
    if same_name:
        return same_name[0]
    return str(code) if str(code) in former else former[0]


def counterpart(code: str, from_era: str, to_era: str, path: Path = PROVINCES_CSV) -> str | None:
    """Return the province of `to_era` that continues `code` of `from_era` (None if there is none)."""
    from_era, to_era = _check_era(from_era), _check_era(to_era)
    if from_era == to_era:
        return str(code)
    return successor(code, path) if from_era == ERA_63 else predecessor(code, path)
