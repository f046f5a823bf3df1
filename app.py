"""Router: the shared sidebar, then the page the user chose."""

from __future__ import annotations

import streamlit as st

from lib import i18n, ui

st.set_page_config(page_title="PAPI", page_icon=":bar_chart:", layout="wide")

selection = ui.sidebar()
ui.remember(selection)
lang = selection.lang
pages = [
    st.Page(
        "pages/overview.py",
        title=i18n.t("page_overview", lang),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
]
page = st.navigation(pages)
page.run()
