"""Downloads: CSV with BOM that round-trips Vietnamese, XLSX readable by openpyxl, formula neutralising."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from lib.domain import spreadsheets


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-  Hiểu biết về chính sách", "'-  Hiểu biết về chính sách"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("Tiếp công dân", "Tiếp công dân"),
        ("a=b", "a=b"),
        ("", ""),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_neutralise_formula(value: object, expected: object) -> None:
    assert spreadsheets.neutralise_formula(value) == expected


FRAME = pd.DataFrame(
    {
        "Mã nhiệm vụ": ["DLK-2020-II.1-02", "X-1"],
        "Nhiệm vụ": ["Thực hiện tốt quy định về tiếp công dân.", '- Đắk Lắk: =HYPERLINK("x")'],
        "Điểm": [4.77, -1.0],
    }
)


def test_csv_starts_with_bom_and_round_trips_vietnamese() -> None:
    data = spreadsheets.to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Mã nhiệm vụ", "Nhiệm vụ", "Điểm"]
    assert rows[1] == ["DLK-2020-II.1-02", "Thực hiện tốt quy định về tiếp công dân.", "4.77"]
    assert rows[2][1] == '\'- Đắk Lắk: =HYPERLINK("x")'
    assert rows[2][2] == "-1.0"  # a negative number stays a number


def test_xlsx_opens_and_holds_the_rows() -> None:
    book = openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx_bytes(FRAME, "Nhiệm vụ")))
    sheet = book["Nhiệm vụ"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Mã nhiệm vụ", "Nhiệm vụ", "Điểm"]
    assert values[1] == ["DLK-2020-II.1-02", "Thực hiện tốt quy định về tiếp công dân.", 4.77]
    assert values[2][1].startswith("'- Đắk Lắk")
    assert sheet["B3"].data_type == "s"  # text, never a formula
    assert values[2][2] == -1.0
