"""Typed queries on task status: each takes the connection and plain values and returns a DataFrame.

A task's status on a date is its latest report (by report date, then by the order
reports were recorded) on or before that date, among the reports of uploads not
rolled back.  Its deadline is the latest deadline an editor set, else the plan's
(`deadline_date`), else the last day of the plan's year (an annual plan's task is
due within its year; `due_source` says which).  Overdue is derived: the deadline
is before the reporting date and the status is not `done`.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

STATUS_CODES = ("not_started", "in_progress", "done", "partly_done", "not_done")


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()


_ACTIVE = """
    active AS (
        SELECT r.* FROM status_reports r JOIN status_uploads u ON u.id = r.upload_id
        WHERE u.status = 'active' AND r.plan_id = ? AND r.reported_on <= ?
    ), latest AS (
        SELECT * FROM active
        QUALIFY row_number() OVER (PARTITION BY task_id ORDER BY reported_on DESC, report_id DESC) = 1
    ), override AS (
        SELECT task_id, arg_max(deadline_override, report_id) AS deadline_override
        FROM active WHERE deadline_override IS NOT NULL GROUP BY task_id
    ), task_status AS (
        SELECT t.task_id, t.plan_id, t.plan_year, t.dimension, t.plan_section, t.plan_section_title,
               t.papi_subdimensions, t.task, t.lead_agency, t.implementing_agencies, t.deadline, t.deadline_date,
               t.source_line, l.status, l.reason, l.note, l.evidence, l.reported_on, l.agency AS reported_by,
               l.user_name, l.recorded_at, l.file_name, l.report_id, o.deadline_override,
               coalesce(o.deadline_override, t.deadline_date, make_date(t.plan_year, 12, 31)) AS due_date,
               CASE WHEN o.deadline_override IS NOT NULL THEN 'editor'
                    WHEN t.deadline_date IS NOT NULL THEN 'plan' ELSE 'plan_year' END AS due_source
        FROM tasks t LEFT JOIN latest l USING (task_id) LEFT JOIN override o USING (task_id)
        WHERE t.plan_id = ?
    )
"""


def _as_of(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def task_status(con: duckdb.DuckDBPyConnection, plan_id: str | None, as_of: dt.date | None = None) -> pd.DataFrame:
    """Every task of `plan_id` with its status on `as_of` (today by default), in the plan's order.

    Columns: the task's (task_id, plan_id, plan_year, dimension, plan_section, plan_section_title,
    papi_subdimensions, task, lead_agency, implementing_agencies, deadline, deadline_date, source_line),
    its latest report (status — NULL when never reported —, reason, note, evidence, reported_on,
    reported_by, user_name, recorded_at, file_name, report_id), deadline_override, due_date,
    due_source ('editor', 'plan', 'plan_year') and overdue.
    """
    day = _as_of(as_of)
    return _frame(
        con,
        "WITH " + _ACTIVE + """
        SELECT *, (due_date < ? AND coalesce(status, '') <> 'done') AS overdue
        FROM task_status ORDER BY source_line NULLS LAST, task_id
        """,
        [plan_id, day, plan_id, day],
    )


def completion(con: duckdb.DuckDBPyConnection, plan_id: str | None, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row on the plan on `as_of`: tasks, a count per status, unreported, overdue, reports and the
    reporting date (the latest report's date; NULL when no task has a report)."""
    day = _as_of(as_of)
    counts = ", ".join(f"count(*) FILTER (WHERE status = '{code}') AS {code}" for code in STATUS_CODES)
    return _frame(
        con,
        "WITH " + _ACTIVE + f"""
        SELECT count(*) AS tasks, {counts},
               count(*) FILTER (WHERE status IS NULL) AS unreported,
               count(*) FILTER (WHERE due_date < ? AND coalesce(status, '') <> 'done') AS overdue,
               max(reported_on) AS reporting_date,
               (SELECT count(*) FROM active) AS reports
        FROM task_status
        """,
        [plan_id, day, plan_id, day],
    )


def agency_completion(con: duckdb.DuckDBPyConnection, plan_id: str | None,
                      as_of: dt.date | None = None) -> pd.DataFrame:
    """Per agency of the plan (as lead or implementer): tasks, led, a count per status of its tasks,
    unreported, overdue, overdue_led, sent_report (did the agency itself send a report), reported (it did,
    or some task of it has a status), last_report, and completion (done / tasks; NULL when nothing is
    known of its tasks: an agency that never reported is not 0%).  Most overdue first."""
    day = _as_of(as_of)
    counts = ", ".join(f"count(DISTINCT s.task_id) FILTER (WHERE s.status = '{code}') AS {code}"
                       for code in STATUS_CODES)
    return _frame(
        con,
        "WITH " + _ACTIVE + f""",
        sent AS (SELECT agency, max(reported_on) AS last_report, count(*) AS reports FROM active GROUP BY agency)
        SELECT a.agency, count(DISTINCT s.task_id) AS tasks,
               count(DISTINCT s.task_id) FILTER (WHERE a.role = 'lead') AS led, {counts},
               count(DISTINCT s.task_id) FILTER (WHERE s.status IS NULL) AS unreported,
               count(DISTINCT s.task_id) FILTER (WHERE s.due_date < ? AND coalesce(s.status, '') <> 'done')
                   AS overdue,
               count(DISTINCT s.task_id) FILTER (WHERE a.role = 'lead' AND s.due_date < ?
                                                 AND coalesce(s.status, '') <> 'done') AS overdue_led,
               any_value(sent.last_report) IS NOT NULL AS sent_report,
               any_value(sent.last_report) IS NOT NULL OR count(s.status) > 0 AS reported,
               any_value(sent.last_report) AS last_report
        FROM task_agencies a JOIN task_status s USING (task_id)
        LEFT JOIN sent ON sent.agency = a.agency
        GROUP BY a.agency
        """,
        [plan_id, day, plan_id, day, day],
    ).assign(completion=lambda f: (f["done"] / f["tasks"]).where(f["reported"]))\
        .sort_values(["overdue", "tasks", "agency"], ascending=[False, False, True], ignore_index=True)


def agency_form_tasks(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Every (agency, task) of the plan, for the report forms: agency, role ('lead' wins over
    'implementing'), task_id, plan_section, task, deadline, deadline_date; the plan's order per agency."""
    return _frame(
        con,
        """
        SELECT a.agency, min(a.role) AS role, t.task_id, any_value(t.plan_section) AS plan_section,
               any_value(t.task) AS task, any_value(t.deadline) AS deadline,
               any_value(t.deadline_date) AS deadline_date, any_value(t.source_line) AS source_line
        FROM task_agencies a JOIN tasks t USING (task_id)
        WHERE t.plan_id = ?
        GROUP BY a.agency, t.task_id
        ORDER BY a.agency, source_line NULLS LAST, t.task_id
        """,
        [plan_id],
    )


def plan_row(con: duckdb.DuckDBPyConnection, plan_id: str) -> dict[str, object] | None:
    """The plan's row of `plans` as a dict, or None."""
    frame = _frame(con, "SELECT * FROM plans WHERE plan_id = ?", [plan_id])
    return None if frame.empty else frame.iloc[0].to_dict()


def find_plan(con: duckdb.DuckDBPyConnection, province: str, plan_year: int) -> pd.DataFrame:
    """The plans of a province (its Vietnamese name or code, either era) and year."""
    return _frame(
        con,
        "SELECT * FROM plans WHERE plan_year = ? AND (lower(province) = lower(?) OR province_code = ?) "
        "ORDER BY plan_id",
        [plan_year, province.strip(), province.strip()],
    )


def known_tasks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What a report form is checked against: task_id, plan_id, task, lead_agency, implementing_agencies."""
    return _frame(con, "SELECT task_id, plan_id, task, lead_agency, implementing_agencies FROM tasks")


def task_history(con: duckdb.DuckDBPyConnection, task_id: str) -> pd.DataFrame:
    """Every report on a task, newest first, with whether its upload still counts (`active`)."""
    return _frame(
        con,
        """
        SELECT r.report_id, r.reported_on, r.status, r.reason, r.note, r.evidence, r.deadline_override,
               r.agency, r.user_name, r.recorded_at, r.file_name, r.upload_id, u.status = 'active' AS active
        FROM status_reports r JOIN status_uploads u ON u.id = r.upload_id
        WHERE r.task_id = ? ORDER BY r.reported_on DESC, r.report_id DESC
        """,
        [task_id],
    )


def status_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every status upload and rollback, newest first (no raw files)."""
    return _frame(
        con,
        "SELECT id, action, user_name, committed_at, file_names, reports, status, rolls_back, rolled_back_by "
        "FROM status_uploads ORDER BY id DESC",
    )
