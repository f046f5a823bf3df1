# ruff: noqa: E501 - the corpus quotes whole messages on one line each
"""A corpus of bad upload files: each is told exactly what is wrong, and the store stays byte-for-byte the same.

Every case names the first problem the user must read (its code and the whole
located Vietnamese message), then tries to preview and commit the file and
compares a checksum of every table of the store before and after.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import duckdb
import pytest

from lib.ingest import readers, validate
from lib.store import database, importer
from tests import upload_samples as u
from tests.upload_attacks import far_column, many_large_parts, shared_strings_attack, too_many_cells, wide_rows_attack

TODAY = dt.date(2026, 6, 1)


def _official_without_column(year=2019):
    rows = [r[:10] + r[11:] for r in u.official_rows(year)]
    return u.official_sheet(year, rows=rows)


def _official_swapped(year=2017):
    rows = [r[:3] + r[8:12] + r[3:8] + r[12:] for r in u.official_rows(year)]
    return u.official_sheet(year, rows=rows)


def _official_bad_name(year=2019):
    rows = [list(r) for r in u.official_rows(year)]
    rows[2 + 41][1] = "Dak Lac"  # row 44: Đắk Lắk in both name columns
    rows[2 + 41][2] = "Dak Lac"
    return u.official_sheet(year, rows=rows)


def _official_kcdl_zero(year=2018):
    rows = [list(r) for r in u.official_rows(year)]
    rows[3][3] = 0
    return u.official_sheet(year, rows=rows)


def _sc(year, edit):
    lines = u.sc_csv(year).decode().splitlines()
    return ("\n".join(edit(lines)) + "\n").encode()


def _sc_stray(lines):
    index = lines[0].split(",").index("SC52")
    cells = lines[5].split(",")
    cells[index] = "1.5"
    lines[5] = ",".join(cells)
    return lines


def _sc_drop(lines):
    return [",".join(c for j, c in enumerate(line.split(",")) if j != 1) for line in lines]


def _sc_unknown(lines):
    return [lines[0] + ",SC99"] + [line + ",1" for line in lines[1:]]


CASES = [
    # id, file name as uploaded, bytes, year chosen by the user (None: from the file)
    ("empty", "a.csv", b"", None),
    ("blank", "a.csv", b"  \n\n ", None),
    ("too_large", "big.csv", b"a" * (readers.MAX_UPLOAD_BYTES + 1), None),
    ("old_xls", "papi.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, None),
    ("pdf_as_csv", "papi.csv", b"%PDF-1.4 fake", None),
    ("png_as_xlsx", "papi.xlsx", b"\x89PNG\r\n\x1a\n....", None),
    ("text_as_xlsx", "papi.xlsx", u.tidy("2019,66,Đắk Lắk,1,,5.2"), None),
    ("xlsx_as_csv", "papi.csv", u.xlsx({"s": [["a"]]}), None),
    ("corrupt_zip", "papi.xlsx", b"PK\x03\x04" + b"garbage" * 50, None),
    ("word_as_xlsx", "papi.xlsx", u.zip_with(["word/document.xml", "[Content_Types].xml"]), None),
    ("binary_csv", "papi.csv", bytes(range(256)) * 4, None),
    ("header_only", "a.csv", u.tidy(), None),
    ("unknown_layout", "a.csv", u.csv_bytes("a,b,c", "1,2,3"), None),
    ("missing_score_column", "a.csv", u.csv_bytes("year,province,dimension,subdimension,value", "2019,Đắk Lắk,1,,5"), None),
    ("unknown_column", "a.csv", u.csv_bytes(u.HEADER + ",note", "2019,66,Đắk Lắk,1,,5.2,x"), None),
    ("duplicate_column", "a.csv", u.csv_bytes(u.HEADER + ",score", "2019,66,Đắk Lắk,1,,5.2,5.3"), None),
    ("province_typo", "a.csv", u.tidy("2019,,Dak Lac,1,,5.2"), None),
    ("province_unknown", "a.csv", u.tidy("2019,,Xyz,1,,5.2"), None),
    ("province_blank", "a.csv", u.tidy("2019,,,1,,5.2"), None),
    ("province_code_unknown", "a.csv", u.tidy("2019,99,,1,,5.2"), None),
    ("former_province_2025", "a.csv", u.tidy("2025,,Bình Dương,1,,5.2"), None),
    ("papi_code_2025", "a.csv", u.tidy("2025,P42,,1,,5.2"), None),
    ("code_name_mismatch", "a.csv", u.tidy("2019,66,Hà Nội,1,,5.2"), None),
    ("duplicate_row", "a.csv", u.tidy("2019,66,Đắk Lắk,1,,5.2", "2019,66,Dak Lak,1,,5.3"), None),
    ("not_a_number", "a.csv", u.tidy("2019,66,Đắk Lắk,1,,abc"), None),
    ("two_commas", "a.csv", u.tidy('2019,66,Đắk Lắk,1,,"5,2,1"'), None),
    ("percent", "a.csv", u.tidy("2019,66,Đắk Lắk,1,,52%"), None),
    ("dimension_out_of_scale", "a.csv", u.tidy("2019,66,Đắk Lắk,1,,11"), None),
    ("comma_out_of_scale", "a.csv", u.tidy('2019,66,Đắk Lắk,1,,"52,1"'), None),
    ("sub_out_of_scale", "a.csv", u.tidy("2019,66,Đắk Lắk,1,1,3.0"), None),
    ("zero_score", "a.csv", u.tidy("2019,66,Đắk Lắk,1,,0"), None),
    ("sum_mismatch", "a.csv", u.tidy("2019,66,Đắk Lắk,8,,3.5", "2019,66,Đắk Lắk,8,1,1.0", "2019,66,Đắk Lắk,8,2,1.0", "2019,66,Đắk Lắk,8,3,1.0"), None),
    ("year_2009", "a.csv", u.tidy("2009,66,Đắk Lắk,1,,5.2"), None),
    ("year_future", "a.csv", u.tidy("2099,66,Đắk Lắk,1,,5.2"), None),
    ("year_text", "a.csv", u.tidy("20x9,66,Đắk Lắk,1,,5.2"), None),
    ("dimension_9", "a.csv", u.tidy("2019,66,Đắk Lắk,9,,5.2"), None),
    ("dimension_8_in_2015", "a.csv", u.tidy("2015,66,Đắk Lắk,8,,5.2"), None),
    ("construction_permits_2022", "a.csv", u.tidy("2022,66,Đắk Lắk,5,4,1.2"), None),
    ("dimension_text", "a.csv", u.tidy("2019,66,Đắk Lắk,một,,5.2"), None),
    ("mixed_eras", "a.csv", u.tidy("2024,66,Đắk Lắk,1,,5.2", "2025,66,Đắk Lắk,1,,5.2"), None),
    ("only_no_data", "a.csv", u.tidy("2019,66,Đắk Lắk,1,,KCDL", "2019,01,Hà Nội,1,,N/A", "2019,02,Hà Giang,1,,-"), None),
    ("sc_without_year", "2020.csv", u.sc_csv(2020), None),
    ("sc_stray_column", "2022.csv", _sc(2022, _sc_stray), 2022),
    ("sc_missing_column", "2020.csv", _sc(2020, _sc_drop), 2020),
    ("sc_unknown_column", "2020.csv", _sc(2020, _sc_unknown), 2020),
    ("official_missing_column", "papi.xlsx", _official_without_column(), None),
    ("official_swapped_dimensions", "papi.xlsx", _official_swapped(), None),
    ("official_no_year", "papi.xlsx", u.official_sheet(2019, name="Sheet1"), None),
    ("official_year_conflict", "papi.xlsx", u.official_sheet(2019), 2018),
    ("official_bad_province", "papi.xlsx", _official_bad_name(), None),
    ("official_zero_score", "papi.xlsx", _official_kcdl_zero(), None),
    ("mixed_layouts", "papi.xlsx", u.xlsx({"2019_PAPI": u.official_rows(2019), "tidy": [u.HEADER.split(","), [2019, "66", "Đắk Lắk", 1, None, 5.2]]}), None),
    ("empty_workbook", "papi.xlsx", u.xlsx({"Sheet1": []}), None),
    ("too_many_rows", "a.csv", u.tidy(*["2019,66,Đắk Lắk,1,,5.2"] * (readers.MAX_ROWS + 1)), None),
    ("xlsx_date_score", "a.xlsx", u.xlsx({"2019": [u.HEADER.split(","), [2019, "66", "Đắk Lắk", 1, None, dt.date(2019, 5, 2)]]}), None),
    ("wide_rows_attack", "papi.xlsx", wide_rows_attack(), None),
    ("shared_strings_attack", "papi.xlsx", shared_strings_attack(), None),
    ("too_many_cells", "papi.xlsx", too_many_cells(), None),
    ("far_column", "papi.xlsx", far_column(), None),
    ("unzipped_total", "papi.xlsx", many_large_parts(), None),
]
EXPECTED: dict[str, tuple[str, str]] = {
    "empty": (
        "empty_file",
        'Tệp trống, không có dữ liệu.',
    ),
    "blank": (
        "empty_file",
        'Tệp trống, không có dữ liệu.',
    ),
    "too_large": (
        "too_large",
        'Tệp quá lớn (21.0 MB); giới hạn là 20 MB.',
    ),
    "old_xls": (
        "old_excel",
        'Tệp là định dạng Excel cũ (.xls), ứng dụng không đọc được.',
    ),
    "pdf_as_csv": (
        "wrong_type",
        "Tệp có đuôi '.csv' nhưng nội dung là PDF, không phải bảng điểm CSV/XLSX.",
    ),
    "png_as_xlsx": (
        "wrong_type",
        "Tệp có đuôi '.xlsx' nhưng nội dung là PNG, không phải bảng điểm CSV/XLSX.",
    ),
    "text_as_xlsx": (
        "wrong_type",
        "Tệp có đuôi '.xlsx' nhưng nội dung là text/other, không phải bảng điểm CSV/XLSX.",
    ),
    "xlsx_as_csv": (
        "wrong_type",
        "Tệp có đuôi '.csv' nhưng nội dung là XLSX/ZIP, không phải bảng điểm CSV/XLSX.",
    ),
    "corrupt_zip": (
        "unreadable",
        'Không đọc được tệp (tệp hỏng hoặc sai mã hóa: BadZipFile).',
    ),
    "word_as_xlsx": (
        "wrong_type",
        "Tệp có đuôi '.xlsx' nhưng nội dung là Word, không phải bảng điểm CSV/XLSX.",
    ),
    "binary_csv": (
        "wrong_type",
        "Tệp có đuôi '.csv' nhưng nội dung là binary, không phải bảng điểm CSV/XLSX.",
    ),
    "header_only": (
        "no_scores",
        'Tệp không có điểm nào hợp lệ.',
    ),
    "unknown_layout": (
        "unknown_layout",
        "Không nhận ra dạng bảng (dòng đầu: 'a | b | c').",
    ),
    "missing_score_column": (
        "missing_column",
        "Dòng 1: Thiếu cột 'score'.",
    ),
    "unknown_column": (
        "unknown_column",
        "Dòng 1, cột 'G': Cột lạ 'note'.",
    ),
    "duplicate_column": (
        "duplicate_column",
        "Dòng 1, cột 'G': Cột 'score' xuất hiện hai lần.",
    ),
    "province_typo": (
        "unknown_province",
        "Dòng 2, cột 'C (province)': Không nhận ra tỉnh 'Dak Lac'. Có phải 'Đắk Lắk'?",
    ),
    "province_unknown": (
        "unknown_province",
        "Dòng 2, cột 'C (province)': Không nhận ra tỉnh 'Xyz'.",
    ),
    "province_blank": (
        "missing_province",
        "Dòng 2, cột 'B (province_code)': Dòng không có tên hoặc mã tỉnh.",
    ),
    "province_code_unknown": (
        "unknown_province",
        "Dòng 2, cột 'B (province_code)': Không nhận ra tỉnh '99'.",
    ),
    "former_province_2025": (
        "former_province",
        "Dòng 2, cột 'C (province)': 'Bình Dương' là tỉnh cũ; từ 1/7/2025 đã sáp nhập vào Hồ Chí Minh.",
    ),
    "papi_code_2025": (
        "former_province",
        "Dòng 2, cột 'B (province_code)': 'P42' là tỉnh cũ; từ 1/7/2025 đã sáp nhập vào Đắk Lắk.",
    ),
    "code_name_mismatch": (
        "province_mismatch",
        "Dòng 2, cột 'C (province)': Mã và tên tỉnh không khớp: '66', 'Hà Nội'.",
    ),
    "duplicate_row": (
        "duplicate_row",
        'Dòng 3: Trùng với dòng 2: Đắk Lắk 2019 (1) đã có điểm.',
    ),
    "not_a_number": (
        "not_a_number",
        "Dòng 2, cột 'F (score)': Điểm 'abc' không phải là số.",
    ),
    "two_commas": (
        "not_a_number",
        "Dòng 2, cột 'F (score)': Điểm '5,2,1' không phải là số.",
    ),
    "percent": (
        "not_a_number",
        "Dòng 2, cột 'F (score)': Điểm '52%' không phải là số.",
    ),
    "dimension_out_of_scale": (
        "out_of_scale",
        "Dòng 2, cột 'F (score)': Điểm 11 nằm ngoài thang điểm 1–10 của nội dung 1.",
    ),
    "comma_out_of_scale": (
        "out_of_scale",
        "Dòng 2, cột 'F (score)': Điểm 52,1 nằm ngoài thang điểm 1–10 của nội dung 1.",
    ),
    "sub_out_of_scale": (
        "out_of_scale",
        "Dòng 2, cột 'F (score)': Điểm 3.0 nằm ngoài thang điểm 0.25–2.5 của nội dung thành phần 1.1.",
    ),
    "zero_score": (
        "out_of_scale",
        "Dòng 2, cột 'F (score)': Điểm 0 nằm ngoài thang điểm 1–10 của nội dung 1.",
    ),
    "sum_mismatch": (
        "sum_mismatch",
        "Dòng 2, cột 'F (score)': Tổng điểm các nội dung thành phần (3) khác điểm nội dung 8 (3.5).",
    ),
    "year_2009": (
        "unknown_year",
        'Năm 2009: chưa có chỉ số PAPI cấp tỉnh (PAPI bắt đầu từ 2011).',
    ),
    "year_future": (
        "future_year",
        'Năm 2099 chưa tới; chưa thể có điểm PAPI.',
    ),
    "year_text": (
        "bad_year",
        "Dòng 2, cột 'A (year)': Năm '20x9' không phải số năm.",
    ),
    "dimension_9": (
        "unknown_dimension",
        "Dòng 2, cột 'F (score)': Năm 2019 không có nội dung 9.",
    ),
    "dimension_8_in_2015": (
        "unknown_dimension",
        "Dòng 2, cột 'F (score)': Năm 2015 không có nội dung 8.",
    ),
    "construction_permits_2022": (
        "unknown_subdimension",
        "Dòng 2, cột 'F (score)': Năm 2022 nội dung 5 không có nội dung thành phần 4.",
    ),
    "dimension_text": (
        "bad_dimension",
        "Dòng 2, cột 'D (dimension)': 'một' không phải số thứ tự nội dung.",
    ),
    "mixed_eras": (
        "mixed_eras",
        'Tệp trộn năm trước 2025 (63 tỉnh) và từ 2025 (34 tỉnh, thành phố): 2024, 2025.',
    ),
    "only_no_data": (
        "no_scores",
        'Tệp không có điểm nào hợp lệ.',
    ),
    "sc_without_year": (
        "year_needed",
        'Tệp không ghi năm PAPI.',
    ),
    "sc_stray_column": (
        "column_not_in_year",
        "Dòng 6, cột 'SC52': Cột SC52 có 1 điểm nhưng năm 2022 không có nội dung thành phần này.",
    ),
    "sc_missing_column": (
        "missing_column",
        "Dòng 1: Thiếu cột 'SC11'.",
    ),
    "sc_unknown_column": (
        "unknown_column",
        "Dòng 1, cột 'AE': Cột lạ 'SC99'.",
    ),
    "official_missing_column": (
        "structure_mismatch",
        "Trang tính '2019_PAPI', dòng 1: Trang tính có 36 cột điểm; PAPI 2019 có 37 (nội dung và nội dung thành phần).",
    ),
    "official_swapped_dimensions": (
        "structure_mismatch",
        "Trang tính '2017_PAPI', dòng 1, cột 'D': Cột 'Transparency' không đúng vị trí: PAPI 2017 cần nội dung 1 ở đây.",
    ),
    "official_no_year": (
        "year_needed",
        "Trang tính 'Sheet1': Tệp không ghi năm PAPI.",
    ),
    "official_year_conflict": (
        "year_conflict",
        "Trang tính '2019_PAPI': Năm trong tệp (2019) khác năm đã chọn (2018).",
    ),
    "official_bad_province": (
        "unknown_province",
        "Trang tính '2019_PAPI', dòng 44, cột 'B (tentinh_eng)': Không nhận ra tỉnh 'Dak Lac'. Có phải 'Đắk Lắk'?",
    ),
    "official_zero_score": (
        "out_of_scale",
        "Trang tính '2018_PAPI', dòng 4, cột 'D (Participation at Local Levels)': Điểm 0 nằm ngoài thang điểm 1–10 của nội dung 1.",
    ),
    "mixed_layouts": (
        "mixed_layouts",
        'Tệp trộn nhiều dạng bảng (official, tidy).',
    ),
    "empty_workbook": (
        "empty_file",
        'Tệp trống, không có dữ liệu.',
    ),
    "too_many_rows": (
        "too_many_rows",
        'Trang tính có hơn 20000 dòng; bảng điểm PAPI không dài như vậy.',
    ),
    "xlsx_date_score": (
        "not_a_number",
        "Trang tính '2019', dòng 2, cột 'F (score)': Điểm '2019-05-02 00:00:00' không phải là số.",
    ),
    "wide_rows_attack": (
        "limit_part_size",
        "Trang tính 'Sheet1': Phần 'xl/worksheets/sheet1.xml' của tệp .xlsx giải nén ra 190.3 MB; giới hạn kích thước giải nén là 25.0 MB mỗi phần.",
    ),
    "shared_strings_attack": (
        "limit_shared_strings",
        "Bảng chữ dùng chung (shared strings) của sổ tính có hơn 100000 mục.",
    ),
    "too_many_cells": (
        "limit_cells",
        "Trang tính 'Sheet1': Sổ tính có hơn 300000 ô (đếm tới phần 'xl/worksheets/sheet1.xml'); bảng điểm PAPI không lớn như vậy.",
    ),
    "far_column": (
        "limit_columns",
        "Trang tính 'Sheet1': Trang tính có ô tới cột XFD (16384); giới hạn là 1000 cột.",
    ),
    "unzipped_total": (
        "limit_unzipped_size",
        "Tệp .xlsx giải nén ra 120.0 MB; giới hạn kích thước giải nén là 100.0 MB.",
    ),
}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(tmp_path_factory.mktemp("bad-files") / "papi.duckdb")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def digest_before(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return database.content_digest(con)


def test_the_corpus_is_large_and_every_case_has_an_expectation() -> None:
    assert len(CASES) >= 30
    assert [c[0] for c in CASES] == list(EXPECTED)
    assert len({code for code, _ in EXPECTED.values()}) >= 25  # distinct kinds of problem


@pytest.mark.parametrize(("case", "file_name", "data", "year"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_explained_and_leaves_the_store_unchanged(
    case: str, file_name: str, data: bytes, year: int | None, con: duckdb.DuckDBPyConnection,
    digest_before: dict[str, str],
) -> None:
    result = validate.validate(data, file_name, year, today=TODAY)
    code, message = EXPECTED[case]
    assert not result.ok
    hits = [p for p in result.errors if p.code == code]
    assert hits, [p.located("vi") for p in result.problems]
    assert hits[0].located("vi") == message
    assert hits[0].message("en") and hits[0].fix("vi") and hits[0].fix("en")  # every problem says how to fix it
    # Nothing gets through: no preview, no commit, by any path.
    with pytest.raises(importer.Refused):
        importer.preview(con, result)
    fake = importer.Preview(years=[2019], digest="", existing_years=[], added=0, changed=0, removed=0,
                            unchanged=0, changes=importer.diff(result.frame, result.frame))
    with pytest.raises(importer.Refused):
        importer.commit(con, result, fake, "tester", replace=True)
    assert database.content_digest(con) == digest_before


def test_markers_of_no_data_are_absent_never_zero() -> None:
    data = u.tidy("2019,66,Đắk Lắk,1,,KCDL", "2019,66,Đắk Lắk,2,,N/A", "2019,66,Đắk Lắk,3,,-", "2019,66,Đắk Lắk,4,,",
                  "2019,66,Đắk Lắk,5,,7.1")
    result = validate.validate(data, "a.csv", today=TODAY)
    assert result.frame[["dimension", "score"]].values.tolist() == [[5, 7.1]]
    assert "dimension_missing" in result.codes


def test_decimal_comma_is_read_with_a_warning() -> None:
    result = validate.validate(u.tidy('2019,66,Đắk Lắk,1,,"5,21"'), "a.csv", today=TODAY)
    assert result.ok
    assert result.frame["score"].tolist() == [5.21]
    warning = next(p for p in result.warnings if p.code == "decimal_comma")
    assert warning.located("vi") == "Dòng 2, cột 'F (score)': Điểm viết dấu phẩy thập phân ('5,21'), đã đọc thành 5.21 (1 ô)."


def test_a_hundred_malformed_files_later_the_store_is_the_same(
    con: duckdb.DuckDBPyConnection, digest_before: dict[str, str]
) -> None:
    told = 0
    for index in range(100):
        case, name, data, year = CASES[index % len(CASES)]
        mutated = data[: max(0, len(data) - index)] if index % 3 else data
        # In process: importer.check runs the same validation in a bounded child process (a second each);
        # tests/test_upload_limits.py goes through it.
        result = validate.validate(mutated, name, year)
        if result.ok:
            continue
        told += bool(result.errors)
        with pytest.raises(importer.Refused):
            importer.preview(con, result)
    assert told >= 90
    assert database.content_digest(con) == digest_before


def test_size_limit_is_checked_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object) -> None:
        raise AssertionError("parsed a file above the limit")

    monkeypatch.setattr(readers, "_csv_sheet", explode)
    monkeypatch.setattr(readers, "_xlsx_sheets", explode)
    result = validate.validate(b"x" * (readers.MAX_UPLOAD_BYTES + 1), "big.xlsx")
    assert result.codes == ["too_large"]


def test_problem_table_download_is_formula_safe() -> None:
    result = validate.validate(u.tidy('2019,66,"=HYPERLINK(""http://x"")",1,,@SUM(A1)'), "a.csv", today=TODAY)
    rows = list(csv.reader(io.StringIO(validate.problems_csv(result.problems, "vi").decode("utf-8-sig"))))
    values = [row[4] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in values
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_layout_comes_from_content_not_the_file_name() -> None:
    # Layout comes from content: a tidy file named like an SC file is still read as tidy.
    result = validate.validate(u.tidy("2019,66,Đắk Lắk,1,,5.2"), "2020.csv", today=TODAY)
    assert result.layout == "tidy" and result.years == [2019]
