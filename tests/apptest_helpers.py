"""Shared AppTest steps for the page tests: start the app on a given store, reach the sidebar."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.paths import ROOT


def start_app(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Run `app.py` once on the store at `db_path` and return it (no exception on the first run)."""
    monkeypatch.setenv("PAPI_DB", str(db_path))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    return app


def language_widget(at: AppTest) -> object:
    """The sidebar's language switch (a segmented control, which AppTest lists as a ButtonGroup)."""
    return next(w for w in at.sidebar.children.values() if type(w).__name__ == "ButtonGroup")
