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

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "SCREENSHOT_DIR", "streamlit_server"]

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
