"""Report forms as an agency fills them: open the downloaded workbook with openpyxl, type into cells, save.

The expected tasks of each agency are read from the committed `data/tasks.csv` (an
independent source), never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

import pandas as pd
from openpyxl import load_workbook

from lib.domain import paths

PLAN = "DLK-2020"
SHEET = "Báo cáo"
COLUMN = {"task_id": "A", "section": "B", "task": "C", "role": "D", "deadline": "E", "status": "F", "reason": "G",
          "note": "H", "evidence": "I", "reported_on": "J"}


def plan_tasks(plan_id: str = PLAN) -> pd.DataFrame:
    tasks = pd.read_csv(paths.TASKS_CSV, dtype=str)
    return tasks[tasks["plan_id"] == plan_id].reset_index(drop=True)


def agency_tasks(agency: str, plan_id: str = PLAN) -> list[str]:
    """The task ids the CSV assigns to `agency` (lead or implementing), in the plan's order."""
    tasks = plan_tasks(plan_id)
    tasks["line"] = tasks["source_line"].astype(int)
    hit = [
        agency in [a.strip() for a in f"{lead};{impl}".split(";")]
        for lead, impl in zip(tasks["lead_agency"].fillna(""), tasks["implementing_agencies"].fillna(""), strict=True)
    ]
    return list(tasks[hit].sort_values(["line", "task_id"])["task_id"])


def agencies(plan_id: str = PLAN) -> set[str]:
    tasks = plan_tasks(plan_id)
    names: set[str] = set()
    for cell in list(tasks["lead_agency"].fillna("")) + list(tasks["implementing_agencies"].fillna("")):
        names |= {a.strip() for a in cell.split(";") if a.strip()}
    return names


def row_of(form: bytes, task_id: str) -> int:
    """The sheet row of a task in a form."""
    sheet = load_workbook(io.BytesIO(form))[SHEET]
    for row in range(1, sheet.max_row + 1):
        if sheet[f"A{row}"].value == task_id:
            return row
    raise KeyError(task_id)


def fill(form: bytes, rows: Mapping[str, Mapping[str, object]], cells: Mapping[str, object] | None = None) -> bytes:
    """The form with, for each task id, its columns (status, reason, note, evidence, reported_on, or any other)
    typed in; `cells` writes raw cells ("A7": value) as a careless agency might."""
    book = load_workbook(io.BytesIO(form))
    sheet = book[SHEET]
    where = {sheet[f"A{r}"].value: r for r in range(1, sheet.max_row + 1)}
    for task_id, values in rows.items():
        row = where[task_id]
        for column, value in values.items():
            sheet[f"{COLUMN[column]}{row}"] = value
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def done(day: dt.date, note: str = "Đã xong") -> dict[str, object]:
    return {"status": "hoàn thành", "note": note, "evidence": "Số 12/BC-TTr", "reported_on": day}
