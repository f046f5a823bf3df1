"""Property-based tests: whatever bytes arrive, the readers and the validator answer, never raise."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from lib.ingest import readers, validate
from tests import upload_samples as u

pytestmark = pytest.mark.slow  # hypothesis searches

TODAY = dt.date(2026, 6, 1)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a", "a.txt", "2019.CSV", ""])


def _answers(data: bytes, name: str, year: int | None = None) -> validate.Validation:
    result = validate.validate(data, name, year, today=TODAY)
    assert isinstance(result.problems, list)
    assert result.ok or result.errors, "a file that is not accepted must say why"
    assert not any(p.code == "internal_error" for p in result.problems), [p.message("en") for p in result.problems]
    for p in result.problems:
        assert p.message("vi") and p.message("en") and p.fix("vi") and p.fix("en")
    if result.ok:
        assert result.frame["score"].notna().all()
        assert (result.frame["score"] > 0).all()  # absent is never zero
    return result


@SETTINGS
@given(data=st.binary(max_size=4096), name=NAMES)
def test_any_bytes(data: bytes, name: str) -> None:
    _answers(data, name)


CELL = st.one_of(
    st.sampled_from(["", "KCDL", "N/A", "-", "5,21", "5.2", "1e3", "nan", "Đắk Lắk", "Dak Lac", "66", "P42", "2019",
                     "0", "-3", "=SUM(A1)", "\"", "1,0", "2.5", "Hà Nội", "2025", "x"]),
    st.text(max_size=8),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-5, 3000).map(str),
)
HEADERS = st.lists(st.sampled_from(["year", "province_code", "province", "dimension", "subdimension", "score",
                                    "Province", "SC11", "SC12", "SC52", "SC83", "tinhid", "note", ""]),
                   min_size=1, max_size=8)


@SETTINGS
@given(header=HEADERS, rows=st.lists(st.lists(CELL, max_size=9), max_size=12),
       delimiter=st.sampled_from([",", ";", "\t"]), year=st.one_of(st.none(), st.integers(2005, 2030)))
def test_any_table_as_csv(header: list[str], rows: list[list[str]], delimiter: str, year: int | None) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    _answers(buffer.getvalue().encode("utf-8"), "a.csv", year)


XLSX_CELL = st.one_of(st.none(), st.integers(-10, 3000), st.floats(allow_nan=False, allow_infinity=False),
                      st.booleans(), CELL, st.dates())


@SLOW
@given(sheet=st.text(min_size=1, max_size=12).filter(lambda s: not any(c in s for c in "[]:*?/\\")),
       header=HEADERS, rows=st.lists(st.lists(XLSX_CELL, max_size=9), max_size=8))
def test_any_workbook(sheet: str, header: list[str], rows: list[list[object]]) -> None:
    try:
        data = u.xlsx({sheet[:31]: [header, *rows]})
    except (ValueError, IllegalCharacterError):  # openpyxl cannot write these: not an input a user can have
        return
    _answers(data, "a.xlsx")


@SLOW
@given(cut=st.integers(0, 20000), flip=st.integers(0, 20000), byte=st.integers(0, 255))
def test_damaged_official_sheet(cut: int, flip: int, byte: int) -> None:
    data = bytearray(u.official_sheet(2012))
    if flip < len(data):
        data[flip] = byte
    _answers(bytes(data[: max(1, len(data) - cut)]), "2012.xlsx")


@SLOW
@given(lines=st.integers(0, 70), column=st.integers(0, 29), value=CELL)
def test_edited_sc_csv(lines: int, column: int, value: str) -> None:
    text = u.sc_csv(2020).decode().splitlines()
    if lines < len(text):
        cells = text[lines].split(",")
        if column < len(cells):
            cells[column] = value.replace(",", ";").replace("\n", " ")
        text[lines] = ",".join(cells)
    _answers("\n".join(text).encode(), "2020.csv", 2020)


@SETTINGS
@given(names=st.lists(st.sampled_from(["xl/workbook.xml", "word/document.xml", "[Content_Types].xml", "x"]),
                      max_size=4, unique=True))
def test_any_zip(names: list[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    _answers(buffer.getvalue(), "a.xlsx")


@SETTINGS
@given(data=st.binary(max_size=2048))
def test_readers_never_raise(data: bytes) -> None:
    result = readers.read_upload(data, "a.csv")
    assert isinstance(result.cells, list) and isinstance(result.issues, list)
    assert not any(i.code == "internal_error" for i in result.issues)
