"""Figures: pure functions from DataFrames (from lib/queries.py) to Plotly figures.

No Streamlit here. Pages pass the frames they got through ui.query and render the
figures with st.plotly_chart. Titles, axis titles and hover texts arrive already
translated (the page looks them up in lib/i18n.py) or are built from i18n here.
"""

from __future__ import annotations

import json
import textwrap
import urllib.parse
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from lib import i18n, papi

__all__ = ["FONT_FAMILY", "apply_layout", "go", "pd", "px"]

FONT_FAMILY = "Noto Sans, Arial, sans-serif"


def apply_layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """Apply the shared house style: title, axis titles, a Vietnamese-safe font, automargins, hover labels."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT_FAMILY, "size": 13},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "align": "left"},
        legend={"font": {"size": 12}},
    )
    fig.update_xaxes(title_text=x_title, automargin=True)
    fig.update_yaxes(title_text=y_title, automargin=True)
    return fig


# --- trends, tasks, provinces ---
# Trend lines never cross a PAPI methodology break: each series is cut into
# comparability segments (lib.papi.segment) and a gap (None) is put between
# segments and wherever a year is missing.  Map: go.Choropleth on the committed
# GeoJSON with every base layer hidden; see GEO_CONFIG for the offline setup.

PROVINCE_COLOR = "#c0392b"
MEDIAN_COLOR = "#34495e"
IQR_FILL = "rgba(52, 73, 94, 0.22)"
RANGE_FILL = "rgba(52, 73, 94, 0.09)"
PEER_COLORS = ("#2e86c1", "#28b463", "#af7ac5", "#d68910", "#17a589", "#7f8c8d", "#a04000", "#5d6d7e")
# Quartile 4 = top quarter (as lib.queries._quartile); PAPI reports print the
# best performers in dark green down to the poor performers in orange-red.
QUARTILE_COLORS: dict[int, str] = {4: "#1a7f3c", 3: "#7cc47f", 2: "#f5c26b", 1: "#d9534f"}
NO_DATA_COLOR = "#d5d8dc"

# Plotly's geo subplot downloads a world TopoJSON from its CDN whenever a trace
# has a `locationmode` (a choropleth always has one, "geojson-id" here), even
# with every base layer hidden (plotly.js issue #6767), and draws nothing if the
# download fails.  The map needs none of it, so `topojsonURL` points at an empty
# topology inlined as a data: URL; plotly.js appends "<name>.json" to it, which
# the trailing "#" turns into a URL fragment that the browser ignores.
EMPTY_TOPOJSON = {"type": "Topology", "objects": {}, "arcs": []}
EMPTY_TOPOJSON_URL = "data:application/json," + urllib.parse.quote(json.dumps(EMPTY_TOPOJSON)) + "#"
GEO_CONFIG: dict[str, Any] = {"displaylogo": False, "topojsonURL": EMPTY_TOPOJSON_URL}
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


def wrap_title(text: str, width: int = 80) -> str:
    """Break a long title into lines of at most `width` characters (Plotly titles do not wrap)."""
    return "<br>".join(textwrap.wrap(text, width)) if len(text) > width else text


def measure_name(dimension: int, key_name: str | None, lang: str) -> str:
    """Return the name of a measure: the total, a dimension, or 'dimension › sub-dimension'."""
    if dimension == 0:
        return i18n.t("total_score", lang)
    name = i18n.dimension_name(dimension, lang)
    return f"{name} › {key_name}" if key_name else name


def breaks_for(dimension: int) -> tuple[int, ...]:
    """Return the methodology breaks of a measure (0 = total)."""
    return papi.TOTAL_BREAKS if dimension == 0 else papi.BREAKS[dimension]


def break_reasons(dimension: int, years: list[int], lang: str) -> list[str]:
    """Return the explanation of each break of `dimension` that falls inside the years shown."""
    reasons = papi.BREAK_REASONS_EN if lang == "en" else papi.BREAK_REASONS_VI
    if not years:
        return []
    return [reasons[b] for b in breaks_for(dimension) if min(years) < b <= max(years)]


def with_gaps(frame: pd.DataFrame, dimension: int) -> pd.DataFrame:
    """Return `frame` sorted by year with an all-missing row wherever a line must stop.

    A gap goes between two consecutive rows that lie in different
    comparability segments (a methodology break) or that are not consecutive
    years (a missing score is absent, never bridged).  The gap row's `year` is
    None, so Plotly lifts the pen there.
    """
    measure = None if dimension == 0 else dimension
    rows: list[dict[str, Any]] = []
    previous: int | None = None
    for record in frame.sort_values("year").to_dict("records"):
        year = int(record["year"])
        if previous is not None and (
            year != previous + 1 or papi.segment(year, measure) != papi.segment(previous, measure)
        ):
            rows.append(dict.fromkeys(record))
        rows.append(record)
        previous = year
    return pd.DataFrame(rows, columns=frame.columns).astype(object).where(lambda f: f.notna(), None)


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
    for year in breaks_for(dimension):
        if years and min(years) < year <= max(years):
            fig.add_vline(
                x=year - 0.5,
                line={"dash": "dash", "color": "#7f8c8d", "width": 1.5},
                annotation={"text": i18n.t("tr_break_marker", lang, year=year), "font": {"size": 11}},
                annotation_position="top right",
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
            score=i18n.number(float(last_row["score"]), lang), year=int(last_row["year"]),
        )
    change = float(last_row["score"]) - float(first_row["score"])
    direction = "tr_up" if change > 0.005 else "tr_down" if change < -0.005 else "tr_flat"
    return i18n.t(
        "tr_trend_title", lang, measure=measure, province=province_name, direction=i18n.t(direction, lang),
        first=i18n.number(float(first_row["score"]), lang), first_year=int(first_row["year"]),
        last=i18n.number(float(last_row["score"]), lang), last_year=int(last_row["year"]),
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
) -> go.Figure:
    """Score of one measure by year: the province, its peers, the national median and spread.

    `province_rows` / `peer_rows` come from `queries.trend_scores`, `national`
    from `queries.trend_national`.  Bands (min-max, inter-quartile) are drawn per
    comparable segment; lines stop at every break and missing year.
    """
    own_label = plain(province_name)
    fig = go.Figure()
    for index, part in enumerate(_segments(national, dimension)):
        years = [int(y) for y in part["year"]]
        # A one-year segment (E-Governance 2018) is drawn as a short block so its band stays visible.
        repeat = 2 if len(years) == 1 else 1
        xs = [years[0] - 0.25, years[0] + 0.25] if repeat == 2 else years
        for low, high, fill, label in (
            ("min", "max", RANGE_FILL, "tr_range"),
            ("q1", "q3", IQR_FILL, "tr_iqr"),
        ):
            common = {"x": xs, "mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", "legendgroup": label}
            fig.add_trace(go.Scatter(y=list(part[low]) * repeat, showlegend=False, **common))
            fig.add_trace(
                go.Scatter(
                    y=list(part[high]) * repeat, fill="tonexty", fillcolor=fill, name=i18n.t(label, lang),
                    showlegend=index == 0, **common,
                )
            )
    gapped = with_gaps(national, dimension)
    fig.add_trace(
        go.Scatter(
            x=list(gapped["year"]), y=list(gapped["median"]), mode="lines+markers", name=i18n.t("tr_median", lang),
            line={"color": MEDIAN_COLOR, "dash": "dot", "width": 2}, marker={"size": 5, "symbol": "diamond"},
            customdata=gapped[["min", "q1", "q3", "max", "provinces"]].values.tolist(),
            hovertemplate=i18n.t("tr_hover_national", lang) + "<extra></extra>",
        )
    )
    for number, (code, rows) in enumerate(peer_rows.groupby("province_code", sort=True)):
        gapped = with_gaps(rows, dimension)
        name = plain(rows["province"].iloc[0])
        fig.add_trace(
            go.Scatter(
                x=list(gapped["year"]), y=list(gapped["score"]), mode="lines+markers", name=name,
                line={"color": PEER_COLORS[number % len(PEER_COLORS)], "width": 1.5},
                marker={"size": 5}, opacity=0.85, legendgroup=f"peer-{code}",
                customdata=gapped[["rank", "ranked_provinces"]].values.tolist(),
                hovertemplate=f"{name}: %{{y:.2f}} ({i18n.t('rank', lang)} %{{customdata[0]}}/%{{customdata[1]}})"
                "<extra></extra>",
            )
        )
    gapped = with_gaps(province_rows, dimension)
    fig.add_trace(
        go.Scatter(
            x=list(gapped["year"]), y=list(gapped["score"]), mode="lines+markers", name=own_label,
            line={"color": PROVINCE_COLOR, "width": 3.5}, marker={"size": 8},
            customdata=gapped[["rank", "ranked_provinces"]].values.tolist(),
            hovertemplate=f"<b>{own_label}</b>: %{{y:.2f}} ({i18n.t('rank', lang)} "
            "%{customdata[0]}/%{customdata[1]})<extra></extra>",
        )
    )
    years = sorted({int(y) for y in national["year"]}) if not national.empty else []
    _add_breaks(fig, dimension, years, lang)
    unit = "tr_y_total" if dimension == 0 else "tr_y_sub" if subdimension else "tr_y_dimension"
    apply_layout(
        fig,
        wrap_title(trend_title(province_rows, province_name, measure, dimension, lang)),
        i18n.t("year", lang),
        i18n.t(unit, lang),
    )
    fig.update_layout(
        hovermode="x unified", height=460,
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0},
    )
    fig.update_xaxes(dtick=1, tickformat="d")
    return fig


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
    province_rows: pd.DataFrame, peer_rows: pd.DataFrame, *, dimension: int, province_name: str, lang: str
) -> go.Figure:
    """National rank of the province (and its peers) by year; 1 = best, drawn at the top."""
    own_label = plain(province_name)
    fig = go.Figure()
    for number, (code, rows) in enumerate(peer_rows.groupby("province_code", sort=True)):
        gapped = with_gaps(rows, dimension)
        name = plain(rows["province"].iloc[0])
        fig.add_trace(
            go.Scatter(
                x=list(gapped["year"]), y=list(gapped["rank"]), mode="lines+markers", name=name,
                line={"color": PEER_COLORS[number % len(PEER_COLORS)], "width": 1.5}, marker={"size": 5},
                opacity=0.85, legendgroup=f"peer-{code}",
                customdata=gapped[["ranked_provinces", "score"]].values.tolist(),
                hovertemplate=f"{name}: %{{y}}/%{{customdata[0]}} ({i18n.t('score', lang)} %{{customdata[1]:.2f}})"
                "<extra></extra>",
            )
        )
    gapped = with_gaps(province_rows, dimension)
    fig.add_trace(
        go.Scatter(
            x=list(gapped["year"]), y=list(gapped["rank"]), mode="lines+markers", name=own_label,
            line={"color": PROVINCE_COLOR, "width": 3.5}, marker={"size": 8},
            customdata=gapped[["ranked_provinces", "score"]].values.tolist(),
            hovertemplate=f"<b>{own_label}</b>: %{{y}}/%{{customdata[0]}} ({i18n.t('score', lang)} "
            "%{customdata[1]:.2f})<extra></extra>",
        )
    )
    all_rows = pd.concat([province_rows, peer_rows])
    years = sorted({int(y) for y in all_rows["year"]}) if not all_rows.empty else []
    _add_breaks(fig, dimension, years, lang)
    apply_layout(fig, wrap_title(rank_title(province_rows, province_name, lang)), i18n.t("year", lang),
                 i18n.t("tr_rank_axis", lang))
    worst = int(all_rows["ranked_provinces"].max()) if not all_rows.empty else 63
    fig.update_yaxes(range=[worst + 1, 0], tickvals=[1, *range(10, worst + 1, 10)])
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_layout(
        hovermode="x unified", height=400,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
    )
    return fig


def quartile_label(quartile: int | None, lang: str) -> str:
    """Return the PAPI-report name of a national quartile group (4 = top)."""
    if quartile is None or pd.isna(quartile):
        return i18n.t("wl_no_score", lang)
    return i18n.t(f"wl_quartile_{int(quartile)}", lang)


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
        group=quartile_label(first["quartile"], lang).lower(),
    )


def province_map(
    ranking: pd.DataFrame,
    geojson: dict[str, Any],
    *,
    province_code: str,
    title: str,
    lang: str,
) -> go.Figure:
    """Choropleth of the 63 provinces coloured by national quartile, with score and rank on hover.

    One trace per quartile (so the legend names the groups) plus one for
    provinces without a score that year; the chosen province gets a thick
    outline.  Every base layer is off and the view fits the provinces, so no
    world map is needed (render with `GEO_CONFIG`).
    """
    codes = [str(f["id"]) for f in geojson["features"]]
    names = {str(f["id"]): plain(f["properties"].get("name_vi", f["id"])) for f in geojson["features"]}
    by_code = ranking.set_index("province_code")
    fig = go.Figure()
    groups: list[tuple[int | None, list[str]]] = [
        (q, [c for c in codes if c in by_code.index and by_code.at[c, "quartile"] == q]) for q in (4, 3, 2, 1)
    ]
    groups.append((None, [c for c in codes if c not in by_code.index]))
    for quartile, members in groups:
        if not members:
            continue
        color = NO_DATA_COLOR if quartile is None else QUARTILE_COLORS[quartile]
        custom = []
        for code in members:
            if code in by_code.index:
                row = by_code.loc[code]
                rank = f"{int(row['rank'])}/{int(row['ranked_provinces'])}"
                custom.append([code, names[code], i18n.number(float(row["score"]), lang), rank])
            else:
                custom.append([code, names[code], "–", "–"])
        label = quartile_label(quartile, lang)
        fig.add_trace(
            go.Choropleth(
                geojson=geojson, featureidkey="id", locations=members, z=[1] * len(members),
                colorscale=[[0, color], [1, color]], showscale=False, showlegend=True, name=label,
                marker={
                    "line": {
                        "color": ["#111111" if c == province_code else "#ffffff" for c in members],
                        "width": [3 if c == province_code else 0.6 for c in members],
                    }
                },
                customdata=custom,
                hovertemplate=f"<b>%{{customdata[1]}}</b><br>{i18n.t('score', lang)}: %{{customdata[2]}}"
                f"<br>{i18n.t('rank', lang)}: %{{customdata[3]}}<br>{label}<extra></extra>",
            )
        )
    fig.update_geos(
        fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)", domain={"x": [0, 1], "y": [0, 1]},
        **GEO_BASE_LAYERS_OFF,
    )
    apply_layout(fig, wrap_title(title, 48), "", "")
    fig.update_traces(selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}})
    fig.update_layout(
        height=680, clickmode="event+select", dragmode=False,
        legend={
            "title": {"text": i18n.t("tr_quartile_legend", lang)}, "orientation": "v",
            "xanchor": "right", "x": 1.0, "yanchor": "top", "y": 1.0, "bgcolor": "rgba(255,255,255,0.7)",
        },
        margin={"l": 0, "r": 0, "t": 70, "b": 0},
    )
    return fig


def ranking_bar(ranking: pd.DataFrame, *, province_code: str, title: str, measure: str, lang: str) -> go.Figure:
    """All provinces ranked for one year and measure, the chosen one highlighted, bars coloured by quartile."""
    ordered = ranking.sort_values(["rank", "province"], ascending=[False, True])
    colors = [
        PROVINCE_COLOR if c == province_code else QUARTILE_COLORS.get(int(q), NO_DATA_COLOR)
        for c, q in zip(ordered["province_code"], ordered["quartile"], strict=True)
    ]
    labels = [f"{int(r)}. {plain(p)}" for r, p in zip(ordered["rank"], ordered["province"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=list(ordered["score"]), y=labels, orientation="h", marker={"color": colors},
            customdata=[[quartile_label(q, lang), int(n)] for q, n in
                        zip(ordered["quartile"], ordered["ranked_provinces"], strict=True)],
            hovertemplate=f"<b>%{{y}}</b>/%{{customdata[1]}}<br>{i18n.t('score', lang)}: %{{x:.2f}}"
            "<br>%{customdata[0]}<extra></extra>",
        )
    )
    apply_layout(fig, wrap_title(title), i18n.t("tr_score_axis", lang, measure=measure), "")
    fig.update_layout(height=max(400, 18 * len(ordered) + 120), bargap=0.15, showlegend=False)
    fig.update_yaxes(tickfont={"size": 11})
    return fig

def selected_code(points: list[dict[str, Any]]) -> str | None:
    """Return the province code of the first selected map point (customdata[0], else its location)."""
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            return str(custom[0])
        if point.get("location") is not None:
            return str(point["location"])
    return None


def subdimension_choices(subs: pd.DataFrame | None, lang: str) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Return the sub-dimension options ("" = the dimension itself), their labels with years, and names.

    `subs` comes from `queries.subdimension_keys` (None for the total).
    """
    options = [""]
    labels = {"": i18n.t("tr_sub_all", lang)}
    names: dict[str, str] = {}
    if subs is not None:
        column = "name_en" if lang == "en" else "name_vi"
        rows = zip(subs["key"], subs[column], subs["first_year"], subs["last_year"], strict=True)
        for key, name, first, last in rows:
            options.append(str(key))
            names[str(key)] = str(name)
            labels[str(key)] = i18n.t("tr_sub_years", lang, name=name, first=int(first), last=int(last))
    return options, labels, names


def province_names(frame: pd.DataFrame) -> list[str]:
    """Return the distinct province names of a frame, in order of appearance."""
    return list(dict.fromkeys(str(name) for name in frame["province"])) if not frame.empty else []


def ranking_table(ranking: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the ranking with the quartile group named in `lang` (column `quartile_name`)."""
    table = ranking.copy()
    table["quartile_name"] = [quartile_label(q, lang) for q in table["quartile"]]
    return table


def ranking_bar_title(ranking: pd.DataFrame, lang: str) -> str:
    """State the spread of the ranking: how many provinces, the highest and the lowest."""
    ordered = ranking.sort_values("score", ascending=False)
    best, worst = ordered.iloc[0], ordered.iloc[-1]
    return i18n.t(
        "pv_bar_title", lang, n=len(ordered), best=plain(best["province"]),
        best_score=i18n.number(float(best["score"]), lang), worst=plain(worst["province"]),
        worst_score=i18n.number(float(worst["score"]), lang),
    )


def provinces_without_score(ranking: pd.DataFrame, geojson: dict[str, Any]) -> list[str]:
    """Return the names of the mapped provinces that have no score in the ranking."""
    scored = set(ranking["province_code"])
    return [str(f["properties"].get("name_vi", f["id"])) for f in geojson["features"] if f["id"] not in scored]


def province_choices(ranking: pd.DataFrame, code: str, name: str) -> tuple[list[str], dict[str, str]]:
    """Return the ranked province codes (the chosen one first if it has no score) and their names."""
    codes = [str(c) for c in ranking["province_code"]]
    names = dict(zip(codes, (str(n) for n in ranking["province"]), strict=True))
    if code not in names:
        codes.insert(0, code)
        names[code] = name
    return codes, names



# --- workload: overview, dimensions, agencies ---
# Figures and display tables for the overview, dimensions and agencies pages.
# Every text that comes from the data goes through `plain()` before Plotly sees
# it: Plotly interprets a subset of HTML in titles, ticks and hover labels.

# Same quartile palette as the trends/provinces pages (PAPI reports: dark green = top quarter).
QUARTILE_COLOURS: dict[int, str] = {4: "#1a7f3c", 3: "#7cc47f", 2: "#f5c26b", 1: "#d9534f"}
NO_SCORE_COLOUR = "#d5d8dc"
WEAK_ZONE_COLOUR = "rgba(217, 83, 79, 0.10)"
LEGEND_BELOW: dict[str, object] = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0}
ROLE_COLOURS: dict[str, str] = {"led": "#1f4e79", "implemented": "#9dc3e6"}


def plain(text: object) -> str:
    """Return `text` safe to place in a Plotly string (no HTML from the data)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap(text: object, width: int = 30) -> str:
    """Escape `text` and break it into lines of at most about `width` characters with <br>."""
    return "<br>".join(textwrap.wrap(plain(text), width=width)) or plain(text)


def _locale(fig: go.Figure, lang: str) -> go.Figure:
    """Use comma decimals in Vietnamese, and leave room above the plot for every line of the title."""
    fig.update_layout(separators=",." if lang == "vi" else ".,")
    title = fig.layout.title.text or ""
    fig.update_layout(margin={"t": 40 + 22 * (title.count("<br>") + 1)})
    return fig


def _quartile_name(quartile: object, lang: str) -> str:
    """Return the name of a national quartile (1 = bottom, 4 = top), or "no score"."""
    if quartile is None or pd.isna(quartile):
        return i18n.t("wl_no_score", lang)
    return i18n.t(f"wl_quartile_{int(quartile)}", lang)


def _quartile_colour(quartile: object) -> str:
    return NO_SCORE_COLOUR if quartile is None or pd.isna(quartile) else QUARTILE_COLOURS[int(quartile)]


def dimension_label(dimension: int, lang: str, width: int = 30) -> str:
    """Return "n. Name" of a dimension, wrapped for a tick label."""
    return wrap(f"{int(dimension)}. {i18n.dimension_name(int(dimension), lang)}", width)


def _names(names: list[str], lang: str, limit: int = 3) -> str:
    """Join names as "A, B và C" / "A, B and C", keeping at most `limit` and counting the rest."""
    shown = names[:limit]
    rest = len(names) - len(shown)
    joiner = " và " if lang == "vi" else " and "
    text = ", ".join(shown[:-1]) + joiner + shown[-1] if len(shown) > 1 else (shown[0] if shown else "")
    if rest:
        text += f" (+{rest})"
    return text


def _rank_text(rank: object, ranked: object, lang: str) -> str:
    if rank is None or pd.isna(rank):
        return "—"
    return i18n.t("wl_rank_value", lang, rank=int(rank), ranked=int(ranked))


def _num(value: object, lang: str, digits: int = 2, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = i18n.number(float(value), lang, digits)
    return ("+" + text) if signed and float(value) > 0 else text


def dimension_profile_figure(profile: pd.DataFrame, lang: str, province: str, year: int) -> go.Figure:
    """The eight dimension scores against the national median and the best province, coloured by quartile.

    `profile` is `queries.dimension_profile`; dimensions without a score are shown as absent.
    """
    frame = profile.sort_values("dimension").reset_index(drop=True)
    labels = [dimension_label(d, lang) for d in frame["dimension"]]
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
                _rank_text(r.rank, r.ranked_provinces, lang),
                _num(r.percentile, lang, 0),
                _num(r.national_median, lang),
                _num(r.change, lang, signed=True) if r.comparable else i18n.t("wl_not_comparable_short", lang),
                _quartile_name(r.quartile, lang),
            ]
            for r in part.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=part["score"],
                y=part["label"],
                mode="markers",
                name=_quartile_name(quartile, lang),
                marker={"size": 15, "color": QUARTILE_COLOURS[quartile], "line": {"width": 1, "color": "white"}},
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
    for label, row in zip(labels, frame.itertuples(), strict=True):
        if pd.isna(row.score):
            fig.add_annotation(
                x=5.5, y=label, text=i18n.t("wl_no_score_year", lang, year=year), showarrow=False,
                font={"color": "#777777", "size": 12},
            )
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
    apply_layout(fig, wrap(title, 62), i18n.t("wl_score_axis", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", type="category")
    fig.update_xaxes(range=[0.5, 10.5], dtick=1, showgrid=True)
    # Keep every dimension row even when none is scored (categories come from the traces).
    fig.add_trace(go.Scatter(x=[None] * len(labels), y=labels, mode="markers", showlegend=False, hoverinfo="skip"))
    fig.update_layout(
        height=120 + 62 * len(labels),
        legend=LEGEND_BELOW,
        margin={"t": 80, "b": 100},
    )
    return _locale(fig, lang)


def tasks_per_dimension_figure(profile: pd.DataFrame, lang: str, year: int) -> go.Figure:
    """Tasks per dimension as horizontal bars, coloured by the dimension's national quartile in `year`."""
    frame = profile.sort_values("dimension").reset_index(drop=True)
    labels = [dimension_label(d, lang) for d in frame["dimension"]]
    names = [plain(i18n.dimension_name(int(d), lang)) for d in frame["dimension"]]
    most, least = int(frame["tasks"].max()), int(frame["tasks"].min())
    title = i18n.t(
        "wl_tasks_title",
        lang,
        most=_names([n for n, k in zip(names, frame["tasks"], strict=True) if k == most], lang),
        n=most,
        least=_names([n for n, k in zip(names, frame["tasks"], strict=True) if k == least], lang),
        m=least,
    )
    custom = [
        [
            _quartile_name(r.quartile, lang),
            _num(r.score, lang),
            _rank_text(r.rank, r.ranked_provinces, lang),
            r.dimension,
        ]
        for r in frame.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["tasks"],
            y=labels,
            orientation="h",
            marker={"color": [_quartile_colour(q) for q in frame["quartile"]]},
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
    apply_layout(fig, wrap(title, 42), i18n.t("wl_tasks_axis", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(range=[0, max(most, 1) * 1.15], dtick=5 if most > 10 else 1)
    fig.update_layout(height=140 + 50 * len(labels), margin={"t": 100})
    return _locale(fig, lang)


def effort_points(profile: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """Return the points of the effort–score chart: id, name, dimension, tasks, score, rank, percentile, quartile.

    `level` is "dimension" (profile = `queries.dimension_profile`) or "subdimension"
    (profile = `queries.subdimension_profile`). Ids: "d<n>" for a dimension, the key for a sub-dimension.
    """
    if level == "dimension":
        ids = [f"d{int(d)}" for d in profile["dimension"]]
        names = [i18n.dimension_name(int(d), lang) for d in profile["dimension"]]
    else:
        ids = list(profile["key"])
        names = list(profile["name_en" if lang == "en" else "name_vi"])
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": names,
            "dimension": profile["dimension"].astype(int).to_numpy(),
            "tasks": profile["tasks"].astype(int).to_numpy(),
            "score": profile["score"].to_numpy(),
            "rank": profile["rank"].to_numpy(),
            "ranked_provinces": profile["ranked_provinces"].to_numpy(),
            "percentile": profile["percentile"].to_numpy(),
            "quartile": profile["quartile"].to_numpy(),
        }
    )
    scored = frame[frame["percentile"].notna()].reset_index(drop=True)
    median_effort = float(scored["tasks"].median()) if not scored.empty else 0.0
    scored["weak_underserved"] = (scored["percentile"] < 50) & (scored["tasks"] <= median_effort)
    scored.attrs["median_effort"] = median_effort
    return scored


def effort_score_figure(points: pd.DataFrame, lang: str, level: str, year: int) -> go.Figure:
    """Tasks assigned against national percentile; the low-low quadrant is "weak and under-served"."""
    level_name = i18n.t("wl_level_dimension" if level == "dimension" else "wl_level_subdimension", lang).lower()
    median_effort = float(points.attrs.get("median_effort", points["tasks"].median() if len(points) else 0))
    weak = points[points["weak_underserved"]].sort_values("percentile")
    if weak.empty:
        title = i18n.t("wl_effort_none_title", lang, level=level_name, year=year)
    else:
        title = i18n.t(
            "wl_effort_title", lang, n=len(weak), level=level_name, names=_names([plain(n) for n in weak["name"]], lang)
        )
    # Points sharing a task count are spread a little sideways so none hides another.
    offsets = points.groupby("tasks").cumcount()
    sizes = points.groupby("tasks")["tasks"].transform("size")
    jitter = ((offsets - (sizes - 1) / 2) * 0.12).clip(-0.35, 0.35) if level != "dimension" else offsets * 0
    x_max = max(float(points["tasks"].max()) if len(points) else 1.0, 1.0)
    fig = go.Figure()
    fig.add_shape(
        type="rect", x0=-0.6, x1=median_effort, y0=0, y1=50, fillcolor=WEAK_ZONE_COLOUR, line={"width": 0},
        layer="below",
    )
    fig.add_annotation(
        x=-0.5, y=2, xanchor="left", yanchor="bottom", text="<b>" + i18n.t("wl_quadrant_weak", lang) + "</b>",
        showarrow=False, font={"color": QUARTILE_COLOURS[1], "size": 13},
    )
    fig.add_vline(x=median_effort, line={"color": "#555555", "dash": "dot", "width": 1})
    fig.add_hline(y=50, line={"color": "#555555", "dash": "dot", "width": 1})
    for quartile in (1, 2, 3, 4):
        mask = points["quartile"] == quartile
        part = points[mask]
        if part.empty:
            continue
        custom = [
            [r.id, plain(r.name), int(r.tasks), _num(r.score, lang), _rank_text(r.rank, r.ranked_provinces, lang)]
            for r in part.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=part["tasks"] + jitter[mask],
                y=part["percentile"],
                mode="markers+text",
                name=_quartile_name(quartile, lang),
                # Dimensions are few: name them all; sub-dimensions: name only the weak and under-served.
                text=[
                    wrap(n, 22) if w or level == "dimension" else ""
                    for n, w in zip(part["name"], part["weak_underserved"], strict=True)
                ],
                textposition=[
                    "middle left" if t > 0.7 * x_max else "middle right" for t in part["tasks"]
                ],
                textfont={"size": 11, "color": "#444444"},
                marker={"size": 14, "color": QUARTILE_COLOURS[quartile], "line": {"width": 1, "color": "white"}},
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
    apply_layout(fig, wrap(title, 95), i18n.t("wl_effort_x", lang), wrap(i18n.t("wl_effort_y", lang), 40))
    fig.update_xaxes(range=[-0.6, x_max + 1.6], dtick=1 if x_max <= 12 else 2, zeroline=False)
    fig.update_yaxes(range=[-3, 103], dtick=25)
    fig.update_layout(
        height=560, legend=LEGEND_BELOW, margin={"t": 80, "b": 100},
        clickmode="event+select",
    )
    return _locale(fig, lang)


def score_history_figure(history: pd.DataFrame, lang: str, name: str, province: str, axis_title: str) -> go.Figure:
    """A (sub-)dimension's score by year against the national median; no line across a methodology break."""
    if history.empty:
        fig = go.Figure()
        apply_layout(fig, i18n.t("wl_history_empty", lang, name=plain(name), province=plain(province)), "", "")
        return _locale(fig, lang)
    above = int((history["score"] > history["national_median"]).sum())
    title = i18n.t(
        "wl_history_title", lang, name=plain(name), province=plain(province), above=above, n=len(history)
    )
    fig = go.Figure()
    for number, (_, part) in enumerate(history.groupby("segment", sort=True)):
        custom = [[_rank_text(r.rank, r.ranked_provinces, lang)] for r in part.itertuples()]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["national_median"],
                mode="lines+markers",
                marker={"size": 4},
                name=i18n.t("wl_national_median", lang),
                legendgroup="median",
                showlegend=number == 0,
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
                showlegend=number == 0,
                line={"color": ROLE_COLOURS["led"], "width": 3},
                marker={"size": 8},
                customdata=custom,
                hovertemplate=(
                    "%{x}: " + plain(province) + " %{y:.2f} (" + i18n.t("wl_hover_rank", lang)
                    + " %{customdata[0]})<extra></extra>"
                ),
            )
        )
    apply_layout(fig, wrap(title, 48), i18n.t("wl_year_axis", lang), axis_title)
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_layout(height=440, legend=LEGEND_BELOW, margin={"t": 90, "b": 90})
    return _locale(fig, lang)


def agency_load_figure(load: pd.DataFrame, lang: str) -> go.Figure:
    """Tasks led and tasks implemented per agency (horizontal bars, most-leading agency on top)."""
    frame = load.reset_index(drop=True)
    labels = [wrap(a, 34) for a in frame["agency"]]
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
                marker={"color": ROLE_COLOURS[column]},
                text=[str(int(v)) if v > 0 else "" for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
                customdata=[[plain(a)] for a in frame["agency"]],
                hovertemplate="<b>%{customdata[0]}</b><br>" + i18n.t(key, lang) + ": %{x}<extra></extra>",
            )
        )
    apply_layout(fig, wrap(title, 60), i18n.t("wl_tasks_axis", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_layout(
        barmode="group", bargap=0.25, height=140 + 34 * len(labels),
        legend=LEGEND_BELOW, margin={"b": 90},
    )
    return _locale(fig, lang)


def agency_dimension_figure(matrix: pd.DataFrame, agencies: list[str], lang: str) -> go.Figure:
    """Agency × dimension heatmap of task counts; `agencies` gives the row order."""
    dims = list(range(1, 9))
    grid = (
        matrix.pivot_table(index="agency", columns="dimension", values="tasks", aggfunc="sum")
        .reindex(index=agencies, columns=dims)
    )
    top = matrix.sort_values(["tasks", "agency"], ascending=[False, True]).iloc[0] if len(matrix) else None
    if top is None:
        title = ""
    else:
        title = i18n.t(
            "wl_matrix_title",
            lang,
            agency=plain(top["agency"]),
            dimension=plain(i18n.dimension_name(int(top["dimension"]), lang)),
            n=int(top["tasks"]),
        )
    text = grid.map(lambda v: "" if pd.isna(v) else str(int(v)))
    x_labels = [i18n.t(f"wl_dim_short_{d}", lang) for d in dims]
    full_names = [[plain(f"{d}. {i18n.dimension_name(d, lang)}")] * len(grid.index) for d in dims]
    y_labels = [wrap(a, 34) for a in grid.index]
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
            colorbar={"title": {"text": i18n.t("wl_matrix_hover", lang)}, "thickness": 12},
            customdata=[list(col) for col in zip(*full_names, strict=True)],
            hovertemplate=(
                "<b>%{y}</b><br>%{customdata}<br>" + i18n.t("wl_matrix_hover", lang) + ": %{z}<extra></extra>"
            ),
        )
    )
    apply_layout(fig, wrap(title, 60), i18n.t("wl_dimension_axis", lang), "")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-90, tickfont={"size": 12})
    fig.update_layout(height=260 + 30 * len(y_labels), margin={"t": 90})
    return _locale(fig, lang)


# Display tables: the numbers behind each chart, with translated column names.


def dimension_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-dimension numbers: tasks, score, rank, percentile, median, change, best province, quartile."""
    return pd.DataFrame(
        {
            i18n.t("wl_col_dimension", lang): [
                f"{int(d)}. {i18n.dimension_name(int(d), lang)}" for d in profile["dimension"]
            ],
            i18n.t("wl_col_tasks", lang): profile["tasks"].astype(int).to_numpy(),
            i18n.t("wl_col_score", lang): profile["score"].round(2).to_numpy(),
            i18n.t("wl_col_rank", lang): [
                _rank_text(r, n, lang) for r, n in zip(profile["rank"], profile["ranked_provinces"], strict=True)
            ],
            i18n.t("wl_col_percentile", lang): profile["percentile"].round(0).to_numpy(),
            i18n.t("wl_col_median", lang): profile["national_median"].round(2).to_numpy(),
            i18n.t("wl_col_change", lang): profile["change"].astype(float).round(2).to_numpy(),
            i18n.t("wl_col_best", lang): profile["best_province"].to_numpy(),
            i18n.t("wl_col_best_score", lang): profile["best_score"].round(2).to_numpy(),
            i18n.t("wl_col_quartile", lang): [_quartile_name(q, lang) for q in profile["quartile"]],
        }
    )


def subdimension_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-sub-dimension numbers, including tasks given to the whole dimension."""
    name = "name_en" if lang == "en" else "name_vi"
    return pd.DataFrame(
        {
            i18n.t("wl_col_dimension", lang): profile["dimension"].astype(int).to_numpy(),
            i18n.t("wl_col_subdimension", lang): [
                f"{int(d)}.{int(s)} {n}"
                for d, s, n in zip(profile["dimension"], profile["subdimension"], profile[name], strict=True)
            ],
            i18n.t("wl_col_tasks", lang): profile["tasks"].astype(int).to_numpy(),
            i18n.t("wl_col_whole_tasks", lang): profile["whole_dimension_tasks"].astype(int).to_numpy(),
            i18n.t("wl_col_score", lang): profile["score"].round(2).to_numpy(),
            i18n.t("wl_col_rank", lang): [
                _rank_text(r, n, lang) for r, n in zip(profile["rank"], profile["ranked_provinces"], strict=True)
            ],
            i18n.t("wl_col_percentile", lang): profile["percentile"].round(0).to_numpy(),
            i18n.t("wl_col_median", lang): profile["national_median"].round(2).to_numpy(),
            i18n.t("wl_col_change", lang): profile["change"].astype(float).round(2).to_numpy(),
            i18n.t("wl_col_best", lang): profile["best_province"].to_numpy(),
            i18n.t("wl_col_quartile", lang): [_quartile_name(q, lang) for q in profile["quartile"]],
        }
    )


def weak_without_tasks(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Sub-dimensions below the national median (percentile < 50) with no task mapped to them, weakest first."""
    low = profile[(profile["percentile"] < 50) & (profile["tasks"] == 0)].sort_values("percentile")
    return subdimension_table(low, lang)


def effort_table(points: pd.DataFrame, lang: str, level: str) -> pd.DataFrame:
    """The numbers behind the effort–score chart."""
    column = i18n.t("wl_col_dimension" if level == "dimension" else "wl_col_subdimension", lang)
    return pd.DataFrame(
        {
            column: points["name"].to_numpy(),
            i18n.t("wl_col_tasks", lang): points["tasks"].to_numpy(),
            i18n.t("wl_col_score", lang): points["score"].round(2).to_numpy(),
            i18n.t("wl_col_rank", lang): [
                _rank_text(r, n, lang) for r, n in zip(points["rank"], points["ranked_provinces"], strict=True)
            ],
            i18n.t("wl_col_percentile", lang): points["percentile"].round(0).to_numpy(),
            i18n.t("wl_quadrant_weak", lang): points["weak_underserved"].to_numpy(),
        }
    )


def drill_options(dimensions: pd.DataFrame, subdimensions: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return {id: label} for the drill-down choice: each dimension ("d<n>") followed by its sub-dimensions."""
    name = "name_en" if lang == "en" else "name_vi"
    options: dict[str, str] = {}
    for dim in sorted(int(d) for d in dimensions["dimension"]):
        options[f"d{dim}"] = f"{dim}. {i18n.dimension_name(dim, lang)}"
        for row in subdimensions[subdimensions["dimension"] == dim].itertuples():
            options[str(row.key)] = f"    {dim}.{int(row.subdimension)} {getattr(row, name)}"
    return options


def _agencies_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else "; ".join(a.strip() for a in str(value).split(";"))


def tasks_table(tasks: pd.DataFrame, lang: str, with_coverage: bool = False) -> pd.DataFrame:
    """Plan tasks for display: id, section, task text (as written), lead and implementing agencies."""
    table = pd.DataFrame(
        {
            i18n.t("wl_col_task_id", lang): tasks["task_id"].to_numpy(),
            i18n.t("wl_col_section", lang): tasks["plan_section"].to_numpy(),
            i18n.t("wl_col_task", lang): tasks["task"].to_numpy(),
            i18n.t("wl_col_lead", lang): [_agencies_text(v) for v in tasks["lead_agency"]],
            i18n.t("wl_col_implementing", lang): [_agencies_text(v) for v in tasks["implementing_agencies"]],
        }
    )
    if with_coverage and "coverage" in tasks:
        table[i18n.t("wl_col_coverage", lang)] = [i18n.t(f"wl_coverage_{c}", lang) for c in tasks["coverage"]]
    return table


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The numbers behind the score-history chart."""
    return pd.DataFrame(
        {
            i18n.t("wl_col_year", lang): history["year"].astype(int).to_numpy(),
            i18n.t("wl_col_score", lang): history["score"].round(2).to_numpy(),
            i18n.t("wl_col_rank", lang): [
                _rank_text(r, n, lang) for r, n in zip(history["rank"], history["ranked_provinces"], strict=True)
            ],
            i18n.t("wl_col_median", lang): history["national_median"].round(2).to_numpy(),
        }
    )


def agency_table(load: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Tasks led and implemented per agency."""
    return pd.DataFrame(
        {
            i18n.t("wl_col_agency", lang): load["agency"].to_numpy(),
            i18n.t("wl_col_level", lang): load["level"].fillna("").to_numpy(),
            i18n.t("wl_col_led", lang): load["led"].astype(int).to_numpy(),
            i18n.t("wl_col_implemented", lang): load["implemented"].astype(int).to_numpy(),
        }
    )


def matrix_table(matrix: pd.DataFrame, agencies: list[str], lang: str) -> pd.DataFrame:
    """The agency × dimension counts as a wide table (0 where an agency has no task in a dimension)."""
    grid = (
        matrix.pivot_table(index="agency", columns="dimension", values="tasks", aggfunc="sum")
        .reindex(index=agencies, columns=range(1, 9))
        .fillna(0)
        .astype(int)
    )
    grid.columns = [f"{d}. {i18n.dimension_name(d, lang)}" for d in grid.columns]
    grid.index.name = i18n.t("wl_col_agency", lang)
    return grid.reset_index()


def missing_agency_table(missing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Tasks with no lead or no implementing agency, saying which is missing."""
    table = tasks_table(missing, lang)
    table.insert(1, i18n.t("wl_col_missing", lang), [i18n.t(f"wl_missing_{m}", lang) for m in missing["missing"]])
    return table


def agency_tasks_table(tasks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One agency's tasks with its role(s) in each."""
    table = tasks_table(tasks, lang)
    roles = [
        ", ".join(i18n.t(f"wl_role_{r}", lang) for r in str(v).split(";")) for v in tasks["role"]
    ]
    table.insert(1, i18n.t("wl_col_role", lang), roles)
    table.insert(2, i18n.t("wl_col_dimension", lang), tasks["dimension"].astype(int).to_numpy())
    return table



def markdown_safe(text: object) -> str:
    """Escape Markdown in a data text that a page puts into st.markdown/st.info/st.subheader."""
    value = plain(text)  # no HTML either
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~>$:" else ch for ch in value)


def default_pick(points: pd.DataFrame) -> str | None:
    """The drill-down item to show first: the weakest weak-and-under-served point, else the weakest point."""
    if points.empty:
        return None
    weak = points[points["weak_underserved"]]
    chosen = (weak if not weak.empty else points).sort_values(["percentile", "tasks"]).iloc[0]
    return str(chosen["id"])


def pick_details(pick: str, subdimensions: pd.DataFrame, lang: str) -> dict[str, object]:
    """Resolve a drill-down id ("d<n>" or a sub-dimension key) to dimension, key, name and score-axis title."""
    if pick.startswith("d") and pick[1:].isdigit():
        dimension = int(pick[1:])
        return {
            "dimension": dimension,
            "key": None,
            "name": i18n.dimension_name(dimension, lang),
            "axis_title": i18n.t("wl_score_axis", lang),
        }
    row = subdimensions[subdimensions["key"] == pick].iloc[0]
    low = i18n.number(float(row["scale_min"]), lang)
    high = i18n.number(float(row["scale_max"]), lang)
    return {
        "dimension": int(row["dimension"]),
        "key": pick,
        "name": str(row["name_en" if lang == "en" else "name_vi"]),
        "axis_title": i18n.t("wl_score_axis_sub", lang, low=low, high=high),
    }


def history_note(dimension: int, lang: str) -> str:
    """One sentence naming the methodology breaks that cut a dimension's score history."""
    reasons = papi.BREAK_REASONS_EN if lang == "en" else papi.BREAK_REASONS_VI
    texts = [reasons[year] for year in papi.BREAKS[dimension] if year in reasons]
    return i18n.t("wl_breaks_note", lang, reasons=" ".join(texts)) if texts else ""


def total_metrics(total: pd.DataFrame, lang: str, year: int) -> dict[str, str | None]:
    """Texts of the total-score and rank metrics: values, deltas against the year before, help and note.

    Deltas are None when the year before has no total or lies across the 2018 break (`note` says which).
    """
    row = total.iloc[0]
    prev = year - 1
    texts: dict[str, str | None] = {
        "total": i18n.number(float(row["total"]), lang),
        "rank": i18n.t("wl_rank_value", lang, rank=int(row["rank"]), ranked=int(row["ranked_provinces"])),
        "help": i18n.t("wl_total_help", lang, median=i18n.number(float(row["national_median"]), lang)),
        "total_delta": None,
        "rank_delta": None,
        "note": None,
    }
    if bool(row["comparable"]):
        texts["total_delta"] = i18n.t("wl_total_delta", lang, delta=_num(row["change"], lang, signed=True), prev=prev)
        texts["rank_delta"] = i18n.t("wl_rank_delta", lang, delta=int(row["prev_rank"]) - int(row["rank"]), prev=prev)
    elif pd.isna(row["prev_total"]):
        texts["note"] = i18n.t("wl_no_prev", lang, prev=prev)
    else:
        texts["note"] = i18n.t("wl_not_comparable", lang, prev=prev)
    return texts


def absent_dimensions(profile: pd.DataFrame) -> str:
    """The numbers of the dimensions not surveyed in the profile's year, e.g. "7, 8" ("" if none)."""
    return ", ".join(str(int(d)) for d, s in zip(profile["dimension"], profile["surveyed"], strict=True) if not s)


def unescape(text: str) -> str:
    """Undo `plain()` (for ids read back from a chart selection)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def concentration_texts(concentration: pd.DataFrame, lang: str) -> dict[str, str]:
    """Metric values and the two explaining sentences for `queries.lead_concentration` (Markdown-safe)."""
    row = concentration.iloc[0]
    share = i18n.number(100 * float(row["top_share"]), lang, 0) + "%"
    effective = i18n.number(float(row["effective_agencies"]), lang, 1)
    names = [markdown_safe(n) for n in str(row["top_agencies"]).split("; ")]
    return {
        "top_label": i18n.t("wl_top_share", lang, k=int(row["top"])),
        "top_share": share,
        "effective": effective,
        "gini": i18n.number(float(row["gini"]), lang, 2),
        "top_sentence": i18n.t(
            "wl_top_sentence",
            lang,
            k=int(row["top"]),
            names=", ".join(names),
            share=share,
            total=int(row["lead_assignments"]),
        ),
        "hhi_sentence": i18n.t(
            "wl_hhi_sentence",
            lang,
            hhi=i18n.number(float(row["hhi"]), lang, 3),
            effective=effective,
            n=int(row["lead_agencies"]),
            gini=i18n.number(float(row["gini"]), lang, 2),
        ),
    }
