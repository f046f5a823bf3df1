"""The PAPI structure by year: sub-dimension counts, keys across renumbering, scales, breaks."""

from __future__ import annotations

import pandas as pd

from lib.domain import eras, i18n, papi


def test_dimension_counts_by_era() -> None:
    assert papi.dimensions(2011) == [1, 2, 3, 4, 5, 6]
    assert papi.dimensions(2017) == [1, 2, 3, 4, 5, 6]
    assert papi.dimensions(2018) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert papi.dimensions(2025) == [1, 2, 3, 4, 5, 6, 7, 8]


def test_poverty_list_key_follows_the_renumbering(structure: pd.DataFrame) -> None:
    rows = structure[structure["key"] == "poverty_lists"].set_index("year")
    assert rows.loc[2017, "subdimension"] == 1
    assert rows.loc[2018, "subdimension"] == 2
    assert set(rows["dimension"]) == {2}
    assert list(rows.index) == list(range(2011, 2025))


def test_dimension_three_changes_in_2016_and_2018() -> None:
    keys = {year: [k for k, _ in papi.era(year)[3]] for year in (2015, 2016, 2018)}
    assert keys[2015] == [
        "interactions_with_local_authorities",
        "peoples_inspection_boards",
        "community_investment_supervision",
    ]
    assert keys[2016] == [
        "interactions_with_local_authorities",
        "responsiveness_to_citizen_actions",
        "peoples_inspection_boards",
    ]
    assert keys[2018] == ["interactions_with_local_authorities", "responses_to_citizen_appeals", "access_to_justice"]


def test_e_responsiveness_from_2019_and_construction_permits_until_2020(structure: pd.DataFrame) -> None:
    e_resp = structure[structure["key"] == "e_responsiveness"]
    permits = structure[structure["key"] == "construction_permits"]
    assert e_resp["year"].min() == 2019
    assert e_resp.loc[e_resp["year"] == 2019, "subdimension"].item() == 3
    assert permits["year"].max() == 2020
    land_2021 = structure[(structure["year"] == 2021) & (structure["key"] == "land_title_procedures")]
    assert land_2021["subdimension"].item() == 2


def test_scales_match_the_official_scale_column(structure: pd.DataFrame) -> None:
    # "Thang điểm" in PAPI_2018_FULL_vie_indicators.xlsx: 1-10 per dimension,
    # 0.25-2.5 (four subs), 0.33-3.33 (three), 0.5-5.0 (E-Governance 2018, two).
    def scale(year: int, key: str) -> tuple[float, float]:
        row = structure[(structure["year"] == year) & (structure["key"] == key)].iloc[0]
        return (round(row["scale_min"], 2), round(row["scale_max"], 2))

    assert scale(2018, "civic_knowledge") == (0.25, 2.5)
    assert scale(2018, "access_to_justice") == (0.33, 3.33)
    assert scale(2018, "internet_access") == (0.5, 5.0)
    assert scale(2019, "internet_access") == (0.33, 3.33)
    assert scale(2018, "participation") == (1.0, 10.0)


def test_comparability_segments() -> None:
    assert papi.segment(2015, 1) != papi.segment(2016, 1)
    assert papi.segment(2015, 2) == papi.segment(2017, 2)
    assert papi.segment(2017, 2) != papi.segment(2018, 2)
    assert papi.segment(2018, 8) != papi.segment(2019, 8)
    assert papi.segment(2020, 5) != papi.segment(2021, 5)
    assert papi.segment(2019, 6) == papi.segment(2024, 6)
    assert papi.segment(2017, None) != papi.segment(2018, None)


def test_the_2025_change_of_units_breaks_every_series() -> None:
    for dimension in [None, *papi.DIMENSIONS]:
        assert papi.segment(2024, dimension) != papi.segment(2025, dimension)
        assert papi.segment(2025, dimension) == papi.segment(2026, dimension)
        assert eras.FIRST_34_YEAR in papi.breaks_within(dimension, [2024, 2025])
    assert papi.breaks_within(7, list(range(2018, 2025))) == ()
    assert "34" in i18n.t("break_reason_2025", "vi") and "63" in i18n.t("break_reason_2025", "en")
