"""Trends: a dimension's (or sub-dimension's) score and rank over the years, with its tasks.

The province, year and comparison group come from the sidebar; the dimension
and sub-dimension chosen here are mirrored to the URL as `dim` and `sub`.
"""

import streamlit as st

from lib.domain import i18n, papi
from lib.present import charts, evaluation, formatting, tables, task_filters, views
from lib.store import queries
from lib.ui import cache, grid, plan_notes, sidebar

selection = sidebar.sidebar_selection()
lang = selection.lang


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang, **values)


st.title(t("tr_trends_title", province=selection.province_name))
st.caption(t("tr_trends_intro"))

# --- page choices: dimension (0 = total) and sub-dimension, mirrored to the URL ---
dimensions = [*papi.DIMENSIONS, 0]
sidebar.page_param("tr_dim", "dim", dimensions, 1)
subs = cache.query(queries.subdimension_keys, st.session_state["tr_dim"]) if st.session_state["tr_dim"] else None
sub_options, sub_labels, sub_names = views.subdimension_choices(subs, lang)
sidebar.page_param("tr_sub", "sub", sub_options, "")

left, right = st.columns(2)
dimension = left.selectbox(
    t("tr_measure"),
    options=dimensions,
    format_func=lambda d: formatting.measure_option(d, lang),
    key="tr_dim",
)
key = right.selectbox(
    t("tr_sub"), options=sub_options, format_func=sub_labels.get, key="tr_sub", disabled=dimension == 0
)
key = key or None
st.query_params["dim"] = str(dimension)
st.query_params["sub"] = key or ""

measure = formatting.measure_name(dimension, sub_names.get(key) if key else None, lang)
peers = tuple(code for code in selection.peers if code != selection.province_code)
own = cache.query(queries.trend_scores, dimension, key, (selection.province_code,), selection.era)
peer_rows = views.peers_apart_from(own, cache.query(queries.trend_scores, dimension, key, peers, selection.era))
national = cache.query(queries.trend_national, dimension, key)
plan_year = evaluation.plan_year(cache.query(queries.province_plans, selection.province_code, selection.era),
                                 selection.plan_id)

if national.empty:
    st.info(t("tr_no_national", measure=measure))
    st.stop()

chart_column, task_column = st.columns([3, 2], gap="medium")
with chart_column:
    if own.empty:
        st.info(t("tr_no_scores", measure=measure, province=selection.province_name))
    figure = cache.figure(
        charts.trend_figure,
        own,
        peer_rows,
        national,
        dimension=dimension,
        province_name=selection.province_name,
        measure=measure,
        lang=lang,
        subdimension=key is not None,
        plan_year=plan_year,
    )
    st.plotly_chart(figure, width="stretch", key="tr_trend", config=charts.PLOT_CONFIG)
    reasons = views.break_reasons(dimension, [int(y) for y in national["year"]], lang)
    st.caption(t("tr_breaks_caption", reasons=" ".join(reasons)) if reasons else t("tr_no_breaks"))
    st.caption(t("tr_gap_note"))
    unit_note = views.unit_change_note(own, lang)
    if unit_note:
        st.caption(unit_note)
    if peers:
        st.caption(t("tr_peers_note", peers=", ".join(views.province_names(peer_rows))))
    else:
        st.caption(t("tr_no_peers"))

with task_column:
    if dimension == 0:
        st.info(t("tr_tasks_total"))
    else:
        tasks = cache.query(
            queries.tasks_for, selection.province_code, selection.era, dimension, key, plan_id=selection.plan_id
        )
        st.subheader(t("tr_tasks_header", n=len(tasks)))
        plan = cache.query(
            queries.plan_summary, selection.province_code, selection.era, plan_id=selection.plan_id
        ).iloc[0]
        if tasks.empty and int(plan["tasks"]) == 0:
            plan_notes.no_plan(selection, "wl_no_plan_short")
        elif tasks.empty:
            st.info(t("tr_tasks_none", province=selection.province_name))
        else:
            st.caption(t("tr_tasks_caption", province=selection.province_name))
            plan_notes.plan_caption(selection)
            # One Markdown block for the whole list: one element to send and draw, not three per task.
            # Each task's id links to it on the Tasks page: the links are what a keyboard reaches
            # (Tab) in the scrolling box, which then scrolls with them.
            entries = [
                t(
                    "tr_task_head",
                    task_id=views.task_link(task["task_id"], lang, selection.province_code, selection.year),
                    lead=formatting.markdown_safe(task["lead_agency"] or "–"),
                )
                + "  \n"
                + formatting.markdown_safe(task["task"])
                for task in task_filters.records(tasks)
            ]
            with st.container(height=470, border=True):
                st.markdown("\n\n".join(entries))

# Rank over time is a second reading of the same scores: drawn only once asked for, so the
# page's first view stays one chart and a page switch does not pay for a second.
with st.expander(t("tr_more"), key="tr_rank_open", on_change="rerun") as rank_view:
    if rank_view.open:
        st.plotly_chart(
            cache.figure(
                charts.rank_figure, own, peer_rows, dimension=dimension, province_name=selection.province_name,
                lang=lang, plan_year=plan_year,
            ),
            width="stretch",
            key="tr_rank",
            config=charts.PLOT_CONFIG,
        )

# Numbers are shown by tables.styled (decimals of the language); the columns only name them.
score_columns = {
    "year": st.column_config.NumberColumn(t("col_year")),
    "province": st.column_config.TextColumn(t("col_province")),
    "score": st.column_config.NumberColumn(t("col_score")),
    "rank": st.column_config.NumberColumn(t("rank")),
    "ranked_provinces": st.column_config.NumberColumn(t("col_ranked_provinces")),
    "national_median": st.column_config.NumberColumn(t("col_median")),
}
WHOLE = {"year": 0, "rank": 0, "ranked_provinces": 0, "provinces": 0}
# The tables behind the charts are sent only once their expander is opened: at
# many score years they would otherwise be most of every rerun's work.
with st.expander(t("tr_table_trend"), key="tr_table_trend_open", on_change="rerun") as trend_tables:
    if trend_tables.open:
        grid.dataframe(
            tables.styled(own, lang, per_column=WHOLE),
            hide_index=True,
            column_order=list(score_columns),
            column_config=score_columns,
            key="tr_table_own",
        )
        if not peer_rows.empty:
            grid.dataframe(
                tables.styled(peer_rows, lang, per_column=WHOLE),
                hide_index=True,
                column_order=list(score_columns),
                column_config=score_columns,
                key="tr_table_peers",
            )
with st.expander(t("tr_table_national"), key="tr_table_national_open", on_change="rerun") as national_table:
    if national_table.open:
        grid.dataframe(
            tables.styled(national, lang, per_column=WHOLE),
            hide_index=True,
            column_config={
                "year": st.column_config.NumberColumn(t("col_year")),
                "provinces": st.column_config.NumberColumn(t("col_provinces")),
                "min": st.column_config.NumberColumn(t("col_min")),
                "q1": st.column_config.NumberColumn(t("col_q1")),
                "median": st.column_config.NumberColumn(t("col_median")),
                "q3": st.column_config.NumberColumn(t("col_q3")),
                "max": st.column_config.NumberColumn(t("col_max")),
            },
            key="tr_table_national",
        )
