"""Trend, rank and map figures built from real query frames."""

from __future__ import annotations

import urllib.parse

import duckdb
import pandas as pd
import pytest

from lib.build import geo
from lib.domain.provinces import load_registry
from lib.present import charts, maps, views
from lib.store import queries
from tests.apptest_helpers import points


def _segments_of(trace: object) -> list[list[int]]:
    """Split a trace's x values at None gaps."""
    parts: list[list[int]] = [[]]
    for x in points(trace.x):
        if x is None:
            parts.append([])
        else:
            parts[-1].append(int(x))
    return [p for p in parts if p]


def _unwrapped(fig: object) -> str:
    return fig.layout.title.text.replace("<br>", " ")  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def dim1(session_store: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {
        "own": queries.trend_scores(session_store, 1, None, ("66",)),
        "peers": queries.trend_scores(session_store, 1, None, ("62", "64", "67", "68")),
        "national": queries.trend_national(session_store, 1, None),
    }


def test_dimension_1_line_breaks_in_2016_and_2018(dim1: dict[str, pd.DataFrame]) -> None:
    fig = charts.trend_figure(
        dim1["own"],
        dim1["peers"],
        dim1["national"],
        dimension=1,
        province_name="Đắk Lắk",
        measure="Tham gia của người dân ở cấp cơ sở",
        lang="vi",
    )
    own = next(trace for trace in fig.data if trace.name == "Đắk Lắk")
    xs = points(own.x)
    # A gap between 2015 and 2016, and between 2017 and 2018.
    assert xs[xs.index(2015) + 1] is None and xs[xs.index(2016) - 1] is None
    assert xs[xs.index(2017) + 1] is None and xs[xs.index(2018) - 1] is None
    assert _segments_of(own) == [list(range(2011, 2016)), [2016, 2017], list(range(2018, 2025))]
    median = next(trace for trace in fig.data if trace.name == "Trung vị cả nước")
    assert _segments_of(median) == _segments_of(own)
    # Every peer line breaks at the same places (Kon Tum etc. have all years).
    for trace in fig.data:
        if trace.name in {"Kon Tum", "Gia Lai", "Đắk Nông", "Lâm Đồng"}:
            assert all(2015 not in part or 2016 not in part for part in _segments_of(trace))
    # Each band (min-max, inter-quartile) is one shape per segment, so no fill spans a break.
    bands = [trace for trace in fig.data if trace.fill == "toself"]
    assert [band.name for band in bands] == ["Cả nước: thấp nhất – cao nhất", "Cả nước: 50% tỉnh ở giữa (tứ phân vị)"]
    for band in bands:
        shapes = _segments_of(band)
        assert [sorted(set(shape)) for shape in shapes] == [list(range(2011, 2016)), [2016, 2017],
                                                            list(range(2018, 2025))]
        assert all(shape[0] == shape[-1] for shape in shapes)  # each outline is closed
    # The inter-quartile shape of 2018-2024 runs along q3 and back along q1 of the national scores.
    national = dim1["national"].set_index("year")
    iqr_y = points(bands[1].y)
    last = iqr_y[len(iqr_y) - 15 :]
    assert last[:7] == [pytest.approx(v) for v in national.loc[2018:2024, "q3"]]
    assert last[7:14] == [pytest.approx(v) for v in national.loc[2024:2018:-1, "q1"]]
    # Dashed vertical lines mark the two breaks, between the years.
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [2015.5, 2017.5]
    assert fig.layout.yaxis.title.text == "Điểm (thang 1–10)"
    assert fig.layout.xaxis.title.text == "Năm PAPI"


def test_e_governance_title_states_the_comparable_change(session_store: duckdb.DuckDBPyConnection) -> None:
    own = queries.trend_scores(session_store, 8, None, ("66",))
    national = queries.trend_national(session_store, 8, None)
    fig = charts.trend_figure(
        own, own.iloc[0:0], national, dimension=8, province_name="Đắk Lắk", measure="Quản trị điện tử", lang="vi"
    )
    # Titles wrap (<br>) to fit a phone; the words are the same.
    assert _unwrapped(fig) == "Quản trị điện tử – Đắk Lắk: tăng từ 2,20 (2019) đến 3,55 (2024)"
    line = next(trace for trace in fig.data if trace.name == "Đắk Lắk")
    assert _segments_of(line) == [[2018], list(range(2019, 2025))]
    assert [round(y, 2) for y in points(line.y) if y is not None] == [3.07, 2.20, 2.77, 3.05, 2.89, 3.42, 3.55]
    en = charts.trend_figure(
        own, own.iloc[0:0], national, dimension=8, province_name="Đắk Lắk", measure="E-Governance", lang="en"
    )
    assert _unwrapped(en) == "E-Governance – Đắk Lắk: up from 2.20 (2019) to 3.55 (2024)"
    assert views.break_reasons(8, list(range(2018, 2025)), "en") == [
        "2019: E-Governance adds the 'E-Responsiveness' sub-dimension."
    ]


def test_missing_year_is_a_gap_not_a_bridge() -> None:
    frame = pd.DataFrame({"year": [2012, 2013, 2015], "score": [5.0, 5.1, 5.2]})
    gapped = charts.with_gaps(frame, 7)  # dimension 7 has no break
    assert list(gapped["year"]) == [2012, 2013, None, 2015]


def test_rank_figure_is_reversed_with_rank_one_on_top(dim1: dict[str, pd.DataFrame]) -> None:
    fig = charts.rank_figure(dim1["own"], dim1["peers"], dimension=1, province_name="Đắk Lắk", lang="vi")
    low, high = fig.layout.yaxis.range
    assert low > high  # reversed: 1 drawn at the top
    assert fig.layout.yaxis.title.text == "Hạng (1 = cao nhất)"
    own = next(trace for trace in fig.data if trace.name == "Đắk Lắk")
    assert None in points(own.x)
    assert _unwrapped(fig) == "Hạng của Đắk Lắk: 47/63 (2011) → 38/61 (2024)"


def test_map_draws_63_provinces_without_base_layers(session_store: duckdb.DuckDBPyConnection) -> None:
    ranking = queries.province_ranking(session_store, 2019, 8)
    features = maps.map_features(load_registry())
    fig = charts.province_map(ranking, features, geo.load_geojson(), province_code="66", title="t", lang="vi")
    (provinces,) = [trace for trace in fig.data if trace.type == "choropleth"]
    locations = list(provinces.locations)
    assert len(locations) == 63 == len(set(locations))
    assert provinces.featureidkey == "id"
    # The boundaries travel once: every other trace is a data-less legend entry.
    assert all(trace.type == "scattergeo" and list(trace.lat) == [None] for trace in fig.data if trace is not provinces)
    geo_layout = fig.layout.geo
    for layer in (
        "showland",
        "showocean",
        "showlakes",
        "showrivers",
        "showcountries",
        "showcoastlines",
        "showsubunits",
        "showframe",
    ):
        assert getattr(geo_layout, layer) is False, layer
    assert geo_layout.visible is False
    assert tuple(geo_layout.lonaxis.range) == maps.MAP_LON_RANGE
    assert tuple(geo_layout.lataxis.range) == maps.MAP_LAT_RANGE
    # Đắk Lắk is in the bottom quartile in 2019 and has the thick outline.
    index = locations.index("66")
    assert provinces.z[index] == 1
    assert provinces.customdata[index][4] == "Nhóm điểm thấp nhất"
    assert "Nhóm điểm thấp nhất" in [trace.name for trace in fig.data]
    assert provinces.marker.line.width[index] == 3
    assert provinces.customdata[index][3] == "59/63"


def test_map_config_never_fetches_the_world_topojson() -> None:
    url = charts.GEO_CONFIG["topojsonURL"]
    assert url.startswith("data:application/json,") and url.endswith("#")
    body = urllib.parse.unquote(url[len("data:application/json,") : -1])
    assert '"type": "Topology"' in body
    assert "http" not in url


def test_map_greys_provinces_without_score(session_store: duckdb.DuckDBPyConnection) -> None:
    ranking = queries.province_ranking(session_store, 2024, 0)
    features = maps.map_features(load_registry())
    fig = charts.province_map(ranking, features, geo.load_geojson(), province_code="66", title="t", lang="en")
    (provinces,) = [trace for trace in fig.data if trace.type == "choropleth"]
    assert list(provinces.z).count(0) == 63 - 61
    assert "No score" in [trace.name for trace in fig.data]
    assert views.provinces_without_score(ranking, features) == ["Vĩnh Phúc", "Tiền Giang"]


def test_selected_code_reads_customdata_or_location() -> None:
    assert views.selected_code([{"customdata": ["66", "Đắk Lắk"], "location": "66"}]) == "66"
    assert views.selected_code([{"location": "62"}]) == "62"
    assert views.selected_code([]) is None


def test_data_text_is_not_html(session_store: duckdb.DuckDBPyConnection) -> None:
    own = queries.trend_scores(session_store, 8, None, ("66",))
    national = queries.trend_national(session_store, 8, None)
    fig = charts.trend_figure(
        own, own.iloc[0:0], national, dimension=8, province_name="<b>X</b>", measure="m", lang="en"
    )
    assert "<b>X</b>" not in fig.layout.title.text
    assert "&lt;b&gt;X&lt;/b&gt;" in fig.layout.title.text
