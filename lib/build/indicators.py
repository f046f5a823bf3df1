"""Build-time: PAPI indicators (2018, 2019) and the published uncertainty (2019).

Only `scripts/build_data.py` uses this module.  It reads the official indicator
workbooks in `../shared/data-sources/papi/official_xlsx_2011-2019/` (never
changing them) and writes two tidy CSVs:

- `data/papi_indicators.csv`: one row per (year, province, indicator) with the
  indicator's Vietnamese name and scale as printed, its English name where the
  same workbook prints one, and the value as published.  PAPI prints no
  indicator codes: `indicator_no` is "<dimension>.<sub-dimension>.<order in the
  file>", and `source` names the workbook cell the value was read from.
- `data/papi_uncertainty.csv`: the 2019 composite (weighted and unweighted) with
  its published 95% confidence interval and standard error, and each
  dimension's score with its published variance and number of observations.
  Nothing is estimated: a measure the file does not publish is blank.

Layout of the sources (rows are items, columns are provinces):
- 2018 `PAPI_2018_FULL_vie_indicators.xlsx`, sheet `ProvincialIndicators_VIE`: row 1
  names the provinces in English; column A the item, column B its scale.
  "KCDL" (không có dữ liệu) marks no data.
- 2019 `2019_PAPI_Provincial_indicators2019_VIE_ENG.xlsx`, sheet
  `2019PAPI_Indicators_VIE`: row 1 GSO province codes, row 2 Vietnamese names;
  an empty cell means fewer than 15 answers (the sheet's own note).  Sheet
  `2019_PAPIIndicators_Transposed` holds the same series under English labels
  (matched here by identical values in all 63 provinces) and the observations
  per dimension.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.domain.paths import SOURCES_DIR
from lib.domain.provinces import lookup_code, name_index
from lib.domain.text import fold, nfc

SOURCE_DIR: Path = SOURCES_DIR / "papi" / "official_xlsx_2011-2019"
FILE_2018 = "PAPI_2018_FULL_vie_indicators.xlsx"
SHEET_2018 = "ProvincialIndicators_VIE"
FILE_2019 = "2019_PAPI_Provincial_indicators2019_VIE_ENG.xlsx"
SHEET_2019 = "2019PAPI_Indicators_VIE"
SHEET_2019_EN = "2019_PAPIIndicators_Transposed"
YEARS = (2018, 2019)

INDICATOR_COLUMNS = [
    "year", "province_code", "province", "dimension", "subdimension", "key", "indicator_no",
    "name_vi", "name_en", "scale", "better", "value", "source",
]
UNCERTAINTY_COLUMNS = [
    "year", "province_code", "province", "measure", "dimension", "estimate",
    "ci_low", "ci_high", "std_error", "variance", "observations", "source",
]

NO_DATA = "KCDL"
_DIMENSION = re.compile(r"^Chỉ số nội dung (\d+):")
_SUBDIMENSION = re.compile(r"^(\d+)\.(\d+):\s*(.+)$")
_VARIANCE = re.compile(r"^Phương sai \(Chỉ số nội dung (\d+)\)$")
_COMPOSITE = "Chỉ số PAPI"
_NOTES = ("Ghi chú", "KCDL =", "Copyrights")

# Which way is better is not published: this is the dashboard's reading of each
# indicator's wording, kept here as data to review.  Matched on the start of the
# folded Vietnamese name.  Every other indicator reads "higher is better" (a
# share of good answers, a quality score); UNCLEAR ones get no direction (a use
# rate, a threshold, a scale whose middle is worst) and are not ranked as good or bad.
LOWER_IS_BETTER: tuple[str, ...] = (
    "co nhung ho thuc te rat ngheo nhung khong duoc dua vao danh sach",
    "co nhung ho thuc te khong ngheo nhung lai duoc dua vao danh sach",
    "ty le nguoi lam thu tuc so do da phai 'chung chi'",
    "ty le nguoi dan (co nguoi than hoac ban than) di dieu tri",
    "quang duong di bo toi truong",
    "quang thoi gian toi truong",
    "ty le nguoi duoc hoi cho biet ho gia dinh minh dung nuoc chua hop ve sinh",
    "ty le nguoi duoc hoi cho biet la nan nhan",
)
UNCLEAR: tuple[str, ...] = (
    "anh huong cua ke hoach/quy hoach su dung dat",
    # The English label of the same series reads "Candidate was Suggested": the two disagree.
    "ty le nguoi tra loi cho biet chinh quyen khong goi y bau",
    "ty le nguoi tra loi cho biet se su dung cac bien phap phi toa an",
    "muc tien doi hoi lo nguoi dan bat dau to cao",
    "nguoi bi voi vinh da to cao",  # English label: "Victim Did not Denunciate Bribe Request"
    "ti le nguoi dan da lam thu tuc lay chung thuc",
    "ti le nguoi dan cho biet ho gia dinh da xay moi",
    "ti le ho gia dinh da lam thu tuc xin cap giay phep xay dung",
)


def better_direction(name_vi: str) -> str:
    """Return "higher", "lower" or "" (no direction) for an indicator's Vietnamese name."""
    folded = fold(name_vi).strip()
    if folded.startswith(UNCLEAR):
        return ""
    if folded.startswith(LOWER_IS_BETTER):
        return "lower"
    return "higher"


@dataclass(frozen=True)
class Sheet:
    """One indicator sheet read into memory: its rows, the provinces of its columns and where it came from."""

    year: int
    file: str
    name: str
    rows: list[tuple[object, ...]]
    first_data_row: int  # 0-based index of the first item row
    codes: list[str]  # province code per value column (columns C onwards)


def _column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _label(value: object) -> str:
    return nfc(str(value)).strip() if value is not None else ""


def _value(cell: object, where: str) -> float | None:
    """A published number as float; "KCDL" and empty cells are absent (never zero)."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise ValueError(f"{where}: unexpected value {cell!r}")
    if isinstance(cell, int | float):
        return float(cell)
    if isinstance(cell, str) and cell.strip() in (NO_DATA, ""):
        return None
    raise ValueError(f"{where}: expected a number or {NO_DATA!r}, found {cell!r}")


def _load(path: Path, sheet: str) -> list[tuple[object, ...]]:
    import openpyxl  # only the data build reads workbooks

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()


def read_sheet(year: int, registry: pd.DataFrame, source_dir: Path = SOURCE_DIR) -> Sheet:
    """Read the indicator sheet of `year` and resolve its province columns to 63-era codes."""
    index = name_index(registry, "63")
    known = set(registry.loc[registry["era"] == "63", "code"])
    if year == 2018:
        rows = _load(source_dir / FILE_2018, SHEET_2018)
        codes = []
        for col, name in enumerate(rows[0][2:], start=2):
            code = lookup_code(index, str(name))
            if code is None:
                raise ValueError(f"{FILE_2018} {SHEET_2018}!{_column_letter(col)}1: unknown province {name!r}")
            codes.append(code)
        sheet = Sheet(year, FILE_2018, SHEET_2018, rows, 1, codes)
    elif year == 2019:
        rows = _load(source_dir / FILE_2019, SHEET_2019)
        codes = []
        for col, (raw, name) in enumerate(zip(rows[0][2:], rows[1][2:], strict=True), start=2):
            code = f"{int(str(raw)):02d}"
            if code not in known or lookup_code(index, str(name)) != code:
                raise ValueError(
                    f"{FILE_2019} {SHEET_2019}!{_column_letter(col)}1:2: code {raw!r} does not name {name!r}"
                )
            codes.append(code)
        sheet = Sheet(year, FILE_2019, SHEET_2019, rows, 2, codes)
    else:
        raise ValueError(f"no indicator file for {year}")
    if len(set(sheet.codes)) != len(sheet.codes) or len(sheet.codes) != 63:
        raise ValueError(f"{sheet.file} {sheet.name}: expected 63 distinct provinces, found {len(set(sheet.codes))}")
    return sheet


def _values(sheet: Sheet, r: int) -> list[float | None]:
    row = sheet.rows[r]
    return [
        _value(row[c], f"{sheet.file} {sheet.name}!{_column_letter(c)}{r + 1}") for c in range(2, 2 + len(sheet.codes))
    ]


def _english_names(rows: Sequence[tuple[object, ...]], codes: list[str]) -> dict[tuple, list[str]]:
    """{value vector in the order of `codes`: English labels} from the transposed 2019 sheet."""
    order = [f"{int(str(v)):02d}" for v in rows[0][2:]]
    position = {code: i for i, code in enumerate(order)}
    if sorted(position) != sorted(codes):
        raise ValueError(f"{FILE_2019} {SHEET_2019_EN}: its provinces differ from {SHEET_2019}")
    names: dict[tuple, list[str]] = {}
    for row in rows[2:]:
        label = _label(row[0])
        if not label:
            continue
        cells = row[2:]
        vector = tuple(cells[position[c]] if isinstance(cells[position[c]], int | float) else None for c in codes)
        names.setdefault(tuple(None if v is None else float(v) for v in vector), []).append(label)
    return names


def _structure_keys(structure: pd.DataFrame, year: int) -> dict[tuple[int, int], str]:
    subs = structure[(structure["year"] == year) & structure["subdimension"].notna()]
    return {(int(r.dimension), int(r.subdimension)): str(r.key) for r in subs.itertuples()}


def indicator_rows(
    sheet: Sheet, structure: pd.DataFrame, names: dict[str, str], english: dict[tuple, list[str]] | None = None
) -> list[dict[str, object]]:
    """Tidy rows of every indicator of `sheet` (composite, dimension and sub-dimension rows are not indicators)."""
    keys = _structure_keys(structure, sheet.year)
    out: list[dict[str, object]] = []
    dimension: int | None = None
    current: tuple[int, int] | None = None
    order = 0
    for r in range(sheet.first_data_row, len(sheet.rows)):
        row = sheet.rows[r]
        label = _label(row[0])
        where = f"{sheet.file} {sheet.name}!A{r + 1}"
        if not label or label.startswith(_NOTES):
            continue
        if label.startswith(_COMPOSITE) or _VARIANCE.match(label):
            continue
        found = _DIMENSION.match(label)
        if found:
            dimension, current = int(found.group(1)), None
            continue
        found = _SUBDIMENSION.match(label)
        if found:
            number = (int(found.group(1)), int(found.group(2)))
            if number[0] != dimension or number not in keys:
                raise ValueError(f"{where}: sub-dimension {label!r} is not in data/papi_structure.csv for {sheet.year}")
            current, order = number, 0
            continue
        if current is None:
            raise ValueError(f"{where}: indicator {label!r} comes before any sub-dimension")
        order += 1
        values = _values(sheet, r)
        name_en = ""
        if english is not None:
            labels = english.get(tuple(values), [])
            name_en = labels[0] if len(labels) == 1 else ""
        scale = _label(row[1])
        for c, (code, value) in enumerate(zip(sheet.codes, values, strict=True), start=2):
            out.append(
                {
                    "year": sheet.year,
                    "province_code": code,
                    "province": names[code],
                    "dimension": current[0],
                    "subdimension": current[1],
                    "key": keys[current],
                    "indicator_no": f"{current[0]}.{current[1]}.{order}",
                    "name_vi": label,
                    "name_en": name_en,
                    "scale": scale,
                    "better": better_direction(label),
                    "value": value,
                    "source": f"{sheet.file}#{sheet.name}!{_column_letter(c)}{r + 1}",
                }
            )
    return out


# The 2019 sheet's composite rows, by their exact Vietnamese labels.
_TOTALS_2019 = {
    "total_weighted": (
        "Chỉ số PAPI tổng hợp (có trọng số)",
        "Chỉ số PAPI tổng hợp (có trọng số) - điểm tối thiểu trong khoảng tin cậy 95%",
        "Chỉ số PAPI tổng hợp (có trọng số) - điểm tối đa trong khoảng tin cậy 95%",
        "Chỉ số PAPI tổng hợp (có trọng số) - sai số",
    ),
    "total": (
        "Chỉ số PAPI tổng hợp (không có trọng số)",
        "Chỉ số PAPI tổng hợp (không có trọng số) - điểm tối thiểu trong khoảng tin cậy 95%",
        "Chỉ số PAPI tổng hợp (không có trọng số) - điểm tối đa trong khoảng tin cậy 95%",
        "Chỉ số PAPI tổng hợp (không có trọng số) - sai số",
    ),
}


def uncertainty_rows(
    sheet: Sheet, names: dict[str, str], transposed: Sequence[tuple[object, ...]]
) -> list[dict[str, object]]:
    """The 2019 composite with its 95% CI and standard error; each dimension with its variance and observations."""
    by_label = {_label(row[0]): r for r, row in enumerate(sheet.rows) if _label(row[0])}
    out: list[dict[str, object]] = []

    def cells(label: str) -> tuple[list[float | None], str]:
        if label not in by_label:
            raise ValueError(f"{sheet.file} {sheet.name}: no row {label!r}")
        return _values(sheet, by_label[label]), f"A{by_label[label] + 1}"

    for measure, labels in _TOTALS_2019.items():
        (estimate, at), (low, _), (high, _), (error, _) = (cells(label) for label in labels)
        for i, code in enumerate(sheet.codes):
            out.append(
                {
                    "year": sheet.year, "province_code": code, "province": names[code], "measure": measure,
                    "dimension": None, "estimate": estimate[i], "ci_low": low[i], "ci_high": high[i],
                    "std_error": error[i], "variance": None, "observations": None,
                    "source": f"{sheet.file}#{sheet.name}!{at}",
                }
            )
    observed = _observations(transposed)
    for r, row in enumerate(sheet.rows):
        found = _DIMENSION.match(_label(row[0]))
        if not found:
            continue
        dimension = int(found.group(1))
        estimate = _values(sheet, r)
        variance, _ = cells(f"Phương sai (Chỉ số nội dung {dimension})")
        for i, code in enumerate(sheet.codes):
            out.append(
                {
                    "year": sheet.year, "province_code": code, "province": names[code], "measure": "dimension",
                    "dimension": dimension, "estimate": estimate[i], "ci_low": None, "ci_high": None,
                    "std_error": None, "variance": variance[i], "observations": observed[dimension].get(code),
                    "source": f"{sheet.file}#{sheet.name}!A{r + 1}",
                }
            )
    return out


def _observations(rows: Sequence[tuple[object, ...]]) -> dict[int, dict[str, int]]:
    """{dimension: {province code: observations}} from the transposed 2019 sheet."""
    codes = [f"{int(str(v)):02d}" for v in rows[0][2:]]
    found: dict[int, dict[str, int]] = {}
    for row in rows:
        match = re.match(r"^Observations \(Dimension (\d+)\)$", _label(row[0]))
        if match:
            found[int(match.group(1))] = {c: int(v) for c, v in zip(codes, row[2:], strict=True) if v is not None}
    if sorted(found) != list(range(1, 9)):
        raise ValueError(f"{FILE_2019} {SHEET_2019_EN}: no observations for all dimensions 1-8: {sorted(found)}")
    return found


def _frame(rows: Iterable[dict[str, object]], columns: list[str], sort: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=columns)
    return frame.sort_values(sort, kind="stable").reset_index(drop=True)


def build(
    registry: pd.DataFrame, structure: pd.DataFrame, source_dir: Path = SOURCE_DIR
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (indicators, uncertainty) frames, read from the official workbooks."""
    former = registry[registry["era"] == "63"]
    names = dict(zip(former["code"], former["name_vi"], strict=True))
    indicators: list[dict[str, object]] = []
    uncertainty: list[dict[str, object]] = []
    for year in YEARS:
        sheet = read_sheet(year, registry, source_dir)
        english = None
        if year == 2019:
            transposed = _load(source_dir / FILE_2019, SHEET_2019_EN)
            english = _english_names(transposed, sheet.codes)
            uncertainty += uncertainty_rows(sheet, names, transposed)
        indicators += indicator_rows(sheet, structure, names, english)
    frame = _frame(indicators, INDICATOR_COLUMNS, ["year", "province_code", "dimension", "subdimension"])
    frame = frame.astype({"dimension": "Int64", "subdimension": "Int64"})
    spread = _frame(uncertainty, UNCERTAINTY_COLUMNS, ["year", "province_code"])
    spread = spread.astype({"dimension": "Int64", "observations": "Int64"})
    return frame, spread


def write(
    registry: pd.DataFrame, structure: pd.DataFrame, indicators_csv: Path, uncertainty_csv: Path
) -> tuple[int, int]:
    """Write both CSVs (LF line ends, every published digit) and return their row counts."""
    indicators, uncertainty = build(registry, structure)
    indicators.to_csv(indicators_csv, index=False, lineterminator="\n", float_format=None)
    uncertainty.to_csv(uncertainty_csv, index=False, lineterminator="\n", float_format=None)
    return len(indicators), len(uncertainty)
