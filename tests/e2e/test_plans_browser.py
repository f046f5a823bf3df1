"""Browser test: the Compare plans page of a province with two plans (tests/stored_plans.py) in a real
Chromium at 1366 and 390 px: it draws both charts and the tables, shows no error, passes axe-core's
WCAG 2 A/AA rules and keeps a usable plot width on a phone.  Screenshots: plans-compare-1366.png,
plans-compare-390.png (whole page) in the screenshot folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import stored_plans as s
from tests.e2e.harness import axe_violations, screenshot_whole, streamlit_server
from tests.e2e.test_pages_browser import CHART_BOXES_JS, LAPTOP, PHONE, charts, wait_until_idle


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("plans-e2e") / "papi.duckdb"
    s.add_sample_plans(db)
    with streamlit_server({"PAPI_DB": str(db)}) as base:
        yield base


@pytest.mark.parametrize(("viewport", "name"), [(LAPTOP, "1366"), (PHONE, "390")])
def test_the_comparison_page_in_the_browser(browser: object, server: str, screenshot_dir: Path,
                                            viewport: dict[str, int], name: str) -> None:
    context = browser.new_context(viewport=viewport, locale="vi-VN")  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(f"{server}/plans?lang=vi&province={s.PROVINCE_CODE}&year=2024", wait_until="domcontentloaded")
        wait_until_idle(page)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator("h1").first.inner_text().strip() == "So sánh kế hoạch: Kon Tum"
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "4 nhiệm vụ giữ lại (trong đó 2 được viết lại), 2 nhiệm vụ mới, 3 nhiệm vụ bỏ" in main
        drawn = charts(page)
        # Two charts, each with the two plans' bars (and the trace of the row labels above the bars).
        assert len(drawn) == 2 and all(c["drawn"] and c["traces"] == 3 for c in drawn), drawn
        assert axe_violations(page) == []
        for chart in page.evaluate(CHART_BOXES_JS):
            assert chart["plot"] >= 220, chart  # the row labels sit above the bars, not beside them
            for part, box in chart["parts"].items():
                if box:
                    assert chart["left"] - 1 <= box["left"] and box["right"] <= chart["right"] + 1, part
        screenshot_whole(page, screenshot_dir / f"plans-compare-{name}.png")
    finally:
        context.close()
