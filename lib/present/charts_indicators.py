"""The indicator drill-down of a sub-dimension (PAPI 2018, 2019): figure, display table and notes.

Pure functions from the frame of `queries.subdimension_indicators` (already sorted with the
indicators that pull the sub-dimension down first) to a Plotly figure, a display table and
the sentences around them.  No Streamlit here.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.domain import i18n
from lib.present import charts
from lib.present.formatting import MISSING, is_missing, markdown_safe, number, plain, wrap

# A value printed on a "0%-100%" scale is a share stored as 0-1 in the file; shown as a percent.
PERCENT_SCALE = "0%-100%"
# Marks an English-mode name that PAPI published in Vietnamese only.
VI_ONLY_MARK = "†"
NAME_CHARS = 48  # wrap width of an indicator's name on the chart's axis
BELOW_COLOR = charts.QUARTILE_COLORS[1]
ABOVE_COLOR = charts.QUARTILE_COLORS[3]


def indicator_name(row: pd.Series | dict, lang: str) -> str:
    """The indicator's name in `lang`: English where PAPI printed one, else Vietnamese (marked in English)."""
    name_en = row.get("name_en")
    if lang == "en":
        return str(name_en) if not is_missing(name_en) and str(name_en) else f"{row['name_vi']} {VI_ONLY_MARK}"
    return str(row["name_vi"])


def _is_share(row: pd.Series | dict) -> bool:
    """A share stored as 0-1: printed on the 0%-100% scale and no province above 1."""
    return row.get("scale") == PERCENT_SCALE and not is_missing(row.get("national_max")) and row["national_max"] <= 1


def value_text(value: object, row: pd.Series | dict, lang: str) -> str:
    """A value as a reader expects it: a share as "52,4%", any other number with two decimals; missing → "—"."""
    if is_missing(value):
        return MISSING
    if _is_share(row):
        return number(100 * float(value), lang, 1) + "%"
    return number(float(value), lang, 2)


def _better(value: object, lang: str) -> str:
    if value == "higher":
        return i18n.t("ind_better_higher", lang)
    if value == "lower":
        return i18n.t("ind_better_lower", lang)
    return i18n.t("ind_better_unclear", lang)


def indicator_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Display table, in the order of `frame`: indicator, scale, value, national median, rank, percentile, direction."""
    rows = [row for _, row in frame.iterrows()]
    ranks = [
        MISSING if is_missing(r["rank"]) else f"{int(r['rank'])}/{int(r['provinces'])}" for r in rows
    ]
    return pd.DataFrame(
        {
            i18n.t("ind_col_indicator", lang): [f"{r['indicator_no']} {indicator_name(r, lang)}" for r in rows],
            i18n.t("ind_col_value", lang): [value_text(r["value"], r, lang) for r in rows],
            i18n.t("ind_col_median", lang): [value_text(r["national_median"], r, lang) for r in rows],
            i18n.t("ind_col_rank", lang): ranks,
            i18n.t("ind_col_percentile", lang): pd.array(
                [None if is_missing(r["percentile"]) else round(float(r["percentile"])) for r in rows], dtype="Int64"
            ),
            i18n.t("ind_col_better", lang): [_better(r["better"], lang) for r in rows],
            i18n.t("ind_col_scale", lang): [str(r["scale"]) if not is_missing(r["scale"]) else MISSING for r in rows],
        }
    )


def indicator_figure(frame: pd.DataFrame, lang: str, name: str, province: str, year: int) -> go.Figure:
    """Horizontal bars: the province's percentile in each ranked indicator, the weakest at the top.

    A bar left of 50 (the national median) is an indicator pulling the sub-dimension down.
    Indicators without a direction or a value are not drawn (the table lists them).
    """
    ranked = frame[frame["percentile"].notna()]
    rows = [row for _, row in ranked.iterrows()]
    labels = [wrap(f"{r['indicator_no']} {indicator_name(r, lang)}", NAME_CHARS) for r in rows]
    percentiles = [float(r["percentile"]) for r in rows]
    hover = [
        [value_text(r["value"], r, lang), value_text(r["national_median"], r, lang)] for r in rows
    ]
    fig = go.Figure(
        go.Bar(
            x=percentiles,
            y=labels,
            orientation="h",
            marker={"color": [BELOW_COLOR if p < 50 else ABOVE_COLOR for p in percentiles]},
            customdata=hover,
            hovertemplate=(
                f"<b>%{{y}}</b><br>{i18n.t('ind_col_percentile', lang)}: %{{x:.0f}}"
                f"<br>{i18n.t('ind_hover_value', lang)}: %{{customdata[0]}}"
                f"<br>{i18n.t('ind_hover_median', lang)}: %{{customdata[1]}}<extra></extra>"
            ),
        )
    )
    fig.add_vline(
        x=50, line={"color": charts.MEDIAN_COLOR, "dash": "dot", "width": 2},
        annotation_text=i18n.t("ind_median_line", lang), annotation_position="top",
    )
    title = i18n.t("ind_chart_title", lang, province=plain(province), name=plain(name), year=year)
    charts.apply_layout(fig, wrap(title, charts.TITLE_CHARS, escaped=True), i18n.t("ind_axis", lang), "")
    lines = sum(label.count("<br>") + 1 for label in labels)
    fig.update_layout(height=max(260, 20 * lines + 24 * len(labels) + 140), bargap=0.25, showlegend=False)
    fig.update_xaxes(range=[0, 100], dtick=25)
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    # Comma decimals in Vietnamese; room above the plot for each line of the title (as the other charts).
    top = 26 + 21 * (fig.layout.title.text.count("<br>") + 1) + 16  # + the median line's label
    fig.update_layout(separators=charts.SEPARATORS[lang == "en"], margin={"t": top})
    return charts.reserve_margins(fig, charts.WIDE_FIGURE_PX)


def notes(frame: pd.DataFrame, lang: str, province: str, year: int) -> list[str]:
    """The sentences under the drill-down: how to read it, and what is not ranked, missing or Vietnamese only.

    Markdown-safe (for st.caption): names such as "Hiểu biết … (%)*" carry Markdown characters.
    """
    texts = [i18n.t("ind_caption", lang, province=markdown_safe(province), year=year)]
    unranked = frame[frame["better"].isna() & frame["value"].notna()]
    if not unranked.empty:
        items = i18n.join(
            [markdown_safe(f"{r['indicator_no']} {indicator_name(r, lang)}") for _, r in unranked.iterrows()], lang
        )
        texts.append(i18n.t("ind_unranked", lang, items=items))
    missing = int(frame["value"].isna().sum())
    if missing:
        texts.append(i18n.t("ind_missing", lang, n=missing))
    if lang == "en" and (frame["name_en"].isna() | (frame["name_en"] == "")).any():
        texts.append(i18n.t("ind_vi_only", lang, mark=VI_ONLY_MARK))
    return texts


def not_published(year: int, years: list[int], lang: str) -> str:
    """The message for a year whose sources publish no indicators."""
    return i18n.t("ind_not_published", lang, year=year, years=i18n.join([str(y) for y in years], lang))
