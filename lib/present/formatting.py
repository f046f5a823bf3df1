"""Text and number formatting shared by figures (lib/present/charts.py), display tables
(lib/present/tables.py) and page texts (lib/present/views.py): escaping data text for Plotly and
Markdown, line wrapping, numbers with Vietnamese or English decimals, ranks, quartile names, and
dimension/measure labels.

Pure functions, no Streamlit.  Labels come from the catalogue (lib/domain/i18n.py); lists are
joined with `i18n.join`.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from lib.domain import i18n

# What a table or text shows where a value is missing (a missing score is absent, never 0).
MISSING = "—"
# Where a task linked to no PAPI dimension needs a dimension number (a filter option, a grid column).
UNMAPPED = 0


def is_missing(value: object) -> bool:
    """True for None and NaN/NA (a missing score, rank or quartile)."""
    return value is None or bool(pd.isna(value))


# --- escaping ---


def plain(text: object) -> str:
    """Return `text` safe to place in a Plotly string (no HTML from the data); missing → ""."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo `plain()` (for ids read back from a chart selection)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def markdown_safe(text: object) -> str:
    """Escape Markdown in a data text that a page puts into st.markdown/st.info/st.subheader."""
    value = plain(text)  # no HTML either
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~>$:" else ch for ch in value)


def wrap(text: object, width: int = 30, *, escaped: bool = False) -> str:
    """Break `text` into lines of at most about `width` characters joined with <br> (Plotly does not wrap).

    Data text is escaped with `plain()` first; pass `escaped=True` for a text that is already
    Plotly-safe (a title that embeds `plain()`-ed names), so it is not escaped twice.
    """
    safe = str(text) if escaped else plain(text)
    return "<br>".join(textwrap.wrap(safe, width=width)) or safe


# --- numbers and ranks ---


def number(value: object, lang: str, digits: int = 2, signed: bool = False) -> str:
    """Format a number with Vietnamese (comma) or English (point) decimals; missing → "—".

    `signed` puts a "+" before a positive value (a change).
    """
    if is_missing(value):
        return MISSING
    text = f"{float(value):,.{digits}f}"
    if lang != "en":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return ("+" + text) if signed and float(value) > 0 else text


def rank_text(rank: object, ranked: object, lang: str) -> str:
    """Return "rank/ranked" in words of `lang` (e.g. "62/63"), or "—" when there is no rank."""
    if is_missing(rank):
        return MISSING
    return i18n.t("wl_rank_value", lang, rank=int(rank), ranked=int(ranked))


# --- PAPI labels ---


def quartile_name(quartile: object, lang: str) -> str:
    """Return the PAPI-report name of a national quartile group (1 = bottom, 4 = top), or "no score"."""
    if is_missing(quartile):
        return i18n.t("wl_no_score", lang)
    return i18n.t(f"wl_quartile_{int(quartile)}", lang)


def name_column(lang: str) -> str:
    """The column holding a sub-dimension's name in `lang` ("name_vi" or "name_en")."""
    return "name_en" if lang == "en" else "name_vi"


def dimension_title(dimension: int, lang: str) -> str:
    """Return "n. Name" of a dimension; "not linked to PAPI" for a task without one (missing or `UNMAPPED`)."""
    if is_missing(dimension) or int(dimension) == UNMAPPED:
        return i18n.t("pv_unmapped", lang)
    return f"{int(dimension)}. {i18n.dimension_name(int(dimension), lang)}"


def dimension_label(dimension: int, lang: str, width: int = 30) -> str:
    """Return "n. Name" of a dimension, escaped and wrapped for a tick label."""
    return wrap(dimension_title(dimension, lang), width)


def measure_option(dimension: int, lang: str) -> str:
    """Label of a measure in a choice list: "n. Name" of a dimension, or the total score (0)."""
    return dimension_title(dimension, lang) if dimension else i18n.t("total_score", lang)


def measure_name(dimension: int, key_name: str | None, lang: str) -> str:
    """Return the name of a measure: the total, a dimension, or 'dimension › sub-dimension'."""
    if dimension == 0:
        return i18n.t("total_score", lang)
    name = i18n.dimension_name(dimension, lang)
    return f"{name} › {key_name}" if key_name else name
