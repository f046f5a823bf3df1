"""A plan's table of tasks, read from the document it was issued in: columns, sections, tasks, problems.

`check_plan(data, file_name, province=..., year=...)` reads any plan document
(`lib.ingest.plan_tables`), finds the table(s) of tasks by their header,
recognises each column by its meaning, follows the sections, and returns a
`PlanCheck`: one row per task, located (table, row) and linked to PAPI, with
every problem found, located and worded in the catalogue (`vd_plan_*`).  It
never raises and stores nothing.

Columns are recognised by their header's words, with or without diacritics,
line breaks and punctuation ignored: STT/TT (number); Nội dung, Nhiệm vụ, Tên
nhiệm vụ, Nhiệm vụ, giải pháp (task); Cơ quan/Đơn vị chủ trì, Chủ trì (lead);
Cơ quan/Đơn vị phối hợp, Phối hợp (implementing); Đơn vị/Cơ quan thực hiện
(the lead where the table has no "chủ trì" column, else implementing);
Thời gian, Thời hạn, Thời gian hoàn thành, Tiến độ (deadline); Sản phẩm, Kết
quả, Sản phẩm đầu ra (output).  The header may sit below a title, span two
rows ("Cơ quan thực hiện" over "Chủ trì | Phối hợp"), and be followed by a row
numbering the columns ("(1) (2) (3)"), which is skipped.

Sections: a row merged across the table is a section; so is a row with a
Roman numeral or a capital letter (A, B, C) and no agency, and an unnumbered
row in bold with no agency, deadline or output;
an Arabic-numbered row without them is a section when the rows under it are
numbered differently (tasks without a number, 1.1, a), -), and a task
otherwise.  Levels follow the order the numbering styles first appear (I > 1,
A > I > 1, ...); numbering may restart in every section.  A section's code
joins its numbers ("I.1"); a heading without a number is numbered by its
position.  Agencies, deadlines and the PAPI link come from
`lib.ingest.plan_agencies`, `lib.domain.deadlines` and `lib.ingest.plan_mapping`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lib.domain import agencies as agency_table
from lib.domain import i18n
from lib.domain.agencies import AcceptedName, AgencyIndex
from lib.domain.deadlines import parse_deadline
from lib.domain.text import fold, nfc
from lib.ingest import limits, plan_tables
from lib.ingest.plan_agencies import AgencyName, resolve_agencies, split_agencies
from lib.ingest.plan_mapping import UNMAPPED, PapiLink, link_section, link_task
from lib.ingest.plan_tables import Cell, Table
from lib.ingest.readers import Issue
from lib.ingest.validate import ERROR, WARNING, Checked, Problem, problem

TASK_COLUMNS: list[str] = [
    "table", "row", "section", "section_title", "number", "task", "lead_written", "implementing_written",
    "lead_agencies", "implementing_agencies", "deadline", "deadline_date", "deadline_kind", "output", "dimension",
    "papi_keys", "confidence", "evidence",
]
SECTION_COLUMNS: list[str] = ["table", "row", "section", "number", "title", "level", "dimension", "papi_keys",
                              "confidence", "evidence"]
ROLES = ("number", "task", "lead", "implementing", "deadline", "output")
AGENCY_ROLES = ("lead", "implementing")
HEADER_ROWS_SEARCHED = 25  # a header sits under the document's title lines, never much further down
MAX_PROBLEMS = 200


@dataclass
class PlanCheck(Checked):
    """The outcome of reading one plan document: its tasks, the columns taken, agencies, problems."""

    file_name: str
    sha256: str
    size: int
    province: str | None = ""
    year: int = 0
    kind: str = ""  # docx, xlsx, html, text, pdf; "" when unreadable
    # role -> {"header": header as written, "table": table number, "column": 1-based column}
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)
    # headers of the plan table that no role took ("Kinh phí", "Ghi chú"): {"header", "table", "column"}
    other_columns: list[dict[str, Any]] = field(default_factory=list)
    tasks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TASK_COLUMNS))
    sections: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SECTION_COLUMNS))
    agencies: list[AgencyName] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


    @property
    def ok(self) -> bool:
        """True when nothing blocks a commit."""
        return not self.errors and not self.tasks.empty

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def summary(self, lang: str = "vi") -> dict[str, Any]:
        """The check as one JSON-ready object: tasks, columns and problems (the importer's `--json`)."""
        tasks = [
            {"section": r.section, "number": r.number, "task": r.task, "lead_agencies": list(r.lead_agencies),
             "implementing_agencies": list(r.implementing_agencies), "deadline": r.deadline,
             "deadline_date": r.deadline_date, "output": r.output, "dimension": r.dimension,
             "papi_keys": list(r.papi_keys), "confidence": float(r.confidence), "table": int(r.table),
             "row": int(r.row)}
            for r in self.tasks.itertuples(index=False)
        ]
        problems = [{"severity": p.severity, "code": p.code, "table": p.sheet, "row": p.row, "column": p.column,
                     "value": p.value, "message": p.message(lang), "fix": p.fix(lang)} for p in self.problems]
        agencies = [{"written": a.written, "name": a.name, "canonical": a.canonical, "status": a.status,
                     "level": a.level, "closest": a.closest} for a in self.agencies]
        return {"file_name": self.file_name, "sha256": self.sha256, "kind": self.kind, "tasks": tasks,
                "columns": self.columns, "agencies": agencies, "problems": problems}


# --- columns -------------------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def column_role(header: str) -> str | None:
    """The role a header names (number, task, lead, implementing, deadline, output, agency, note) or None.

    "agency" is "Đơn vị/Cơ quan thực hiện": the lead, unless the table also has a "chủ trì" column.
    """
    key = _key(header)
    if not key or len(key) > 70:
        return None
    if key in ("stt", "tt", "so tt", "so thu tu", "thu tu", "s tt"):
        return "number"
    if "san pham" in key or "ket qua" in key:
        return "output"
    if any(w in key for w in ("thoi gian", "thoi han", "thoi diem", "tien do", "hoan thanh")):
        return "deadline"
    if "chu tri" in key:
        return "lead"
    if "phoi hop" in key:
        return "implementing"
    if any(w in key for w in ("nhiem vu", "noi dung", "cong viec", "giai phap", "hoat dong", "ten de an")):
        return "task"
    if any(w in key for w in ("thuc hien", "trach nhiem", "tham muu", "phu trach")) or key in ("co quan", "don vi"):
        return "agency"
    if "ghi chu" in key:
        return "note"
    return None


@dataclass
class _Header:
    rows: int  # index of the first data row
    roles: dict[str, int]  # role -> 0-based column
    labels: dict[int, str]  # column -> header as written (one line)
    row_number: int  # where the header is (for problems)


def _roles(labels: dict[int, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    agency: list[int] = []
    for column, label in sorted(labels.items()):
        role = column_role(label)
        if role == "agency":
            agency.append(column)
        elif role == "deadline" and "deadline" in found:
            words = _key(label).split()
            if "han" in words or "hoan thanh" in " ".join(words):  # the due date, not a start date
                found["deadline"] = column
        elif role is not None and role != "note" and role not in found:
            found[role] = column
    for column in agency:
        if "lead" not in found:
            found["lead"] = column
        elif "implementing" not in found:
            found["implementing"] = column
    return found


def _labels(row: list[Cell], below: list[Cell] | None = None) -> dict[int, str]:
    labels: dict[int, str] = {}
    for column, cell in enumerate(row):
        text = " ".join(cell.text.split())
        if below is not None and column < len(below):
            under = below[column]
            extra = " ".join(under.text.split())
            if extra and not under.merged_down and extra != text:
                text = f"{text} {extra}".strip()
        if not text or (cell.merged_left and (below is None or column >= len(below) or below[column].merged_left)):
            continue
        labels[column] = text
    return labels


def find_header(table: Table) -> tuple[_Header | None, dict[str, int], int]:
    """The table's header: (header or None, the best partial roles seen, the row of those partial roles)."""
    best: dict[str, int] = {}
    best_row = 0
    rows = table.rows
    for i in range(min(len(rows), HEADER_ROWS_SEARCHED)):
        one = _roles(_labels(rows[i]))
        if not one:
            continue
        candidates = [(one, _labels(rows[i]), i + 1)]
        if i + 1 < len(rows):
            two_labels = _labels(rows[i], rows[i + 1])
            two = _roles(two_labels)
            if len(two) > len(one) or (set(AGENCY_ROLES) & set(two)) - set(one):
                candidates.insert(0, (two, two_labels, i + 2))
        for roles, labels, first in candidates:
            if len(roles) > len(best):
                best, best_row = roles, table.row_numbers[i]
            if "task" in roles and set(AGENCY_ROLES) & set(roles):
                while first < len(rows) and _numbering_row(rows[first]):
                    first += 1
                return _Header(first, roles, labels, table.row_numbers[i]), roles, table.row_numbers[i]
    return None, best, best_row


def _numbering_row(row: list[Cell]) -> bool:
    """A row numbering the columns under the header: "(1) (2) (3)" or "1 2 3"."""
    texts = [c.text.strip() for c in row if c.text.strip() and not c.merged_left]
    return len(texts) >= 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) or re.fullmatch(r"\([A-Za-z]\)", t)
                                   for t in texts)


# --- numbering -----------------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")  # I to XXXIX: more sections than a plan has
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_TEXT_NUMBER = re.compile(r"^((?:[IVX]{1,5}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)])\s+(\S.*)$", re.DOTALL)
_PREFIX = re.compile(r"^(?:(?:phần|mục|chương)\s+)?([IVXLC]+|[A-ZĐ]|\d+(?:\.\d+)*|[a-zđ])\s*[.):/–-]\s*(\S.*)$",
                     re.IGNORECASE | re.DOTALL)


def _roman_value(text: str) -> int | None:
    if not text or not _ROMAN.match(text):
        return None
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[a]
        total += -value if b and _ROMAN_VALUES[b] > value else value
    return total or None


def _clean_number(cell: str) -> str:
    return cell.strip().rstrip(".):").strip()


def number_style(number: str) -> str:
    """The numbering style of a written number: roman, letter, arabic, dotted<depth>, small, bullet or ""."""
    n = _clean_number(number)
    if not n:
        return ""
    if n[0] in plan_tables._BULLETS and len(n) == 1:
        return "bullet"
    if re.fullmatch(r"\d+", n):
        return "arabic"
    if re.fullmatch(r"\d+(?:\.\d+)+", n):
        return f"dotted{n.count('.')}"
    if _roman_value(n) is not None:
        return "roman"
    if re.fullmatch(r"[A-ZĐ]", n):
        return "letter"
    if re.fullmatch(r"[a-zđ]", n):
        return "small"
    return "other"


@dataclass
class _Section:
    style: str
    number: str
    code: str
    title: str
    link: PapiLink
    warned: bool
    full: bool = False  # the heading was merged across the whole row, number column included
    children: int = 0


# --- task text -----------------------------------------------------------------------------------------------


def _strip_bullet(line: str) -> str:
    return re.sub(rf"^[{re.escape(plan_tables._BULLETS)}]\s*", "", line).strip()


def _clean_line(line: str) -> str:
    """One sentence without its list dash or the list's trailing ";", capitalised like the others."""
    line = _strip_bullet(line).rstrip(" ;")
    return line[:1].upper() + line[1:]


def task_text(cell: str) -> str:
    """Readable task text from a task cell's lines.

    One line: the sentence without its list dash.  Several lines: an
    introducing line ending in ":" stays first and the rest become "- item"
    lines; otherwise every line becomes a "- item" line.  A line starting in
    lower case continues the line before it (text that wrapped).
    """
    lines: list[str] = []
    for line in (nfc(x) for x in cell.split("\n")):
        if not line:
            continue
        if lines and line[:1].islower() and not lines[-1].endswith((".", ";", ":")):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    if not lines:
        return ""
    if len(lines) == 1:
        return _clean_line(lines[0])
    if lines[0].endswith(":"):
        return "\n".join([_clean_line(lines[0]), *(f"- {_clean_line(x)}" for x in lines[1:])])
    return "\n".join(f"- {_clean_line(x)}" for x in lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the parse -----------------------------------------------------------------------------------------------


class _Out:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, issue: Issue) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem(issue))


@dataclass
class _Row:
    table: Table
    index: int
    header: _Header

    @property
    def cells(self) -> list[Cell]:
        return self.table.rows[self.index]

    @property
    def number(self) -> int:
        return self.table.row_numbers[self.index]

    def cell(self, role: str) -> Cell:
        column = self.header.roles.get(role)
        if column is None or column >= len(self.cells):
            return Cell("")
        return self.cells[column]

    def text(self, role: str) -> str:
        return self.cell(role).text.strip()

    def label(self, role: str) -> str:
        column = self.header.roles.get(role)
        return self.header.labels.get(column, "") if column is not None else ""

    def numbered(self) -> tuple[str, str]:
        """(number as written, task text): the number column's, or, in a table without one, the number that
        opens the task text ("1.", "1.2.", "a)", "II.")."""
        text = self.text("task")
        if "number" in self.header.roles:
            return self.text("number"), text
        match = _TEXT_NUMBER.match(text)
        if match:
            return match.group(1), match.group(2).strip()
        return "", text

    def blank(self) -> bool:
        return not any(c.text.strip() for c in self.cells)

    def heading_like(self) -> bool:
        """No agency, deadline or output: a section, or a task the plan gave no agency."""
        return not any(self.text(role) for role in ("lead", "implementing", "deadline", "output"))

    def spans_all(self) -> bool:
        """Merged across the whole row: from the first column to the last."""
        cells = self.cells
        return len(cells) > 1 and not cells[0].merged_left and all(c.merged_left for c in cells[1:])

    def spanning(self) -> str | None:
        """The text of a row merged across the table (from the number or task column to the last), else None."""
        roles = [c for r, c in self.header.roles.items() if r != "number"]
        start = min(roles)
        cells = self.cells
        if len(cells) <= start + 1:
            return None
        first = self.header.roles.get("number")
        if first is not None and first < start and start < len(cells) and cells[start].merged_left:
            start = first
        if cells[start].merged_left or not cells[start].text.strip():
            return None
        if all(c.merged_left for c in cells[start + 1:]):
            return cells[start].text.strip()
        return None


def _plan_tables(tables: list[Table], out: _Out) -> tuple[list[tuple[Table, _Header]], dict[str, dict[str, Any]]]:
    """The tables holding tasks, each with its header; a headerless table as wide as the one before continues it."""
    found: list[tuple[Table, _Header]] = []
    partial: tuple[Table, dict[str, int], int] | None = None
    for table in tables:
        if not table.rows:
            continue
        header, roles, row = find_header(table)
        if header is not None:
            found.append((table, header))
        elif found and table.width == found[-1][0].width and found[-1][1].roles:
            found.append((table, _Header(0, found[-1][1].roles, found[-1][1].labels, 0)))
        elif roles and (partial is None or len(roles) > len(partial[1])):
            partial = (table, roles, row)
    if found:
        table, header = found[0]
        columns = {role: {"header": header.labels.get(col, ""), "table": table.number, "column": col + 1}
                   for role, col in sorted(header.roles.items(), key=lambda item: item[1])}
        return found, columns
    if not tables or not any(t.rows for t in tables):
        out.add(Issue("plan_no_table"))
    elif partial is not None and "task" in partial[1]:
        table, roles, row = partial
        headers = _header_text(table, row)
        out.add(Issue("plan_no_agency_column", sheet=table.label, row=row, value=headers))
    else:
        table, _, row = partial or (max(tables, key=lambda t: len(t.rows)), {}, 0)
        row = row or (table.row_numbers[0] if table.row_numbers else 1)
        out.add(Issue("plan_no_task_column", sheet=table.label, row=row, value=_header_text(table, row)))
    return [], {}


def _header_text(table: Table, row: int) -> str:
    index = table.row_numbers.index(row) if row in table.row_numbers else 0
    texts = [" ".join(c.text.split()) for c in table.rows[index] if c.text.strip() and not c.merged_left]
    joined = " | ".join(texts)
    return joined if len(joined) <= 120 else joined[:119] + "…"


def check_plan(data: bytes, file_name: str, *, province: str | None, year: int,
               accepted: Sequence[AcceptedName] = ()) -> PlanCheck:
    """Read a plan document into located tasks and problems. Never raises; stores nothing.

    `accepted`: the names editors reviewed on earlier plans (`plan_importer.accepted_names`), known here too.
    """
    result = PlanCheck(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                       province=province, year=year)
    out = _Out()
    try:
        _check(data, file_name, year, result, out, accepted)
    except Exception as error:  # noqa: BLE001 - the editor must get an answer, not a traceback
        out.add(Issue("plan_internal_error", value=f"{type(error).__name__}: {error}"[:120]))
        result.tasks = pd.DataFrame(columns=TASK_COLUMNS)
    result.problems = out.problems
    return result


def _check(data: bytes, file_name: str, year: int, result: PlanCheck, out: _Out,
           accepted: Sequence[AcceptedName]) -> None:
    read = plan_tables.read_tables(data, file_name)
    result.kind = read.kind
    for issue in read.issues:
        out.add(issue)
    if read.issues:
        return
    found, result.columns = _plan_tables(read.tables, out)
    if not found:
        if read.kind == "pdf" and [p.code for p in out.problems] == ["plan_no_table"]:
            out.problems[-1] = problem(Issue("plan_pdf_no_table", value=file_name))
        return
    table, header = found[0]
    taken = set(header.roles.values())
    result.other_columns = [{"header": label, "table": table.number, "column": column + 1}
                            for column, label in sorted(header.labels.items()) if column not in taken]
    rows: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    stack: list[_Section] = []
    top = [0]  # sections opened at the top level
    for table, header in found:
        data_rows = [_Row(table, i, header) for i in range(header.rows, len(table.rows))]
        data_rows = [r for r in data_rows if not r.blank() and _roles(_labels(r.cells)) != header.roles]
        for position, row in enumerate(data_rows):
            kind, number, title = _classify(row, data_rows[position + 1] if position + 1 < len(data_rows) else None)
            if kind == "section":
                _open_section(row, number, title, year, stack, top, sections, out)
            else:
                _task(row, number, title, stack, year, rows, out)
    if not rows and not out.problems:
        first = found[0]
        out.add(Issue("plan_no_tasks", sheet=first[0].label, row=first[1].row_number,
                      value=first[1].labels.get(first[1].roles["task"], "")))
    index = agency_table.with_accepted(accepted) if accepted else None
    _resolve(rows, result, out, index)
    frame = pd.DataFrame(sections, columns=SECTION_COLUMNS)
    for column in ("dimension", "papi_keys"):
        frame[column] = pd.Series([s[column] for s in sections], index=frame.index, dtype=object)
    result.sections = frame


def _classify(row: _Row, following: _Row | None) -> tuple[str, str, str]:
    """("section" | "task", number as written, title or task text) for one data row."""
    span = row.spanning()
    number = row.text("number")
    if span is not None:
        if row.header.roles.get("number") is not None and number and not row.cell("number").merged_left \
                and number != span:
            return "section", number, span
        match = _PREFIX.match(span)
        if match:
            return "section", match.group(1), match.group(2).strip()
        return "section", "", span
    number, text = row.numbered()
    if not text and number and number_style(number) == "other" and row.heading_like():
        # A heading written in the number column alone: a row merged across the table, copied as text.
        match = _PREFIX.match(number)
        return ("section", match.group(1), match.group(2).strip()) if match else ("section", "", number)
    if not text or row.cell("task").merged_down:
        return "task", number, text
    style = number_style(number)
    if style in ("roman", "letter") and not row.text("lead") and not row.text("implementing"):
        return "section", _clean_number(number), text  # words in its deadline or output cell are warned about
    if not row.heading_like():
        return "task", number, text
    if not style and row.cell("task").bold:
        return "section", "", text  # an unnumbered bold row without agency, deadline or output: a heading
    if (style == "arabic" or style.startswith("dotted") or style == "small") and following is not None:
        next_style = number_style(following.numbered()[0])
        opens_section = following.spanning() is not None or next_style in ("roman", "letter")
        if next_style != style and not opens_section:
            return "section", _clean_number(number), text
    return "task", number, text


def _style_for(number: str, stack: list[_Section]) -> str:
    """Roman or letter for the ambiguous single letters (C, D, I, L, V, X): whichever continues a sequence."""
    style = number_style(number)
    if style == "roman" and len(number) == 1:
        for level in reversed(stack):
            if level.style == "letter" and len(level.number) == 1 and ord(number) == ord(level.number) + 1:
                return "letter"
            if level.style == "roman":
                return "roman"
    return style or "none"


def _open_section(row: _Row, number: str, title: str, year: int, stack: list[_Section], top: list[int],
                  sections: list[dict[str, Any]], out: _Out) -> None:
    number = _clean_number(number)
    style = _style_for(number, stack)
    full = row.spans_all()
    levels = [s.style for s in stack]
    if style in levels:
        del stack[levels.index(style):]
    elif style == "none" and full and any(s.full for s in stack):
        # An unnumbered heading laid out like an earlier full-width heading sits at that heading's level.
        del stack[next(i for i, s in enumerate(stack) if s.full):]
    parent = stack[-1] if stack else None
    depth = len(stack)
    if parent is not None:
        parent.children += 1
        ordinal = parent.children
    else:
        top[0] += 1
        ordinal = top[0]
    own = number or str(ordinal)
    code = f"{parent.code}.{own}" if parent is not None else own
    title = _one_line(title)
    link = link_section(title, year, parent.link if parent else None)
    warned = parent.warned if parent is not None else False
    if not link.mapped and not warned:
        out.add(Issue("plan_unmapped_section", sheet=row.table.label, row=row.number, column=row.label("task"),
                      value=title, params={"section": code}))
        warned = True
    stack.append(_Section(style, number, code, title, link, warned, full))
    for role in ("deadline", "output"):
        extra = row.text(role)
        if extra and not row.cell(role).merged_left:
            out.add(Issue("plan_section_cell_ignored", sheet=row.table.label, row=row.number, column=row.label(role),
                          value=_one_line(extra)[:80], params={"section": code}))
    sections.append({"table": row.table.number, "row": row.number, "section": code, "number": number,
                     "title": title, "level": depth + 1, "dimension": link.dimension, "papi_keys": list(link.keys),
                     "confidence": float(link.confidence), "evidence": link.evidence})


def _task(row: _Row, number: str, written: str, stack: list[_Section], year: int, rows: list[dict[str, Any]],
          out: _Out) -> None:
    lead = row.text("lead")
    implementing = row.text("implementing")
    deadline_text = row.text("deadline")
    output = row.text("output")
    text = task_text(written)
    if row.cell("task").merged_down and rows:
        # The task cell is merged down over this row: the row adds agencies or a deadline to the task above.
        previous = rows[-1]
        for key, value in (("lead_written", lead), ("implementing_written", implementing)):
            lines = previous[key].split("\n") if previous[key] else []
            previous[key] = "\n".join([*lines, *(x for x in value.split("\n") if x and x not in lines)])
        return
    if not text:
        if lead or implementing:
            out.add(Issue("plan_empty_task", sheet=row.table.label, row=row.number, column=row.label("task"),
                          value=_one_line(lead or implementing)[:80]))
        else:  # a row with words but no task and no agency: said, never silently dropped
            words = " | ".join(_one_line(c.text) for c in row.cells if c.text.strip() and not c.merged_left)
            out.add(Issue("plan_row_ignored", sheet=row.table.label, row=row.number, value=words[:80]))
        return
    section = stack[-1] if stack else None
    section_link = section.link if section is not None else UNMAPPED
    link = link_task(text, section_link, year)
    deadline = parse_deadline(deadline_text)
    number = "" if row.cell("number").merged_down else number.strip()
    if not lead and not implementing:
        out.add(Issue("plan_task_without_agency", sheet=row.table.label, row=row.number,
                      column=row.label("lead") or row.label("implementing"), value=_one_line(text)[:80]))
    rows.append({
        "table": row.table.number, "row": row.number,
        "section": section.code if section else "", "section_title": section.title if section else "",
        "number": number, "task": text, "lead_written": lead, "implementing_written": implementing,
        "lead_agencies": [], "implementing_agencies": [],
        "deadline": deadline.text, "deadline_date": deadline.end.isoformat() if deadline.end else None,
        "deadline_kind": deadline.kind, "output": output, "dimension": link.dimension,
        "papi_keys": list(link.keys), "confidence": float(link.confidence), "evidence": link.evidence,
        "_lead_label": row.label("lead"), "_implementing_label": row.label("implementing"),
    })


def _resolve(rows: list[dict[str, Any]], result: PlanCheck, out: _Out, index: AgencyIndex | None) -> None:
    """Split every agency cell into names, resolve each distinct cell once, and fill the task rows.

    A cell is resolved as a whole (its names together), so what the splitter says about one name in its
    cell (two names run together) stays with that cell; a cell with names run together is a located warning.
    """
    resolved: dict[str, list[AgencyName]] = {}
    agencies: dict[str, AgencyName] = {}
    for r in rows:
        for key, target, label in (("lead_written", "lead_agencies", "_lead_label"),
                                   ("implementing_written", "implementing_agencies", "_implementing_label")):
            cell = r[key]
            if cell not in resolved:
                names = split_agencies(cell, index)
                resolved[cell] = resolve_agencies(names, index) if names else []
                for agency in resolved[cell]:
                    agencies.setdefault(agency.written, agency)
            r[target] = list(dict.fromkeys(agency.name for agency in resolved[cell]))
            joined = [a.written for a in resolved[cell] if a.status == "run_together"]
            if joined:
                out.add(Issue("plan_agencies_run_together", sheet=f"table {r['table']}", row=r["row"],
                              column=r[label], value=_one_line(cell)[:80], params={"names": " + ".join(joined)}))
        del r["_lead_label"], r["_implementing_label"]
    result.agencies = list(agencies.values())
    frame = pd.DataFrame(rows, columns=TASK_COLUMNS)
    frame["table"] = frame["table"].astype("int64")
    frame["row"] = frame["row"].astype("int64")
    for column in ("dimension", "deadline_date", "papi_keys", "lead_agencies", "implementing_agencies"):
        # Python values as they are (an int or None, a str or None, lists): no NaN stands in for "none".
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype=object)
    frame["confidence"] = frame["confidence"].astype("float64")
    result.tasks = frame


def _check_in_child(data: bytes, file_name: str, province: str, year: int,
                    accepted: Sequence[AcceptedName]) -> PlanCheck:
    return check_plan(data, file_name, province=province, year=year, accepted=accepted)


def check_plan_bounded(data: bytes, file_name: str, *, province: str, year: int,
                       accepted: Sequence[AcceptedName] = (), seconds: float = limits.PARSE_SECONDS,
                       memory: int = limits.PARSE_MEMORY_BYTES) -> PlanCheck:
    """`check_plan` in a child process bounded in time and memory (`lib.ingest.sandbox`), for uploads.

    A file that hits a bound gets one `plan_limit` problem naming it. Never raises.
    """
    from lib.ingest import sandbox

    if len(data) > plan_tables.MAX_BYTES or not data.strip():
        return check_plan(data, file_name, province=province, year=year)  # refused before any parsing
    try:
        outcome = sandbox.run(_check_in_child, data, file_name, province, year, tuple(accepted), seconds=seconds,
                              memory=memory)
    except OSError as error:  # the child could not be started
        outcome = sandbox.Outcome(error=f"{type(error).__name__}: {error}")
    if outcome.value is not None:
        return outcome.value  # type: ignore[no-any-return]
    result = PlanCheck(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                       province=province, year=year)
    if outcome.exceeded is not None:
        issue = Issue("plan_limit", value=outcome.exceeded.actual,
                      params={"limit": outcome.exceeded.limit, "part": ""})
    else:
        issue = Issue("plan_internal_error", value=outcome.error[:120])
    result.problems = [problem(issue)]
    return result


def problem_text(p: Problem, lang: str) -> str:
    """The problem located and explained, then how to fix it: one line for the command line."""
    return f"{p.located(lang)} {i18n.t('pr_fix', lang, fix=p.fix(lang))}"


__all__ = ["ERROR", "TASK_COLUMNS", "WARNING", "PlanCheck", "check_plan", "check_plan_bounded", "column_role",
           "find_header", "number_style", "problem_text", "task_text"]
