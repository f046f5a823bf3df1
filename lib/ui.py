"""Streamlit glue: the cached store connection, the shared sidebar and URL state.

The only module under `lib/` that imports Streamlit.  The sidebar choices
(language, province, year, comparison group) live in `st.session_state` and
are mirrored to the URL's query parameters, so switching pages keeps them and
a copied link reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import streamlit as st

from lib import i18n, paths, provinces, queries, store

DEFAULT_PROVINCE = "66"  # Đắk Lắk, the province of the first plan.


@dataclass(frozen=True)
class Selection:
    """What the user chose in the sidebar."""

    lang: str
    province_code: str
    province_name: str
    year: int
    peers: tuple[str, ...]


@st.cache_resource(show_spinner=False)
def connection(db_path: str) -> duckdb.DuckDBPyConnection:
    """Return the one store connection of this process (use a cursor per query)."""
    return store.connect(paths.Path(db_path))


def conn() -> duckdb.DuckDBPyConnection:
    """Return the process-wide connection for the configured store path."""
    return connection(str(paths.store_path()))


@st.cache_data(max_entries=8, show_spinner=False)
def _years(_con: duckdb.DuckDBPyConnection, db_key: str, version: int) -> list[int]:
    return queries.score_years(_con)


@st.cache_data(max_entries=8, show_spinner=False)
def _provinces(_con: duckdb.DuckDBPyConnection, db_key: str, version: int) -> dict[str, str]:
    frame = queries.provinces_with_scores(_con)
    return dict(zip(frame["code"], frame["name_vi"], strict=True))


def data_version() -> int:
    """Return a counter bumped after every upload or rollback, used in cache keys."""
    return int(st.session_state.get("data_version", 0))


def _param(name: str, default: str) -> str:
    value = st.query_params.get(name)
    return value if value else default


def sidebar() -> Selection:
    """Build the shared sidebar and return the current selection."""
    con = conn()
    db_key = str(paths.store_path())
    years = _years(con, db_key, data_version())
    province_names = _provinces(con, db_key, data_version())

    if "lang" not in st.session_state:
        st.session_state["lang"] = _param("lang", i18n.DEFAULT_LANGUAGE)
    if "province" not in st.session_state:
        code = _param("province", DEFAULT_PROVINCE)
        st.session_state["province"] = code if code in province_names else DEFAULT_PROVINCE
    if "year" not in st.session_state:
        wanted = _param("year", str(years[-1]))
        st.session_state["year"] = int(wanted) if wanted.isdigit() and int(wanted) in years else years[-1]
    if "peers" not in st.session_state:
        wanted_peers = [
            c for c in _param("peers", ",".join(provinces.CENTRAL_HIGHLANDS)).split(",") if c in province_names
        ]
        st.session_state["peers"] = wanted_peers

    with st.sidebar:
        lang = (
            st.segmented_control(
                "Ngôn ngữ / Language",
                options=list(i18n.LANGUAGES),
                format_func=lambda code: "Tiếng Việt" if code == "vi" else "English",
                key="lang",
            )
            or i18n.DEFAULT_LANGUAGE
        )
        code = st.selectbox(
            i18n.t("province", lang),
            options=list(province_names),
            format_func=lambda c: province_names[c],
            key="province",
        )
        year = st.selectbox(i18n.t("year", lang), options=years[::-1], key="year")
        peers = st.multiselect(
            i18n.t("peers", lang),
            options=list(province_names),
            format_func=lambda c: province_names[c],
            key="peers",
            help=i18n.t("peers_help", lang),
        )

    st.query_params.update({"lang": lang, "province": code, "year": str(year), "peers": ",".join(peers)})
    return Selection(
        lang=lang, province_code=code, province_name=province_names[code], year=int(year), peers=tuple(peers)
    )


def remember(selection: Selection) -> None:
    """Keep the sidebar's selection for the page that runs after the router."""
    st.session_state["_selection"] = selection


def sidebar_selection() -> Selection:
    """Return the selection the router built before running this page."""
    selection = st.session_state.get("_selection")
    if selection is None:
        selection = sidebar()
        remember(selection)
    return selection


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached_query(name: str, args: tuple[object, ...], db_key: str, version: int) -> object:
    return getattr(queries, name)(conn(), *args)


def query(name: str, *args: object) -> Any:
    """Run the named query from `lib.queries` with `args`, cached per store and data version.

    Arguments must be small hashable values (codes, years, language); the
    connection is supplied here, so callers never pass it.
    """
    return _cached_query(name, tuple(args), str(paths.store_path()), data_version())
