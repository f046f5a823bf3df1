"""Tasks linked to no PAPI dimension (dimension NULL) stay visible everywhere: counted in the plan
and in agency load, in the agency × dimension grid, in an agency's task list, listed as "not linked
to PAPI" on Dimensions and findable on the Tasks page.  The store holds the seed plan and a Đắk Lắk
plan of 2022 with two unmapped tasks (tests/stored_plans.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from lib.present import charts, formatting, tables, task_filters
from lib.store import database, plan_queries, queries
from tests import stored_plans as s
from tests.apptest_helpers import figures, points, start_app

DAK_LAK, ERA = "66", "63"
PLAN = s.UNMAPPED_ID
DIGITAL = "Triển khai nền tảng số dùng chung của tỉnh"
ARCHIVES = "Số hoá hồ sơ lưu trữ của các sở"
AGENCY_KEY = "wl_agency"  # pages/agencies.py AGENCY


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("unmapped") / "papi.duckdb"
    s.add_unmapped_plan(path)
    yield path


@pytest.fixture(scope="module")
def con(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(db_path)
    yield connection
    connection.close()


def test_every_plan_query_keeps_the_unmapped_tasks(con: duckdb.DuckDBPyConnection) -> None:
    summary = queries.plan_summary(con, DAK_LAK, ERA, PLAN).iloc[0]
    assert (int(summary["tasks"]), int(summary["unmapped"])) == (3, 2)
    load = queries.agency_load(con, DAK_LAK, ERA, PLAN).set_index("agency")
    assert (int(load.loc["Sở Nội vụ", "led"]), int(load.loc["Sở Thông tin và Truyền thông", "implemented"])) == (3, 1)
    matrix = queries.agency_dimension_matrix(con, DAK_LAK, ERA, "lead", plan_id=PLAN)
    assert sorted(zip(matrix["dimension"].astype("Int64").astype(object).where(matrix["dimension"].notna(), None),
                      matrix["tasks"], strict=True), key=str) == [(5, 1), (None, 2)]
    assert list(queries.agency_tasks(con, DAK_LAK, ERA, "Sở Nội vụ", PLAN)["task"]) == [
        s.UNMAPPED[0][2], DIGITAL, ARCHIVES]
    assert list(queries.tasks_missing_agency(con, DAK_LAK, ERA, PLAN)["task"]) == [ARCHIVES]
    assert list(queries.tasks_with_scores(con, DAK_LAK, ERA, "vi", PLAN)["task"]) == [
        s.UNMAPPED[0][2], DIGITAL, ARCHIVES]
    assert list(plan_queries.unmapped_tasks(con, (PLAN,))["task"]) == [DIGITAL, ARCHIVES]


def test_the_tasks_filter_finds_the_unmapped_and_a_dimension_filter_does_not_fail(
    con: duckdb.DuckDBPyConnection,
) -> None:
    tasks = queries.tasks_with_scores(con, DAK_LAK, ERA, "vi", PLAN)
    options = task_filters.dimension_options(tasks)
    assert options == [5, task_filters.UNMAPPED]
    assert list(task_filters.filter_tasks(tasks, dimensions=[5])["task"]) == [s.UNMAPPED[0][2]]
    assert list(task_filters.filter_tasks(tasks, dimensions=[task_filters.UNMAPPED])["task"]) == [DIGITAL, ARCHIVES]
    assert task_filters.parse_dimensions("0,5,9", options) == [task_filters.UNMAPPED, 5]
    # The filter's option, the detail line and the tables name it (before: "nan. None").
    assert [formatting.dimension_title(d, "en") for d in (task_filters.UNMAPPED, float("nan"), None, 5)] == [
        "Not linked to PAPI", "Not linked to PAPI", "Not linked to PAPI", "5. Public Administrative Procedures"]


def test_an_agencys_task_list_and_grid_show_the_unmapped(con: duckdb.DuckDBPyConnection) -> None:
    listed = tables.agency_tasks_table(queries.agency_tasks(con, DAK_LAK, ERA, "Sở Nội vụ", PLAN), "vi")
    assert len(listed) == 3
    matrix = queries.agency_dimension_matrix(con, DAK_LAK, ERA, "any", plan_id=PLAN)
    agencies = list(queries.agency_load(con, DAK_LAK, ERA, PLAN)["agency"])
    fig = charts.agency_dimension_figure(matrix, agencies, "vi")
    assert list(fig.data[0].x)[-1] == "Chưa gắn PAPI"
    # Before: the title named the dimension of the largest cell with int(), which failed on an unmapped one.
    assert fig.layout.title.text.replace("<br>", " ") == "Nhiều nhiệm vụ nhất: Sở Nội vụ – Chưa gắn với PAPI (2)"
    grid = tables.matrix_table(matrix, agencies, "vi")
    assert grid.set_index(grid.columns[0]).loc["Sở Nội vụ"].iloc[-1] == 2


# --- pages ---


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def test_dimensions_lists_the_tasks_not_linked_to_papi(at: AppTest) -> None:
    at.switch_page("pages/dimensions.py").run()
    assert not at.exception
    assert at.selectbox(key="plan").value == PLAN
    assert "Nhiệm vụ chưa gắn với PAPI (2)" in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if "Nhiệm vụ" in d.value.columns and DIGITAL in set(d.value["Nhiệm vụ"]))
    assert list(table["Nhiệm vụ"]) == [DIGITAL, ARCHIVES]


def test_overview_says_how_many_tasks_the_dimension_chart_leaves_out(at: AppTest) -> None:
    assert at.selectbox(key="plan").value == PLAN
    assert next(m.value for m in at.metric if m.label == "Nhiệm vụ trong kế hoạch") == "3"
    assert any(c.value.startswith("2 nhiệm vụ chưa gắn với nội dung PAPI nào") for c in at.caption)
    tasks_chart = figures(at)[1]
    assert sum(points(tasks_chart["data"][0]["x"])) == 1  # the one mapped task


def test_agencies_page_counts_and_lists_the_unmapped_tasks(at: AppTest) -> None:
    at.switch_page("pages/agencies.py").run()
    assert not at.exception  # before: the grid's title failed on the unmapped cell (TypeError)
    load, grid = figures(at)[:2]
    led = dict(zip(points(load["data"][0]["y"]), points(load["data"][0]["x"]), strict=True))
    assert led["Sở Nội vụ"] == 3
    assert points(grid["data"][0]["x"])[-1] == "Chưa gắn PAPI"
    assert at.selectbox(key=AGENCY_KEY).value == "Sở Nội vụ"
    listed = next(d.value for d in at.dataframe if "Vai trò" in d.value.columns or "Role" in d.value.columns)
    assert list(listed["Nhiệm vụ"]) == [s.UNMAPPED[0][2], DIGITAL, ARCHIVES]
