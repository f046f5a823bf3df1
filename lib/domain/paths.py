"""Every path the project uses, resolved from the repository root.

Nothing here depends on the working directory, so the app, the tests and the
command-line importer find the same files wherever they are started from.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(__file__).resolve().parents[2]  # lib/domain/paths.py -> the project root
DATA_DIR: Path = ROOT / "data"
SHARED_DIR: Path = ROOT.parent / "shared"
SOURCES_DIR: Path = SHARED_DIR / "data-sources"

TASKS_CSV: Path = DATA_DIR / "tasks.csv"
PLANS_CSV: Path = DATA_DIR / "plans.csv"
SCORES_CSV: Path = DATA_DIR / "papi_scores.csv"
STRUCTURE_CSV: Path = DATA_DIR / "papi_structure.csv"
AGENCIES_CSV: Path = DATA_DIR / "agencies.csv"
CROSSWALK_CSV: Path = DATA_DIR / "plan_crosswalk.csv"
PROVINCES_CSV: Path = DATA_DIR / "provinces.csv"
INDICATORS_CSV: Path = DATA_DIR / "papi_indicators.csv"
UNCERTAINTY_CSV: Path = DATA_DIR / "papi_uncertainty.csv"
# Served to the browser by Streamlit's static file serving (`/app/static/...`), so a
# map's boundaries are fetched once and cached instead of riding in every figure.
STATIC_DIR: Path = ROOT / "static"
GEOJSON_63: Path = STATIC_DIR / "vn63_provinces.geojson"
GEOJSON_63_URL = "app/static/vn63_provinces.geojson"

DEFAULT_DB: Path = DATA_DIR / "papi.duckdb"


def store_path() -> Path:
    """Return the DuckDB store path: `PAPI_DB` if set, else `data/papi.duckdb`."""
    configured = os.environ.get("PAPI_DB", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DB
