"""Every page in a real headless Chromium: it renders, its charts draw, no error box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# (url path, the least number of Plotly charts a user must see drawn)
PAGES = [
    ("overview", 1),
    ("dimensions", 1),
    ("agencies", 1),
    ("trends", 1),
    ("tasks", 0),
    ("provinces", 1),
    ("upload", 0),
]
QUERY = "?lang={lang}&province=66&year={year}"
DEFAULT_PAGE = "overview"

# The plotly graph div carries its figure: count the traces that hold data.
DRAWN_CHARTS_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
    traces: (el.data || []).length,
    drawn: !!el.querySelector('.main-svg'),
    title: (el.layout && el.layout.title && el.layout.title.text) || '',
}))
"""


def wait_until_idle(page: object, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script and drawing."""
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=timeout_ms)
    # The router draws the sidebar's choices; on a fresh server a deep link first
    # runs the page alone, which reruns itself through the router.
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSelectbox"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] [data-testid=\"stStatusWidgetRunningIcon\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(800)  # let Plotly finish its first paint after the last delta


def open_page(page: object, base: str, url: str, lang: str = "vi", year: int = 2024) -> None:
    # Streamlit serves the default page at the root; its url_path is not an address.
    address = "" if url == DEFAULT_PAGE else url
    page.goto(f"{base}/{address}{QUERY.format(lang=lang, year=year)}", wait_until="domcontentloaded")
    wait_until_idle(page)


def charts(page: object) -> list[dict[str, object]]:
    return page.evaluate(DRAWN_CHARTS_JS)


@pytest.mark.parametrize(("url", "min_charts"), PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_renders_with_drawn_charts_and_no_error(
    page: object, app_url: str, screenshot_dir: Path, url: str, min_charts: int, lang: str
) -> None:
    open_page(page, app_url, url, lang=lang)
    if min_charts:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    error_alerts = page.locator('[data-testid="stAlertContentError"]')
    assert error_alerts.count() == 0, error_alerts.first.inner_text()
    drawn = charts(page)
    assert len(drawn) >= min_charts
    for chart in drawn:
        assert chart["drawn"], chart
        assert chart["traces"] > 0, f"empty chart: {chart['title']}"
    heading = page.locator("h1").first.inner_text()
    assert heading.strip()
    if lang == "vi":
        # Vietnamese UI: the sidebar's labels are in Vietnamese.
        assert "Tỉnh/thành phố" in page.locator('[data-testid="stSidebar"]').inner_text()
    else:
        assert "Province" in page.locator('[data-testid="stSidebar"]').inner_text()
    page.screenshot(path=str(screenshot_dir / f"{url}-{lang}.png"), full_page=True)


def test_state_survives_page_switch(page: object, app_url: str) -> None:
    open_page(page, app_url, "overview", year=2019)
    page.locator('[data-testid="stSidebarNav"] a', has_text=re.compile("Xu hướng")).first.click()
    wait_until_idle(page)
    assert "/trends" in page.url
    assert "year=2019" in page.url
    assert "province=66" in page.url


def test_search_without_diacritics_in_the_browser(page: object, app_url: str, screenshot_dir: Path) -> None:
    open_page(page, app_url, "tasks")
    box = page.get_by_label("Tìm nhiệm vụ")
    box.fill("tiep cong dan")
    box.press("Enter")
    wait_until_idle(page)
    page.wait_for_function("() => document.body.innerText.includes('Đang hiển thị 4/85 nhiệm vụ')", timeout=30_000)
    page.screenshot(path=str(screenshot_dir / "tasks-search.png"))


def test_click_a_dimension_on_the_effort_chart_shows_its_tasks(
    page: object, app_url: str, screenshot_dir: Path
) -> None:
    open_page(page, app_url, "dimensions", year=2019)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .points path", timeout=30_000)
    # Click the point of dimension 2 (Công khai, minh bạch: 20 tasks) where Plotly drew it.
    target = page.evaluate(
        """() => {
            const el = document.querySelector('.js-plotly-plot');
            const layout = el._fullLayout;
            // calcdata holds decoded numbers (trace.x may be a binary-encoded array).
            for (const points of el.calcdata) {
                const point = points.find(p => p.data && String(p.data[0]) === 'd2')
                    || points.find((p, i) => {
                        const custom = points[0].trace.customdata;
                        return custom && custom[i] && String(custom[i][0]) === 'd2';
                    });
                if (point) {
                    const box = el.getBoundingClientRect();
                    return {
                        x: box.left + layout._size.l + layout.xaxis.d2p(point.x),
                        y: box.top + layout._size.t + layout.yaxis.d2p(point.y),
                    };
                }
            }
            return null;
        }"""
    )
    assert target is not None
    page.mouse.click(target["x"], target["y"])
    wait_until_idle(page)
    page.wait_for_function(
        "() => document.body.innerText.includes('Nhiệm vụ của “Công khai, minh bạch”: 20')", timeout=30_000
    )
    page.screenshot(path=str(screenshot_dir / "dimensions-drilldown.png"), full_page=True)


def test_map_draws_every_province_without_leaving_this_machine(
    page: object, app_url: str, screenshot_dir: Path
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, app_url, "provinces", year=2019)
    page.wait_for_function(
        "() => document.querySelectorAll('.choroplethlayer path.choroplethlocation').length >= 63", timeout=30_000
    )
    outside = [url for url in requested if not url.startswith((app_url, "data:", "blob:"))]
    assert outside == []
    assert any(url.endswith("/app/static/vn63_provinces.geojson") for url in requested)
    page.screenshot(path=str(screenshot_dir / "provinces-map-2019.png"))
