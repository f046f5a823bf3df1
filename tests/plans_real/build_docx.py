"""Build the Word version of a real plan appendix, the way a provincial office types it.

`build_plan_docx(markdown_path)` reads the Markdown copy of a plan appendix (caption lines, then
one pipe table whose section rows are a bold Roman numeral with the heading in the next cell)
and returns the bytes of a .docx holding the same caption and the same rows as a Word table:

- a bold header row;
- each section heading in one cell merged across the whole row ("I. Nâng cao nhận thức ...");
- the lead-agency and coordinating-agency cells merged vertically over consecutive tasks of a
  section that name the same agencies, as offices do to avoid repeating "Bộ Khoa học và Công
  nghệ" on every line (a reader must give the merged text to every task it spans).

Cell texts are the source's cells with surrounding spaces and Markdown bold markers removed;
nothing else is changed. The core properties' dates and the zip entries' timestamps are fixed,
so the same input always gives the same bytes.

    .venv/bin/python -m tests.plans_real.build_docx     # rewrites the committed .docx
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
SOURCE_MD = HERE / "nq03_2025_phu_luc_ii.md"
TARGET_DOCX = HERE / "nq03_2025_phu_luc_ii.docx"

# Fixed dates: the day the Government signed resolution 03/NQ-CP. Zip timestamps use the same day.
FIXED_DATE = dt.datetime(2025, 1, 9, 0, 0, 0)
_ZIP_DATE = (2025, 1, 9, 0, 0, 0)

COLUMN_WIDTHS_CM = (1.2, 8.0, 3.2, 3.6, 3.0, 2.2)
LEAD_COLUMN = 2
COORDINATING_COLUMN = 3
MERGED_COLUMNS = (LEAD_COLUMN, COORDINATING_COLUMN)

_SECTION_NUMBER = re.compile(r"^\*\*([IVXLC]+\.)\*\*$")
_BOLD = re.compile(r"^\*\*(.*)\*\*$", re.DOTALL)
_SEPARATOR = re.compile(r"^\|\s*-+\s*(\|\s*-+\s*)*\|$")


@dataclass(frozen=True)
class Row:
    """One row of the appendix table: a section heading or a task with its six cells."""

    cells: tuple[str, ...]
    section: bool


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


def read_markdown_plan(path: Path) -> tuple[list[str], tuple[str, ...], list[Row]]:
    """The caption lines, the header cells and the rows of the Markdown appendix at `path`."""
    caption: list[str] = []
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("|"):
            if header is None:
                caption.append(line.strip())
            continue
        if _SEPARATOR.match(line.strip()):
            continue
        cells = _cells(line)
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path.name}: a row has {len(cells)} cells, the header {len(header)}: {line[:60]}")
        number = _SECTION_NUMBER.match(cells[0])
        if number and not any(cells[LEAD_COLUMN:-1]):
            # A section row: a bold Roman numeral, the heading, no agencies and no result. (Row IV of the
            # source also carries a stray "năm tiếp theo" in its deadline cell; the Word heading drops it.)
            rows.append(Row((f"{number.group(1)} {cells[1]}",), section=True))
        else:
            rows.append(Row(cells, section=False))
    if header is None:
        raise ValueError(f"{path.name}: no table")
    return caption, header, rows


def _merge_runs(rows: list[Row], column: int) -> list[tuple[int, int]]:
    """(first, last) row indexes of runs of consecutive task rows with the same non-empty cell."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, row in enumerate([*rows, None]):
        same = (
            start is not None
            and row is not None
            and not row.section
            and row.cells[column]
            and row.cells[column] == rows[start].cells[column]
        )
        if same:
            continue
        if start is not None and index - 1 > start:
            runs.append((start, index - 1))
        start = index if row is not None and not row.section and row.cells[column] else None
    return runs


def _write_cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold


def _caption_paragraph(document, line: str) -> None:
    bold = _BOLD.match(line)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(bold.group(1) if bold else line)
    run.bold = bool(bold)
    run.italic = not bold


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry stamped with the fixed date, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def build_plan_docx(source: Path = SOURCE_MD) -> bytes:
    """The .docx bytes of the appendix at `source` (see the module docstring)."""
    caption, header, rows = read_markdown_plan(source)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)  # landscape A4, as appendices are
    section.left_margin = section.right_margin = Cm(1.5)

    for line in caption:
        _caption_paragraph(document, line)

    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in enumerate(COLUMN_WIDTHS_CM[: len(header)]):
        for cell in table.columns[column].cells:
            cell.width = Cm(width)
    for column, text in enumerate(header):
        _write_cell(table.rows[0].cells[column], text, bold=True, center=True)

    merged_below: set[tuple[int, int]] = set()
    for column in MERGED_COLUMNS:
        for first, last in _merge_runs(rows, column):
            merged_below.update((index, column) for index in range(first + 1, last + 1))

    for index, row in enumerate(rows):
        cells = table.rows[index + 1].cells
        if row.section:
            merged = cells[0].merge(cells[-1])
            _write_cell(merged, row.cells[0], bold=True)
            continue
        for column, text in enumerate(row.cells):
            if (index, column) in merged_below:
                continue
            _write_cell(cells[column], text, center=column in (0, len(row.cells) - 1))

    for column in MERGED_COLUMNS:
        for first, last in _merge_runs(rows, column):
            table.cell(first + 1, column).merge(table.cell(last + 1, column))

    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    properties.title = caption[1].strip("*") if len(caption) > 1 else ""
    properties.created = FIXED_DATE
    properties.modified = FIXED_DATE
    properties.last_printed = FIXED_DATE
    properties.revision = 1

    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def main() -> None:
    TARGET_DOCX.write_bytes(build_plan_docx())
    print(f"wrote {TARGET_DOCX.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
