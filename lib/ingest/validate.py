"""Check an uploaded PAPI score file and say, in plain words, everything that is wrong with it.

`validate(data, file_name, year)` reads any bytes through `lib.readers.read_upload`,
then checks every score cell: the province (names with or without diacritics,
English names, GSO or PAPI codes, the 34 units from 2025), numbers (decimal
commas, no-data markers read as absent), the (sub-)dimension's scale,
sub-dimensions summing to their dimension, duplicates, the year's structure.
It never raises and never stops at the first problem: the result holds every
problem found (errors block a commit, warnings do not) and the clean tidy rows.

Each problem is a `Problem` with its sheet, row (1-based, as Excel shows it),
column, offending value, and a message and fix in Vietnamese and English.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lib.domain import eras, i18n, papi, provinces, spreadsheets
from lib.domain.paths import PROVINCES_CSV
from lib.ingest import readers

ERROR = "error"
WARNING = "warning"
SCALE_TOLERANCE = 0.005
MAX_PROBLEMS = 500

# code -> (severity, message_vi, message_en, fix_vi, fix_en); {value}, {column} and params fill the templates.
MESSAGES: dict[str, tuple[str, str, str, str, str]] = {
    "too_large": (ERROR, "Tệp quá lớn ({value}); giới hạn là {limit_mb} MB.",
                  "The file is too large ({value}); the limit is {limit_mb} MB.",
                  "Chỉ giữ các trang tính điểm PAPI rồi tải lại.", "Keep only the PAPI score sheets and upload again."),
    "empty_file": (ERROR, "Tệp trống, không có dữ liệu.", "The file is empty.",
                   "Chọn đúng tệp điểm PAPI rồi tải lại.", "Choose the PAPI score file and upload again."),
    "old_excel": (ERROR, "Tệp là định dạng Excel cũ (.xls), ứng dụng không đọc được.",
                  "The file is in the old Excel format (.xls), which the app cannot read.",
                  "Mở tệp trong Excel, chọn Lưu thành (Save As) dạng .xlsx rồi tải lại.",
                  "Open it in Excel, Save As .xlsx, and upload again."),
    "wrong_type": (ERROR, "Tệp có đuôi '.{ext}' nhưng nội dung là {actual}, không phải bảng điểm CSV/XLSX.",
                   "The file ends in '.{ext}' but holds {actual}, not a CSV/XLSX score table.",
                   "Xuất bảng điểm ra .xlsx hoặc .csv (UTF-8) và tải đúng tệp đó.",
                   "Export the score table as .xlsx or .csv (UTF-8) and upload that file."),
    "unreadable": (ERROR, "Không đọc được tệp (tệp hỏng hoặc sai mã hóa: {value}).",
                   "The file cannot be read (damaged or wrong encoding: {value}).",
                   "Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc CSV UTF-8 rồi tải lại.",
                   "Open it in Excel, save it as .xlsx or CSV UTF-8, and upload again."),
    "too_many_rows": (ERROR, "Trang tính có hơn {limit} dòng; bảng điểm PAPI không dài như vậy.",
                      "The sheet has more than {limit} rows; a PAPI score table is not that long.",
                      "Xóa các dòng thừa rồi tải lại.", "Delete the extra rows and upload again."),
    "unknown_layout": (ERROR, "Không nhận ra dạng bảng (dòng đầu: '{value}').",
                       "The table layout is not recognised (first row: '{value}').",
                       "Dùng tệp mẫu của trang này (cột year, province_code, province, dimension, subdimension, "
                       "score), bảng PAPI chính thức (tinhid, tentinh_eng, tentinh_vie, …) hoặc bảng Province, "
                       "SC11 … SC83.",
                       "Use this page's template (columns year, province_code, province, dimension, subdimension, "
                       "score), the official PAPI sheet (tinhid, tentinh_eng, tentinh_vie, …) or the Province, "
                       "SC11 … SC83 table."),
    "sheet_ignored": (WARNING, "Bỏ qua trang tính không phải bảng điểm (dòng đầu: '{value}').",
                      "Sheet skipped: not a score table (first row: '{value}').",
                      "Không cần làm gì nếu trang này không chứa điểm.", "Nothing to do if it holds no scores."),
    "mixed_layouts": (ERROR, "Tệp trộn nhiều dạng bảng ({value}).", "The file mixes table layouts ({value}).",
                      "Mỗi lần tải chỉ dùng một dạng bảng.", "Use one layout per upload."),
    "internal_error": (ERROR, "Lỗi khi đọc tệp: {value}.", "Error while reading the file: {value}.",
                       "Gửi tệp này cho người quản trị ứng dụng.", "Send this file to the app's maintainer."),
    "year_needed": (ERROR, "Tệp không ghi năm PAPI.", "The file does not say which PAPI year it holds.",
                    "Chọn năm ở ô 'Năm của tệp' (hoặc dùng --year khi chạy lệnh) rồi kiểm tra lại.",
                    "Choose the year in 'Year of the file' (or pass --year on the command line) and check again."),
    "year_conflict": (ERROR, "Năm trong tệp ({value}) khác năm đã chọn ({given}).",
                      "The year in the file ({value}) differs from the year chosen ({given}).",
                      "Bỏ chọn năm hoặc sửa năm trong tệp cho khớp.",
                      "Clear the chosen year or correct the year in the file."),
    "bad_year": (ERROR, "Năm '{value}' không phải số năm.", "Year '{value}' is not a year.",
                 "Ghi năm bằng 4 chữ số, ví dụ 2025.", "Write the year as four digits, e.g. 2025."),
    "unknown_year": (ERROR, "Năm {value}: chưa có chỉ số PAPI cấp tỉnh (PAPI bắt đầu từ 2011).",
                     "Year {value}: PAPI has no provincial scores (PAPI starts in 2011).",
                     "Sửa năm cho đúng.", "Correct the year."),
    "future_year": (ERROR, "Năm {value} chưa tới; chưa thể có điểm PAPI.", "Year {value} is in the future.",
                    "Sửa năm cho đúng.", "Correct the year."),
    "assumed_structure": (WARNING, "Năm {value}: ứng dụng giả định cấu trúc chỉ số như năm {last} "
                                   "({dimensions} nội dung).",
                          "Year {value}: the app assumes the index structure of {last} ({dimensions} dimensions).",
                          "Nếu PAPI {value} đổi cấu trúc (thêm/bớt nội dung), báo người quản trị trước khi lưu.",
                          "If PAPI {value} changed its structure, tell the maintainer before committing."),
    "mixed_eras": (ERROR, "Tệp trộn năm trước 2025 (63 tỉnh) và từ 2025 (34 tỉnh, thành phố): {value}.",
                   "The file mixes years before 2025 (63 provinces) and from 2025 (34 units): {value}.",
                   "Tải riêng từng giai đoạn.", "Upload each period separately."),
    "missing_column": (ERROR, "Thiếu cột '{value}'.", "Column '{value}' is missing.",
                       "Thêm cột '{value}' (các cột cần có: {expected}) rồi tải lại.",
                       "Add the column '{value}' (expected: {expected}) and upload again."),
    "unknown_column": (ERROR, "Cột lạ '{value}'.", "Unknown column '{value}'.",
                       "Xóa hoặc đổi tên cột cho đúng (các cột hợp lệ: {expected}).",
                       "Delete or rename the column (valid columns: {expected})."),
    "duplicate_column": (ERROR, "Cột '{value}' xuất hiện hai lần.", "Column '{value}' appears twice.",
                         "Xóa cột trùng.", "Delete the duplicate column."),
    "column_not_in_year": (ERROR, "Cột {column} có {value} điểm nhưng năm {year} không có nội dung thành phần này.",
                           "Column {column} holds {value} scores but {year} has no such sub-dimension.",
                           "Kiểm tra lại năm của tệp, hoặc để trống cột {column}.",
                           "Check the file's year, or leave column {column} empty."),
    "structure_mismatch": (ERROR, "{detail_vi}", "{detail_en}",
                           "Dùng đúng bảng PAPI chính thức của năm đó, không thêm/bớt cột.",
                           "Use the official PAPI sheet of that year without adding or removing columns."),
    "bad_dimension": (ERROR, "'{value}' không phải số thứ tự nội dung.", "'{value}' is not a dimension number.",
                      "Ghi số nội dung (1–8) và số nội dung thành phần (để trống nếu là điểm của cả nội dung).",
                      "Write the dimension number (1–8) and sub-dimension number (blank for the dimension score)."),
    "unknown_dimension": (ERROR, "Năm {year} không có nội dung {value}.", "{year} has no dimension {value}.",
                          "Năm {year} có các nội dung {dimensions}; sửa số nội dung.",
                          "{year} has dimensions {dimensions}; correct the number."),
    "unknown_subdimension": (ERROR, "Năm {year} nội dung {dimension} không có nội dung thành phần {value}.",
                             "In {year} dimension {dimension} has no sub-dimension {value}.",
                             "Nội dung {dimension} năm {year} có {count} nội dung thành phần; sửa số thứ tự.",
                             "Dimension {dimension} in {year} has {count} sub-dimensions; correct the number."),
    "missing_province": (ERROR, "Dòng không có tên hoặc mã tỉnh.", "The row has no province name or code.",
                         "Điền tên tỉnh (ví dụ 'Đắk Lắk') hoặc mã GSO (ví dụ 66).",
                         "Fill in the province name (e.g. 'Đắk Lắk') or GSO code (e.g. 66)."),
    "unknown_province": (ERROR, "Không nhận ra tỉnh '{value}'.{hint_vi}",
                         "Province '{value}' is not recognised.{hint_en}",
                         "Sửa tên tỉnh cho đúng rồi tải lại.", "Correct the province name and upload again."),
    "former_province": (ERROR, "'{value}' là tỉnh cũ; từ 1/7/2025 đã sáp nhập vào {merged}.",
                        "'{value}' is a former province; from 1 July 2025 it is part of {merged}.",
                        "Năm {year} dùng 34 tỉnh, thành phố mới: ghi '{merged}'.",
                        "{year} uses the 34 new units: write '{merged}'."),
    "province_mismatch": (ERROR, "Mã và tên tỉnh không khớp: {value}.", "Province code and name disagree: {value}.",
                          "Sửa mã hoặc tên tỉnh cho khớp nhau.", "Make the code and the name agree."),
    "not_a_number": (ERROR, "Điểm '{value}' không phải là số.", "Score '{value}' is not a number.",
                     "Ghi điểm bằng số (ví dụ 5.21 hoặc 5,21); để trống hoặc ghi KCDL nếu không có dữ liệu.",
                     "Write the score as a number (e.g. 5.21); leave it blank or write KCDL if there is no data."),
    "decimal_comma": (WARNING, "Điểm viết dấu phẩy thập phân ('{value}'), đã đọc thành {number} ({count} ô).",
                      "Score written with a decimal comma ('{value}'), read as {number} ({count} cells).",
                      "Không cần sửa; kiểm tra lại nếu đó không phải dấu thập phân.",
                      "Nothing to do; check it if the comma is not a decimal mark."),
    "out_of_scale": (ERROR, "Điểm {value} nằm ngoài thang điểm {low}–{high} của {what_vi}.",
                     "Score {value} is outside the {low}–{high} scale of {what_en}.",
                     "Kiểm tra lại điểm (có nhầm cột hoặc nhầm dấu thập phân?).",
                     "Check the score (wrong column or decimal mark?)."),
    "sum_mismatch": (ERROR, "Tổng điểm các nội dung thành phần ({total}) khác điểm nội dung {dimension} ({value}).",
                     "The sub-dimension scores add up to {total}, not to dimension {dimension}'s {value}.",
                     "Kiểm tra lại điểm nội dung {dimension} và các nội dung thành phần của nó.",
                     "Check dimension {dimension}'s score and its sub-dimension scores."),
    "duplicate_row": (ERROR, "Trùng với dòng {first}: {value} đã có điểm.",
                      "Duplicates row {first}: {value} already has a score.",
                      "Xóa một trong hai dòng.", "Delete one of the two rows."),
    "no_scores": (ERROR, "Tệp không có điểm nào hợp lệ.", "The file holds no valid score.",
                  "Điền điểm vào bảng rồi tải lại.", "Fill in the scores and upload again."),
    "province_missing": (WARNING, "Năm {year} thiếu {count} tỉnh: {value}.", "{year} lacks {count} provinces: {value}.",
                         "Không cần sửa nếu PAPI không công bố điểm của các tỉnh này năm đó.",
                         "Nothing to do if PAPI did not publish these provinces that year."),
    "dimension_missing": (WARNING, "{province} năm {year} không có điểm nội dung {value}.",
                          "{province} has no score for dimension {value} in {year}.",
                          "Không cần sửa nếu PAPI ghi 'KCDL' (không có dữ liệu).",
                          "Nothing to do if PAPI marks it 'KCDL' (no data)."),
    "too_many_problems": (ERROR, "Còn nhiều lỗi khác ({value}) không liệt kê.", "{value} more problems not listed.",
                          "Sửa các lỗi trên rồi kiểm tra lại.", "Fix the problems above and check again."),
}

# The bounds on reading a file (lib.ingest.limits): worded in the catalogue as vd_limit_<bound>(_fix).
for _bound in ("parts", "part_size", "unzipped_size", "cells", "columns", "shared_strings", "time", "memory"):
    MESSAGES[f"limit_{_bound}"] = (ERROR, *i18n.LABELS[f"vd_limit_{_bound}"], *i18n.LABELS[f"vd_limit_{_bound}_fix"])

_DETAILS = {
    "first_dimension": ("Không tìm thấy cột điểm nội dung 1 ('Tham gia của người dân ở cấp cơ sở').",
                        "No column for dimension 1 ('Participation at Local Levels') found."),
    "count": ("Trang tính có {value} cột điểm; PAPI {year} có {expected} (nội dung và nội dung thành phần).",
              "The sheet has {value} score columns; PAPI {year} has {expected} (dimensions and sub-dimensions)."),
    "order": ("Cột '{value}' không đúng vị trí: PAPI {year} cần nội dung {expected} ở đây.",
              "Column '{value}' is out of place: PAPI {year} has {expected} here."),
}

PROBLEM_COLUMNS = ["severity", "code", "sheet", "row", "column", "value", "message_vi", "message_en", "fix_vi",
                   "fix_en"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located and explained in both languages."""

    severity: str
    code: str
    sheet: str
    row: int | None
    column: str
    value: str
    message_vi: str
    message_en: str
    fix_vi: str
    fix_en: str

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_vi

    def fix(self, lang: str) -> str:
        return self.fix_en if lang == "en" else self.fix_vi

    def located(self, lang: str) -> str:
        """Return the message with its place in front: "Dòng 14, cột 'Tỉnh': …"."""
        parts: list[str] = []
        if self.sheet and self.sheet != "CSV":
            parts.append(f"Sheet '{self.sheet}'" if lang == "en" else f"Trang tính '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}" if lang == "en" else f"dòng {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'" if lang == "en" else f"cột '{self.column}'")
        where = ", ".join(parts)
        where = where[:1].upper() + where[1:]
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


def problem(issue: readers.Issue) -> Problem:
    """Return the located, bilingual `Problem` for a reader `Issue`."""
    severity, vi, en, fix_vi, fix_en = MESSAGES[issue.code]
    values: dict[str, Any] = {"value": issue.value, "column": issue.column, "sheet": issue.sheet, **issue.params}
    if issue.code == "structure_mismatch":
        detail_vi, detail_en = _DETAILS[str(issue.params.get("reason", "count"))]
        values["detail_vi"] = detail_vi.format_map(_Blank(values))
        values["detail_en"] = detail_en.format_map(_Blank(values))
    fill = _Blank(values)
    return Problem(severity, issue.code, issue.sheet, issue.row, issue.column, issue.value, vi.format_map(fill),
                   en.format_map(fill), fix_vi.format_map(fill), fix_en.format_map(fill))


class _Blank(dict):  # type: ignore[type-arg]
    """format_map helper: a missing parameter prints as empty rather than raising."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class Validation:
    """The outcome of checking one file."""

    file_name: str
    sha256: str
    size: int
    kind: str = ""
    layout: str = ""
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame = field(default_factory=lambda: readers.tidy_frame([]))
    needs_year: bool = False
    data: bytes = field(default=b"", repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        """True when nothing blocks a commit."""
        return not self.errors and not self.frame.empty

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame["year"].unique())

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$")


def parse_score(raw: Any) -> tuple[str, float | None]:
    """Return (status, value) for a raw cell: "absent", "number", "comma" (decimal comma) or "bad"."""
    if readers.is_no_data(raw):
        return "absent", None
    if isinstance(raw, bool | dt.date | dt.datetime | dt.time):
        return "bad", None
    if isinstance(raw, int | float):
        value = float(raw)
        return ("number", value) if math.isfinite(value) else ("bad", None)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return "bad", None
    if "," in text:
        return "comma", float(text.replace(",", "."))
    return "number", float(text)


def _decimals(raw: Any) -> int:
    """Return how many decimals a raw score was written with (for rounding tolerance)."""
    text = repr(raw) if isinstance(raw, float) else str(raw).strip()
    text = text.replace(",", ".")
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 6


def _fmt(value: float, digits: int = 2) -> str:
    """Return a number without trailing zeros: 1.0 -> "1", 0.25 -> "0.25", 3.3333 -> "3.33"."""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def _what(dimension: int, sub: int | None) -> tuple[str, str]:
    if sub is None:
        return f"nội dung {dimension}", f"dimension {dimension}"
    return f"nội dung thành phần {dimension}.{sub}", f"sub-dimension {dimension}.{sub}"


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.dropped = 0

    def add(self, code: str, sheet: str = "", row: int | None = None, column: str = "", value: Any = "",
            **params: Any) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        text = value if isinstance(value, str) else readers._short(value)
        self.problems.append(problem(readers.Issue(code, sheet, row, column, text, params)))


def validate(data: bytes, file_name: str = "", year: int | None = None,
             registry_path: Path = PROVINCES_CSV, today: dt.date | None = None) -> Validation:
    """Check `data` (the uploaded bytes) and return every problem plus the clean tidy rows. Never raises."""
    result = Validation(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data)
    out = _Collector()
    try:
        _validate(data, file_name, year, registry_path, today or dt.date.today(), result, out)
    except Exception as error:  # noqa: BLE001 - the user must get an answer, not a traceback
        out.add("internal_error", value=f"{type(error).__name__}: {error}"[:120])
        result.frame = readers.tidy_frame([])
    if out.dropped:
        out.problems.append(problem(readers.Issue("too_many_problems", value=str(out.dropped))))
    result.problems = out.problems
    return result


def _validate(data: bytes, file_name: str, year: int | None, registry_path: Path, today: dt.date,
              result: Validation, out: _Collector) -> None:
    read = readers.read_upload(data, file_name, year)
    result.kind = read.kind
    result.layout = ",".join(sorted(set(read.layouts)))
    result.needs_year = read.needs_year
    for issue in read.issues:
        out.add(issue.code, issue.sheet, issue.row, issue.column, issue.value, **issue.params)
    registry = provinces.load_registry(registry_path)

    # Years: each once.
    good_years: set[int] = set()
    for y in sorted({c.year for c in read.cells}):
        if not papi.known_year(y):
            out.add("unknown_year", value=str(y))
        elif y > today.year:
            out.add("future_year", value=str(y))
        else:
            good_years.add(y)
            if y > papi.LAST_KNOWN_YEAR:
                last = papi.LAST_KNOWN_YEAR
                out.add("assumed_structure", value=str(y), last=last, dimensions=len(papi.dimensions(last)))
    if eras.spans_merger(sorted(good_years)):
        out.add("mixed_eras", value=", ".join(str(y) for y in sorted(good_years)))
        return

    resolved: dict[tuple[str, int], str | None] = {}
    comma: dict[tuple[str, str], list[Any]] = {}
    seen: dict[tuple[int, str, int, int | None], tuple[int, str]] = {}
    reported_duplicate_rows: set[tuple[str, int]] = set()
    rows: list[dict[str, Any]] = []
    places: dict[tuple[int, str, int, int | None], tuple[str, int, str, Any]] = {}
    for cell in read.cells:
        if cell.year not in good_years:
            continue
        structure = papi.era(cell.year)
        if cell.dimension not in structure:
            out.add("unknown_dimension", cell.sheet, cell.row, cell.column, str(cell.dimension), year=cell.year,
                    dimensions=", ".join(str(d) for d in sorted(structure)))
            continue
        count = len(structure[cell.dimension])
        if cell.subdimension is not None and not 1 <= cell.subdimension <= count:
            out.add("unknown_subdimension", cell.sheet, cell.row, cell.column, str(cell.subdimension),
                    year=cell.year, dimension=cell.dimension, count=count)
            continue
        status, value = parse_score(cell.raw)
        if status == "absent":
            continue
        place = (cell.sheet, cell.row)
        if place not in resolved:
            resolved[place] = _resolve_province(cell, registry_path, out)
        code = resolved[place]
        if code is None:
            continue
        if status == "bad":
            out.add("not_a_number", cell.sheet, cell.row, cell.column, cell.raw)
            continue
        assert value is not None
        if status == "comma":
            comma.setdefault((cell.sheet, cell.column), []).append((cell.row, cell.raw, value))
        low, high = (1.0, 10.0) if cell.subdimension is None else papi.subdimension_scale(cell.year, cell.dimension)
        if not low - SCALE_TOLERANCE <= value <= high + SCALE_TOLERANCE:
            what_vi, what_en = _what(cell.dimension, cell.subdimension)
            out.add("out_of_scale", cell.sheet, cell.row, cell.column, cell.raw, low=_fmt(low), high=_fmt(high),
                    what_vi=what_vi, what_en=what_en)
            continue
        key = (cell.year, code, cell.dimension, cell.subdimension)
        if key in seen:
            first_row, _ = seen[key]
            if (cell.sheet, cell.row) not in reported_duplicate_rows:
                reported_duplicate_rows.add((cell.sheet, cell.row))
                what = _province_label(registry, eras.era_of_year(cell.year), code)
                sub = f"{cell.dimension}" if cell.subdimension is None else f"{cell.dimension}.{cell.subdimension}"
                label = f"{what} {cell.year}" + ("" if read.layouts == ["official"] else f" ({sub})")
                out.add("duplicate_row", cell.sheet, cell.row, "", label, first=first_row)
            continue
        seen[key] = (cell.row, cell.column)
        places[key] = (cell.sheet, cell.row, cell.column, cell.raw)
        rows.append({"year": cell.year, "province_code": code, "province": "", "dimension": cell.dimension,
                     "subdimension": cell.subdimension, "score": value})
    for (sheet, column), hits in comma.items():
        row, raw, value = hits[0]
        out.add("decimal_comma", sheet, row, column, raw, number=repr(value), count=len(hits))

    if read.derive_dimensions:
        rows.extend(_derived_dimensions(rows))
    else:
        _check_sums(rows, places, out)
    frame = readers.tidy_frame(rows)
    if not frame.empty:
        names = {(e, c): n for e, c, n in zip(registry["era"], registry["code"], registry["name_vi"], strict=True)}
        frame["province"] = [names[(eras.era_of_year(int(y)), c)] for y, c in zip(frame["year"], frame["province_code"],
                                                                              strict=True)]
        frame["province"] = frame["province"].astype("string")
        _completeness(frame, registry, out)
    result.frame = frame
    if frame.empty and not any(p.severity == ERROR for p in out.problems):
        out.add("no_scores")


def _province_label(registry: pd.DataFrame, era: str, code: str) -> str:
    hits = registry[(registry["era"] == era) & (registry["code"] == code)]["name_vi"]
    return str(hits.iloc[0]) if len(hits) else code


def _resolve_province(cell: readers.ScoreCell, registry_path: Path, out: _Collector) -> str | None:
    """Return the GSO code of the row's province in its year's era, reporting what goes wrong."""
    era = eras.era_of_year(cell.year)
    given = [(label, raw) for label, raw in cell.province if not readers.is_blank(raw)]
    if not given:
        out.add("missing_province", cell.sheet, cell.row, cell.province[0][0] if cell.province else "")
        return None
    found: list[tuple[str, str, str]] = []
    for label, raw in given:
        text = readers._text(raw)
        code = provinces.match_province(text, era, registry_path)
        if code is None:
            if era == eras.ERA_34:
                former = provinces.match_province(text, eras.ERA_63, registry_path)
                if former is not None and not text.strip().isdigit():
                    registry = provinces.load_registry(registry_path)
                    row = registry[(registry["era"] == eras.ERA_63) & (registry["code"] == former)].iloc[0]
                    merged = provinces.province_name(row["merged_into"], eras.ERA_34, registry_path) or ""
                    out.add("former_province", cell.sheet, cell.row, label, text, merged=merged, year=cell.year)
                    return None
            suggestions = [] if text.isdigit() else provinces.suggest_province(text, era, 1, registry_path)
            hint_vi = f" Có phải '{suggestions[0]}'?" if suggestions else ""
            hint_en = f" Did you mean '{suggestions[0]}'?" if suggestions else ""
            out.add("unknown_province", cell.sheet, cell.row, label, text, hint_vi=hint_vi, hint_en=hint_en)
            return None
        found.append((label, text, code))
    if len({code for _, _, code in found}) > 1:
        detail = ", ".join(f"'{text}'" for _, text, _ in found)
        out.add("province_mismatch", cell.sheet, cell.row, found[-1][0], detail)
        return None
    return found[0][2]


def _derived_dimensions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dimension scores of the SC-wide layout: the sum of the sub-dimensions, only when all are present."""
    groups: dict[tuple[int, str, int], dict[int, float]] = {}
    for r in rows:
        groups.setdefault((r["year"], r["province_code"], r["dimension"]), {})[r["subdimension"]] = r["score"]
    out: list[dict[str, Any]] = []
    for (year, code, dim), subs in groups.items():
        count = len(papi.era(year)[dim])
        if len(subs) == count:
            # Same order of summation as readers.sc_wide_rows (sub-dimension order).
            total = math.fsum(subs[n] for n in range(1, count + 1))
            out.append({"year": year, "province_code": code, "province": "", "dimension": dim,
                        "subdimension": None, "score": total})
    return out


def _check_sums(rows: list[dict[str, Any]], places: dict[tuple[int, str, int, int | None], tuple[str, int, str, Any]],
                out: _Collector) -> None:
    """Report dimension scores that differ from the sum of their sub-dimensions beyond rounding."""
    groups: dict[tuple[int, str, int], dict[int | None, float]] = {}
    for r in rows:
        groups.setdefault((r["year"], r["province_code"], r["dimension"]), {})[r["subdimension"]] = r["score"]
    for (year, code, dim), values in groups.items():
        count = len(papi.era(year)[dim])
        if None not in values or len(values) != count + 1:
            continue
        total = math.fsum(values[n] for n in range(1, count + 1))
        raws = [places[(year, code, dim, n)][3] for n in [None, *range(1, count + 1)]]
        decimals = min(_decimals(raw) for raw in raws)
        tolerance = max(1e-4, (count + 1) * 0.5 * 10.0 ** (-decimals) + 1e-9)
        if abs(total - values[None]) > tolerance:
            sheet, row, column, raw = places[(year, code, dim, None)]
            out.add("sum_mismatch", sheet, row, column, raw, total=_fmt(total, 4), dimension=dim)


def _completeness(frame: pd.DataFrame, registry: pd.DataFrame, out: _Collector) -> None:
    """Warn about provinces absent from a year, and provinces lacking a dimension score."""
    for year, part in frame.groupby("year"):
        y = int(year)  # type: ignore[call-overload]
        era = eras.era_of_year(y)
        units = registry[registry["era"] == era]
        present = set(part["province_code"])
        missing = units[~units["code"].isin(present)]["name_vi"].tolist()
        if missing:
            out.add("province_missing", value=", ".join(missing), year=y, count=len(missing))
        dims = set(papi.dimensions(y))
        have = part[part["subdimension"].isna()].groupby("province_code")["dimension"].agg(set)
        for code in sorted(present):
            lacking = sorted(dims - have.get(code, set()))
            if lacking:
                name = _province_label(registry, era, code)
                out.add("dimension_missing", value=", ".join(str(d) for d in lacking), province=name, year=y)


def problems_frame(problems: list[Problem], lang: str = "vi") -> pd.DataFrame:
    """Return the problems as a table in `lang` (columns labelled in that language)."""
    vi = lang != "en"
    labels = (["Mức độ", "Trang tính", "Dòng", "Cột", "Giá trị", "Vấn đề", "Cách sửa"] if vi else
              ["Severity", "Sheet", "Row", "Column", "Value", "Problem", "How to fix"])
    severity = {ERROR: "Lỗi" if vi else "Error", WARNING: "Cảnh báo" if vi else "Warning"}
    data = [[severity[p.severity], p.sheet, p.row, p.column, p.value, p.message(lang), p.fix(lang)]
            for p in problems]
    frame = pd.DataFrame(data, columns=labels)
    frame[labels[2]] = frame[labels[2]].astype("Int64")
    return frame


def problems_csv(problems: list[Problem], lang: str = "vi") -> bytes:
    """Return the problems table as UTF-8 CSV with BOM (Excel-friendly), formula-safe."""
    return spreadsheets.to_csv_bytes(problems_frame(problems, lang))
