"""The province map's runtime facts: which areas the boundary file draws and its fixed view.

Its attribution, shown under every map, is the catalogue's `geo_attribution` (`lib.domain.i18n`).

The boundary file itself (`static/vn63_provinces.geojson`) is built by `scripts/build_data.py`
(`lib/build/geo.py`) and fetched by the browser; the server never reads it.
"""

from __future__ import annotations

import pandas as pd

from lib.domain import eras

# The boundary file's extent (longitude, latitude), rounded outwards to 0.05 degree: the
# map's fixed view.  Letting Plotly fit the view to the shapes instead costs a pass over
# every vertex at each drawing (measured: a first drawing 144 ms -> 40 ms).
# tests/test_geo.py holds the file inside it.
MAP_LON_RANGE = (102.1, 117.0)
MAP_LAT_RANGE = (6.95, 23.4)


def map_features(registry: pd.DataFrame) -> list[tuple[str, str]]:
    """Return (code, Vietnamese name) of every area the boundary file draws, in code order.

    These are the registry's 63-era provinces: the boundary file is built with
    exactly those ids and names (tests/test_geo.py holds it to that), so the app
    reads the small registry instead of parsing the whole boundary file.
    """
    units = registry[registry["era"] == eras.ERA_63].sort_values("code")
    return list(zip(units["code"].astype(str), units["name_vi"].astype(str), strict=True))
