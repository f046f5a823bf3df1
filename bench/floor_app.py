"""The platform's floor: a bare Streamlit app shaped like the dashboard, with trivial data.

Served by the same Streamlit in the same benchmark run as the real app.  The
page list comes from a JSON spec named by the environment variable
`BENCH_FLOOR_SPEC`: `{"pages": [{"url": "overview", "title": "...", "charts": 3,
"tables": 2}, ...]}`.  Each page draws that many Plotly charts and tables of
five rows each, depending on the sidebar's province and year so that changing
either redraws them, exactly as a real page must.  The sidebar has the same
shape as the dashboard's (language switch, province and year selectboxes,
comparison multiselect, all mirrored to the URL), so the three measured
actions (first load, page switch, filter change) exist here too.

A page with `"charts": 0, "tables": 0` and `"bare": true` in the spec never
imports Plotly or pandas: that is the bare server used for the memory floor.

With the environment variable `BENCH_FLOOR_STORE` naming a DuckDB store built by
`lib.store`, every page also opens it once per process (as the dashboard does, one
cached connection) and shows one count from it: the floor of the fixed stack,
Streamlit, Plotly, pandas and DuckDB, for the memory comparison.

A page with `"elements": {kind: count}` (Streamlit test ids as counted in the
browser, see `bench/browser.py`) also draws that many of each other element,
with trivial content: the element floor, which mirrors the whole page rather
than only its charts and tables (page switches and year changes are budgeted on
it: it shows how much of a page's time its choice of elements costs on this
platform by itself).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import streamlit as st

SPEC = json.loads(Path(os.environ["BENCH_FLOOR_SPEC"]).read_text(encoding="utf-8"))
YEARS = list(range(2011, 2025))
PROVINCES = {f"{n:02d}": f"Tỉnh {n:02d}" for n in range(1, 64)}
PROVINCES["66"] = "Đắk Lắk"


def _param(name: str, default: str) -> str:
    value = st.query_params.get(name)
    return value if value else default


def sidebar() -> tuple[str, str, int]:
    """The dashboard's sidebar shape with trivial options."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = _param("lang", "vi")
    if "province" not in st.session_state:
        code = _param("province", "66")
        st.session_state["province"] = code if code in PROVINCES else "66"
    if "year" not in st.session_state:
        wanted = _param("year", str(YEARS[-1]))
        st.session_state["year"] = int(wanted) if wanted.isdigit() and int(wanted) in YEARS else YEARS[-1]
    if "peers" not in st.session_state:
        st.session_state["peers"] = [c for c in _param("peers", "62,64,66,67,68").split(",") if c in PROVINCES]
    with st.sidebar:
        lang = st.segmented_control(
            "Ngôn ngữ / Language", options=["vi", "en"], key="lang",
            format_func=lambda c: "Tiếng Việt" if c == "vi" else "English",
        ) or "vi"  # fmt: skip
        code = st.selectbox("Tỉnh/thành phố", options=list(PROVINCES), format_func=PROVINCES.get, key="province")
        year = st.selectbox("Năm PAPI", options=YEARS[::-1], key="year")
        peers = st.multiselect("Nhóm so sánh", options=list(PROVINCES), format_func=PROVINCES.get, key="peers")
    st.query_params.update({"lang": lang, "province": code, "year": str(year), "peers": ",".join(peers)})
    return lang, code, int(year)


def _mirror(kinds: dict[str, int], year: int) -> None:
    """Draw the counted elements of a real page with trivial content (unknown kinds are skipped)."""
    for i in range(kinds.get("stHeading", 0) - 1):  # the page's title is one of them
        st.subheader(f"Heading {i + 1}")
    for i in range(kinds.get("stMarkdown", 0)):
        st.caption(f"Text {i + 1} ({year})")
    if kinds.get("stMetric", 0):
        for i, column in enumerate(st.columns(kinds["stMetric"])):
            column.metric(f"Metric {i + 1}", year - 2000 + i, delta=1)
    for i in range(kinds.get("stAlert", 0)):
        st.info(f"Note {i + 1}")
    for i in range(kinds.get("stButtonGroup", 0)):
        st.segmented_control(f"Level {i + 1}", ["a", "b"], default="a", key=f"m-group-{i}")
    for i in range(kinds.get("stSelectbox", 0)):
        st.selectbox(f"Choice {i + 1}", ["a", "b", "c"], key=f"m-select-{i}")
    for i in range(kinds.get("stMultiSelect", 0)):
        st.multiselect(f"Filter {i + 1}", ["a", "b", "c"], key=f"m-multi-{i}")
    for i in range(kinds.get("stTextInput", 0)):
        st.text_input(f"Search {i + 1}", key=f"m-text-{i}")
    for i in range(kinds.get("stText", 0)):
        st.text(f"Plain text {i + 1}")
    for i in range(kinds.get("stDownloadButton", 0)):
        st.download_button(f"Download {i + 1}", "a,b\n1,2\n", file_name="floor.csv", key=f"m-download-{i}")
    for i in range(kinds.get("stFileUploader", 0)):
        st.file_uploader(f"File {i + 1}", key=f"m-upload-{i}")
    for i in range(kinds.get("stTabs", 0)):
        st.tabs([f"Tab {i + 1}a", f"Tab {i + 1}b"])
    for i in range(kinds.get("stExpander", 0)):
        with st.expander(f"More {i + 1}"):
            st.caption("hidden")


@st.cache_resource
def _store_connection(path: str):
    import duckdb

    return duckdb.connect(path, read_only=True)


def _store_count() -> int | None:
    """Rows of the scores table of the store named by `BENCH_FLOOR_STORE`, or None without one."""
    path = os.environ.get("BENCH_FLOOR_STORE")
    if not path:
        return None
    row = _store_connection(path).cursor().execute("SELECT count(*) FROM scores").fetchone()
    return int(row[0]) if row else 0


def make_page(spec: dict[str, Any]):
    """Return the callable of one floor page."""
    charts = int(spec.get("charts", 0))
    tables = int(spec.get("tables", 0))
    title = str(spec.get("title", spec["url"]))
    elements = {str(k): int(v) for k, v in spec.get("elements", {}).items()}

    def page() -> None:
        selection = st.session_state["_floor_selection"]
        _, code, year = selection
        st.title(title)
        rows = _store_count()
        if rows is not None:
            st.caption(f"{rows} score rows")
        if charts or tables:
            import pandas as pd
            import plotly.graph_objects as go

            seed = int(code) + year
            frame = pd.DataFrame({"label": list("ABCDE"), "value": [(seed + i * 3) % 11 + 1 for i in range(5)]})
            for i in range(charts):
                fig = go.Figure(go.Bar(x=frame["label"], y=frame["value"] + i))
                fig.update_layout(title=f"Chart {i + 1} ({year})", height=360, margin={"l": 10, "r": 10, "t": 50})
                st.plotly_chart(fig, width="stretch", config={"displaylogo": False}, key=f"chart-{i}")
            for i in range(tables):
                st.dataframe(frame.assign(table=i), hide_index=True)
        if elements:
            _mirror(elements, year)
        elif not (charts or tables):
            st.write(f"{code} {year}")

    page.__name__ = "floor_" + str(spec["url"])
    return page


st.set_page_config(page_title="floor", layout="wide")
st.session_state["_floor_selection"] = sidebar()
navigation = st.navigation(
    [
        st.Page(make_page(spec), title=str(spec.get("title", spec["url"])), url_path=str(spec["url"]), default=(i == 0))
        for i, spec in enumerate(SPEC["pages"])
    ]
)
navigation.run()
