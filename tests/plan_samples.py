"""Plan documents built for the tests: the seed plan in other forms (Word with merged cells, Excel, a web page,
a text-layer PDF) and bad plan files, each built here from its parts so a test says what it holds.

Rows are lists of cell texts ("\\n" separates a cell's lines: paragraphs in Word); `LEFT` in a cell merges
it into the cell on its left, `UP` into the cell above.
"""

from __future__ import annotations

import copy
import io
import struct
import zipfile
from collections.abc import Sequence

from lib.domain import paths
from lib.ingest import plan_tables

SEED_PLAN = paths.SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"
SEED_HEADER = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị thực hiện"]
LEFT = "\x00left"
UP = "\x00up"
ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}


def seed_bytes() -> bytes:
    return SEED_PLAN.read_bytes()


def seed_grid() -> list[list[str]]:
    """The seed table's rows below its header, as the text reader reads the cells (lines kept)."""
    table = plan_tables.read_tables(seed_bytes(), SEED_PLAN.name).tables[0]
    rows = [[c.text for c in row] for row in table.rows]
    start = next(i for i, row in enumerate(rows) if row[0] == "STT") + 1
    return [row for row in rows[start:] if any(row)]


def seed_merged_rows() -> list[list[str]]:
    """The seed table as a Word author lays it out: a dimension's row merged across the table ("I. Tham gia ..."),
    a sub-section's title merged across the three text columns, and a lead agency merged down over the
    consecutive tasks of a sub-section it leads."""
    rows: list[list[str]] = []
    for number, task, lead, implementing in seed_grid():
        if number in ROMAN:
            rows.append([f"{number}. {task}", LEFT, LEFT, LEFT])
        elif number:
            rows.append([number, task, LEFT, LEFT])
        else:
            previous = rows[-1] if rows else []
            same = lead and previous and previous[0] == "" and _lead_of(rows) == lead
            rows.append(["", task, UP if same else lead, implementing])
    return rows


def _lead_of(rows: list[list[str]]) -> str:
    for row in reversed(rows):
        if row[2] != UP:
            return row[2]
    return ""


def docx_bytes(header: Sequence[str] | None, rows: Sequence[Sequence[str]], *, title: str = "Phụ lục",
               letterhead: bool = False, header_rows: Sequence[Sequence[str]] = ()) -> bytes:
    """A Word document: a title, optionally a two-column letterhead table, then the plan table."""
    import docx
    from docx.table import _Cell

    document = docx.Document()
    if letterhead:
        top = document.add_table(rows=1, cols=2)
        top.rows[0].cells[0].text = "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK"
        top.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.add_paragraph(title)
    grid = [list(r) for r in header_rows] + ([list(header)] if header else []) + [list(r) for r in rows]
    width = max(len(r) for r in grid)
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    row_objects = list(table.rows)

    def cell(r: int, c: int) -> _Cell:  # Table.cell rebuilds the whole grid on every call
        return _Cell(row_objects[r]._tr.tc_at_grid_offset(c), table)

    for r, values in enumerate(grid):
        cells = row_objects[r].cells
        for c, value in enumerate(values):
            if value in (LEFT, UP) or not value:
                continue
            lines = value.split("\n")
            cells[c].paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cells[c].add_paragraph(line)
    for c in range(width):  # vertical merges: a run of UP under a cell
        r = 0
        while r < len(grid):
            end = r
            while end + 1 < len(grid) and c < len(grid[end + 1]) and grid[end + 1][c] == UP:
                end += 1
            if end > r:
                cell(r, c).merge(cell(end, c))
            r = end + 1
    for r, values in enumerate(grid):  # horizontal merges: a run of LEFT after a cell
        c = 0
        while c < len(values):
            end = c
            while end + 1 < len(values) and values[end + 1] == LEFT:
                end += 1
            if end > c:
                cell(r, c).merge(cell(r, end))
            c = end + 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_docx() -> bytes:
    return docx_bytes(SEED_HEADER, seed_merged_rows(), letterhead=True,
                      title="PHÂN CÔNG NHIỆM VỤ NÂNG CAO CHỈ SỐ PAPI NĂM 2020")


def xlsx_bytes(rows: Sequence[Sequence[str]], *, sheet: str = "Phụ lục") -> bytes:
    """A workbook with one sheet; LEFT/UP cells are merged into the cell left of / above them."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value not in (LEFT, UP) and value:
                ws.cell(r, c, value)
    for r, values in enumerate(rows, start=1):
        c = 0
        while c < len(values):
            end = c
            while end + 1 < len(values) and values[end + 1] == LEFT:
                end += 1
            down = r
            while down < len(rows) and c < len(rows[down]) and rows[down][c] == UP:
                down += 1
            if (end > c or down > r) and values[c] not in (LEFT, UP):
                ws.merge_cells(start_row=r, start_column=c + 1, end_row=down, end_column=end + 1)
            c = end + 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def html_bytes(rows: Sequence[Sequence[str]], *, before: str = "<p>KẾ HOẠCH</p>") -> bytes:
    """A saved web page: the table with rowspan/colspan for UP/LEFT cells, lines as <p> paragraphs."""
    import html

    out = ["<html><head><meta charset='utf-8'><title>Kế hoạch</title></head><body>", before,
           "<table border='1'>"]
    for r, values in enumerate(rows):
        out.append("<tr>")
        for c, value in enumerate(values):
            if value in (LEFT, UP):
                continue
            colspan = 1
            while c + colspan < len(values) and values[c + colspan] == LEFT:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(rows) and c < len(rows[r + rowspan]) and rows[r + rowspan][c] == UP:
                rowspan += 1
            paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in value.split("\n")) if value else ""
            attrs = (f" colspan='{colspan}'" if colspan > 1 else "") + (f" rowspan='{rowspan}'" if rowspan > 1 else "")
            out.append(f"<td{attrs}>{paragraphs}</td>")
        out.append("</tr>")
    out.append("</table></body></html>")
    return "".join(out).encode("utf-8")


def text_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    return "\n".join("\t".join(r) for r in rows).encode("utf-8")


def pdf_bytes(rows: Sequence[Sequence[str]] | None) -> bytes:
    """A PDF drawn with reportlab: a gridded table with real text, or (rows None) only shapes, like a scan."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.platypus.flowables import Flowable

    buffer = io.BytesIO()
    page = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    if rows is None:
        class Scan(Flowable):
            def draw(self) -> None:
                for i in range(30):
                    self.canv.rect(10, i * 12, 400 - i * 7, 8, fill=1)

        page.build([Scan()])
        return buffer.getvalue()
    font = _font()
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, _FONT_PATH))
    style = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10)
    data = [[Paragraph(v.replace("\n", "<br/>"), style) if v not in (LEFT, UP) else "" for v in r] for r in rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value in (LEFT, UP):
                continue
            end_c = c
            while end_c + 1 < len(values) and values[end_c + 1] == LEFT:
                end_c += 1
            end_r = r
            while end_r + 1 < len(rows) and rows[end_r + 1][c] == UP:
                end_r += 1
            if (end_c, end_r) != (c, r):
                commands.append(("SPAN", (c, r), (end_c, end_r)))
    table = Table(data, colWidths=[40, 360, 150, 200])
    table.setStyle(TableStyle(commands))
    page.build([table])
    return buffer.getvalue()


_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font() -> str:
    return "DejaVuSans"


# --- bad files ---------------------------------------------------------------------------------------------


def ole_bytes(*streams: str) -> bytes:
    """A Compound File (the container of .doc, .xls and password-protected .docx) naming `streams` in its
    directory, as Word and Excel write it: a 512-byte header, then 128-byte directory entries with UTF-16 names."""
    header = plan_tables._OLE + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\xfe\xff" + b"\x00" * 470
    entries = b""
    for name in ("Root Entry", *streams):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entries += encoded + b"\x00" * (64 - len(encoded)) + struct.pack("<H", len(encoded)) + b"\x00" * 62
    return header + entries + b"\x00" * (4096 - len(entries))


def encrypted_docx() -> bytes:
    """How Word saves a .docx with "Encrypt with Password": a Compound File with the encrypted package inside."""
    return ole_bytes("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")


def renamed_doc() -> bytes:
    """A Word 97-2003 document (.doc): a Compound File holding a WordDocument stream."""
    return ole_bytes("WordDocument", "1Table", "\x05SummaryInformation")


def corrupt_docx() -> bytes:
    """A .docx cut short (an interrupted download): the zip's central directory is missing."""
    whole = docx_bytes(SEED_HEADER, [["", "Nhiệm vụ", "Sở Nội vụ", ""]])
    return whole[: len(whole) // 2]


def docx_without_document() -> bytes:
    """A zip that claims to be Word but lacks the document part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    """An OpenDocument text (LibreOffice .odt): a zip with content.xml, not a format the app reads."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def long_docx(rows: int) -> bytes:
    """A Word table of `rows` task rows, built by copying one row's XML (python-docx adds rows slowly)."""
    whole = docx_bytes(SEED_HEADER, [["", "Rà soát thủ tục hành chính", "Sở Nội vụ", "UBND cấp huyện"]])
    import docx

    document = docx.Document(io.BytesIO(whole))
    table = document.tables[0]._tbl
    row = table.tr_lst[-1]
    for _ in range(rows - 1):
        table.append(copy.deepcopy(row))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
