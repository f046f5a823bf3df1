"""AppTest of the upload page: check, preview, confirm, commit, rollback, and refusal without editor rights."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from lib.store import database
from lib.ui import auth

SC_DIR = paths.SOURCES_DIR / "papi" / "subdimension_csv_2011-2024"
PASSWORD = "correct horse battery"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "papi.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    database.connect(path).close()
    return path


@pytest.fixture()
def editor_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))


def _page(lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang  # the sidebar reads the language from the URL on a session's first run
    at.run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    kinds = ("success", "error", "warning", "info", "caption", "markdown")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def _table(at: AppTest, column: str):
    """Return the first dataframe shown that has `column`."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    return at


def _tidy_2019_change() -> bytes:
    """A tidy file for 2019 equal to the stored year except Đắk Lắk's dimension 1 score and its sub-dimension 1."""
    import pandas as pd

    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str, "subdimension": "Int64"})
    year = scores[scores["year"] == 2019].copy()
    hit = (year["province_code"] == "66") & (year["dimension"] == 1)
    year.loc[hit & year["subdimension"].isna(), "score"] += 0.1
    year.loc[hit & (year["subdimension"] == 1), "score"] += 0.1
    return year.to_csv(index=False).encode("utf-8")


def _published_2019_dak_lak_d1() -> float:
    import pandas as pd

    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str})
    hit = (scores["year"] == 2019) & (scores["province_code"] == "66") & (scores["dimension"] == 1)
    return float(scores[hit & scores["subdimension"].isna()]["score"].iloc[0])


def test_without_editor_configured_nothing_can_be_checked_and_it_says_how(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = _page()
    assert "python -m lib.auth hash" in _texts(at)
    assert "PAPI_EDITOR_PASSWORD_HASH" in _texts(at)
    assert "chưa kiểm tra hay lưu được tệp" in _texts(at)
    assert len(at.file_uploader) == 0  # checking a file costs server time: editors only


def _sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="up_name").input(name)
    at.text_input(key="up_password").input(password)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    return at


def test_viewer_cannot_check_a_file_until_signed_in(db: Path, editor_env: None) -> None:
    at = _page()
    assert "Cần đăng nhập biên tập viên để kiểm tra" in _texts(at)
    assert len(at.file_uploader) == 0
    _sign_in(at, "Lan", "wrong password")
    assert "Sai tên hoặc mật khẩu." in _texts(at)
    assert len(at.file_uploader) == 0
    _sign_in(at, "Lan")
    assert "Đang đăng nhập với quyền biên tập:" in [e.value for e in at.success]
    assert "Lan" in [e.value for e in at.text]
    assert len(at.file_uploader) == 1


def test_bad_file_lists_every_problem_and_changes_nothing(db: Path, editor_env: None) -> None:
    before = database.content_digest(database.connect(db))
    at = _page()
    at.session_state["editor_name"] = "Lan"
    at.run()
    bad = b"year,province_code,province,dimension,subdimension,score\n2019,66,Dak Lac,1,,5.2\n2019,01,Ha Noi,1,,abc\n"
    _upload(at, "bad.csv", bad)
    problems = _table(at, "Vấn đề")
    assert "Không nhận ra tỉnh 'Dak Lac'. Có phải 'Đắk Lắk'?" in problems["Vấn đề"].tolist()
    assert "Điểm 'abc' không phải là số." in problems["Vấn đề"].tolist()
    assert problems["Dòng"].tolist()[:2] == ["2", "3"]
    assert len(at.get("download_button")) >= 1
    assert "up_commit" not in [b.key for b in at.button]  # nothing to commit
    assert database.content_digest(database.connect(db)) == before


def test_preview_confirm_commit_and_rollback(db: Path, editor_env: None) -> None:
    at = _page()
    at.session_state["editor_name"] = "Lan"
    at.run()
    _upload(at, "dak_lak_2019.csv", _tidy_2019_change())
    assert [m.value for m in at.metric] == ["0", "2", "0", str(2331 - 2)]
    changes = _table(at, "Điểm bị xóa")
    assert changes.iloc[0].tolist() == [2019, "Đắk Lắk", 0, 2, 0]
    assert "Năm 2019 đã có dữ liệu" in _texts(at)
    assert at.button(key="up_commit").disabled  # replacing needs the confirmation
    at.checkbox(key="up_confirm").check().run()
    at.button(key="up_commit").click().run()
    assert not at.exception
    assert "Đã lưu lần tải lên số 1" in _texts(at)
    history = _table(at, "Thao tác")
    first = history.iloc[0][["Số", "Thao tác", "Người thực hiện", "Trạng thái"]].tolist()
    assert first == [1, "tải lên", "Lan", "đang dùng"]
    sql = (
        "SELECT score FROM scores WHERE year = 2019 AND province_code = '66' AND dimension = 1 "
        "AND subdimension IS NULL"
    )
    con = database.connect(db)
    stored = con.cursor().execute(sql).fetchone()[0]
    con.close()
    assert stored == pytest.approx(_published_2019_dak_lak_d1() + 0.1)
    at.checkbox(key="up_rollback_confirm").check().run()
    at.button(key="up_rollback_button").click().run()
    assert "Đã hoàn tác lần tải lên số 1." in _texts(at)
    history = _table(at, "Thao tác")
    assert history["Trạng thái"].tolist() == ["đã thực hiện", "đã hoàn tác"]


def test_english_labels(db: Path, editor_env: None) -> None:
    at = _page("en")
    at.session_state["editor_name"] = "Lan"
    at.run()
    assert at.title[0].value == "Load PAPI scores and plans"
    _upload(at, "x.csv", b"year,province,dimension,subdimension,score\n2019,Dak Lac,1,,5\n")
    problems = _table(at, "Problem")
    assert "Province 'Dak Lac' is not recognised. Did you mean 'Đắk Lắk'?" in problems["Problem"].tolist()


def test_template_controls_are_sent_only_when_the_expander_is_open(db: Path) -> None:
    from lib.domain.i18n import t

    wanted = [t("up_template_csv", "en"), t("up_template_xlsx", "en")]
    at = _page("en")
    assert [e.proto.label for e in at.get("download_button")] == []
    assert len(at.number_input) == 0
    at.session_state["up_template_open"] = True
    at.run()
    assert not at.exception, at.exception
    assert [e.proto.label for e in at.get("download_button")] == wanted
    assert at.number_input(key="up_template_year").value == dt.date.today().year - 1


# --- Sign-in throttling, names as plain text, editors-only history and downloads (issue 11, defects 3, 4, 7) ---


@pytest.fixture()
def throttle(monkeypatch: pytest.MonkeyPatch) -> auth.Throttle:
    """The server's throttle, with a first wait of ten minutes so that a slow test machine cannot outlast it."""
    from lib.ui import access

    fresh = auth.Throttle(base=600.0, cap=600.0)
    monkeypatch.setattr(access, "THROTTLE", fresh)
    return fresh


def _told_to_wait(at: AppTest) -> int:
    """The seconds the sign-in refusal asks to wait (0 when there is none)."""
    import re

    found = re.search(r"Thử lại sau (\d+) giây\.", _texts(at))
    return int(found.group(1)) if found else 0


def test_failures_in_other_sessions_throttle_the_same_name(db: Path, editor_env: None, throttle: auth.Throttle) -> None:
    # Five failures, each from a new session (a new tab), with the same name.
    for _ in range(throttle.free):
        _sign_in(_page(), "Lan", "wrong password")
    fresh = _sign_in(_page(), "  lan ", PASSWORD)  # the right password, yet another session
    assert 500 < _told_to_wait(fresh) <= 600
    assert len(fresh.file_uploader) == 0
    assert "Lan" not in [e.value for e in fresh.text]
    # Without a client address (local sessions) only the name is throttled: another editor still gets in.
    other = _sign_in(_page(), "Minh", PASSWORD)
    assert "Minh" in [e.value for e in other.text]


@pytest.mark.parametrize("name", ["**x**", "[a](http://e)", ":red[x] $y$ <b>z</b>"])
def test_a_name_with_markdown_is_shown_as_typed(db: Path, editor_env: None, throttle: auth.Throttle,
                                                  name: str) -> None:
    at = _sign_in(_page(), name)
    assert [e.value for e in at.text] == [name]  # st.text: shown literally
    assert not any(name in text or text == "x" for text in _texts(at).splitlines())  # in no Markdown element


def _committed_store(db: Path) -> None:
    """The store with one upload by 'Lan <b>' (a Vietnamese 2019 correction) in its history."""
    from lib.store import importer

    con = database.connect(db)
    try:
        result = importer.check(_tidy_2019_change(), "dak_lak_2019.csv")
        importer.commit(con, result, importer.preview(con, result), "Lan <b>", replace=True)
    finally:
        con.close()


def test_viewer_sees_the_history_without_names_or_original_files(db: Path, editor_env: None) -> None:
    _committed_store(db)
    viewer = _page()
    history = _table(viewer, "Thao tác")
    assert history["Số"].tolist() == [1]
    assert "Người thực hiện" not in history.columns
    assert "Lan <b>" not in history.to_string()
    assert "up_raw_download" not in [b.key for b in viewer.get("download_button")]
    assert "Tên người thực hiện và tệp gốc chỉ hiện với biên tập viên." in _texts(viewer)
    editor = _page()
    editor.session_state["editor_name"] = "Minh"
    editor.run()
    assert _table(editor, "Thao tác")["Người thực hiện"].tolist() == ["Lan <b>"]
    assert [b.proto.label for b in editor.get("download_button")] == ["Tải tệp gốc của lần tải lên số 1"]


def test_the_original_file_is_read_only_when_its_download_is_asked_for(
    db: Path, editor_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lib.store import database

    _committed_store(db)
    reads: list[int] = []
    real = database.raw_file

    def counted(con, upload_id):
        reads.append(upload_id)
        return real(con, upload_id)

    monkeypatch.setattr(database, "raw_file", counted)
    at = _page()
    at.session_state["editor_name"] = "Minh"
    at.run()
    at.checkbox(key="up_rollback_confirm").check().run()  # reruns of the page with the upload chosen
    at.checkbox(key="up_rollback_confirm").uncheck().run()
    button = next(b for b in at.get("download_button") if b.proto.label.startswith("Tải tệp gốc"))
    assert button.proto.HasField("deferred_file_id")  # the browser asks for the bytes on click
    assert reads == []


def test_the_uploader_accepts_exactly_the_types_its_label_names(db: Path, editor_env: None) -> None:
    import re

    for lang in ("vi", "en"):
        at = _page(lang)
        at.session_state["editor_name"] = "Lan"
        at.run()
        uploader = at.file_uploader[0]
        named = set(re.findall(r"\.(\w+)", uploader.proto.label))
        assert named == {"xlsx", "csv"}
        assert {t.lstrip(".") for t in uploader.proto.type} == named


def test_a_problem_of_the_whole_file_says_so_in_the_row_column(db: Path, editor_env: None) -> None:
    for lang, whole, note in (("vi", "cả tệp", "Cột Dòng ghi 'cả tệp'"), ("en", "whole file", "The Row column says")):
        at = _page(lang)
        at.session_state["editor_name"] = "Lan"
        at.run()
        _upload(at, "a.csv", b"a,b,c\n1,2,3\n")  # an unknown layout: a problem of the whole file
        problems = at.dataframe[0].value  # the problems (the history is empty)
        row = problems.columns[2]
        assert problems[row].tolist() == [whole]
        assert "None" not in problems.to_string() and "<NA>" not in problems.to_string()
        assert note in _texts(at)


def test_failures_from_one_address_throttle_every_name_it_tries(
    db: Path, editor_env: None, throttle: auth.Throttle, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lib.ui import access

    monkeypatch.setattr(access, "client_address", lambda: "203.0.113.9")
    for number in range(throttle.free):
        _sign_in(_page(), f"guess {number}", "wrong password")
    refused = _sign_in(_page(), "Lan", PASSWORD)
    assert 500 < _told_to_wait(refused) <= 600
    assert len(refused.file_uploader) == 0
    monkeypatch.setattr(access, "client_address", lambda: "198.51.100.7")
    assert "Lan" in [e.value for e in _sign_in(_page(), "Lan", PASSWORD).text]
