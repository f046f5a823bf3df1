"""Workbooks built to keep a parser busy: the attacks reported in issue 11 and one file per bound of
`lib.ingest.limits`.  Each is a real workbook as openpyxl saves it, with one part written anew."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

from lib.ingest import limits
from tests import upload_samples as u


def _workbook_with(parts: dict[str, Callable[[Callable[[bytes], object]], None]]) -> bytes:
    """A real one-sheet workbook (as openpyxl saves it) with some parts written anew by `parts[name](write)`."""
    base = zipfile.ZipFile(io.BytesIO(u.xlsx({"Sheet1": [["a"]]})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            if info.filename not in parts:
                out.writestr(info, base.read(info))
        for name, writer in parts.items():
            with out.open(name, "w") as part:
                writer(part.write)
    return buffer.getvalue()


_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = b"</sheetData></worksheet>"


def _sheet(rows: Callable[[], Iterator[bytes]]) -> Callable[[Callable[[bytes], object]], None]:
    def write(put: Callable[[bytes], object]) -> None:
        put(_SHEET_HEAD)
        for row in rows():
            put(row)
        put(_SHEET_TAIL)
    return write


def wide_rows_attack() -> bytes:
    """The reported attack: a small .xlsx whose 580 rows each fill all 16 384 columns (190 MB unzipped)."""
    row = b"<row>" + b'<c t="n"><v>1</v></c>' * 16_384 + b"</row>"
    return _workbook_with({"xl/worksheets/sheet1.xml": _sheet(lambda: iter([row] * 580))})


def shared_strings_attack() -> bytes:
    """The other reported attack: a small .xlsx whose shared-strings table holds 1.2 million entries."""
    def write(put: Callable[[bytes], object]) -> None:
        put(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="1200000" uniqueCount="1200000">')
        for _ in range(1_200):
            put(b"<si><t>x</t></si>" * 1_000)
        put(b"</sst>")
    return _workbook_with({"xl/sharedStrings.xml": write})


def too_many_cells() -> bytes:
    """Within the size of a part, but more cells than any PAPI table: 3 100 rows of 100 cells."""
    row = b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>"
    return _workbook_with({"xl/worksheets/sheet1.xml": _sheet(lambda: iter([row] * 3_100))})


def far_column() -> bytes:
    """One cell at the last column Excel has (XFD), as a stray format or value far right of the table leaves."""
    rows = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>year</t></is></c><c r="XFD1"><v>1</v></c></row>']
    return _workbook_with({"xl/worksheets/sheet1.xml": _sheet(lambda: iter(rows))})


def many_large_parts() -> bytes:
    """Five parts of 24 MB each: every part within its bound, the whole file not."""
    def blank(put: Callable[[bytes], object]) -> None:
        for _ in range(24):
            put(b" " * limits.MB)
    return _workbook_with({f"xl/media/blank{i}.xml": blank for i in range(5)})
