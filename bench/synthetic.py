"""Synthetic data at N× the real size, for the growth measurements.  Never written to data/.

At factor N the store holds N× the real tasks and about N× the real score rows:
- tasks: the real plan (85 tasks of Đắk Lắk, plan year 2020) copied N-1 times as
  other provinces' plans and later plan years (plan year major, Đắk Lắk first in
  each year), each copy with new task ids prefixed `SYN<n>-`;
- scores: synthetic years after 2024 (2025, 2026, ...) with the 2024 structure and
  the 2024 provinces, each score the 2024 one moved by at most ±3 % (deterministic
  seed) and kept inside the 2024 range of its (sub-)dimension, until the score
  rows reach N× the real count; the structure table gets the 2024 rows for each
  synthetic year (the views join on it).
The store is built with `lib.store.connect(path)` (which loads the real CSVs)
and the synthetic rows are then inserted; a `synthetic` row in its `meta` table
says what was added.  Since the real CSVs' digests still match, later connects
keep the synthetic rows.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from lib.domain import eras, paths, provinces

REAL_YEAR = 2024  # the structure and provinces every synthetic year copies
PLAN_PROVINCE = "Đắk Lắk"
SEED = 20240


@dataclass(frozen=True)
class SyntheticSummary:
    """What a synthetic store holds."""

    factor: int
    tasks: int
    real_tasks: int
    plans: int
    score_rows: int
    real_score_rows: int
    score_years: int
    first_synthetic_year: int | None
    last_year: int


def read_real() -> dict[str, pd.DataFrame]:
    """The committed CSVs the synthetic tables are made from, read with explicit types."""
    return {
        "tasks": pd.read_csv(paths.TASKS_CSV, dtype=str, keep_default_na=False),
        "scores": pd.read_csv(
            paths.SCORES_CSV, dtype={"province_code": str, "province": str, "subdimension": "Int64"}
        ),
        "structure": pd.read_csv(paths.STRUCTURE_CSV, dtype={"subdimension": "Int64", "sc_column": str}),
        "provinces": pd.read_csv(paths.PROVINCES_CSV, dtype=str, keep_default_na=False),
    }


def plan_slots(province_names: list[str], count: int, first_year: int = 2020) -> list[tuple[str, int]]:
    """The first `count` (province, plan year) pairs after the real plan, plan year major."""
    ordered = [PLAN_PROVINCE] + [name for name in province_names if name != PLAN_PROVINCE]
    slots: list[tuple[str, int]] = []
    year = first_year
    while len(slots) < count:
        for name in ordered:
            if (name, year) != (PLAN_PROVINCE, first_year):
                slots.append((name, year))
                if len(slots) == count:
                    break
        year += 1
    return slots


def synthetic_tasks(tasks: pd.DataFrame, province_names: list[str], factor: int) -> pd.DataFrame:
    """The real tasks plus `factor - 1` synthetic plans (other provinces, later plan years)."""
    copies = [tasks]
    for n, (province, plan_year) in enumerate(plan_slots(province_names, factor - 1), start=1):
        copy = tasks.copy()
        copy["task_id"] = f"SYN{n}-" + copy["task_id"]
        copy["plan_id"] = f"SYN{n}-" + copy["plan_id"]
        copy["province"] = province
        copy["plan_year"] = str(plan_year)
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def synthetic_score_years(scores: pd.DataFrame, factor: int) -> int:
    """How many synthetic years bring the score rows to `factor` × the real count."""
    per_year = int((scores["year"] == REAL_YEAR).sum())
    return math.ceil((factor - 1) * len(scores) / per_year) if factor > 1 else 0


def synthetic_scores(scores: pd.DataFrame, factor: int) -> pd.DataFrame:
    """Only the synthetic score rows (years after 2024) for `factor` × the real size."""
    years = synthetic_score_years(scores, factor)
    base = scores[scores["year"] == REAL_YEAR].reset_index(drop=True)
    if years == 0:
        return base.iloc[0:0].copy()
    group = [base["dimension"], base["subdimension"].fillna(0)]
    low = base.groupby(group)["score"].transform("min").to_numpy()
    high = base.groupby(group)["score"].transform("max").to_numpy()
    rng = np.random.default_rng(SEED)
    frames = []
    for offset in range(1, years + 1):
        moved = base["score"].to_numpy() * (1.0 + rng.uniform(-0.03, 0.03, len(base)))
        frames.append(base.assign(year=REAL_YEAR + offset, score=np.clip(moved, low, high)))
    return pd.concat(frames, ignore_index=True)


def synthetic_structure(structure: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """The 2024 structure rows repeated for each synthetic year."""
    base = structure[structure["year"] == REAL_YEAR]
    if not years:
        return base.iloc[0:0].copy()
    return pd.concat([base.assign(year=year) for year in years], ignore_index=True)


def build_store(folder: Path, factor: int) -> tuple[Path, SyntheticSummary]:
    """Build `folder/papi-<factor>x.duckdb` at `factor` × the real size; return its path and a summary."""
    from lib.store import database  # imported here so the pure functions above need no DuckDB

    folder.mkdir(parents=True, exist_ok=True)
    real = read_real()
    names = real["provinces"].loc[real["provinces"]["era"] == "63", "name_vi"].tolist()
    tasks = synthetic_tasks(real["tasks"], names, factor)
    extra_scores = synthetic_scores(real["scores"], factor)
    extra_years = sorted(int(y) for y in extra_scores["year"].unique())
    extra_structure = synthetic_structure(real["structure"], extra_years)
    tasks.to_csv(folder / f"tasks-{factor}x.csv", index=False)

    db_path = folder / f"papi-{factor}x.duckdb"
    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = database.connect(db_path)
    try:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        extra_tasks = tasks.iloc[len(real["tasks"]) :].copy()
        for plan_id, plan_tasks in extra_tasks.groupby("plan_id", sort=False):
            first = plan_tasks.iloc[0]
            year = int(first["plan_year"])
            era = eras.era_of_year(year)
            plan = {"plan_id": plan_id, "era": era, "plan_year": year, "province": first["province"],
                    "province_code": provinces.match_province(first["province"], era) or "",
                    "document": f"Synthetic plan {plan_id}"}
            database.insert_plan(cur, plan, plan_tasks)
        if len(extra_scores):
            cur.register("extra_scores", extra_scores)
            cur.execute("INSERT INTO scores BY NAME SELECT *, NULL::INTEGER AS upload_id FROM extra_scores")
            cur.register("extra_structure", extra_structure)
            cur.execute("INSERT INTO papi_structure BY NAME SELECT * FROM extra_structure")
        summary = SyntheticSummary(
            factor=factor,
            tasks=int(cur.execute("SELECT count(*) FROM tasks").fetchone()[0]),
            real_tasks=len(real["tasks"]),
            plans=int(cur.execute("SELECT count(DISTINCT (province, plan_year)) FROM tasks").fetchone()[0]),
            score_rows=int(cur.execute("SELECT count(*) FROM scores").fetchone()[0]),
            real_score_rows=len(real["scores"]),
            score_years=int(cur.execute("SELECT count(DISTINCT year) FROM scores").fetchone()[0]),
            first_synthetic_year=extra_years[0] if extra_years else None,
            last_year=int(cur.execute("SELECT max(year) FROM scores").fetchone()[0]),
        )
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('synthetic', ?)", [json.dumps(asdict(summary))])
        # Task status: two reports per task (a first one and an update), so pages show status data.
        from bench.status import add_reports

        reports = add_reports(cur)
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('synthetic_status_reports', ?)", [str(reports)])
        cur.execute("COMMIT")
        cur.close()
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db_path, summary
