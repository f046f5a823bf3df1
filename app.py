"""Router: the shared sidebar, then the page the user chose."""

from __future__ import annotations

import streamlit as st

from lib.domain import i18n
from lib.ui import sidebar

st.set_page_config(page_title="PAPI", page_icon=":bar_chart:", layout="wide")
# Browser print (Ctrl+P): the page alone on A4, no sidebar, header or buttons, charts never split.
st.html(
    "<style>@media print {@page {size: A4 portrait; margin: 10mm}"
    " [data-testid=stSidebar], [data-testid=stHeader], [data-testid=stToolbar], [data-testid=stDecoration],"
    " [data-testid=stSidebarCollapsedControl], [data-testid=stDownloadButton], [data-testid=stExpander],"
    " [data-testid=stPageLink]"
    " {display: none !important}"
    " [data-testid=stAppViewContainer], [data-testid=stMain], [data-testid=stMainBlockContainer]"
    " {overflow: visible !important; height: auto !important; position: static !important;"
    " padding: 0 !important; max-width: 100% !important}"
    " .stApp {min-height: 0 !important; height: auto !important} .stPlotlyChart {zoom: 0.6}"
    # Metrics stay in one row on paper.
    " [data-testid=stHorizontalBlock] {display: flex !important; flex-wrap: nowrap !important; gap: 0.5rem !important}"
    " [data-testid=stColumn], [data-testid=stHorizontalBlock] > div {min-width: 0 !important; flex: 1 1 0 !important}"
    # A chart's container keeps its on-screen height unless told otherwise; the zoomed chart needs less.
    " [data-testid=stElementContainer]:has(.stPlotlyChart) {flex: 0 0 auto !important; height: auto !important}"
    " [data-testid=stBottomBlockContainer], [data-testid=stStatusWidget] {display: none !important}"
    # Paper is not a screen to scroll: headings and metric values a size smaller, so the plan's progress
    # fits on Overview's page too.
    " h1 {font-size: 1.6rem !important} h3 {font-size: 1.15rem !important}"
    " [data-testid=stMetricValue] {font-size: 1.4rem !important}"
    " .stPlotlyChart, [data-testid=stMetric] {break-inside: avoid}}</style>"
)

selection = sidebar.sidebar()
sidebar.remember(selection)
lang = selection.lang

# url_path values are stable, language-independent page addresses for links.
PAGES = [
    ("pages/overview.py", "page_overview", ":material/dashboard:", "overview"),
    ("pages/dimensions.py", "page_dimensions", ":material/stacked_bar_chart:", "dimensions"),
    ("pages/agencies.py", "page_agencies", ":material/account_tree:", "agencies"),
    ("pages/trends.py", "page_trends", ":material/trending_up:", "trends"),
    ("pages/evaluation.py", "page_evaluation", ":material/fact_check:", "evaluation"),
    ("pages/tasks.py", "page_tasks", ":material/checklist:", "tasks"),
    ("pages/reports.py", "st_page", ":material/task_alt:", "reports"),
    ("pages/provinces.py", "page_provinces", ":material/map:", "provinces"),
    ("pages/plans.py", "pv_page", ":material/compare_arrows:", "plans"),
    ("pages/upload.py", "page_upload", ":material/upload_file:", "upload"),
]
page = st.navigation(
    [
        st.Page(path, title=i18n.t(label, lang), icon=icon, url_path=url, default=(url == "overview"))
        for path, label, icon, url in PAGES
    ]
)
page.run()
