"""Task status for the pages: completion figures, the overdue list, who is behind, completion beside scores,
the preview of an upload and its problems, the history.  Pure functions from the frames of
`lib.store.status_queries` (and `lib.store.status`) to texts and display tables; no Streamlit.

A task never reported is "not reported" (its own count), never "not started"; an agency
nothing is known of has no completion (shown as missing, sorted last), never 0 %.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
from pandas.io.formats.style import Styler

from lib.domain import i18n
from lib.domain.report_form import STATUSES
from lib.ingest import validate
from lib.present import tables
from lib.present.formatting import dimension_title, name_column
from lib.store import importer, queries, status_queries

# Display order: best first.
ORDER = ("done", "partly_done", "in_progress", "not_started", "not_done", None)


def status_label(code: object, lang: str) -> str:
    """The status's label in `lang`, capitalised; a task with no report is "Chưa báo cáo"."""
    if not isinstance(code, str) or code not in STATUSES:
        text = i18n.t("st_status_none", lang)
    else:
        text = i18n.t(f"st_status_{code}", lang)
    return text[:1].upper() + text[1:]


def date_text(value: object, lang: str) -> str:
    """A date as 15/06/2020 (vi) or 2020-06-15 (en); "—" when missing."""
    if value is None or value is pd.NaT or (not isinstance(value, dt.date) and pd.isna(value)):  # type: ignore[arg-type]
        return "—"
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if pd.isna(stamp):
        return "—"
    day = stamp.date()
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def percent(value: object, lang: str) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return "—"
    text = f"{100 * float(value):.0f} %"  # type: ignore[arg-type]
    return text if lang == "vi" else text.replace(" %", "%")


def has_reports(completion: pd.DataFrame) -> bool:
    """True when some task of the plan has a report on the date asked."""
    return not completion.empty and int(completion.iloc[0]["reports"]) > 0


def completion_metrics(completion: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, help) for the plan's completion metrics: done, in progress (incl. partly done),
    not started, not reported, overdue, and the share done."""
    row = completion.iloc[0]
    tasks = int(row["tasks"])
    in_progress = int(row["in_progress"]) + int(row["partly_done"])
    return [
        (i18n.t("st_metric_done", lang), f"{int(row['done'])}/{tasks}", percent(row["done"] / tasks if tasks else None,
                                                                                lang)),
        (i18n.t("st_metric_in_progress", lang), str(in_progress),
         i18n.t("st_metric_in_progress_help", lang, partly=int(row["partly_done"]))),
        (i18n.t("st_metric_not_started", lang), str(int(row["not_started"]) + int(row["not_done"])),
         i18n.t("st_metric_not_started_help", lang, not_done=int(row["not_done"]))),
        (i18n.t("st_metric_unreported", lang), str(int(row["unreported"])), i18n.t("st_metric_unreported_help", lang)),
        (i18n.t("st_metric_overdue", lang), str(int(row["overdue"])), i18n.t("st_metric_overdue_help", lang)),
    ]


def reporting_caption(completion: pd.DataFrame, as_of: dt.date, lang: str) -> str:
    """"Latest report 15/06/2020; status as of 01/12/2026." or that no report exists yet."""
    if not has_reports(completion):
        return i18n.t("st_no_reports", lang)
    row = completion.iloc[0]
    return i18n.t("st_reporting_caption", lang, date=date_text(row["reporting_date"], lang),
                  as_of=date_text(as_of, lang), reports=int(row["reports"]))


def _due_source(source: object, lang: str) -> str:
    return i18n.t(f"st_due_{source}", lang)


def overdue_table(status: pd.DataFrame, as_of: dt.date, lang: str) -> pd.DataFrame:
    """The overdue tasks, latest first by days late: id, task, lead agency, deadline (and whose), days late,
    status, last report date, note."""
    frame = status[status["overdue"].astype(bool)].copy()
    due = pd.to_datetime(frame["due_date"])
    frame["days_late"] = (pd.Timestamp(as_of) - due).dt.days
    frame = frame.sort_values(["days_late", "source_line"], ascending=[False, True])
    t = i18n.t
    return pd.DataFrame({
        t("st_col_task_id", lang): frame["task_id"].astype(str),
        t("st_col_task", lang): frame["task"].astype(str),
        t("st_col_lead", lang): frame["lead_agency"].fillna("—").astype(str).str.replace(";", "; "),
        t("st_col_due", lang): [date_text(d, lang) for d in frame["due_date"]],
        t("st_col_due_source", lang): [_due_source(s, lang) for s in frame["due_source"]],
        t("st_col_days_late", lang): frame["days_late"].astype("int64"),
        t("st_col_status", lang): [status_label(s, lang) for s in frame["status"]],
        t("st_col_reported_on", lang): [date_text(d, lang) for d in frame["reported_on"]],
        t("st_col_note", lang): frame["note"].fillna("").astype(str),
    }).reset_index(drop=True)


def agency_table(agencies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Who is behind: per agency its tasks, how they stand, overdue, completion (missing when nothing is
    known: never 0 %), whether it sent a report and when last.  Numbers stay numbers (sortable)."""
    t = i18n.t
    return pd.DataFrame({
        t("st_col_agency", lang): agencies["agency"].astype(str),
        t("st_col_tasks", lang): agencies["tasks"].astype("int64"),
        t("st_col_led", lang): agencies["led"].astype("int64"),
        t("st_col_overdue", lang): agencies["overdue"].astype("int64"),
        t("st_col_overdue_led", lang): agencies["overdue_led"].astype("int64"),
        t("st_col_completion", lang): (100 * agencies["completion"]).astype("Float64").round(0),
        t("st_col_done", lang): agencies["done"].astype("int64"),
        t("st_col_in_progress", lang): (agencies["in_progress"] + agencies["partly_done"]).astype("int64"),
        t("st_col_not_started", lang): (agencies["not_started"] + agencies["not_done"]).astype("int64"),
        t("st_col_unreported", lang): agencies["unreported"].astype("int64"),
        t("st_col_sent", lang): [t("st_sent_yes", lang) if s else t("st_sent_never", lang)
                                 for s in agencies["sent_report"]],
        t("st_col_last_report", lang): [date_text(d, lang) for d in agencies["last_report"]],
    })


def styled(frame: pd.DataFrame, lang: str) -> Styler:
    """`tables.styled` with whole percentages for completion and two decimals for scores ("—" when missing)."""
    return tables.styled(frame, lang, digits=2, per_column={i18n.t("st_col_completion", lang): 0})


def _counts(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=[key, "tasks", "done", "overdue", "unreported"])
    # One vectorised pass (a Python function per group costs milliseconds on every page run).
    flags = pd.DataFrame({
        key: frame[key],
        "done": frame["status"].eq("done").fillna(False).astype("int64"),
        "overdue": frame["overdue"].astype(bool).astype("int64"),
        "unreported": frame["status"].isna().astype("int64"),
    })
    return flags.groupby(key, dropna=False).agg(
        tasks=("done", "size"), done=("done", "sum"), overdue=("overdue", "sum"), unreported=("unreported", "sum"),
    ).reset_index()


def dimension_completion(status: pd.DataFrame) -> pd.DataFrame:
    """Per dimension of the plan's tasks: tasks, done, overdue, unreported, completion (done / tasks;
    missing when none of its tasks was reported).  Tasks with no dimension are dimension NA."""
    out = _counts(status, "dimension")
    out["completion"] = (out["done"] / out["tasks"]).where(out["unreported"] < out["tasks"])
    return out


def subdimension_completion(status: pd.DataFrame) -> pd.DataFrame:
    """Per sub-dimension key (a task counts for each key it is mapped to): as `dimension_completion`."""
    rows = status.assign(key=status["papi_subdimensions"].fillna("").str.split(";")).explode("key")
    rows["key"] = rows["key"].str.strip()
    rows = rows[rows["key"] != ""]
    out = _counts(rows, "key")
    out["completion"] = (out["done"] / out["tasks"]).where(out["unreported"] < out["tasks"])
    return out


def dimension_table(profile: pd.DataFrame, completion: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each dimension's score beside its tasks' completion (`queries.dimension_profile` + `dimension_completion`)."""
    merged = profile[["dimension", "score"]].merge(completion, on="dimension", how="left")
    return _completion_columns(merged, [dimension_title(int(d), lang) for d in merged["dimension"]],
                               i18n.t("st_col_dimension", lang), lang)


def subdimension_table(subprofile: pd.DataFrame, completion: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each sub-dimension's score beside its tasks' completion (`queries.subdimension_profile`)."""
    merged = subprofile[["dimension", "subdimension", "key", name_column(lang), "score"]].merge(
        completion, on="key", how="left")
    names = [f"{int(d)}.{int(s)} {n}" for d, s, n in zip(merged["dimension"], merged["subdimension"],
                                                         merged[name_column(lang)], strict=True)]
    return _completion_columns(merged, names, i18n.t("st_col_subdimension", lang), lang)


def progress_tables(con: duckdb.DuckDBPyConnection, province: str, year: int, plan_id: str, as_of: dt.date,
                    lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Dimensions page's two progress tables (per dimension, per sub-dimension) of plan `plan_id` on
    `as_of`, beside `province`'s scores of `year`.

    Read and counted in one function so that the page caches the two small tables, not the task rows.
    """
    progress = status_queries.task_status(con, plan_id, as_of)
    dimensions = queries.dimension_profile(con, province, year, plan_id=plan_id)
    subdimensions = queries.subdimension_profile(con, province, year, plan_id=plan_id)
    return (dimension_table(dimensions, dimension_completion(progress), lang),
            subdimension_table(subdimensions, subdimension_completion(progress), lang))


def _completion_columns(merged: pd.DataFrame, names: list[str], label: str, lang: str) -> pd.DataFrame:
    t = i18n.t
    return pd.DataFrame({
        label: names,
        t("st_col_score", lang): merged["score"].astype("Float64"),
        t("st_col_tasks", lang): merged["tasks"].fillna(0).astype("int64"),
        t("st_col_done", lang): merged["done"].fillna(0).astype("int64"),
        t("st_col_overdue", lang): merged["overdue"].fillna(0).astype("int64"),
        t("st_col_unreported", lang): merged["unreported"].fillna(0).astype("int64"),
        t("st_col_completion", lang): (100 * merged["completion"]).astype("Float64").round(0),
    })


def concat(statuses: list[pd.DataFrame]) -> pd.DataFrame:
    """The task statuses of several plans (`status_queries.task_status` of each) as one frame."""
    frames = [frame for frame in statuses if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else statuses[0]


def task_columns(tasks: pd.DataFrame, status: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Tasks page's frame with each task's status (code and label), deadline, overdue and last note."""
    keep = status[["task_id", "status", "due_date", "overdue", "note"]]
    out = tasks.merge(keep, on="task_id", how="left")
    out["status_label"] = [status_label(s, lang) for s in out["status"]]
    out["due_text"] = [date_text(d, lang) for d in out["due_date"]]
    out["overdue"] = out["overdue"].astype("boolean").fillna(False).astype(bool)
    out["note"] = out["note"].fillna("").astype(str)
    return out


# --- upload: problems, preview, history ---


def problems_table(checks: list, lang: str) -> pd.DataFrame:  # list[report_forms.FormCheck]
    """Every problem of every checked form, with its file first."""
    frames = []
    for check in checks:
        if not check.problems:
            continue
        frame = validate.problems_frame(check.problems, lang)
        frame.insert(0, i18n.t("st_col_file", lang), check.file_name)
        frames.append(frame)
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def preview_table(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per reported task: the form it came from, old -> new status and date, what the change is."""
    t = i18n.t
    return pd.DataFrame({
        t("st_col_task_id", lang): changes["task_id"].astype(str),
        t("st_col_agency", lang): changes["agency"].fillna("—").astype(str),
        t("st_col_old", lang): [f"{status_label(s, lang)} ({date_text(d, lang)})" if isinstance(s, str)
                                else status_label(None, lang)
                                for s, d in zip(changes["old_status"], changes["old_reported_on"], strict=True)],
        t("st_col_new", lang): [f"{status_label(s, lang)} ({date_text(d, lang)})"
                                for s, d in zip(changes["new_status"], changes["new_reported_on"], strict=True)],
        t("st_col_change", lang): [t(f"st_kind_{k}", lang) for k in changes["kind"]],
        t("st_col_note", lang): changes["note"].fillna("").astype(str),
    })


def history_table(history: pd.DataFrame, lang: str, with_users: bool) -> pd.DataFrame:
    """The status uploads and rollbacks, newest first (who only for editors)."""
    t = i18n.t
    notes = importer.rollback_notes(history, lang)
    frame = pd.DataFrame({
        t("up_col_id", lang): history["id"].astype("int64"),
        t("up_col_action", lang): [t(f"st_action_{a}", lang) for a in history["action"]],
        t("up_col_user", lang): history["user_name"].astype(str),
        t("up_col_time", lang): pd.to_datetime(history["committed_at"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
        t("up_col_file", lang): history["file_names"].fillna("—").astype(str),
        t("st_col_reports", lang): history["reports"].astype("int64"),
        t("up_col_status", lang): [t(f"up_status_{s}", lang) for s in history["status"]],
        t("up_col_note", lang): notes,
    })
    return frame if with_users else frame.drop(columns=[t("up_col_user", lang)])


def task_history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every report on one task, newest first; a rolled-back one says so."""
    t = i18n.t
    return pd.DataFrame({
        t("st_col_reported_on", lang): [date_text(d, lang) for d in history["reported_on"]],
        t("st_col_status", lang): [status_label(s, lang) for s in history["status"]],
        t("st_col_reason", lang): history["reason"].fillna("").astype(str),
        t("st_col_note", lang): history["note"].fillna("").astype(str),
        t("st_col_evidence", lang): history["evidence"].fillna("").astype(str),
        t("st_col_due", lang): [date_text(d, lang) for d in history["deadline_override"]],
        t("st_col_agency", lang): history["agency"].fillna("—").astype(str),
        t("up_col_user", lang): history["user_name"].astype(str),
        t("up_col_file", lang): history["file_name"].fillna("—").astype(str),
        t("up_col_status", lang): [t("up_status_active" if a else "up_status_rolled_back", lang)
                                   for a in history["active"]],
    })
