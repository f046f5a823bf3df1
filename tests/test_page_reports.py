"""AppTest of task progress: the reports page for viewers and editors, and the issue's "done when" round:
download the forms, fill three (one with mistakes), upload them together, see the bad one refused with
located messages, fix it, commit, and read completion and overdue tasks on Overview and Agencies."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from lib.store import database, status
from lib.store import status_queries as sq
from lib.ui import auth
from tests import status_samples as s

TASKS = len(s.plan_tasks())  # 85 tasks in the seed plan (data/tasks.csv)


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "papi.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password("correct horse battery"))
    database.connect(path).close()
    return path


def _page(page: str, editor: str | None = None, lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    if editor:
        at.session_state["editor_name"] = editor
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    kinds = ("success", "error", "warning", "info", "caption", "markdown", "subheader")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def _table(at: AppTest, column: str):
    for frame in at.dataframe:
        value = frame.value.data if hasattr(frame.value, "data") else frame.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with column {column!r}")


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_viewer_sees_completion_and_the_overdue_list_but_no_upload(db: Path) -> None:
    at = _page("reports")
    assert at.title[0].value == "Tiến độ thực hiện nhiệm vụ"
    assert "Chưa có báo cáo tiến độ nào cho kế hoạch này." in _texts(at)
    metrics = _metrics(at)
    assert metrics["Hoàn thành"] == f"0/{TASKS}" and metrics["Chưa báo cáo"] == str(TASKS)
    # The 2020 plan writes no deadline: every task was due at the end of 2020, none is done.
    assert metrics["Quá hạn"] == str(TASKS)
    overdue = _table(at, "Số ngày quá hạn")
    assert len(overdue) == TASKS
    assert set(overdue["Nguồn thời hạn"]) == {"cuối năm kế hoạch (kế hoạch không ghi)"}
    assert len(at.file_uploader) == 0 and not at.get("download_button")
    assert "dành cho biên tập viên" in _texts(at)


def test_english_labels(db: Path) -> None:
    at = _page("reports", lang="en")
    assert at.title[0].value == "Task progress"
    assert "No status reports for this plan yet." in _texts(at)
    assert set(_metrics(at)) == {"Done", "In progress", "Not started", "Not reported", "Overdue"}


def test_done_when_three_forms_one_bad_refused_located_fixed_committed_and_shown(db: Path) -> None:
    editor = _page("reports", editor="Lan")
    assert {b.proto.label for b in editor.get("download_button")} >= {"Tải tất cả phiếu (.zip)"}
    # The office downloads every form (the zip the button serves) and sends three out.
    con = database.connect(db)
    archive = zipfile.ZipFile(io.BytesIO(status.forms_zip(con, s.PLAN)))
    con.close()
    form = {name.removesuffix(" - DLK-2020.xlsx"): archive.read(name) for name in archive.namelist()}
    tt, nv, yt = s.agency_tasks("Thanh tra tỉnh"), s.agency_tasks("Sở Nội vụ"), s.agency_tasks("Sở Y tế")
    day = dt.date(2020, 11, 30)
    inspectorate = s.fill(form["Thanh tra tỉnh"], {tt[0]: s.done(day), tt[1]: s.done(day),
                                                    tt[2]: {"status": "đang thực hiện", "reported_on": day}})
    home = s.fill(form["Sở Nội vụ"], {nv[0]: s.done(day)})
    health_rows = {yt[0]: {"status": "xong", "reported_on": day},
                   yt[1]: {"status": "không thực hiện", "reported_on": "ngày 5/11"}}
    health_bad = s.fill(form["Sở Y tế"], health_rows)
    before = database.content_digest(database.connect(db))

    # Uploaded together: the bad one is refused with located messages, nothing is saved.
    uploader = editor.file_uploader[0]
    uploader.set_value([("Thanh tra tỉnh.xlsx", inspectorate, "application/octet-stream"),
                        ("Sở Nội vụ.xlsx", home, "application/octet-stream"),
                        ("Sở Y tế.xlsx", health_bad, "application/octet-stream")])
    editor.run()
    assert not editor.exception
    assert "1/3 phiếu có lỗi: chưa lưu phiếu nào." in _texts(editor)
    problems = _table(editor, "Vấn đề")
    assert set(problems["Tệp"]) == {"Sở Y tế.xlsx"}
    located = problems[["Dòng", "Cột", "Vấn đề"]].astype(str).values.tolist()
    first, second = s.row_of(form["Sở Y tế"], yt[0]), s.row_of(form["Sở Y tế"], yt[1])
    assert [str(first), "F (Trạng thái)", "Trạng thái 'xong' không có trong danh sách."] in located
    assert [str(second), "G (Lý do (nếu không thực hiện))", "Trạng thái 'không thực hiện' cần ghi lý do."] in located
    assert [str(second), "J (Ngày báo cáo)", "'ngày 5/11' không phải là ngày."] in located
    assert "st_commit" not in [b.key for b in editor.button]
    assert database.content_digest(database.connect(db)) == before

    # Fixed and uploaded again: previewed per task, committed.
    health = s.fill(form["Sở Y tế"], {yt[0]: s.done(day),
                                      yt[1]: {"status": "không thực hiện", "reason": "Chưa có kinh phí",
                                              "reported_on": day}})
    editor.file_uploader[0].set_value([("Thanh tra tỉnh.xlsx", inspectorate, "application/octet-stream"),
                                       ("Sở Nội vụ.xlsx", home, "application/octet-stream"),
                                       ("Sở Y tế.xlsx", health, "application/octet-stream")])
    editor.run()
    assert "3 phiếu hợp lệ, 6 báo cáo." in _texts(editor)
    preview = _table(editor, "Trước")
    assert len(preview) == 6
    assert set(preview["Trước"]) == {"Chưa báo cáo"}
    assert "Hoàn thành (30/11/2020)" in set(preview["Sau"])
    editor.button(key="st_commit").click().run()
    assert "Đã lưu lần cập nhật tiến độ số 1 (6 báo cáo)." in _texts(editor)

    # Completion and overdue, counted from what the three agencies reported (tasks may be shared).
    reported = {tt[0]: "done", tt[1]: "done", tt[2]: "in_progress", nv[0]: "done", yt[0]: "done",
                yt[1]: "not_done"}
    done = sum(1 for v in reported.values() if v == "done")
    assert len(reported) == 6
    overview = _page("overview")
    metrics = _metrics(overview)
    assert metrics["Hoàn thành"] == f"{done}/{TASKS}"
    assert metrics["Chưa báo cáo"] == str(TASKS - 6)
    assert metrics["Quá hạn"] == str(TASKS - done)  # due at the end of 2020, today is later
    assert "Báo cáo gần nhất ngày 30/11/2020" in _texts(overview)

    agencies = _page("agencies")
    behind = _table(agencies, "Quá hạn (chủ trì)").set_index("Cơ quan")
    assert behind.loc["Thanh tra tỉnh", "Hoàn thành"] == 2
    assert behind.loc["Thanh tra tỉnh", "Hoàn thành (%)"] == round(100 * 2 / len(tt))
    assert behind.loc["Thanh tra tỉnh", "Quá hạn"] == len(tt) - 2
    assert behind.loc["Sở Y tế", "Đã gửi báo cáo"] == "đã gửi"
    never = behind[behind["Đã gửi báo cáo"] == "chưa gửi lần nào"]
    assert "Công an tỉnh" in never.index  # it sent nothing
    # An agency none of whose tasks has a report shows no completion, not 0 %.
    con = database.connect(db)
    frame = sq.agency_completion(con, s.PLAN).set_index("agency")
    con.close()
    unknown = [a for a in frame.index if not frame.loc[a, "reported"]]
    assert unknown and all(behind.loc[a, "Hoàn thành (%)"] is None or str(behind.loc[a, "Hoàn thành (%)"]) == "<NA>"
                           for a in unknown)

    # Dimensions: per dimension, the tasks, done and not reported, counted here from data/tasks.csv and the
    # six reports (a task counts in its own dimension).
    tasks = s.plan_tasks().set_index("task_id")
    dimensions = _page("dimensions")
    table = _table(dimensions, "Hoàn thành (%)")  # the dimension tab comes first
    table = table.set_index(table.columns[0])
    for dimension, group in tasks.groupby("dimension"):
        row = table.loc[[name for name in table.index if name.startswith(f"{dimension}.")][0]]
        ids = set(group.index)
        assert row["Nhiệm vụ"] == len(ids)
        assert row["Hoàn thành"] == sum(1 for t, v in reported.items() if t in ids and v == "done")
        assert row["Chưa báo cáo"] == len(ids - set(reported))

    # Rolled back from the page: the plan is back to no report.
    editor = _page("reports", editor="Lan")
    editor.checkbox(key="st_rollback_confirm").check().run()
    editor.button(key="st_rollback_button").click().run()
    assert "Đã hoàn tác lần cập nhật số 1" in _texts(editor)
    assert _metrics(editor)["Hoàn thành"] == f"0/{TASKS}"


def test_an_editor_sets_one_tasks_status_on_the_page_and_the_tasks_page_shows_it(db: Path) -> None:
    editor = _page("reports", editor="Minh")
    task = s.agency_tasks("Thanh tra tỉnh")[0]
    editor.selectbox(key="st_edit_task").set_value(task).run()
    editor.selectbox(key="st_edit_status").set_value("in_progress")
    editor.text_input(key="st_edit_note").input("Đã ban hành kế hoạch")
    editor.date_input(key="st_edit_date").set_value(dt.date(2020, 10, 1))
    editor.button[[b.proto.label for b in editor.button].index("Lưu trạng thái")].click().run()
    assert not editor.exception
    assert f"Đã lưu trạng thái của {task}" in _texts(editor)
    tasks = _page("tasks")
    table = tasks.dataframe[0].value
    table = table.data if hasattr(table, "data") else table
    row = table.set_index("task_id").loc[task]
    assert (row["status_label"], row["note"], row["due_text"]) == ("Đang thực hiện", "Đã ban hành kế hoạch",
                                                                    "31/12/2020")
    tasks.multiselect(key="st_tk_status").set_value(["in_progress"]).run()
    table = tasks.dataframe[0].value
    table = table.data if hasattr(table, "data") else table
    assert list(table["task_id"]) == [task]
