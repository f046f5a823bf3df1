"""Readers for PAPI score files in the layouts PAPI data is published in.

Each reader turns one layout into the project's tidy long form
(`TIDY_COLUMNS`): one row per year, province, dimension and, where it is a
sub-dimension score, sub-dimension number.  Missing scores stay missing.

Layouts:
- the official wide workbook (`PAPI_2011-2019.xlsx`): one sheet per year,
  English and Vietnamese header rows, `tinhid` (GSO code), a dimension column
  followed by its sub-dimension columns, a "999 Highest" row;
- the SC-wide CSV (one file per year): `Province` = P01..P63, SC11..SC83 columns
  of sub-dimension scores, dimension scores derived as their sum.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lib.domain import papi
from lib.domain.text import compact_key, fold
from lib.ingest import limits

TIDY_COLUMNS = ["year", "province_code", "province", "dimension", "subdimension", "score"]
SHEET_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
NO_DATA_MARKERS = {"", "kcdl", "n/a", "na", "-", "–", "—", "nan", "none", "null", "..."}


def gso_code(value: Any) -> str:
    """Return a GSO province code as a two-digit string: 1 -> "01", "66" -> "66"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text.zfill(2) if text.isdigit() else text


def is_no_data(value: Any) -> bool:
    """Return True for a blank cell or a published marker of "no data" (KCDL, N/A, -)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in NO_DATA_MARKERS


def tidy_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Return `rows` as a tidy score frame with the project's column types and order."""
    frame = pd.DataFrame(list(rows), columns=TIDY_COLUMNS)
    frame = frame.astype(
        {
            "year": "int64",
            "province_code": "string",
            "province": "string",
            "dimension": "int64",
            "subdimension": "Int64",
            "score": "float64",
        }
    )
    return frame.sort_values(["year", "province_code", "dimension", "subdimension"], na_position="first").reset_index(
        drop=True
    )


def official_sheet_columns(year: int) -> list[tuple[int, int | None]]:
    """Return the (dimension, sub-dimension) sequence of score columns in an official sheet.

    The official workbook lists each dimension's score followed by its
    sub-dimension scores, in structure order.
    """
    columns: list[tuple[int, int | None]] = []
    for dim, subs in sorted(papi.era(year).items()):
        columns.append((dim, None))
        columns.extend((dim, number) for number in range(1, len(subs) + 1))
    return columns


def official_sheet_rows(year: int, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Convert the value rows of one official wide sheet (header rows included) to tidy rows.

    Expects the two header rows of the official layout (`tinhid`, `tentinh_eng`,
    `tentinh_vie`, then score columns) and skips the "999 Highest" summary row
    and blank rows.  Cells that are blank or hold "KCDL" are left out: they
    are official exclusions, not zeros.
    """
    layout = official_sheet_columns(year)
    out: list[dict[str, Any]] = []
    for row in rows[2:]:
        code = row[0]
        if code is None or code == 999 or str(code).strip() == "999":
            continue
        province = str(row[2]).strip()
        for offset, (dim, sub) in enumerate(layout):
            value = row[3 + offset] if 3 + offset < len(row) else None
            if is_no_data(value):
                continue
            out.append(
                {
                    "year": year,
                    "province_code": gso_code(code),
                    "province": province,
                    "dimension": dim,
                    "subdimension": sub,
                    "score": float(value),
                }
            )
    return out


def sc_wide_rows(year: int, frame: pd.DataFrame, papi_to_gso: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """Convert one SC-wide table (Province = P01.., SC11..SC83) to tidy rows.

    `papi_to_gso` maps "P42" to ("66", "Đắk Lắk").  A dimension score is the
    sum of its sub-dimension scores and is only given when every one of them is
    present: a partial sum would be a made-up figure.
    """
    out: list[dict[str, Any]] = []
    for _, row in frame.iterrows():
        code, name = papi_to_gso[str(row["Province"]).strip()]
        for dim, subs in sorted(papi.era(year).items()):
            values: list[float | None] = []
            for number, (_, column) in enumerate(subs, start=1):
                value = row.get(column)
                if is_no_data(value):
                    values.append(None)
                    continue
                values.append(float(value))
                out.append(
                    {
                        "year": year,
                        "province_code": code,
                        "province": name,
                        "dimension": dim,
                        "subdimension": number,
                        "score": float(value),
                    }
                )
            if values and all(v is not None for v in values):
                out.append(
                    {
                        "year": year,
                        "province_code": code,
                        "province": name,
                        "dimension": dim,
                        "subdimension": None,
                        "score": math.fsum(v for v in values if v is not None),
                    }
                )
    return out


# ---------------------------------------------------------------------------
# Uploads: any bytes -> sheets of cells -> layout -> score cells with positions.
#
# Nothing below raises on bad input: every problem becomes an `Issue` (a code
# with where it happened and the offending value), which `lib.ingest.validate` turns
# into plain-language messages.  Values are kept raw; `lib.ingest.validate` parses
# numbers and resolves provinces, so the same checks apply to every layout.
# ---------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # files above this are refused before parsing
MAX_ROWS = 20_000  # per sheet
MAX_COLUMNS = 200  # columns kept per row (an XLSX using more than limits.MAX_COLUMNS is refused)

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc
_OTHER_SIGNATURES: dict[bytes, str] = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF"}
SUMMARY_ROWS = {"highest", "diem cao nhat", "lowest", "diem thap nhat", "median", "trung vi", "average", "mean",
                "trung binh", "total", "tong"}


@dataclass
class Issue:
    """Something wrong (or worth a warning) found while reading a file; worded as `vd_<code>` in i18n."""

    code: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sheet:
    """The cells of one worksheet (or of a CSV file), rows as read, 1-based `row_numbers`."""

    name: str
    rows: list[tuple[Any, ...]]
    row_numbers: list[int]


@dataclass
class ScoreCell:
    """One score as read, with everything needed to check it and to say where it is."""

    sheet: str
    row: int
    column: str
    year: int
    province: list[tuple[str, Any]]  # (column label, raw identifier): codes first, then names
    dimension: int
    subdimension: int | None
    raw: Any


@dataclass
class ReadResult:
    """What reading a file gave: its kind and layout(s), score cells, and issues."""

    kind: str = ""  # "csv" or "xlsx"
    layouts: list[str] = field(default_factory=list)
    cells: list[ScoreCell] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    needs_year: bool = False
    derive_dimensions: bool = False  # SC-wide: dimension scores are sums of the sub-dimensions


def _text(value: Any) -> str:
    """Return a cell as trimmed text ("" for None)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _short(value: Any, limit: int = 60) -> str:
    """Return a cell as text short enough to quote in a message."""
    text = _text(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_letter(index: int) -> str:
    """Return the Excel column letter of a 0-based column index: 0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def load_sheets(data: bytes, file_name: str = "") -> tuple[str, list[Sheet], list[Issue]]:
    """Read any bytes into sheets of cells, recognising the file type by content.

    Returns (kind, sheets, issues); kind is "csv", "xlsx" or "" when unreadable.
    """
    ext = _extension(file_name)
    if len(data) > MAX_UPLOAD_BYTES:
        return "", [], [Issue("too_large", value=f"{len(data) / 1e6:.1f} MB",
                              params={"limit_mb": MAX_UPLOAD_BYTES // (1024 * 1024)})]
    if not data.strip():
        return "", [], [Issue("empty_file")]
    if data.startswith(_OLE):
        return "", [], [Issue("old_excel", value=file_name)]
    for signature, kind in _OTHER_SIGNATURES.items():
        if data.startswith(signature):
            return "", [], [Issue("wrong_type", value=file_name, params={"ext": ext or "?", "actual": kind})]
    if data.startswith(_ZIP):
        issues: list[Issue] = []
        if ext not in ("xlsx", "xlsm", ""):
            issues.append(Issue("wrong_type", value=file_name, params={"ext": ext, "actual": "XLSX/ZIP"}))
            return "", [], issues
        sheets, more = _xlsx_sheets(data)
        return ("xlsx" if sheets else ""), sheets, issues + more
    if ext in ("xlsx", "xlsm", "xls"):
        return "", [], [Issue("wrong_type", value=file_name, params={"ext": ext, "actual": "text/other"})]
    sheet, issues = _csv_sheet(data)
    return ("csv" if sheet else ""), ([sheet] if sheet else []), issues


def _xlsx_sheets(data: bytes) -> tuple[list[Sheet], list[Issue]]:
    """Read every worksheet of an XLSX file (cached values, not formulas)."""
    import io
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
        if "xl/workbook.xml" not in names:
            actual = "Word" if any(n.startswith("word/") for n in names) else "ZIP"
            return [], [Issue("wrong_type", value="", params={"ext": "xlsx", "actual": actual})]
        exceeded = limits.inspect_xlsx(data)  # every member, before openpyxl reads any of them
        if exceeded is not None:
            return [], [limit_issue(exceeded)]
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any failure of a foreign file is "unreadable"
        return [], [Issue("unreadable", value=type(error).__name__)]
    sheets: list[Sheet] = []
    issues: list[Issue] = []
    try:
        for ws in book.worksheets:
            rows: list[tuple[Any, ...]] = []
            numbers: list[int] = []
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    issues.append(Issue("too_many_rows", sheet=ws.title, params={"limit": MAX_ROWS}))
                    break
                row = tuple(row[:MAX_COLUMNS])
                if any(not is_blank(v) for v in row):
                    rows.append(row)
                    numbers.append(number)
            sheets.append(Sheet(ws.title, rows, numbers))
    except Exception as error:  # noqa: BLE001
        return [], [Issue("unreadable", value=type(error).__name__)]
    finally:
        book.close()
    return sheets, issues


def limit_issue(exceeded: limits.Exceeded) -> Issue:
    """Return the `Issue` (code `limit_<bound>`) for a bound a file went over."""
    return Issue(f"limit_{exceeded.bound}", sheet=exceeded.sheet, value=exceeded.actual,
                 params={"limit": exceeded.limit, "part": exceeded.part})


def is_blank(value: Any) -> bool:
    """Return True for None or whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def _decode(data: bytes) -> str | None:
    """Decode CSV bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1258 (Vietnamese)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_sheet(data: bytes) -> tuple[Sheet | None, list[Issue]]:
    """Read CSV bytes (comma, semicolon or tab separated) into one sheet of text cells."""
    import csv
    import io

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Issue("wrong_type", params={"ext": "csv", "actual": "binary"})]
    text = _decode(data)
    if text is None:
        return None, [Issue("unreadable", value="encoding")]
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if "\x00" in text or controls > 8:
        return None, [Issue("wrong_type", params={"ext": "csv", "actual": "binary"})]
    sample = text[:8192]
    first = sample.splitlines()[0] if sample.splitlines() else ""
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    rows: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS:
                return None, [Issue("too_many_rows", params={"limit": MAX_ROWS})]
            if any(cell.strip() for cell in row):
                rows.append(tuple(cell.strip() for cell in row[:MAX_COLUMNS]))
                numbers.append(number)
    except csv.Error as error:
        return None, [Issue("unreadable", value=str(error)[:80])]
    return Sheet("CSV", rows, numbers), []


# Header names (compact keys, see lib.domain.text.compact_key) of the tidy layout's columns.
TIDY_HEADERS: dict[str, tuple[str, ...]] = {
    "year": ("year", "nam"),
    "province_code": ("provincecode", "matinh", "code", "tinhid"),
    "province": ("province", "tinh", "tentinh", "tinhthanhpho", "provincename"),
    "dimension": ("dimension", "noidung", "linhvuc"),
    "subdimension": ("subdimension", "noidungthanhphan", "chisothanhphan"),
    "score": ("score", "diem", "diemso"),
}
SC_COLUMN = re.compile(r"^sc(\d)(\d)$")


def _dimension_header_keys() -> dict[str, int]:
    """Return {compact header key: dimension} for every name a dimension column is printed under."""
    names: dict[int, tuple[str, ...]] = {
        1: ("Participation at Local Levels", "Participation"),
        2: ("Transparency", "Transparency in Local Decision-making", "Transparency of Local Decision-making"),
        3: ("Vertical Accountability",),
        4: ("Control of Corruption", "Control of Corruption in the Public Sector"),
        5: ("Public Administrative Procedures",),
        6: ("Public Service Delivery",),
        7: ("Environmental Governance",),
        8: ("E-Governance", "E-Government"),
    }
    keys: dict[str, int] = {}
    for dim, concept in papi.DIMENSIONS.items():
        for name in (concept.name_vi, concept.name_en, *names.get(dim, ())):
            keys[compact_key(name)] = dim
    return keys


def _header_key(value: Any) -> str:
    return compact_key(re.sub(r"^\s*(?:d|nd|noi dung)?\s*\d+[.:)]?\s+", "", _text(value), flags=re.IGNORECASE))


def detect_layout(sheet: Sheet) -> tuple[str, int]:
    """Return (layout, header row index) of a sheet: "tidy", "sc_wide", "official" or ("", -1)."""
    dimension_keys = _dimension_header_keys()
    for index, row in enumerate(sheet.rows[:10]):
        keys = [compact_key(_text(v)) for v in row]
        tidy = {name for name, aliases in TIDY_HEADERS.items() if any(k in aliases for k in keys)}
        if "score" in tidy and len(tidy) >= 3:
            return "tidy", index
        if any(SC_COLUMN.match(k) for k in keys) and ("province" in keys or "tinh" in keys or "matinh" in keys):
            return "sc_wide", index
        if "tinhid" in keys or sum(1 for v in row if _header_key(v) in dimension_keys) >= 3:
            return "official", index
        if len(tidy) >= 3:
            return "tidy", index
    return "", -1


def sheet_year(name: str) -> int | None:
    """Return the year written in a sheet name ("2019_PAPI" -> 2019), if exactly one."""
    found = set(SHEET_YEAR.findall(name))
    return int(found.pop()) if len(found) == 1 else None


def read_upload(data: bytes, file_name: str = "", year: int | None = None) -> ReadResult:
    """Read an uploaded file of any supported layout into score cells and issues. Never raises."""
    result = ReadResult()
    try:
        kind, sheets, issues = load_sheets(data, file_name)
        result.kind = kind
        result.issues.extend(issues)
        if issues and not sheets:
            return result
        if not any(sheet.rows for sheet in sheets):
            result.issues.append(Issue("empty_file"))
            return result
        unknown: list[Sheet] = []
        for sheet in sheets:
            if not sheet.rows:
                continue
            layout, header = detect_layout(sheet)
            if not layout:
                unknown.append(sheet)
                continue
            result.layouts.append(layout)
            if kind == "csv" or sheet_year(sheet.name) is None:
                sheet_default = year
            else:
                sheet_default = sheet_year(sheet.name)
                if year is not None and sheet_default != year:
                    result.issues.append(Issue("year_conflict", sheet=sheet.name, value=str(sheet_default),
                                               params={"given": year}))
            reader = {"tidy": _read_tidy, "sc_wide": _read_sc_wide, "official": _read_official}[layout]
            reader(sheet, header, sheet_default, result)
        for sheet in unknown:
            code = "sheet_ignored" if result.layouts else "unknown_layout"
            first_row = " | ".join(_text(v) for v in sheet.rows[0])
            result.issues.append(Issue(code, sheet=sheet.name, value=_short(first_row)))
        if len(set(result.layouts)) > 1:
            result.issues.append(Issue("mixed_layouts", value=", ".join(sorted(set(result.layouts)))))
    except Exception as error:  # noqa: BLE001 - a reader bug must still give the user an answer
        result.issues.append(Issue("internal_error", value=f"{type(error).__name__}: {_short(error, 120)}"))
        result.cells = []
    return result


def _need_year(sheet: Sheet, result: ReadResult) -> None:
    if not result.needs_year:
        result.needs_year = True
        result.issues.append(Issue("year_needed", sheet=sheet.name))


def _parse_int(value: Any) -> int | None:
    """Return an integer cell value (1, 1.0, "1", " 01 "), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value)
    if re.fullmatch(r"[+]?\d{1,6}(?:\.0+)?", text):
        return int(float(text))
    return None


def _read_tidy(sheet: Sheet, header: int, year: int | None, result: ReadResult) -> None:
    head = sheet.rows[header]
    where: dict[str, int] = {}
    for index, value in enumerate(head):
        key = compact_key(_text(value))
        if not key:
            continue
        name = next((n for n, aliases in TIDY_HEADERS.items() if key in aliases), None)
        if name is None:
            result.issues.append(Issue("unknown_column", sheet=sheet.name, row=sheet.row_numbers[header],
                                       column=column_letter(index), value=_short(value),
                                       params={"expected": ", ".join(TIDY_COLUMNS)}))
        elif name in where:
            result.issues.append(Issue("duplicate_column", sheet=sheet.name, row=sheet.row_numbers[header],
                                       column=column_letter(index), value=_short(value)))
        else:
            where[name] = index
    required = ["dimension", "subdimension", "score"] + ([] if year is not None else ["year"])
    missing = [name for name in required if name not in where]
    if "province_code" not in where and "province" not in where:
        missing.append("province_code / province")
    for name in missing:
        if name == "year":
            _need_year(sheet, result)
        else:
            result.issues.append(Issue("missing_column", sheet=sheet.name, row=sheet.row_numbers[header], value=name,
                                       params={"expected": ", ".join(TIDY_COLUMNS)}))
    if [m for m in missing if m != "year"]:
        return
    if "year" not in where and year is None:
        return

    def label(name: str) -> str:
        return f"{column_letter(where[name])} ({_text(head[where[name]])})"

    for row, number in zip(sheet.rows[header + 1:], sheet.row_numbers[header + 1:], strict=True):
        def cell(name: str, row: tuple[Any, ...] = row) -> Any:
            index = where.get(name)
            return row[index] if index is not None and index < len(row) else None

        row_year = year
        if "year" in where:
            row_year = _parse_int(cell("year"))
            if row_year is None:
                result.issues.append(Issue("bad_year", sheet=sheet.name, row=number, column=label("year"),
                                           value=_short(cell("year"))))
                continue
            if year is not None and row_year != year:
                result.issues.append(Issue("year_conflict", sheet=sheet.name, row=number, column=label("year"),
                                           value=str(row_year), params={"given": year}))
                continue
        dimension = _parse_int(cell("dimension"))
        if dimension is None:
            result.issues.append(Issue("bad_dimension", sheet=sheet.name, row=number, column=label("dimension"),
                                       value=_short(cell("dimension"))))
            continue
        sub_raw = cell("subdimension")
        subdimension = None if is_no_data(sub_raw) else _parse_int(sub_raw)
        if subdimension is None and not is_no_data(sub_raw):
            result.issues.append(Issue("bad_dimension", sheet=sheet.name, row=number, column=label("subdimension"),
                                       value=_short(sub_raw)))
            continue
        identifiers = [(label(n), cell(n)) for n in ("province_code", "province") if n in where]
        result.cells.append(ScoreCell(sheet.name, number, label("score"), row_year, identifiers, dimension,
                                      subdimension, cell("score")))


def _read_sc_wide(sheet: Sheet, header: int, year: int | None, result: ReadResult) -> None:
    result.derive_dimensions = True
    head = sheet.rows[header]
    province_index: int | None = None
    sc_columns: dict[int, tuple[int, int]] = {}
    for index, value in enumerate(head):
        key = compact_key(_text(value))
        match = SC_COLUMN.match(key)
        if key in ("province", "tinh", "matinh") and province_index is None:
            province_index = index
        elif match and 1 <= int(match.group(1)) <= 8 and int(match.group(2)) >= 1:
            sc_columns[index] = (int(match.group(1)), int(match.group(2)))
        elif key:
            result.issues.append(Issue("unknown_column", sheet=sheet.name, row=sheet.row_numbers[header],
                                       column=column_letter(index), value=_short(value),
                                       params={"expected": "Province, SC11 … SC83"}))
    if year is None:
        _need_year(sheet, result)
        return
    if not papi.known_year(year):
        return  # reported by the validator from the year alone
    structure = papi.era(year)
    wanted = {column: (dim, number) for dim, subs in structure.items()
              for number, (_, column) in enumerate(subs, start=1)}
    present = {f"SC{d}{k}": index for index, (d, k) in sc_columns.items()}
    for column in wanted:
        if column not in present:
            result.issues.append(Issue("missing_column", sheet=sheet.name, row=sheet.row_numbers[header],
                                       value=column, params={"expected": "Province, SC11 … SC83"}))
    assert province_index is not None  # guaranteed by detect_layout
    stray: dict[str, list[int]] = {}
    for row, number in zip(sheet.rows[header + 1:], sheet.row_numbers[header + 1:], strict=True):
        identifier = row[province_index] if province_index < len(row) else None
        for column, index in present.items():
            value = row[index] if index < len(row) else None
            if column not in wanted:
                if not is_no_data(value):
                    stray.setdefault(column, []).append(number)
                continue
            dim, sub = wanted[column]
            result.cells.append(ScoreCell(sheet.name, number, column, year,
                                          [(_text(head[province_index]), identifier)], dim, sub, value))
    for column, rows in stray.items():
        result.issues.append(Issue("column_not_in_year", sheet=sheet.name, row=rows[0], column=column,
                                   value=str(len(rows)), params={"year": year}))


def _looks_numeric(value: Any) -> bool:
    """True for a number or text that reads as one ("5.2", "5,2", "01")."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return bool(re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", _text(value)))


def _read_official(sheet: Sheet, header: int, year: int | None, result: ReadResult) -> None:
    dimension_keys = _dimension_header_keys()
    # Header rows: the detected one and any following row with no number in it (the second language).
    headers = [header]
    while headers[-1] + 1 < len(sheet.rows) and not any(
        _looks_numeric(v) for v in sheet.rows[headers[-1] + 1]
    ) and len(headers) < 3:
        headers.append(headers[-1] + 1)
    width = max(len(sheet.rows[h]) for h in headers)

    def head(index: int) -> list[Any]:
        return [sheet.rows[h][index] if index < len(sheet.rows[h]) else None for h in headers]

    first_score = next((i for i in range(width) if any(_header_key(v) in dimension_keys for v in head(i))), None)
    if first_score is None:
        result.issues.append(Issue("structure_mismatch", sheet=sheet.name, row=sheet.row_numbers[header],
                                   params={"reason": "first_dimension"}))
        return
    if year is None:
        _need_year(sheet, result)
        return
    if not papi.known_year(year):
        return
    layout = official_sheet_columns(year)
    score_columns = list(range(first_score, width))
    # Trailing columns: empty ones, and a published total ("Un-weighted PAPI", "Chỉ số PAPI").
    while score_columns and all(is_blank(v) for v in head(score_columns[-1])) and all(
        is_blank(r[score_columns[-1]]) if score_columns[-1] < len(r) else True for r in sheet.rows
    ):
        score_columns.pop()
    if score_columns and any("papi" in fold(_text(v)) for v in head(score_columns[-1])):
        score_columns.pop()
    if len(score_columns) != len(layout):
        result.issues.append(Issue("structure_mismatch", sheet=sheet.name, row=sheet.row_numbers[header],
                                   value=str(len(score_columns)),
                                   params={"reason": "count", "expected": len(layout), "year": year}))
        return
    for index, (dim, sub) in zip(score_columns, layout, strict=True):
        named = {dimension_keys.get(_header_key(v)) for v in head(index)} - {None}
        if (sub is None and named and dim not in named) or (sub is not None and named):
            result.issues.append(Issue("structure_mismatch", sheet=sheet.name, row=sheet.row_numbers[header],
                                       column=column_letter(index), value=_short(head(index)[0]),
                                       params={"reason": "order", "year": year,
                                               "expected": f"{dim}" if sub is None else f"{dim}.{sub}"}))
            return
    id_columns = list(range(first_score))
    labels = {i: f"{column_letter(i)} ({_text(head(i)[0])})" for i in id_columns + score_columns}
    code_columns = [i for i in id_columns if any(compact_key(_text(v)) in ("tinhid", "matinh", "code")
                                                 for v in head(i))]
    name_columns = [i for i in id_columns if i not in code_columns]
    for row, number in zip(sheet.rows[headers[-1] + 1:], sheet.row_numbers[headers[-1] + 1:], strict=True):
        ids = [(labels[i], row[i] if i < len(row) else None) for i in code_columns + name_columns]
        if any(_text(v) == "999" for _, v in ids[: len(code_columns)]) or any(
            fold(_text(v)) in SUMMARY_ROWS for _, v in ids
        ):
            continue  # the "Highest" summary row
        for index, (dim, sub) in zip(score_columns, layout, strict=True):
            value = row[index] if index < len(row) else None
            result.cells.append(ScoreCell(sheet.name, number, labels[index], year, ids, dim, sub, value))
