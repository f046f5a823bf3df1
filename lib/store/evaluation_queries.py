"""Queries for judging a plan: what it targeted, and every province's scores before and after it.

`lib/present/evaluation.py` turns these frames into the before/after table, the
difference in differences and the sentences a leader reads; nothing here
computes a change, so every figure it shows traces back to these rows.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lib.store.queries import _frame


def plan_row(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Return the plan's row (plan_id, era, province_code, province, plan_year, document, title); empty if unknown."""
    return _frame(
        con,
        "SELECT plan_id, era, province_code, province, plan_year, document, title FROM plans WHERE plan_id = ?",
        [plan_id],
    )


def plan_targets(con: duckdb.DuckDBPyConnection, plan_id: str) -> pd.DataFrame:
    """Return what the plan aimed at: one row per (dimension, key) with the tasks it gave.

    `key` is a sub-dimension key for tasks linked to it, NULL for tasks linked to the
    whole dimension; tasks linked to no dimension are counted with dimension NULL.
    """
    return _frame(
        con,
        """
        WITH plan_tasks AS (SELECT * FROM tasks WHERE plan_id = ?)
        SELECT t.dimension, ts.key, count(DISTINCT t.task_id) AS tasks
        FROM plan_tasks t LEFT JOIN task_subdimensions ts USING (task_id)
        GROUP BY t.dimension, ts.key
        ORDER BY t.dimension NULLS LAST, ts.key NULLS FIRST
        """,
        [plan_id],
    )


def scores_for_years(con: duckdb.DuckDBPyConnection, years: tuple[int, ...]) -> pd.DataFrame:
    """Return every province's dimension and sub-dimension scores of `years`, one row per score:
    year, era, province_code, province, dimension, key (NULL for a dimension), subdimension,
    name_vi, name_en, scale_min, scale_max, score."""
    if not years:
        return pd.DataFrame(
            columns=["year", "era", "province_code", "province", "dimension", "key", "subdimension",
                     "name_vi", "name_en", "scale_min", "scale_max", "score"]
        )
    marks = ", ".join("?" for _ in years)
    return _frame(
        con,
        # The scores table itself, not the ranked views: their window functions would rank every year
        # before the filter (at 100x data that ran out of the store's memory).
        f"""
        SELECT s.year, era_of_year(s.year) AS era, s.province_code, s.province, s.dimension, st.key,
               s.subdimension, st.name_vi, st.name_en,
               coalesce(st.scale_min, 1.0) AS scale_min, coalesce(st.scale_max, 10.0) AS scale_max, s.score
        FROM scores s
        LEFT JOIN papi_structure st
          ON st.year = s.year AND st.dimension = s.dimension AND st.subdimension = s.subdimension
        WHERE s.year IN ({marks}) AND (s.subdimension IS NULL OR st.key IS NOT NULL)
        ORDER BY 1, 5, 7 NULLS FIRST, 3
        """,
        list(years),
    )
