"""Every query the pages need, by name.  Each takes a DuckDB connection and plain
values, runs on its own cursor with bound parameters, and returns a DataFrame
(or a scalar where that is the natural answer).
"""

from __future__ import annotations

import duckdb
import pandas as pd


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> pd.DataFrame:
    """Run `sql` on a fresh cursor and return the result as a DataFrame."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()


def score_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Return the years that have at least one score, ascending."""
    return [int(y) for y in _frame(con, "SELECT DISTINCT year FROM scores ORDER BY year")["year"]]


def provinces_with_scores(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return every province that has scores: code, Vietnamese name, first and last year."""
    return _frame(
        con,
        """
        SELECT province_code AS code, any_value(province) AS name_vi,
               min(year) AS first_year, max(year) AS last_year
        FROM scores GROUP BY province_code ORDER BY name_vi
        """,
    )


def task_count(con: duckdb.DuckDBPyConnection, province: str | None = None) -> int:
    """Return the number of tasks, for one plan province or for all."""
    row = (
        con.cursor()
        .execute("SELECT count(*) FROM tasks WHERE ? IS NULL OR province = ?", [province, province])
        .fetchone()
    )
    return int(row[0]) if row else 0


def dimension_scores(con: duckdb.DuckDBPyConnection, province_code: str, year: int) -> pd.DataFrame:
    """Return one province's dimension scores in one year with rank and national median."""
    return _frame(
        con,
        """
        SELECT dimension, score, rank, ranked_provinces, national_median
        FROM dimension_scores WHERE province_code = ? AND year = ? ORDER BY dimension
        """,
        [province_code, year],
    )


def total_score(con: duckdb.DuckDBPyConnection, province_code: str, year: int) -> pd.DataFrame:
    """Return one province's derived total for a year (empty if any dimension is missing)."""
    return _frame(
        con,
        "SELECT total, rank, ranked_provinces, national_median FROM total_scores WHERE province_code = ? AND year = ?",
        [province_code, year],
    )
