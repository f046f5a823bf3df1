"""AppTest of what every table shows: no "None", a dash with its reason where a value is missing,
decimals of the interface's language, task texts that wrap, a Provinces table whose columns fit."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import i18n, paths

# Every table of every page is sent only once its expander is open: open them all.
OPEN_TABLES = {
    "wl_profile_table_open": True,
    "wl_tasks_table_open": True,
    "wl_effort_table_open": True,
    "wl_history_table_open": True,
    "wl_load_table_open": True,
    "wl_matrix_table_open": True,
    "tr_table_trend_open": True,
    "tr_table_national_open": True,
}
PAGES = ["overview", "dimensions", "agencies", "trends", "tasks", "provinces"]
# What a grid cell must never show: Python's or pandas' name for a missing value.
NOT_SHOWN = {"None", "nan", "NaN", "<NA>", "NaT", "null"}


@pytest.fixture(autouse=True)
def own_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path_factory.getbasetemp() / "display_pages.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    return path


def _open(page: str, lang: str, year: int, **state: object) -> AppTest:
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    at.session_state["year"] = year
    for key, value in {**OPEN_TABLES, **state}.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    return at


def shown(table: object) -> pd.DataFrame:
    """The texts st.dataframe draws in each cell, as the browser draws them: a null cell shows the table's
    placeholder ("None" without one), whatever text a Styler gave it; any other cell its Styler display
    value, else its value."""
    proto = table.proto  # type: ignore[attr-defined]
    frame = table.value  # type: ignore[attr-defined]
    frame = frame.data if hasattr(frame, "data") else frame
    display = proto.arrow_data.styler.display_values
    texts = pa.ipc.open_stream(io.BytesIO(display)).read_pandas().astype(str) if display else frame.astype(str)
    placeholder = proto.placeholder if proto.HasField("placeholder") else "None"
    nulls = frame.isna().to_numpy()
    return pd.DataFrame(
        [[placeholder if null else text for null, text in zip(nrow, trow, strict=True)]
         for nrow, trow in zip(nulls, texts.to_numpy(), strict=True)],
        columns=list(frame.columns),
    )


def _language(at: AppTest) -> str:
    return str(at.session_state["lang"])


def test_the_session_language_key_is_lang() -> None:
    at = _open("overview", "en", 2019)
    assert at.title[0].value == "Overview: Đắk Lắk, PAPI 2019"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_table_shows_none(page: str, lang: str) -> None:
    # 2019: E-Governance gained a sub-dimension, so its change from 2018 is missing.
    at = _open(page, lang, 2019)
    assert at.dataframe, f"{page} shows no table"
    tables = list(at.dataframe)
    if page == "dimensions":  # its tabs send the open tab's table only: open the sub-dimension tabs too
        for key in ("wl_score_tabs", "st_progress_tabs"):
            at.session_state[key] = i18n.t("wl_tab_subdimensions", lang)
        tables += list(at.run().dataframe)
    for table in tables:
        cells = shown(table)
        columns = table.proto.column_order or list(cells.columns)
        visible = cells[[c for c in columns if c in cells.columns]]
        bad = visible.isin(NOT_SHOWN)
        assert not bad.to_numpy().any(), f"{page}: {visible[bad.any(axis=1)].head(3).to_dict('records')}"


@pytest.mark.parametrize(
    ("lang", "column", "reason"),
    [
        ("vi", "Thay đổi so với năm trước", "không có năm trước so sánh được"),
        ("en", "Change from the year before", "no comparable earlier year"),
    ],
)
def test_dimensions_2019_change_of_e_governance_is_a_dash_with_its_reason(lang: str, column: str, reason: str) -> None:
    at = _open("dimensions", lang, 2019)
    by_dimension = shown(at.dataframe[-1])  # the score tables' open tab: dimensions
    assert by_dimension[column].iloc[7] == "—"
    assert by_dimension[column].iloc[0] != "—"
    notes = [c.value for c in at.caption if "“—”" in c.value]
    assert len(notes) == 1 and reason in notes[0] and "2019" in notes[0] and "(8)" in notes[0]
    at.session_state["wl_score_tabs"] = i18n.t("wl_tab_subdimensions", lang)  # the reader opens the other tab
    at.run()
    by_sub = shown(at.dataframe[-1])  # sub-dimensions: 8.1, 8.2, 8.3 last
    assert list(by_sub[column].iloc[-3:]) == ["—", "—", "—"]
    notes = [c.value for c in at.caption if "“—”" in c.value]
    assert len(notes) == 1 and reason in notes[0] and "2019" in notes[0] and "(8.1, 8.2, 8.3)" in notes[0]


def _published_total(year: int) -> float:
    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": "string", "subdimension": "Int64"})
    # The total is the sum of the dimension scores (PAPI's definition), as tests/test_scores_data.py checks.
    rows = scores[(scores["province_code"] == "66") & (scores["year"] == year) & scores["subdimension"].isna()]
    return float(rows["score"].sum())


@pytest.mark.parametrize(("lang", "mark"), [("vi", ","), ("en", ".")])
def test_tables_write_decimals_in_the_language_of_the_interface(lang: str, mark: str) -> None:
    at = _open("provinces", lang, 2019)
    table = shown(at.dataframe[0])
    dak_lak = table[table["province_code"] == "66"].iloc[0]
    assert dak_lak["score"] == f"{_published_total(2019):.2f}".replace(".", mark)
    trends = _open("trends", lang, 2019)
    national = shown(trends.dataframe[-1])
    assert all(mark in value for value in national["median"])
    assert all(value.isdigit() for value in national["year"])  # 2019, never 2.019 or 2,019


def _columns(table: object) -> dict[str, dict]:
    return json.loads(table.proto.columns)  # type: ignore[attr-defined]


def test_drill_down_task_texts_wrap_in_a_wide_column() -> None:
    at = _open("dimensions", "vi", 2019, wl_pick="d8")
    tasks = next(t for t in at.dataframe if "Nhiệm vụ" in t.value.columns and "Mã" in t.value.columns)
    # Streamlit's grid wraps a cell's text only in rows taller than 4 rem (64 px).
    assert tasks.proto.row_height > 64
    assert _columns(tasks)["Nhiệm vụ"]["width"] == "large"
    agencies = _open("agencies", "vi", 2019)
    for table in agencies.dataframe:
        if "Nhiệm vụ" in table.value.columns and "Mã" in table.value.columns:
            assert table.proto.row_height > 64
            assert _columns(table)["Nhiệm vụ"]["width"] == "large"


def test_provinces_table_columns_fit_their_longest_name() -> None:
    at = _open("provinces", "vi", 2019)
    config = _columns(at.dataframe[0])
    # 160 px holds "Thành phố Hồ Chí Minh" at the grid's 14 px font (120 cut it); 60 px cut the header "Điểm".
    assert config["province"]["width"] >= 160
    assert config["quartile_name"]["width"] >= 140
    assert all(config[c]["width"] >= 64 for c in ("rank", "score"))


def test_trends_task_list_is_reachable_by_keyboard() -> None:
    at = _open("trends", "vi", 2019)
    lists = [m.value for m in at.markdown if "Chủ trì" in m.value]
    assert lists, "no task list"
    # Each task's id is a link (a focusable element inside the scrolling box) to that task on the Tasks page.
    assert lists[0].count("](tasks?") == lists[0].count("Chủ trì") == 6


def test_every_table_is_drawn_through_the_grid_helper() -> None:
    """`lib.ui.grid.dataframe` sets the missing-value text; a page calling st.dataframe itself would show "None"."""
    sources = [*(paths.ROOT / "pages").glob("*.py"), *(paths.ROOT / "lib" / "ui").glob("*.py"), paths.ROOT / "app.py"]
    direct = [f"{p.name}:{n}" for p in sources if p.name != "grid.py"
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if ".dataframe(" in line and "grid.dataframe(" not in line]
    assert direct == []
