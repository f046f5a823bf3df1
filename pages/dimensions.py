"""Dimensions: the plan's tasks per (sub-)dimension next to its score, rank and trend; the
effort–score chart with its "weak and under-served" quadrant; low-scoring sub-dimensions
without a task; and a drill-down to the tasks and score history of one (sub-)dimension."""

import datetime as dt

import streamlit as st

from lib.domain import i18n
from lib.present import charts, charts_indicators, evaluation, formatting, status_views, tables, views
from lib.store import plan_queries, queries
from lib.ui import cache, grid, plan_notes, sidebar

PICK = "wl_pick"


def _pick_from_chart() -> None:
    """Chart click → the drill-down choice (the selectbox below reads the same session key)."""
    points = st.session_state.get("wl_effort_chart", {}).get("selection", {}).get("points", [])
    if points and points[0].get("customdata"):
        st.session_state[PICK] = points[0]["customdata"][0]


selection = sidebar.sidebar_selection()
lang, code, year = selection.lang, selection.province_code, selection.year
province = formatting.markdown_safe(selection.province_name)

plan = cache.query(queries.plan_summary, code, selection.era, plan_id=selection.plan_id).iloc[0]
# A plan is judged against its baseline (the last survey before the plan year) unless the reader
# chooses the year of the sidebar instead.
baseline = evaluation.plan_baseline(
    cache.query(queries.province_plans, code, selection.era), selection.plan_id, cache.query(queries.score_years)
)
if int(plan["tasks"]) > 0 and baseline is not None and baseline != year:
    judged_at = st.segmented_control(
        i18n.t("ev_judge_label", lang),
        options=["baseline", "selected"],
        format_func=lambda v: i18n.t(f"ev_judge_{v}", lang, year=baseline if v == "baseline" else year),
        default="baseline",
        key="ev_judge",
    )
    if judged_at != "selected":
        year = baseline
        st.caption(i18n.t("ev_judge_caption", lang, baseline=baseline))
dimensions = cache.query(queries.dimension_profile, code, year, plan_id=selection.plan_id)
subdimensions = cache.query(queries.subdimension_profile, code, year, plan_id=selection.plan_id)
has_plan = int(plan["tasks"]) > 0
has_scores = bool(dimensions["score"].notna().any())

st.title(i18n.t("wl_dimensions_title", lang, province=province, year=year))
if has_plan:
    plan_notes.plan_caption(selection)
else:
    plan_notes.no_plan(selection)
if not has_scores:
    st.info(i18n.t("no_data_year", lang, province=province, year=year))

level = (
    st.segmented_control(
        i18n.t("wl_level", lang),
        options=["dimension", "subdimension"],
        format_func=lambda v: i18n.t(f"wl_level_{v}", lang),
        default="dimension",
        key="wl_level",
    )
    or "dimension"
)
points = views.effort_points(dimensions if level == "dimension" else subdimensions, level, lang)

if has_plan and has_scores:
    st.plotly_chart(
        cache.figure(charts.effort_score_figure, points, lang, level, year),
        width="stretch",
        config=charts.PLOT_CONFIG,
        key="wl_effort_chart",
        on_select=_pick_from_chart,
        selection_mode="points",
    )
    caption = i18n.t("wl_effort_caption", lang, median=formatting.number(points.attrs["median_effort"], lang, 1))
    if level == "subdimension":
        caption += " " + i18n.t("wl_effort_sub_note", lang)
    st.caption(caption)
    with st.expander(i18n.t("wl_table_view", lang), key="wl_effort_table_open", on_change="rerun") as view:
        if view.open:
            effort = tables.styled(tables.effort_table(points, lang, level), lang)
            grid.dataframe(effort, hide_index=True, width="stretch")

# Drill-down: one (sub-)dimension's tasks beside its score history.
options = views.drill_options(dimensions, subdimensions, lang)
if st.session_state.get(PICK) not in options:
    st.session_state[PICK] = views.default_pick(points) or next(iter(options))
pick = st.selectbox(
    i18n.t("wl_pick", lang),
    options=list(options),
    format_func=lambda v: options[v],
    key=PICK,
    placeholder=i18n.t("wl_pick_placeholder", lang),
)
if pick:
    details = views.pick_details(pick, subdimensions, lang)
    tasks = cache.query(
        queries.tasks_for, code, selection.era, details["dimension"], details["key"], plan_id=selection.plan_id
    )
    history = cache.query(queries.score_history, code, details["dimension"], details["key"], selection.era)
    name = formatting.markdown_safe(details["name"])
    # Without any plan the page has said so once, above: no "no task for …" per dimension.
    tasks_col, history_col = st.columns([3, 2]) if has_plan else (None, st.container())
    if tasks_col is not None:
        with tasks_col:
            if tasks.empty:
                st.info(i18n.t("wl_no_tasks_of", lang, name=name))
            else:
                st.subheader(i18n.t("wl_tasks_of", lang, name=name, n=len(tasks)))
                grid.dataframe(
                    tables.tasks_table(tasks, lang, with_coverage=details["key"] is not None),
                    hide_index=True,
                    width="stretch",
                    row_height=tables.WRAPPED_ROW_PX,
                    column_config={i18n.t("wl_col_task", lang): st.column_config.TextColumn(width="large")},
                )
    with history_col:
        st.plotly_chart(
            cache.figure(
                charts.score_history_figure,
                history, lang, details["name"], selection.province_name, details["axis_title"],
                evaluation.plan_year(cache.query(queries.province_plans, code, selection.era), selection.plan_id),
            ),
            width="stretch",
            config=charts.PLOT_CONFIG,
            key="wl_history_chart",
        )
        note = views.history_note(details["dimension"], lang, [int(y) for y in history["year"]])
        if note:
            st.caption(note)
        with st.expander(i18n.t("wl_table_view", lang), key="wl_history_table_open", on_change="rerun") as view:
            if view.open:
                grid.dataframe(tables.styled(tables.history_table(history, lang), lang), hide_index=True,
                               width="stretch")
    # The indicators below a sub-dimension, where PAPI published them (2018, 2019).
    indicator_years = cache.query(queries.indicator_years)
    indicators = cache.query(queries.subdimension_indicators, code, year, details["key"]) if details["key"] else None
    if year not in indicator_years:
        st.info(charts_indicators.not_published(year, indicator_years, lang))
    elif indicators is None:
        st.caption(i18n.t("ind_pick_sub", lang))
    elif indicators.empty:
        st.info(i18n.t("ind_none_for_province", lang, year=year, province=province))
    else:
        st.subheader(i18n.t("ind_header", lang, name=name, year=year))
        figure = cache.figure(
            charts_indicators.indicator_figure, indicators, lang, details["name"], selection.province_name, year
        )
        st.plotly_chart(figure, width="stretch", config=charts.PLOT_CONFIG, key="ind_chart")
        table = tables.styled(charts_indicators.indicator_table(indicators, lang), lang)
        grid.dataframe(table, hide_index=True, width="stretch")
        for note in charts_indicators.notes(indicators, lang, selection.province_name, year):
            st.caption(note)

if has_plan and has_scores:
    st.subheader(i18n.t("wl_no_task_header", lang))
    weak = tables.weak_without_tasks(subdimensions, lang)
    if weak.empty:
        st.info(i18n.t("wl_no_task_none", lang, year=year))
    else:
        st.caption(i18n.t("wl_no_task_caption", lang, year=year))
        grid.dataframe(tables.styled(weak, lang), hide_index=True, width="stretch")

if has_plan and int(plan["unmapped"]):
    # Tasks linked to no PAPI dimension are in no chart above: listed here, never dropped.
    unmapped = cache.query(plan_queries.unmapped_tasks, (selection.plan_id,))
    st.subheader(i18n.t("pv_unmapped_header", lang, n=len(unmapped)))
    st.caption(i18n.t("pv_unmapped_note", lang))
    grid.dataframe(
        tables.tasks_table(unmapped, lang), hide_index=True, width="stretch", row_height=tables.WRAPPED_ROW_PX,
        column_config={i18n.t("wl_col_task", lang): st.column_config.TextColumn(width="large")},
    )
# Task progress per (sub-)dimension beside its score (the chosen plan, today).
if has_plan and selection.plan_id is not None:
    dim_progress, sub_progress = cache.query(
        status_views.progress_tables, code, year, selection.plan_id, dt.date.today(), lang
    )
    st.subheader(i18n.t("st_dim_header", lang, year=year))
    st.caption(i18n.t("st_dim_caption", lang))
    # Lazy tabs (on_change="rerun"): only the open tab's table is sent.
    dim_done, sub_done = st.tabs([i18n.t("wl_tab_dimensions", lang), i18n.t("wl_tab_subdimensions", lang)],
                                 key="st_progress_tabs", on_change="rerun")
    for tab, table, key in ((dim_done, dim_progress, "st_dim_table"), (sub_done, sub_progress, "st_sub_table")):
        if tab.open:
            with tab:
                grid.dataframe(status_views.styled(table, lang), hide_index=True, width="stretch", key=key)

dim_tab, sub_tab = st.tabs([i18n.t("wl_tab_dimensions", lang), i18n.t("wl_tab_subdimensions", lang)],
                           key="wl_score_tabs", on_change="rerun")
for tab, frame, build in ((dim_tab, dimensions, tables.dimension_table),
                          (sub_tab, subdimensions, tables.subdimension_table)):
    if tab.open:
        with tab:
            grid.dataframe(tables.styled(build(frame, lang), lang), hide_index=True, width="stretch")
            change_note = views.missing_change_note(frame, year, lang)
            if change_note:
                st.caption(change_note)
