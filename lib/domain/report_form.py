"""The agencies' report form: its layout, the five statuses, and the writer of one form per agency.

A form is an .xlsx workbook with two sheets:

- "Báo cáo" (visible): a title, the plan, how to fill it, then one row per task of
  the agency (as lead or implementer) in the plan's order.  The columns up to the
  deadline describe the task and are locked (the sheet is protected without a
  password, so a slip cannot change them); the columns from `Trạng thái` on are
  for the agency to fill.  `Trạng thái` has a drop-down list of the five
  statuses and `Ngày báo cáo` accepts dates only.
- "meta" (hidden): the plan id, the agency and the form's version, which the
  reader (`lib.ingest.report_forms`) uses to know whose form it is.

The layout lives here, in the domain layer, because both the reader (ingest) and
the writers (the store's command line and the app) need it; it imports nothing
of ours but the catalogue.  Headers and status names are Vietnamese in the
form (the agencies' language); the reader also accepts the English ones.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping

from lib.domain import i18n
from lib.domain.spreadsheets import ILLEGAL_CHARACTERS_RE, neutralise_formula

FORM_VERSION = "1"
SHEET = "Báo cáo"
META_SHEET = "meta"
HEADER_ROW = 5  # rows 1-4: title, plan, how to fill, blank
FIRST_ROW = HEADER_ROW + 1

# Stable status codes, in the order of the drop-down list; labels are the catalogue's `st_status_<code>`.
STATUSES = ("not_started", "in_progress", "done", "partly_done", "not_done")
NEEDS_REASON = ("not_done",)

# (column code, catalogue key of its header, width); the first five are the task, locked.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("task_id", "st_form_col_task_id", 18),
    ("section", "st_form_col_section", 10),
    ("task", "st_form_col_task", 60),
    ("role", "st_form_col_role", 12),
    ("deadline", "st_form_col_deadline", 14),
    ("status", "st_form_col_status", 20),
    ("reason", "st_form_col_reason", 30),
    ("note", "st_form_col_note", 40),
    ("evidence", "st_form_col_evidence", 30),
    ("reported_on", "st_form_col_reported_on", 16),
)
LOCKED = ("task_id", "section", "task", "role", "deadline")
FILLED = ("status", "reason", "note", "evidence", "reported_on")


def column_letter(code: str) -> str:
    """The Excel column of a form column: task_id -> A, status -> F."""
    return chr(ord("A") + [c for c, _, _ in COLUMNS].index(code))


def status_label(code: str, lang: str = "vi") -> str:
    return i18n.t(f"st_status_{code}", lang)


def normalised(text: object) -> str:
    """NFC, lower case, single spaces, no formula guard: how two texts of a form are compared."""
    value = unicodedata.normalize("NFC", "" if text is None else str(text))
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("'"):
        value = value[1:]
    return re.sub(r"\s+", " ", value).strip().casefold()


def status_codes() -> dict[str, str]:
    """{normalised label in either language, or the code itself: code} for reading a status cell."""
    known: dict[str, str] = {}
    for code in STATUSES:
        known[normalised(code)] = code
        for lang in i18n.LANGUAGES:
            known[normalised(status_label(code, lang))] = code
    return known


def header_codes() -> dict[str, str]:
    """{normalised header in either language: column code}."""
    return {normalised(i18n.t(key, lang)): code for code, key, _ in COLUMNS for lang in i18n.LANGUAGES}


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(agency: str, plan_id: str) -> str:
    """A safe file name for an agency's form: the agency's name as written (Vietnamese kept), then the plan."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", agency)).strip(" ._") or "agency"
    plan = _UNSAFE.sub("_", plan_id).strip(" ._")
    return f"{name[:100]} - {plan}.xlsx"


def _cell_text(value: object) -> object:
    if isinstance(value, str):  # never a formula (the house rule, `spreadsheets`): the reader drops the "'"
        return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def write_form(plan: Mapping[str, object], agency: str, tasks: Iterable[Mapping[str, object]],
               lang: str = "vi") -> bytes:
    """Return the .xlsx form of `agency` for `plan` (plan_id, title, province, plan_year).

    `tasks` are the agency's tasks in the plan's order, each with task_id, plan_section,
    task, role ('lead' or 'implementing'), deadline (as written) and deadline_date.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    t = i18n.t
    sheet["A1"] = _cell_text(t("st_form_title", lang, agency=agency))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = _cell_text(t("st_form_plan", lang, title=plan.get("title") or "", plan_id=plan["plan_id"],
                               province=plan.get("province") or "", year=plan.get("plan_year") or ""))
    statuses = [status_label(code, "vi") for code in STATUSES]
    sheet["A3"] = t("st_form_help", lang, statuses=", ".join(statuses))
    sheet["A3"].alignment = Alignment(wrap_text=False)
    fill = PatternFill("solid", fgColor="FFF2CC")
    head = PatternFill("solid", fgColor="D9E1F2")
    for index, (code, key, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=t(key, lang))
        cell.font = Font(bold=True)
        cell.fill = head
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(code)].width = width
    row = FIRST_ROW
    for task in tasks:
        deadline = task.get("deadline") or ""
        if not deadline and task.get("deadline_date") is not None:
            value = task["deadline_date"]
            deadline = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
        values = {
            "task_id": task["task_id"], "section": task.get("plan_section") or "", "task": task.get("task") or "",
            "role": t(f"st_role_{task.get('role', 'lead')}", lang), "deadline": deadline,
        }
        for index, (code, _, _) in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=row, column=index, value=_cell_text(values.get(code)))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if code in FILLED:
                cell.protection = Protection(locked=False)
                cell.fill = fill
            if code == "reported_on":
                cell.number_format = "DD/MM/YYYY"
        row += 1
    last = max(row - 1, FIRST_ROW)
    choices = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle=t("st_form_col_status", lang),
                             error=t("st_form_status_error", lang))
    choices.add(f"{column_letter('status')}{FIRST_ROW}:{column_letter('status')}{last}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                           showErrorMessage=True, errorTitle=t("st_form_col_reported_on", lang),
                           error=t("st_form_date_error", lang))
    dates.add(f"{column_letter('reported_on')}{FIRST_ROW}:{column_letter('reported_on')}{last}")
    sheet.add_data_validation(choices)
    sheet.add_data_validation(dates)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.protection.sheet = True  # no password: it guards against slips, not against the agency
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    meta = book.create_sheet(META_SHEET)
    for index, (name, value) in enumerate((("form_version", FORM_VERSION), ("plan_id", plan["plan_id"]),
                                           ("agency", agency)), start=1):
        meta.cell(row=index, column=1, value=name)
        meta.cell(row=index, column=2, value=_cell_text(str(value)))
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
