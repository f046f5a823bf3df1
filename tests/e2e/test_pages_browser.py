"""Every page in a real headless Chromium: it renders, its charts draw, no error box; no WCAG 2 A/AA
violation (axe-core); readable on a 390 px phone and a 1366 px laptop (screenshots of both)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.harness import IDLE_SCRIPT, axe_violations, screenshot_whole

# (url path, the least number of Plotly charts a user must see drawn)
PAGES = [
    ("overview", 1),
    ("dimensions", 1),
    ("agencies", 1),
    ("trends", 1),
    ("evaluation", 1),
    ("tasks", 0),
    ("reports", 1),
    ("provinces", 1),
    ("plans", 0),  # Đắk Lắk has one plan in the default store: the page says a comparison needs two
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
    # On a phone the sidebar starts collapsed (hidden, but in the page).
    page.wait_for_selector('[data-testid="stSidebar"]', state="attached", timeout=timeout_ms)
    # The router draws the sidebar's choices; on a fresh server a deep link first
    # runs the page alone, which reruns itself through the router.
    page.wait_for_selector(
        '[data-testid="stSidebar"] [data-testid="stSelectbox"]', state="attached", timeout=timeout_ms
    )
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)
    page.wait_for_function(IDLE_SCRIPT, timeout=timeout_ms)
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


PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

# Where each chart's parts lie on the page, in CSS pixels: the figure, its plot area, its title and axis titles.
CHART_BOXES_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => {
    const box = el.getBoundingClientRect();
    const part = sel => {
        const node = el.querySelector(sel);
        if (!node) return null;
        const r = node.getBoundingClientRect();
        return r.width ? {left: r.left, right: r.right} : null;
    };
    return {
        title: (el.layout && el.layout.title && el.layout.title.text) || '',
        left: box.left, right: box.right,
        plot: el._fullLayout ? el._fullLayout._size.w : 0,
        geo: !!el.querySelector('.geo'),
        heatmap: (el.data || []).some(t => t.type === 'heatmap'),
        parts: {title: part('.gtitle'), xtitle: part('.g-xtitle'), ytitle: part('.g-ytitle')},
    };
})
"""


# The charts (maps aside) that plotly.js drew a second time because its automargin needed wider margins than
# the figure reserved (`charts.reserve_margins`): the counter exists only once such a redraw has happened.
REDRAWN_CHARTS_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(el => el._fullLayout && !el.querySelector('.geo'))
    .filter(el => el._fullLayout._redrawFromAutoMarginCount !== undefined)
    .map(el => (el._fullLayout.title.text || '').slice(0, 60))
"""


def _context_page(browser: object, viewport: dict[str, int]) -> object:
    context = browser.new_context(viewport=viewport, locale="vi-VN")  # type: ignore[attr-defined]
    return context.new_page()


@pytest.mark.parametrize(("url", "min_charts"), PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_accessibility_violation_on_a_laptop(
    browser: object, app_url: str, screenshot_dir: Path, url: str, min_charts: int, lang: str
) -> None:
    """axe-core's WCAG 2 A and AA rules find nothing (contrast of captions and selected pills,
    scrolling boxes a keyboard can reach, names of controls)."""
    page = _context_page(browser, LAPTOP)
    try:
        open_page(page, app_url, url, lang=lang)
        if min_charts:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        violations = axe_violations(page)
        assert violations == [], violations
        # Each chart drawn once: a second drawing doubled Overview's page switch (an empty y axis title).
        assert page.evaluate(REDRAWN_CHARTS_JS) == []
        if url == "provinces":
            # The ranking table shows its four columns whole beside the map: nothing to scroll sideways.
            overflow = page.evaluate(
                "() => { const s = document.querySelector('[data-testid=\"stDataFrame\"] .dvn-scroller');"
                " return s ? s.scrollWidth - s.clientWidth : null; }"
            )
            assert overflow is not None and overflow <= 1, overflow
        page.screenshot(path=str(screenshot_dir / f"{url}-{lang}-1366.png"))
    finally:
        page.context.close()


@pytest.mark.parametrize(("url", "min_charts"), PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_readable_on_a_phone(
    browser: object, app_url: str, screenshot_dir: Path, url: str, min_charts: int, lang: str
) -> None:
    """At 390 × 844 every chart keeps a plot area a reader can use, no title is cut at either side,
    and no accessibility rule fails either."""
    page = _context_page(browser, PHONE)
    try:
        open_page(page, app_url, url, lang=lang)
        if min_charts:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        page.screenshot(path=str(screenshot_dir / f"{url}-{lang}-390.png"))
        assert axe_violations(page) == []
        for chart in page.evaluate(CHART_BOXES_JS):
            name = chart["title"][:40]
            if not chart["geo"]:
                # Before: dimension names beside the rows left Overview's plot 80 px of a 390 px screen.
                # The agency × dimension grid keeps its agency names beside its rows: eight cells of
                # ~22 px each (a two-digit count is 14 px).
                least = 170 if chart["heatmap"] else 220
                assert chart["plot"] >= least, f"{name}: plot {chart['plot']:.0f} px wide"
            for part, box in chart["parts"].items():
                if box:
                    assert box["left"] >= chart["left"] - 1, f"{name}: {part} cut at the left"
                    assert box["right"] <= chart["right"] + 1, f"{name}: {part} cut at the right"
        if url == "overview":
            # Each group of five metrics (the plan and scores; the plan's progress) shares rows, two or three
            # to a row, rather than taking a screen of its own.
            tops = page.evaluate(
                "() => Array.from(document.querySelectorAll('[data-testid=\"stMetric\"]'))"
                ".map(m => Math.round(m.getBoundingClientRect().top))"
            )
            assert len(tops) == 10
            assert len(set(tops[:5])) <= 3, tops
            assert len(set(tops[5:])) <= 3, tops
        screenshot_whole(page, screenshot_dir / f"{url}-{lang}-390-full.png")
    finally:
        page.context.close()


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
