"""AppTest for the Tasks page of a province with two plans: the chosen plan by default, a search
across all of the province's plans with a plan column, and the tasks linked to no PAPI dimension
found with the dimension filter.  The store holds the seed plan (Đắk Lắk 2020, 85 tasks) and a
Đắk Lắk plan of 2022 with three tasks, two of them unmapped (tests/stored_plans.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import facts
from tests import stored_plans as s
from tests.apptest_helpers import start_app

PLAN_2022 = "2022 · Kế hoạch 99/KH-UBND năm 2022 về…"
SEED = "2020 · Phụ lục kèm theo Kế hoạch /KH-UBND…"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("tasks_plans") / "papi.duckdb"
    s.add_unmapped_plan(path)
    yield path


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    app = start_app(db_path, monkeypatch)
    app.switch_page("pages/tasks.py").run()
    assert not app.exception
    return app


def _count(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Đang hiển thị"))


def test_the_chosen_plan_by_default_and_every_plan_with_the_toggle(at: AppTest) -> None:
    assert _count(at) == "**Đang hiển thị 3/3 nhiệm vụ**"
    toggle = at.toggle(key="tk_all_plans")
    assert toggle.label == "Tìm trong mọi kế hoạch của tỉnh" and toggle.value is False
    assert "plan_name" not in list(at.dataframe[0].proto.column_order)
    toggle.set_value(True).run()
    total = facts.PLAN_TASKS + len(s.UNMAPPED)
    assert _count(at) == f"**Đang hiển thị {total}/{total} nhiệm vụ**"
    table = at.dataframe[0]
    assert list(table.proto.column_order)[:2] == ["task_id", "plan_name"]
    assert table.value["plan_name"].value_counts().to_dict() == {SEED: facts.PLAN_TASKS, PLAN_2022: 3}
    assert any(c.value.startswith("Mọi kế hoạch của Đắk Lắk: 2022 · Kế hoạch 99/KH\\-UBND") for c in at.caption)
    assert at.query_params["all"] in (["1"], "1")
    # A search runs over both plans and says which plan each task is in.
    at.text_input(key="tk_q").input("niem yet").run()
    found = at.dataframe[0].value
    assert set(found["plan_name"]) == {PLAN_2022, SEED}
    assert "DLK-2022-1" in set(found["task_id"])
    # Back to the chosen plan only.
    at.toggle(key="tk_all_plans").set_value(False).run()
    assert set(at.dataframe[0].value["task_id"]) == {"DLK-2022-1"}


def test_the_dimension_filter_offers_the_tasks_not_linked_to_papi(at: AppTest) -> None:
    box = at.multiselect(key="tk_dims")
    assert box.options == ["5. Thủ tục hành chính công", "Chưa gắn với PAPI"]
    box.set_value([0]).run()
    assert not at.exception
    assert list(at.dataframe[0].value["task"]) == [s.UNMAPPED[1][2], s.UNMAPPED[2][2]]
    assert at.query_params["dim"] in (["0"], "0")
    assert _count(at) == "**Đang hiển thị 2/3 nhiệm vụ**"


def test_a_province_without_a_plan_is_offered_the_upload(at: AppTest) -> None:
    at.selectbox(key="province").set_value("62").run()
    assert [i.value for i in at.info] == ["Chưa có kế hoạch nhiệm vụ cho tỉnh Kon Tum."]
    assert [link.proto.label for link in at.get("page_link")] == ["Tải kế hoạch lên"]
    assert not at.get("toggle")

