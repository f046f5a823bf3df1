"""The plan chooser: the province's plans in the sidebar (newest first), kept across pages and in the
URL, every page naming the plan it shows, a province without a plan offered the upload, and the brief
of the chosen plan.  The store holds the seed plan (Đắk Lắk 2020, 85 tasks) and a second, synthetic
Đắk Lắk plan of 2022 with three tasks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.present import brief, brief_cli, brief_data
from lib.store import database
from tests.apptest_helpers import start_app

DOCUMENT_2022 = "Kế hoạch 45/KH-UBND ngày 10/3/2022"
SEED_TASKS = 85  # the task rows of the seed appendix (tests/facts.py)


def _task(n: int, dimension: int | None, text: str) -> dict[str, object]:
    return {"task_id": f"DLK-2022-{n}", "province": "Đắk Lắk", "plan_year": 2022, "dimension": dimension,
            "plan_section": "I", "plan_section_title": "Synthetic", "task": text, "lead_agency": "Sở Nội vụ",
            "implementing_agencies": "UBND cấp xã", "source_line": n}


def add_plan_2022(path: Path) -> None:
    con = database.connect(path)
    cur = con.cursor()
    database.insert_plan(
        cur,
        {"plan_id": "DLK-2022", "era": "63", "province_code": "66", "province": "Đắk Lắk", "plan_year": 2022,
         "document": DOCUMENT_2022},
        pd.DataFrame([_task(1, 5, "Niêm yết công khai thủ tục hành chính"),
                      _task(2, 5, "Rút ngắn thời gian giải quyết hồ sơ"),
                      _task(3, 2, "Công khai quy hoạch sử dụng đất")]),
    )
    cur.close()
    con.close()


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("plan_chooser") / "papi.duckdb"
    add_plan_2022(path)
    yield path


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_the_chooser_lists_the_plans_newest_first_and_shows_the_newest(at: AppTest) -> None:
    chooser = at.selectbox(key="plan")
    assert chooser.options == [
        f"2022 · {DOCUMENT_2022} (3 nhiệm vụ)",
        "2020 · Phụ lục kèm theo Kế hoạch /KH-UBND năm 2020 của Chủ tịch… (85 nhiệm vụ)",
    ]
    assert chooser.value == "DLK-2022"
    assert _metric(at, "Nhiệm vụ trong kế hoạch") == "3"
    caption = next(c.value for c in at.caption if c.value.startswith("Kế hoạch năm 2022"))
    assert "Kế hoạch 45/KH\\-UBND ngày 10/3/2022 (3 nhiệm vụ)" in caption  # Markdown-escaped document
    assert "1 kế hoạch khác" in caption
    assert _param(at, "plan") == "DLK-2022"


def test_a_chosen_plan_stays_across_pages_and_goes_into_the_url(at: AppTest) -> None:
    at.selectbox(key="plan").set_value("DLK-2020").run()
    assert _metric(at, "Nhiệm vụ trong kế hoạch") == str(SEED_TASKS)
    assert _param(at, "plan") == "DLK-2020"
    at.switch_page("pages/tasks.py").run()
    assert not at.exception
    assert at.selectbox(key="plan").value == "DLK-2020"
    assert f"**Đang hiển thị {SEED_TASKS}/{SEED_TASKS} nhiệm vụ**" in [m.value for m in at.markdown]
    assert any(c.value.startswith("Kế hoạch năm 2020 của Đắk Lắk") for c in at.caption)
    at.switch_page("pages/agencies.py").run()
    assert at.selectbox(key="plan").value == "DLK-2020"
    assert any(c.value.startswith("Kế hoạch năm 2020 của Đắk Lắk") for c in at.caption)


def test_a_link_with_a_plan_opens_that_plan(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPI_DB", str(db_path))
    at = AppTest.from_file(str(Path(__file__).parents[1] / "app.py"), default_timeout=60)
    at.query_params["plan"] = "DLK-2020"
    at.query_params["province"] = "66"
    at.run()
    assert not at.exception
    assert at.selectbox(key="plan").value == "DLK-2020"
    assert _metric(at, "Nhiệm vụ trong kế hoạch") == str(SEED_TASKS)


def test_a_province_without_a_plan_says_so_once_and_offers_the_upload(at: AppTest) -> None:
    at.selectbox(key="plan").set_value("DLK-2020").run()
    at.selectbox(key="province").set_value("62").run()  # Kon Tum: no plan
    assert not at.exception
    assert not _has_chooser(at)
    assert "Kon Tum chưa có kế hoạch nhiệm vụ nào." in [c.value for c in at.sidebar.caption]
    infos = [i.value for i in at.info if "Kon Tum" in i.value]
    assert infos == ["Chưa có kế hoạch nhiệm vụ cho tỉnh Kon Tum. Điểm PAPI vẫn được hiển thị bên dưới."]
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["Tải kế hoạch lên"]
    assert links[0].proto.page.endswith("upload")
    assert links[0].proto.query_string == "load=plan"  # lands on the plan form, not on the score files
    assert _param(at, "plan") is None
    # Back to Đắk Lắk: the choice starts again from its newest plan.
    at.selectbox(key="province").set_value("66").run()
    assert at.selectbox(key="plan").value == "DLK-2022"


def test_the_evaluation_page_offers_the_upload_to_a_province_without_a_plan(at: AppTest) -> None:
    at.switch_page("pages/evaluation.py").run()
    at.selectbox(key="province").set_value("62").run()
    assert not at.exception
    assert [i.value for i in at.info] == ["Kon Tum chưa có kế hoạch nào trong hệ thống, nên chưa có gì để đánh giá."]
    assert [link.proto.label for link in at.get("page_link")] == ["Tải kế hoạch lên"]


def _has_chooser(at: AppTest) -> bool:
    return any(s.key == "plan" for s in at.sidebar.selectbox)


# --- the brief of the chosen plan ---


@pytest.fixture(scope="module")
def con(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(db_path)
    yield connection
    connection.close()


def test_the_brief_shows_the_newest_plan_or_the_one_asked_for(con: duckdb.DuckDBPyConnection) -> None:
    newest = brief_data.gather(con, "66", 2024)
    assert (newest.plan_id, newest.plan_year, int(newest.plan["tasks"])) == ("DLK-2022", 2022, 3)
    assert int(newest.profile["tasks"].sum()) == 3  # the tasks per dimension are that plan's
    assert f"kế hoạch: {DOCUMENT_2022} (kế hoạch năm 2022 của Đắk Lắk)" in brief.sources_text(newest, "vi")
    seed = brief_data.gather(con, "66", 2024, plan_id="DLK-2020")
    assert (seed.plan_year, int(seed.plan["tasks"]), int(seed.profile["tasks"].sum())) == (2020, SEED_TASKS, 85)
    assert brief_data.gather(con, "66", 2024, 2020).plan_id == "DLK-2020"  # --plan-year still picks by year
    with pytest.raises(brief_data.BriefError) as refused:
        brief_data.gather(con, "66", 2024, plan_id="DLK-1999")
    assert refused.value.values["plans"] == "DLK-2022, DLK-2020"


def test_the_brief_command_takes_a_plan(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PAPI_DB", str(db_path))
    out = tmp_path / "x.pdf"
    code = brief_cli.main(["--province", "Đắk Lắk", "--year", "2024", "--plan", "DLK-1999", "--lang", "en",
                           "--out", str(out)])
    assert code == 2
    assert "Đắk Lắk has no plan with the id DLK-1999. Its plans: DLK-2022, DLK-2020." in capsys.readouterr().err
    assert not out.exists()
