"""Task progress: the chosen plan's completion and overdue tasks for everyone; for editors, the agencies'
report forms out, filled forms in (check, preview, commit), one task's status, history and rollback."""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from lib.domain import i18n, report_form
from lib.domain.report_form import STATUSES
from lib.ingest import readers, sandbox
from lib.present import charts, charts_status, formatting
from lib.present import status_views as sv
from lib.store import status
from lib.store import status_queries as sq
from lib.ui import access, cache, grid, sidebar

selection = sidebar.sidebar_selection()
lang, plan_id = selection.lang, selection.plan_id
editor = access.current_editor()


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang, **values)


st.title(t("st_title"))
st.caption(t("st_intro"))
if plan_id is None:
    st.info(t("st_no_plan", province=formatting.markdown_safe(selection.province_name)))
    st.stop()

flash = st.session_state.pop("st_flash", None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])

today = dt.date.today()
as_of = st.columns([1, 2])[0].date_input(t("st_as_of"), value=today, max_value=today, key="st_as_of",
                                        format="DD/MM/YYYY", help=t("st_as_of_help"))
completion = cache.query(sq.completion, plan_id, as_of)
task_status = cache.query(sq.task_status, plan_id, as_of)
st.caption(t("st_plan_caption", plan=plan_id, tasks=int(completion.iloc[0]["tasks"])))

# --- Completion and overdue (everyone) ---
st.subheader(t("st_completion_header"))
if not sv.has_reports(completion):
    st.info(sv.reporting_caption(completion, as_of, lang))
else:
    st.caption(sv.reporting_caption(completion, as_of, lang))
row = st.container(horizontal=True, gap="medium")
for label, value, help_text in sv.completion_metrics(completion, lang):
    row.metric(label, value, help=help_text, width=150)
st.plotly_chart(cache.figure(charts_status.completion_figure, completion, lang), width="stretch",
                config=charts.PLOT_CONFIG, key="st_completion_chart")

overdue = sv.overdue_table(task_status, as_of, lang)
st.subheader(t("st_overdue_header", n=len(overdue)))
if overdue.empty:
    st.info(t("st_no_overdue"))
else:
    st.caption(t("st_overdue_note"))
    grid.dataframe(overdue, hide_index=True, width="stretch", key="st_overdue",
                 column_config={t("st_col_task"): st.column_config.TextColumn(width="large")})

behind = cache.query(sq.agency_completion, plan_id, as_of)
if not behind.empty:
    st.plotly_chart(cache.figure(charts_status.agency_completion_figure, behind, lang), width="stretch",
                    config=charts.PLOT_CONFIG, key="st_agencies_chart")
    st.page_link("pages/agencies.py", label=t("st_behind_header"), icon=":material/account_tree:")

# --- Editors: forms, upload, one task, history ---
st.divider()
if editor is None:
    st.info(t("st_editors_only"))
    st.page_link("pages/upload.py", label=t("st_sign_in_link"), icon=":material/login:")


def _commit() -> None:
    checks, seen, name = st.session_state.get("st_checks"), st.session_state.get("st_preview"), access.current_editor()
    if not checks or seen is None or name is None:
        return
    try:
        upload_id = status.commit(cache.conn(), checks, seen, name)
    except status.Refused as refusal:
        st.session_state["st_flash"] = ("error", refusal.message(lang))
        return
    st.session_state["st_flash"] = ("success", t("st_committed", id=upload_id, n=len(seen.reports)))
    st.session_state["st_round"] = st.session_state.get("st_round", 0) + 1
    st.session_state.pop("st_checks", None)


def _rollback() -> None:
    name, upload_id = access.current_editor(), st.session_state.get("st_rollback_id")
    if name is None or upload_id is None:
        return
    try:
        status.rollback(cache.conn(), int(upload_id), name)
    except status.Refused as refusal:
        st.session_state["st_flash"] = ("error", refusal.message(lang))
        return
    st.session_state["st_rollback_confirm"] = False
    st.session_state["st_flash"] = ("success", t("st_rolled_back", id=upload_id))


def _set_status() -> None:
    name, task = access.current_editor(), st.session_state.get("st_edit_task")
    if name is None or task is None:
        return
    state = st.session_state
    try:
        upload_id = status.set_status(
            cache.conn(), task, state.get("st_edit_status"), name, reported_on=state.get("st_edit_date") or today,
            reason=state.get("st_edit_reason", ""), note=state.get("st_edit_note", ""),
            evidence=state.get("st_edit_evidence", ""), deadline_override=state.get("st_edit_deadline"),
            seen=state.get("st_edit_seen"))
    except status.Refused as refusal:
        state["st_flash"] = ("error", refusal.message(lang))
        return
    state["st_flash"] = ("success", t("st_edit_saved", task=task, id=upload_id))


if editor is not None:
    st.subheader(t("st_forms_header"))
    st.caption(t("st_forms_help"))
    con = cache.conn()
    one, two = st.columns(2)
    one.download_button(t("st_forms_zip"), functools.partial(status.forms_zip, con, plan_id),
                        file_name=f"{plan_id} - phieu-bao-cao.zip", mime="application/zip", key="st_forms_zip",
                        on_click="ignore", icon=":material/folder_zip:")
    agencies = sorted(cache.query(sq.agency_form_tasks, plan_id)["agency"].unique())
    if agencies:
        agency = two.selectbox(t("st_forms_agency"), options=agencies, key="st_forms_agency")
        two.download_button(t("st_forms_one"), functools.partial(status.agency_form, con, plan_id, agency),
                            file_name=report_form.file_name(agency, plan_id), key="st_forms_one", on_click="ignore",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    st.subheader(t("st_upload_header"))
    sandbox.start()
    files = st.file_uploader(t("st_upload_files", mb=readers.MAX_UPLOAD_BYTES // 2**20), type=["xlsx"],
                             accept_multiple_files=True, key=f"st_files_{st.session_state.get('st_round', 0)}")
    if files:
        key = tuple((f.file_id, f.name) for f in files)
        if st.session_state.get("st_checks_key") != key or "st_checks" not in st.session_state:
            with st.spinner("…"):
                st.session_state["st_checks"] = status.check(cache.conn(), [(f.name, f.getvalue()) for f in files])
            st.session_state["st_checks_key"] = key
        checks = st.session_state["st_checks"]
        bad = [c for c in checks if not c.ok]
        if bad:
            st.error(t("st_check_bad", bad=len(bad), n=len(checks)))
        else:
            st.success(t("st_check_ok", n=len(checks), reports=sum(len(c.reports) for c in checks)))
        problems = sv.problems_table(checks, lang)
        if not problems.empty:
            grid.dataframe(problems, hide_index=True, width="stretch", key="st_problems")
        if not bad:
            st.subheader(t("st_preview_header"))
            seen = status.preview(cache.conn(), checks)
            st.session_state["st_preview"] = seen
            st.caption(t("st_preview_counts", changes=len(seen.changes), unchanged=seen.unchanged))
            if not seen.changes.empty:
                grid.dataframe(sv.preview_table(seen.changes, lang), hide_index=True, width="stretch",
                             key="st_changes")
            st.button(t("st_commit"), type="primary", on_click=_commit, key="st_commit",
                      disabled=seen.changes.empty)

    st.subheader(t("st_edit_header"))
    ids = list(task_status["task_id"])
    texts = dict(zip(task_status["task_id"], task_status["task"], strict=True))
    task = st.selectbox(t("st_edit_task"), options=ids, key="st_edit_task",
                        format_func=lambda i: f"{i}: {str(texts[i])[:80]}")
    st.session_state["st_edit_seen"] = status.newest_report(cache.conn(), task)
    with st.form("st_edit_form"):
        st.selectbox(t("st_edit_status"), options=list(STATUSES), key="st_edit_status",
                     format_func=lambda c: sv.status_label(c, lang))
        st.text_input(t("st_edit_reason"), key="st_edit_reason")
        st.text_input(t("st_edit_note"), key="st_edit_note")
        st.text_input(t("st_edit_evidence"), key="st_edit_evidence")
        st.date_input(t("st_edit_date"), value=today, max_value=today, key="st_edit_date", format="DD/MM/YYYY")
        st.date_input(t("st_edit_deadline"), value=None, key="st_edit_deadline", format="DD/MM/YYYY")
        st.form_submit_button(t("st_edit_submit"), on_click=_set_status)
    history = cache.query(sq.task_history, task)
    with st.expander(t("st_task_history", task=task, n=len(history))):
        if history.empty:
            st.caption(t("st_task_history_empty"))
        else:
            grid.dataframe(sv.task_history_table(history, lang), hide_index=True, width="stretch")

# --- History and rollback (who and files: editors) ---
st.subheader(t("st_history_header"))
uploads = cache.query(sq.status_history)
if uploads.empty:
    st.info(t("st_history_empty"))
else:
    grid.dataframe(sv.history_table(uploads, lang, with_users=editor is not None), hide_index=True, width="stretch",
                 key="st_history")
    with_files = [int(i) for i, action in zip(uploads["id"], uploads["action"], strict=True) if action == "forms"]
    if editor is not None and with_files:
        kept = st.selectbox(t("up_col_id"), options=with_files, key="st_raw_id", format_func=lambda i: f"#{i}")
        st.download_button(t("st_raw_download", id=kept), functools.partial(status.raw_zip, cache.conn(), kept),
                           file_name=f"status-upload-{kept}.zip", mime="application/zip", key="st_raw_download",
                           on_click="ignore")
    active = uploads[(uploads["action"] != "rollback") & (uploads["status"] == "active")]
    if editor is not None and not active.empty:
        chosen = st.selectbox(t("st_rollback_choice"), options=[int(i) for i in active["id"]], key="st_rollback_id",
                              format_func=lambda i: f"#{i}")
        sure = st.checkbox(t("st_rollback_confirm", id=chosen), key="st_rollback_confirm")
        st.button(t("st_rollback_button"), disabled=not sure, on_click=_rollback, key="st_rollback_button")
