"""The shared facts in tests/facts.py, recomputed from their independent sources in ../shared (never from lib/)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests import facts


def _totals(shared_sources: Path, year: int) -> dict[str, float]:
    """Each province's total: the sum of every sub-dimension cell of its row in <year>.csv (blank cells count 0,
    a row without any score is a province not surveyed that year)."""
    path = shared_sources / "papi" / "subdimension_csv_2011-2024" / f"{year}.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    totals = {}
    for row in rows:
        cells = [float(v) for k, v in row.items() if k.startswith("SC") and v]
        if cells:
            totals[row["Province"]] = sum(cells)
    return totals


@pytest.mark.parametrize(
    ("year", "total", "rank", "ranked"),
    [(2019, facts.TOTAL_2019, facts.RANK_2019, facts.RANKED_2019),
     (2017, facts.TOTAL_2017, facts.RANK_2017, facts.RANKED_2017)],
)  # fmt: skip
def test_total_and_rank_from_the_published_subdimension_scores(
    shared_sources: Path, year: int, total: float, rank: int, ranked: int
) -> None:
    totals = _totals(shared_sources, year)
    ours = totals[facts.PROVINCE_SOURCE_ROW]
    assert round(ours, 2) == total
    assert 1 + sum(1 for other in totals.values() if other > ours) == rank
    assert len(totals) == ranked


def test_ha_noi_2019_total_from_the_published_subdimension_scores(shared_sources: Path) -> None:
    assert round(_totals(shared_sources, 2019)[facts.HA_NOI_SOURCE_ROW], 2) == facts.HA_NOI_TOTAL_2019


def test_plan_task_count_from_the_plan_text(shared_sources: Path) -> None:
    plan = shared_sources.parent / "plan" / "dak-lak-2020-papi-task-plan.txt"
    rows = [line.split("\t") for line in plan.read_text(encoding="utf-8").splitlines()]
    tasks = [cells for cells in rows if len(cells) == 4 and cells[0] == "" and cells[1].strip()]
    assert len(tasks) == facts.PLAN_TASKS


def test_province_codes_name_dak_lak_in_both_sources(shared_sources: Path) -> None:
    codebook = shared_sources / "papi" / "subdimension_csv_2011-2024" / "codebook" / "codebook_provinces.csv"
    text = codebook.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(facts.PROVINCE_SOURCE_ROW + ","))
    assert "Lak" in row
    registry = Path(__file__).resolve().parents[1] / "data" / "provinces.csv"
    with registry.open(encoding="utf-8") as handle:
        rows = {(r["era"], r["code"]): r for r in csv.DictReader(handle)}
    assert rows[("63", facts.PROVINCE_CODE)]["name_vi"] == "Đắk Lắk"
    assert rows[("63", facts.PROVINCE_CODE)]["papi_code"] == facts.PROVINCE_SOURCE_ROW
    assert sum(1 for era, _ in rows if era == "63") == facts.PROVINCES_BEFORE_2025
