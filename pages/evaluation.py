"""Evaluation: did the chosen plan move the scores it targeted?  Baseline, before/after against the
country and the comparison group, the difference in differences, published uncertainty, and a view
across the province's plans."""

import streamlit as st

from lib.domain import i18n, provinces
from lib.present import charts, charts_evaluation, evaluation, formatting, tables
from lib.store import queries
from lib.ui import cache, grid, plan_notes, sidebar

selection = sidebar.sidebar_selection()
lang = selection.lang
province = formatting.markdown_safe(selection.province_name)


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang, **values)


plans = cache.query(queries.province_plans, selection.province_code, selection.era)
if selection.plan_id is None or plans.empty:
    st.title(t("page_evaluation"))
    plan_notes.no_plan(selection, "ev_no_plan")
    st.stop()
plan = plans[plans["plan_id"] == selection.plan_id].iloc[0]
# The comparison group in the plan's own province list (it may differ from the year shown in the sidebar).
peers = tuple(
    code for code in (provinces.counterpart(c, selection.era, str(plan["era"])) for c in selection.peers) if code
)
result = cache.query(evaluation.evaluate_plan, selection.plan_id, peers)

st.title(t("ev_title", plan_year=int(plan["plan_year"]), province=province))
st.caption(formatting.markdown_safe(f"{plan['document']} · {plan['title'] or ''}"))
if result is None or result.baseline is None:
    st.info(t("ev_no_baseline", plan_year=int(plan["plan_year"])))
    st.stop()
if not result.later:
    st.info(t("ev_no_later", baseline=result.baseline))
    st.stop()

year = st.selectbox(t("ev_later_year"), options=result.later, index=0, key="ev_year")
for sentence in evaluation.headline(result, year, lang):
    st.markdown(formatting.markdown_safe(sentence))

subs = result.rows[(result.rows["year"] == year) & (result.rows["level"] == "subdimension")]
if subs["change"].notna().any():
    st.plotly_chart(
        cache.figure(charts_evaluation.change_figure, subs, lang, result.baseline, year),
        width="stretch", config=charts.PLOT_CONFIG, key="ev_change_chart",
    )
st.subheader(t("ev_subdimensions_heading"))
grid.dataframe(tables.styled(evaluation.evaluation_table(result, year, "subdimension", lang), lang),
             hide_index=True, width="stretch")
st.subheader(t("ev_dimensions_heading"))
grid.dataframe(tables.styled(evaluation.evaluation_table(result, year, "dimension", lang), lang),
             hide_index=True, width="stretch")
st.caption(evaluation.uncertainty_note(result, lang))

st.subheader(t("ev_weak_heading"))
weak = evaluation.weak_without_task(result.rows)
if weak.empty:
    st.markdown(t("ev_weak_none", baseline=result.baseline))
else:
    names = [evaluation.measure_name(row, lang) for _, row in weak.iterrows()]
    st.markdown(formatting.markdown_safe(t("ev_weak_list", baseline=result.baseline, names=i18n.join(names, lang))))

st.subheader(t("ev_across_heading"))
across = cache.query(evaluation.across_province_plans, tuple(str(p) for p in plans["plan_id"]), peers)
if across["plan_year"].nunique() < 2:
    st.caption(t("ev_across_one"))
else:
    st.caption(t("ev_across_caption"))
    st.plotly_chart(
        cache.figure(charts_evaluation.across_plans_figure, across, lang),
        width="stretch", config=charts.PLOT_CONFIG, key="ev_across_chart",
    )
