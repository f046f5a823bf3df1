"""Upload PAPI scores: check a file, preview the changes, commit (editors), history and rollback."""

from __future__ import annotations

import datetime as dt
import functools
import math

import streamlit as st

from lib.domain.i18n import t
from lib.ingest import readers, sandbox, validate
from lib.store import database, importer, queries
from lib.ui import access, cache, grid, plan_notes, plan_upload, sidebar

selection = sidebar.sidebar_selection()
lang = selection.lang
editor = access.current_editor()

st.title(t("up_title", lang))
st.write(t("up_intro", lang))


# --- Callbacks: they run before the page reruns, with the preview the user saw. ---


def _commit() -> None:
    result = st.session_state.get("up_result")
    seen = st.session_state.get("up_preview")
    name = access.current_editor()
    if result is None or seen is None or name is None:
        return
    try:
        upload_id = importer.commit(cache.conn(), result, seen, name, replace=bool(st.session_state.get("up_confirm")))
    except importer.Refused as refusal:
        st.session_state["up_flash"] = ("error", refusal.message(lang))
        return
    years = ", ".join(str(y) for y in result.years)
    st.session_state["up_flash"] = ("success", t("up_committed", lang, id=upload_id, years=years))
    st.session_state["up_confirm"] = False
    st.session_state["up_uploader_round"] = st.session_state.get("up_uploader_round", 0) + 1
    st.session_state.pop("up_result", None)


def _rollback() -> None:
    name = access.current_editor()
    upload_id = st.session_state.get("up_rollback_id")
    if name is None or upload_id is None:
        return
    try:
        importer.rollback(cache.conn(), int(upload_id), name)
    except importer.Refused as refusal:
        st.session_state["up_flash"] = ("error", refusal.message(lang))
        return
    st.session_state["up_rollback_confirm"] = False
    st.session_state["up_flash"] = ("success", t("up_rolled_back", lang, id=upload_id))


def _sign_in() -> None:
    ok, wait = access.sign_in_editor(st.session_state.get("up_name", ""), st.session_state.get("up_password", ""))
    st.session_state["up_password"] = ""
    if not ok:
        failed = t("up_sign_in_failed", lang)
        st.session_state["up_flash"] = ("error", f"{failed} {t('up_sign_in_wait', lang, seconds=math.ceil(wait))}"
                                        if wait > 0 else failed)


def _raw_file(upload_id: int) -> bytes:
    """The original file of an upload, read from the store only when its download is asked for."""
    original = database.raw_file(cache.conn(), upload_id)
    return original[1] if original is not None else b""


flash = st.session_state.pop("up_flash", None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])

# --- Who may write ---
if not access.editor_configured():
    st.warning(t("up_editor_off", lang))
elif editor is None:
    st.info(t("up_viewer_note", lang))
    with st.expander(t("up_sign_in", lang), expanded=True):
        if access.oidc_configured():
            st.button(t("up_sign_in_sso", lang), on_click=access.oidc_sign_in, key="up_sso")
        if access.editor_password_hash():
            with st.form("up_sign_in_form"):
                st.text_input(t("up_name", lang), key="up_name")
                st.text_input(t("up_password", lang), type="password", key="up_password")
                st.form_submit_button(t("up_sign_in_button", lang), on_click=_sign_in)
else:
    left, right = st.columns([4, 1])
    left.success(t("up_signed_in", lang))
    left.text(editor)  # as typed: a name is plain text, never Markdown
    right.button(t("up_sign_out", lang), on_click=access.sign_out_editor, key="up_sign_out")

# --- What to load: PAPI scores (the rest of this page) or a province's plan (lib/ui/plan_upload.py) ---
LOADS = ["scores", "plan"]
asked = st.query_params.get(plan_notes.LOAD_PARAM)
what = st.segmented_control(t("ps_choice", lang), LOADS, default=asked if asked in LOADS else "scores",
                            key="up_what", format_func=lambda choice: t(f"ps_choice_{choice}", lang)) or "scores"
st.query_params[plan_notes.LOAD_PARAM] = what  # a copied link opens the same form
if what == "plan":
    plan_upload.render(selection, editor)
    st.stop()

# --- Template (its controls are sent only once the expander is opened) ---
with st.expander(t("up_template", lang), key="up_template_open", on_change="rerun") as template:
    if template.open:
        st.caption(t("up_template_help", lang))
        this_year = dt.date.today().year
        template_year = int(st.number_input(t("up_template_year", lang), min_value=2011, max_value=this_year,
                                            value=this_year - 1, step=1, key="up_template_year"))
        one, two = st.columns(2)
        # Templates are made only when clicked (a callable), not on every rerun of the page.
        one.download_button(t("up_template_csv", lang), functools.partial(importer.template_csv, template_year),
                            file_name=f"papi_template_{template_year}.csv", mime="text/csv", key="up_template_csv")
        two.download_button(t("up_template_xlsx", lang), functools.partial(importer.template_xlsx, template_year),
                            file_name=f"papi_template_{template_year}.xlsx", key="up_template_xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

# --- 1. File (checking a file takes server time: editors only) ---
uploaded = None
if editor is not None:  # a viewer gets no empty step: the box above says who may load files
    st.subheader(t("up_step_file", lang))
    sandbox.start()  # the checking process imports its libraries while the editor picks a file
    uploaded = st.file_uploader(
        t("up_file", lang, mb=readers.MAX_UPLOAD_BYTES // 2**20),
        type=["xlsx", "csv"],  # exactly the types the label names
        key=f"up_file_{st.session_state.get('up_uploader_round', 0)}",
    )

if uploaded is not None:
    year = st.session_state.get("up_year")
    key = (uploaded.file_id, uploaded.name, year)
    if st.session_state.get("up_result_key") != key or "up_result" not in st.session_state:
        with st.spinner("…"):
            st.session_state["up_result"] = importer.check(uploaded.getvalue(), uploaded.name, year)
        st.session_state["up_result_key"] = key
    cached = st.session_state["up_result"]
    result = cached

    if result.needs_year or year is not None:
        st.number_input(t("up_year", lang), min_value=2011, max_value=dt.date.today().year, value=None, step=1,
                        key="up_year", help=t("up_year_help", lang))

    # --- 2. Check ---
    st.subheader(t("up_step_check", lang))
    if result.ok:
        layout = ", ".join(t(f"up_layout_{name}", lang) for name in result.layout.split(",") if name)
        years = ", ".join(str(y) for y in result.years)
        st.success(t("up_ok", lang, rows=len(result.frame), years=years, layout=layout))
        if result.warnings:
            st.caption(t("up_warnings", lang, n=len(result.warnings)))
    else:
        st.error(t("up_bad", lang, errors=len(result.errors), warnings=len(result.warnings)))
    if result.problems:
        grid.dataframe(importer.problems_table(result.problems, lang), hide_index=True, width="stretch",
                     key="up_problems")
        if any(p.row is None for p in result.problems):
            st.caption(t("up_row_note", lang))
        st.download_button(t("up_problems_download", lang),
                           functools.partial(validate.problems_csv, result.problems, lang),
                           file_name=f"{uploaded.name}.problems.csv", mime="text/csv", key="up_problems_csv")

    # --- 3. Preview and commit ---
    if result.ok:
        st.subheader(t("up_step_preview", lang))
        seen = importer.preview(cache.conn(), result)
        st.session_state["up_preview"] = seen
        cols = st.columns(4)
        cols[0].metric(t("up_added", lang), seen.added)
        cols[1].metric(t("up_changed", lang), seen.changed)
        cols[2].metric(t("up_removed", lang), seen.removed)
        cols[3].metric(t("up_unchanged", lang), seen.unchanged)
        if seen.changes.empty:
            st.info(t("up_no_change", lang))
        else:
            st.markdown(f"**{t('up_by_province', lang)}**")
            grid.dataframe(importer.preview_summary(seen, lang), hide_index=True, width="stretch", key="up_summary")
            with st.expander(t("up_details", lang, n=len(seen.changes))):
                grid.dataframe(importer.preview_table(seen, lang), hide_index=True, width="stretch",
                             key="up_changes")
        confirmed = True
        if seen.needs_confirmation:
            shown = ", ".join(str(y) for y in seen.existing_years)
            st.warning(t("up_replace_warning", lang, years=shown))
            confirmed = st.checkbox(t("up_confirm", lang, years=shown), key="up_confirm")
        if editor is None:
            st.caption(t("up_commit_need_editor", lang))
        st.button(t("up_commit", lang), type="primary", disabled=editor is None or not confirmed,
                  on_click=_commit, key="up_commit")

# --- History and rollback ---
st.subheader(t("up_history", lang))
history = cache.query(queries.upload_history)
if history.empty:
    st.info(t("up_history_empty", lang))
else:
    shown = importer.history_table(history, lang)
    if editor is None:  # who did what, and the files themselves, are for editors
        shown = shown.drop(columns=[t("up_col_user", lang)])
        st.caption(t("up_history_editors_only", lang))
    grid.dataframe(shown, hide_index=True, width="stretch", key="up_history")
    choices = importer.rollback_choices(history)
    st.markdown(f"**{t('up_rollback', lang)}**")
    if not choices:
        st.info(t("up_rollback_none", lang))
    else:
        chosen = st.selectbox(t("up_rollback_choice", lang), options=list(choices), key="up_rollback_id",
                              format_func=lambda i: f"#{i} ({choices[i]})")
        if editor is not None:
            # The bytes (up to 20 MB) are read only when the download is asked for.
            entry = history[history["id"] == int(chosen)].iloc[0]
            st.download_button(t("up_raw_download", lang, id=chosen), functools.partial(_raw_file, int(chosen)),
                               file_name=str(entry["file_name"]), key="up_raw_download")
        sure = st.checkbox(t("up_rollback_confirm", lang, years=choices[chosen], id=chosen),
                           key="up_rollback_confirm")
        st.button(t("up_rollback_button", lang), disabled=editor is None or not sure, on_click=_rollback,
                  key="up_rollback_button")
