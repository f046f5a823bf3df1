"""Shared AppTest steps for the page tests: start the app on a given store, reach the sidebar."""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain.paths import ROOT


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


def points(values: Any) -> list[Any]:
    """A trace's values as the browser reads them: typed arrays decoded, NaN (a gap) as None.

    Numeric traces travel as Plotly typed arrays (`{"dtype", "bdata", "shape"}`,
    base64), or are NumPy arrays in a figure object; both come back as plain
    lists, rows for a two-dimensional array.
    """
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        if "shape" in values:
            array = array.reshape([int(n) for n in str(values["shape"]).split(",")])
        values = array
    return [_plain(value) for value in (values.tolist() if isinstance(values, np.ndarray) else list(values))]


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    return value


def figures(at: AppTest) -> list[dict]:
    """Every Plotly chart on the page as the JSON spec sent to the browser."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
