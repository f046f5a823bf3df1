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
from typing import Any

import pandas as pd

from lib import papi

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
