"""Figures: pure functions from DataFrames (from lib/queries.py) to Plotly figures, and their shared style.

No Streamlit here. Pages pass the frames they got through ui.query and render the
figures with st.plotly_chart. Titles, axis titles and hover texts arrive already
translated (the page looks them up in lib/i18n.py) or are built from i18n here.
Every text that comes from the data goes through `formatting.plain()` (or `wrap()`)
before Plotly sees it: Plotly interprets a subset of HTML in titles, ticks and hover labels.
The numbers behind each figure, as display tables, are in lib/tables.py.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.domain import eras, i18n, papi
from lib.present import views
from lib.present.formatting import (
    dimension_label,
    dimension_title,
    is_missing,
    number,
    plain,
    quartile_name,
    rank_text,
    wrap,
)
from lib.present.maps import MAP_LAT_RANGE, MAP_LON_RANGE

# --- shared style ---

FONT_FAMILY = "Noto Sans, Arial, sans-serif"


def apply_layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """Apply the shared house style: title, axis titles, a Vietnamese-safe font, automargins, hover labels."""
    fig.update_layout(
        # Pinned to the top: a title of several lines (wrapped for phones) grows down into the top
        # margin that `_locale` reserves for it, never into the plot.
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}, "yref": "container", "y": 1,
               "yanchor": "top", "pad": {"t": 12}},
        font={"family": FONT_FAMILY, "size": 13},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "align": "left"},
        legend={"font": {"size": 12}},
        # One pass: update_xaxes/update_yaxes would each walk and validate the layout again.
        xaxis={"title": {"text": x_title}, "automargin": True},
        yaxis={"title": {"text": y_title}, "automargin": True},
    )
    return fig


# Plotly's `separators` (decimal mark, then thousands): "4,77" in Vietnamese, "4.77" in English.
SEPARATORS = (",.", ".,")


def _locale(fig: go.Figure, lang: str, width: float | None = None) -> go.Figure:
    """Use comma decimals in Vietnamese, and leave room above the plot for every line of the title.

    `width` is the figure's expected width in pixels, for its legend (see `reserve_margins`).
    """
    title = fig.layout.title.text or ""
    top = 26 + 21 * (title.count("<br>") + 1)  # the title's pad, its lines and a gap
    above = row_labels(fig)
    if above:  # a top row's label of several lines rises above the plot; one line fits in the half row
        top += above[0].count("<br>") * LABEL_LINE_PX
    fig.update_layout(separators=SEPARATORS[lang == "en"], margin={"t": top})
    return reserve_margins(fig, width)


# Average advance of a Noto Sans glyph (Vietnamese, with diacritics) and line height, in ems.
CHAR_EM = 0.58
LINE_EM = 1.35
# Width of a numeric tick label ("10,25", "2024") in characters.
NUMBER_CHARS = 6
# A horizontal legend wraps its entries at the plot area's width.  Assumed: a figure in a half-page
# column on a 1366 px screen (about 530 px) less its margins, at most 440 px; a wider chart only gets
# fewer legend rows than reserved.  A chart in a narrower column or across the page says so.
FIGURE_WIDTH_PX = 530
NARROW_FIGURE_PX = 350
WIDE_FIGURE_PX = 900
LEGEND_WIDTH_PX = 440
# Added to the estimated left and bottom margins: in the app, Streamlit's theme draws tick labels in its
# own font, measured 2-9 px wider or taller than the estimate, and any shortfall costs a full redraw.
SLACK_PX = 10


def _text_width(text: object, size: float) -> float:
    """Estimated width in pixels of the longest line of `text` (lines split at <br>)."""
    lines = re.split(r"<br\s*/?>", str(text))
    return max((len(line) for line in lines), default=0) * size * CHAR_EM


def _category_labels(fig: go.Figure, letter: str) -> list[str]:
    """The text tick labels of the primary x or y axis (none for a numeric axis)."""
    axis = fig.layout[letter + "axis"]
    if axis.ticktext:
        return [str(v) for v in axis.ticktext]
    if axis.categoryarray:
        return [str(v) for v in axis.categoryarray]
    labels: list[str] = []
    for trace in fig.data:
        if getattr(trace, letter + "axis", letter) not in (None, letter):
            continue
        values = getattr(trace, letter, None)
        if values is not None:
            labels.extend(v for v in values if isinstance(v, str))
    return labels


def reserve_margins(fig: go.Figure, width: float | None = None) -> go.Figure:
    """Start the plot with margins wide enough for its tick labels, axis titles, legend and colour bar.

    Plotly's automargin stays on, so nothing is ever clipped, but when the
    margins it needs exceed the ones it starts with it draws the whole chart a
    second time (measured in Chromium: 30-60 ms per chart, half of its drawing).
    An estimate on the generous side makes the first drawing the last.
    Margins are only ever widened, and geographic figures are left alone.
    `width` is the figure's expected width in pixels (default FIGURE_WIDTH_PX).
    """
    if any(trace.type in ("choropleth", "scattergeo") for trace in fig.data):
        return fig
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        # An empty title is no title: plotly.js's automargin reserves a title's depth (about 20 px) for
        # any text but its own default, "" included, which this estimate cannot know to reserve.
        if axis.title.text == "":
            axis.title.text = None
    base = float(fig.layout.font.size or 13)
    margin = fig.layout.margin
    left, right, bottom = float(margin.l or 0), float(margin.r or 0), float(margin.b or 0)

    yaxis, xaxis = fig.layout.yaxis, fig.layout.xaxis
    y_size = float(yaxis.tickfont.size or base)
    y_labels = _category_labels(fig, "y")
    y_width = max((_text_width(v, y_size) for v in y_labels), default=NUMBER_CHARS * y_size * CHAR_EM)
    if yaxis.showticklabels is False:  # labels drawn above the rows instead (`labels_above`)
        y_width = 0.0
    y_title = LINE_EM * base + 6 if yaxis.title.text else 0
    left = max(left, y_width + y_title + 16 + SLACK_PX)

    x_size = float(xaxis.tickfont.size or base)
    x_labels = _category_labels(fig, "x") or ["0" * NUMBER_CHARS]
    if xaxis.tickangle in (90, -90):
        x_height = max(_text_width(v, x_size) for v in x_labels)
    else:
        x_height = max(str(v).count("<br>") + 1 for v in x_labels) * LINE_EM * x_size
    x_title = (str(xaxis.title.text).count("<br>") + 1) * LINE_EM * base + 8 if xaxis.title.text else 0
    legend = 0.0
    if fig.layout.legend.orientation == "h":
        named = [t.name for t in fig.data if t.name and t.showlegend is not False]
        if len(named) > 1 or any(t.showlegend for t in fig.data):
            legend_size = float(fig.layout.legend.font.size or base)
            wrap_at = (width - left - right) if width else min(LEGEND_WIDTH_PX, FIGURE_WIDTH_PX - left - right)
            rows: list[int] = [1]  # lines of text in each row of entries
            used = 0.0
            for name in named:  # Plotly wraps whole entries, so pack them greedily
                entry = _text_width(name, legend_size) + 50  # symbol, gap and text
                if used and used + entry > wrap_at:
                    rows.append(1)
                    used = 0.0
                used += entry
                rows[-1] = max(rows[-1], str(name).count("<br>") + 1)
            legend = sum(lines * LINE_EM * legend_size + 10 for lines in rows) + 24
    bottom = max(bottom, x_height + x_title + legend + 20 + SLACK_PX)
    if xaxis.tickangle not in (90, -90):  # the last tick label overhangs the plot's right edge by half its width
        right = max(right, 0.5 * max(_text_width(v, x_size) for v in x_labels) + 4)

    for trace in fig.data:
        if trace.type == "heatmap" and trace.showscale is not False:
            bar = trace.colorbar
            title_width = _text_width(bar.title.text or "", base)
            ticks = float(bar.thickness or 30) + 4 * base * CHAR_EM
            right = max(right, title_width + ticks + 8)
    fig.update_layout(margin={"l": round(left), "r": round(right), "b": round(bottom)})
    return fig


PROVINCE_COLOR = "#c0392b"
MEDIAN_COLOR = "#34495e"
IQR_FILL = "rgba(52, 73, 94, 0.22)"
RANGE_FILL = "rgba(52, 73, 94, 0.09)"
PEER_COLORS = ("#2e86c1", "#28b463", "#af7ac5", "#d68910", "#17a589", "#7f8c8d", "#a04000", "#5d6d7e")
# Quartile 4 = top quarter (as lib.queries._quartile); PAPI reports print the
# best performers in dark green down to the poor performers in orange-red.
QUARTILE_COLORS: dict[int, str] = {4: "#1a7f3c", 3: "#7cc47f", 2: "#f5c26b", 1: "#d9534f"}
# A province or (sub-)dimension without a score (absent, never 0).
NO_DATA_COLOR = "#d5d8dc"
WEAK_ZONE_COLOR = "rgba(217, 83, 79, 0.10)"
ROLE_COLORS: dict[str, str] = {"led": "#1f4e79", "implemented": "#9dc3e6"}
LEGEND_BELOW: dict[str, object] = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0}


def quartile_color(quartile: object) -> str:
    """The colour of a national quartile (4 = top), or the no-data grey when there is no score."""
    return NO_DATA_COLOR if is_missing(quartile) else QUARTILE_COLORS[int(quartile)]


# A row label drawn above its row (`labels_above`): wrapped at this many characters, which fit the
# plot's width from a 360 px phone (about 330 px of plot) up.
ROW_LABEL_CHARS = 44
# A chart title wraps at this many characters: one line holds about 36 of them on a 360 px phone
# and the title is never wider than the figure.
TITLE_CHARS = 40
# Height of one line of a row label (12 px text).
LABEL_LINE_PX = 16


# The trace that carries the row labels (`labels_above`), told apart from the data's traces by its `meta`.
ROW_LABELS_META = "row_labels"


def labels_above(fig: go.Figure, labels: list[str], gap_px: float, pitch_px: float) -> go.Figure:
    """Write each category of the y axis above its row, from the plot's left edge, instead of beside it.

    Tick labels beside the rows take the width a phone does not have (a 390 px screen left the plot
    80 px); above the rows the plot keeps the whole width at every screen size.  `gap_px` is how far
    above the row's centre the label's last line ends (half the row's marker or bar, plus a little);
    `pitch_px` is the height of one row, which `rows_of` must then be given too.

    All the labels are one text trace on hidden axes laid over the plot's (x from 0 at the plot's
    left edge to 1 at its right, y in rows), so plotly.js draws them in one pass: as one annotation
    each, Overview's page switch took about twice as long as with the tick labels beside the rows.
    """
    rows = len(labels)
    span = [rows - 0.5, -0.5]  # row 0 at the top, each row one unit of `pitch_px`
    fig.add_trace(go.Scatter(
        x=[0] * rows, y=[row - gap_px / pitch_px for row in range(rows)], xaxis="x2", yaxis="y2",
        mode="text", text=labels, textposition="top right", cliponaxis=False,
        textfont={"size": 12, "color": "#333333"}, hoverinfo="skip", showlegend=False, meta=ROW_LABELS_META,
    ))  # fmt: skip
    fig.update_layout(
        xaxis2={"overlaying": "x", "range": [0, 1], "visible": False, "fixedrange": True},
        yaxis2={"overlaying": "y", "range": span, "visible": False, "fixedrange": True},
    )
    fig.layout.yaxis.update(showticklabels=False, autorange=False, range=span)
    return fig


def row_labels(fig: go.Figure) -> list[str]:
    """The row labels `labels_above` wrote above the rows, top row first (none when it was not used)."""
    for trace in fig.data:
        if trace.meta == ROW_LABELS_META:
            return [str(text) for text in trace.text]
    return []


def rows_of(fig: go.Figure, rows: int, pitch_px: float) -> go.Figure:
    """Make the figure as tall as its reserved margins plus `rows` rows of `pitch_px` each, so that a
    row label above its row (`labels_above`) has the room it was given whatever the title's lines."""
    fig.update_layout(height=round(float(fig.layout.margin.t) + float(fig.layout.margin.b) + rows * pitch_px))
    return fig


# st.plotly_chart(config=...) of every figure; the map takes GEO_CONFIG.
PLOT_CONFIG: dict[str, Any] = {"displaylogo": False}
# Plotly's geo subplot downloads a world TopoJSON from its CDN whenever a trace
# has a `locationmode` (a choropleth always has one, "geojson-id" here), even
# with every base layer hidden (plotly.js issue #6767), and draws nothing if the
# download fails.  The map needs none of it, so `topojsonURL` points at an empty
# topology inlined as a data: URL; plotly.js appends "<name>.json" to it, which
# the trailing "#" turns into a URL fragment that the browser ignores.
EMPTY_TOPOJSON = {"type": "Topology", "objects": {}, "arcs": []}
EMPTY_TOPOJSON_URL = "data:application/json," + urllib.parse.quote(json.dumps(EMPTY_TOPOJSON)) + "#"
GEO_CONFIG: dict[str, Any] = {**PLOT_CONFIG, "topojsonURL": EMPTY_TOPOJSON_URL}
# Every base layer of the geo subplot, all switched off.
GEO_BASE_LAYERS_OFF: dict[str, bool] = {
    "visible": False,
    "showland": False,
    "showocean": False,
    "showlakes": False,
    "showrivers": False,
    "showcountries": False,
    "showcoastlines": False,
    "showsubunits": False,
    "showframe": False,
}


# --- trends: score and rank by year ---
# Trend lines never cross a PAPI methodology break: each series is cut into
# comparability segments (lib.papi.segment) and a gap (None) is put between
# segments and wherever a year is missing.

def with_gaps(frame: pd.DataFrame, dimension: int) -> pd.DataFrame:
    """Return `frame` sorted by year with an all-missing row wherever a line must stop.

    A gap goes between two consecutive rows that lie in different
    comparability segments (a methodology break) or that are not consecutive
    years (a missing score is absent, never bridged).  The gap row's `year` is
    None, so Plotly lifts the pen there.
    """
    rows: list[dict[str, Any]] = []
    previous: int | None = None
    for record in frame.sort_values("year").to_dict("records"):
        year = int(record["year"])
        if previous is not None and (
            year != previous + 1 or papi.segment(year, dimension) != papi.segment(previous, dimension)
        ):
            rows.append(dict.fromkeys(record))
        rows.append(record)
        previous = year
    return pd.DataFrame(rows, columns=frame.columns).astype(object).where(lambda f: f.notna(), None)


def numbers(values: Any) -> np.ndarray:
    """Return `values` (a column, or a frame of columns) as a float array, a missing value as NaN.

    Plotly sends a NumPy array to the browser as one typed binary block, which
    `st.plotly_chart` copies and encodes at memory speed; a list of Python
    numbers is deep-copied and written out value by value on every rerun, which
    made the trend chart at many score years most of the page's work.  Plotly.js
    lifts the pen at a NaN exactly as at a null.
    """
    frame = values.to_numpy(dtype=object) if hasattr(values, "to_numpy") else values
    return np.array(frame, dtype=float)


def band_outline(segments: list[pd.DataFrame], low: str, high: str) -> tuple[np.ndarray, np.ndarray]:
    """Return the outline of a band from column `low` to `high`: one closed shape per segment, NaN between.

    One trace for every segment of the band (filled "toself") draws far less
    than two traces per segment filled to each other, and no shape spans a
    break.  A one-year segment (E-Governance 2018) is drawn as a block half a
    year wide so that it stays visible.
    """
    xs: list[float] = []
    ys: list[float] = []
    for part in segments:
        years = numbers(part["year"])
        lows, highs = numbers(part[low]), numbers(part[high])
        if len(years) == 1:
            years = np.array([years[0] - 0.25, years[0] + 0.25])
            lows, highs = np.repeat(lows, 2), np.repeat(highs, 2)
        if xs:
            xs.append(np.nan)
            ys.append(np.nan)
        xs += [*years, *years[::-1], years[0]]
        ys += [*highs, *lows[::-1], highs[0]]
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def _segments(frame: pd.DataFrame, dimension: int) -> list[pd.DataFrame]:
    """Split a by-year frame into runs of consecutive years within one comparability segment."""
    gapped = with_gaps(frame, dimension)
    parts: list[pd.DataFrame] = []
    current: list[int] = []
    for index, year in enumerate(gapped["year"]):
        if year is None:
            if current:
                parts.append(gapped.iloc[current])
            current = []
        else:
            current.append(index)
    if current:
        parts.append(gapped.iloc[current])
    return parts


def _add_breaks(fig: go.Figure, dimension: int, years: list[int], lang: str) -> None:
    """Mark each break inside the years shown with a dashed vertical line between the two years."""
    # Plain dicts set in one update: add_vline validates and copies the layout once per line.
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for index, year in enumerate(papi.breaks_within(dimension, years)):
        x = year - 0.5
        shapes.append({
            "type": "line", "xref": "x", "yref": "y domain", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": {"dash": "dash", "color": "#7f8c8d", "width": 1.5},
        })
        annotations.append({
            "text": i18n.t("tr_break_marker", lang, year=year), "font": {"size": 11}, "showarrow": False,
            # Every other marker a line lower: two breaks two years apart overlap on a phone.
            "x": x, "xref": "x", "xanchor": "left", "y": 1 - 0.07 * (index % 2), "yref": "y domain", "yanchor": "top",
        })
    if shapes:
        fig.update_layout(
            shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *annotations]
        )


PLAN_YEAR_COLOR = "#c0392b"


def mark_plan_year(fig: go.Figure, plan_year: int | None, lang: str) -> go.Figure:
    """Mark the chosen plan's year on a chart of years: a thin solid line labelled at the bottom."""
    if plan_year is None:
        return fig
    shape = {"type": "line", "xref": "x", "yref": "y domain", "x0": plan_year, "x1": plan_year, "y0": 0, "y1": 1,
             "line": {"color": PLAN_YEAR_COLOR, "width": 1.5}, "opacity": 0.6}
    note = {"text": i18n.t("ev_plan_year_mark", lang, year=plan_year), "font": {"size": 11, "color": PLAN_YEAR_COLOR},
            "showarrow": False, "x": plan_year, "xref": "x", "xanchor": "left", "y": 0, "yref": "y domain",
            "yanchor": "bottom"}
    fig.update_layout(shapes=[*fig.layout.shapes, shape], annotations=[*fig.layout.annotations, note])
    return fig


def _era_parts(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Split one series' rows by province era ('63' up to 2024, '34' from 2025), oldest era first.

    A series that crosses the 2025 change of units is two provinces (a former
    province, then the unit it merged into); each part becomes its own trace.
    """
    if rows.empty:
        return []
    of_row = rows["era"] if "era" in rows else rows["year"].map(eras.era_of_year)
    return [(era, rows[of_row == era]) for era in eras.ERAS if (of_row == era).any()]


def _part_name(name: str, era: str, crossing: bool, lang: str) -> str:
    """The legend/hover name of one era's part of a series; marked by period when the series crosses 2025."""
    if not crossing:
        return name
    return i18n.t("era_until_2024" if era == eras.ERA_63 else "era_from_2025", lang, name=name)


def _province_lines(
    fig: go.Figure,
    province_rows: pd.DataFrame,
    peer_rows: pd.DataFrame,
    *,
    dimension: int,
    province_name: str,
    column: str,
    customdata: list[str],
    hover: str,
    lang: str = "vi",
) -> None:
    """Add a thin line per peer province, then the chosen province's thick line on top.

    `column` is what is drawn (score or rank), `customdata` the columns the hover
    text `hover` refers to; each hover line starts with the province's name.
    A series crossing the 2025 change of units is drawn as one trace per era
    (same colour, names marked "to 2024" / "from 2025"), never one line.
    """
    series = "series" if "series" in peer_rows else "province_code"
    for index, (code, rows) in enumerate(peer_rows.groupby(series, sort=True)):
        parts = _era_parts(rows)
        for era, part in parts:
            gapped = with_gaps(part, dimension)
            name = plain(_part_name(str(part["province"].iloc[0]), era, len(parts) > 1, lang))
            fig.add_trace(
                go.Scatter(
                    x=numbers(gapped["year"]), y=numbers(gapped[column]), mode="lines+markers", name=name,
                    line={"color": PEER_COLORS[index % len(PEER_COLORS)], "width": 1.5},
                    marker={"size": 5, "symbol": "circle" if era == eras.ERA_63 else "square"}, opacity=0.85,
                    legendgroup=f"peer-{code}-{era}",
                    customdata=numbers(gapped[customdata]),
                    hovertemplate=f"{name}: {hover}<extra></extra>",
                )
            )
    parts = _era_parts(province_rows) or [("", province_rows)]
    for era, part in parts:
        if len(parts) > 1:
            own_label = plain(_part_name(str(part["province"].iloc[0]), era, True, lang))
        else:
            own_label = plain(province_name)
        gapped = with_gaps(part, dimension)
        fig.add_trace(
            go.Scatter(
                x=numbers(gapped["year"]), y=numbers(gapped[column]), mode="lines+markers", name=own_label,
                line={"color": PROVINCE_COLOR, "width": 3.5},
                marker={"size": 8, "symbol": "square" if era == eras.ERA_34 else "circle"},
                customdata=numbers(gapped[customdata]),
                hovertemplate=f"<b>{own_label}</b>: {hover}<extra></extra>",
            )
        )


def trend_title(province_rows: pd.DataFrame, province_name: str, measure: str, dimension: int, lang: str) -> str:
    """State how the province's score moved over its latest comparable period."""
    province_name = plain(province_name)
    if province_rows.empty:
        return i18n.t("tr_trend_title_empty", lang, measure=measure, province=province_name)
    last = _segments(province_rows, dimension)[-1]
    first_row, last_row = last.iloc[0], last.iloc[-1]
    if len(last) == 1:
        return i18n.t(
            "tr_trend_title_one", lang, measure=measure, province=province_name,
            score=number(float(last_row["score"]), lang), year=int(last_row["year"]),
        )
    change = float(last_row["score"]) - float(first_row["score"])
    direction = "tr_up" if change > 0.005 else "tr_down" if change < -0.005 else "tr_flat"
    return i18n.t(
        "tr_trend_title", lang, measure=measure, province=province_name, direction=i18n.t(direction, lang),
        first=number(float(first_row["score"]), lang), first_year=int(first_row["year"]),
        last=number(float(last_row["score"]), lang), last_year=int(last_row["year"]),
    )


def trend_figure(
    province_rows: pd.DataFrame,
    peer_rows: pd.DataFrame,
    national: pd.DataFrame,
    *,
    dimension: int,
    province_name: str,
    measure: str,
    lang: str,
    subdimension: bool = False,
    plan_year: int | None = None,
) -> go.Figure:
    """Score of one measure by year: the province, its peers, the national median and spread;
    the chosen plan's year marked (`mark_plan_year`).

    `province_rows` / `peer_rows` come from `queries.trend_scores`, `national`
    from `queries.trend_national`.  Bands (min-max, inter-quartile) are one
    shape per comparable segment; lines stop at every break and missing year.
    """
    fig = go.Figure()
    segments = _segments(national, dimension)
    for low, high, fill, label in (("min", "max", RANGE_FILL, "tr_range"), ("q1", "q3", IQR_FILL, "tr_iqr")):
        xs, ys = band_outline(segments, low, high)
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=fill, line={"width": 0}, hoverinfo="skip",
                name=i18n.t(label, lang),
            )
        )
    gapped = with_gaps(national, dimension)
    fig.add_trace(
        go.Scatter(
            x=numbers(gapped["year"]), y=numbers(gapped["median"]), mode="lines+markers",
            name=i18n.t("tr_median", lang),
            line={"color": MEDIAN_COLOR, "dash": "dot", "width": 2}, marker={"size": 5, "symbol": "diamond"},
            customdata=numbers(gapped[["min", "q1", "q3", "max", "provinces"]]),
            hovertemplate=i18n.t("tr_hover_national", lang) + "<extra></extra>",
        )
    )
    _province_lines(
        fig, province_rows, peer_rows, dimension=dimension, province_name=province_name, column="score",
        customdata=["rank", "ranked_provinces"],
        hover=f"%{{y:.2f}} ({i18n.t('rank', lang)} %{{customdata[0]}}/%{{customdata[1]}})", lang=lang,
    )
    years = sorted({int(y) for y in national["year"]}) if not national.empty else []
    _add_breaks(fig, dimension, years, lang)
    mark_plan_year(fig, plan_year, lang)
    unit = "tr_y_total" if dimension == 0 else "tr_y_sub" if subdimension else "tr_y_dimension"
    apply_layout(
        fig,
        wrap(trend_title(province_rows, province_name, measure, dimension, lang), TITLE_CHARS, escaped=True),
        i18n.t("year", lang),
        i18n.t(unit, lang),
    )
    # Taller than the other charts: its legend below can take four rows on a half-page column.
    fig.update_layout(hovermode="x unified", height=520, legend=LEGEND_BELOW)
    fig.update_xaxes(dtick=1, tickformat="d")
    return _locale(fig, lang)


def rank_title(province_rows: pd.DataFrame, province_name: str, lang: str) -> str:
    """State the province's rank in the first and latest year shown."""
    province_name = plain(province_name)
    if province_rows.empty:
        return i18n.t("tr_rank_title_empty", lang, province=province_name)
    ordered = province_rows.sort_values("year")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return i18n.t(
        "tr_rank_title", lang, province=province_name,
        first=int(first["rank"]), first_n=int(first["ranked_provinces"]), first_year=int(first["year"]),
        last=int(last["rank"]), last_n=int(last["ranked_provinces"]), last_year=int(last["year"]),
    )


def rank_figure(
    province_rows: pd.DataFrame, peer_rows: pd.DataFrame, *, dimension: int, province_name: str, lang: str,
    plan_year: int | None = None,
) -> go.Figure:
    """National rank of the province (and its peers) by year; 1 = best, drawn at the top; the plan year marked."""
    fig = go.Figure()
    _province_lines(
        fig, province_rows, peer_rows, dimension=dimension, province_name=province_name, column="rank",
        customdata=["ranked_provinces", "score"],
        hover=f"%{{y}}/%{{customdata[0]}} ({i18n.t('score', lang)} %{{customdata[1]:.2f}})", lang=lang,
    )
    all_rows = pd.concat([province_rows, peer_rows])
    years = sorted({int(y) for y in all_rows["year"]}) if not all_rows.empty else []
    _add_breaks(fig, dimension, years, lang)
    mark_plan_year(fig, plan_year, lang)
    apply_layout(fig, wrap(rank_title(province_rows, province_name, lang), TITLE_CHARS, escaped=True),
                 i18n.t("year", lang), i18n.t("tr_rank_axis", lang))
    worst = int(all_rows["ranked_provinces"].max()) if not all_rows.empty else 63
    fig.update_yaxes(range=[worst + 1, 0], tickvals=[1, *range(10, worst + 1, 10)])
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_layout(hovermode="x unified", height=400, legend=LEGEND_BELOW)
    return _locale(fig, lang)



# --- provinces: map and ranking ---
# Map: go.Choropleth on the committed GeoJSON with every base layer hidden; see
# GEO_CONFIG for the offline setup.

def ranking_title(ranking: pd.DataFrame, province_code: str, province_name: str, measure: str, year: int,
                  lang: str) -> str:
    """State where the chosen province stands among all provinces for the year and measure."""
    row = ranking[ranking["province_code"] == province_code]
    if row.empty:
        return i18n.t("tr_ranking_title_missing", lang, measure=measure, year=year, province=plain(province_name))
    first = row.iloc[0]
    return i18n.t(
        "tr_ranking_title", lang, measure=measure, year=year, province=plain(province_name),
        rank=int(first["rank"]), n=int(first["ranked_provinces"]),
        group=quartile_name(first["quartile"], lang).lower(),
    )


def province_map(
    ranking: pd.DataFrame,
    features: Sequence[tuple[str, str]],
    boundaries: str | dict[str, Any],
    *,
    province_code: str,
    title: str,
    lang: str,
) -> go.Figure:
    """Choropleth of the 63 provinces coloured by national quartile, with score and rank on hover.

    One choropleth trace carries every province, its colour the quartile (or
    "no score") through a stepped colour scale: the boundaries travel to the
    browser once, not once per group (they are most of the figure's weight).
    Legend entries are marker-only geo traces without data.  The chosen
    province gets a thick outline.  Every base layer is off and the view fits
    the provinces, so no world map is needed (render with `GEO_CONFIG`).
    `features` are the (code, name) pairs of the areas the boundaries draw
    (`maps.map_features`); `boundaries` is the URL of the boundary file, which
    the browser fetches and caches, or the GeoJSON itself to embed it.
    """
    codes = [code for code, _ in features]
    names = {code: plain(name) for code, name in features}
    by_code = ranking.set_index("province_code")
    levels: list[int] = []  # 0 = no score, 1..4 = national quartile (4 = top)
    custom: list[list[str]] = []
    for code in codes:
        if code in by_code.index:
            row = by_code.loc[code]
            quartile = int(row["quartile"])
            rank = f"{int(row['rank'])}/{int(row['ranked_provinces'])}"
            custom.append([code, names[code], number(float(row["score"]), lang), rank, quartile_name(quartile, lang)])
        else:
            quartile = 0
            custom.append([code, names[code], "–", "–", quartile_name(None, lang)])
        levels.append(quartile)
    palette = [NO_DATA_COLOR] + [QUARTILE_COLORS[q] for q in (1, 2, 3, 4)]
    steps: list[list[float | str]] = []
    for level, color in enumerate(palette):  # z = level maps to level / 4; each colour owns a band around it
        low, high = max(0.0, (level - 0.5) / 4), min(1.0, (level + 0.5) / 4)
        steps += [[low, color], [high, color]]
    fig = go.Figure(
        go.Choropleth(
            geojson=boundaries, featureidkey="id", locations=codes, z=levels, zmin=0, zmax=4,
            colorscale=steps, showscale=False, showlegend=False, name="",
            marker={
                "line": {
                    "color": ["#111111" if c == province_code else "#ffffff" for c in codes],
                    "width": [3 if c == province_code else 0.6 for c in codes],
                }
            },
            customdata=custom,
            hovertemplate=f"<b>%{{customdata[1]}}</b><br>{i18n.t('score', lang)}: %{{customdata[2]}}"
            f"<br>{i18n.t('rank', lang)}: %{{customdata[3]}}<br>%{{customdata[4]}}<extra></extra>",
        )
    )
    for level in (4, 3, 2, 1, 0):
        if level in levels:
            fig.add_trace(
                go.Scattergeo(
                    lon=[None], lat=[None], mode="markers", hoverinfo="skip", showlegend=True,
                    name=quartile_name(level or None, lang),
                    marker={"size": 12, "symbol": "square", "color": palette[level]},
                )
            )
    fig.update_geos(
        lonaxis_range=list(MAP_LON_RANGE), lataxis_range=list(MAP_LAT_RANGE), projection_type="mercator",
        bgcolor="rgba(0,0,0,0)", domain={"x": [0, 1], "y": [0, 1]},
        **GEO_BASE_LAYERS_OFF,
    )
    apply_layout(fig, wrap(title, TITLE_CHARS, escaped=True), "", "")
    fig.update_traces(
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}}, selector={"type": "choropleth"}
    )
    fig.update_layout(
        height=680, clickmode="event+select", dragmode=False,
        legend={
            "title": {"text": i18n.t("tr_quartile_legend", lang)}, "orientation": "v",
            "xanchor": "right", "x": 1.0, "yanchor": "top", "y": 1.0, "bgcolor": "rgba(255,255,255,0.7)",
        },
        margin={"l": 0, "r": 0, "t": 70, "b": 0},
        separators=SEPARATORS[lang == "en"],
    )
    return fig


def ranking_bar(ranking: pd.DataFrame, *, province_code: str, title: str, measure: str, lang: str) -> go.Figure:
    """All provinces ranked for one year and measure, the chosen one highlighted, bars coloured by quartile."""
    ordered = ranking.sort_values(["rank", "province"], ascending=[False, True])
    colors = [
        PROVINCE_COLOR if c == province_code else quartile_color(q)
        for c, q in zip(ordered["province_code"], ordered["quartile"], strict=True)
    ]
    labels = [f"{int(r)}. {plain(p)}" for r, p in zip(ordered["rank"], ordered["province"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=list(ordered["score"]), y=labels, orientation="h", marker={"color": colors},
            customdata=[[quartile_name(q, lang), int(n)] for q, n in
                        zip(ordered["quartile"], ordered["ranked_provinces"], strict=True)],
            hovertemplate=f"<b>%{{y}}</b>/%{{customdata[1]}}<br>{i18n.t('score', lang)}: %{{x:.2f}}"
            "<br>%{customdata[0]}<extra></extra>",
        )
    )
    apply_layout(fig, wrap(title, TITLE_CHARS, escaped=True), i18n.t("tr_score_axis", lang, measure=measure), "")
    fig.update_layout(height=max(400, 18 * len(ordered) + 120), bargap=0.15, showlegend=False)
    fig.update_yaxes(tickfont={"size": 11})
    return _locale(fig, lang, WIDE_FIGURE_PX)  # across the whole page, in an expander


def ranking_bar_title(ranking: pd.DataFrame, lang: str) -> str:
    """State the spread of the ranking: how many provinces, the highest and the lowest."""
    ordered = ranking.sort_values("score", ascending=False)
    best, worst = ordered.iloc[0], ordered.iloc[-1]
    return i18n.t(
        "pv_bar_title", lang, n=len(ordered), best=plain(best["province"]),
        best_score=number(float(best["score"]), lang), worst=plain(worst["province"]),
        worst_score=number(float(worst["score"]), lang),
    )



# --- workload: overview, dimensions, agencies ---

def dimension_profile_figure(profile: pd.DataFrame, lang: str, province: str, year: int) -> go.Figure:
    """The eight dimension scores against the national median and the best province, coloured by quartile.

    `profile` is `queries.dimension_profile`; dimensions without a score are shown as absent.
    """
    frame = profile.sort_values("dimension").reset_index(drop=True)
    labels = [dimension_label(d, lang, ROW_LABEL_CHARS) for d in frame["dimension"]]
    scored = frame[frame["score"].notna()]
    fig = go.Figure()
    # Grey segment from the national median to the province's score: the gap to close.
    xs: list[object] = []
    ys: list[object] = []
    for label, row in zip(labels, frame.itertuples(), strict=True):
        if pd.notna(row.score):
            xs += [row.national_median, row.score, None]
            ys += [label, label, None]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#cccccc", "width": 4}, hoverinfo="skip", showlegend=False)
    )
    best = frame.assign(label=labels)[frame["score"].notna()]
    fig.add_trace(
        go.Scatter(
            x=best["best_score"],
            y=best["label"],
            mode="markers",
            name=i18n.t("wl_best", lang),
            marker={"symbol": "star", "size": 13, "color": "#7f7f7f"},
            customdata=[plain(p) for p in best["best_province"]],
            hovertemplate="%{y}<br>" + i18n.t("wl_best", lang) + ": %{customdata} (%{x:.2f})<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=best["national_median"],
            y=best["label"],
            mode="markers",
            name=i18n.t("wl_national_median", lang),
            marker={"symbol": "line-ns", "size": 20, "line": {"width": 3, "color": "#333333"}},
            hovertemplate="%{y}<br>" + i18n.t("wl_national_median", lang) + ": %{x:.2f}<extra></extra>",
        )
    )
    for quartile in (1, 2, 3, 4):
        part = best[best["quartile"] == quartile]
        if part.empty:
            continue
        custom = [
            [
                rank_text(r.rank, r.ranked_provinces, lang),
                number(r.percentile, lang, 0),
                number(r.national_median, lang),
                number(r.change, lang, signed=True) if r.comparable else i18n.t("wl_not_comparable_short", lang),
                quartile_name(r.quartile, lang),
            ]
            for r in part.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=part["score"],
                y=part["label"],
                mode="markers",
                name=quartile_name(quartile, lang),
                marker={"size": 15, "color": QUARTILE_COLORS[quartile], "line": {"width": 1, "color": "white"}},
                customdata=custom,
                hovertemplate=(
                    "<b>%{y}</b><br>"
                    + plain(province)
                    + ": %{x:.2f}<br>"
                    + i18n.t("wl_hover_rank", lang)
                    + ": %{customdata[0]}<br>"
                    + i18n.t("wl_hover_percentile", lang)
                    + ": %{customdata[1]}<br>"
                    + i18n.t("wl_national_median", lang)
                    + ": %{customdata[2]}<br>"
                    + i18n.t("wl_col_change", lang)
                    + ": %{customdata[3]}<br>"
                    + i18n.t("wl_hover_quartile", lang)
                    + ": %{customdata[4]}<extra></extra>"
                ),
            )
        )
    no_score = [
        {"x": 5.5, "y": label, "text": i18n.t("wl_no_score_year", lang, year=year), "showarrow": False,
         "font": {"color": "#777777", "size": 12}}
        for label, row in zip(labels, frame.itertuples(), strict=True)
        if pd.isna(row.score)
    ]
    if no_score:
        fig.update_layout(annotations=no_score)
    if scored.empty:
        title = i18n.t("wl_profile_empty_title", lang, province=plain(province), year=year)
    else:
        weakest = scored.sort_values(["percentile", "rank"], ascending=[True, False]).iloc[0]
        title = i18n.t(
            "wl_profile_title",
            lang,
            province=plain(province),
            year=year,
            below=int((scored["score"] < scored["national_median"]).sum()),
            n=len(scored),
            weakest=plain(i18n.dimension_name(int(weakest["dimension"]), lang)),
            rank=int(weakest["rank"]),
            ranked=int(weakest["ranked_provinces"]),
        )
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("wl_score_axis", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", type="category")
    fig.update_xaxes(range=[0.5, 10.5], dtick=1, showgrid=True)
    # Keep every dimension row even when none is scored (categories come from the traces).
    fig.add_trace(go.Scatter(x=[None] * len(labels), y=labels, mode="markers", showlegend=False, hoverinfo="skip"))
    pitch = 70
    labels_above(fig, labels, gap_px=12, pitch_px=pitch)
    fig.update_layout(legend=LEGEND_BELOW, margin={"t": 80, "b": 100})
    return rows_of(_locale(fig, lang), len(labels), pitch)


def tasks_per_dimension_figure(profile: pd.DataFrame, lang: str, year: int) -> go.Figure:
    """Tasks per dimension as horizontal bars, coloured by the dimension's national quartile in `year`."""
    frame = profile.sort_values("dimension").reset_index(drop=True)
    labels = [dimension_label(d, lang, ROW_LABEL_CHARS) for d in frame["dimension"]]
    names = [plain(i18n.dimension_name(int(d), lang)) for d in frame["dimension"]]
    most, least = int(frame["tasks"].max()), int(frame["tasks"].min())
    title = i18n.t(
        "wl_tasks_title",
        lang,
        most=i18n.join([n for n, k in zip(names, frame["tasks"], strict=True) if k == most], lang, limit=3),
        n=most,
        least=i18n.join([n for n, k in zip(names, frame["tasks"], strict=True) if k == least], lang, limit=3),
        m=least,
    )
    custom = [
        [
            quartile_name(r.quartile, lang),
            number(r.score, lang),
            rank_text(r.rank, r.ranked_provinces, lang),
            r.dimension,
        ]
        for r in frame.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["tasks"],
            y=labels,
            orientation="h",
            marker={"color": [quartile_color(q) for q in frame["quartile"]]},
            text=frame["tasks"],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate=(
                "<b>%{y}</b><br>"
                + i18n.t("wl_hover_tasks", lang)
                + ": %{x}<br>"
                + i18n.t("wl_hover_score", lang)
                + f" {year}: %{{customdata[1]}} ("
                + i18n.t("wl_hover_rank", lang)
                + " %{customdata[2]})<br>"
                + i18n.t("wl_hover_quartile", lang)
                + ": %{customdata[0]}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("wl_tasks_axis", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(range=[0, max(most, 1) * 1.15], dtick=5 if most > 10 else 1)
    pitch = 64
    labels_above(fig, labels, gap_px=15, pitch_px=pitch)  # half the bar (13 px) and a little
    fig.update_layout(bargap=0.6, margin={"t": 100})
    return rows_of(_locale(fig, lang), len(labels), pitch)



def effort_score_figure(points: pd.DataFrame, lang: str, level: str, year: int) -> go.Figure:
    """Tasks assigned against national percentile; the low-low quadrant is "weak and under-served"."""
    level_name = i18n.t("wl_level_dimension" if level == "dimension" else "wl_level_subdimension", lang).lower()
    median_effort = float(points.attrs.get("median_effort", points["tasks"].median() if len(points) else 0))
    weak = points[points["weak_underserved"]].sort_values("percentile")
    if weak.empty:
        title = i18n.t("wl_effort_none_title", lang, level=level_name, year=year)
    else:
        title = i18n.t(
            "wl_effort_title", lang, n=len(weak), level=level_name,
            names=i18n.join([plain(n) for n in weak["name"]], lang, limit=3),
        )
    # Points sharing a task count are spread a little sideways so none hides another.
    offsets = points.groupby("tasks").cumcount()
    sizes = points.groupby("tasks")["tasks"].transform("size")
    jitter = ((offsets - (sizes - 1) / 2) * 0.12).clip(-0.35, 0.35) if level != "dimension" else offsets * 0
    x_max = max(float(points["tasks"].max()) if len(points) else 1.0, 1.0)
    fig = go.Figure()
    guide = {"color": "#555555", "dash": "dot", "width": 1}
    fig.update_layout(
        shapes=[
            {"type": "rect", "x0": -0.6, "x1": median_effort, "y0": 0, "y1": 50, "fillcolor": WEAK_ZONE_COLOR,
             "line": {"width": 0}, "layer": "below"},
            {"type": "line", "xref": "x", "yref": "y domain", "x0": median_effort, "x1": median_effort,
             "y0": 0, "y1": 1, "line": guide},
            {"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1, "y0": 50, "y1": 50, "line": guide},
        ],
        annotations=[
            {"x": -0.5, "y": 2, "xanchor": "left", "yanchor": "bottom",
             "text": "<b>" + i18n.t("wl_quadrant_weak", lang) + "</b>", "showarrow": False,
             "font": {"color": QUARTILE_COLORS[1], "size": 13}},
        ],
    )
    for quartile in (1, 2, 3, 4):
        mask = points["quartile"] == quartile
        part = points[mask]
        if part.empty:
            continue
        custom = [
            [r.id, plain(r.name), int(r.tasks), number(r.score, lang), rank_text(r.rank, r.ranked_provinces, lang)]
            for r in part.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=part["tasks"] + jitter[mask],
                y=part["percentile"],
                mode="markers+text",
                name=quartile_name(quartile, lang),
                # Dimensions are few: name them all; sub-dimensions: name only the weak and under-served.
                text=[
                    wrap(n, 18) if w or level == "dimension" else ""
                    for n, w in zip(part["name"], part["weak_underserved"], strict=True)
                ],
                textposition=[
                    "middle left" if t > 0.5 * x_max else "middle right" for t in part["tasks"]
                ],
                textfont={"size": 11, "color": "#444444"},
                marker={"size": 14, "color": QUARTILE_COLORS[quartile], "line": {"width": 1, "color": "white"}},
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>"
                    + i18n.t("wl_hover_tasks", lang)
                    + ": %{customdata[2]}<br>"
                    + i18n.t("wl_hover_score", lang)
                    + ": %{customdata[3]} ("
                    + i18n.t("wl_hover_rank", lang)
                    + " %{customdata[4]})<br>"
                    + i18n.t("wl_hover_percentile", lang)
                    + ": %{y:.0f}<extra></extra>"
                ),
            )
        )
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("wl_effort_x", lang), wrap(i18n.t("wl_effort_y", lang), 40))
    fig.update_xaxes(range=[-0.6, x_max + 1.6], dtick=1 if x_max <= 12 else 2, zeroline=False)
    fig.update_yaxes(range=[-3, 103], dtick=25)
    fig.update_layout(
        height=560, legend=LEGEND_BELOW, margin={"t": 80, "b": 100},
        clickmode="event+select",
    )
    return _locale(fig, lang, WIDE_FIGURE_PX)  # across the whole page


def score_history_figure(
    history: pd.DataFrame, lang: str, name: str, province: str, axis_title: str, plan_year: int | None = None
) -> go.Figure:
    """A (sub-)dimension's score by year against the national median; no line across a methodology break;
    the plan year marked."""
    if history.empty:
        fig = go.Figure()
        apply_layout(fig, i18n.t("wl_history_empty", lang, name=plain(name), province=plain(province)), "", "")
        return _locale(fig, lang)
    above = int((history["score"] > history["national_median"]).sum())
    title = i18n.t(
        "wl_history_title", lang, name=plain(name), province=plain(province), above=above, n=len(history)
    )
    fig = go.Figure()
    for index, (_, part) in enumerate(history.groupby("segment", sort=True)):
        custom = [[rank_text(r.rank, r.ranked_provinces, lang)] for r in part.itertuples()]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["national_median"],
                mode="lines+markers",
                marker={"size": 4},
                name=i18n.t("wl_national_median", lang),
                legendgroup="median",
                showlegend=index == 0,
                line={"color": "#888888", "dash": "dash", "width": 2},
                hovertemplate="%{x}: " + i18n.t("wl_national_median", lang) + " %{y:.2f}<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["score"],
                mode="lines+markers",
                name=plain(province),
                legendgroup="province",
                showlegend=index == 0,
                line={"color": ROLE_COLORS["led"], "width": 3},
                marker={"size": 8},
                customdata=custom,
                hovertemplate=(
                    "%{x}: " + plain(province) + " %{y:.2f} (" + i18n.t("wl_hover_rank", lang)
                    + " %{customdata[0]})<extra></extra>"
                ),
            )
        )
    mark_plan_year(fig, plan_year, lang)
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("wl_year_axis", lang), axis_title)
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_layout(height=440, legend=LEGEND_BELOW, margin={"t": 90, "b": 90})
    return _locale(fig, lang, NARROW_FIGURE_PX)  # beside the task list, in two fifths of the page


def agency_load_figure(load: pd.DataFrame, lang: str) -> go.Figure:
    """Tasks led and tasks implemented per agency (horizontal bars, most-leading agency on top)."""
    frame = load.reset_index(drop=True)
    labels = [wrap(a, ROW_LABEL_CHARS) for a in frame["agency"]]
    lead_top = frame.sort_values(["led", "agency"], ascending=[False, True]).iloc[0]
    impl_top = frame.sort_values(["implemented", "agency"], ascending=[False, True]).iloc[0]
    title = i18n.t(
        "wl_agency_load_title",
        lang,
        lead=plain(lead_top["agency"]),
        n=int(lead_top["led"]),
        impl=plain(impl_top["agency"]),
        m=int(impl_top["implemented"]),
    )
    fig = go.Figure()
    for column, key in (("led", "wl_role_lead"), ("implemented", "wl_role_implementing")):
        fig.add_trace(
            go.Bar(
                x=frame[column],
                y=labels,
                orientation="h",
                name=i18n.t(key, lang),
                marker={"color": ROLE_COLORS[column]},
                text=[str(int(v)) if v > 0 else "" for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
                customdata=[[plain(a)] for a in frame["agency"]],
                hovertemplate="<b>%{customdata[0]}</b><br>" + i18n.t(key, lang) + ": %{x}<extra></extra>",
            )
        )
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("wl_tasks_axis", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    pitch = 54
    labels_above(fig, labels, gap_px=15, pitch_px=pitch)  # half the pair of bars (13 px) and a little
    fig.update_layout(barmode="group", bargap=0.5, legend=LEGEND_BELOW, margin={"b": 90})
    return rows_of(_locale(fig, lang), len(labels), pitch)


def agency_dimension_figure(matrix: pd.DataFrame, agencies: list[str], lang: str) -> go.Figure:
    """Agency × dimension heatmap of task counts; `agencies` gives the row order."""
    grid = views.agency_dimension_grid(matrix, agencies)
    dims = [int(d) for d in grid.columns]
    top = matrix.sort_values(["tasks", "agency"], ascending=[False, True]).iloc[0] if len(matrix) else None
    if top is None:
        title = ""
    else:
        title = i18n.t(
            "wl_matrix_title",
            lang,
            agency=plain(top["agency"]),
            dimension=plain(
                i18n.t("pv_unmapped", lang) if is_missing(top["dimension"])
                else i18n.dimension_name(int(top["dimension"]), lang)
            ),
            n=int(top["tasks"]),
        )
    text = grid.map(lambda v: "" if pd.isna(v) else str(int(v)))
    x_labels = [i18n.t(f"wl_dim_short_{d}", lang) if d else i18n.t("pv_unmapped_short", lang) for d in dims]
    full_names = [[plain(dimension_title(d, lang))] * len(grid.index) for d in dims]
    # Beside eight columns of counts: short lines in a small font leave the cells ~25 px each on a 360 px phone.
    y_labels = [wrap(a, 20) for a in grid.index]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=x_labels,
            y=y_labels,
            text=text.to_numpy(),
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            xgap=2,
            ygap=2,
            # Every cell prints its count, so the colour bar would only take width from the cells.
            showscale=False,
            customdata=[list(col) for col in zip(*full_names, strict=True)],
            hovertemplate=(
                "<b>%{y}</b><br>%{customdata}<br>" + i18n.t("wl_matrix_hover", lang) + ": %{z}<extra></extra>"
            ),
        )
    )
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("wl_dimension_axis", lang), "")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-90, tickfont={"size": 12})
    fig.update_yaxes(tickfont={"size": 11})
    fig.update_layout(height=260 + 34 * len(y_labels), margin={"t": 90})
    return _locale(fig, lang)

