"""Figures: pure functions from DataFrames (from lib/queries.py) to Plotly figures.

No Streamlit here. Pages pass the frames they got through ui.query and render the
figures with st.plotly_chart. Titles, axis titles and hover texts arrive already
translated (the page looks them up in lib/i18n.py) or are built from i18n here.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

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
