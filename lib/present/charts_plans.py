"""Figures of the comparison of two plans (pages/plans.py): tasks per dimension and the agencies whose
load changed, the earlier plan's bar beside the later one's.  Pure functions from the frames of
`lib.present.plan_compare` to Plotly figures, in the house style of `lib.present.charts`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.domain import i18n
from lib.present import charts
from lib.present.formatting import dimension_label, plain, wrap

# The earlier plan light, the later plan dark (the order a reader reads them in).
PLAN_COLORS = ("#9dc3e6", "#1f4e79")
# The agencies chart shows the agencies whose load changed most.
TOP_AGENCIES = 12
# Height of one row (a pair of bars and the label above it).
PITCH_PX = 60


def _finish(fig: go.Figure, lang: str, rows: int) -> go.Figure:
    """Decimal mark of `lang`, room for every line of the title and of the top row's label, margins for
    the legend, height for `rows` (as `charts` does for its own figures)."""
    title = fig.layout.title.text or ""
    top = 26 + 21 * (title.count("<br>") + 1)
    above = charts.row_labels(fig)
    if above:
        top += above[0].count("<br>") * charts.LABEL_LINE_PX
    fig.update_layout(separators=charts.SEPARATORS[lang == "en"], margin={"t": top})
    charts.reserve_margins(fig)
    return charts.rows_of(fig, rows, PITCH_PX)


def _paired_bars(labels: list[str], before: list[int], after: list[int], names: tuple[str, str],
                 hover_names: list[str]) -> go.Figure:
    fig = go.Figure()
    for values, name, color in ((before, names[0], PLAN_COLORS[0]), (after, names[1], PLAN_COLORS[1])):
        fig.add_trace(
            go.Bar(
                x=values,
                y=labels,
                orientation="h",
                name=name,
                marker={"color": color},
                text=[str(v) for v in values],
                textposition="outside",
                cliponaxis=False,
                customdata=[[h] for h in hover_names],
                hovertemplate="<b>%{customdata[0]}</b><br>" + plain(name) + ": %{x}<extra></extra>",
            )
        )
    return fig


def dimension_compare_figure(table: pd.DataFrame, lang: str, before_label: str, after_label: str,
                             before_year: object, after_year: object) -> go.Figure:
    """Tasks per dimension of the two plans (`plan_compare.dimension_counts`), dimension 1 on top, the
    tasks linked to no PAPI dimension last."""
    labels = [
        wrap(i18n.t("pv_unmapped", lang), charts.ROW_LABEL_CHARS) if pd.isna(d)
        else dimension_label(int(d), lang, charts.ROW_LABEL_CHARS)
        for d in table["dimension"]
    ]
    fig = _paired_bars(labels, [int(v) for v in table["before"]], [int(v) for v in table["after"]],
                       (before_label, after_label), labels)
    title = i18n.t("pv_cmp_chart_title", lang, before_year=before_year, after_year=after_year)
    charts.apply_layout(fig, wrap(title, charts.TITLE_CHARS), i18n.t("pv_cmp_tasks_axis", lang), "")
    most = max(int(table[["before", "after"]].to_numpy().max()), 1)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(range=[0, most * 1.15], dtick=5 if most > 10 else 1)
    charts.labels_above(fig, labels, gap_px=18, pitch_px=PITCH_PX)  # half the pair of bars (15 px) and a little
    fig.update_layout(barmode="group", bargap=0.5, legend=charts.LEGEND_BELOW, margin={"b": 90})
    return _finish(fig, lang, len(labels))


def agency_change_figure(changes: pd.DataFrame, lang: str, before_label: str, after_label: str) -> go.Figure:
    """Distinct tasks of each agency in the two plans, for the `TOP_AGENCIES` whose count changed most
    (`plan_compare.agency_changes`, already in that order)."""
    top = changes.head(TOP_AGENCIES)
    labels = [wrap(a, charts.ROW_LABEL_CHARS) for a in top["agency"]]
    fig = _paired_bars(labels, [int(v) for v in top["tasks_before"]], [int(v) for v in top["tasks_after"]],
                       (before_label, after_label), [plain(a) for a in top["agency"]])
    charts.apply_layout(fig, wrap(i18n.t("pv_cmp_agency_chart_title", lang), charts.TITLE_CHARS),
                        i18n.t("pv_cmp_tasks_axis", lang), "")
    most = max(int(top[["tasks_before", "tasks_after"]].to_numpy().max()) if len(top) else 0, 1)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    fig.update_xaxes(range=[0, most * 1.15], dtick=5 if most > 10 else 1)
    charts.labels_above(fig, labels, gap_px=18, pitch_px=PITCH_PX)  # half the pair of bars (15 px) and a little
    fig.update_layout(barmode="group", bargap=0.5, legend=charts.LEGEND_BELOW, margin={"b": 90})
    return _finish(fig, lang, max(len(labels), 1))
