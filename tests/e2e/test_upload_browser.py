"""Browser test: an editor uploads an official sheet through the real page, previews, commits and rolls back.

Runs its own server (own store copy, editor password hash) through the shared harness and uses the
suite's browser from tests/e2e/conftest.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.domain import paths
from lib.store import database
from lib.ui import auth
from tests import upload_samples as u
from tests.e2e.harness import streamlit_server

PASSWORD = "upload-editor-password"
NAME = "**Lan**"  # Markdown that must show literally
SHOTS = Path(os.environ.get("PAPI_SCREENSHOTS", paths.ROOT / "artifacts" / "screenshots"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("upload-e2e")
    db = folder / "papi.duckdb"
    con = database.connect(db)
    con.cursor().execute("DELETE FROM scores WHERE year = 2017")  # the year the editor will bring back
    con.close()
    with streamlit_server({"PAPI_DB": str(db), auth.ENV_HASH: auth.hash_password(PASSWORD)}) as base:
        yield base, folder


@pytest.fixture()
def chromium(browser: object) -> object:
    """The suite's shared browser (sync Playwright allows one instance per thread)."""
    return browser


def test_editor_uploads_previews_commits_and_rolls_back(server: tuple[str, Path], chromium: object) -> None:
    base, folder = server
    sheet = folder / "PAPI_2017.xlsx"
    sheet.write_bytes(u.official_sheet(2017))
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{base}/upload?lang=vi")
        page.get_by_text("Tải lên điểm PAPI và kế hoạch", exact=True).first.wait_for()
        # A viewer cannot check a file: no uploader before signing in.
        page.get_by_text("Cần đăng nhập biên tập viên để kiểm tra").wait_for()
        assert page.locator("input[type=file]").count() == 0
        # Sign in; the name is shown as typed, not as Markdown.
        page.get_by_label("Tên của bạn (ghi vào lịch sử)").fill(NAME)
        page.get_by_label("Mật khẩu biên tập").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Đang đăng nhập với quyền biên tập:").wait_for()
        page.get_by_text(NAME, exact=True).wait_for()
        assert page.locator('[data-testid="stMain"] strong').filter(has_text="Lan").count() == 0
        # Upload the official 2017 sheet.
        page.locator("input[type=file]").set_input_files(str(sheet))
        page.get_by_text("Tệp hợp lệ: 1764 điểm của năm 2017").wait_for()
        page.get_by_text("3. Xem trước thay đổi").wait_for()
        metric = page.locator('[data-testid="stMetric"]').first
        assert "1764" in metric.inner_text()
        page.screenshot(path=str(SHOTS / "upload_preview.png"), full_page=True)
        page.get_by_role("button", name="Lưu vào dữ liệu").click()
        page.get_by_text("Đã lưu lần tải lên số 1").wait_for()
        page.screenshot(path=str(SHOTS / "upload_committed.png"), full_page=True)
        # The new year is in the sidebar's years.
        page.goto(f"{base}/overview?lang=vi&year=2017&province=66")
        page.get_by_text("2017").first.wait_for()
        # Roll back.
        page.goto(f"{base}/upload?lang=vi")
        page.get_by_label("Tên của bạn (ghi vào lịch sử)").fill(NAME)
        page.get_by_label("Mật khẩu biên tập").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Đang đăng nhập với quyền biên tập:").wait_for()
        page.get_by_text("Tôi xác nhận khôi phục năm 2017").click()
        page.wait_for_selector('[data-testid="stBaseButton-secondary"]:has-text("Hoàn tác"):not([disabled])',
                               state="visible")
        page.get_by_role("button", name="Hoàn tác", exact=True).click()
        page.get_by_text("Đã hoàn tác lần tải lên số 1.").wait_for()
        # Nothing is left to roll back once the page has rerun with the restored store.
        page.get_by_text("Không có lần tải lên nào để hoàn tác.").wait_for()
        page.screenshot(path=str(SHOTS / "upload_rolled_back.png"), full_page=True)
    finally:
        context.close()
