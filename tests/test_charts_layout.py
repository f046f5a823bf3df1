"""Figures and tables as a phone and a Vietnamese reader see them: decimal commas everywhere,
charts whose plot keeps the width of a 360 px screen, titles that are never wider than it,
missing values shown as "—" and never as 0 or "None"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.domain import paths
from lib.present import charts, tables, views
from lib.store import database, queries

DAK_LAK = "66"
PEERS = ("62", "64", "67", "68")
# A phone 360 px wide leaves Streamlit's chart about 330 px: a plot must keep 250 px of it.
PHONE_FIGURE_PX = 330
PHONE_PLOT_PX = 250


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(tmp_path_factory.mktemp("layout_charts") / "papi.duckdb")
    yield connection
    connection.close()


def _published(year: int, dimension: int) -> float:
    """Đắk Lắk's published score (data/papi_scores.csv), independent of the store and its queries."""
    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": "string", "subdimension": "Int64"})
    row = scores[
        (scores["province_code"] == DAK_LAK) & (scores["year"] == year) & (scores["dimension"] == dimension)
        & scores["subdimension"].isna()
    ]
    return float(row["score"].iloc[0])


def _figures(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, Callable[[], go.Figure]]:
    """Every figure the pages draw, built from real query frames (Đắk Lắk, 2019)."""
    profile = queries.dimension_profile(con, DAK_LAK, 2019)
    subs = queries.subdimension_profile(con, DAK_LAK, 2019)
    own = queries.trend_scores(con, 1, None, (DAK_LAK,))
    peers = queries.trend_scores(con, 1, None, PEERS)
    national = queries.trend_national(con, 1, None)
    ranking = queries.province_ranking(con, 2019, 0)
    load = queries.agency_load(con, DAK_LAK, "63")
    matrix = queries.agency_dimension_matrix(con, DAK_LAK, "63", "any")
    history = queries.score_history(con, DAK_LAK, 8, None)
    return {
        "profile": lambda: charts.dimension_profile_figure(profile, lang, "Đắk Lắk", 2019),
        "tasks": lambda: charts.tasks_per_dimension_figure(profile, lang, 2019),
        "effort": lambda: charts.effort_score_figure(views.effort_points(subs, "subdimension", lang), lang,
                                                     "subdimension", 2019),
        "history": lambda: charts.score_history_figure(history, lang, "E-Governance", "Đắk Lắk", "Score"),
        "trend": lambda: charts.trend_figure(own, peers, national, dimension=1, province_name="Đắk Lắk",
                                             measure="Participation", lang=lang),
        "rank": lambda: charts.rank_figure(own, peers, dimension=1, province_name="Đắk Lắk", lang=lang),
        "ranking_bar": lambda: charts.ranking_bar(ranking, province_code=DAK_LAK, title="Ranking", measure="Total",
                                                  lang=lang),
        "map": lambda: charts.province_map(ranking, [(DAK_LAK, "Đắk Lắk")], {"type": "FeatureCollection",
                                           "features": []}, province_code=DAK_LAK, title="Map", lang=lang),
        "agency_load": lambda: charts.agency_load_figure(load, lang),
        "agency_matrix": lambda: charts.agency_dimension_figure(matrix, list(load["agency"]), lang),
    }


FIGURES = ["profile", "tasks", "effort", "history", "trend", "rank", "ranking_bar", "map", "agency_load",
           "agency_matrix"]


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_every_figure_writes_decimals_in_the_language_of_the_interface(
    con: duckdb.DuckDBPyConnection, name: str, lang: str, separators: str
) -> None:
    # Plotly applies `separators` to its axes and to every "%{y:.2f}" of a hover text.
    fig = _figures(con, lang)[name]()
    assert fig.layout.separators == separators


def _lines(text: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in re.split(r"<br\s*/?>", text or "")]


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_titles_fit_a_phone(con: duckdb.DuckDBPyConnection, name: str, lang: str) -> None:
    fig = _figures(con, lang)[name]()
    # 40 characters of a 16 px title are about 330 px: no line is cut at the right of a 360 px screen.
    assert max(len(line) for line in _lines(fig.layout.title.text)) <= charts.TITLE_CHARS
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert max(len(line) for line in _lines(axis.title.text or "")) <= charts.TITLE_CHARS


@pytest.mark.parametrize("name", ["profile", "tasks", "agency_load"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_row_labels_stand_above_the_rows_so_the_plot_keeps_a_phones_width(
    con: duckdb.DuckDBPyConnection, name: str, lang: str
) -> None:
    fig = _figures(con, lang)[name]()
    margin = fig.layout.margin
    # Before: the dimension names beside the rows reserved ~250 px on the left, leaving a phone 80 px.
    assert PHONE_FIGURE_PX - margin.l - margin.r >= PHONE_PLOT_PX
    assert fig.layout.yaxis.showticklabels is False
    labels = charts.row_labels(fig)
    assert labels == list(fig.layout.yaxis.categoryarray)
    if name != "agency_load":
        assert [_lines(label)[0].split(".")[0] for label in labels] == [str(d) for d in range(1, 9)]


@pytest.mark.parametrize(("name", "pitch", "gap"), [("profile", 70, 12), ("tasks", 64, 15), ("agency_load", 54, 15)])
def test_row_labels_are_drawn_in_one_trace_just_above_their_rows(
    con: duckdb.DuckDBPyConnection, name: str, pitch: int, gap: int
) -> None:
    """One text trace, not one annotation per row: plotly.js lays out and measures every annotation on
    its own, which made Overview's page switch about twice as slow as its element floor."""
    fig = _figures(con, "vi")[name]()
    assert not [a for a in fig.layout.annotations if a.yref == "y"]
    texts = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert len(texts) == 1
    labels = texts[0]
    rows = len(fig.layout.yaxis.categoryarray)
    # The labels' axes lie over the plot: x from its left edge (0) to its right edge (1), y in rows,
    # row 0 (the first category) at the top, exactly as the categories' own axis.
    assert (labels.xaxis, labels.yaxis) == ("x2", "y2")
    assert tuple(fig.layout.xaxis2.range) == (0, 1) and fig.layout.xaxis2.overlaying == "x"
    assert tuple(fig.layout.yaxis2.range) == tuple(fig.layout.yaxis.range) == (rows - 0.5, -0.5)
    assert fig.layout.yaxis2.overlaying == "y" and fig.layout.yaxis.autorange is False
    assert list(labels.x) == [0] * rows and labels.textposition == "top right"
    # Each label ends `gap` px above its row's centre, rows being `pitch` px tall (the figure's height).
    assert [round((row - y) * pitch, 6) for row, y in enumerate(labels.y)] == [gap] * rows
    margin = fig.layout.margin
    assert fig.layout.height == round(margin.t + margin.b + rows * pitch)
    assert labels.hoverinfo == "skip" and labels.showlegend is False


@pytest.mark.parametrize("name", [name for name in FIGURES if name != "map"])  # the map draws no x or y axis
def test_an_axis_without_a_title_has_none_not_an_empty_one(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """plotly.js's automargin reserves a title's depth (~20 px) for an empty title "" but not for none;
    the reserved margins count no title for either, so "" made Overview's and Agencies' charts (whose
    labels stand above the rows, with a 26 px left margin) draw twice on every page switch."""
    fig = _figures(con, "vi")[name]()
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.title.text != ""


def test_the_desktop_keeps_one_drawing_per_chart(con: duckdb.DuckDBPyConnection) -> None:
    """The reserved margins still cover the tick labels and axis titles (no second drawing by automargin)."""
    fig = _figures(con, "vi")["tasks"]()
    # Bottom: one line of tick numbers and the axis title; left: nothing beside the rows any more.
    assert fig.layout.margin.b >= 2 * charts.LINE_EM * 13
    assert fig.layout.margin.l >= 16
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin


# --- display tables ---


def _shown(styler: object) -> pd.DataFrame:
    """The texts a Styler shows for every cell (what st.dataframe draws)."""
    translated = styler._translate(False, False)  # type: ignore[attr-defined]
    rows = [[cell["display_value"] for cell in row if cell["type"] == "td"] for row in translated["body"]]
    return pd.DataFrame(rows, columns=styler.data.columns)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "mark"), [("vi", ","), ("en", ".")])
def test_tables_write_the_published_score_with_the_languages_decimal_mark(
    con: duckdb.DuckDBPyConnection, lang: str, mark: str
) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2019)
    shown = _shown(tables.styled(tables.dimension_table(profile, lang), lang))
    expected = f"{_published(2019, 1):.2f}".replace(".", mark)
    assert shown.iloc[0, 2] == expected
    assert shown.iloc[0, 1] == "6"  # tasks: a count, no decimals
    assert "." not in shown.iloc[0, 4] and "," not in shown.iloc[0, 4]  # percentile: whole


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_missing_change_is_a_dash_with_its_reason_never_none_or_zero(
    con: duckdb.DuckDBPyConnection, lang: str
) -> None:
    profile = queries.dimension_profile(con, DAK_LAK, 2019)
    table = tables.dimension_table(profile, lang)
    shown = _shown(tables.styled(table, lang))
    change = shown.columns[6]
    # E-Governance (dimension 8) gained a sub-dimension in 2019: no comparable 2018.
    assert shown[change].iloc[7] == "—"
    assert not shown.isin(["None", "nan", "NaN", "<NA>", "0", "0,00", "0.00"]).to_numpy().any()
    note = views.missing_change_note(profile, 2019, lang)
    assert "(8)" in note
    assert ("no comparable earlier year" if lang == "en" else "không có năm trước so sánh được") in note
    assert "2019" in note  # the break's reason is named


def test_a_missing_score_is_explained_as_no_score() -> None:
    profile = pd.DataFrame({"dimension": [7, 8], "score": [None, 3.2], "prev_score": [None, None],
                            "change": [None, None]})
    note = views.missing_change_note(profile, 2017, "en")
    assert note == (
        "“—” in the change column (7): no score in 2017. "
        "“—” in the change column (8): no score in 2016 to compare with."
    )


def test_styled_keeps_years_whole_and_numbers_sortable() -> None:
    frame = pd.DataFrame({"year": [2024, 2025], "score": [4.771, None]})
    styler = tables.styled(frame, "vi")
    shown = _shown(styler)
    assert list(shown["year"]) == ["2024", "2025"]
    assert list(shown["score"]) == ["4,77", "—"]
    assert styler.data["score"].dtype == float  # the values themselves stay numbers  # type: ignore[attr-defined]
