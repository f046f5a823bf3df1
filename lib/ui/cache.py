"""Streamlit glue for data: the process's one store connection, and the caches of queries and figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import duckdb
import streamlit as st

from lib.domain import paths, provinces
from lib.store import database, queries

if TYPE_CHECKING:
    import plotly.graph_objects as go

@st.cache_resource(show_spinner=False)
def connection(db_path: str) -> duckdb.DuckDBPyConnection:
    """Return the one store connection of this process (use a cursor per query)."""
    return database.connect(paths.Path(db_path))


def conn() -> duckdb.DuckDBPyConnection:
    """Return the process-wide connection for the configured store path."""
    return connection(str(paths.store_path()))


@st.cache_data(max_entries=8, show_spinner=False)
def _years(_con: duckdb.DuckDBPyConnection, db_key: str, version: int) -> list[int]:
    return queries.score_years(_con)


@st.cache_data(max_entries=8, show_spinner=False)
def _provinces(_con: duckdb.DuckDBPyConnection, db_key: str, version: int, era: str = "63") -> dict[str, str]:
    frame = queries.provinces_with_scores(_con, era)
    return dict(zip(frame["code"], frame["name_vi"], strict=True))


def data_version() -> int:
    """Return a counter bumped after every upload or rollback, used in cache keys.

    The store's own counter makes every session see a commit made in another one.
    It is read from the store once per script run (by the sidebar), not once per query.
    """
    run_version = st.session_state.get("_store_version")
    if run_version is None:
        run_version = database.scores_version(conn())
    return int(st.session_state.get("data_version", 0)) + int(run_version)


def _read_store_version() -> None:
    """Read the store's commit counter for this run (see `data_version`)."""
    st.session_state["_store_version"] = database.scores_version(conn())


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached_query(name: str, args: tuple[object, ...], db_key: str, version: int) -> object:
    return getattr(queries, name)(conn(), *args)


def query(name: str, *args: object) -> Any:
    """Run the named query from `lib.queries` with `args`, cached per store and data version.

    Arguments must be small hashable values (codes, years, language); the
    connection is supplied here, so callers never pass it.
    """
    return _cached_query(name, tuple(args), str(paths.store_path()), data_version())


@st.cache_resource(max_entries=48, ttl=3600, show_spinner=False)
def _cached_figure(view: str, key: tuple[object, ...], db_key: str, version: int, _build: Callable[[], Any]) -> Any:
    return _build()


def figure(view: str, key: tuple[object, ...], build: Callable[[], go.Figure]) -> go.Figure:
    """Return `build()`, built once per `view`, `key` and data version and shared by every session.

    `key` must hold every choice the figure depends on (province, year,
    language, …); the data version is added here.  The figure is shared:
    callers pass it to `st.plotly_chart` and never change it.
    """
    return _cached_figure(view, key, str(paths.store_path()), data_version(), build)


@st.cache_resource(show_spinner=False)
def map_features() -> list[tuple[str, str]]:
    """Return the (code, name) pairs of the map's provinces, read once per process."""
    from lib.present import maps

    return maps.map_features(provinces.load_registry())


def bump_data_version() -> None:
    """Invalidate cached query results after this session changed the scores."""
    st.session_state["data_version"] = int(st.session_state.get("data_version", 0)) + 1
    st.session_state.pop("_store_version", None)  # read it again: this session just changed it
    for key in ("year", "province", "peers"):  # the sidebar re-validates them against the new data
        st.session_state.pop(key, None)
