"""The DuckDB store: schema, first-use build from `data/*.csv`, and the join views.

The store is a single DuckDB file (path from `lib.paths.store_path()`), built
on first use from the committed CSVs.  Reference tables (structure, provinces,
agencies, tasks) are reloaded whenever their CSV changes; the scores table is
seeded once from `data/papi_scores.csv` and from then on changes only through
recorded uploads, so a rebuild never discards an editor's work.

Every statement takes bound parameters; callers use a cursor per query.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from lib import paths

SCHEMA_VERSION = 1

# Explicit column types for every CSV the store reads: DuckDB's sniffer must
# never decide that a province code is an integer or a task text a date.
CSV_TYPES: dict[str, dict[str, str]] = {
    "papi_structure": {
        "year": "INTEGER",
        "dimension": "INTEGER",
        "subdimension": "INTEGER",
        "key": "VARCHAR",
        "name_vi": "VARCHAR",
        "name_en": "VARCHAR",
        "scale_min": "DOUBLE",
        "scale_max": "DOUBLE",
        "sc_column": "VARCHAR",
    },
    "papi_scores": {
        "year": "INTEGER",
        "province_code": "VARCHAR",
        "province": "VARCHAR",
        "dimension": "INTEGER",
        "subdimension": "INTEGER",
        "score": "DOUBLE",
    },
    "tasks": {
        "task_id": "VARCHAR",
        "province": "VARCHAR",
        "plan_year": "INTEGER",
        "dimension": "INTEGER",
        "plan_section": "VARCHAR",
        "plan_section_title": "VARCHAR",
        "papi_subdimensions": "VARCHAR",
        "task": "VARCHAR",
        "lead_agency": "VARCHAR",
        "implementing_agencies": "VARCHAR",
        "source_line": "INTEGER",
    },
    "agencies": {"canonical_name": "VARCHAR", "aliases": "VARCHAR", "level": "VARCHAR"},
}

REFERENCE_TABLES: dict[str, Path] = {
    "papi_structure": paths.STRUCTURE_CSV,
    "tasks": paths.TASKS_CSV,
    "agencies": paths.AGENCIES_CSV,
    "provinces": paths.PROVINCES_CSV,
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS scores (
    year INTEGER NOT NULL,
    province_code VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    dimension INTEGER NOT NULL,
    subdimension INTEGER,
    score DOUBLE NOT NULL,
    upload_id INTEGER
);
"""

VIEWS = """
CREATE OR REPLACE VIEW task_subdimensions AS
    SELECT t.task_id, trim(k.key) AS key
    FROM tasks t, unnest(string_split(coalesce(t.papi_subdimensions, ''), ';')) AS k(key)
    WHERE trim(k.key) <> '';

CREATE OR REPLACE VIEW task_agencies AS
    SELECT t.task_id, trim(a.agency) AS agency, 'lead' AS role
    FROM tasks t, unnest(string_split(coalesce(t.lead_agency, ''), ';')) AS a(agency)
    WHERE trim(a.agency) <> ''
    UNION ALL
    SELECT t.task_id, trim(a.agency) AS agency, 'implementing' AS role
    FROM tasks t, unnest(string_split(coalesce(t.implementing_agencies, ''), ';')) AS a(agency)
    WHERE trim(a.agency) <> '';

-- Dimension scores with the year's national rank and median (63 units or 34).
CREATE OR REPLACE VIEW dimension_scores AS
    SELECT s.year, s.province_code, s.province, s.dimension, s.score,
           rank() OVER (PARTITION BY s.year, s.dimension ORDER BY s.score DESC) AS rank,
           count(*) OVER (PARTITION BY s.year, s.dimension) AS ranked_provinces,
           median(s.score) OVER (PARTITION BY s.year, s.dimension) AS national_median
    FROM scores s
    WHERE s.subdimension IS NULL;

-- Sub-dimension scores labelled with their stable concept key.
CREATE OR REPLACE VIEW subdimension_scores AS
    SELECT s.year, s.province_code, s.province, s.dimension, s.subdimension, st.key,
           st.name_vi, st.name_en, st.scale_min, st.scale_max, s.score,
           rank() OVER (PARTITION BY s.year, st.key ORDER BY s.score DESC) AS rank,
           count(*) OVER (PARTITION BY s.year, st.key) AS ranked_provinces,
           median(s.score) OVER (PARTITION BY s.year, st.key) AS national_median
    FROM scores s
    JOIN papi_structure st
      ON st.year = s.year AND st.dimension = s.dimension AND st.subdimension = s.subdimension;

-- Totals are derived, never stored: only where all of the year's dimensions are present.
CREATE OR REPLACE VIEW total_scores AS
    WITH per_province AS (
        SELECT s.year, s.province_code, any_value(s.province) AS province,
               sum(s.score) AS total, count(*) AS dimensions
        FROM scores s WHERE s.subdimension IS NULL
        GROUP BY s.year, s.province_code
    ), expected AS (
        SELECT year, count(*) AS dimensions FROM papi_structure
        WHERE subdimension IS NULL GROUP BY year
    )
    SELECT p.year, p.province_code, p.province, p.total,
           rank() OVER (PARTITION BY p.year ORDER BY p.total DESC) AS rank,
           count(*) OVER (PARTITION BY p.year) AS ranked_provinces,
           median(p.total) OVER (PARTITION BY p.year) AS national_median
    FROM per_province p JOIN expected e ON e.year = p.year AND e.dimensions = p.dimensions;

-- Each task with its dimension's score for every year, in the plan's province.
CREATE OR REPLACE VIEW task_dimension_scores AS
    SELECT t.task_id, t.province, t.plan_year, t.dimension, d.year, d.score, d.rank,
           d.ranked_provinces, d.national_median
    FROM tasks t
    JOIN provinces p ON p.era = '63' AND p.name_vi = t.province
    JOIN dimension_scores d ON d.province_code = p.code AND d.dimension = t.dimension;

-- Each task with the scores of the sub-dimensions it is mapped to, by year.
CREATE OR REPLACE VIEW task_subdimension_scores AS
    SELECT ts.task_id, t.province, ts.key, s.year, s.dimension, s.subdimension, s.score,
           s.rank, s.ranked_provinces, s.national_median
    FROM task_subdimensions ts
    JOIN tasks t USING (task_id)
    JOIN provinces p ON p.era = '63' AND p.name_vi = t.province
    JOIN subdimension_scores s ON s.key = ts.key AND s.province_code = p.code;
"""


def file_digest(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def connect(db_path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store, building or refreshing it from `data/*.csv` as needed.

    The caller owns the returned connection and should run each query on its
    own `cursor()`.
    """
    path = db_path or paths.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if read_only and path.exists():
        return duckdb.connect(str(path), read_only=True)
    con = duckdb.connect(str(path))
    ensure_built(con)
    return con


def _read_csv_sql(table: str) -> str:
    """Return a `read_csv` expression with the explicit column types of `table`."""
    types = CSV_TYPES.get(table)
    if types is None:
        return "read_csv(?, header = true, all_varchar = true)"
    struct = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
    return f"read_csv(?, header = true, columns = {{{struct}}})"


def ensure_built(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schema, seed the scores once, and reload changed reference tables."""
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        cur.execute(SCHEMA)
        for table, csv_path in REFERENCE_TABLES.items():
            digest = file_digest(csv_path)
            known = cur.execute("SELECT value FROM meta WHERE name = ?", [f"digest:{table}"]).fetchone()
            exists = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
            ).fetchone()
            if known and known[0] == digest and exists and exists[0]:
                continue
            cur.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {_read_csv_sql(table)}", [str(csv_path)])
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [f"digest:{table}", digest])
        seeded = cur.execute("SELECT value FROM meta WHERE name = 'scores_seeded'").fetchone()
        if not seeded:
            cur.execute(
                "INSERT INTO scores SELECT *, NULL AS upload_id FROM " + _read_csv_sql("papi_scores"),
                [str(paths.SCORES_CSV)],
            )
            cur.execute("INSERT INTO meta VALUES ('scores_seeded', ?)", [file_digest(paths.SCORES_CSV)])
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        cur.execute(VIEWS)
        cur.execute("COMMIT")
    except Exception:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()
