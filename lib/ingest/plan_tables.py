"""Plan documents as tables of located cells: Word, Excel, a web page, text copied from a table, a PDF.

`read_tables(data, file_name)` recognises the file by its content (not its
name) and returns every table it holds as a grid of `Cell`s, each with the
place a user finds it again: the table's number in the document, the row (the
table's row in Word, a web page and a PDF; the sheet's row in Excel; the line
in a text file) and the column.

Merged cells are spread over the grid they cover, and marked: a lead agency
merged down several rows belongs to each of those rows (`merged_down`), a
heading merged across a row is one cell followed by `merged_left` cells (the
parser reads such a row as a section).  Text inside a cell keeps its lines
(paragraphs, line breaks, list items as "- item"); HTML left in copied text
(`<p>`, `<ol>`, `<ul>`, `<li>`, `<br>`, entities) is turned into the same lines.
Text is tab-separated (a cell quoted over several lines, as Excel copies it,
stays one cell) or a Markdown pipe table.  A cell whose words are all bold is
marked `bold` (a heading's mark where a row is neither numbered nor merged).
A scanned PDF or a picture is refused as having no text; a text-layer PDF is
read with pdfplumber where its table has ruled cells.

Nothing here decides what a table means (`lib.ingest.plan_parse` does); files
that cannot be read come back with `readers.Issue`s coded `plan_*` (their
texts are `vd_plan_*` in the catalogue).  The time and memory a read may take
are bounded by the caller's sandbox (`lib.ingest.sandbox.run`); the sizes here
are checked before any parser sees the content.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from lib.domain.text import nfc
from lib.ingest import limits
from lib.ingest.readers import Issue

MAX_BYTES = 20 * 1024 * 1024  # the same bound as score files (lib.ingest.readers.MAX_UPLOAD_BYTES)
# A province's plan has tens to a few hundred task rows (the seed plan 125 rows, 85 tasks).  A table ten
# times longer than a large plan is not a task plan (a data listing, several plans pasted together), and
# every row must be reviewed by a person in the preview before it is stored.
MAX_ROWS = 1_000
MAX_COLUMNS = 40  # a plan table has 4 to 10 columns; cells beyond this are ignored

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: legacy .doc/.xls, and password-protected .docx/.xlsx
_PDF = b"%PDF"
_IMAGES: dict[bytes, str] = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"II*\x00": "TIFF",
                             b"MM\x00*": "TIFF"}
_OTHER_SIGNATURES: dict[bytes, str] = {b"{\\rtf": "RTF", b"Rar!": "RAR", b"7z\xbc\xaf": "7-Zip",
                                       b"\x1f\x8b": "GZIP"}
_BULLETS = "-–—•+*·●○▪"


@dataclass(frozen=True)
class Cell:
    """One cell's readable text (lines joined by "\\n") and whether it continues a merged cell."""

    text: str
    merged_down: bool = False  # the same cell as the one above (vertical merge): same text
    merged_left: bool = False  # the same cell as the one to its left (horizontal merge): same text
    bold: bool = False  # every word of it is bold (Word, Excel, a web page, **Markdown**): a heading's mark


@dataclass
class Table:
    """One table: its number in the document (1-based), rows of cells, and where each row is found."""

    number: int
    rows: list[list[Cell]]
    row_numbers: list[int]  # per row: table row (docx, html, pdf), sheet row (xlsx) or line (text), 1-based
    name: str = ""  # the worksheet (xlsx) or the page (pdf) it came from

    @property
    def label(self) -> str:
        """The place name problems carry in their `sheet`: "table 2"."""
        return f"table {self.number}"

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Tables:
    """What reading a document gave: its kind, its tables, and issues (a refusal has no tables)."""

    kind: str = ""  # docx, xlsx, html, text, pdf; "" when the file could not be read
    tables: list[Table] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def read_tables(data: bytes, file_name: str = "") -> Tables:
    """Read the tables of a plan document of any supported kind, recognised by content. Never raises."""
    ext = _extension(file_name)
    if not data.strip():
        return Tables(issues=[Issue("plan_empty_file", value=file_name)])
    if len(data) > MAX_BYTES:
        return Tables(issues=[Issue("plan_too_large", value=f"{len(data) / 2**20:.1f} MB",
                                    params={"limit": f"{MAX_BYTES // 2**20} MB"})])
    if data.startswith(_OLE):
        return Tables(issues=[_ole_issue(data, file_name)])
    for signature, actual in _IMAGES.items():
        if data.startswith(signature):
            return Tables(issues=[Issue("plan_scanned", value=file_name, params={"actual": actual})])
    for signature, actual in _OTHER_SIGNATURES.items():
        if data.startswith(signature):
            return Tables(issues=[Issue("plan_wrong_type", value=file_name, params={"ext": ext or "?",
                                                                                    "actual": actual})])
    try:
        if data.startswith(_ZIP):
            return _read_zip(data, file_name, ext)
        if data.startswith(_PDF):
            return _read_pdf(data, file_name)
        text = _decode(data)
        if text is None:
            return Tables(issues=[Issue("plan_wrong_type", value=file_name,
                                        params={"ext": ext or "?", "actual": "binary"})])
        if re.search(r"<t[dh][\s>]", text, re.IGNORECASE) and re.search(r"<table[\s>]", text, re.IGNORECASE):
            return Tables("html", _html_tables(text))
        if ext in ("docx", "xlsx", "pdf", "doc", "xls"):
            return Tables(issues=[Issue("plan_wrong_type", value=file_name,
                                        params={"ext": ext, "actual": "text"})])
        return Tables("text", _text_tables(text))
    except _TooManyRows as error:
        return Tables(issues=[error.issue])
    except Exception as error:  # noqa: BLE001 - any failure of a foreign file is "unreadable", with its kind
        return Tables(issues=[Issue("plan_unreadable", value=file_name,
                                    params={"detail": f"{type(error).__name__}"})])


class _TooManyRows(Exception):
    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.code)
        self.issue = issue


def _check_rows(number: int, count: int) -> None:
    if count > MAX_ROWS:
        raise _TooManyRows(Issue("plan_too_many_rows", sheet=f"table {number}", value=str(count),
                                 params={"limit": MAX_ROWS}))


def _ole_issue(data: bytes, file_name: str) -> Issue:
    """Name what a Compound File holds: a password-protected Office file, an old .doc, an old .xls."""
    head = data  # the directory may sit anywhere in the file; a byte search of 20 MB takes milliseconds
    if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
        return Issue("plan_encrypted", value=file_name)
    if "WordDocument".encode("utf-16-le") in head:
        return Issue("plan_old_word", value=file_name)
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return Issue("plan_old_excel", value=file_name)
    return Issue("plan_unreadable", value=file_name, params={"detail": "OLE"})


def _decode(data: bytes) -> str | None:
    """Text bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1258; None for binary content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
        return None if controls > 8 else text
    return None


# --- Word and Excel (zip packages) -------------------------------------------------------------------------


def _read_zip(data: bytes, file_name: str, ext: str) -> Tables:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return Tables(issues=[Issue("plan_unreadable", value=file_name, params={"detail": "ZIP"})])
    exceeded = limits.inspect_xlsx(data)  # parts, unzipped sizes: the bounds hold for any Office package
    if exceeded is not None:
        return Tables(issues=[Issue("plan_limit", value=exceeded.actual,
                                    params={"limit": exceeded.limit, "part": exceeded.part})])
    if "word/document.xml" in names:
        return Tables("docx", _docx_tables(data))
    if "xl/workbook.xml" in names:
        return Tables("xlsx", _xlsx_tables(data))
    if any(n.startswith("word/") for n in names) or ext == "docx":
        return Tables(issues=[Issue("plan_unreadable", value=file_name, params={"detail": "word/document.xml"})])
    actual = "OpenDocument" if "content.xml" in names else "ZIP"
    return Tables(issues=[Issue("plan_wrong_type", value=file_name, params={"ext": ext or "?", "actual": actual})])


def _docx_tables(data: bytes) -> list[Table]:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    tables: list[Table] = []
    for number, tbl in enumerate(body.iter(qn("w:tbl")), start=1):
        trs = tbl.findall(qn("w:tr"))
        _check_rows(number, len(trs))
        grid: list[list[Cell]] = []
        for tr in trs:
            row: list[Cell] = []
            before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
            if before is not None:
                row.extend(Cell("") for _ in range(int(before.get(qn("w:val"), "0") or 0)))
            for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):  # cells, also inside content controls
                span = 1
                props = tc.find(qn("w:tcPr"))
                merge = None
                if props is not None:
                    grid_span = props.find(qn("w:gridSpan"))
                    if grid_span is not None:
                        span = max(1, int(grid_span.get(qn("w:val"), "1") or 1))
                    merge = props.find(qn("w:vMerge"))
                continues = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
                column = len(row)
                if continues and grid and column < len(grid[-1]):
                    above = grid[-1][column]
                    text, bold = above.text, above.bold
                else:
                    continues = False
                    text, bold = _docx_cell_text(tc, qn), _docx_bold(tc, qn)
                row.append(Cell(text, merged_down=continues, bold=bold))
                row.extend(Cell(text, merged_down=continues, merged_left=True, bold=bold) for _ in range(span - 1))
            grid.append(row[:MAX_COLUMNS])
        tables.append(Table(number, grid, list(range(1, len(grid) + 1))))
    return tables


def _docx_cell_text(tc: Any, qn: Any) -> str:
    """The lines of a Word cell: one per paragraph (nested tables' paragraphs too); list paragraphs as "- ".

    Text is every `w:t` of the paragraph, inserted revisions included (deleted text is `w:delText`, left out);
    a line break is a new line, a tab a space.
    """
    text_tag, tab, breaks = qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))
    lines: list[str] = []
    for p in tc.iter(qn("w:p")):
        pieces: list[str] = []
        for element in p.iter(text_tag, tab, *breaks):
            if element.tag == text_tag:
                pieces.append(element.text or "")
            elif element.tag == tab:
                pieces.append(" ")
            else:
                pieces.append("\n")
        text = "".join(pieces)
        numbered = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
        for piece in text.split("\n"):
            piece = nfc(piece)
            if piece:
                lines.append(f"- {piece}" if numbered and piece[0] not in _BULLETS else piece)
                numbered = False
    return "\n".join(lines)


def _docx_bold(tc: Any, qn: Any) -> bool:
    """Every run of the cell that holds words is bold (direct formatting; a style's bold is not seen)."""
    text_tag, props, bold_tag, value = qn("w:t"), qn("w:rPr"), qn("w:b"), qn("w:val")
    runs = [r for r in tc.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(text_tag)).strip()]

    def is_bold(run: Any) -> bool:
        mark = run.find(f"{props}/{bold_tag}")
        return mark is not None and mark.get(value, "true") not in ("0", "false", "off")

    return bool(runs) and all(is_bold(r) for r in runs)


def _xlsx_tables(data: bytes) -> list[Table]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    tables: list[Table] = []
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            width = min(sheet.max_column, MAX_COLUMNS)
            read = [[(_xlsx_text(c.value), bool(c.font and c.font.b)) for c in row[:width]]
                    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=width)]
            while read and not any(text for text, _ in read[-1]):  # formatted but empty rows below the table
                read.pop()
            _check_rows(number, sum(1 for row in read if any(text for text, _ in row)))
            cells = [[Cell(text, bold=bold and bool(text)) for text, bold in row] for row in read]
            for merged in sheet.merged_cells.ranges:
                top, left = merged.min_row - 1, merged.min_col - 1
                if top >= len(cells) or left >= width:
                    continue
                text, bold = cells[top][left].text, cells[top][left].bold
                for r in range(top, min(merged.max_row, len(cells))):
                    for c in range(left, min(merged.max_col, width)):
                        if (r, c) != (top, left):
                            cells[r][c] = Cell(text, merged_down=r > top, merged_left=c > left, bold=bold)
            tables.append(Table(number, cells, list(range(1, len(cells) + 1)), name=sheet.title))
    finally:
        book.close()
    return tables


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "strftime") and hasattr(value, "year"):
        return value.strftime("%d/%m/%Y")
    return "\n".join(line for line in (nfc(x) for x in str(value).splitlines()) if line)


# --- HTML: a saved web page, and tags left in copied text ------------------------------------------------------

_BLOCK = {"p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article"}


class _Lines:
    """Builds a cell's readable lines from HTML events; a list without <li> items is split into items."""

    def __init__(self, bold: bool = False) -> None:
        self.parts: list[str] = []
        self.lists: list[list[Any]] = []  # [index in parts where the list starts, saw an <li>]
        self.in_bold = 1 if bold else 0  # a <th> cell is bold as a whole
        self.bold_words = self.plain_words = 0

    @property
    def bold(self) -> bool:
        return self.bold_words > 0 and self.plain_words == 0

    def data(self, text: str) -> None:
        self.parts.append(text)
        if text.strip():
            if self.in_bold:
                self.bold_words += 1
            else:
                self.plain_words += 1

    def start(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self.in_bold += 1
        elif tag in _BLOCK or tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            if self.lists:
                self.lists[-1][1] = True
            self.parts.append("\n- ")
        elif tag in ("ol", "ul"):
            self.parts.append("\n")
            self.lists.append([len(self.parts), False])

    def end(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self.in_bold = max(0, self.in_bold - 1)
        elif tag in _BLOCK or tag == "li":
            self.parts.append("\n")
        elif tag in ("ol", "ul") and self.lists:
            self._close_list()

    def _close_list(self) -> None:
        start, saw_items = self.lists.pop()
        if saw_items:
            self.parts.append("\n")
            return
        content = "".join(self.parts[start:])
        del self.parts[start:]
        self.parts.extend(f"\n- {item}" for item in list_items(content))
        self.parts.append("\n")

    def text(self) -> str:
        while self.lists:
            self._close_list()
        lines = (nfc(line) for line in "".join(self.parts).replace("\xa0", " ").split("\n"))
        return "\n".join(line for line in lines if line and line != "-")


def list_items(content: str) -> list[str]:
    """Split the text of a list written without item tags into its items.

    "- A - B" (dash items) gives ["A", "B"]; "A; b; C" (items separated by ";",
    a piece starting in lower case continuing the item before it) gives
    ["A; b", "C"].
    """
    content = " ".join(content.split())
    if not content:
        return []
    if content[0] in _BULLETS:
        return [p.strip() for p in re.split(rf"(?:^|\s)[{_BULLETS}]\s", " " + content) if p.strip()]
    items: list[str] = []
    for piece in re.split(r";\s+", content):
        if items and piece[:1].islower():
            items[-1] = f"{items[-1]}; {piece}"
        elif piece.strip():
            items.append(piece.strip())
    return items


class _Fragment(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = _Lines()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.lines.start(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.lines.start(tag)

    def handle_endtag(self, tag: str) -> None:
        self.lines.end(tag)

    def handle_data(self, data: str) -> None:
        self.lines.data(data)


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def fragment_text(text: str) -> str:
    """Readable lines from a cell that may hold HTML left over from a web page (plain text is kept)."""
    if not _TAG.search(text):
        return "\n".join(line for line in (nfc(x) for x in text.split("\n")) if line)
    parser = _Fragment()
    parser.feed(text)
    parser.close()
    return parser.lines.text()


@dataclass
class _HtmlCell:
    lines: _Lines
    rowspan: int
    colspan: int


class _Page(HTMLParser):
    """Collects every <table> of a page: rows of cells with their spans; nested tables are tables too."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[tuple[int, list[list[_HtmlCell]]]] = []  # (order of the opening tag, rows)
        self.stack: list[list[list[_HtmlCell]]] = []  # open tables: rows of cells
        self.opened: list[int] = []
        self.count = 0
        self.cells: list[_HtmlCell | None] = []  # the open cell of each open table
        self.skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self._text_start(tag)
            self.stack.append([])
            self.cells.append(None)
            self.opened.append(self.count)
            self.count += 1
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
            self.cells[-1] = None
        elif tag in ("td", "th") and self.stack:
            if not self.stack[-1]:
                self.stack[-1].append([])
            values = dict(attrs)
            cell = _HtmlCell(_Lines(bold=tag == "th"), _span(values.get("rowspan")), _span(values.get("colspan")))
            self.stack[-1][-1].append(cell)
            self.cells[-1] = cell
        else:
            self._text_start(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self._text_start(tag)

    def _text_start(self, tag: str) -> None:
        for cell in self.cells:
            if cell is not None:
                cell.lines.start(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.stack:
            self.done.append((self.opened.pop(), self.stack.pop()))
            self.cells.pop()
            for cell in self.cells:
                if cell is not None:
                    cell.lines.end("table")
        elif tag in ("td", "th") and self.cells:
            self.cells[-1] = None
        else:
            for cell in self.cells:
                if cell is not None:
                    cell.lines.end(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        for cell in self.cells:
            if cell is not None:
                cell.lines.data(data)

    def close(self) -> None:
        super().close()
        while self.stack:
            self.done.append((self.opened.pop(), self.stack.pop()))


def _span(value: str | None) -> int:
    try:
        return min(max(1, int(str(value).strip())), MAX_ROWS + 1)
    except ValueError:
        return 1


def _html_tables(text: str) -> list[Table]:
    page = _Page()
    page.feed(text)
    page.close()
    tables: list[Table] = []
    # Tables in document order: a nested table closes before its parent, so order by where each started.
    for number, (_, rows) in enumerate(sorted(page.done, key=lambda done: done[0]), start=1):
        _check_rows(number, len(rows))
        tables.append(_spread(number, rows))
    return tables


def _spread(number: int, rows: list[list[_HtmlCell]]) -> Table:
    """Lay cells with rowspan/colspan on a grid, marking the positions each merged cell covers."""
    grid: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            text, bold = cell.lines.text(), cell.lines.bold
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    if c + dc < MAX_COLUMNS:
                        grid[(r + dr, c + dc)] = Cell(text, merged_down=dr > 0, merged_left=dc > 0, bold=bold)
            c += cell.colspan
    width = max((c for _, c in grid), default=-1) + 1
    cells = [[grid.get((r, c), Cell("")) for c in range(width)] for r in range(len(rows))]
    return Table(number, cells, list(range(1, len(rows) + 1)))


# --- text copied from a table ----------------------------------------------------------------------------


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*:?-{2,}:?\s*$")


def _text_tables(text: str) -> list[Table]:
    """Tables from text: Markdown pipe tables if the text has them, else one table of tab-separated lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if "\t" not in text and sum(1 for line in lines if _PIPE_ROW.match(line)) >= 2:
        return _pipe_tables(lines)
    return _tab_table(text)


def _pipe_tables(lines: list[str]) -> list[Table]:
    """Markdown pipe tables ("| TT | Nội dung |"): each run of pipe lines is a table; the rule line is dropped.

    Emphasis markers (**bold**, __bold__) and backslash escapes are removed; <br> in a cell is a new line.
    """
    tables: list[Table] = []
    rows: list[list[str]] = []
    numbers: list[int] = []

    def close() -> None:
        if rows:
            number = len(tables) + 1
            _check_rows(number, len(rows))
            width = max(len(r) for r in rows)
            cells = [[Cell(fragment_text(v.replace("**", "")), bold=_markdown_bold(v)) for v in row]
                     + [Cell("")] * (width - len(row)) for row in rows]
            tables.append(Table(number, cells, list(numbers)))
        rows.clear()
        numbers.clear()

    for line_number, line in enumerate(lines, start=1):
        if not _PIPE_ROW.match(line):
            close()
            continue
        inner = line.strip()[1:-1]
        values = [_markdown_cell(v) for v in re.split(r"(?<!\\)\|", inner)][:MAX_COLUMNS]
        if all(_PIPE_RULE.match(v) for v in values):
            continue
        rows.append(values)
        numbers.append(line_number)
    close()
    return tables


def _markdown_bold(value: str) -> bool:
    return len(value) > 4 and value.startswith("**") and value.endswith("**") and "**" not in value[2:-2]


def _markdown_cell(value: str) -> str:
    """A Markdown cell's text, backslash escapes undone; bold markers "**" stay for `_markdown_bold`."""
    value = value.replace("__", "")
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", value).strip()


def _tab_table(text: str) -> list[Table]:
    """One table from tab-separated lines; a cell quoted over several lines (as Excel copies it) stays one cell."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    if re.search(r'(?:^|\t)"[^"\t]*\n', text, re.MULTILINE):
        reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)
        line = 1
        for values in reader:
            numbers.append(line)
            rows.append(values)
            line = reader.line_num + 1
    else:
        for line, values in enumerate(text.split("\n"), start=1):
            numbers.append(line)
            rows.append(values.split("\t"))
    if not any(len(row) > 1 for row in rows):
        return []  # prose, not cells: no table
    _check_rows(1, sum(1 for r in rows if any(v.strip() for v in r)))
    cells = [[Cell(fragment_text(v)) for v in row[:MAX_COLUMNS]] for row in rows]
    width = max((len(r) for r in cells), default=0)
    cells = [row + [Cell("")] * (width - len(row)) for row in cells]
    return [Table(1, cells, numbers)]


# --- PDF with a text layer -------------------------------------------------------------------------------


def _read_pdf(data: bytes, file_name: str) -> Tables:
    import pdfplumber

    tables: list[Table] = []
    chars = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > 200:
            return Tables(issues=[Issue("plan_limit", value=f"{len(pdf.pages)} pages",
                                        params={"limit": "200 pages", "part": ""})])
        for page_number, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            for found in page.find_tables():
                number = len(tables) + 1
                _check_rows(number, len(found.rows))
                tables.append(_pdf_table(number, found, f"page {page_number}"))
    if chars == 0:
        return Tables(issues=[Issue("plan_no_text_layer", value=file_name)])
    return Tables("pdf", tables)


def _pdf_table(number: int, found: Any, page: str) -> Table:
    """A pdfplumber table: a position no cell starts at is covered by the cell to its left or above it."""
    texts = found.extract()
    bboxes = [list(row.cells) for row in found.rows]
    cells: list[list[Cell]] = []
    for r, row in enumerate(texts):
        out: list[Cell] = []
        for c, value in enumerate(row[:MAX_COLUMNS]):
            if value is not None:
                out.append(Cell("\n".join(x for x in (nfc(v) for v in value.split("\n")) if x)))
                continue
            left = next((k for k in range(c - 1, -1, -1) if bboxes[r][k] is not None), None)
            covered_left = False
            if left is not None:
                right_edge = bboxes[r][left][2]
                column_start = next((bboxes[k][c][0] for k in range(len(bboxes)) if c < len(bboxes[k])
                                     and bboxes[k][c] is not None), None)
                covered_left = column_start is None or right_edge > column_start + 1
            if covered_left and out:
                out.append(Cell(out[-1].text, merged_left=True))
            elif cells and c < len(cells[-1]):
                out.append(Cell(cells[-1][c].text, merged_down=True))
            else:
                out.append(Cell(""))
        cells.append(out)
    width = max((len(r) for r in cells), default=0)
    cells = [row + [Cell("")] * (width - len(row)) for row in cells]
    return Table(number, cells, list(range(1, len(cells) + 1)), name=page)
