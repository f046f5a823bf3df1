"""The plan preview of the Upload page, as tables with labels in the user's language.

The editable frames come from `lib.ingest.plan_review` (sections, tasks, agencies
the table does not know); this module gives their column labels, marks the
agency names the editor must look at, and words the columns taken and the
plan history.  No Streamlit here: the page builds its widgets from these.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from lib.domain.i18n import t
from lib.ingest import plan_review
from lib.store import importer

ROLES = ("number", "task", "lead", "implementing", "deadline", "output")
# Markers in front of an agency's status, so a new name stands out in the editor (which shows no colours);
# characters of the app's text font, not emoji (a browser without an emoji font shows those as boxes).
_STATUS_MARK = {"new": "●", "likely_alias": "≈", "run_together": "↔", "known": "✓"}
LEVELS = ("province", "district", "commune", "other")


def labels(lang: str) -> dict[str, str]:
    """Column labels of the three editable frames, by column name."""
    keys = {
        "section": "ps_col_section", "title": "ps_col_title", "number": "ps_col_number", "task": "ps_col_task",
        "lead_agencies": "ps_col_lead", "implementing_agencies": "ps_col_implementing",
        "deadline": "ps_col_deadline", "deadline_date": "ps_col_deadline_date", "output": "ps_col_output",
        "dimension": "ps_col_dimension", "papi_keys": "ps_col_keys", "confidence": "ps_col_confidence",
        "evidence": "ps_col_evidence", "written": "ps_col_written", "status": "ps_col_status",
        "closest": "ps_col_closest", "similarity": "ps_col_similarity", "level": "ps_col_level",
        "tasks": "ps_col_tasks", "name": "ps_col_name", "position": "ps_col_position",
    }
    return {column: t(key, lang) for column, key in keys.items()}


def columns_table(columns: dict[str, dict[str, Any]], lang: str) -> pd.DataFrame:
    """Which column of the document was taken for what: role, header as written, table, column number."""
    rows = [{
        t("ps_col_role", lang): t(f"ps_role_{role}", lang),
        t("ps_col_header", lang): str(where.get("header", "")),
        t("ps_col_table", lang): int(where.get("table", 0) or 0),
        t("ps_col_column", lang): int(where.get("column", 0) or 0),
    } for role, where in columns.items() if role in ROLES]
    return pd.DataFrame(rows, columns=[t("ps_col_role", lang), t("ps_col_header", lang), t("ps_col_table", lang),
                                       t("ps_col_column", lang)])


def missing_roles(columns: dict[str, dict[str, Any]], lang: str) -> list[str]:
    """The roles no column was found for (deadline and output are optional; the check refuses without task or
    agency columns)."""
    return [t(f"ps_role_{role}", lang) for role in ROLES if role not in columns]


def status_label(status: str, closest: str, lang: str) -> str:
    """A marked status: "● new name", "≈ probably: <closest>", "↔ run together with another name"."""
    mark = _STATUS_MARK.get(status, "")
    if status == "likely_alias" and closest:
        return f"{mark} {t('ps_status_likely_alias_of', lang, closest=closest)}"
    return f"{mark} {t(f'ps_status_{status}', lang)}"


def agencies_editor_frame(check: Any, lang: str) -> pd.DataFrame:
    """The unknown agency names with a marked, worded status: the frame the page's agency editor shows."""
    frame = plan_review.agencies_frame(check)
    frame["status"] = [status_label(s, c, lang) for s, c in zip(frame["status"], frame["closest"], strict=True)]
    frame["level"] = [t(f"ps_level_{v}", lang) if v in LEVELS else v for v in frame["level"]]
    return frame


def counts(check: Any) -> dict[str, int]:
    """Tasks, sections, unknown agency names, tasks linked to no dimension, tasks with a deadline read as a date."""
    tasks = check.tasks
    return {
        "tasks": len(tasks),
        "sections": int(tasks["section"].nunique()) if len(tasks) else 0,
        "new_agencies": len(plan_review.agencies_frame(check)),
        "unmapped": int(sum(1 for d in tasks["dimension"] if d is None or pd.isna(d))),
        "dated": int(sum(1 for d in tasks["deadline_date"] if isinstance(d, str) and d)),
    }


def history_table(frame: pd.DataFrame, lang: str, editor: bool) -> pd.DataFrame:
    """The plan history with labels in `lang`; who loaded a plan is shown to editors only."""
    notes = []
    rollbacks = importer.rollback_notes(frame, lang)
    for note, replaced in zip(rollbacks, frame["replaced"], strict=True):
        notes.append(note or (t(f"ps_replaced_{replaced}", lang) if isinstance(replaced, str) and replaced else ""))
    table = pd.DataFrame({
        t("up_col_id", lang): frame["id"].astype("int64"),
        t("up_col_action", lang): [t(f"ps_action_{a}", lang) for a in frame["action"]],
        t("up_col_user", lang): frame["user_name"].astype(str),
        t("up_col_time", lang): pd.to_datetime(frame["committed_at"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
        t("up_col_file", lang): frame["file_name"].astype(str),
        t("up_col_sha", lang): frame["sha256"].fillna("").astype(str).str[:12],
        t("ps_col_plan", lang): [f"{p} ({y})" for p, y in zip(frame["province"], frame["plan_year"], strict=True)],
        t("ps_col_document", lang): frame["document"].astype(str),
        t("ps_col_tasks", lang): frame["tasks"].astype("int64"),
        t("up_col_status", lang): [t(f"up_status_{s}", lang) for s in frame["status"]],
        t("up_col_note", lang): notes,
    })
    if not editor:
        table = table.drop(columns=[t("up_col_user", lang)])
    return table
