"""Shared fixtures: the committed data and a store built from scratch in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lib.domain import paths
from lib.store import database


@pytest.fixture(scope="session")
def scores() -> pd.DataFrame:
    """The committed tidy scores, read with explicit types."""
    return pd.read_csv(
        paths.SCORES_CSV,
        dtype={"province_code": "string", "province": "string", "subdimension": "Int64"},
    )


@pytest.fixture(scope="session")
def structure() -> pd.DataFrame:
    """The committed PAPI structure table."""
    return pd.read_csv(paths.STRUCTURE_CSV, dtype={"subdimension": "Int64", "sc_column": "string"})


@pytest.fixture(scope="session")
def shared_sources() -> Path:
    """The read-only source folder beside the checkout (present in development and CI)."""
    if not paths.SOURCES_DIR.exists():
        pytest.skip("../shared/data-sources is not beside this checkout")
    return paths.SOURCES_DIR


@pytest.fixture(scope="session")
def session_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """One store built from the CSVs for read-only tests."""
    con = database.connect(tmp_path_factory.mktemp("store") / "papi.duckdb")
    yield con
    con.close()


@pytest.fixture()
def fresh_store(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store built from scratch in this test's own folder."""
    con = database.connect(tmp_path / "papi.duckdb")
    yield con
    con.close()
