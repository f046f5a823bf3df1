"""Figures of task status: the plan's completion as one stacked bar, and who is behind (per agency).

Pure functions from the frames of `lib.store.status_queries` to Plotly figures, in the
house style of `lib.present.charts`.  A task never reported has its own grey segment:
it is not counted as "not started".
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.domain import i18n
from lib.present import charts
from lib.present.formatting import plain, wrap
from lib.present.status_views import status_label

# One colour per status (colour-blind-safe order: done dark green … not reported light grey).
COLOURS = {
    "done": "#1b7837",
    "partly_done": "#7fbf7b",
    "in_progress": "#4393c3",
    "not_started": "#f4a582",
    "not_done": "#b2182b",
    None: "#d9d9d9",
}
SEGMENTS = ("done", "partly_done", "in_progress", "not_started", "not_done", None)


def completion_figure(completion: pd.DataFrame, lang: str) -> go.Figure:
    """The plan's tasks by status in one horizontal stacked bar, overdue in the title."""
    row = completion.iloc[0]
    fig = go.Figure()
    for code in SEGMENTS:
        count = int(row["unreported"] if code is None else row[code])
        label = status_label(code, lang)
        fig.add_trace(go.Bar(
            x=[count], y=[""], orientation="h", name=label, marker_color=COLOURS[code],
            text=[str(count) if count else ""], textposition="inside",
            hovertemplate=f"{plain(label)}: %{{x}}<extra></extra>",
        ))
    title = i18n.t("st_chart_completion", lang, tasks=int(row["tasks"]), overdue=int(row["overdue"]))
    charts.apply_layout(fig, title, "", "")
    fig.update_layout(barmode="stack", height=280, bargap=0.25, legend={**charts.LEGEND_BELOW, "traceorder": "normal"})
    fig.update_yaxes(showticklabels=False)
    fig.update_xaxes(range=[0, max(1, int(row["tasks"]))], title={"text": i18n.t("st_axis_tasks", lang)})
    return charts._locale(fig, lang)


def agency_completion_figure(agencies: pd.DataFrame, lang: str, top: int = 15) -> go.Figure:
    """The agencies with the most overdue tasks: their tasks by status, stacked, most overdue on top.
    Agency names are written above their bars (`charts.labels_above`) so the plot keeps a phone's width."""
    frame = agencies.head(top)
    labels = [wrap(a, charts.ROW_LABEL_CHARS) for a in frame["agency"]]
    fig = go.Figure()
    for code in SEGMENTS:
        values = frame["unreported"] if code is None else frame[code]
        label = status_label(code, lang)
        fig.add_trace(go.Bar(
            x=values.astype(int).tolist(), y=labels, orientation="h", name=label, marker_color=COLOURS[code],
            hovertemplate=f"%{{y}}<br>{plain(label)}: %{{x}}<extra></extra>",
        ))
    title = wrap(i18n.t("st_chart_agencies", lang, n=len(frame)), charts.TITLE_CHARS, escaped=True)
    charts.apply_layout(fig, title, i18n.t("st_axis_tasks", lang), "")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    pitch = 50
    charts.labels_above(fig, labels, gap_px=12, pitch_px=pitch)
    fig.update_layout(barmode="stack", bargap=0.55, legend=charts.LEGEND_BELOW)
    return charts.rows_of(charts._locale(fig, lang), len(labels), pitch)
