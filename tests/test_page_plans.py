"""AppTest for the Compare plans page: two synthetic Kon Tum plans (tests/stored_plans.py) side by
side, the choice of plans (defaults, URL, swapped, the same plan twice), a province with one plan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import stored_plans as s
from tests.apptest_helpers import figures, language_widget, points, start_app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("page_plans") / "papi.duckdb"
    s.add_sample_plans(path)
    yield path


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def show(at: AppTest, province: str = s.PROVINCE_CODE, lang: str = "vi") -> AppTest:
    at.switch_page("pages/plans.py").run()
    language_widget(at).set_value(lang)
    at.selectbox(key="province").set_value(province)
    at.run()
    assert not at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_two_newest_plans_side_by_side(at: AppTest) -> None:
    show(at)
    assert at.title[0].value == "So sánh kế hoạch: Kon Tum"
    assert at.selectbox(key="pv_before").value == s.EARLIER_ID and at.selectbox(key="pv_after").value == s.LATER_ID
    assert at.selectbox(key="pv_after").options[0] == f"2023 · {s.LATER_DOCUMENT} (6 nhiệm vụ)"
    assert (
        "Kế hoạch 2023 có 6 nhiệm vụ, kế hoạch 2021 có 7: 4 nhiệm vụ giữ lại (trong đó 2 được viết lại), "
        "2 nhiệm vụ mới, 3 nhiệm vụ bỏ." in [m.value for m in at.markdown]
    )
    assert _metrics(at) == {"Giữ lại": "4", "Mới": "2", "Bỏ": "3", "Cơ quan thay đổi": "7"}
    assert [tab.label for tab in at.tabs][2:] == ["Giữ lại (4)", "Mới (2)", "Bỏ (3)"]
    # The chart: dimensions 1-8, then the unmapped tasks; the earlier plan's bars, then the later's.
    dims = figures(at)[0]
    assert [trace.get("name") for trace in dims["data"]][:2] == ["Trước (2021)", "Sau (2023)"]
    assert points(dims["data"][0]["x"]) == [1, 2, 1, 0, 1, 1, 0, 0, 1]
    assert points(dims["data"][1]["x"]) == [0, 1, 2, 0, 2, 0, 0, 0, 1]
    assert points(dims["data"][0]["y"])[-1] == "Chưa gắn với PAPI"
    tables = [d.value for d in at.dataframe]
    assert list(tables[0].columns) == ["Nội dung", "Trước (2021)", "Sau (2023)", "Thay đổi"]
    carried = next(tb for tb in tables if "Giống nhau (%)" in tb.columns)
    assert list(carried["Giống nhau (%)"]) == [85, 90, 100, 100]
    agencies = next(tb for tb in tables if "Cơ quan" in tb.columns)
    assert agencies.iloc[0].tolist() == ["Sở Nội vụ", "1 → 2", "1 → 1", 1]
    # Tabs are lazy: only the open tab's table is sent (dimensions, carried, agencies).
    assert len(tables) == 3
    at.session_state["pv_cmp_task_tabs"] = "Bỏ (3)"
    at.session_state["pv_cmp_table_tabs"] = "Theo nội dung thành phần"
    at.run()
    tables = [d.value for d in at.dataframe]
    assert not any("Giống nhau (%)" in tb.columns for tb in tables)
    assert "Nội dung thành phần" in tables[0].columns
    dropped = next(tb for tb in tables if "Nhiệm vụ" in tb.columns)
    assert list(dropped["Nhiệm vụ"]) == [t for _, _, t, _, _ in (s.EARLIER[2], s.EARLIER[4], s.EARLIER[6])]
    assert at.query_params["before"] in ([s.EARLIER_ID], s.EARLIER_ID)
    assert at.query_params["after"] in ([s.LATER_ID], s.LATER_ID)


def test_swapped_plans_swap_added_and_dropped_and_the_same_plan_twice_is_refused(at: AppTest) -> None:
    show(at)
    at.selectbox(key="pv_before").set_value(s.LATER_ID)
    at.selectbox(key="pv_after").set_value(s.EARLIER_ID)
    at.run()
    assert _metrics(at) == {"Giữ lại": "4", "Mới": "3", "Bỏ": "2", "Cơ quan thay đổi": "7"}
    at.selectbox(key="pv_after").set_value(s.LATER_ID).run()
    assert [w.value for w in at.warning] == ["Hai lựa chọn là cùng một kế hoạch: hãy chọn hai kế hoạch khác nhau."]
    assert not at.metric


def test_in_english(at: AppTest) -> None:
    show(at, lang="en")
    assert at.title[0].value == "Compare plans: Kon Tum"
    assert _metrics(at) == {"Carried over": "4", "Added": "2", "Dropped": "3", "Agencies changed": "7"}
    assert points(figures(at)[0]["data"][1]["y"])[-1] == "Not linked to PAPI"


def test_a_province_with_one_plan_says_a_comparison_needs_two(at: AppTest) -> None:
    show(at, province="66")  # Đắk Lắk: the seed plan only
    assert [i.value for i in at.info] == ["Cần ít nhất hai kế hoạch để so sánh; Đắk Lắk có 1."]
    assert [link.proto.label for link in at.get("page_link")] == ["Tải kế hoạch lên"]
    assert not at.get("plotly_chart")
