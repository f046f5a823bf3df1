"""Browser measurements in a real headless Chromium (Playwright, async API).

How "done" is decided, identically for the real app and its floor:
- Streamlit's `stApp` element carries `data-test-script-state`; the script has
  finished when it reads `notRunning` (and, for an action, after it has been
  something else since the action began, or the URL changed: a fast rerun may
  never render "running", but every measured action changes the path or the
  year in the query string);
- every `stPlotlyChart` on the page has drawn its `.main-svg`, and at least the
  number of charts counted for that page in that state are there;
- the DOM outside the header has been quiet for `QUIET_MS`.
The figure reported is the time of the last DOM mutation before the quiet
window, measured in the page's own clock from the action's first input event
(pointerdown / keydown) or, for a first load, from the navigation start.  The
quiet window itself is not counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, Playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from lib import local_server

# The same Chromium and flags as the browser tests, plus: several contexts measure
# side by side, and none may be throttled as a background window.
CHROMIUM_ARGS = [
    *local_server.CHROMIUM_ARGS,
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
VIEWPORT = {"width": 1366, "height": 768}
QUIET_MS = 300
ACTION_TIMEOUT_MS = 60_000
STEP_TIMEOUT_MS = 8_000

INIT_SCRIPT = """
(() => {
  const B = window.__bench = {t0: null, armed: false, last: performance.now(), sawRunning: false};
  const ignored = '[data-testid="stHeader"], [data-testid="stStatusWidget"], [data-testid="stToolbar"]';
  // Kept cheap on purpose: a chart's drawing is thousands of mutations, and work done here per
  // mutation would be counted in the page's time.  Only the newest record that lies outside the
  // header matters, so the batch is read from its end and the scan stops at the first such record.
  const obs = new MutationObserver((list) => {
    const now = performance.now();
    for (const m of list) {
      if (m.type === 'attributes' && m.attributeName === 'data-test-script-state') {
        if (m.target.getAttribute('data-test-script-state') !== 'notRunning') B.sawRunning = true;
        B.last = now;
      }
    }
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i];
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (el && el.closest && el.closest(ignored)) continue;
      B.last = now;
      B.lastRecord = m;  // described only when a wait fails (STATE_JS)
      break;
    }
  });
  const start = () => obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  start();
  const arm = () => { if (B.armed && B.t0 === null) { B.t0 = performance.now(); B.armed = false; } };
  window.addEventListener('pointerdown', arm, true);
  window.addEventListener('keydown', arm, true);
})();
"""

SKELETONS = '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]'
DONE_JS = """
([expected, quiet, needRun]) => {
  const B = window.__bench;
  const SKELETONS = '%s';
  const app = document.querySelector('[data-testid="stApp"]');
  if (!B || !app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  // A fast rerun may never render "running"; every measured action also changes the URL (path or year).
  if (needRun && !B.sawRunning && location.href === B.href0) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const drawn = charts.filter(c => c.querySelector('.main-svg')).length;
  if (drawn < charts.length) return false;
  // Lazy-loaded element code still on its way: placeholders are showing.
  if (document.querySelector(SKELETONS)) return false;
  const quietFor = performance.now() - B.last;
  // Fewer charts than counted, and nothing has moved for 10 s: the page shows something else now.
  if (drawn < expected) return quietFor >= 10000 ? 'mismatch ' + drawn : false;
  return quietFor >= quiet;
}
"""
DONE_JS = DONE_JS.replace("%s", SKELETONS)

RAN_JS = "() => window.__bench.sawRunning || location.href !== window.__bench.href0"
ARM_JS = (
    "() => { const B = window.__bench; B.t0 = null; B.sawRunning = false; B.href0 = location.href; B.armed = true; }"
)

COUNT_JS = """
() => {
  const vh = window.innerHeight;
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const drawn = charts.filter(c => c.querySelector('.main-svg'));
  const tables = [...document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]')];
  const exc = document.querySelectorAll('[data-testid="stException"]').length;
  return {
    charts: drawn.length,
    charts_visible: drawn.filter(visible).length,
    charts_first_view: drawn.filter(c => visible(c) && c.getBoundingClientRect().top < vh).length,
    tables: tables.length,
    exceptions: exc,
    nav_titles: [...document.querySelectorAll('[data-testid="stSidebarNav"] a')].map(
      a => a.innerText.trim().split(String.fromCharCode(10)).filter(Boolean).pop() || ''),
    dialogs: [...document.querySelectorAll('[role="dialog"]')].map(d => d.innerText.trim().slice(0, 200)),
    elements: ELEMENTS_JS(),
  };
}
"""
# The page's other elements by kind (what a floor that mirrors the whole page would draw):
# every element in the main area outside a closed expander, by its Streamlit test id, plus
# the expanders and tab bars themselves.  Charts and tables are counted above.
ELEMENTS_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const kinds = {};
  if (!main) return kinds;
  for (const el of main.querySelectorAll('[data-testid="stElementContainer"]')) {
    if (el.closest('details:not([open])')) continue;
    const probe = el.querySelector('[data-testid]');
    const kind = probe ? probe.dataset.testid : '?';
    kinds[kind] = (kinds[kind] || 0) + 1;
  }
  for (const kind of ['stExpander', 'stTabs']) {
    const n = main.querySelectorAll('[data-testid="' + kind + '"]').length;
    if (n) kinds[kind] = n;
  }
  return kinds;
}
"""
COUNT_JS = COUNT_JS.replace("ELEMENTS_JS()", "(" + ELEMENTS_JS.strip() + ")()")


async def launch(pw: Playwright) -> Browser:
    return await pw.chromium.launch(executable_path=local_server.CHROMIUM, args=CHROMIUM_ARGS)


async def new_context(browser: Browser) -> BrowserContext:
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(INIT_SCRIPT)
    return context


STATE_JS = """
() => {
  const B = window.__bench || {};
  const describe = (m) => {
    if (!m) return '?';
    const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    if (!el) return '?';
    const owner = el.closest && el.closest('[data-testid]');
    return el.tagName + '.' + (el.getAttribute('class') || '').slice(0, 60) + ' in ' +
      (owner ? owner.dataset.testid : '?') + ' ' + m.type + (m.attributeName ? ':' + m.attributeName : '');
  };
  const app = document.querySelector('[data-testid="stApp"]');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return {state: app && app.getAttribute('data-test-script-state'), sawRunning: B.sawRunning,
          charts: charts.length, drawn: charts.filter(c => c.querySelector('.main-svg')).length,
          quiet_ms: Math.round(performance.now() - B.last), last_target: describe(B.lastRecord),
          url: location.pathname};
}
"""


class NotDone(Exception):
    """The page did not reach "done" in time; the message says where it stood."""


async def wait_done(page: Page, expected: int, need_run: bool, timeout_ms: int = ACTION_TIMEOUT_MS) -> None:
    try:
        handle = await page.wait_for_function(DONE_JS, arg=[expected, QUIET_MS, need_run], timeout=timeout_ms,
                                              polling=50)  # fmt: skip
        outcome = await handle.json_value()
        if isinstance(outcome, str) and outcome.startswith("mismatch"):
            raise NotDone(f"{outcome.split()[1]} charts drawn where {expected} were counted (the page changed?)")
    except PlaywrightTimeoutError:
        state = {}
        with contextlib.suppress(Exception):
            state = await page.evaluate(STATE_JS)
        raise NotDone(f"not done after {timeout_ms / 1000:.0f} s (expected {expected} charts): {state}") from None


async def elapsed_since_t0(page: Page) -> float:
    """Seconds from the armed input event to the last mutation before quiet."""
    value = await page.evaluate("() => window.__bench.t0 === null ? null : window.__bench.last - window.__bench.t0")
    if value is None:
        raise RuntimeError("the action's input event was not seen")
    return float(value) / 1000.0


def page_url(base: str, url_path: str, query: str) -> str:
    return f"{base}/{url_path}?{query}"


async def calibrate(browser: Browser, base: str, url_path: str, query: str, shot: str | None = None,
                    quiet_ms: int = 2000) -> dict[str, Any]:  # fmt: skip
    """Load a page once, let it settle fully (`quiet_ms` without any DOM change) and count what it shows."""
    context = await new_context(browser)
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(page_url(base, url_path, query), wait_until="commit", timeout=ACTION_TIMEOUT_MS)
        await page.wait_for_function(DONE_JS, arg=[0, quiet_ms, False], timeout=ACTION_TIMEOUT_MS, polling=100)
        counts = await page.evaluate(COUNT_JS)
        counts["settle_s"] = time.perf_counter() - started
        if shot:
            await page.screenshot(path=shot, full_page=True)
        return counts
    finally:
        await context.close()


async def first_load(browser: Browser, base: str, url_path: str, query: str, expected: int) -> float:
    """A first load in a fresh browser context, until every chart has drawn and the page is quiet."""
    context = await new_context(browser)
    try:
        page = await context.new_page()
        await page.goto(page_url(base, url_path, query), wait_until="commit", timeout=ACTION_TIMEOUT_MS)
        await wait_done(page, expected, need_run=False)
        return float(await page.evaluate("() => window.__bench.last")) / 1000.0
    finally:
        await context.close()


@dataclass
class Session:
    """One user's browser tab on one server."""

    browser: Browser
    base: str
    query: str
    context: BrowserContext | None = None
    page: Page | None = None
    current: str = ""
    log: list[str] = field(default_factory=list)

    async def open(self, url_path: str, expected: int) -> None:
        self.context = await new_context(self.browser)
        self.page = await self.context.new_page()
        await self.page.goto(page_url(self.base, url_path, self.query), wait_until="commit", timeout=ACTION_TIMEOUT_MS)
        await wait_done(self.page, expected, need_run=False)
        self.current = url_path

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()
            self.context = None

    async def _arm(self) -> None:
        assert self.page is not None
        await self.page.evaluate(ARM_JS)

    async def switch_to(self, url_path: str, expected: int) -> float:
        """Click the sidebar navigation link of `url_path`; seconds until its charts have drawn."""
        assert self.page is not None
        nav = self.page.locator('[data-testid="stSidebarNav"]')
        await nav.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
        link = nav.locator(f'a[href="{self.base}/{url_path}"]')
        if await link.count() == 0:  # st.navigation gives the default page the bare root address
            link = nav.locator(f'a[href="{self.base}/"]')
        link = link.first
        await self._arm()
        await link.click(timeout=STEP_TIMEOUT_MS)
        await wait_done(self.page, expected, need_run=True)
        self.current = url_path
        return await elapsed_since_t0(self.page)

    async def choose(self, widget_index: int, option_text: str, expected: int) -> float:
        """Pick `option_text` in the sidebar's `widget_index`-th selectbox; seconds until the page has redrawn.

        Opening the dropdown is not timed; the time starts at the pointer press on the option.  A dropdown
        that closed again before the option could be clicked is reopened (at most three attempts).
        """
        assert self.page is not None
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(widget_index)
        combo = box.locator('[role="combobox"]')
        for attempt in range(3):
            await self.page.keyboard.press("Escape")
            await combo.click(timeout=STEP_TIMEOUT_MS)
            option = self.page.get_by_role("option", name=option_text, exact=True).first
            try:
                await option.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
                await self.page.wait_for_timeout(150)  # let the dropdown finish opening before aiming at it
                await self._arm()
                await option.click(timeout=STEP_TIMEOUT_MS)
                # The choice must start a rerun; a click that missed (dropdown moved or closed) is retried.
                await self.page.wait_for_function(RAN_JS, timeout=5_000, polling=20)
                break
            except Exception:
                if attempt == 2:
                    raise
        await wait_done(self.page, expected, need_run=True)
        return await elapsed_since_t0(self.page)

    async def screenshot(self, path: str) -> None:
        if self.page is not None:
            with contextlib.suppress(Exception):  # diagnostics only
                await self.page.screenshot(path=path)


async def gather_bounded(*coros: Any) -> list[Any]:
    return list(await asyncio.gather(*coros))
