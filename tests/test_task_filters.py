"""Task search and filters over the real task table (every task of Đắk Lắk's 2020 plan)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lib.domain.paths import TASKS_CSV
from lib.present import task_filters
from lib.store import queries
from tests import facts


@pytest.fixture(scope="module")
def tasks(session_store: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.tasks_with_scores(session_store, "66", "63", "vi")


def test_search_ignores_diacritics_and_case(tasks: pd.DataFrame) -> None:
    # Expected ids read from the CSV directly, by a different path than the query.
    raw = pd.read_csv(TASKS_CSV)
    expected = sorted(raw.loc[raw["task"].str.contains("tiếp công dân", case=False), "task_id"])
    assert expected == ["DLK-2020-II.1-02", "DLK-2020-III.2-03", "DLK-2020-III.2-04", "DLK-2020-III.2-06"]
    for phrase in ("tiep cong dan", "TIẾP CÔNG DÂN", "Tiep  Cong   Dan"):
        assert sorted(task_filters.filter_tasks(tasks, phrase)["task_id"]) == expected


def test_search_looks_in_agencies_and_ids(tasks: pd.DataFrame) -> None:
    by_agency = task_filters.filter_tasks(tasks, "thanh tra tinh")
    assert len(by_agency) >= 12  # Thanh tra tỉnh leads 12 tasks
    assert list(task_filters.filter_tasks(tasks, "dlk-2020-ii.1-02")["task_id"]) == ["DLK-2020-II.1-02"]
    assert task_filters.filter_tasks(tasks, "no such words anywhere").empty


def test_empty_search_and_filters_keep_every_task(tasks: pd.DataFrame) -> None:
    assert len(task_filters.filter_tasks(tasks)) == facts.PLAN_TASKS


def test_filters_by_dimension_sub_dimension_and_agencies(tasks: pd.DataFrame) -> None:
    counts = [len(task_filters.filter_tasks(tasks, dimensions=[d])) for d in range(1, 9)]
    assert counts == [6, 20, 12, 13, 4, 20, 5, 5]
    assert len(task_filters.filter_tasks(tasks, dimensions=[2, 6])) == 40
    air = task_filters.filter_tasks(tasks, subdimensions=["air_quality"])
    assert len(air) == 2 and set(air["dimension"]) == {7}
    lead = task_filters.filter_tasks(tasks, lead=["Sở Nội vụ"])
    assert len(lead) == 10
    # A task with two lead agencies matches either of them.
    assert len(task_filters.filter_tasks(tasks, lead=["HĐND cấp xã"])) == 1
    both = task_filters.filter_tasks(tasks, "tiep cong dan", dimensions=[3])
    assert sorted(both["task_id"]) == ["DLK-2020-III.2-03", "DLK-2020-III.2-04", "DLK-2020-III.2-06"]
    impl = task_filters.filter_tasks(tasks, implementing=["Báo Đắk Lắk"])
    assert "DLK-2020-I.1-01" in set(impl["task_id"])


def test_options_split_multi_agency_cells(tasks: pd.DataFrame) -> None:
    leads = task_filters.options(tasks, "lead_agency")
    assert "HĐND cấp huyện" in leads and "HĐND cấp xã" in leads
    assert not any(";" in lead for lead in leads)
    assert task_filters.dimension_options(tasks) == list(range(1, 9))
    assert task_filters.parse_dimensions("2,6,x,99,2", [1, 2, 6]) == [2, 6]


def test_each_task_carries_its_dimensions_latest_score(tasks: pd.DataFrame, scores: pd.DataFrame) -> None:
    row = tasks[tasks["task_id"] == "DLK-2020-II.1-02"].iloc[0]
    own = scores[(scores["province_code"] == "66") & (scores["dimension"] == 2) & scores["subdimension"].isna()]
    latest = own.sort_values("year").iloc[-1]
    assert int(row["score_year"]) == int(latest["year"]) == 2024
    assert row["score"] == pytest.approx(latest["score"])


def test_export_frame_labels_columns_in_the_language(tasks: pd.DataFrame) -> None:
    shown = task_filters.with_subdimension_names(task_filters.filter_tasks(tasks, "tiep cong dan"), {})
    vi = task_filters.export_frame(shown, "vi")
    en = task_filters.export_frame(shown, "en")
    assert "Mã nhiệm vụ" in vi.columns and "Task ID" in en.columns
    assert len(vi) == 4
    assert list(vi["Nhiệm vụ"]) == list(shown["task"])  # task texts stay as written
