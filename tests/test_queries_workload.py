"""Queries behind the overview, dimensions and agencies pages, checked against real values."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator

import duckdb
import pandas as pd
import pytest

from lib.domain import paths
from lib.store import database, queries
from tests import facts

DAK_LAK = "66"
HA_NOI = "01"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(tmp_path_factory.mktemp("workload") / "papi.duckdb")
    yield connection
    connection.close()


def test_plan_summary_of_dak_lak(con: duckdb.DuckDBPyConnection) -> None:
    plan = queries.plan_summary(con, DAK_LAK, "63").iloc[0]
    assert int(plan["tasks"]) == facts.PLAN_TASKS
    assert int(plan["agencies"]) == 28
    assert int(plan["no_lead"]) == 8
    assert int(plan["no_implementer"]) == 6
    assert plan["plan_years"] == "2020"


def test_province_without_plan_has_zero_tasks(con: duckdb.DuckDBPyConnection) -> None:
    plan = queries.plan_summary(con, HA_NOI, "63").iloc[0]
    assert int(plan["tasks"]) == 0
    assert queries.agency_load(con, HA_NOI, "63").empty
    assert queries.lead_concentration(con, HA_NOI, "63").empty
    assert (queries.dimension_profile(con, HA_NOI, 2024)["tasks"] == 0).all()


def test_total_rank_and_change(con: duckdb.DuckDBPyConnection) -> None:
    row = queries.total_with_change(con, DAK_LAK, 2019).iloc[0]
    assert (int(row["rank"]), int(row["ranked_provinces"])) == (facts.RANK_2019, facts.RANKED_2019)
    assert round(float(row["total"]), 2) == facts.TOTAL_2019
    assert int(row["prev_rank"]) == 53
    assert bool(row["comparable"]) and round(float(row["change"]), 2) == -1.25
    row_2017 = queries.total_with_change(con, DAK_LAK, 2017).iloc[0]
    assert round(float(row_2017["total"]), 2) == facts.TOTAL_2017 and int(row_2017["rank"]) == facts.RANK_2017


def test_change_is_missing_across_the_2018_break(con: duckdb.DuckDBPyConnection) -> None:
    row = queries.total_with_change(con, DAK_LAK, 2018).iloc[0]
    assert not bool(row["comparable"])
    assert pd.isna(row["change"])


def test_dimension_profile_2019(con: duckdb.DuckDBPyConnection) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2019)
    assert profile["dimension"].tolist() == list(range(1, 9))
    assert profile["tasks"].tolist() == [6, 20, 12, 13, 4, 20, 5, 5]
    assert profile["rank"].tolist() == [36, 52, 34, 56, 55, 13, 43, 59]
    # Quartile 4 = top quarter: only Public Service Delivery (13th of 63) is there.
    assert profile["quartile"].tolist() == [2, 1, 2, 1, 1, 4, 2, 1]
    e_gov = profile.set_index("dimension").loc[8]
    assert e_gov["best_province"] == "Đà Nẵng" and round(float(e_gov["best_score"]), 2) == 5.0
    assert not bool(e_gov["comparable"])  # E-Responsiveness added in 2019


def test_dimensions_7_and_8_are_absent_before_2018_not_zero(con: duckdb.DuckDBPyConnection) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2017).set_index("dimension")
    assert profile.loc[[7, 8], "score"].isna().all()
    assert not profile.loc[[7, 8], "surveyed"].any()
    assert profile.loc[[7, 8], "tasks"].tolist() == [5, 5]
    assert profile.loc[1:6, "score"].round(2).tolist() == [5.21, 5.17, 4.82, 5.20, 7.24, 7.00]


def test_subdimension_profile_counts_direct_and_whole_dimension_tasks(con: duckdb.DuckDBPyConnection) -> None:
    subs = queries.subdimension_profile(con, DAK_LAK, 2019).set_index("key")
    assert len(subs) == 29
    assert int(subs.loc["land_use_plans", "tasks"]) == 7
    assert int(subs.loc["basic_infrastructure", "tasks"]) == 8
    assert int(subs.loc["certification_procedures", "tasks"]) == 0
    assert int(subs.loc["certification_procedures", "whole_dimension_tasks"]) == 4
    certification = subs.loc["certification_procedures"]
    assert (int(certification["rank"]), int(certification["ranked_provinces"])) == (59, 63)


def test_tasks_for_dimension_and_subdimension(con: duckdb.DuckDBPyConnection) -> None:
    assert len(queries.tasks_for(con, DAK_LAK, "63", 2, None)) == 20
    land = queries.tasks_for(con, DAK_LAK, "63", 2, "land_use_plans")
    assert len(land) == 7 and set(land["coverage"]) == {"direct"}
    certification = queries.tasks_for(con, DAK_LAK, "63", 5, "certification_procedures")
    assert len(certification) == 4 and set(certification["coverage"]) == {"whole"}


def test_score_history_marks_segments(con: duckdb.DuckDBPyConnection) -> None:
    history = queries.score_history(con, DAK_LAK, 2, None)
    assert history["year"].tolist() == list(range(2011, 2025))
    assert history.set_index("year").loc[2017, "segment"] != history.set_index("year").loc[2018, "segment"]
    e_resp = queries.score_history(con, DAK_LAK, 8, "e_responsiveness")
    assert e_resp["year"].min() == 2019


def test_agency_load_and_the_agency_that_leads_most(con: duckdb.DuckDBPyConnection) -> None:
    load = queries.agency_load(con, DAK_LAK, "63")
    assert len(load) == 28
    top = load.iloc[0]
    assert (top["agency"], int(top["led"]), int(top["implemented"])) == ("Thanh tra tỉnh", 12, 1)
    most_implementing = load.sort_values("implemented", ascending=False).iloc[0]
    assert (most_implementing["agency"], int(most_implementing["implemented"])) == ("UBND cấp huyện", 64)
    tasks = queries.agency_tasks(con, DAK_LAK, "63", "Thanh tra tỉnh")
    assert len(tasks) == 13
    assert (tasks["role"] == "lead").sum() == 12


def test_agency_dimension_matrix(con: duckdb.DuckDBPyConnection) -> None:
    matrix = queries.agency_dimension_matrix(con, DAK_LAK, "63", "any").set_index(["agency", "dimension"])["tasks"]
    assert int(matrix.loc[("UBND cấp huyện", 2)]) == 19
    lead = queries.agency_dimension_matrix(con, DAK_LAK, "63", "lead")
    assert int(lead["tasks"].sum()) == 78  # lead assignments; one task has two lead agencies


def _gini_by_hand() -> float:
    """Gini of tasks led per agency, from data/tasks.csv alone.

    Lead agencies are the `lead_agency` cells split on ";" (a task with two leads counts for each; an empty
    cell leads nothing).  Tasks led: 12, 10, 8, 7, 6, 5, 5, 5, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1, 1 (n = 19 agencies,
    78 assignments, mean 78/19).  G = sum over all ordered pairs |x_i - x_j| / (2 n^2 mean)
    = 1240 / (2 * 19 * 78) = 0.4184.
    """
    with paths.TASKS_CSV.open(encoding="utf-8") as handle:
        led = Counter(a.strip() for row in csv.DictReader(handle) for a in row["lead_agency"].split(";") if a.strip())
    x = list(led.values())
    n, mean = len(x), sum(x) / len(x)
    assert (n, sum(x), sum(abs(a - b) for a in x for b in x)) == (19, 78, 1240)
    return sum(abs(a - b) for a in x for b in x) / (2 * n * n * mean)


def test_lead_concentration(con: duckdb.DuckDBPyConnection) -> None:
    row = queries.lead_concentration(con, DAK_LAK, "63").iloc[0]
    assert int(row["lead_assignments"]) == 78
    assert int(row["lead_agencies"]) == 19
    assert row["top_agencies"] == "Thanh tra tỉnh; Sở Nội vụ; UBND cấp huyện"
    assert round(float(row["top_share"]), 3) == round(30 / 78, 3)
    assert float(row["gini"]) == pytest.approx(_gini_by_hand(), abs=1e-12)
    assert round(float(row["gini"]), 3) == 0.418
    assert round(float(row["effective_agencies"]), 1) == 11.8


def test_tasks_missing_an_agency(con: duckdb.DuckDBPyConnection) -> None:
    missing = queries.tasks_missing_agency(con, DAK_LAK, "63")
    assert len(missing) == 11
    assert missing["missing"].value_counts().to_dict() == {"lead": 5, "implementing": 3, "both": 3}
