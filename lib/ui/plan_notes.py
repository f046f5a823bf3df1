"""What a page says about the plan it shows: which plan (a caption), or that the province has none
(once, with a link to the Upload page).  The texts come from `lib.present.selection`."""

from __future__ import annotations

import dataclasses

import streamlit as st

from lib.domain import i18n
from lib.present import formatting
from lib.present import selection as choice
from lib.ui.sidebar import Selection

UPLOAD_PAGE = "pages/upload.py"
LOAD_PARAM = "load"  # the Upload page's URL parameter: what to load, "scores" or "plan"


def plan_caption(selection: Selection) -> None:
    """The caption naming the chosen plan (year, document, tasks) and the PAPI year; nothing without a plan."""
    plan = selection.plan
    if plan is None:
        return
    shown = dataclasses.replace(plan, document=formatting.markdown_safe(plan.document))
    st.caption(
        choice.plan_caption(shown, formatting.markdown_safe(selection.province_name), selection.year,
                            selection.lang, others=len(selection.plans) - 1)
    )


def no_plan(selection: Selection, key: str = "wl_no_plan") -> None:
    """Say that the province has no plan (the catalogue text `key`) and offer the Upload page."""
    st.info(i18n.t(key, selection.lang, province=formatting.markdown_safe(selection.province_name)))
    # `load=plan` opens the Upload page on its plan form, not on the score files.
    st.page_link(UPLOAD_PAGE, label=i18n.t("pv_plan_upload_link", selection.lang), icon=":material/upload_file:",
                 query_params={LOAD_PARAM: "plan"})
