"""Readers and validator on the published files: round trips to data/papi_scores.csv, names, eras."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from lib.ingest import readers, validate
from tests import upload_samples as u

TODAY = dt.date(2026, 6, 1)


def _same_rows(got: pd.DataFrame, want: pd.DataFrame, tolerance: float = 0.0, dim_tolerance: float = 0.0) -> None:
    keys = ["year", "province_code", "province", "dimension", "subdimension"]
    assert got[keys].astype(str).equals(want[keys].astype(str))
    diff = (got["score"] - want["score"]).abs()
    subs = want["subdimension"].notna()
    assert diff[subs].max() <= tolerance
    assert diff[~subs].max() <= max(tolerance, dim_tolerance)


@pytest.mark.parametrize("year", range(2011, 2020))
def test_each_official_sheet_gives_exactly_the_published_rows(year: int, shared_sources: Path) -> None:
    # The sheet is cut out of the published workbook and re-saved by openpyxl, which may move a
    # float32-derived value by one unit in the last place; the whole workbook below is compared exactly.
    result = validate.validate(u.official_sheet(year), f"PAPI_{year}.xlsx", today=TODAY)
    assert result.ok and result.layout == "official" and result.years == [year]
    _same_rows(result.frame, u.tidy_year(year), 1e-12)


def test_the_whole_official_workbook_in_one_upload(shared_sources: Path) -> None:
    result = validate.validate(u.OFFICIAL.read_bytes(), "PAPI_2011-2019.xlsx", today=TODAY)
    assert result.ok and result.years == list(range(2011, 2020))
    want = u.scores()[u.scores()["year"] <= 2019].reset_index(drop=True)
    _same_rows(result.frame, want)
    # Official exclusions are warnings, not errors, and say which provinces.
    assert [p.located("vi") for p in result.warnings] == [
        "Năm 2014 thiếu 2 tỉnh: Bắc Giang, Đồng Tháp.",
        "Quảng Ninh năm 2018 không có điểm nội dung 2, 4.",
        "Đồng Tháp năm 2018 không có điểm nội dung 2, 4.",
    ]


@pytest.mark.parametrize("year", range(2011, 2025))
def test_each_sc_csv_gives_the_rows_of_its_year(year: int, shared_sources: Path) -> None:
    result = validate.validate(u.sc_csv(year), f"{year}.csv", year, today=TODAY)
    assert result.ok and result.layout == "sc_wide"
    # 2011-2019: the CSV is float-rounded against the workbook (1e-6 per cell; a derived sum of four cells 4e-6).
    tolerance, dims = (1e-6, 4e-6) if year <= 2019 else (0.0, 0.0)
    _same_rows(result.frame, u.tidy_year(year), tolerance, dims)


@pytest.mark.slow
def test_tidy_export_of_the_store_round_trips_as_csv_and_xlsx() -> None:
    want = u.tidy_year(2022)
    for name, data in (("a.csv", u.frame_csv(want)),
                       ("a.xlsx", u.xlsx({"scores": [list(want.columns), *want.astype(object).where(want.notna(), None)
                                                     .values.tolist()]}))):
        result = validate.validate(data, name, today=TODAY)
        assert result.ok, [p.located("en") for p in result.errors]
        _same_rows(result.frame, want, 1e-12)


@pytest.mark.parametrize(
    "name",
    ["Đắk Lắk", "Dak Lak", "dak lak", "ĐẮK LẮK", "Tỉnh Đắk Lắk", "Dak Lak Province", "66", "066", "P42",
     "Đắk Lắk".encode().decode("utf-8")],
)
def test_province_written_any_way_is_recognised(name: str) -> None:
    import unicodedata

    for form in ("NFC", "NFD"):
        data = u.tidy(f"2019,,{unicodedata.normalize(form, name)},1,,5.2")
        result = validate.validate(data, "a.csv", today=TODAY)
        assert result.frame["province_code"].tolist() == ["66"], name
        assert result.frame["province"].tolist() == ["Đắk Lắk"]


def test_old_and_new_tone_placement_match() -> None:
    # "Thanh Hoá" (old placement) and "Thanh Hóa" (new) are one province.
    for name in ("Thanh Hoá", "Thanh Hóa", "Khánh Hoà", "Hoà Bình"):
        result = validate.validate(u.tidy(f"2019,,{name},1,,5.2"), "a.csv", today=TODAY)
        assert len(result.frame) == 1, name


def test_a_2025_file_on_the_34_units_validates() -> None:
    rows = [f"2025,,{name},1,,5.5" for name in ("Đắk Lắk", "Hồ Chí Minh", "Thành phố Huế", "Bắc Ninh")]
    result = validate.validate(u.tidy(*rows), "2025.csv", today=TODAY)
    assert not result.errors
    assert result.frame[["province_code", "province"]].values.tolist() == [
        ["24", "Bắc Ninh"], ["46", "Huế"], ["66", "Đắk Lắk"], ["79", "Hồ Chí Minh"],
    ]
    assert "assumed_structure" in result.codes  # 2025's structure is assumed to be 2024's
    missing = next(p for p in result.warnings if p.code == "province_missing")
    assert missing.message("en").startswith("2025 lacks 30 provinces")


def test_english_messages() -> None:
    result = validate.validate(u.tidy("2019,,Dak Lac,1,,5.2"), "a.csv", today=TODAY)
    assert result.errors[0].located("en") == (
        "Row 2, column 'C (province)': Province 'Dak Lac' is not recognised. Did you mean 'Đắk Lắk'?"
    )
    frame = validate.problems_frame(result.problems, "en")
    assert list(frame.columns) == ["Severity", "Sheet", "Row", "Column", "Value", "Problem", "How to fix"]
    assert frame.iloc[0]["Severity"] == "Error"


def test_every_problem_is_collected_not_just_the_first() -> None:
    data = u.tidy("2019,,Dak Lac,1,,5.2", "2019,01,Hà Nội,1,,abc", "2019,02,Hà Giang,1,,12", "2019,04,Cao Bằng,9,,5")
    result = validate.validate(data, "a.csv", today=TODAY)
    assert [(p.code, p.row) for p in result.errors] == [
        ("unknown_province", 2), ("not_a_number", 3), ("out_of_scale", 4), ("unknown_dimension", 5),
    ]


def test_sums_within_rounding_pass_and_beyond_fail() -> None:
    ok = u.tidy("2019,66,Đắk Lắk,8,,3.01", "2019,66,Đắk Lắk,8,1,1.00", "2019,66,Đắk Lắk,8,2,1.00",
                "2019,66,Đắk Lắk,8,3,1.02")
    assert "sum_mismatch" not in validate.validate(ok, "a.csv", today=TODAY).codes
    bad = ok.replace(b"3.01", b"3.10")
    assert "sum_mismatch" in validate.validate(bad, "a.csv", today=TODAY).codes


def test_semicolon_csv_with_decimal_commas_in_cp1258() -> None:
    # Windows-1258 writes tones as combining marks after the base letter: "ắ" = "ă" + U+0301.
    text = "year;province;dimension;subdimension;score\n2019;Đă\u0301k Lă\u0301k;1;;5,21\n"
    result = validate.validate(text.encode("cp1258"), "a.csv", today=TODAY)
    assert result.frame["score"].tolist() == [5.21]
    assert result.frame["province"].tolist() == ["Đắk Lắk"]


def test_official_sheet_with_only_the_vietnamese_header_row(shared_sources: Path) -> None:
    rows = u.official_rows(2016)
    result = validate.validate(u.official_sheet(2016, rows=[rows[1], *rows[2:]]), "a.xlsx", today=TODAY)
    assert result.ok
    _same_rows(result.frame, u.tidy_year(2016), 1e-12)


def test_official_sheet_as_csv_asks_for_the_year(shared_sources: Path) -> None:
    rows = u.official_rows(2013)
    text = "\n".join(",".join("" if v is None else f'"{v}"' for v in r) for r in rows).encode()
    assert validate.validate(text, "x.csv", today=TODAY).codes == ["year_needed"]
    result = validate.validate(text, "x.csv", 2013, today=TODAY)
    assert result.ok
    _same_rows(result.frame, u.tidy_year(2013), 1e-12)


def test_is_no_data_markers() -> None:
    for marker in ("KCDL", "kcdl", "N/A", "-", "", "  ", None, float("nan")):
        assert validate.parse_score(marker) == ("absent", None)
    assert validate.parse_score("5,21") == ("comma", 5.21)
    assert validate.parse_score(0) == ("number", 0.0)  # zero is a number (and out of scale), never absent
    assert readers.column_letter(0) == "A" and readers.column_letter(27) == "AB"
