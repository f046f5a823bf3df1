"""The DuckDB store built from scratch: tables, joins, derived totals, rebuild safety."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from lib.store import database, queries
from tests import facts


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    row = con.cursor().execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


def test_store_holds_every_csv_row(fresh_store: duckdb.DuckDBPyConnection, scores: pd.DataFrame) -> None:
    tasks = pd.read_csv(Path(database.paths.TASKS_CSV))
    assert _scalar(fresh_store, "SELECT count(*) FROM scores") == len(scores)
    assert _scalar(fresh_store, "SELECT count(*) FROM tasks") == len(tasks)
    assert _scalar(fresh_store, "SELECT count(*) FROM provinces WHERE era = '63'") == facts.PROVINCES_BEFORE_2025


def test_join_view_gives_each_task_its_dimension_score_every_year(fresh_store: duckdb.DuckDBPyConnection) -> None:
    view = fresh_store.cursor().execute("SELECT * FROM task_dimension_scores").df()
    tasks = fresh_store.cursor().execute("SELECT task_id, dimension FROM tasks").df()
    per_task = view.groupby("task_id")["year"].agg(["min", "max", "count"])
    assert set(per_task.index) == set(tasks["task_id"])
    dims_1_6 = tasks[tasks["dimension"] <= 6]["task_id"]
    dims_7_8 = tasks[tasks["dimension"] >= 7]["task_id"]
    assert (per_task.loc[dims_1_6, "count"] == 14).all()  # 2011-2024, Đắk Lắk never excluded
    assert (per_task.loc[dims_7_8, "min"] == 2018).all()
    dak_lak_2017_d1 = view[(view["dimension"] == 1) & (view["year"] == 2017)]["score"].round(2).unique()
    assert list(dak_lak_2017_d1) == [5.21]


def test_derived_total_and_rank(fresh_store: duckdb.DuckDBPyConnection) -> None:
    total = queries.total_with_change(fresh_store, facts.PROVINCE_CODE, 2019)
    assert total["rank"].item() == facts.RANK_2019
    assert total["ranked_provinces"].item() == facts.RANKED_2019
    assert queries.total_with_change(fresh_store, "24", 2014).empty  # Bắc Giang excluded in 2014


def test_dimension_scores_query(fresh_store: duckdb.DuckDBPyConnection) -> None:
    dims = queries.dimension_profile(fresh_store, "66", 2017).dropna(subset=["score"])
    assert dims["dimension"].tolist() == [1, 2, 3, 4, 5, 6]
    assert dims["score"].round(2).tolist() == [5.21, 5.17, 4.82, 5.20, 7.24, 7.00]
    assert (dims["ranked_provinces"] == facts.RANKED_2017).all()


def test_reopening_keeps_scores_added_after_the_seed(tmp_path: Path) -> None:
    path = tmp_path / "papi.duckdb"
    con = database.connect(path)
    con.cursor().execute("DELETE FROM scores WHERE year = 2024")
    before = _scalar(con, "SELECT count(*) FROM scores")
    con.close()
    again = database.connect(path)
    assert _scalar(again, "SELECT count(*) FROM scores") == before
    assert queries.score_years(again)[-1] == 2023
    again.close()
