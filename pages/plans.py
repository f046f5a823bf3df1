"""Compare plans: two plans of the chosen province side by side (tasks per dimension and
sub-dimension, tasks carried over, added and dropped, agencies whose load changed).

The two plans are mirrored to the URL as `before` and `after` (plan ids).
"""

import streamlit as st

from lib.domain import i18n
from lib.present import charts, charts_plans, formatting, plan_compare, tables
from lib.present import selection as choice
from lib.ui import cache, grid, plan_notes, sidebar

selection = sidebar.sidebar_selection()
lang = selection.lang


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang, **values)


province = formatting.markdown_safe(selection.province_name)
st.title(t("pv_cmp_title", province=province))
st.caption(t("pv_cmp_intro"))

plans = {p.plan_id: p for p in selection.plans}  # newest first
ids = list(plans)
pair = plan_compare.default_pair(ids)
if pair is None:
    st.info(t("pv_cmp_too_few", province=province, n=len(ids)))
    st.markdown(t("pv_cmp_how_to_add"))
    st.page_link(plan_notes.UPLOAD_PAGE, label=t("pv_plan_upload_link"), icon=":material/upload_file:")
    st.stop()

sidebar.page_param("pv_before", "before", ids, pair[0])
sidebar.page_param("pv_after", "after", ids, pair[1])
left, right = st.columns(2)
before_id = left.selectbox(t("pv_cmp_pick_before"), ids, format_func=lambda p: choice.plan_label(plans[p], lang),
                           key="pv_before")
after_id = right.selectbox(t("pv_cmp_pick_after"), ids, format_func=lambda p: choice.plan_label(plans[p], lang),
                           key="pv_after")
st.query_params["before"], st.query_params["after"] = before_id, after_id
if before_id == after_id:
    st.warning(t("pv_cmp_same_plan"))
    st.stop()

view = cache.query(plan_compare.comparison_view, before_id, after_id, lang)
comparison, changes = view.comparison, view.changes

st.markdown(view.summary)
metrics = st.container(horizontal=True, gap="medium")
metrics.metric(t("pv_cmp_metric_carried"), len(comparison.carried), width=150)
metrics.metric(t("pv_cmp_metric_added"), len(comparison.added), width=150)
metrics.metric(t("pv_cmp_metric_dropped"), len(comparison.dropped), width=150)
metrics.metric(t("pv_cmp_metric_agencies"), len(changes), width=150)

st.subheader(t("pv_cmp_dimensions_header"))
st.plotly_chart(
    cache.figure(charts_plans.dimension_compare_figure, view.counts, lang, view.before_label, view.after_label,
                 view.before_year, view.after_year),
    width="stretch", config=charts.PLOT_CONFIG, key="pv_cmp_dimensions",
)
# Lazy tabs (on_change="rerun"): only the open tab's table is sent.
dim_tab, sub_tab = st.tabs([t("pv_cmp_table_view"), t("pv_cmp_subdimensions")], key="pv_cmp_table_tabs",
                           on_change="rerun")
for tab, table in ((dim_tab, view.dimension_table), (sub_tab, view.subdimension_table)):
    if tab.open:
        with tab:
            grid.dataframe(table, hide_index=True, width="stretch")

st.subheader(t("pv_cmp_tasks_header"))
carried_tab, added_tab, dropped_tab = st.tabs([
    t("pv_cmp_tab_carried", n=len(comparison.carried)),
    t("pv_cmp_tab_added", n=len(comparison.added)),
    t("pv_cmp_tab_dropped", n=len(comparison.dropped)),
], key="pv_cmp_task_tabs", on_change="rerun")
task_columns = {
    t("col_task"): st.column_config.TextColumn(width=420),
    t("pv_cmp_col_task_before"): st.column_config.TextColumn(width=360),
    t("pv_cmp_col_task_after"): st.column_config.TextColumn(width=360),
}
if carried_tab.open:
    with carried_tab:
        st.caption(t("pv_cmp_carried_note", threshold=round(plan_compare.SIMILARITY_THRESHOLD * 100)))
        if comparison.carried.empty:
            st.info(t("pv_cmp_none"))
        else:
            grid.dataframe(view.carried_table, hide_index=True, width="stretch",
                         row_height=tables.WRAPPED_ROW_PX, column_config=task_columns, key="pv_cmp_carried")
for tab, table, key in ((added_tab, view.added_table, "pv_cmp_added"),
                        (dropped_tab, view.dropped_table, "pv_cmp_dropped")):
    if not tab.open:
        continue
    with tab:
        if table.empty:
            st.info(t("pv_cmp_none"))
        else:
            grid.dataframe(table, hide_index=True, width="stretch",
                         row_height=tables.WRAPPED_ROW_PX, column_config=task_columns, key=key)

st.subheader(t("pv_cmp_agencies_header"))
if changes.empty:
    st.info(t("pv_cmp_agencies_none"))
else:
    st.plotly_chart(
        cache.figure(charts_plans.agency_change_figure, changes, lang, view.before_label, view.after_label),
        width="stretch", config=charts.PLOT_CONFIG, key="pv_cmp_agencies",
    )
    grid.dataframe(view.agency_table, hide_index=True, width="stretch")
