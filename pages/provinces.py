"""Provinces: every province ranked for the chosen year and dimension, on a quartile map.

Clicking a province on the map or a row of the table (or choosing it in the
"Choose a province" box) makes it the sidebar's province.  The dimension chosen
here is mirrored to the URL as `dim`.  The map draws from the committed GeoJSON
with no base layers, so it needs no internet access.
"""

import streamlit as st

from lib.domain import eras, i18n, papi, paths
from lib.present import charts, formatting, tables, views
from lib.store import queries
from lib.ui import cache, grid, sidebar

selection = sidebar.sidebar_selection()
lang = selection.lang
year = selection.year


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang, **values)


st.title(t("pv_title", year=year))
st.caption(t("pv_intro"))

dimensions = [0, *papi.DIMENSIONS]
sidebar.page_param("pv_dim", "dim", dimensions, 0)
choice_column, pick_column = st.columns(2)
dimension = choice_column.selectbox(
    t("pv_measure"),
    options=dimensions,
    format_func=lambda d: formatting.measure_option(d, lang),
    key="pv_dim",
)
st.query_params["dim"] = str(dimension)
measure = formatting.measure_name(dimension, None, lang)

ranking = cache.query(queries.province_ranking, year, dimension)
if ranking.empty:
    absent = dimension and papi.known_year(year) and dimension not in papi.dimensions(year)
    st.info(t("pv_dimension_absent", year=year) if absent else t("pv_empty", measure=measure, year=year))
    st.stop()

title = charts.ranking_title(ranking, selection.province_code, selection.province_name, measure, year, lang)
codes, names = views.province_choices(ranking, selection.province_code, selection.province_name)


def _pick() -> None:
    sidebar.choose_province(st.session_state.get("pv_pick"))


def _map_clicked() -> None:
    event = st.session_state.get("pv_map") or {}
    sidebar.choose_province(views.selected_code((event.get("selection") or {}).get("points", [])))


def _row_clicked() -> None:
    event = st.session_state.get("pv_table") or {}
    rows = (event.get("selection") or {}).get("rows", [])
    if rows:
        sidebar.choose_province(codes_in_table[rows[0]])


st.session_state["pv_pick"] = selection.province_code
pick_column.selectbox(t("pv_pick"), options=codes, format_func=names.get, key="pv_pick", on_change=_pick)

# Widths fit the longest name ("Thành phố Hồ Chí Minh"), the longest group ("Nhóm trung bình thấp")
# and the headers in full, beside the map on a 1366 px screen; numbers are shown by tables.styled (decimals of
# the language).
table_columns = {
    "rank": st.column_config.NumberColumn(t("rank"), width=72),
    "province": st.column_config.TextColumn(t("col_province"), width=160),
    "score": st.column_config.NumberColumn(t("col_score"), width=64),
    "quartile_name": st.column_config.TextColumn(t("col_quartile"), width=144),
}
table = tables.ranking_table(ranking, lang)
codes_in_table = list(table["province_code"])
shown_table = tables.styled(table, lang, per_column={"rank": 0, "ranked_provinces": 0, "quartile": 0})

if selection.era == eras.ERA_34:  # no boundary file exists for the 34 units
    st.warning(t("pv_map_34"))
    st.subheader(title)
    grid.dataframe(
        shown_table,
        hide_index=True,
        column_order=list(table_columns),
        column_config=table_columns,
        key="pv_table",
        on_select=_row_clicked,
        selection_mode="single-row",
    )
    st.stop()

# The map of a tall, narrow country needs less than half; the table's four columns fit whole beside it.
map_column, table_column = st.columns([5, 6], gap="medium")
with map_column:
    features = cache.map_features()
    figure = cache.figure(
        charts.province_map,
        ranking, features, paths.GEOJSON_63_URL, province_code=selection.province_code, title=title, lang=lang,
    )
    st.plotly_chart(
        figure,
        width="stretch",
        key="pv_map",
        on_select=_map_clicked,
        selection_mode="points",
        config=charts.GEO_CONFIG,
    )
    st.caption(i18n.t("geo_attribution", lang))
    missing = views.provinces_without_score(ranking, features)
    if missing:
        st.caption(t("pv_no_score_note", n=len(missing), year=year, names=", ".join(missing)))
with table_column:
    st.caption(t("pv_click_hint"))
    grid.dataframe(
        shown_table,
        hide_index=True,
        height=600,
        column_order=list(table_columns),
        column_config=table_columns,
        key="pv_table",
        on_select=_row_clicked,
        selection_mode="single-row",
    )

with st.expander(t("pv_bar_tab")):
    # The bar chart of every province is built only when asked for: the expander alone would build it on every run.
    if st.toggle(t("pv_bar_tab"), key="pv_bar_show"):
        st.plotly_chart(
            cache.figure(
                charts.ranking_bar,
                ranking,
                province_code=selection.province_code,
                title=charts.ranking_bar_title(ranking, lang),
                measure=measure,
                lang=lang,
            ),
            width="stretch",
            key="pv_bar",
            config=charts.PLOT_CONFIG,
        )
