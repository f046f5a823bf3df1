"""The plan part of the Upload page: check a plan document, review it, commit (editors), history and rollback.

`render(selection, editor)` draws it; pages/upload.py calls it when the user
chooses to load a plan.  Every widget key starts with `ps_`; the tables come
from `lib.present.plan_preview`, the store's side from `lib.store.plan_importer`.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import streamlit as st

from lib.domain import eras, papi, provinces
from lib.domain.i18n import t
from lib.ingest import plan_review, readers, sandbox, validate
from lib.present import plan_preview
from lib.store import plan_importer
from lib.ui import access, cache, grid

FILE_TYPES = ["docx", "xlsx", "html", "htm", "txt", "pdf"]


def _flash(kind: str, text: str) -> None:
    st.session_state["ps_flash"] = (kind, text)


def _commit(lang: str) -> None:
    """Commit callback: the check, preview and edits the editor saw on the last run."""
    result = st.session_state.get("ps_result")
    seen = st.session_state.get("ps_preview")
    edits = st.session_state.get("ps_edits")
    data = st.session_state.get("ps_data")
    name = access.current_editor()
    if result is None or seen is None or edits is None or data is None or name is None:
        return
    try:
        review = plan_review.review_from_frames(result, *edits)
        upload_id = plan_importer.commit(cache.conn(), result, seen, name, data, review=review,
                                         replace=bool(st.session_state.get("ps_confirm")))
    except plan_importer.Refused as refusal:
        _flash("error", refusal.message(lang))
        return
    _flash("success", t("ps_committed", lang, id=upload_id, plan_id=seen.plan["plan_id"], tasks=seen.tasks,
                        province=seen.plan["province"], year=seen.plan["plan_year"]))
    st.session_state["ps_confirm"] = False
    st.session_state["ps_uploader_round"] = st.session_state.get("ps_uploader_round", 0) + 1
    for key in ("ps_result", "ps_preview", "ps_edits", "ps_data", "ps_result_key"):
        st.session_state.pop(key, None)


def _rollback(lang: str) -> None:
    name = access.current_editor()
    upload_id = st.session_state.get("ps_rollback_id")
    if name is None or upload_id is None:
        return
    try:
        plan_importer.rollback(cache.conn(), int(upload_id), name)
    except plan_importer.Refused as refusal:
        _flash("error", refusal.message(lang))
        return
    st.session_state["ps_rollback_confirm"] = False
    _flash("success", t("ps_rolled_back", lang, id=upload_id))


def _raw_file(upload_id: int) -> bytes:
    original = plan_importer.raw_file(cache.conn(), upload_id)
    return original[1] if original is not None else b""


def _province_names(year: int) -> list[str]:
    registry = provinces.load_registry()
    return sorted(registry.loc[registry["era"] == eras.era_of_year(year), "name_vi"].tolist())


def render(selection: Any, editor: str | None) -> None:
    """The plan part of the Upload page, for the sidebar's `selection` and the signed-in `editor` (or None)."""
    lang = selection.lang
    st.subheader(t("ps_title", lang))
    st.write(t("ps_intro", lang))
    flash = st.session_state.pop("ps_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    if editor is not None:
        _check_and_commit(selection, lang)
    _history(lang, editor)


def _check_and_commit(selection: Any, lang: str) -> None:
    # --- 1. The plan: province, year, document; the file ---
    st.markdown(f"**{t('ps_step_file', lang)}**")
    this_year = dt.date.today().year
    left, right = st.columns(2)
    year = int(left.number_input(t("ps_year", lang), min_value=papi.FIRST_YEAR, max_value=this_year + 5,
                                 value=this_year, step=1, key="ps_year"))
    names = _province_names(year)
    default = names.index(selection.province_name) if selection.province_name in names else 0
    province = right.selectbox(t("ps_province", lang), names, index=default, key="ps_province")
    sandbox.start()
    uploaded = st.file_uploader(t("ps_file", lang, mb=readers.MAX_UPLOAD_BYTES // 2**20), type=FILE_TYPES,
                                key=f"ps_file_{st.session_state.get('ps_uploader_round', 0)}")
    if uploaded is None:
        return
    document = st.text_input(t("ps_document", lang), value=Path(uploaded.name).stem, key="ps_document",
                             help=t("ps_document_help", lang))
    title = st.text_input(t("ps_plan_title", lang), value="", key="ps_plan_title")
    key = (uploaded.file_id, uploaded.name, province, year)
    if st.session_state.get("ps_result_key") != key or "ps_result" not in st.session_state:
        data = uploaded.getvalue()
        with st.spinner("…"):
            st.session_state["ps_result"] = plan_importer.check(
                data, uploaded.name, province, year, plan_importer.accepted_names(cache.conn()))
        st.session_state["ps_data"] = data
        st.session_state["ps_result_key"] = key
    result = st.session_state["ps_result"]

    # --- 2. Check: columns taken, problems ---
    st.markdown(f"**{t('ps_step_check', lang)}**")
    found = plan_preview.counts(result)
    if result.ok:
        st.success(t("ps_ok", lang, tasks=found["tasks"], sections=found["sections"]))
    else:
        st.error(t("ps_bad", lang, errors=len(result.errors), warnings=len(result.warnings)))
    if result.columns:
        st.caption(t("ps_columns", lang))
        grid.dataframe(plan_preview.columns_table(result.columns, lang), hide_index=True, key="ps_columns")
        missing = plan_preview.missing_roles(result.columns, lang)
        if missing:
            st.caption(t("ps_columns_missing", lang, roles=", ".join(missing)))
    if result.problems:
        grid.dataframe(validate.problems_frame(result.problems, lang), hide_index=True, width="stretch",
                     key="ps_problems")
        st.download_button(t("up_problems_download", lang),
                           functools.partial(validate.problems_csv, result.problems, lang),
                           file_name=f"{uploaded.name}.problems.csv", mime="text/csv", key="ps_problems_csv")
    if not result.ok:
        return

    # --- 3. Review: sections' and tasks' PAPI link, agency names ---
    st.markdown(f"**{t('ps_step_review', lang)}**")
    cols = st.columns(5)
    cols[0].metric(t("ps_metric_tasks", lang), found["tasks"])
    cols[1].metric(t("ps_metric_sections", lang), found["sections"])
    cols[2].metric(t("ps_metric_new_agencies", lang), found["new_agencies"])
    cols[3].metric(t("ps_metric_unmapped", lang), found["unmapped"])
    cols[4].metric(t("ps_metric_dated", lang), found["dated"])
    label = plan_preview.labels(lang)
    dimension = st.column_config.SelectboxColumn(label["dimension"], options=list(range(1, 9)),
                                                 help=t("ps_dimension_help", lang))
    keys = st.column_config.TextColumn(label["papi_keys"], help=t("ps_keys_help", lang))
    confidence = st.column_config.NumberColumn(label["confidence"], format="%.2f", disabled=True)

    def config(frame: Any, **special: Any) -> dict[str, Any]:
        """Every column read-only under its label, but the ones given."""
        return {c: special.get(c, st.column_config.Column(label.get(c, c), disabled=True)) for c in frame.columns}

    st.caption(t("ps_sections_help", lang))
    frame = plan_review.sections_frame(result)
    sections = st.data_editor(frame, hide_index=True, width="stretch", key="ps_sections_editor",
                              column_config=config(frame, dimension=dimension, papi_keys=keys, confidence=confidence))
    st.caption(t("ps_tasks_help", lang))
    frame = plan_review.tasks_frame(result)
    tasks = st.data_editor(frame, hide_index=True, width="stretch", key="ps_tasks_editor",
                           column_config=config(frame, position=None, dimension=dimension, papi_keys=keys,
                                                confidence=confidence,
                                                task=st.column_config.TextColumn(label["task"], width="large")))
    agencies_frame = plan_preview.agencies_editor_frame(result, lang)
    if agencies_frame.empty:
        st.info(t("ps_agencies_all_known", lang))
        agencies = agencies_frame
    else:
        st.warning(t("ps_agencies_unknown", lang, n=len(agencies_frame)))
        st.caption(t("ps_agencies_help", lang))
        similarity = st.column_config.NumberColumn(label["similarity"], format="%.2f", disabled=True)
        agencies = st.data_editor(agencies_frame, hide_index=True, width="stretch", key="ps_agencies_editor",
                                  column_config=config(agencies_frame, similarity=similarity,
                                                       name=st.column_config.TextColumn(label["name"], required=True)))
    st.session_state["ps_edits"] = (sections, tasks, agencies)

    # --- 4. Commit ---
    st.markdown(f"**{t('ps_step_commit', lang)}**")
    try:
        seen = plan_importer.preview(cache.conn(), result, province, year, document, title)
    except plan_importer.Refused as refusal:
        st.error(refusal.message(lang))
        return
    st.session_state["ps_preview"] = seen
    st.write(t("ps_target", lang, plan_id=seen.plan["plan_id"], province=seen.plan["province"],
               year=seen.plan["plan_year"], document=seen.plan["document"]))
    confirmed = True
    if seen.needs_replace:
        existing = seen.existing or {}
        st.warning(t(f"ps_replace_warning_{existing.get('source', 'loaded')}", lang, tasks=existing.get("tasks", 0),
                     plan_id=existing.get("plan_id", "")))
        confirmed = st.checkbox(t("ps_confirm", lang), key="ps_confirm")
    st.button(t("ps_commit", lang), type="primary", disabled=not confirmed, on_click=_commit, args=(lang,),
              key="ps_commit")


def _history(lang: str, editor: str | None) -> None:
    st.markdown(f"**{t('ps_history', lang)}**")
    history = cache.query(plan_importer.history)
    if history.empty:
        st.info(t("ps_history_empty", lang))
        return
    if editor is None:
        st.caption(t("up_history_editors_only", lang))
    grid.dataframe(plan_preview.history_table(history, lang, editor is not None), hide_index=True, width="stretch",
                 key="ps_history")
    choices = plan_importer.rollback_choices(history)
    if not choices:
        st.info(t("ps_rollback_none", lang))
        return
    chosen = st.selectbox(t("ps_rollback_choice", lang), options=list(choices), key="ps_rollback_id",
                          format_func=lambda i: f"#{i} {choices[i]}")
    if editor is None:
        return  # rolling back, and the documents themselves, are for editors
    entry = history[history["id"] == int(chosen)].iloc[0]
    st.download_button(t("ps_raw_download", lang, id=chosen), functools.partial(_raw_file, int(chosen)),
                       file_name=str(entry["file_name"]), key="ps_raw_download")
    sure = st.checkbox(t("ps_rollback_confirm", lang, id=chosen, plan=choices[chosen]), key="ps_rollback_confirm")
    st.button(t("ps_rollback_button", lang), disabled=not sure, on_click=_rollback, args=(lang,),
              key="ps_rollback_button")
