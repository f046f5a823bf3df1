"""Browser test: an editor loads a Word plan of another province through the real Upload page, reviews it,
commits, and finds it on Overview.

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
from tests import plan_store_samples as kt
from tests.e2e.harness import streamlit_server, wait_idle

PASSWORD = "plan-editor-password"
SHOTS = Path(os.environ.get("PAPI_SCREENSHOTS", paths.ROOT / "artifacts" / "screenshots"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("plan-upload-e2e")
    db = folder / "papi.duckdb"
    database.connect(db).close()
    with streamlit_server({"PAPI_DB": str(db), auth.ENV_HASH: auth.hash_password(PASSWORD)}) as base:
        yield base, folder


def test_editor_loads_a_word_plan_and_sees_it_on_overview(server: tuple[str, Path], browser: object) -> None:
    base, folder = server
    document = folder / "ke-hoach-45-kon-tum.docx"
    document.write_bytes(kt.docx())
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{base}/upload?lang=vi")
        page.get_by_label("Tên của bạn (ghi vào lịch sử)").fill("Lan")
        page.get_by_label("Mật khẩu biên tập").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Đang đăng nhập với quyền biên tập:").wait_for()
        page.get_by_text("Kế hoạch của tỉnh", exact=True).click()
        page.get_by_text("Tải lên kế hoạch nhiệm vụ").wait_for()
        wait_idle(page)
        year = page.get_by_label("Năm của kế hoạch")
        year.fill(str(kt.YEAR))
        year.press("Enter")
        wait_idle(page)
        assert year.input_value() == str(kt.YEAR)
        province = page.get_by_label("Tỉnh/thành phố ban hành")
        province.click()
        page.keyboard.type(kt.PROVINCE)
        page.keyboard.press("Enter")
        wait_idle(page)
        assert province.input_value() == kt.PROVINCE
        page.locator("input[type=file]").set_input_files(str(document))
        page.get_by_text("Đọc được 5 nhiệm vụ trong 3 mục.").wait_for()
        page.get_by_text("2 tên cơ quan chưa có trong danh mục").wait_for()
        commit = page.get_by_role("button", name="Lưu kế hoạch")
        commit.wait_for()
        wait_idle(page)
        page.get_by_text(f"Kế hoạch 63-{kt.CODE}-{kt.YEAR}: {kt.PROVINCE}, năm {kt.YEAR}", exact=False).first.wait_for()
        page.screenshot(path=str(SHOTS / "plan_upload_preview.png"), full_page=True)
        commit.click()
        page.get_by_text("Đã lưu kế hoạch 63-62-2023 của Kon Tum năm 2023 (5 nhiệm vụ)").wait_for()
        page.screenshot(path=str(SHOTS / "plan_upload_committed.png"), full_page=True)
        page.goto(f"{base}/overview?lang=vi&year=2023&province={kt.CODE}")
        metric = page.locator('[data-testid="stMetric"]').filter(has_text="Nhiệm vụ trong kế hoạch")
        metric.wait_for()
        assert "5" in metric.inner_text()
    except Exception:
        page.screenshot(path=str(SHOTS / "plan_upload_failure.png"), full_page=True)  # what the editor saw
        raise
    finally:
        context.close()
