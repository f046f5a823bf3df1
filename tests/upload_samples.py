"""Builders of upload files for the upload tests: tidy CSV/XLSX, official sheets, SC-wide CSVs, a zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import openpyxl
import pandas as pd

from lib.domain import paths

OFFICIAL = paths.SOURCES_DIR / "papi" / "official_xlsx_2011-2019" / "PAPI_2011-2019.xlsx"
SC_DIR = paths.SOURCES_DIR / "papi" / "subdimension_csv_2011-2024"
HEADER = "year,province_code,province,dimension,subdimension,score"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def tidy(*rows: str) -> bytes:
    """A tidy CSV with the standard header and `rows`."""
    return csv_bytes(HEADER, *rows)


@lru_cache(maxsize=1)
def scores() -> pd.DataFrame:
    return pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str, "province": str, "subdimension": "Int64"})


def tidy_year(year: int) -> pd.DataFrame:
    return scores()[scores()["year"] == year].reset_index(drop=True)


def frame_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def xlsx(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    """An XLSX workbook with the given sheets of rows."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def official_rows(year: int) -> tuple[tuple[Any, ...], ...]:
    """The rows of one official sheet as published (headers, provinces, the Highest row)."""
    book = openpyxl.load_workbook(OFFICIAL, read_only=True, data_only=True)
    try:
        return tuple(tuple(r) for r in book[f"{year}_PAPI"].iter_rows(values_only=True))
    finally:
        book.close()


def official_sheet(year: int, name: str | None = None, rows: Sequence[Sequence[Any]] | None = None) -> bytes:
    """One official sheet as its own workbook (as a user would cut it out of the published file)."""
    return xlsx({name if name is not None else f"{year}_PAPI": rows if rows is not None else official_rows(year)})


def sc_csv(year: int) -> bytes:
    return (SC_DIR / f"{year}.csv").read_bytes()


def zip_with(names: Sequence[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()
