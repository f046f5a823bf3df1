"""Figures and display tables of the overview, dimensions and agencies pages: titles state the finding."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from lib.present import charts, formatting, tables, views
from lib.store import database, queries
from tests import facts

DAK_LAK = "66"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(tmp_path_factory.mktemp("workload_charts") / "papi.duckdb")
    yield connection
    connection.close()


def _title(fig: object) -> str:
    return fig.layout.title.text.replace("<br>", " ")  # type: ignore[attr-defined]


def test_profile_title_names_the_weakest_dimension(con: duckdb.DuckDBPyConnection) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2019)
    vi = _title(charts.dimension_profile_figure(profile, "vi", "Đắk Lắk", 2019))
    assert vi == "Đắk Lắk 2019: 7/8 nội dung dưới trung vị toàn quốc; yếu nhất: Quản trị điện tử (hạng 59/63)"
    en = _title(charts.dimension_profile_figure(profile, "en", "Đắk Lắk", 2019))
    assert en.startswith("Đắk Lắk 2019: 7 of 8 dimensions below the national median; weakest: E-Governance")


def test_profile_shows_absent_dimensions_as_notes_not_points(con: duckdb.DuckDBPyConnection) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2017)
    fig = charts.dimension_profile_figure(profile, "en", "Đắk Lắk", 2017)
    notes = [a.text for a in fig.layout.annotations]
    assert notes == ["no score in 2017", "no score in 2017"]
    plotted = [y for trace in fig.data if trace.name and "quartile" in trace.name for y in trace.y]
    assert len(plotted) == 6
    assert views.absent_dimensions(profile) == "7, 8"


def test_tasks_per_dimension_title(con: duckdb.DuckDBPyConnection) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2020)
    fig = charts.tasks_per_dimension_figure(profile, "vi", 2020)
    assert _title(fig) == (
        "Nhiều nhiệm vụ nhất: Công khai, minh bạch và Cung ứng dịch vụ công (20); "
        "ít nhất: Thủ tục hành chính công (4)"
    )
    assert list(fig.data[0].x) == [6, 20, 12, 13, 4, 20, 5, 5]


def test_effort_quadrant_2019_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    points = views.effort_points(queries.dimension_profile(con, DAK_LAK, 2019), "dimension", "en")
    assert points.attrs["median_effort"] == 9.0
    weak = points.loc[points["weak_underserved"], "id"].tolist()
    assert sorted(weak) == ["d1", "d5", "d7", "d8"]
    fig = charts.effort_score_figure(points, "en", "dimension", 2019)
    assert _title(fig).startswith("4 weak and under-served dimension(s): E-Governance")
    assert any("Weak and under-served" in a.text for a in fig.layout.annotations)


def test_weak_subdimensions_without_tasks_2019(con: duckdb.DuckDBPyConnection) -> None:
    table = tables.weak_without_tasks(queries.subdimension_profile(con, DAK_LAK, 2019), "en")
    assert table["Sub-dimension"].tolist() == [
        "5.1 Certification Procedures",
        "5.3 Land Title Procedures",
        "5.4 Personal Procedures at Commune Level",
    ]
    assert table["Whole-dimension tasks"].tolist() == [4, 4, 4]
    assert tables.weak_without_tasks(queries.subdimension_profile(con, DAK_LAK, 2024), "en").empty


def test_agency_figures(con: duckdb.DuckDBPyConnection) -> None:
    load = queries.agency_load(con, DAK_LAK, "63")
    fig = charts.agency_load_figure(load, "en")
    assert _title(fig) == "Thanh tra tỉnh leads the most tasks (12); UBND cấp huyện implements the most (64)"
    matrix = queries.agency_dimension_matrix(con, DAK_LAK, "63", "any")
    heat = charts.agency_dimension_figure(matrix, list(load["agency"]), "en")
    assert _title(heat) == "Heaviest pair: UBND cấp huyện – Transparency in Local Decision-making (19 tasks)"
    wide = tables.matrix_table(matrix, list(load["agency"]), "en")
    assert wide.shape == (28, 9)


def test_history_title_counts_years_above_median(con: duckdb.DuckDBPyConnection) -> None:
    history = queries.score_history(con, DAK_LAK, 8, None)
    fig = charts.score_history_figure(history, "en", "E-Governance", "Đắk Lắk", "Score")
    assert _title(fig) == "E-Governance: Đắk Lắk above the national median in 3 of 7 years"
    # One line per comparability segment: 2018 stands alone (E-Responsiveness added in 2019).
    province_traces = [t for t in fig.data if t.name == "Đắk Lắk"]
    assert [list(t.x) for t in province_traces][0] == [2018]


def test_data_text_is_escaped_for_plotly_and_markdown() -> None:
    assert formatting.plain("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert formatting.unescape(formatting.plain("A <B> & C")) == "A <B> & C"
    assert formatting.markdown_safe("*bold* [link](x)") == "\\*bold\\* \\[link\\]\\(x\\)"


def test_total_metrics_texts(con: duckdb.DuckDBPyConnection) -> None:
    texts = views.total_metrics(queries.total_with_change(con, DAK_LAK, 2019), "vi", 2019)
    assert texts["total"] == facts.vi_decimal(facts.TOTAL_2019)
    assert texts["rank"] == f"{facts.RANK_2019}/{facts.RANKED_2019}"
    assert texts["total_delta"] == "-1,25 so với 2018" and texts["rank_delta"] == "-9 bậc so với 2018"
    across_break = views.total_metrics(queries.total_with_change(con, DAK_LAK, 2018), "en", 2018)
    assert across_break["total_delta"] is None and "2018" in str(across_break["note"])


def test_number_formats(con: duckdb.DuckDBPyConnection) -> None:
    row = queries.lead_concentration(con, DAK_LAK, "63")
    texts = views.concentration_texts(row, "vi")
    assert texts["top_share"] == "38%" and texts["effective"] == "11,8"


def test_margins_reserved_for_the_longest_agency_name(con: duckdb.DuckDBPyConnection) -> None:
    """The agency grid starts wide enough for its longest (wrapped) name, so Plotly draws it once; the
    load chart writes its names above the bars and keeps its left margin small."""
    load = queries.agency_load(con, DAK_LAK, "63")
    fig = charts.agency_load_figure(load, "vi")
    assert fig.layout.yaxis.showticklabels is False
    assert fig.layout.margin.l < 40
    matrix = queries.agency_dimension_matrix(con, DAK_LAK, "63", "any")
    heat = charts.agency_dimension_figure(matrix, list(load["agency"]), "vi")
    longest = max(len(line) for label in heat.data[0].y for line in label.split("<br>"))
    assert longest == 20  # names are wrapped at 20 characters
    assert heat.layout.margin.l >= longest * 11 * charts.CHAR_EM
    # The dimension names stand vertically under the heatmap; its cells print their counts, no colour bar.
    assert heat.layout.margin.b >= max(len(x) for x in heat.data[0].x) * 12 * charts.CHAR_EM
    assert heat.data[0].showscale is False and heat.layout.margin.r < 60


def test_reserved_margins_only_widen() -> None:
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(margin={"l": 400, "r": 5, "b": 300})
    charts.reserve_margins(fig)
    assert (fig.layout.margin.l, fig.layout.margin.b) == (400, 300)
    assert fig.layout.margin.r > 5  # the last tick label overhangs the right edge


def test_drill_options_list_each_dimension_then_its_subdimensions(con: duckdb.DuckDBPyConnection) -> None:
    dims = queries.dimension_profile(con, DAK_LAK, 2019)
    subs = queries.subdimension_profile(con, DAK_LAK, 2019)
    options = views.drill_options(dims, subs, "en")
    ids = list(options)
    assert ids[0] == "d1" and ids.count("d8") == 1
    assert len(ids) == 8 + len(subs)
    # Every sub-dimension sits after its own dimension and before the next one.
    eighth = ids.index("d8")
    assert options["e_responsiveness"].startswith("    8.")
    assert ids.index("e_responsiveness") > eighth
    labels = [options[i] for i in ids[1 : ids.index("d2")]]
    assert [label.split()[0] for label in labels] == [f"1.{n}" for n in range(1, len(labels) + 1)]
