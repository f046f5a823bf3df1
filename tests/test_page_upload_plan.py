"""AppTest of the plan part of the Upload page: an editor loads a Word plan of another province, reviews it,
commits, and sees it on Overview; a second load needs the replace box; a viewer sees the history without names."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from lib.domain.i18n import t
from lib.store import database
from lib.ui import auth
from tests import plan_store_samples as kt

PASSWORD = "correct horse battery"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "papi.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    database.connect(path).close()
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    return path


def _page(**state: object) -> AppTest:
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def _choose_plan(at: AppTest) -> AppTest:
    at.segmented_control(key="up_what").set_value("plan").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    kinds = ("success", "error", "warning", "info", "caption", "markdown")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def _table(at: AppTest, column: str):
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def _load_kon_tum(at: AppTest) -> AppTest:
    at.number_input(key="ps_year").set_value(kt.YEAR).run()
    at.selectbox(key="ps_province").set_value(kt.PROVINCE).run()
    at.file_uploader[0].set_value(("ke-hoach-45.docx", kt.docx(), "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    at.text_input(key="ps_document").input(kt.DOCUMENT).run()
    assert not at.exception, at.exception
    return at


def test_an_editor_loads_a_word_plan_of_another_province_and_sees_it_on_overview(db: Path) -> None:
    at = _choose_plan(_page(editor_name="Lan"))
    assert len(at.file_uploader) == 1  # the plan's file box; the score part is not drawn
    _load_kon_tum(at)
    assert "Đọc được 5 nhiệm vụ trong 3 mục." in [s.value for s in at.success]
    columns = _table(at, t("ps_col_header", "vi"))
    assert dict(zip(columns[t("ps_col_role", "vi")], columns[t("ps_col_header", "vi")], strict=True)) == {
        "Số thứ tự": "TT", "Nhiệm vụ": "Nội dung nhiệm vụ", "Cơ quan chủ trì": "Cơ quan chủ trì",
        "Cơ quan phối hợp/thực hiện": "Cơ quan phối hợp", "Thời hạn": "Thời gian hoàn thành",
        "Sản phẩm": "Sản phẩm"}
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("ps_metric_tasks", "vi")] == "5"
    assert metrics[t("ps_metric_new_agencies", "vi")] == "2"
    assert "2 tên cơ quan chưa có trong danh mục" in _texts(at)
    # The review tables: tasks with their section, deadline as written and as read, and PAPI link with its
    # evidence; the unknown agency names marked, the likely alias with its closest known name.
    editors = {frame.key: frame.value for frame in at.dataframe if getattr(frame, "key", None)}
    tasks = editors["ps_tasks_editor"]
    first = tasks.iloc[0]
    assert (first["section"], first["deadline"], first["deadline_date"]) == ("I", "Quý III/2023", "2023-09-30")
    assert (first["dimension"], first["papi_keys"]) == (2, "land_use_plans") and first["evidence"]
    assert tasks["deadline"].tolist()[2:4] == ["Thường xuyên", "Tháng 11/2023"]
    assert editors["ps_sections_editor"]["section"].tolist() == ["I", "II", "III"]
    agencies = editors["ps_agencies_editor"].set_index("written")
    assert agencies.loc["Ban Quản lý Khu du lịch Măng Đen", "status"] == "● tên mới"
    assert agencies.loc["Sở Tài chánh", "status"] == "≈ có thể là: Sở Tài chính"
    assert agencies.loc["Sở Tài chánh", "name"] == "Sở Tài chính"
    assert "Kế hoạch 63-62-2023: Kon Tum, năm 2023, văn bản 'Kế hoạch 45/KH-UBND'." in _texts(at)
    at.button(key="ps_commit").click().run()
    assert not at.exception, at.exception
    assert any(s.value.startswith("Đã lưu kế hoạch 63-62-2023 của Kon Tum năm 2023 (5 nhiệm vụ)")
               for s in at.success)
    history = _table(at, t("ps_col_document", "vi"))
    assert history[t("ps_col_document", "vi")].tolist() == [kt.DOCUMENT]
    assert history[t("up_col_user", "vi")].tolist() == ["Lan"]

    overview = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    overview.session_state["province"] = kt.CODE
    overview.session_state["year"] = 2023
    overview.run()
    overview.switch_page("pages/overview.py").run()
    assert not overview.exception, overview.exception
    assert {m.label: m.value for m in overview.metric}[t("wl_metric_tasks", "vi")] == "5"


def test_loading_the_same_plan_again_needs_the_replace_box(db: Path) -> None:
    at = _load_kon_tum(_choose_plan(_page(editor_name="Lan")))
    at.button(key="ps_commit").click().run()
    _load_kon_tum(at)
    assert "Kế hoạch này đã được tải lên trước đây (63-62-2023, 5 nhiệm vụ)." in _texts(at)
    assert at.button(key="ps_commit").disabled
    at.checkbox(key="ps_confirm").check().run()
    assert not at.button(key="ps_commit").disabled
    at.button(key="ps_commit").click().run()
    assert any(s.value.startswith("Đã lưu kế hoạch 63-62-2023") for s in at.success)
    con = database.connect(db)
    loads = con.cursor().execute("SELECT replaced FROM plan_uploads ORDER BY id").fetchall()
    con.close()
    assert loads == [(None,), ("loaded",)]


def test_an_editor_rolls_back_and_a_viewer_sees_the_history_without_names_or_files(db: Path) -> None:
    at = _load_kon_tum(_choose_plan(_page(editor_name="Lan")))
    at.button(key="ps_commit").click().run()
    assert len(at.get("download_button")) >= 1  # the original document, for editors
    at.checkbox(key="ps_rollback_confirm").check().run()
    at.button(key="ps_rollback_button").click().run()
    assert "Đã hoàn tác lần tải lên số 1: kế hoạch trở lại như trước." in [s.value for s in at.success]

    viewer = _choose_plan(_page())
    assert len(viewer.file_uploader) == 0  # checking a file is for editors
    history = _table(viewer, t("ps_col_document", "vi"))
    assert t("up_col_user", "vi") not in history.columns
    assert len(history) == 2
    assert "ps_rollback_button" not in [b.key for b in viewer.button]
    assert "ps_raw_download" not in [getattr(d, "key", None) for d in viewer.get("download_button")]


def test_the_link_offered_where_a_plan_is_missing_opens_the_plan_form(db: Path) -> None:
    """`?load=plan` (the link of lib/ui/plan_notes.no_plan) opens the Upload page on the plan form."""
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    at.session_state["editor_name"] = "Lan"
    at.query_params["load"] = "plan"
    at.run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, at.exception
    assert at.segmented_control(key="up_what").value == "plan"
    assert t("ps_title", "vi") in [h.value for h in at.subheader]
    # Choosing the score files puts that choice in the URL instead.
    at.segmented_control(key="up_what").set_value("scores").run()
    assert at.query_params["load"] == "scores"
    assert not any(h.value == t("ps_title", "vi") for h in at.subheader)
