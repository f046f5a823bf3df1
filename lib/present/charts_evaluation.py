"""Figures of the plan evaluation page: each sub-dimension's change against the national median's, and
tasks against change across plans."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.domain import i18n
from lib.present.charts import (
    LEGEND_BELOW,
    MEDIAN_COLOR,
    NARROW_FIGURE_PX,
    PROVINCE_COLOR,
    TITLE_CHARS,
    _locale,
    apply_layout,
    numbers,
    wrap,
)
from lib.present.formatting import plain

UNTARGETED_COLOR = "#7f8c8d"
ROW_PX = 26  # one sub-dimension's row


def _label(row: pd.Series) -> str:
    return f"{int(row['dimension'])}.{int(row['subdimension'])}"


def change_figure(rows: pd.DataFrame, lang: str, baseline: int, year: int) -> go.Figure:
    """One row per compared sub-dimension ("5.1" … on the axis, its name on hover): the province's change
    from `baseline` to `year` (red where the plan gave tasks, grey where not) and the national median's
    change (a dark tick)."""
    compared = rows[rows["change"].notna()].sort_values(["dimension", "subdimension"], ascending=False)
    fig = go.Figure()
    labels = [_label(r) for _, r in compared.iterrows()]
    name_column = "name_en" if lang == "en" else "name_vi"
    fig.add_trace(
        go.Scatter(
            x=numbers(compared["national_change"]), y=labels, mode="markers",
            marker={"symbol": "line-ns-open", "size": 16, "color": MEDIAN_COLOR, "line": {"width": 3}},
            name=i18n.t("ev_chart_national", lang),
            hovertemplate="%{y}: " + i18n.t("ev_chart_national", lang) + " %{x:+.2f}<extra></extra>",
        )
    )
    for targeted, color, key in ((True, PROVINCE_COLOR, "ev_chart_targeted"),
                                 (False, UNTARGETED_COLOR, "ev_chart_untargeted")):
        part = compared[compared["targeted"] == targeted]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=numbers(part["change"]), y=[_label(r) for _, r in part.iterrows()], mode="markers",
                marker={"size": 11, "color": color, "symbol": "circle" if targeted else "diamond"},
                name=i18n.t(key, lang),
                customdata=[[plain(n), int(t)] for n, t in zip(part[name_column], part["tasks"], strict=True)],
                hovertemplate="%{y} %{customdata[0]}: %{x:+.2f} (%{customdata[1]})<extra></extra>",
            )
        )
    fig.add_vline(x=0, line={"color": "#bbbbbb", "width": 1})
    title = i18n.t("ev_chart_title", lang, baseline=baseline, year=year)
    apply_layout(fig, wrap(title, TITLE_CHARS), i18n.t("ev_chart_x", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, type="category")
    fig.update_layout(height=140 + ROW_PX * max(len(labels), 3), legend=LEGEND_BELOW, margin={"b": 90})
    return _locale(fig, lang, NARROW_FIGURE_PX)


def across_plans_figure(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Each sub-dimension of each plan: tasks given (x) against its change beyond the national median's (y)."""
    fig = go.Figure()
    name_column = "name_en" if lang == "en" else "name_vi"
    for plan_year, part in frame.groupby("plan_year", sort=True):
        fig.add_trace(
            go.Scatter(
                x=numbers(part["tasks"]), y=numbers(part["change"] - part["national_change"]), mode="markers",
                marker={"size": 10}, name=str(plan_year),
                customdata=[[_label(r), plain(r[name_column])] for _, r in part.iterrows()],
                hovertemplate="%{customdata[0]} %{customdata[1]}: %{x} → %{y:+.2f}<extra></extra>",
            )
        )
    fig.add_hline(y=0, line={"color": "#bbbbbb", "width": 1})
    apply_layout(fig, "", i18n.t("ev_across_x", lang), i18n.t("ev_across_y", lang))
    fig.update_layout(height=380, legend=LEGEND_BELOW, margin={"t": 30, "b": 90})
    return _locale(fig, lang, NARROW_FIGURE_PX)
