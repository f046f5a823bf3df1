"""Start the real app on a free loopback port for the browser tests (the server and Chromium settings are
`lib.local_server`'s, shared with the benchmark)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lib.domain import paths
from lib.local_server import CHROMIUM, CHROMIUM_ARGS, Server

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "IDLE_SCRIPT",
    "SCREENSHOT_DIR",
    "axe_violations",
    "screenshot_whole",
    "streamlit_server",
    "wait_idle",
]

# WCAG 2.0 and 2.1, levels A and AA: the rules an axe-core check of a page applies.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

SCREENSHOT_DIR = Path(os.environ.get("PAPI_SCREENSHOTS", paths.ROOT / "artifacts" / "screenshots"))


@contextmanager
def streamlit_server(env: dict[str, str], log_dir: Path | None = None) -> Iterator[str]:
    """Run `streamlit run app.py` with `env` added; yield its base URL; stop it afterwards.

    The server's output goes to `log_dir/server-app.log` (a temporary folder, removed afterwards, by default)."""
    with tempfile.TemporaryDirectory(prefix="papi-e2e-") as spare:
        server = Server("app", paths.ROOT / "app.py", env).start(log_dir or Path(spare))
        try:
            yield server.url
        finally:
            server.stop()


IDLE_SCRIPT = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"] [data-testid=\"stStatusWidgetRunningIcon\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)


def wait_idle(page: object, timeout_ms: int = 60_000) -> None:
    """Wait until the app has finished the run a widget started: the running icon is gone. A test that
    goes on to the next widget while a run is still going can have its input replaced by that run."""
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # the run a keypress starts shows its icon first
    page.wait_for_function(IDLE_SCRIPT, timeout=timeout_ms)  # type: ignore[attr-defined]


def axe_violations(page: object) -> list[dict[str, object]]:
    """Run axe-core (from the axe-playwright-python package) on the page; its WCAG 2 A/AA violations,
    each as rule id, impact and the first elements it names."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]],
         "summary": v["nodes"][0]["failureSummary"] if v["nodes"] else ""}
        for v in results.response["violations"]
    ]


def screenshot_whole(page: object, path: Path) -> None:
    """A screenshot of the whole page at the viewport's width: Streamlit scrolls its main area, not the
    document, so a full-page screenshot shows one screen; the viewport is made as tall as the page."""
    size = page.viewport_size  # type: ignore[attr-defined]
    height = page.evaluate(  # type: ignore[attr-defined]
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 8000)})  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]  # Plotly redraws at the new size
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    page.set_viewport_size(size)  # type: ignore[attr-defined]
