"""Streamlit glue for data: the process's one store connection, and the caches of queries and figures.

Every cached value is keyed on the store's own version (`database.store_version`:
the file's id and a counter raised in the transaction of each commit and
rollback), read once per script run.  A session never keeps a version of its
own, so whatever one editor commits, every session's next run reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from lib.domain import paths, provinces
from lib.present import selection as choice
from lib.store import database, queries

if TYPE_CHECKING:
    import plotly.graph_objects as go

P = ParamSpec("P")
R = TypeVar("R")

_RUN_VERSION = "_store_version"  # session key: the store version this script run reads


@st.cache_resource(show_spinner=False)
def connection(db_path: str) -> duckdb.DuckDBPyConnection:
    """Return the one store connection of this process (use a cursor per query)."""
    return database.connect(paths.Path(db_path))


def conn() -> duckdb.DuckDBPyConnection:
    """Return the process-wide connection for the configured store path."""
    return connection(str(paths.store_path()))


def read_store_version() -> str:
    """Read the store's version for this script run; the router calls it first thing in every run.

    Everything cached in the run (queries, figures, the years and province
    lists) is keyed on this one reading, so a run never mixes two versions in
    its keys.
    """
    version = f"{paths.store_path()}#{database.store_version(conn())}"
    st.session_state[_RUN_VERSION] = version
    return version


def store_version() -> str:
    """Return the store version read at the start of this run (read now if the run has none yet)."""
    version = st.session_state.get(_RUN_VERSION)
    return version if isinstance(version, str) else read_store_version()


def _name(fn: Callable[..., object]) -> str:
    """The qualified name that keys `fn`'s cache entries; refused for lambdas and local functions."""
    qualified = f"{fn.__module__}.{fn.__qualname__}"
    if "<" in qualified:  # `<lambda>`, `<locals>`: two different functions could share the name
        raise TypeError(f"cache keys need a module-level function, not {qualified}")
    return qualified


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached_query(name: str, args: tuple[object, ...], kwargs: tuple[tuple[str, object], ...], version: str,  # noqa: ARG001 - name and version are the cache key
                  _fn: Callable[..., object]) -> object:
    return _fn(conn(), *args, **dict(kwargs))


def query(
    fn: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], *args: P.args, **kwargs: P.kwargs
) -> R:
    """Call the query `fn` (a function of `lib.store.queries`) with the store's connection and `args`.

    The result is cached per function, arguments and store version; arguments
    must be small hashable values (codes, years, language, tuples of codes).
    Each caller gets its own copy of the result (`st.cache_data`).
    """
    return _cached_query(_name(fn), args, tuple(sorted(kwargs.items())), store_version(), fn)  # type: ignore[return-value]


# --- The sidebar's lists ------------------------------------------------------
#
# Every run of every page draws the sidebar, so its lists are built once per store
# version and shared by all sessions as immutable values (no copy per call, as
# `st.cache_data` makes): a page switch then spends its time on the page.


@dataclass(frozen=True)
class Picker:
    """The province picker of one era: names by code, codes in Vietnamese order, and their labels."""

    names: Mapping[str, str]
    codes: tuple[str, ...]
    labels: Mapping[str, str]


@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def _score_years(version: str) -> tuple[int, ...]:  # noqa: ARG001 - version is the cache key
    return tuple(queries.score_years(conn()))


def score_years() -> tuple[int, ...]:
    """The years that have scores, ascending (`queries.score_years`), for this run's store version."""
    return _score_years(store_version())


@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)
def _picker(era: str, version: str) -> Picker:  # noqa: ARG001 - version is the cache key
    frame = queries.provinces_with_scores(conn(), era)
    names = dict(zip(frame["code"], frame["name_vi"], strict=True))
    codes = tuple(choice.picker_codes(names))
    return Picker(MappingProxyType(names), codes,
                  MappingProxyType({code: choice.picker_label(names[code]) for code in codes}))


def picker(era: str) -> Picker:
    """The province picker of `era` (provinces that have scores), for this run's store version."""
    return _picker(era, store_version())


def province_names(era: str) -> Mapping[str, str]:
    """Return {code: Vietnamese name} of the provinces of `era` that have scores."""
    return picker(era).names


@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def _plan_choices(province: str, era: str, version: str) -> tuple[choice.PlanChoice, ...]:  # noqa: ARG001
    return choice.plan_choices(queries.province_plans(conn(), province, era).to_dict("records"))


def plan_choices(province: str, era: str) -> tuple[choice.PlanChoice, ...]:
    """The plans of a province as the sidebar's chooser offers them (newest first)."""
    return _plan_choices(province, era, store_version())


# --- Figures -----------------------------------------------------------------
#
# A figure's key is derived from everything it is built from: the chart
# function's qualified name, a fingerprint of each argument, and the store
# version.  Frames are fingerprinted by their content (pandas' vectorised
# per-row hash, plus the column names, dtypes, index and `attrs`), not by the
# query that produced them: pages reshape frames before charting them
# (peers apart, effort points), so only the content says for sure what was
# drawn.  The hash is exact at every size (Streamlit's own hasher samples
# the rows of large frames) and takes a millisecond or two for the frames
# charted here (at most a few hundred rows); pickling would be faster but
# its bytes change with a round trip through `st.cache_data`, which would
# turn every hit into a miss.  A value of a type not listed below is refused
# loudly rather than keyed loosely.


def _fingerprint(value: object, digest: hashlib._Hash) -> None:
    """Feed `value` into `digest`, tagged with its type so that 1, 1.0, "1" and True differ."""
    if isinstance(value, pd.DataFrame | pd.Series):
        digest.update(f"{type(value).__name__}{len(value)}".encode())
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        digest.update(repr([(c, str(t)) for c, t in frame.dtypes.items()]).encode())
        digest.update(repr(value.attrs).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
        for _, column in frame.items():  # pandas hashes 1 and "1" of an object column alike: add the types
            if column.dtype == object:
                digest.update(" ".join(type(v).__name__ for v in column).encode())
    elif value is None or isinstance(value, str | int | float | bool):
        digest.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, tuple | list):
        digest.update(f"{type(value).__name__}[{len(value)}](".encode())
        for item in value:
            _fingerprint(item, digest)
        digest.update(b")")
    elif isinstance(value, dict):
        digest.update(f"dict[{len(value)}](".encode())
        for key in sorted(value, key=repr):
            _fingerprint(key, digest)
            _fingerprint(value[key], digest)
        digest.update(b")")
    else:
        raise TypeError(f"cannot derive a figure cache key from a {type(value).__name__}")


def figure_key(build: Callable[..., object], *args: object, **kwargs: object) -> str:
    """Return the cache key of `build(*args, **kwargs)` under this run's store version."""
    digest = hashlib.sha256(_name(build).encode())
    _fingerprint(list(args), digest)
    _fingerprint(dict(kwargs), digest)
    _fingerprint(store_version(), digest)
    return digest.hexdigest()


@st.cache_resource(max_entries=48, ttl=3600, show_spinner=False)
def _cached_figure(key: str, _build: Callable[[], go.Figure]) -> go.Figure:  # noqa: ARG001 - key is the cache key
    return _build()


def figure(build: Callable[P, go.Figure], *args: P.args, **kwargs: P.kwargs) -> go.Figure:
    """Return `build(*args, **kwargs)`, built once per function, arguments and store version.

    The figure is shared by every session that asks with the same arguments:
    callers pass it to `st.plotly_chart` and never change it.
    """
    return _cached_figure(figure_key(build, *args, **kwargs), lambda: build(*args, **kwargs))


@st.cache_resource(show_spinner=False)
def map_features() -> list[tuple[str, str]]:
    """Return the (code, name) pairs of the map's provinces, read once per process."""
    from lib.present import maps

    return maps.map_features(provinces.load_registry())
