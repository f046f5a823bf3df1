"""Read filled report forms (`lib.domain.report_form`) and say, located, everything wrong with them.

`check_forms(files, tasks, today)` reads several files at once; each is read in
a child process bounded in time and memory (`lib.ingest.sandbox`), after its zip
has been checked against the workbook bounds (`lib.ingest.limits`).  It never
raises and never stops at the first problem.  Each problem is a
`lib.ingest.validate.Problem` (sheet, row as Excel shows it, column, value) with
code `status_*`; its text and fix are `vd_status_*` / `vd_status_*_fix` in the
catalogue.

`tasks` is what the store knows of the plans' tasks (task_id, plan_id, task,
lead_agency, implementing_agencies); the reader never opens the store.

A row whose `Trạng thái` is blank is no report (an agency fills only what it has
news of); a form with no filled row at all is refused as empty.  A blank
`Ngày báo cáo` is read as the day of the check, with a warning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lib.domain import report_form as form
from lib.ingest import limits, readers, sandbox
from lib.ingest.validate import SEVERITY, Checked, Problem

REPORT_COLUMNS = ["task_id", "plan_id", "status", "reason", "note", "evidence", "reported_on", "role", "sheet_row"]
TASK_COLUMNS = ["task_id", "plan_id", "task", "lead_agency", "implementing_agencies"]


@dataclass
class FormCheck(Checked):
    """The outcome of reading one filled form: whose it is, its problems and its reports."""

    file_name: str
    sha256: str
    size: int
    agency: str = ""
    plan_id: str = ""
    problems: list[Problem] = field(default_factory=list)
    reports: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPORT_COLUMNS))
    data: bytes = field(default=b"", repr=False)


    @property
    def ok(self) -> bool:
        return not self.errors and not self.reports.empty


def _problem(code: str, row: int | None = None, column: str = "", value: object = "", sheet: str = form.SHEET,
             **params: object) -> Problem:
    text = "" if value is None else str(value)
    return Problem(SEVERITY[code], code, sheet, row, column, text[:120], tuple(params.items()))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[1:] if text.startswith("'") else text


def _date(value: Any) -> dt.date | None | str:
    """A date cell: a date, None when blank, or "bad"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return "bad"


def _agencies(lead: object, implementing: object) -> dict[str, str]:
    roles: dict[str, str] = {}
    for value, role in ((implementing, "implementing"), (lead, "lead")):
        if isinstance(value, str):
            for name in value.split(";"):
                if name.strip():
                    roles[form.normalised(name)] = role
    return roles


def read_form(data: bytes, file_name: str, tasks: pd.DataFrame, today: dt.date) -> FormCheck:
    """Read one filled form's bytes against the plans' `tasks` (see the module's notes)."""
    result = FormCheck(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data)
    problems = result.problems
    if not data.strip():
        problems.append(_problem("status_empty_file", sheet=""))
        return result
    if len(data) > readers.MAX_UPLOAD_BYTES:
        problems.append(_problem("status_too_large", sheet="", value=f"{len(data) / 2**20:.1f} MB",
                                 limit_mb=readers.MAX_UPLOAD_BYTES // 2**20))
        return result
    if not data.startswith(b"PK\x03\x04"):
        problems.append(_problem("status_not_xlsx", sheet="", value=file_name))
        return result
    try:
        exceeded = limits.inspect_xlsx(data)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as error:
        problems.append(_problem("status_unreadable", sheet="", value=type(error).__name__))
        return result
    if exceeded is not None:
        issue = readers.limit_issue(exceeded)
        problems.append(Problem(SEVERITY[issue.code], issue.code, issue.sheet, None, "", issue.value,
                                tuple(issue.params.items())))
        return result
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001 - any damaged workbook is one located problem
        problems.append(_problem("status_unreadable", sheet="", value=type(error).__name__))
        return result
    if form.SHEET not in book.sheetnames or form.META_SHEET not in book.sheetnames:
        problems.append(_problem("status_not_a_form", sheet="", value=", ".join(book.sheetnames)[:120]))
        return result
    meta = {_text(r[0]): _text(r[1]) for r in book[form.META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2,
                                                                             values_only=True) if r and r[0]}
    result.plan_id, result.agency = meta.get("plan_id", ""), meta.get("agency", "")
    plan_tasks = tasks[tasks["plan_id"] == result.plan_id]
    if not result.plan_id or not result.agency:
        problems.append(_problem("status_not_a_form", sheet=form.META_SHEET, value=""))
        return result
    if plan_tasks.empty:
        problems.append(_problem("status_unknown_plan", sheet=form.META_SHEET, row=2, column="B",
                                 value=result.plan_id))
        return result
    sheet = book[form.SHEET]
    headers = form.header_codes()
    rows = list(sheet.iter_rows(min_row=1, values_only=True))
    header_at = next((i for i, r in enumerate(rows[:20]) if r and form.normalised(r[0]) in headers
                      and headers[form.normalised(r[0])] == "task_id"), None)
    if header_at is None:
        problems.append(_problem("status_not_a_form", value=""))
        return result
    where: dict[str, int] = {}
    for index, cell in enumerate(rows[header_at]):
        code = headers.get(form.normalised(cell))
        if code and code not in where:
            where[code] = index
    missing = [code for code, _, _ in form.COLUMNS if code not in where]
    if missing:
        for code in missing:
            key = dict((c, k) for c, k, _ in form.COLUMNS)[code]
            problems.append(_problem("status_missing_column", row=header_at + 1, value="",
                                     header=_header_vi(key)))
        return result
    letters = {code: f"{_letter(index)} ({_text(rows[header_at][index])})" for code, index in where.items()}
    known = {tid: (form.normalised(text), _agencies(lead, impl)) for tid, text, lead, impl in zip(
        plan_tasks["task_id"], plan_tasks["task"], plan_tasks["lead_agency"], plan_tasks["implementing_agencies"],
        strict=True)}
    agency_key = form.normalised(result.agency)
    statuses = form.status_codes()
    allowed = ", ".join(form.status_label(c, "vi") for c in form.STATUSES)
    seen: dict[str, int] = {}
    out: list[dict[str, object]] = []
    for offset, raw in enumerate(rows[header_at + 1:], start=header_at + 2):
        def cell(code: str, raw: tuple[Any, ...] = raw) -> Any:
            index = where[code]
            return raw[index] if index < len(raw) else None

        task_id = _text(cell("task_id"))
        filled = {code: _text(cell(code)) for code in ("status", "reason", "note", "evidence")}
        if not task_id and not any(filled.values()) and cell("reported_on") is None:
            continue
        if not task_id:
            problems.append(_problem("status_no_task_id", offset, letters["task_id"]))
            continue
        if task_id not in known:
            problems.append(_problem("status_unknown_task", offset, letters["task_id"], task_id,
                                     plan=result.plan_id))
            continue
        text, roles = known[task_id]
        if agency_key not in roles:
            problems.append(_problem("status_other_agency", offset, letters["task_id"], task_id,
                                     agency=result.agency))
            continue
        if form.normalised(cell("task")) != text:
            problems.append(_problem("status_task_edited", offset, letters["task"], _text(cell("task"))[:60],
                                     task_id=task_id))
        if task_id in seen:
            problems.append(_problem("status_duplicate_task", offset, letters["task_id"], task_id,
                                     first=seen[task_id]))
            continue
        seen[task_id] = offset
        if not filled["status"]:
            if any(filled.values()) or cell("reported_on") is not None:
                problems.append(_problem("status_status_missing", offset, letters["status"], "",
                                         allowed=allowed))
            continue
        status = statuses.get(form.normalised(filled["status"]))
        if status is None:
            problems.append(_problem("status_bad_status", offset, letters["status"], filled["status"],
                                     allowed=allowed))
            continue
        if status in form.NEEDS_REASON and not filled["reason"]:
            problems.append(_problem("status_reason_missing", offset, letters["reason"], "",
                                     status=form.status_label(status, "vi")))
        reported = _date(cell("reported_on"))
        if reported == "bad":
            problems.append(_problem("status_bad_date", offset, letters["reported_on"], cell("reported_on")))
            continue
        if reported is None:
            problems.append(_problem("status_date_assumed", offset, letters["reported_on"], "",
                                     date=today.strftime("%d/%m/%Y")))
            reported = today
        elif reported > today:  # type: ignore[operator]
            problems.append(_problem("status_future_date", offset, letters["reported_on"],
                                     reported.strftime("%d/%m/%Y"), today=today.strftime("%d/%m/%Y")))  # type: ignore[union-attr]
            continue
        out.append({"task_id": task_id, "plan_id": result.plan_id, "status": status,
                    "reason": filled["reason"] or None, "note": filled["note"] or None,
                    "evidence": filled["evidence"] or None, "reported_on": reported,
                    "role": roles[agency_key], "sheet_row": offset})
    if not out and not result.errors:
        problems.append(_problem("status_empty_form", value=result.agency))
    result.reports = pd.DataFrame(out, columns=REPORT_COLUMNS)
    return result


def _letter(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header_vi(key: str) -> str:
    from lib.domain import i18n

    return i18n.t(key, "vi")


def _read_bounded(data: bytes, file_name: str, tasks: pd.DataFrame, today: dt.date) -> FormCheck:
    result = read_form(data, file_name, tasks, today)
    result.data = b""  # the parent has the bytes
    return result


def check_form(data: bytes, file_name: str, tasks: pd.DataFrame, today: dt.date | None = None,
               seconds: float = limits.PARSE_SECONDS, memory: int = limits.PARSE_MEMORY_BYTES) -> FormCheck:
    """`read_form` in a bounded child process (`lib.ingest.sandbox`). Never raises."""
    today = today or dt.date.today()
    tasks = tasks.reindex(columns=TASK_COLUMNS)
    if len(data) > readers.MAX_UPLOAD_BYTES or not data.startswith(b"PK\x03\x04"):
        return read_form(data, file_name, tasks, today)  # refused before any parsing
    try:
        outcome = sandbox.run(_read_bounded, data, file_name, tasks, today, seconds=seconds, memory=memory)
    except OSError as error:
        outcome = sandbox.Outcome(error=f"{type(error).__name__}: {error}")
    if outcome.value is not None:
        result: FormCheck = outcome.value
        result.data = data
        return result
    result = FormCheck(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data)
    if outcome.exceeded is not None:
        issue = readers.limit_issue(outcome.exceeded)
        result.problems = [Problem(SEVERITY[issue.code], issue.code, issue.sheet, None, "", issue.value,
                                   tuple(issue.params.items()))]
    else:
        result.problems = [_problem("status_unreadable", sheet="", value=outcome.error[:120])]
    return result


def _read_many(files: list[tuple[str, bytes]], tasks: pd.DataFrame, today: dt.date) -> list[FormCheck]:
    return [_read_bounded(data, name, tasks, today) for name, data in files]


def _check_together(files: list[tuple[str, bytes]], tasks: pd.DataFrame, today: dt.date) -> list[FormCheck] | None:
    """Read every file in one bounded child (one start-up, not one per file); None when it hit a bound."""
    readable = [(name, data) for name, data in files
                if len(data) <= readers.MAX_UPLOAD_BYTES and data.startswith(b"PK\x03\x04")]
    if len(readable) != len(files) or len(files) < 2:
        return None
    try:
        outcome = sandbox.run(_read_many, files, tasks, today)
    except OSError:
        return None
    if outcome.value is None:
        return None
    for result, (_, data) in zip(outcome.value, files, strict=True):
        result.data = data
    return list(outcome.value)


def check_forms(files: list[tuple[str, bytes]], tasks: pd.DataFrame, today: dt.date | None = None,
                bounded: bool = True) -> list[FormCheck]:
    """Check several filled forms; a second form of the same agency and plan is refused, located.

    Bounded: the files are read together in one child process bounded in time and memory (each file's zip
    is checked against the workbook bounds first); if that child hits a bound, each file is read again in
    a child of its own, so the problem is reported on the file that caused it.
    """
    today = today or dt.date.today()
    known = tasks.reindex(columns=TASK_COLUMNS)
    results = _check_together(files, known, today) if bounded else None
    if results is None:  # unbounded, or the batch hit a bound: each file alone, so the one at fault is named
        reader = check_form if bounded else read_form
        results = [reader(data, name, known, today) for name, data in files]
    first: dict[tuple[str, str], str] = {}
    for result in results:
        if not result.agency:
            continue
        key = (result.plan_id, form.normalised(result.agency))
        if key in first:
            result.problems.append(_problem("status_agency_twice", sheet="", value=result.agency,
                                            other=first[key]))
        else:
            first[key] = result.file_name
    return results
