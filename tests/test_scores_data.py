"""`data/papi_scores.csv` against its sources, cell for cell, and against printed figures."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib.domain import papi
from lib.ingest import readers
from tests import facts

TOLERANCE = 1e-9


def _lookup(scores: pd.DataFrame) -> dict[tuple[int, str, int, int | None], float]:
    return {
        (
            int(r.year),
            str(r.province_code),
            int(r.dimension),
            None if pd.isna(r.subdimension) else int(r.subdimension),
        ): float(r.score)
        for r in scores.itertuples()
    }


def test_every_official_cell_2011_2019_is_in_the_csv(scores: pd.DataFrame, shared_sources: Path) -> None:
    book = openpyxl.load_workbook(
        shared_sources / "papi" / "official_xlsx_2011-2019" / "PAPI_2011-2019.xlsx", read_only=True, data_only=True
    )
    have = _lookup(scores)
    checked = 0
    for year in range(2011, 2020):
        rows = list(book[f"{year}_PAPI"].iter_rows(values_only=True))
        layout = readers.official_sheet_columns(year)
        for row in rows[2:]:
            if row[0] in (None, 999):
                continue
            for offset, (dim, sub) in enumerate(layout):
                value = row[3 + offset]
                key = (year, readers.gso_code(row[0]), dim, sub)
                if readers.is_no_data(value):
                    assert key not in have, f"exclusion {key} must stay absent"
                else:
                    assert have[key] == pytest.approx(float(value), abs=TOLERANCE), key
                    checked += 1
    assert checked == len(scores[scores["year"] <= 2019])


def test_every_sc_cell_2011_2024_matches(scores: pd.DataFrame, shared_sources: Path) -> None:
    codebook = pd.read_csv(
        shared_sources / "papi" / "subdimension_csv_2011-2024" / "codebook" / "codebook_provinces.csv"
    )
    registry = pd.read_csv(
        Path(__file__).resolve().parents[1] / "data" / "provinces.csv", dtype=str, keep_default_na=False
    )
    papi_to_gso = dict(zip(registry["papi_code"], registry["code"], strict=False))
    assert len(codebook) == 63
    have = _lookup(scores)
    for year in range(2011, 2025):
        table = pd.read_csv(shared_sources / "papi" / "subdimension_csv_2011-2024" / f"{year}.csv")
        # Official 2011-2019 values are float32 in the workbook; the CSV agrees to 1e-6.
        tolerance = 1e-6 if year <= 2019 else TOLERANCE
        for _, row in table.iterrows():
            code = papi_to_gso[row["Province"]]
            for dim, subs in papi.era(year).items():
                for number, (_, column) in enumerate(subs, start=1):
                    key = (year, code, dim, number)
                    if pd.isna(row[column]):
                        assert key not in have, key
                    else:
                        assert have[key] == pytest.approx(row[column], abs=tolerance), key


def test_dak_lak_2017_as_printed_in_the_press(scores: pd.DataFrame) -> None:
    # Đắk Lắk 2017 (tests/facts.py): dimensions 5.21, 5.17, 4.82, 5.20, 7.24, 7.00 as printed in the press.
    dims = scores[(scores["year"] == 2017) & (scores["province_code"] == "66") & scores["subdimension"].isna()]
    assert dims.sort_values("dimension")["score"].round(2).tolist() == [5.21, 5.17, 4.82, 5.20, 7.24, 7.00]
    totals = scores[(scores["year"] == 2017) & scores["subdimension"].isna()].groupby("province_code")["score"].sum()
    assert round(totals[facts.PROVINCE_CODE], 2) == facts.TOTAL_2017
    assert int(totals.rank(ascending=False)[facts.PROVINCE_CODE]) == facts.RANK_2017
    assert len(totals) == facts.RANKED_2017


def test_dak_lak_2019_total_and_rank(scores: pd.DataFrame) -> None:
    totals = scores[(scores["year"] == 2019) & scores["subdimension"].isna()].groupby("province_code")["score"].sum()
    assert round(totals[facts.PROVINCE_CODE], 2) == facts.TOTAL_2019
    assert int(totals.rank(ascending=False)[facts.PROVINCE_CODE]) == facts.RANK_2019
    assert len(totals) == facts.RANKED_2019


def test_2020_quang_ninh_total_as_published(scores: pd.DataFrame) -> None:
    # Source README: 2020 Quang Ninh 48.811, Dong Thap 46.961, Thai Nguyen 46.471.
    totals = scores[(scores["year"] == 2020) & scores["subdimension"].isna()].groupby("province_code")["score"].sum()
    assert round(totals["22"], 3) == 48.811
    assert round(totals["87"], 3) == 46.961
    assert round(totals["19"], 3) == 46.471


def test_subdimensions_sum_to_their_dimension(scores: pd.DataFrame) -> None:
    subs = scores[scores["subdimension"].notna()].groupby(["year", "province_code", "dimension"])["score"].sum()
    dims = scores[scores["subdimension"].isna()].set_index(["year", "province_code", "dimension"])["score"]
    joined = pd.concat([subs, dims], axis=1, keys=["subs", "dim"]).dropna()
    assert len(joined) == len(dims)
    assert (joined["subs"] - joined["dim"]).abs().max() < 1e-5


def test_every_score_inside_its_scale(scores: pd.DataFrame, structure: pd.DataFrame) -> None:
    merged = scores.merge(structure, on=["year", "dimension", "subdimension"], how="left")
    assert merged["scale_min"].notna().all()
    outside = merged[(merged["score"] < merged["scale_min"] - 0.005) | (merged["score"] > merged["scale_max"] + 0.005)]
    assert outside.empty, outside.head()


def test_official_exclusions_stay_absent(scores: pd.DataFrame) -> None:
    def present(year: int, code: str, dim: int | None = None) -> bool:
        rows = scores[(scores["year"] == year) & (scores["province_code"] == code)]
        return not rows[rows["dimension"] == dim].empty if dim else not rows.empty

    assert not present(2014, "24")  # Bắc Giang
    assert not present(2014, "87")  # Đồng Tháp
    assert not present(2021, "22")  # Quảng Ninh
    assert not present(2018, "22", 2) and not present(2018, "22", 4)
    assert present(2018, "22", 1)
    dim5_from_2021 = scores[(scores["year"] >= 2021) & (scores["dimension"] == 5)]
    assert dim5_from_2021["subdimension"].max() == 3  # construction permits no longer surveyed
    assert (scores["score"] > 0).all()
    per_year = scores[scores["subdimension"].isna() & (scores["dimension"] == 1)].groupby("year").size()
    assert per_year[2011] == 63 and per_year[2014] == 61 and per_year[2021] == 60
