"""Eras and the province picker: one home for the 2025 boundary, plans keyed by (era, code),
the picker's Vietnamese order and diacritic-free search, and the era-related messages.

The page tests use a fresh store with a SYNTHETIC 2025 year (see `tests/test_era_2025.py`)
and two tiny synthetic plans on the reused code 52: 63-era Bình Định (plan year 2024)
and 34-era Gia Lai (plan year 2025).  Bình Định merged into the new Gia Lai; the new
Gia Lai continues old Gia Lai (64), not Bình Định.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import eras, provinces
from lib.ingest import validate
from lib.present import selection
from lib.store import database, importer, queries
from tests import upload_samples as u
from tests.apptest_helpers import language_widget, start_app
from tests.test_era_2025 import synthetic_2025

BINH_DINH_63 = "52"  # 63-era Bình Định
GIA_LAI_34 = "52"  # 34-era Gia Lai (old Gia Lai 64 + Bình Định 52)
GIA_LAI_63 = "64"


# --- one home for the boundary ----------------------------------------------


def test_era_of_a_year_and_the_boundary() -> None:
    # The merger took effect on 1 July 2025 (Resolution 202/2025/QH15): 2024 is the last year of 63 provinces.
    assert [eras.era_of_year(y) for y in (2011, 2024, 2025, 2030)] == ["63", "63", "34", "34"]
    assert eras.crosses(2025, 2024) and not eras.crosses(2024, 2023)
    assert eras.spans_merger([2023, 2025]) and not eras.spans_merger([2011, 2024])


def test_the_store_asks_eras_for_the_boundary(tmp_path: Path) -> None:
    con = database.connect(tmp_path / "papi.duckdb")
    try:
        got = con.cursor().execute("SELECT era_of_year(2024), era_of_year(2025)").fetchone()
    finally:
        con.close()
    assert got == ("63", "34")


def test_no_literal_boundary_year_in_sql() -> None:
    from lib.domain.paths import ROOT

    for path in [ROOT / "lib" / "store" / "queries.py", ROOT / "lib" / "store" / "database.py"]:
        assert ">= 2025" not in path.read_text(encoding="utf-8") and "< 2025" not in path.read_text(encoding="utf-8")


# --- the picker ---------------------------------------------------------------


def test_picker_sorts_in_vietnamese_order() -> None:
    registry = provinces.load_registry()
    names63 = dict(zip(registry.loc[registry["era"] == "63", "code"], registry.loc[registry["era"] == "63", "name_vi"],
                       strict=True))
    ordered = [names63[c] for c in selection.picker_codes(names63)]
    # Vietnamese order: a ă â b c d đ e ê g h i …; a letter's tones after the bare letter.
    assert ordered[:14] == [
        "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
        "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    ]
    start = ordered.index("Đà Nẵng")
    assert ordered[start - 1] == "Cần Thơ"
    assert ordered[start:start + 11] == [
        "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
        "Hà Nội", "Hà Tĩnh",
    ]
    assert ordered[-1] == "Yên Bái"


def test_picker_label_is_found_by_the_name_without_diacritics() -> None:
    # Streamlit's selectbox filters options by their label, case-insensitively.
    assert "dak lak" in selection.picker_label("Đắk Lắk").lower()
    assert "binh dinh" in selection.picker_label("Bình Định").lower()
    assert selection.picker_label("Gia Lai") == "Gia Lai"  # no second form when there is nothing to fold


# --- plans keyed by (era, code) -----------------------------------------------


def _task(task_id: str, province: str, plan_year: int, dimension: int, line: int) -> dict[str, object]:
    return {"task_id": task_id, "province": province, "plan_year": plan_year, "dimension": dimension,
            "plan_section": "I.1", "plan_section_title": "Synthetic", "task": f"Synthetic task {task_id}",
            "lead_agency": "Sở Nội vụ", "implementing_agencies": "UBND cấp xã", "source_line": line}


def _plan(plan_id: str, era: str, code: str, province: str, year: int) -> dict[str, object]:
    return {"plan_id": plan_id, "era": era, "province_code": code, "province": province, "plan_year": year,
            "document": f"Synthetic plan {plan_id}"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("eras") / "papi.duckdb"
    con = database.connect(path)
    result = validate.validate(u.frame_csv(synthetic_2025()), "synthetic_2025.csv", today=dt.date(2026, 6, 1))
    assert result.ok, [p.located("en") for p in result.errors]
    importer.commit(con, result, importer.preview(con, result), "test (synthetic 2025)")
    cur = con.cursor()
    # Two tiny synthetic plans on the reused code 52, loaded as an editor's plans are.
    database.insert_plan(
        cur, _plan("BDI-2024", "63", BINH_DINH_63, "Bình Định", 2024),
        pd.DataFrame([_task("BDI-2024-1", "Bình Định", 2024, 1, 1), _task("BDI-2024-2", "Bình Định", 2024, 2, 2)]),
    )
    database.insert_plan(
        cur, _plan("GLA-2025", "34", GIA_LAI_34, "Gia Lai", 2025),
        pd.DataFrame([_task("GLA-2025-1", "Gia Lai", 2025, 1, 1), _task("GLA-2025-2", "Gia Lai", 2025, 3, 2),
                      _task("GLA-2025-3", "Gia Lai", 2025, 4, 3)]),
    )
    cur.close()
    con.close()
    yield path


@pytest.fixture(scope="module")
def con(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(db_path)
    yield connection
    connection.close()


def test_plans_on_a_reused_code_stay_with_their_province(con: duckdb.DuckDBPyConnection) -> None:
    gia_lai = queries.tasks_with_scores(con, GIA_LAI_34, "34", "vi")
    binh_dinh = queries.tasks_with_scores(con, BINH_DINH_63, "63", "vi")
    assert sorted(gia_lai["task_id"]) == ["GLA-2025-1", "GLA-2025-2", "GLA-2025-3"]
    assert sorted(binh_dinh["task_id"]) == ["BDI-2024-1", "BDI-2024-2"]
    assert int(queries.plan_summary(con, GIA_LAI_34, "34").iloc[0]["tasks"]) == 3
    assert int(queries.plan_summary(con, BINH_DINH_63, "63").iloc[0]["tasks"]) == 2
    # Old Gia Lai (64) is the same place as the new Gia Lai: its view shows the new unit's plan.
    assert int(queries.plan_summary(con, GIA_LAI_63, "63").iloc[0]["tasks"]) == 3
    assert len(queries.tasks_for(con, GIA_LAI_34, "34", 1, None)) == 1
    assert queries.agency_load(con, BINH_DINH_63, "63")["tasks"].sum() == 4  # 2 tasks x (lead + implementer)


def test_a_plans_scores_follow_its_own_province(con: duckdb.DuckDBPyConnection) -> None:
    gia_lai = queries.tasks_with_scores(con, GIA_LAI_34, "34", "vi").set_index("task_id")
    binh_dinh = queries.tasks_with_scores(con, BINH_DINH_63, "63", "vi").set_index("task_id")
    dims25 = queries.dimension_profile(con, GIA_LAI_34, 2025).dropna(subset=["score"]).set_index("dimension")["score"]
    dims24 = queries.dimension_profile(con, BINH_DINH_63, 2024).dropna(subset=["score"]).set_index("dimension")["score"]
    assert gia_lai.loc["GLA-2025-1", "score_year"] == 2025
    assert gia_lai.loc["GLA-2025-1", "score"] == pytest.approx(dims25[1])
    # Bình Định has no unit of its own from 2025: its plan's latest score is its own 2024 score.
    assert binh_dinh.loc["BDI-2024-1", "score_year"] == 2024
    assert binh_dinh.loc["BDI-2024-1", "score"] == pytest.approx(dims24[1])


def test_the_year_before_2025_is_the_units_counterpart(con: duckdb.DuckDBPyConnection) -> None:
    total = queries.total_with_change(con, GIA_LAI_34, 2025).iloc[0]
    old_gia_lai = queries.total_with_change(con, GIA_LAI_63, 2024).iloc[0]
    assert total["prev_total"] == pytest.approx(old_gia_lai["total"])  # not Bình Định's 2024 total
    assert not total["comparable"]


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def _show(at: AppTest, page: str, *, year: int, province: str) -> AppTest:
    at.switch_page(page).run()
    language_widget(at).set_value("vi")
    at.selectbox(key="year").set_value(year).run()
    at.selectbox(key="province").set_value(province).run()
    assert not at.exception
    return at


def _metric(at: AppTest, label: str) -> str | None:
    return next((m.value for m in at.metric if m.label == label), None)


def test_overview_shows_only_the_chosen_units_plan(at: AppTest) -> None:
    _show(at, "pages/overview.py", year=2025, province=GIA_LAI_34)
    assert _metric(at, "Nhiệm vụ trong kế hoạch") == "3"
    _show(at, "pages/overview.py", year=2024, province=BINH_DINH_63)
    assert _metric(at, "Nhiệm vụ trong kế hoạch") == "2"


def test_tasks_page_lists_only_the_chosen_units_tasks(at: AppTest) -> None:
    _show(at, "pages/tasks.py", year=2025, province=GIA_LAI_34)
    shown = " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())
    assert "GLA-2025-1" in shown and "BDI-2024-1" not in shown


def test_gia_lai_2025_is_not_compared_because_of_the_merger(at: AppTest) -> None:
    _show(at, "pages/overview.py", year=2025, province=GIA_LAI_34)
    captions = " ".join(c.value for c in at.caption)
    assert "Không so sánh với 2024: từ 1/7/2025 các tỉnh được sáp nhập thành 34 đơn vị mới" in captions
    assert "2018" not in captions


def test_a_province_without_a_plan_says_so_once(at: AppTest) -> None:
    _show(at, "pages/dimensions.py", year=2024, province="01")  # Hà Nội has no plan
    infos = [i.value for i in at.info]
    assert sum("Chưa có kế hoạch nhiệm vụ" in text for text in infos) == 1
    assert not any("Kế hoạch không có nhiệm vụ cho" in text for text in infos)
    _show(at, "pages/trends.py", year=2024, province="01")
    infos = [i.value for i in at.info]
    assert not any("không có nhiệm vụ cho nội dung này" in text for text in infos)
    assert any("Chưa có kế hoạch nhiệm vụ cho tỉnh Hà Nội" in text for text in infos)


def test_a_url_year_without_data_says_which_year_is_shown(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPI_DB", str(db_path))
    from lib.domain.paths import ROOT

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["year"] = "2031"
    app.run()
    assert not app.exception
    assert app.selectbox(key="year").value == 2025
    assert any("2031" in w.value and "2025" in w.value for w in app.warning)
    app.selectbox(key="year").set_value(2024).run()  # the user chose a year: the notice has done its work
    assert not any("2031" in w.value for w in app.warning)
