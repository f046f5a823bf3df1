"""Build-time: the province registry (`data/provinces.csv`) from the shared sources.

Only `scripts/build_data.py` uses this module; the app reads the generated CSV through
`lib.domain.provinces.load_registry`.  Sources are listed in `lib/domain/provinces.py`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from lib.domain.eras import ERA_34, ERA_63
from lib.domain.paths import PROVINCES_CSV, SOURCES_DIR
from lib.domain.provinces import (
    ALIAS_SEP,
    COLUMNS,
    clear_cache,
    lookup_code,
    name_index,
)
from lib.domain.text import fold, nfc

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
    index = name_index(frame, ERA_63)
    papi_codes: dict[str, str] = {}
    for entry in _read_csv(PAPI_CODEBOOK):
        code = lookup_code(index, entry["Variable_Name"])
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
    clear_cache()
    return frame
