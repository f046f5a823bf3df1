"""Every query the pages need.  Each takes a DuckDB connection and plain values,
runs on its own cursor with bound parameters, and returns a DataFrame (or a
list where that is the natural answer).  Pages call them through the cache,
by the function itself: `cache.query(queries.plan_summary, code)`.
"""

from __future__ import annotations

import functools

import duckdb
import pandas as pd

from lib.domain import eras, papi, provinces
from lib.domain.text import fold


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


def provinces_with_scores(con: duckdb.DuckDBPyConnection, era: str | None = None) -> pd.DataFrame:
    """Return every province that has scores: era, code, Vietnamese name, first and last year.

    A province is (era, code): GSO codes were reused from 2025 ('63' up to 2024,
    '34' from 2025), so `era` keeps only that era's list.  Names come from the
    registry of the era, else from the scores.
    """
    return _frame(
        con,
        """
        WITH s AS (SELECT *, era_of_year(year) AS era FROM scores)
        SELECT s.era, s.province_code AS code, coalesce(any_value(p.name_vi), any_value(s.province)) AS name_vi,
               min(s.year) AS first_year, max(s.year) AS last_year
        FROM s LEFT JOIN provinces p ON p.era = s.era AND p.code = s.province_code
        WHERE ?::VARCHAR IS NULL OR s.era = ?::VARCHAR
        GROUP BY s.era, s.province_code ORDER BY name_vi, s.era
        """,
        [era, era],
    )


# --- workload: overview, dimensions, agencies ---
# A plan belongs to a province as (era, code) (`keyed_tasks`); the sidebar's
# province is (era, code) too, and it shows the plans of that province and of
# the province of the other era that is the same place (`province_places`).
# Percentile = percent_rank of the province's score among all provinces that
# year (0 = lowest, 100 = highest); quartile 4 = top quarter (percentile >= 75).

_PLAN_TASKS_CTE = """
    plan_tasks AS (
        SELECT t.* FROM tasks t
        WHERE ((t.province = ? AND era_of_year(t.plan_year) = ?) OR (t.province = ? AND era_of_year(t.plan_year) = ?))
          AND (CAST(? AS VARCHAR) IS NULL OR t.plan_id = ?)
    )
"""


def _plan_keys(province_code: str, era: str, plan_id: str | None = None) -> tuple[object, ...]:
    """Bound values for `_PLAN_TASKS_CTE`: the tasks of plan `plan_id` of the province (era, code), or of
    all its plans when `plan_id` is None (search across plans)."""
    return (*_place_keys(province_code, era), plan_id, plan_id)


@functools.lru_cache(maxsize=256)
def _place_keys(province_code: str, era: str) -> tuple[object, ...]:
    """The province's plans: those of (era, code) and of the same place in the other era.

    A plan names its province; its era is the era of its plan year, so (name, era) is the
    plan's (era, code) read through the registry.  A second place that does not exist is
    bound as NULL and matches nothing.
    """
    places = provinces.same_place(province_code, era)
    values: list[object] = []
    for place_era, place_code in [*places, (None, None)][:2]:
        values += [provinces.province_name(place_code, place_era) if place_era else None, place_era]
    return tuple(values)


def plan_summary(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, plan_id: str | None = None
) -> pd.DataFrame:
    """Return one row on the province's plan(s): tasks, agencies, tasks without lead/implementer, tasks
    linked to no PAPI dimension (`unmapped`), plan years.

    `tasks` is 0 when the province has no plan.
    """
    return _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """
        SELECT count(*) AS tasks,
               (SELECT count(DISTINCT a.agency) FROM task_agencies a
                 WHERE a.task_id IN (SELECT task_id FROM plan_tasks)) AS agencies,
               count(*) FILTER (WHERE coalesce(trim(lead_agency), '') = '') AS no_lead,
               count(*) FILTER (WHERE coalesce(trim(implementing_agencies), '') = '') AS no_implementer,
               count(*) FILTER (WHERE dimension IS NULL) AS unmapped,
               coalesce(string_agg(DISTINCT CAST(plan_year AS VARCHAR), ', ' ORDER BY CAST(plan_year AS VARCHAR)), '')
                   AS plan_years
        FROM plan_tasks
        """,
        [*_plan_keys(province_code, era, plan_id)],
    )


def province_plans(con: duckdb.DuckDBPyConnection, province_code: str, era: str) -> pd.DataFrame:
    """Return the plans of the province (era, code), and of the same place in the other era, newest first:
    plan_id, era, province_code, province, plan_year, document, title, source, upload_id, tasks."""
    places = provinces.same_place(province_code, era)
    values: list[object] = []
    for place_era, place_code in [*places, (None, None)][:2]:
        values += [place_era, place_code]
    return _frame(
        con,
        """
        SELECT p.plan_id, p.era, p.province_code, p.province, p.plan_year, p.document, p.title, p.source,
               p.upload_id, (SELECT count(*) FROM tasks t WHERE t.plan_id = p.plan_id) AS tasks
        FROM plans p
        WHERE (p.era = ? AND p.province_code = ?) OR (p.era = ? AND p.province_code = ?)
        ORDER BY p.plan_year DESC, p.document, p.plan_id
        """,
        values,
    )


def previous_code(province_code: str, year: int) -> str | None:
    """Return the code, in the province list of `year - 1`, of the province `province_code` of `year`'s list.

    The same code across the change of units would be another province (34-era
    Gia Lai 52 is not 63-era Bình Định 52): the year before 2025 is the unit's
    counterpart (`provinces.counterpart`), or None when it has none.
    """
    return provinces.counterpart(province_code, eras.era_of_year(year), eras.era_of_year(year - 1))


def _comparable(years: pd.Series, dimensions: pd.Series | None) -> list[bool]:
    """Return, per row, whether `year` and `year - 1` lie in one comparability segment."""
    out = []
    for i, year in enumerate(years):
        dim = None if dimensions is None else int(dimensions.iloc[i])
        out.append(papi.known_year(int(year) - 1) and papi.segment(int(year), dim) == papi.segment(int(year) - 1, dim))
    return out


def total_with_change(con: duckdb.DuckDBPyConnection, province_code: str, year: int) -> pd.DataFrame:
    """Return the province's total for `year` with rank and the year before (empty if no total).

    `comparable` is False when a methodology break (2018) lies between the two years;
    then `change` is missing rather than a misleading difference.
    """
    frame = _frame(
        con,
        """
        SELECT c.year, c.total, c.rank, c.ranked_provinces, c.national_median,
               p.total AS prev_total, p.rank AS prev_rank, p.ranked_provinces AS prev_ranked_provinces
        FROM total_scores c
        LEFT JOIN total_scores p ON p.province_code = ? AND p.year = c.year - 1
        WHERE c.province_code = ? AND c.year = ?
        """,
        [previous_code(province_code, year), province_code, year],
    )
    if frame.empty:
        return frame
    frame["comparable"] = pd.Series(_comparable(frame["year"], None), index=frame.index) & frame["prev_total"].notna()
    frame["change"] = (frame["total"] - frame["prev_total"]).where(frame["comparable"])
    return frame


def dimension_profile(
    con: duckdb.DuckDBPyConnection, province_code: str, year: int, plan_id: str | None = None
) -> pd.DataFrame:
    """Return all eight dimensions for a province and year: score, rank, national median,
    percentile, quartile, best province, change from the year before, and plan tasks.

    A dimension not surveyed that year (7 and 8 before 2018) or not published for
    the province keeps a row with a missing score, never 0.
    """
    frame = _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """,
        ranked AS (
            SELECT year, province_code, province, dimension, score,
                   rank() OVER w_desc AS rank,
                   count(*) OVER w AS ranked_provinces,
                   median(score) OVER w AS national_median,
                   100 * percent_rank() OVER w_asc AS percentile,
                   max(score) OVER w AS best_score,
                   arg_max(province, score) OVER w AS best_province
            FROM scores
            WHERE subdimension IS NULL AND year IN (?, ?)
            WINDOW w AS (PARTITION BY year, dimension),
                   w_desc AS (PARTITION BY year, dimension ORDER BY score DESC),
                   w_asc AS (PARTITION BY year, dimension ORDER BY score)
        ), dims AS (SELECT DISTINCT dimension FROM papi_structure),
        surveyed AS (SELECT DISTINCT dimension FROM papi_structure WHERE year = ?),
        plan AS (SELECT dimension, count(*) AS tasks FROM plan_tasks GROUP BY dimension)
        SELECT d.dimension, (s.dimension IS NOT NULL) AS surveyed,
               c.score, c.rank, c.ranked_provinces, c.national_median, c.percentile,
               c.best_score, c.best_province, p.score AS prev_score,
               coalesce(plan.tasks, 0) AS tasks
        FROM dims d
        LEFT JOIN surveyed s USING (dimension)
        LEFT JOIN ranked c ON c.dimension = d.dimension AND c.year = ? AND c.province_code = ?
        LEFT JOIN ranked p ON p.dimension = d.dimension AND p.year = ? AND p.province_code = ?
        LEFT JOIN plan ON plan.dimension = d.dimension
        ORDER BY d.dimension
        """,
        [*_plan_keys(province_code, eras.era_of_year(year), plan_id), year, year - 1, year, year, province_code,
         year - 1, previous_code(province_code, year)],
    )
    return _with_quartile_and_change(frame, year)


def _with_quartile_and_change(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Add `quartile`, `comparable` (same segment as the year before, both scores present) and `change`."""
    frame["quartile"] = _quartile(frame["percentile"])
    same_segment = _comparable(pd.Series([year] * len(frame)), frame["dimension"])
    frame["comparable"] = [
        ok and pd.notna(prev) and pd.notna(cur)
        for ok, prev, cur in zip(same_segment, frame["prev_score"], frame["score"], strict=True)
    ]
    frame["change"] = (frame["score"] - frame["prev_score"]).where(frame["comparable"])
    return frame


def _quartile(percentile: pd.Series) -> pd.Series:
    """Map a 0-100 national percentile to its quartile (1 = bottom quarter, 4 = top); missing stays missing."""
    quartile = (percentile // 25 + 1).clip(upper=4)
    return quartile.astype("Int64")


def subdimension_profile(
    con: duckdb.DuckDBPyConnection, province_code: str, year: int, plan_id: str | None = None
) -> pd.DataFrame:
    """Return each sub-dimension of `year`'s structure for a province: score, rank, percentile,
    quartile, change from the year before (same concept key), and plan tasks.

    `tasks` counts tasks mapped to that sub-dimension; `whole_dimension_tasks`
    counts the dimension's tasks that name no sub-dimension (they cover all of it).
    """
    frame = _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """,
        ranked AS (
            SELECT year, province_code, key, score,
                   rank() OVER (PARTITION BY year, key ORDER BY score DESC) AS rank,
                   count(*) OVER (PARTITION BY year, key) AS ranked_provinces,
                   median(score) OVER (PARTITION BY year, key) AS national_median,
                   100 * percent_rank() OVER (PARTITION BY year, key ORDER BY score) AS percentile,
                   max(score) OVER (PARTITION BY year, key) AS best_score,
                   arg_max(province, score) OVER (PARTITION BY year, key) AS best_province
            FROM subdimension_scores WHERE year IN (?, ?)
        ), direct AS (
            SELECT ts.key, count(*) AS tasks FROM task_subdimensions ts
            WHERE ts.task_id IN (SELECT task_id FROM plan_tasks) GROUP BY ts.key
        ), whole AS (
            SELECT dimension, count(*) AS tasks FROM plan_tasks
            WHERE coalesce(trim(papi_subdimensions), '') = '' GROUP BY dimension
        )
        SELECT st.dimension, st.subdimension, st.key, st.name_vi, st.name_en, st.scale_min, st.scale_max,
               c.score, c.rank, c.ranked_provinces, c.national_median, c.percentile,
               c.best_score, c.best_province, p.score AS prev_score,
               coalesce(direct.tasks, 0) AS tasks, coalesce(whole.tasks, 0) AS whole_dimension_tasks
        FROM papi_structure st
        LEFT JOIN ranked c ON c.key = st.key AND c.year = st.year AND c.province_code = ?
        LEFT JOIN ranked p ON p.key = st.key AND p.year = st.year - 1 AND p.province_code = ?
        LEFT JOIN direct ON direct.key = st.key
        LEFT JOIN whole ON whole.dimension = st.dimension
        WHERE st.year = ? AND st.subdimension IS NOT NULL
        ORDER BY st.dimension, st.subdimension
        """,
        [*_plan_keys(province_code, eras.era_of_year(year), plan_id), year, year - 1, province_code,
         previous_code(province_code, year), year],
    )
    return _with_quartile_and_change(frame, year)


def score_history(
    con: duckdb.DuckDBPyConnection, province_code: str, dimension: int, key: str | None = None, era: str = eras.ERA_63
) -> pd.DataFrame:
    """Return a dimension's (key None) or sub-dimension's yearly score for a province, with rank,
    national median and comparability segment (years in one segment may be joined by a line).

    `province_code` is a code of `era`; across the 2025 change of units the
    history follows the province's counterpart (`provinces.counterpart`), never
    the same code of the other era.  `province` and `era` say whose score a row is.
    """

    code63 = provinces.counterpart(province_code, era, eras.ERA_63)
    code34 = provinces.counterpart(province_code, era, eras.ERA_34)
    source = "dimension_scores WHERE dimension = ?" if key is None else "subdimension_scores WHERE key = ?"
    frame = _frame(
        con,
        "SELECT year, score, rank, ranked_provinces, national_median, province, era FROM " + source
        + " AND ((era = ? AND province_code = ?) OR (era = ? AND province_code = ?)) ORDER BY year",
        [dimension if key is None else key, eras.ERA_63, code63, eras.ERA_34, code34],
    )
    frame["segment"] = [papi.segment(int(y), dimension) for y in frame["year"]]
    return frame


def tasks_for(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, dimension: int, key: str | None = None,
    plan_id: str | None = None,
) -> pd.DataFrame:
    """Return the province's plan tasks for a dimension (key None), or for one sub-dimension:
    those mapped to it (`coverage` "direct") and the dimension's tasks naming no sub-dimension ("whole")."""
    return _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """
        SELECT t.task_id, t.plan_year, t.plan_section, t.task, t.lead_agency, t.implementing_agencies,
               t.papi_subdimensions,
               CASE WHEN coalesce(trim(t.papi_subdimensions), '') = '' THEN 'whole' ELSE 'direct' END AS coverage
        FROM plan_tasks t
        WHERE t.dimension = ?
          AND (CAST(? AS VARCHAR) IS NULL
               OR coalesce(trim(t.papi_subdimensions), '') = ''
               OR t.task_id IN (SELECT task_id FROM task_subdimensions WHERE key = ?))
        ORDER BY t.source_line
        """,
        [*_plan_keys(province_code, era, plan_id), dimension, key, key],
    )


def agency_load(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, plan_id: str | None = None
) -> pd.DataFrame:
    """Return, per agency in the province's plan, tasks led, tasks implemented and distinct tasks,
    sorted by tasks led then implemented (most first)."""
    return _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """
        SELECT a.agency, any_value(ag.level) AS level,
               count(DISTINCT a.task_id) FILTER (WHERE a.role = 'lead') AS led,
               count(DISTINCT a.task_id) FILTER (WHERE a.role = 'implementing') AS implemented,
               count(DISTINCT a.task_id) AS tasks
        FROM task_agencies a
        JOIN plan_tasks t USING (task_id)
        LEFT JOIN agencies ag ON ag.canonical_name = a.agency
        GROUP BY a.agency
        ORDER BY led DESC, implemented DESC, a.agency
        """,
        [*_plan_keys(province_code, era, plan_id)],
    )


def agency_dimension_matrix(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, role: str = "any", plan_id: str | None = None
) -> pd.DataFrame:
    """Return (agency, dimension, tasks) for the province's plan; `role` is "lead", "implementing" or "any"."""
    return _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """
        SELECT a.agency, t.dimension, count(DISTINCT a.task_id) AS tasks
        FROM task_agencies a
        JOIN plan_tasks t USING (task_id)
        WHERE ? = 'any' OR a.role = ?
        GROUP BY a.agency, t.dimension
        ORDER BY a.agency, t.dimension
        """,
        [*_plan_keys(province_code, era, plan_id), role, role],
    )


def lead_concentration(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, top: int = 3, plan_id: str | None = None
) -> pd.DataFrame:
    """Return how concentrated the lead role is: lead assignments, leading agencies, the share of
    the `top` agencies, the Herfindahl-Hirschman index (sum of squared shares, 0-1), its
    "effective number" of equally loaded agencies (1 / HHI), and the Gini coefficient of tasks led.

    A task with two lead agencies counts once for each. Empty frame when nobody leads a task.
    """
    load = agency_load(con, province_code, era, plan_id)
    led = load.loc[load["led"] > 0, "led"].sort_values(ascending=False).astype(float)
    if led.empty:
        return pd.DataFrame()
    total = led.sum()
    shares = led / total
    hhi = float((shares**2).sum())
    ordered = led.sort_values().to_numpy()
    n = len(ordered)
    ranks = pd.RangeIndex(1, n + 1).to_numpy()
    gini = float((2 * (ranks * ordered).sum()) / (n * ordered.sum()) - (n + 1) / n)
    return pd.DataFrame(
        [
            {
                "lead_assignments": int(total),
                "lead_agencies": n,
                "top": min(top, n),
                "top_share": float(shares.iloc[:top].sum()),
                "top_agencies": "; ".join(load.loc[load["led"] > 0, "agency"].iloc[:top]),
                "hhi": hhi,
                "effective_agencies": 1 / hhi,
                "gini": gini,
            }
        ]
    )


def tasks_missing_agency(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, plan_id: str | None = None
) -> pd.DataFrame:
    """Return the province's plan tasks with no lead agency or no implementing agency."""
    return _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """
        SELECT task_id, dimension, plan_section, task, lead_agency, implementing_agencies,
               CASE WHEN coalesce(trim(lead_agency), '') = '' AND coalesce(trim(implementing_agencies), '') = ''
                    THEN 'both'
                    WHEN coalesce(trim(lead_agency), '') = '' THEN 'lead' ELSE 'implementing' END AS missing
        FROM plan_tasks
        WHERE coalesce(trim(lead_agency), '') = '' OR coalesce(trim(implementing_agencies), '') = ''
        ORDER BY source_line
        """,
        [*_plan_keys(province_code, era, plan_id)],
    )


def agency_tasks(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, agency: str, plan_id: str | None = None
) -> pd.DataFrame:
    """Return the province's plan tasks an agency leads or implements, with its role(s)."""
    return _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """
        SELECT t.task_id, t.dimension, t.plan_section,
               string_agg(DISTINCT a.role, ';' ORDER BY a.role) AS role,
               any_value(t.task) AS task, any_value(t.lead_agency) AS lead_agency,
               any_value(t.implementing_agencies) AS implementing_agencies
        FROM task_agencies a
        JOIN plan_tasks t USING (task_id)
        WHERE a.agency = ?
        GROUP BY t.task_id, t.dimension, t.plan_section, t.source_line
        ORDER BY t.source_line
        """,
        [*_plan_keys(province_code, era, plan_id), agency],
    )


# --- trends, tasks, provinces ---
# `dimension` 0 stands for the derived total score (the sum of the year's dimensions).

_MEASURE_SQL = """
    SELECT year, province_code, province, score, rank, ranked_provinces, national_median
    FROM dimension_scores WHERE dimension = ? AND ?::VARCHAR IS NULL
    UNION ALL
    SELECT year, province_code, province, score, rank, ranked_provinces, national_median
    FROM subdimension_scores WHERE dimension = ? AND key = ?::VARCHAR
    UNION ALL
    SELECT year, province_code, province, total AS score, rank, ranked_provinces, national_median
    FROM total_scores WHERE ? = 0
"""


def _measure_params(dimension: int, key: str | None) -> list[object]:
    """Bound values for `_MEASURE_SQL`: a dimension's own score, one sub-dimension key, or the total."""
    return [dimension, key, dimension, key, dimension]


def trend_scores(
    con: duckdb.DuckDBPyConnection, dimension: int, key: str | None, codes: tuple[str, ...], era: str = eras.ERA_63
) -> pd.DataFrame:
    """Return every year's score and national rank of the provinces `codes` (codes of `era`) for one measure.

    The measure is a dimension's own score (`key` None), one sub-dimension by its
    stable key, or the total (`dimension` 0).  Columns: year, province_code,
    province, score, rank, ranked_provinces, national_median, era ('63' up to
    2024, '34' from 2025) and series (the code in `era` the row stands for).

    Across the 2025 change of units a chosen province continues as another
    province: a 63-era province from 2025 as the unit it merged into, a 34-era
    unit before 2025 as its former province (`provinces.counterpart`).  A code
    is never followed across eras by itself (63-era "24" Bắc Giang is not
    34-era "24" Bắc Ninh).
    """

    by_era: dict[str, dict[str, str]] = {eras.ERA_63: {}, eras.ERA_34: {}}

    def _same_place(code: str) -> bool:  # the former province a unit goes back to takes the unit's rows
        return len(provinces.same_place(code, era)) > 1

    for code in sorted(codes, key=lambda c: not _same_place(c)):
        for target in by_era:
            other = provinces.counterpart(code, era, target)
            if other is not None:
                by_era[target].setdefault(other, code)
    frame = _frame(
        con,
        f"""
        SELECT * FROM (SELECT *, era_of_year(year) AS era FROM ({_MEASURE_SQL}) x) m
        WHERE (era = ? AND list_contains(?::VARCHAR[], province_code))
           OR (era = ? AND list_contains(?::VARCHAR[], province_code))
        ORDER BY era <> ?, province_code, year
        """,
        [*_measure_params(dimension, key), eras.ERA_63, list(by_era[eras.ERA_63]), eras.ERA_34,
         list(by_era[eras.ERA_34]), eras.ERA_63],
    )
    frame["series"] = [by_era[e][c] for e, c in zip(frame["era"], frame["province_code"], strict=True)]
    return frame


def trend_national(con: duckdb.DuckDBPyConnection, dimension: int, key: str | None) -> pd.DataFrame:
    """Return the national spread of one measure by year: provinces, min, q1, median, q3, max."""
    return _frame(
        con,
        f"""
        SELECT year, count(*) AS provinces, min(score) AS min, quantile_cont(score, 0.25) AS q1,
               median(score) AS median, quantile_cont(score, 0.75) AS q3, max(score) AS max
        FROM ({_MEASURE_SQL}) m GROUP BY year ORDER BY year
        """,
        _measure_params(dimension, key),
    )


def subdimension_keys(con: duckdb.DuckDBPyConnection, dimension: int) -> pd.DataFrame:
    """Return a dimension's sub-dimension concepts: key, names, first and last year, in official order."""
    return _frame(
        con,
        """
        SELECT key, arg_max(name_vi, year) AS name_vi, arg_max(name_en, year) AS name_en,
               min(year) AS first_year, max(year) AS last_year
        FROM papi_structure WHERE dimension = ? AND subdimension IS NOT NULL
        GROUP BY key ORDER BY min(subdimension), min(year), key
        """,
        [dimension],
    )


def subdimension_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return every sub-dimension key with its dimension and latest names."""
    return _frame(
        con,
        """
        SELECT key, arg_max(dimension, year) AS dimension, arg_max(name_vi, year) AS name_vi,
               arg_max(name_en, year) AS name_en
        FROM papi_structure WHERE subdimension IS NOT NULL
        GROUP BY key ORDER BY dimension, min(subdimension), key
        """,
    )


# What a task search looks in: the text, agencies, id and section title.
TASK_SEARCH_COLUMNS: tuple[str, ...] = ("task", "lead_agency", "implementing_agencies", "task_id", "plan_section_title")


def tasks_with_scores(
    con: duckdb.DuckDBPyConnection, province_code: str, era: str, lang: str, plan_id: str | None = None
) -> pd.DataFrame:
    """Return the tasks of the province's plan(s), each with its dimension's name and latest score.

    The latest score is the one of the most recent year with a score for that
    dimension; tasks whose dimension has none keep empty score columns.
    `search_text` is the folded text a search looks in (made once here, not on
    every rerun of the page).
    """
    frame = _frame(
        con,
        "WITH "
        + _PLAN_TASKS_CTE
        + """,
        latest AS (
            SELECT task_id, year, score, rank, ranked_provinces FROM task_dimension_scores
            QUALIFY row_number() OVER (PARTITION BY task_id ORDER BY year DESC) = 1
        ), names AS (
            SELECT dimension, arg_max(CASE WHEN ? = 'en' THEN name_en ELSE name_vi END, year) AS name
            FROM papi_structure WHERE subdimension IS NULL GROUP BY dimension
        )
        SELECT t.task_id, t.plan_id, t.province, t.plan_year, t.dimension, n.name AS dimension_name, t.plan_section,
               t.plan_section_title, t.papi_subdimensions, t.task, t.lead_agency, t.implementing_agencies,
               l.year AS score_year, l.score, l.rank, l.ranked_provinces
        FROM plan_tasks t
        LEFT JOIN names n ON n.dimension = t.dimension
        LEFT JOIN latest l ON l.task_id = t.task_id
        ORDER BY t.plan_year, t.source_line, t.task_id
        """,
        [*_plan_keys(province_code, era, plan_id), lang],
    )
    frame["search_text"] = [
        fold(" ".join(value for value in row if isinstance(value, str)))
        for row in frame[list(TASK_SEARCH_COLUMNS)].itertuples(index=False)
    ]
    return frame


def province_ranking(con: duckdb.DuckDBPyConnection, year: int, dimension: int) -> pd.DataFrame:
    """Return every province's score, rank, percentile and quartile for one year and dimension (0 = total).

    Percentile and quartile follow the workload section's convention (percent
    rank 0-100; quartile 4 = top quarter, 1 = bottom).  English names come from
    the province registry of the year's era (34 units from 2025).
    """
    frame = _frame(
        con,
        f"""
        WITH m AS (SELECT * FROM ({_MEASURE_SQL}) x WHERE year = ?)
        SELECT m.province_code, m.province, coalesce(p.name_en, m.province) AS name_en, m.score, m.rank,
               m.ranked_provinces, m.national_median,
               100 * percent_rank() OVER (ORDER BY m.score) AS percentile
        FROM m
        LEFT JOIN provinces p ON p.code = m.province_code AND p.era = ?
        ORDER BY m.rank, m.province
        """,
        [*_measure_params(dimension, None), year, eras.era_of_year(year)],
    )
    frame["quartile"] = _quartile(frame["percentile"])
    return frame


# --- Uploads: the history the upload page and the importer's command line show ---


def upload_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return every upload and rollback, newest first (without the raw files)."""
    return _frame(
        con,
        """
        SELECT id, action, user_name, committed_at, file_name, sha256, size_bytes, years, rows_added, rows_changed,
               rows_removed, replaced, status, rolls_back, rolled_back_by
        FROM uploads ORDER BY id DESC
        """,
    )


# --- indicators below the sub-dimensions (PAPI 2018, 2019) and published uncertainty (2019) ---
# Both come from the official indicator workbooks (data/papi_indicators.csv,
# data/papi_uncertainty.csv).  They exist only for 2018 and 2019, so the codes are
# those of the 63-province era.  `better` ("higher", "lower", or NULL where the
# direction is unclear) is the dashboard's reading of each indicator's wording:
# PAPI does not publish it.


def indicator_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Return the years with published indicator data, ascending."""
    return [int(y) for y in _frame(con, "SELECT DISTINCT year FROM papi_indicators ORDER BY year")["year"]]


def subdimension_indicators(con: duckdb.DuckDBPyConnection, province_code: str, year: int, key: str) -> pd.DataFrame:
    """Return the indicators of sub-dimension `key` for one province and year, weakest standing first.

    Per indicator: number ("d.s.order in the file"), Vietnamese and English names
    (English NULL where not published), scale as printed, direction (`better`),
    the province's value (NULL where the file has no data), the national median,
    minimum and maximum over the provinces with a value, how many provinces have
    one, `rank` (1 = best in the indicator's direction, NULL where the direction is
    unclear or the value is missing), `percentile` (0 = worst standing, 100 = best,
    same NULLs) and `value_rank` (1 = highest value, whatever the direction).
    Rows are ordered by `percentile` ascending (the indicators pulling the
    sub-dimension down come first), unranked ones last, then by number.
    Empty when no indicator is published for that year or province.
    """
    return _frame(
        con,
        """
        WITH ind AS (SELECT * FROM papi_indicators WHERE year = ? AND key = ?),
        stats AS (
            SELECT indicator_no, median(value) AS national_median, min(value) AS national_min,
                   max(value) AS national_max, count(value) AS provinces
            FROM ind GROUP BY indicator_no
        ),
        ranked AS (
            SELECT indicator_no, province_code,
                   rank() OVER (PARTITION BY indicator_no ORDER BY value DESC) AS value_rank,
                   rank() OVER (PARTITION BY indicator_no ORDER BY value) AS value_rank_low,
                   100 * percent_rank() OVER (PARTITION BY indicator_no ORDER BY value) AS value_percentile
            FROM ind WHERE value IS NOT NULL
        )
        SELECT i.indicator_no, i.dimension, i.subdimension, i.key, i.name_vi, i.name_en, i.scale, i.better,
               i.value, s.national_median, s.national_min, s.national_max, s.provinces,
               CASE i.better WHEN 'higher' THEN r.value_rank WHEN 'lower' THEN r.value_rank_low END AS rank,
               CASE i.better WHEN 'higher' THEN r.value_percentile
                             WHEN 'lower' THEN 100 - r.value_percentile END AS percentile,
               r.value_rank, i.source
        FROM ind i
        JOIN stats s USING (indicator_no)
        LEFT JOIN ranked r ON r.indicator_no = i.indicator_no AND r.province_code = i.province_code
        WHERE i.province_code = ?
        ORDER BY percentile ASC NULLS LAST, CAST(split_part(i.indicator_no, '.', 3) AS INTEGER)
        """,
        [year, key, province_code],
    )


def published_uncertainty(con: duckdb.DuckDBPyConnection, province_code: str, year: int) -> pd.DataFrame:
    """Return what PAPI published about the uncertainty of a province's scores in `year`.

    One row per measure: "total" (unweighted composite, the sum of the dimensions
    the dashboard shows), "total_weighted" (the weighted composite), each with its
    95% confidence interval and standard error; "dimension" (1-8) with its score,
    published variance and number of observations.  Columns not published for a
    measure are NULL; the frame is empty for years without published uncertainty
    (only 2019 has any in the sources).
    """
    return _frame(
        con,
        """
        SELECT measure, dimension, estimate, ci_low, ci_high, std_error, variance, observations, source
        FROM papi_uncertainty
        WHERE province_code = ? AND year = ?
        ORDER BY CASE measure WHEN 'total' THEN 0 WHEN 'total_weighted' THEN 1 ELSE 2 END, dimension
        """,
        [province_code, year],
    )
