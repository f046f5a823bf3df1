"""Queries behind the comparison of plans (pages/plans.py): the tasks, their dimensions and
sub-dimensions, and the agencies' load of given plans.

Each takes the connection and a tuple of plan ids (`queries.province_plans` lists a province's),
runs on its own cursor with bound parameters and returns a DataFrame with a `plan_id` column.
A task linked to no PAPI dimension (dimension NULL) is kept: its dimension stays missing.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

_CHOSEN = "list_contains(CAST(? AS VARCHAR[]), t.plan_id)"


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def plans_by_id(con: duckdb.DuckDBPyConnection, plan_ids: Sequence[str]) -> pd.DataFrame:
    """The plans `plan_ids` (plan_id, era, province_code, province, plan_year, document, title, tasks),
    newest first; an unknown id has no row."""
    return _frame(
        con,
        """
        SELECT p.plan_id, p.era, p.province_code, p.province, p.plan_year, p.document, p.title,
               (SELECT count(*) FROM tasks t WHERE t.plan_id = p.plan_id) AS tasks
        FROM plans p WHERE list_contains(CAST(? AS VARCHAR[]), p.plan_id)
        ORDER BY p.plan_year DESC, p.document, p.plan_id
        """,
        [list(plan_ids)],
    )


def plan_tasks(con: duckdb.DuckDBPyConnection, plan_ids: Sequence[str]) -> pd.DataFrame:
    """Every task of the plans, in each plan's order: task_id, plan_id, plan_year, dimension (missing when
    unmapped), plan_section, plan_section_title, number, papi_subdimensions, task, lead_agency,
    implementing_agencies."""
    return _frame(
        con,
        f"""
        SELECT t.task_id, t.plan_id, t.plan_year, t.dimension, t.plan_section, t.plan_section_title, t.number,
               t.papi_subdimensions, t.task, t.lead_agency, t.implementing_agencies
        FROM tasks t WHERE {_CHOSEN}
        ORDER BY t.plan_id, t.source_line, t.task_id
        """,
        [list(plan_ids)],
    )


def dimension_counts(con: duckdb.DuckDBPyConnection, plan_ids: Sequence[str]) -> pd.DataFrame:
    """Tasks per plan and dimension: plan_id, dimension (missing = linked to no PAPI dimension), tasks."""
    return _frame(
        con,
        f"""
        SELECT t.plan_id, t.dimension, count(*) AS tasks
        FROM tasks t WHERE {_CHOSEN}
        GROUP BY t.plan_id, t.dimension
        ORDER BY t.plan_id, t.dimension NULLS LAST
        """,
        [list(plan_ids)],
    )


def subdimension_counts(con: duckdb.DuckDBPyConnection, plan_ids: Sequence[str]) -> pd.DataFrame:
    """Tasks per plan and sub-dimension key: plan_id, dimension, key, subdimension (its number), name_vi,
    name_en, tasks.

    A task naming several keys counts for each; a task of a dimension that names no key counts in a
    row with a missing key (it covers the whole dimension).  Names are those of the newest structure
    year holding the key.
    """
    return _frame(
        con,
        f"""
        WITH chosen AS (SELECT * FROM tasks t WHERE {_CHOSEN}),
        names AS (
            SELECT key, arg_max(dimension, year) AS dimension, arg_max(name_vi, year) AS name_vi,
                   arg_max(name_en, year) AS name_en, arg_max(subdimension, year) AS subdimension
            FROM papi_structure WHERE subdimension IS NOT NULL GROUP BY key
        ), keyed AS (
            SELECT c.plan_id, c.dimension, ts.key FROM chosen c JOIN task_subdimensions ts USING (task_id)
            UNION ALL
            SELECT plan_id, dimension, NULL AS key FROM chosen
            WHERE dimension IS NOT NULL AND coalesce(trim(papi_subdimensions), '') = ''
        )
        SELECT k.plan_id, coalesce(n.dimension, k.dimension) AS dimension, k.key, n.subdimension, n.name_vi,
               n.name_en, count(*) AS tasks
        FROM keyed k LEFT JOIN names n USING (key)
        GROUP BY k.plan_id, coalesce(n.dimension, k.dimension), k.key, n.name_vi, n.name_en, n.subdimension
        ORDER BY k.plan_id, dimension, k.key IS NOT NULL, n.subdimension, k.key
        """,
        [list(plan_ids)],
    )


def agency_load(con: duckdb.DuckDBPyConnection, plan_ids: Sequence[str]) -> pd.DataFrame:
    """Per plan and agency: tasks led, tasks implemented and distinct tasks (unmapped tasks count too)."""
    return _frame(
        con,
        f"""
        SELECT t.plan_id, a.agency,
               count(DISTINCT a.task_id) FILTER (WHERE a.role = 'lead') AS led,
               count(DISTINCT a.task_id) FILTER (WHERE a.role = 'implementing') AS implemented,
               count(DISTINCT a.task_id) AS tasks
        FROM task_agencies a JOIN tasks t USING (task_id)
        WHERE {_CHOSEN}
        GROUP BY t.plan_id, a.agency
        ORDER BY t.plan_id, a.agency
        """,
        [list(plan_ids)],
    )


def unmapped_tasks(con: duckdb.DuckDBPyConnection, plan_ids: Sequence[str]) -> pd.DataFrame:
    """The tasks of the plans linked to no PAPI dimension, in plan order (the columns of `plan_tasks`)."""
    return _frame(
        con,
        f"""
        SELECT t.task_id, t.plan_id, t.plan_year, t.dimension, t.plan_section, t.plan_section_title, t.number,
               t.papi_subdimensions, t.task, t.lead_agency, t.implementing_agencies
        FROM tasks t WHERE {_CHOSEN} AND t.dimension IS NULL
        ORDER BY t.plan_id, t.source_line, t.task_id
        """,
        [list(plan_ids)],
    )
