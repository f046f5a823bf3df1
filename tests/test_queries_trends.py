"""Trend, ranking and task-table queries against the store built from the committed CSVs.

Expected numbers are read from data/papi_scores.csv with pandas (the `scores`
fixture), a different path than the SQL under test.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lib.store import queries
from tests import facts


def own_scores(scores: pd.DataFrame, code: str, dimension: int) -> pd.DataFrame:
    own = (scores["province_code"] == code) & (scores["dimension"] == dimension) & scores["subdimension"].isna()
    rows = scores[own]
    return rows.sort_values("year")


def test_dak_lak_e_governance_trend(session_store: duckdb.DuckDBPyConnection, scores: pd.DataFrame) -> None:
    trend = queries.trend_scores(session_store, 8, None, ("66",))
    expected = own_scores(scores, "66", 8)
    assert list(trend["year"]) == list(range(2018, 2025)) == list(expected["year"])
    assert list(trend["score"]) == pytest.approx(list(expected["score"]))
    assert trend["score"].round(2).tolist() == [3.07, 2.20, 2.77, 3.05, 2.89, 3.42, 3.55]
    assert set(trend["province"]) == {"Đắk Lắk"}


def test_trend_ranks_match_a_ranking_computed_from_the_csv(
    session_store: duckdb.DuckDBPyConnection, scores: pd.DataFrame
) -> None:
    trend = queries.trend_scores(session_store, 8, None, ("66",)).set_index("year")
    dim8 = scores[(scores["dimension"] == 8) & scores["subdimension"].isna()]
    for year, group in dim8.groupby("year"):
        ranks = group["score"].rank(ascending=False, method="min")
        own = ranks[group["province_code"] == "66"].iloc[0]
        assert trend.at[year, "rank"] == int(own)
        assert trend.at[year, "ranked_provinces"] == len(group)
    assert trend.at[2019, "rank"] == 59 and trend.at[2019, "ranked_provinces"] == 63


def test_trend_for_several_provinces(session_store: duckdb.DuckDBPyConnection) -> None:
    peers = queries.trend_scores(session_store, 1, None, ("62", "64", "67", "68"))
    assert sorted(peers["province_code"].unique()) == ["62", "64", "67", "68"]
    assert queries.trend_scores(session_store, 1, None, ()).empty


def test_national_spread(session_store: duckdb.DuckDBPyConnection, scores: pd.DataFrame) -> None:
    national = queries.trend_national(session_store, 1, None).set_index("year")
    assert list(national.index) == list(range(2011, 2025))
    year2024 = scores[(scores["year"] == 2024) & (scores["dimension"] == 1) & scores["subdimension"].isna()]
    row = national.loc[2024]
    assert row["provinces"] == len(year2024) == 61
    assert row["median"] == pytest.approx(year2024["score"].median())
    assert row["q1"] == pytest.approx(year2024["score"].quantile(0.25))
    assert row["q3"] == pytest.approx(year2024["score"].quantile(0.75))
    assert row["min"] == pytest.approx(year2024["score"].min())
    assert row["max"] == pytest.approx(year2024["score"].max())


def test_subdimension_trend_only_where_the_key_exists(session_store: duckdb.DuckDBPyConnection) -> None:
    permits = queries.trend_scores(session_store, 5, "construction_permits", ("66",))
    assert permits["year"].max() == 2020  # dropped from 2021
    responsiveness = queries.trend_scores(session_store, 8, "e_responsiveness", ("66",))
    assert responsiveness["year"].min() == 2019
    keys = queries.subdimension_keys(session_store, 8)
    assert list(keys["key"]) == ["e_government_portals", "internet_access", "e_responsiveness"]
    assert keys.set_index("key").at["e_responsiveness", "first_year"] == 2019


def test_total_trend(session_store: duckdb.DuckDBPyConnection, scores: pd.DataFrame) -> None:
    total = queries.trend_scores(session_store, 0, None, ("66",)).set_index("year")
    own = scores[(scores["province_code"] == "66") & scores["subdimension"].isna() & (scores["year"] == 2019)]
    assert total.at[2019, "score"] == pytest.approx(own["score"].sum())
    assert total.at[2019, "rank"] == facts.RANK_2019 and total.at[2019, "ranked_provinces"] == facts.RANKED_2019


def test_province_ranking_2019_e_governance(session_store: duckdb.DuckDBPyConnection, scores: pd.DataFrame) -> None:
    ranking = queries.province_ranking(session_store, 2019, 8)
    assert len(ranking) == facts.RANKED_2019
    group = scores[(scores["year"] == 2019) & (scores["dimension"] == 8) & scores["subdimension"].isna()]
    ordered = group.sort_values("score", ascending=False).reset_index(drop=True)
    true_rank = int(ordered.index[ordered["province_code"] == "66"][0]) + 1
    dak_lak = ranking[ranking["province_code"] == "66"].iloc[0]
    assert int(dak_lak["rank"]) == true_rank == 59
    assert dak_lak["name_en"] == "Dak Lak"
    assert int(dak_lak["quartile"]) == 1  # bottom quarter
    assert list(ranking["rank"]) == sorted(ranking["rank"])
    assert ranking.iloc[0]["province_code"] == ordered.iloc[0]["province_code"]
    assert sorted(ranking["quartile"].value_counts().tolist()) == [15, 16, 16, 16]


def test_province_ranking_absent_dimension_is_empty(session_store: duckdb.DuckDBPyConnection) -> None:
    assert queries.province_ranking(session_store, 2015, 8).empty
    assert len(queries.province_ranking(session_store, 2024, 0)) == 61


def test_tasks_with_scores(session_store: duckdb.DuckDBPyConnection) -> None:
    tasks = queries.tasks_with_scores(session_store, "66", "63", "en")
    assert len(tasks) == facts.PLAN_TASKS
    assert queries.tasks_with_scores(session_store, "01", "63", "en").empty  # Hà Nội has no plan
    assert tasks["task_id"].is_unique
    first = tasks.iloc[0]
    assert first["task_id"] == "DLK-2020-I.1-01"
    assert first["dimension_name"] == "Participation at Local Levels"
    vi = queries.tasks_with_scores(session_store, "66", "63", "vi")
    assert vi.iloc[0]["dimension_name"] == "Tham gia của người dân ở cấp cơ sở"
