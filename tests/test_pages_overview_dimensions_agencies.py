"""AppTest of the overview, dimensions and agencies pages: what a user sees, and what changes with a choice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from tests import facts


@pytest.fixture(autouse=True)
def own_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test of this module runs on its own store file, never on data/papi.duckdb."""
    path = tmp_path_factory.getbasetemp() / "workload_pages.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    return path


def _open(page: str, **state: object) -> AppTest:
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title] + [s.value for s in at.subheader]


def test_overview_headline_figures_for_dak_lak_2019() -> None:
    at = _open("pages/overview.py", year=2019)
    metrics = _metrics(at)
    assert metrics["Nhiệm vụ trong kế hoạch"] == str(facts.PLAN_TASKS)
    assert metrics["Cơ quan tham gia"] == "28"
    assert metrics["Nhiệm vụ thiếu chủ trì"] == "8"
    assert metrics["Tổng điểm PAPI 2019"] == facts.vi_decimal(facts.TOTAL_2019)
    assert metrics["Xếp hạng 2019"] == f"{facts.RANK_2019}/{facts.RANKED_2019}"
    assert at.title[0].value == "Tổng quan: Đắk Lắk, PAPI 2019"
    assert not at.info


def test_overview_2017_total_and_absent_dimensions() -> None:
    at = _open("pages/overview.py", year=2017)
    metrics = _metrics(at)
    assert metrics["Tổng điểm PAPI 2017"] == facts.vi_decimal(facts.TOTAL_2017)
    assert metrics["Xếp hạng 2017"] == f"{facts.RANK_2017}/{facts.RANKED_2017}"
    assert any("7, 8" in c.value for c in at.caption)


def test_overview_switching_province_shows_the_no_plan_state() -> None:
    at = _open("pages/overview.py", year=2019)
    assert _metrics(at)["Tổng điểm PAPI 2019"] == facts.vi_decimal(facts.TOTAL_2019)
    # A new session with Hà Nội chosen: after `switch_page` this Streamlit runs the
    # file under pages/ directly (its url_path hashes like the file name), so the
    # router's sidebar widgets are not in the tree to be clicked.
    at = _open("pages/overview.py", year=2019, province=facts.HA_NOI_CODE)
    metrics = _metrics(at)
    assert "Nhiệm vụ trong kế hoạch" not in metrics
    assert metrics["Tổng điểm PAPI 2019"] == facts.vi_decimal(facts.HA_NOI_TOTAL_2019)
    assert any(i.value.startswith("Chưa có kế hoạch nhiệm vụ cho tỉnh Hà Nội") for i in at.info)
    assert at.title[0].value == "Tổng quan: Hà Nội, PAPI 2019"


def test_overview_in_english() -> None:
    at = _open("pages/overview.py", year=2019, lang="en")
    assert at.title[0].value == "Overview: Đắk Lắk, PAPI 2019"
    metrics = _metrics(at)
    assert metrics["Tasks in the plan"] == str(facts.PLAN_TASKS)
    assert metrics["Rank 2019"] == f"{facts.RANK_2019} of {facts.RANKED_2019}"
    assert metrics["Total PAPI score 2019"] == f"{facts.TOTAL_2019:.2f}"


def test_dimensions_drill_down_lists_the_tasks_of_transparency() -> None:
    at = _open("pages/dimensions.py", year=2019)
    assert at.title[0].value == "Nhiệm vụ và điểm theo nội dung: Đắk Lắk, PAPI 2019"
    at.selectbox(key="wl_pick").set_value("d2").run()
    assert not at.exception
    assert "Nhiệm vụ của “Công khai, minh bạch”: 20" in _titles(at)
    tasks = at.dataframe[0].value  # the chart's own table view is sent only when opened
    assert len(tasks) == 20
    assert tasks["Mã"].str.startswith("DLK-2020-II.").all()


def test_dimensions_weak_subdimensions_without_tasks_2019() -> None:
    at = _open("pages/dimensions.py", year=2019, lang="en")
    assert "Low-scoring sub-dimensions with no task of their own" in _titles(at)
    frames = [d.value for d in at.dataframe]
    weak = next(f for f in frames if "Whole-dimension tasks" in f.columns and len(f) == 3)
    assert weak["Sub-dimension"].tolist()[0] == "5.1 Certification Procedures"


def test_dimensions_judge_the_plan_at_its_baseline_by_default() -> None:
    """A leader on the default year (2024) asking which weak sub-dimension got no task gets the answer of
    the plan's baseline, PAPI 2019 (5.1, 5.3, 5.4), and is told so."""
    at = _open("pages/dimensions.py", year=2024, lang="en")
    assert at.segmented_control(key="ev_judge").value == "baseline"
    assert at.title[0].value == "Workload vs score by dimension: Đắk Lắk, PAPI 2019"
    assert any("PAPI 2019, the plan's baseline" in c.value for c in at.caption)
    frames = [d.value for d in at.dataframe]
    weak = next(f for f in frames if "Whole-dimension tasks" in f.columns)
    assert [name.split(" ")[0] for name in weak["Sub-dimension"]] == ["5.1", "5.3", "5.4"]


def test_dimensions_subdimension_level_and_empty_year_state() -> None:
    at = _open("pages/dimensions.py", year=2024, ev_judge="selected")  # the year chosen, not the baseline
    at.segmented_control(key="wl_level").set_value("subdimension").run()
    assert not at.exception
    assert any("Năm 2024 không có nội dung thành phần nào" in i.value for i in at.info)


def test_agencies_page_lists_the_tasks_of_the_agency_that_leads_most() -> None:
    at = _open("pages/agencies.py")
    assert at.selectbox(key="wl_agency").value == "Thanh tra tỉnh"
    assert "Thanh tra tỉnh: chủ trì 12, thực hiện 1 nhiệm vụ" in _titles(at)
    metrics = _metrics(at)
    assert metrics["Tỷ trọng 3 cơ quan chủ trì nhiều nhất"] == "38%"
    assert "Nhiệm vụ thiếu cơ quan chủ trì hoặc thực hiện: 11" in _titles(at)
    tasks = next(d.value for d in at.dataframe if "Vai trò" in d.value.columns)
    assert len(tasks) == 13
    assert (tasks["Vai trò"] == "Chủ trì").sum() == 12


def test_agencies_drill_down_to_another_agency_and_english() -> None:
    at = _open("pages/agencies.py", lang="en")
    at.selectbox(key="wl_agency").set_value("Sở Nội vụ").run()
    assert not at.exception
    assert "Sở Nội vụ: leads 10, implements 2 tasks" in _titles(at)
    assert at.title[0].value == "Agency load balance: Đắk Lắk"


def test_agencies_page_without_a_plan() -> None:
    at = _open("pages/agencies.py", province="01")
    assert [i.value for i in at.info] == ["Chưa có kế hoạch nhiệm vụ cho tỉnh Hà Nội."]


def test_table_views_are_sent_when_opened() -> None:
    """Each chart's table view costs nothing until the reader opens it, then shows the chart's numbers."""
    at = _open("pages/overview.py", year=2019)
    assert len(at.dataframe) == 0
    at.session_state["wl_profile_table_open"] = True
    at.run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe]
    assert len(table) == 8


def test_dimensions_tables_are_sent_for_the_open_tab_only() -> None:
    """The score and progress tables come in tabs by dimension and by sub-dimension; a tab's table is
    built and sent when the reader opens it."""
    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str})
    dak_lak_2019 = scores[(scores["province_code"] == "66") & (scores["year"] == 2019)]
    subdimensions = int(dak_lak_2019["subdimension"].notna().sum())
    at = _open("pages/dimensions.py", year=2019)
    # The page ends with the two tabbed tables: task progress, then scores.
    assert len(at.dataframe) == 4  # the drill-down's tasks, the weak sub-dimensions, the two tabs' tables
    by_dimension = [d.value for d in at.dataframe][-2:]
    assert [len(t) for t in by_dimension] == [8, 8]
    at.session_state["wl_score_tabs"] = "Bảng theo nội dung thành phần"
    at.session_state["st_progress_tabs"] = "Bảng theo nội dung thành phần"
    at.run()
    assert len(at.dataframe) == 4
    by_subdimension = [d.value for d in at.dataframe][-2:]
    assert [len(t) for t in by_subdimension] == [subdimensions, subdimensions]
    assert all("Nội dung thành phần" in t.columns for t in by_subdimension)
