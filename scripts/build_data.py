"""Regenerate every committed file under `data/` from the read-only sources in `../shared/`.

Deterministic: running it twice gives byte-identical files.  Run from anywhere:

    python scripts/build_data.py

Scores: 2011-2019 come from the official consolidated workbook
(`PAPI_2011-2019.xlsx`, dimension and sub-dimension columns as published);
2020-2024 from the SC-wide sub-dimension CSVs, whose dimension scores are the
sum of their sub-dimensions (as that source documents).
Indicators (2018, 2019) and the published 2019 uncertainty come from the official
indicator workbooks (`lib/build/indicators.py`).
Plan: the Đắk Lắk 2020 plan goes through the general plan importer, as a plan an
editor loads does (`check_plan`, then `plan_review.build_rows`), with the
hand-reviewed `data/plan_crosswalk.csv` as the editor's review (lib/ingest/plan.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.domain import papi, paths
from lib.ingest import readers

OFFICIAL_WORKBOOK = paths.SOURCES_DIR / "papi" / "official_xlsx_2011-2019" / "PAPI_2011-2019.xlsx"
SC_DIR = paths.SOURCES_DIR / "papi" / "subdimension_csv_2011-2024"
OFFICIAL_YEARS = range(2011, 2020)
SC_YEARS = range(2020, 2025)


def build_structure() -> pd.DataFrame:
    """Return the PAPI structure table for every year with published scores."""
    frame = pd.DataFrame(papi.structure_rows(range(papi.FIRST_YEAR, papi.LAST_KNOWN_YEAR + 1)))
    return frame.astype({"subdimension": "Int64"})


def build_scores(registry: pd.DataFrame) -> pd.DataFrame:
    """Return tidy scores 2011-2024, province names taken from the registry (63 units)."""
    former = registry[registry["era"] == "63"]
    names = dict(zip(former["code"], former["name_vi"], strict=True))
    papi_to_gso = {
        row.papi_code: (row.code, row.name_vi) for row in former.itertuples() if isinstance(row.papi_code, str)
    }
    rows: list[dict[str, object]] = []
    workbook = openpyxl.load_workbook(OFFICIAL_WORKBOOK, read_only=True, data_only=True)
    for year in OFFICIAL_YEARS:
        sheet = workbook[f"{year}_PAPI"]
        rows.extend(readers.official_sheet_rows(year, list(sheet.iter_rows(values_only=True))))
    workbook.close()
    for year in SC_YEARS:
        table = pd.read_csv(SC_DIR / f"{year}.csv", dtype={"Province": "string"})
        rows.extend(readers.sc_wide_rows(year, table, papi_to_gso))
    frame = readers.tidy_frame(rows)
    frame["province"] = frame["province_code"].map(names).astype("string")
    return frame


def main() -> None:
    """Write every file under `data/`."""
    from lib.build import geo, indicators, provinces
    from lib.ingest import plan

    paths.DATA_DIR.mkdir(exist_ok=True)
    provinces.write_registry(paths.PROVINCES_CSV)
    registry = pd.read_csv(paths.PROVINCES_CSV, dtype=str, keep_default_na=False)
    geo.write_geojson(paths.GEOJSON_63)
    structure = build_structure()
    structure.to_csv(paths.STRUCTURE_CSV, index=False, lineterminator="\n")
    scores = build_scores(registry)
    # repr-precision floats: the CSV keeps every published digit.
    scores.to_csv(paths.SCORES_CSV, index=False, lineterminator="\n", float_format=None)
    plan.write_plan_data(plan.SEED_PLAN_PATH, paths.DATA_DIR)  # through the general plan importer
    counts = indicators.write(registry, structure, paths.INDICATORS_CSV, paths.UNCERTAINTY_CSV)
    print(f"wrote {counts[0]} indicator rows and {counts[1]} uncertainty rows (PAPI 2018, 2019)")
    print(f"wrote {len(scores)} score rows, structure, provinces, geometry and tasks to {paths.DATA_DIR}")


if __name__ == "__main__":
    main()
