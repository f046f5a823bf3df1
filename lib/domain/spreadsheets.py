"""Downloads: CSV that Excel opens with Vietnamese intact, XLSX, and formula-injection safety.

Excel reads a CSV as the machine's legacy code page unless the file starts with
a UTF-8 byte-order mark, so every CSV here is written as UTF-8 with BOM.  Any
text cell that a spreadsheet could take for a formula (it begins with `=`, `+`,
`-` or `@`, or a tab / carriage return that some programs skip) gets a leading
apostrophe, in CSV and XLSX alike.  Task texts often begin with "- " list
items; they are neutralised too: that is the rule, without exceptions.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd

# Control characters XML (so XLSX) cannot hold: the set openpyxl refuses.  Kept
# here so that openpyxl is loaded only when an XLSX file is actually written.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

BOM = "\ufeff"
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """Return `value` with a leading apostrophe if it is text a spreadsheet could run as a formula.

    Non-text values (numbers, dates, missing values) are returned unchanged:
    a negative number is a number, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` with every text cell (and column name) neutralised."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(neutralise_formula).astype(object)
    out.columns = [neutralise_formula(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return `frame` as CSV bytes: UTF-8 with BOM, comma-separated, no index, formula-safe."""
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return (BOM + text).encode("utf-8")


def _xlsx_text(value: Any) -> Any:
    """Drop the control characters that XLSX cannot store (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """Return `frame` as an XLSX workbook (one sheet, header row frozen), formula-safe."""
    safe = safe_frame(frame)
    for column in safe.columns:
        if safe[column].dtype == object:
            safe[column] = safe[column].map(_xlsx_text)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name[:31] or "data")
        sheet = writer.sheets[sheet_name[:31] or "data"]
        sheet.freeze_panes = "A2"
        for cells in sheet.columns:
            width = max(len(str(c.value)) if c.value is not None else 0 for c in cells[:50])
            sheet.column_dimensions[cells[0].column_letter].width = min(max(width, 8), 60) + 2
    return buffer.getvalue()
