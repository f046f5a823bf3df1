"""Overview: headline figures for the chosen province and year."""

import streamlit as st

from lib import i18n, queries, ui

selection = ui.sidebar_selection()
lang = selection.lang
con = ui.conn()

st.title(i18n.t("app_title", lang))
st.metric(i18n.t("tasks", lang), queries.task_count(con))
total = queries.total_score(con, selection.province_code, selection.year)
if total.empty:
    st.info(i18n.t("no_data_year", lang, province=selection.province_name, year=selection.year))
else:
    st.metric(i18n.t("total_score", lang), f"{total['total'].iloc[0]:.2f}")
