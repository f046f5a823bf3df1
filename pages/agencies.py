"""Agencies: tasks led and implemented per agency, the agency × dimension matrix, how
concentrated the lead load is, tasks missing an agency, and one agency's task list."""

import datetime as dt

import streamlit as st

from lib.domain import i18n
from lib.present import charts, formatting, status_views, tables, views
from lib.store import queries, status_queries
from lib.ui import cache, grid, plan_notes, sidebar

AGENCY = "wl_agency"


def _agency_from_chart() -> None:
    """Bar click → the agency choice (the selectbox below reads the same session key)."""
    points = st.session_state.get("wl_agency_chart", {}).get("selection", {}).get("points", [])
    if points and points[0].get("customdata"):
        st.session_state[AGENCY] = formatting.unescape(points[0]["customdata"][0])


selection = sidebar.sidebar_selection()
lang, code = selection.lang, selection.province_code
province = formatting.markdown_safe(selection.province_name)

plan = cache.query(queries.plan_summary, code, selection.era, plan_id=selection.plan_id).iloc[0]
st.title(i18n.t("wl_agencies_title", lang, province=province))
if int(plan["tasks"]) == 0:
    plan_notes.no_plan(selection, "wl_no_plan_short")
    st.stop()
load = cache.query(queries.agency_load, code, selection.era, plan_id=selection.plan_id)
if load.empty:
    st.info(i18n.t("wl_no_agencies", lang, province=province))
    st.stop()
plan_notes.plan_caption(selection)
agencies = list(load["agency"])

load_col, matrix_col = st.columns(2)
with load_col:
    st.plotly_chart(
        cache.figure(charts.agency_load_figure, load, lang),
        width="stretch",
        config=charts.PLOT_CONFIG,
        key="wl_agency_chart",
        on_select=_agency_from_chart,
        selection_mode="points",
    )
    st.caption(i18n.t("wl_click_agency", lang))
    with st.expander(i18n.t("wl_table_view", lang), key="wl_load_table_open", on_change="rerun") as view:
        if view.open:
            grid.dataframe(tables.agency_table(load, lang), hide_index=True, width="stretch")
with matrix_col:
    role = (
        st.segmented_control(
            i18n.t("wl_matrix_role", lang),
            options=["any", "lead", "implementing"],
            format_func=lambda v: i18n.t(f"wl_role_{v}", lang),
            default="any",
            key="wl_matrix_role",
        )
        or "any"
    )
    matrix = cache.query(queries.agency_dimension_matrix, code, selection.era, role, plan_id=selection.plan_id)
    st.plotly_chart(
        cache.figure(charts.agency_dimension_figure, matrix, agencies, lang),
        width="stretch",
        config=charts.PLOT_CONFIG,
        key="wl_matrix_chart",
    )
    with st.expander(i18n.t("wl_table_view", lang), key="wl_matrix_table_open", on_change="rerun") as view:
        if view.open:
            grid.dataframe(tables.matrix_table(matrix, agencies, lang), hide_index=True, width="stretch")

# Who is behind: each agency's completion and overdue tasks (sortable by any column).
if selection.plan_id is not None:
    behind = cache.query(status_queries.agency_completion, selection.plan_id, dt.date.today())
    st.subheader(i18n.t("st_behind_header", lang))
    st.caption(i18n.t("st_behind_caption", lang))
    grid.dataframe(status_views.styled(status_views.agency_table(behind, lang), lang), hide_index=True,
                 width="stretch", key="st_behind")

# Drill-down: one agency's tasks.
if st.session_state.get(AGENCY) not in agencies:
    st.session_state[AGENCY] = agencies[0]
agency = st.selectbox(i18n.t("wl_agency_pick", lang), options=agencies, key=AGENCY)
row = load[load["agency"] == agency].iloc[0]
st.subheader(
    i18n.t(
        "wl_agency_tasks",
        lang,
        agency=formatting.markdown_safe(agency),
        led=int(row["led"]),
        implemented=int(row["implemented"]),
    )
)
agency_tasks = cache.query(queries.agency_tasks, code, selection.era, agency, plan_id=selection.plan_id)
grid.dataframe(
    tables.agency_tasks_table(agency_tasks, lang),
    hide_index=True,
    width="stretch",
    row_height=tables.WRAPPED_ROW_PX,
    column_config={i18n.t("wl_col_task", lang): st.column_config.TextColumn(width="large")},
)

st.subheader(i18n.t("wl_concentration", lang))
concentration = cache.query(queries.lead_concentration, code, selection.era, plan_id=selection.plan_id)
if not concentration.empty:
    texts = views.concentration_texts(concentration, lang)
    c1, c2, c3 = st.columns(3)
    c1.metric(texts["top_label"], texts["top_share"])
    c2.metric(i18n.t("wl_effective", lang), texts["effective"])
    c3.metric(i18n.t("wl_gini", lang), texts["gini"])
    st.markdown(texts["top_sentence"])
    st.markdown(texts["hhi_sentence"])

missing = cache.query(queries.tasks_missing_agency, code, selection.era, plan_id=selection.plan_id)
st.subheader(i18n.t("wl_gaps_header", lang, n=len(missing)))
if missing.empty:
    st.info(i18n.t("wl_no_gaps", lang))
else:
    grid.dataframe(
        tables.missing_agency_table(missing, lang),
        hide_index=True,
        width="stretch",
        row_height=tables.WRAPPED_ROW_PX,
        column_config={i18n.t("wl_col_task", lang): st.column_config.TextColumn(width="large")},
    )
