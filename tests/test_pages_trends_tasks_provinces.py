"""AppTest for the Trends, Tasks and Provinces pages: what a user sees, and that choices change it.

Each `show` sets the sidebar widgets explicitly after switching page (AppTest
would otherwise send their proto defaults back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import facts
from tests.apptest_helpers import figures, language_widget, points, start_app

PEERS = ["62", "64", "66", "67", "68"]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("pages_ttp") / "papi.duckdb"


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def show(at: AppTest, page: str, lang: str = "vi", province: str = "66", year: int = 2024) -> AppTest:
    """Open `page` with the sidebar set to `lang`, `province`, `year` and the Central Highlands."""
    at.switch_page(page).run()
    language_widget(at).set_value(lang)
    at.selectbox(key="province").set_value(province)
    at.selectbox(key="year").set_value(year)
    at.multiselect(key="peers").set_value(PEERS)
    at.run()
    assert not at.exception
    return at


def rerun(widget: object) -> None:
    """Change a widget and rerun with the sidebar rebuilt (see the module docstring)."""
    widget.run()


def titles(at: AppTest) -> list[str]:
    return [fig["layout"]["title"]["text"].replace("<br>", " ") for fig in figures(at)]


# --- Trends -----------------------------------------------------------------


def test_trends_shows_dimension_trend_rank_and_tasks(at: AppTest) -> None:
    show(at, "pages/trends.py")
    assert at.title[0].value == "Xu hướng điểm PAPI: Đắk Lắk"
    assert titles(at) == ["Tham gia của người dân ở cấp cơ sở – Đắk Lắk: giảm từ 4,98 (2018) đến 4,77 (2024)"]
    # The rank chart is drawn once its expander is opened.
    at.session_state["tr_rank_open"] = True
    at.run()
    assert not at.exception
    assert titles(at) == [
        "Tham gia của người dân ở cấp cơ sở – Đắk Lắk: giảm từ 4,98 (2018) đến 4,77 (2024)",
        "Hạng của Đắk Lắk: 47/63 (2011) → 38/61 (2024)",
    ]
    assert "Nhiệm vụ của nội dung này (6)" in [s.value for s in at.subheader]
    # One Markdown block; each task's id links to it on the Tasks page (Markdown escapes removed here).
    (task_list,) = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown if "Chủ trì:" in m.value]
    assert task_list.startswith(
        "▸ [DLK-2020-I.1-01](tasks?lang=vi&province=66&year=2024&q=DLK-2020-I.1-01) · Chủ trì: Sở Thông tin và "
        "Truyền thông  \nThực hiện tuyên truyền"
    )
    assert task_list.count("▸ [DLK-2020-I.") == 6
    captions = " ".join(c.value for c in at.caption)
    assert "2016: PAPI điều chỉnh cách tính nội dung 1, 3 và 5." in captions
    assert "Kon Tum, Gia Lai, Đắk Nông, Lâm Đồng" in captions
    assert at.query_params["dim"] == ["1"] or at.query_params["dim"] == "1"


def test_trends_e_governance_numbers(at: AppTest) -> None:
    show(at, "pages/trends.py")
    at.selectbox(key="tr_dim").set_value(8).run()
    assert not at.exception
    fig = figures(at)[0]
    assert titles(at)[0] == "Quản trị điện tử – Đắk Lắk: tăng từ 2,20 (2019) đến 3,55 (2024)"
    own = next(trace for trace in fig["data"] if trace.get("name") == "Đắk Lắk")
    scores = [round(y, 2) if y is not None else None for y in points(own["y"])]
    assert scores == [3.07, None, 2.2, 2.77, 3.05, 2.89, 3.42, 3.55]
    assert len(at.dataframe) == 0  # the table views are sent only when opened
    at.session_state["tr_table_trend_open"] = True
    at.run()
    table = at.dataframe[0].value  # table view of the province's numbers
    assert table["score"].round(2).tolist() == [3.07, 2.20, 2.77, 3.05, 2.89, 3.42, 3.55]
    assert "Nhiệm vụ của nội dung này (5)" in [s.value for s in at.subheader]
    # A sub-dimension by its stable key: drawn only where it exists (from 2019).
    at.selectbox(key="tr_sub").set_value("e_responsiveness").run()
    assert not at.exception
    own = next(trace for trace in figures(at)[0]["data"] if trace.get("name") == "Đắk Lắk")
    assert min(x for x in points(own["x"]) if x is not None) == 2019


def test_trends_follows_language_and_province(at: AppTest) -> None:
    show(at, "pages/trends.py", lang="en", province="62")
    assert at.title[0].value == "PAPI score trends: Kon Tum"
    assert titles(at)[0].startswith("Participation at Local Levels – Kon Tum:")
    assert "Tasks for this dimension (0)" in [s.value for s in at.subheader]
    assert "No task plan yet for Kon Tum." in [i.value for i in at.info]  # Kon Tum has no plan at all


# --- Tasks ------------------------------------------------------------------


def test_tasks_search_filters_and_downloads(at: AppTest) -> None:
    show(at, "pages/tasks.py")
    assert at.title[0].value == "Danh sách nhiệm vụ"
    assert f"**Đang hiển thị {facts.PLAN_TASKS}/{facts.PLAN_TASKS} nhiệm vụ**" in [m.value for m in at.markdown]
    at.text_input(key="tk_q").input("tiep cong dan").run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert sorted(shown["task_id"]) == [
        "DLK-2020-II.1-02",
        "DLK-2020-III.2-03",
        "DLK-2020-III.2-04",
        "DLK-2020-III.2-06",
    ]
    assert shown.set_index("task_id").at["DLK-2020-II.1-02", "score_year"] == 2024
    assert f"**Đang hiển thị 4/{facts.PLAN_TASKS} nhiệm vụ**" in [m.value for m in at.markdown]
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Tải CSV (mở được bằng Excel)", "Tải Excel (XLSX)"]
    at.multiselect(key="tk_dims").set_value([3]).run()
    assert sorted(at.dataframe[0].value["task_id"]) == ["DLK-2020-III.2-03", "DLK-2020-III.2-04", "DLK-2020-III.2-06"]
    at.text_input(key="tk_q").input("khong co nhiem vu nay").run()
    assert "Không có nhiệm vụ nào khớp" in at.info[0].value
    assert not at.get("download_button")


def test_tasks_in_english_keep_task_texts(at: AppTest) -> None:
    show(at, "pages/tasks.py", lang="en")
    assert at.title[0].value == "All tasks"
    shown = at.dataframe[0].value
    assert len(shown) == facts.PLAN_TASKS
    assert shown.iloc[0]["dimension_name"] == "Participation at Local Levels"
    assert shown.iloc[0]["task"].startswith("Thực hiện tuyên truyền trên Báo Đắk Lắk")


# --- Provinces --------------------------------------------------------------


def test_provinces_map_ranking_and_attribution(at: AppTest) -> None:
    show(at, "pages/provinces.py", year=2019)
    at.selectbox(key="pv_dim").set_value(8).run()
    assert not at.exception
    map_fig = figures(at)[0]
    assert titles(at)[0].startswith("Quản trị điện tử 2019: Đắk Lắk hạng 59/63")
    assert sum(len(trace.get("locations", [])) for trace in map_fig["data"]) == 63
    assert map_fig["layout"]["geo"]["showland"] is False
    ranking = next(df.value for df in at.dataframe if "quartile_name" in df.value.columns)
    assert int(ranking.set_index("province_code").at["66", "rank"]) == 59
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Ranh giới tỉnh: Open Development Mekong") for c in captions)


def test_choosing_a_province_changes_the_sidebar(at: AppTest) -> None:
    show(at, "pages/provinces.py")
    at.selectbox(key="pv_pick").set_value("62").run()
    assert not at.exception
    assert at.session_state["province"] == "62"
    assert titles(at)[0].startswith("Tổng điểm PAPI 2024: Kon Tum hạng 60/61")


def test_provinces_in_english(at: AppTest) -> None:
    show(at, "pages/provinces.py", lang="en")
    assert at.title[0].value == "Provinces compared: PAPI 2024"
    assert any(c.startswith("Province boundaries: Open Development Mekong") for c in (x.value for x in at.caption))
    assert titles(at)[0].startswith("Total PAPI score 2024: Đắk Lắk ranks 39 of 61")
