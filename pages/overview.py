"""Overview: headline figures for the chosen province and year, the eight dimension scores
against the national median and the best province, and the plan's tasks per dimension."""

import datetime as dt

import streamlit as st

from lib.domain import i18n
from lib.present import brief_data, charts, formatting, status_views, tables, views
from lib.store import queries, status_queries
from lib.ui import cache, grid, plan_notes, sidebar

# A metric's width: two fit beside each other on a 360 px phone, five across a desktop.
METRIC_PX = 150

selection = sidebar.sidebar_selection()
lang, code, year = selection.lang, selection.province_code, selection.year
province = formatting.markdown_safe(selection.province_name)

plan = cache.query(queries.plan_summary, code, selection.era, plan_id=selection.plan_id).iloc[0]
total = cache.query(queries.total_with_change, code, year)
profile = cache.query(queries.dimension_profile, code, year, plan_id=selection.plan_id)
has_plan = int(plan["tasks"]) > 0
has_scores = bool(profile["score"].notna().any())

st.title(i18n.t("wl_overview_title", lang, province=province, year=year))
if has_plan:
    plan_notes.plan_caption(selection)
else:
    plan_notes.no_plan(selection)

# One row that wraps: five across a desktop screen, two or three to a row on a phone
# (columns would stack all five, filling a phone's first screen).
metrics = st.container(horizontal=True, gap="medium")
if has_plan:
    metrics.metric(i18n.t("wl_metric_tasks", lang), int(plan["tasks"]), width=METRIC_PX)
    metrics.metric(i18n.t("wl_metric_agencies", lang), int(plan["agencies"]), width=METRIC_PX)
    metrics.metric(i18n.t("wl_metric_no_lead", lang), int(plan["no_lead"]), width=METRIC_PX)
if total.empty:
    st.info(i18n.t("no_data_year", lang, province=province, year=year))
else:
    texts = views.total_metrics(total, lang, year)
    metrics.metric(
        i18n.t("wl_metric_total", lang, year=year), texts["total"], delta=texts["total_delta"], help=texts["help"],
        width=METRIC_PX,
    )
    metrics.metric(
        i18n.t("wl_metric_rank", lang, year=year), texts["rank"], delta=texts["rank_delta"], width=METRIC_PX
    )
    if texts["note"]:
        st.caption(texts["note"])

left, right = st.columns([3, 2]) if has_plan else (st.container(), None)
with left:
    if has_scores:
        st.plotly_chart(
            cache.figure(charts.dimension_profile_figure, profile, lang, selection.province_name, year),
            width="stretch",
            config=charts.PLOT_CONFIG,
            key="wl_overview_profile",
        )
        absent = views.absent_dimensions(profile)
        if absent:
            st.caption(i18n.t("wl_absent_dims", lang, dims=absent, year=year))
        with st.expander(i18n.t("wl_table_view", lang), key="wl_profile_table_open", on_change="rerun") as view:
            if view.open:
                grid.dataframe(
                    tables.styled(tables.dimension_table(profile, lang), lang), hide_index=True, width="stretch"
                )
                change_note = views.missing_change_note(profile, year, lang)
                if change_note:
                    st.caption(change_note)
    elif not total.empty:
        st.info(i18n.t("no_data_year", lang, province=province, year=year))
if right is not None:
    with right:
        st.plotly_chart(
            cache.figure(charts.tasks_per_dimension_figure, profile, lang, year),
            width="stretch",
            config=charts.PLOT_CONFIG,
            key="wl_overview_tasks",
        )
        st.caption(i18n.t("wl_tasks_colour_note", lang, year=year))
        if int(plan["unmapped"]):
            st.caption(i18n.t("pv_unmapped_overview", lang, n=int(plan["unmapped"])))
        with st.expander(i18n.t("wl_table_view", lang), key="wl_tasks_table_open", on_change="rerun") as view:
            if view.open:
                grid.dataframe(
                    tables.styled(tables.dimension_table(profile, lang).iloc[:, :4], lang),
                    hide_index=True,
                    width="stretch",
                )

# Task progress of the chosen plan (details on the Task progress page).
if has_plan and selection.plan_id is not None:
    as_of = dt.date.today()
    progress = cache.query(status_queries.completion, selection.plan_id, as_of)
    st.subheader(i18n.t("st_completion_header", lang))
    st.caption(status_views.reporting_caption(progress, as_of, lang))
    row = st.container(horizontal=True, gap="medium")
    for label, value, help_text in status_views.completion_metrics(progress, lang):
        row.metric(label, value, help=help_text, width=METRIC_PX)
    st.page_link("pages/reports.py", label=i18n.t("st_details_link", lang), icon=":material/task_alt:")

# The leaders' brief (lib/present/brief.py): one A4 PDF page, built only when the button is clicked.
con, brief_plan = cache.conn(), cache.query(queries.plan_summary, code, selection.era, plan_id=selection.plan_id)
st.download_button(
    i18n.t("br_download", lang), data=lambda: brief_data.pdf(con, code, year, lang, plan_id=selection.plan_id),
    mime="application/pdf",
    file_name=brief_data.download_name(brief_plan, selection.province_name, year, lang),
    help=i18n.t("br_download_help", lang), icon=":material/picture_as_pdf:", on_click="ignore", key="br_download",
)
