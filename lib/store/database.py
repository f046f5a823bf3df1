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
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from lib.domain import eras, paths, provinces

SCHEMA_VERSION = 2  # 2: plans and tasks are views over the seed (data/*.csv) and the loaded plans

# A plan task's columns (lib.ingest.plan.TASK_COLUMNS) and a plan's (PLAN_COLUMNS), typed.
TASK_TYPES: dict[str, str] = {
    "task_id": "VARCHAR",
    "plan_id": "VARCHAR",
    "province": "VARCHAR",
    "plan_year": "INTEGER",
    "dimension": "INTEGER",  # NULL: a task linked to no PAPI dimension (kept, shown as unmapped)
    "plan_section": "VARCHAR",
    "plan_section_title": "VARCHAR",
    "number": "VARCHAR",
    "papi_subdimensions": "VARCHAR",
    "papi_confidence": "DOUBLE",
    "papi_evidence": "VARCHAR",
    "task": "VARCHAR",
    "lead_agency": "VARCHAR",
    "implementing_agencies": "VARCHAR",
    "deadline": "VARCHAR",
    "deadline_date": "DATE",
    "output": "VARCHAR",
    "source_line": "INTEGER",
}
PLAN_TYPES: dict[str, str] = {
    "plan_id": "VARCHAR",
    "era": "VARCHAR",
    "province_code": "VARCHAR",
    "province": "VARCHAR",
    "plan_year": "INTEGER",
    "document": "VARCHAR",
    "title": "VARCHAR",
    "source": "VARCHAR",
}

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
    "seed_tasks": TASK_TYPES,
    "seed_plans": PLAN_TYPES,
    "papi_indicators": {
        "year": "INTEGER",
        "province_code": "VARCHAR",
        "province": "VARCHAR",
        "dimension": "INTEGER",
        "subdimension": "INTEGER",
        "key": "VARCHAR",
        "indicator_no": "VARCHAR",
        "name_vi": "VARCHAR",
        "name_en": "VARCHAR",
        "scale": "VARCHAR",
        "better": "VARCHAR",
        "value": "DOUBLE",
        "source": "VARCHAR",
    },
    "papi_uncertainty": {
        "year": "INTEGER",
        "province_code": "VARCHAR",
        "province": "VARCHAR",
        "measure": "VARCHAR",
        "dimension": "INTEGER",
        "estimate": "DOUBLE",
        "ci_low": "DOUBLE",
        "ci_high": "DOUBLE",
        "std_error": "DOUBLE",
        "variance": "DOUBLE",
        "observations": "INTEGER",
        "source": "VARCHAR",
    },
    "agencies": {"canonical_name": "VARCHAR", "aliases": "VARCHAR", "level": "VARCHAR"},
}

REFERENCE_TABLES: dict[str, Path] = {
    "papi_structure": paths.STRUCTURE_CSV,
    "seed_tasks": paths.TASKS_CSV,
    "seed_plans": paths.PLANS_CSV,
    "papi_indicators": paths.INDICATORS_CSV,
    "papi_uncertainty": paths.UNCERTAINTY_CSV,
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
-- Upload history (see lib/importer.py): one row per commit or rollback, with the raw file.
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY,
    action VARCHAR NOT NULL,            -- 'upload' or 'rollback'
    user_name VARCHAR NOT NULL,
    committed_at TIMESTAMP NOT NULL,
    file_name VARCHAR,
    sha256 VARCHAR,
    size_bytes BIGINT,
    rows_added INTEGER NOT NULL,
    rows_changed INTEGER NOT NULL,
    rows_removed INTEGER NOT NULL,
    years VARCHAR NOT NULL,             -- e.g. '2019' or '2011,2012'
    replaced BOOLEAN NOT NULL,
    raw BLOB,
    status VARCHAR NOT NULL,            -- 'active', 'rolled_back'; 'done' for a rollback
    rolls_back INTEGER,                 -- for a rollback: the upload it undid
    rolled_back_by INTEGER              -- for an upload: the rollback that undid it
);
-- The scores of the affected years as they were just before an upload, for rollback.
CREATE TABLE IF NOT EXISTS upload_previous_scores (
    upload_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    province_code VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    dimension INTEGER NOT NULL,
    subdimension INTEGER,
    score DOUBLE NOT NULL,
    previous_upload_id INTEGER
);
-- Plans loaded by editors (the seed plans come from data/plans.csv and data/tasks.csv as `seed_*`).
-- A committed plan's rows live here with the upload that brought them; `plans` and `tasks` (views)
-- are the seed plans not replaced by a loaded one, and the loaded ones.
CREATE TABLE IF NOT EXISTS stored_plans (
    plan_id VARCHAR PRIMARY KEY,
    era VARCHAR NOT NULL,
    province_code VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    plan_year INTEGER NOT NULL,
    document VARCHAR NOT NULL,
    title VARCHAR,
    source VARCHAR,
    upload_id INTEGER
);
CREATE TABLE IF NOT EXISTS stored_tasks (
    task_id VARCHAR PRIMARY KEY,
    plan_id VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    plan_year INTEGER NOT NULL,
    dimension INTEGER,
    plan_section VARCHAR,
    plan_section_title VARCHAR,
    number VARCHAR,
    papi_subdimensions VARCHAR,
    papi_confidence DOUBLE,
    papi_evidence VARCHAR,
    task VARCHAR NOT NULL,
    lead_agency VARCHAR,
    implementing_agencies VARCHAR,
    deadline VARCHAR,
    deadline_date DATE,
    output VARCHAR,
    source_line INTEGER,
    upload_id INTEGER
);
-- Plan history (lib/store/plan_importer.py): one row per plan load or rollback, with the raw document.
-- Separate from `uploads` (score files) so a plan never blocks the rollback of a score year.
CREATE TABLE IF NOT EXISTS plan_uploads (
    id INTEGER PRIMARY KEY,
    action VARCHAR NOT NULL,            -- 'load' or 'rollback'
    user_name VARCHAR NOT NULL,
    committed_at TIMESTAMP NOT NULL,
    file_name VARCHAR,
    sha256 VARCHAR,
    size_bytes BIGINT,
    plan_id VARCHAR NOT NULL,
    era VARCHAR NOT NULL,
    province_code VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    plan_year INTEGER NOT NULL,
    document VARCHAR NOT NULL,
    tasks INTEGER NOT NULL,             -- tasks stored (a rollback: tasks the plan had before it)
    replaced VARCHAR,                   -- 'seed' or 'loaded' when the load replaced a plan of the same key
    raw BLOB,
    status VARCHAR NOT NULL,            -- 'active', 'rolled_back'; 'done' for a rollback
    rolls_back INTEGER,
    rolled_back_by INTEGER
);
-- Task status (lib/store/status.py): every report an agency (or an editor) made on a task, never
-- overwritten.  A task's status on a date is its latest report on or before it among the reports of
-- uploads not rolled back; `status_uploads` is the history (one row per commit or rollback) and
-- `status_files` keeps each upload's raw files.
CREATE TABLE IF NOT EXISTS status_uploads (
    id INTEGER PRIMARY KEY,
    action VARCHAR NOT NULL,            -- 'forms' (report forms), 'page' (one task on the page), 'rollback'
    user_name VARCHAR NOT NULL,
    committed_at TIMESTAMP NOT NULL,
    file_names VARCHAR,
    reports INTEGER NOT NULL,
    tasks VARCHAR NOT NULL,             -- the task ids it reported on, ';'-joined
    status VARCHAR NOT NULL,            -- 'active', 'rolled_back'; 'done' for a rollback
    rolls_back INTEGER,
    rolled_back_by INTEGER
);
-- A loaded plan's reviewed agency names: every name the editor accepted as new, merged into a known
-- agency (an alias) or corrected, with the plan and load that brought it.
CREATE TABLE IF NOT EXISTS stored_agencies (
    plan_id VARCHAR NOT NULL,
    written VARCHAR NOT NULL,           -- as the document wrote it
    name VARCHAR NOT NULL,              -- the name stored on the tasks
    decision VARCHAR NOT NULL,          -- 'new' (accepted as a new agency), 'alias' (merged), 'corrected'
    status VARCHAR NOT NULL,            -- what the check made of it: new, likely_alias, run_together
    closest VARCHAR,
    level VARCHAR,
    upload_id INTEGER
);
-- What a plan load replaced (the loaded plan of the same key, its tasks and agencies), for rollback.
CREATE TABLE IF NOT EXISTS plan_previous_plans AS SELECT 0::INTEGER AS kept_by, * FROM stored_plans LIMIT 0;
CREATE TABLE IF NOT EXISTS plan_previous_tasks AS SELECT 0::INTEGER AS kept_by, * FROM stored_tasks LIMIT 0;
CREATE TABLE IF NOT EXISTS plan_previous_agencies AS SELECT 0::INTEGER AS kept_by, * FROM stored_agencies LIMIT 0;
CREATE TABLE IF NOT EXISTS status_files (
    upload_id INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    agency VARCHAR,
    raw BLOB
);
CREATE TABLE IF NOT EXISTS status_reports (
    report_id INTEGER PRIMARY KEY,
    task_id VARCHAR NOT NULL,
    plan_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,            -- not_started, in_progress, done, partly_done, not_done
    reason VARCHAR,
    note VARCHAR,
    evidence VARCHAR,
    reported_on DATE NOT NULL,
    deadline_override DATE,
    agency VARCHAR,
    recorded_at TIMESTAMP NOT NULL,
    user_name VARCHAR NOT NULL,
    upload_id INTEGER NOT NULL,
    file_name VARCHAR,
    sha256 VARCHAR,
    sheet_row INTEGER
);
-- Structure rows for years after data/papi_structure.csv, added by the upload that brought the year.
CREATE TABLE IF NOT EXISTS upload_structure (
    upload_id INTEGER NOT NULL,
    year INTEGER, dimension INTEGER, subdimension INTEGER, key VARCHAR, name_vi VARCHAR, name_en VARCHAR,
    scale_min DOUBLE, scale_max DOUBLE, sc_column VARCHAR
);
"""

VIEWS = """
-- The province era of a year ('63' up to 2024, '34' from 2025), from the `eras` table that
-- `_write_eras` fills from `lib.domain.eras` with bound values.  The sub-queries are uncorrelated:
-- DuckDB computes each once per query, not once per row.
CREATE OR REPLACE MACRO era_of_year(y) AS
    CASE WHEN y >= (SELECT first_year FROM eras WHERE last_year IS NULL)
         THEN (SELECT era FROM eras WHERE last_year IS NULL)
         ELSE (SELECT era FROM eras WHERE first_year IS NULL) END;

-- Every plan: a seed plan unless a loaded plan has the same key (era, province, year, document).
CREATE OR REPLACE VIEW plans AS
    SELECT sp.*, NULL::INTEGER AS upload_id FROM seed_plans sp
    WHERE NOT EXISTS (SELECT 1 FROM stored_plans p
                      WHERE p.plan_id = sp.plan_id
                         OR (p.era = sp.era AND p.province_code = sp.province_code
                             AND p.plan_year = sp.plan_year AND p.document = sp.document))
    UNION ALL
    SELECT * FROM stored_plans;

-- Every task of a plan in `plans`, in the columns of lib.ingest.plan.TASK_COLUMNS.
CREATE OR REPLACE VIEW tasks AS
    SELECT st.* FROM seed_tasks st WHERE st.plan_id IN (SELECT plan_id FROM plans WHERE upload_id IS NULL)
    UNION ALL
    SELECT t.task_id, t.plan_id, t.province, t.plan_year, t.dimension, t.plan_section, t.plan_section_title,
           t.number, t.papi_subdimensions, t.papi_confidence, t.papi_evidence, t.task, t.lead_agency,
           t.implementing_agencies, t.deadline, t.deadline_date, t.output, t.source_line
    FROM stored_tasks t;

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
-- `era` says which province list a code belongs to: '63' up to 2024, '34' from 2025.
CREATE OR REPLACE VIEW dimension_scores AS
    SELECT s.year, s.province_code, s.province, s.dimension, s.score,
           rank() OVER (PARTITION BY s.year, s.dimension ORDER BY s.score DESC) AS rank,
           count(*) OVER (PARTITION BY s.year, s.dimension) AS ranked_provinces,
           median(s.score) OVER (PARTITION BY s.year, s.dimension) AS national_median,
           era_of_year(s.year) AS era
    FROM scores s
    WHERE s.subdimension IS NULL;

-- Sub-dimension scores labelled with their stable concept key.
CREATE OR REPLACE VIEW subdimension_scores AS
    SELECT s.year, s.province_code, s.province, s.dimension, s.subdimension, st.key,
           st.name_vi, st.name_en, st.scale_min, st.scale_max, s.score,
           rank() OVER (PARTITION BY s.year, st.key ORDER BY s.score DESC) AS rank,
           count(*) OVER (PARTITION BY s.year, st.key) AS ranked_provinces,
           median(s.score) OVER (PARTITION BY s.year, st.key) AS national_median,
           era_of_year(s.year) AS era
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
           median(p.total) OVER (PARTITION BY p.year) AS national_median,
           era_of_year(p.year) AS era
    FROM per_province p JOIN expected e ON e.year = p.year AND e.dimensions = p.dimensions;

-- Each plan task with the province its plan belongs to, as (era, code): the era of the plan's
-- year and the code that province's name has in that era's list (GSO reused codes from 2025).
CREATE OR REPLACE VIEW keyed_tasks AS
    SELECT t.*, era_of_year(t.plan_year) AS province_era, p.code AS province_code
    FROM tasks t
    LEFT JOIN provinces p ON p.era = era_of_year(t.plan_year) AND p.name_vi = t.province;

-- Each task with its dimension's score for every year, in the plan's province and, across the
-- change of units, in the province of the other era that is the same place (`province_places`).
CREATE OR REPLACE VIEW task_dimension_scores AS
    SELECT t.task_id, t.province, t.plan_year, t.dimension, d.year, d.score, d.rank,
           d.ranked_provinces, d.national_median, d.era
    FROM keyed_tasks t
    JOIN province_places pp ON pp.era = t.province_era AND pp.code = t.province_code
    JOIN dimension_scores d
      ON d.era = pp.place_era AND d.province_code = pp.place_code AND d.dimension = t.dimension;

-- Each task with the scores of the sub-dimensions it is mapped to, by year (same places as above).
CREATE OR REPLACE VIEW task_subdimension_scores AS
    SELECT ts.task_id, t.province, ts.key, s.year, s.dimension, s.subdimension, s.score,
           s.rank, s.ranked_provinces, s.national_median, s.era
    FROM task_subdimensions ts
    JOIN keyed_tasks t USING (task_id)
    JOIN province_places pp ON pp.era = t.province_era AND pp.code = t.province_code
    JOIN subdimension_scores s ON s.key = ts.key AND s.era = pp.place_era AND s.province_code = pp.place_code;
"""


def file_digest(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def connect(db_path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store, building or refreshing it from `data/*.csv` as needed.

    The caller owns the returned connection and should run each query on its
    own `cursor()`.
    """
    path = db_path or paths.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # One thread and a memory cap: the data is small, and each DuckDB thread
    # keeps its own buffers (measured: 12 MB less resident memory with one).
    con = duckdb.connect(str(path), config={"threads": 1, "memory_limit": "256MB"})
    ensure_built(con)
    return con


def _read_csv_sql(table: str) -> str:
    """Return a `read_csv` expression with the explicit column types of `table`."""
    types = CSV_TYPES.get(table)
    if types is None:
        return "read_csv(?, header = true, all_varchar = true)"
    struct = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
    # Quotes inside a quoted field are doubled (as pandas writes them); said explicitly,
    # since the sniffer guesses "no escape" when its sample holds none.
    return f"read_csv(?, header = true, quote = '\"', escape = '\"', columns = {{{struct}}})"


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
            if known:  # a reference table changed under a store in use: what was read from it is stale
                bump_version(cur)
        # Names this store file for the caches (see `store_version`); kept for the file's life.
        cur.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?)", [uuid.uuid4().hex])
        # Years beyond data/papi_structure.csv keep the structure their upload brought.
        cur.execute(
            "INSERT INTO papi_structure SELECT " + STRUCTURE_COLUMNS + " FROM upload_structure "
            "WHERE year NOT IN (SELECT year FROM papi_structure)"
        )
        seeded = cur.execute("SELECT value FROM meta WHERE name = 'scores_seeded'").fetchone()
        if not seeded:
            cur.execute(
                "INSERT INTO scores SELECT *, NULL AS upload_id FROM " + _read_csv_sql("papi_scores"),
                [str(paths.SCORES_CSV)],
            )
            cur.execute("INSERT INTO meta VALUES ('scores_seeded', ?)", [file_digest(paths.SCORES_CSV)])
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        _write_eras(cur)
        _write_province_places(cur)
        # A store of schema 1 held the seed tasks as a table named `tasks` (reference data, rebuilt
        # from data/tasks.csv as `seed_tasks` above): it gives way to the view of every plan's tasks.
        old = cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'tasks' AND table_type = 'BASE TABLE'"
        ).fetchone()
        if old and old[0]:
            cur.execute("DROP TABLE tasks CASCADE")
        cur.execute(VIEWS)
        cur.execute("COMMIT")
    except Exception:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()


def _write_eras(cur: duckdb.DuckDBPyConnection) -> None:
    """(Re)write the `eras` table (era, first year, last year) from `lib.domain.eras.SPANS`."""
    cur.execute("CREATE OR REPLACE TABLE eras (era VARCHAR PRIMARY KEY, first_year INTEGER, last_year INTEGER)")
    cur.executemany("INSERT INTO eras VALUES (?, ?, ?)", [list(span) for span in eras.SPANS])


def _write_province_places(cur: duckdb.DuckDBPyConnection) -> None:
    """(Re)write the places that continue across the change of units.

    `province_places` holds, for every (era, code) of the registry, itself and the
    province of the other era that is the same place (`provinces.same_place`): a
    plan of 63-era Gia Lai (64) belongs to 34-era Gia Lai (52) too, a plan of
    63-era Bình Định (52) does not, although Bình Định merged into it.
    """
    cur.execute(
        "CREATE OR REPLACE TABLE province_places "
        "(era VARCHAR, code VARCHAR, place_era VARCHAR, place_code VARCHAR)"
    )
    registry = provinces.load_registry(paths.PROVINCES_CSV)
    rows = [
        [era, code, place_era, place_code]
        for era, code in zip(registry["era"], registry["code"], strict=True)
        for place_era, place_code in provinces.same_place(code, era, paths.PROVINCES_CSV)
    ]
    cur.executemany("INSERT INTO province_places VALUES (?, ?, ?, ?)", rows)


# ---------------------------------------------------------------------------
# Write side: uploads, history, rollback (used by lib/importer.py).
#
# Each function takes a cursor inside a transaction the caller opened with
# `transaction()`; values are always bound parameters.  Frames are inserted
# through a registered relation, never through SQL text.
# ---------------------------------------------------------------------------

STRUCTURE_COLUMNS = "year, dimension, subdimension, key, name_vi, name_en, scale_min, scale_max, sc_column"
SCORE_COLUMNS = "year, province_code, province, dimension, subdimension, score"


class transaction:
    """`with transaction(con) as cur:` runs the block as one DuckDB transaction on its own cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.cur = con.cursor()

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.cur.execute("BEGIN TRANSACTION")
        return self.cur

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                self.cur.execute("COMMIT")
            else:
                self.cur.execute("ROLLBACK")
        finally:
            self.cur.close()


def store_version(con: duckdb.DuckDBPyConnection) -> str:
    """Return the version of everything the store holds, as one committed snapshot reads it.

    It is this file's id (made when the store is first built, so a store built
    anew at the same path never repeats an old version) and the counter that
    `bump_version` raises inside the transaction of every commit and rollback:
    a reader that sees the new version also sees the new rows.  Caches of the
    store's contents key on it.
    """
    cur = con.cursor()
    try:
        row = cur.execute(
            "SELECT any_value(value) FILTER (WHERE name = 'store_id'), "
            "coalesce(any_value(value) FILTER (WHERE name = 'scores_version'), '0') FROM meta"
        ).fetchone()
        return f"{row[0]}.{row[1]}" if row else "empty"
    finally:
        cur.close()


def year_scores(cur: duckdb.DuckDBPyConnection, years: list[int]) -> pd.DataFrame:
    """Return the stored score rows of `years` (with upload_id), in a fixed order."""
    return cur.execute(
        f"SELECT {SCORE_COLUMNS}, upload_id FROM scores WHERE list_contains(?, year) "
        "ORDER BY year, province_code, dimension, subdimension NULLS FIRST",
        [list(years)],
    ).df()


def years_digest(cur: duckdb.DuckDBPyConnection, years: list[int]) -> str:
    """Return a SHA-256 over the stored rows of `years` and the uploads that wrote them.

    It changes whenever a commit or rollback touches any of these years, even one
    that leaves the values as they were.
    """
    rows = cur.execute(
        f"SELECT {SCORE_COLUMNS}, upload_id FROM scores WHERE list_contains(?, year) "
        "ORDER BY year, province_code, dimension, subdimension NULLS FIRST, score",
        [list(years)],
    ).fetchall()
    digest = hashlib.sha256(repr(sorted(years)).encode())
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def next_upload_id(cur: duckdb.DuckDBPyConnection) -> int:
    row = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM uploads").fetchone()
    return int(row[0]) if row else 1


def record_upload(cur: duckdb.DuckDBPyConnection, entry: dict[str, object]) -> None:
    """Insert one history row; `entry` holds the `uploads` columns by name."""
    columns = ["id", "action", "user_name", "committed_at", "file_name", "sha256", "size_bytes", "rows_added",
               "rows_changed", "rows_removed", "years", "replaced", "raw", "status", "rolls_back"]
    cur.execute(
        f"INSERT INTO uploads ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [entry.get(c) for c in columns],
    )


def keep_previous(cur: duckdb.DuckDBPyConnection, upload_id: int, years: list[int]) -> None:
    """Copy the current scores of `years` aside, so the upload can be rolled back exactly."""
    cur.execute(
        f"INSERT INTO upload_previous_scores SELECT ?, {SCORE_COLUMNS}, upload_id FROM scores "
        "WHERE list_contains(?, year)",
        [upload_id, list(years)],
    )


def delete_years(cur: duckdb.DuckDBPyConnection, years: list[int]) -> None:
    cur.execute("DELETE FROM scores WHERE list_contains(?, year)", [list(years)])


def insert_scores(cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, upload_id: int) -> None:
    """Insert tidy rows (`SCORE_COLUMNS`) tagged with `upload_id`."""
    cur.register("incoming_scores", frame[SCORE_COLUMNS.split(", ")])
    try:
        cur.execute(f"INSERT INTO scores SELECT {SCORE_COLUMNS}, ? FROM incoming_scores", [upload_id])
    finally:
        cur.unregister("incoming_scores")


def add_structure(cur: duckdb.DuckDBPyConnection, rows: pd.DataFrame, upload_id: int) -> None:
    """Add structure rows (`STRUCTURE_COLUMNS`) for years the structure CSV does not cover."""
    if rows.empty:
        return
    cur.register("incoming_structure", rows[STRUCTURE_COLUMNS.split(", ")])
    try:
        cur.execute(f"INSERT INTO upload_structure SELECT ?, {STRUCTURE_COLUMNS} FROM incoming_structure",
                    [upload_id])
        cur.execute(f"INSERT INTO papi_structure SELECT {STRUCTURE_COLUMNS} FROM incoming_structure")
    finally:
        cur.unregister("incoming_structure")


def insert_plan(
    cur: duckdb.DuckDBPyConnection, plan: dict[str, object], tasks: pd.DataFrame, upload_id: int | None = None
) -> None:
    """Add one plan (a `PLAN_TYPES` row) and its tasks (`TASK_TYPES` columns) to the loaded plans.

    Blank strings of the tasks' typed columns are stored as NULL (a task with no
    dimension is unmapped, not dimension 0).  Runs in the caller's transaction.
    """
    cur.execute(
        "INSERT INTO stored_plans BY NAME SELECT " + ", ".join(f"?::{t} AS {c}" for c, t in PLAN_TYPES.items())
        + ", ?::INTEGER AS upload_id",
        [plan.get(c) for c in PLAN_TYPES] + [upload_id],
    )
    frame = tasks.reindex(columns=list(TASK_TYPES)).astype(object)
    frame = frame.where(frame.notna() & (frame != ""), None)
    frame["plan_id"] = plan["plan_id"]
    cur.register("new_plan_tasks", frame)
    try:
        cur.execute(
            "INSERT INTO stored_tasks BY NAME SELECT "
            + ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in TASK_TYPES.items())
            + ", ?::INTEGER AS upload_id FROM new_plan_tasks",
            [upload_id],
        )
    finally:
        cur.unregister("new_plan_tasks")


def structure_years(cur: duckdb.DuckDBPyConnection) -> set[int]:
    return {int(r[0]) for r in cur.execute("SELECT DISTINCT year FROM papi_structure").fetchall()}


def bump_version(cur: duckdb.DuckDBPyConnection) -> None:
    """Raise the store's version (see `store_version`); call it inside the transaction that changes the data."""
    cur.execute(
        "INSERT OR REPLACE INTO meta SELECT 'scores_version', "
        "CAST(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'scores_version'), 0) + 1 AS VARCHAR)"
    )


def upload_entry(cur: duckdb.DuckDBPyConnection, upload_id: int) -> dict[str, object] | None:
    """Return one history row (without the raw file) as a dict, or None."""
    frame = cur.execute(
        "SELECT id, action, user_name, committed_at, file_name, sha256, years, status, rolls_back, rolled_back_by "
        "FROM uploads WHERE id = ?",
        [upload_id],
    ).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def later_uploads(cur: duckdb.DuckDBPyConnection, upload_id: int, years: list[int]) -> list[int]:
    """Return active uploads after `upload_id` that touched any of `years`."""
    rows = cur.execute(
        "SELECT id, years FROM uploads WHERE action = 'upload' AND status = 'active' AND id > ? ORDER BY id",
        [upload_id],
    ).fetchall()
    return [int(i) for i, y in rows if set(_years(y)) & set(years)]


def _years(text: str) -> list[int]:
    return [int(y) for y in str(text).split(",") if y.strip()]


def restore_previous(cur: duckdb.DuckDBPyConnection, upload_id: int, years: list[int]) -> None:
    """Put back the scores of `years` as they were before `upload_id`, and drop its structure rows."""
    cur.execute("DELETE FROM scores WHERE list_contains(?, year)", [list(years)])
    cur.execute(
        f"INSERT INTO scores SELECT {SCORE_COLUMNS}, previous_upload_id FROM upload_previous_scores "
        "WHERE upload_id = ?",
        [upload_id],
    )
    cur.execute(
        "DELETE FROM papi_structure WHERE year IN (SELECT year FROM upload_structure WHERE upload_id = ?) "
        "AND year NOT IN (SELECT year FROM scores)",
        [upload_id],
    )
    cur.execute("DELETE FROM upload_structure WHERE upload_id = ? AND year NOT IN (SELECT year FROM scores)",
                [upload_id])


def mark_rolled_back(cur: duckdb.DuckDBPyConnection, upload_id: int, rollback_id: int) -> None:
    cur.execute("UPDATE uploads SET status = 'rolled_back', rolled_back_by = ? WHERE id = ?",
                [rollback_id, upload_id])


def raw_file(con: duckdb.DuckDBPyConnection, upload_id: int) -> tuple[str, bytes] | None:
    """Return (file name, bytes) of an upload's kept raw file."""
    cur = con.cursor()
    try:
        row = cur.execute("SELECT file_name, raw FROM uploads WHERE id = ? AND raw IS NOT NULL",
                          [upload_id]).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None
    finally:
        cur.close()


def content_digest(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Return {table: SHA-256 of its rows in a fixed order} for every table of the store."""
    cur = con.cursor()
    try:
        tables = [r[0] for r in cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()]
        digests: dict[str, str] = {}
        for table in tables:
            # Table names come from the catalogue above, not from users; quoted as identifiers.
            quoted = '"' + table.replace('"', '""') + '"'
            digest = hashlib.sha256()
            for row in cur.execute(f"SELECT * FROM {quoted} ORDER BY ALL").fetchall():
                digest.update(repr(row).encode())
            digests[table] = digest.hexdigest()
        return digests
    finally:
        cur.close()
