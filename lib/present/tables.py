"""Display tables: the numbers behind each chart (its "table view") and the lists a page shows,
as DataFrames with translated column names for st.dataframe.

Pure functions from the frames of lib/queries.py (or lib/views.py) to DataFrames; no Streamlit.
Missing scores and ranks stay missing (shown as "—", explained under the table), never 0.
`styled()` is what a page hands to st.dataframe: the numbers stay numbers (a column sorts by
value) and are shown with the decimal mark of the interface's language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from lib.domain import i18n
from lib.present import views
from lib.present.formatting import MISSING, dimension_title, name_column, quartile_name, rank_text

# Height of a row in the tables whose long texts (plan tasks) wrap: Streamlit's grid wraps a
# cell's text only in rows taller than 4 rem; 96 px shows four lines of a task.
WRAPPED_ROW_PX = 96


def decimal_mark(lang: str) -> str:
    """The decimal mark of `lang`: a comma in Vietnamese (4,77), a point in English (4.77)."""
    return "." if lang == "en" else ","


def styled(frame: pd.DataFrame, lang: str, digits: int = 2, per_column: Mapping[str, int] | None = None) -> Styler:
    """The table as st.dataframe should show it: decimals of `lang`, a missing value as "—".

    Floats get `digits` decimals (`per_column` overrides by column), integers none, and no
    thousands separator (years stay 2024).  Nothing else is changed: a missing score is
    shown as "—", never as 0 or "None".
    """
    mark = decimal_mark(lang)
    style = frame.style.format(precision=digits, decimal=mark, na_rep=MISSING)
    for column, places in (per_column or {}).items():
        if column in frame.columns:
            style = style.format(precision=places, decimal=mark, na_rep=MISSING, subset=[column])
    return style


def _ranks(frame: pd.DataFrame, lang: str) -> list[str]:
    """The "rank/ranked" text of every row of a frame with `rank` and `ranked_provinces`."""
    return [rank_text(r, n, lang) for r, n in zip(frame["rank"], frame["ranked_provinces"], strict=True)]


def _whole(values: pd.Series) -> pd.Series:
    """Rounded to whole numbers, a missing value kept missing (nullable integers)."""
    return values.astype(float).round(0).astype("Int64").reset_index(drop=True)


def _score_columns(profile: pd.DataFrame, lang: str, *, best_score: bool) -> dict[str, object]:
    """The score columns shared by the dimension and sub-dimension tables, in display order.

    Score, rank, percentile, national median, change, best province (and its score when
    `best_score`), quartile.
    """
    columns: dict[str, object] = {
        i18n.t("wl_col_score", lang): profile["score"].round(2).to_numpy(),
        i18n.t("wl_col_rank", lang): _ranks(profile, lang),
        i18n.t("wl_col_percentile", lang): _whole(profile["percentile"]),
        i18n.t("wl_col_median", lang): profile["national_median"].round(2).to_numpy(),
        i18n.t("wl_col_change", lang): profile["change"].astype(float).round(2).to_numpy(),
        i18n.t("wl_col_best", lang): profile["best_province"].to_numpy(),
    }
    if best_score:
        columns[i18n.t("wl_col_best_score", lang)] = profile["best_score"].round(2).to_numpy()
    columns[i18n.t("wl_col_quartile", lang)] = [quartile_name(q, lang) for q in profile["quartile"]]
    return columns


def dimension_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-dimension numbers: tasks, score, rank, percentile, median, change, best province, quartile."""
    return pd.DataFrame(
        {
            i18n.t("wl_col_dimension", lang): [dimension_title(d, lang) for d in profile["dimension"]],
            i18n.t("wl_col_tasks", lang): profile["tasks"].astype(int).to_numpy(),
            **_score_columns(profile, lang, best_score=True),
        }
    )


def subdimension_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-sub-dimension numbers, including tasks given to the whole dimension."""
    return pd.DataFrame(
        {
            i18n.t("wl_col_dimension", lang): profile["dimension"].astype(int).to_numpy(),
            i18n.t("wl_col_subdimension", lang): [
                f"{int(d)}.{int(s)} {n}"
                for d, s, n in zip(
                    profile["dimension"], profile["subdimension"], profile[name_column(lang)], strict=True
                )
            ],
            i18n.t("wl_col_tasks", lang): profile["tasks"].astype(int).to_numpy(),
            i18n.t("wl_col_whole_tasks", lang): profile["whole_dimension_tasks"].astype(int).to_numpy(),
            **_score_columns(profile, lang, best_score=False),
        }
    )


def weak_without_tasks(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Sub-dimensions below the national median (percentile < 50) with no task mapped to them, weakest first."""
    low = profile[(profile["percentile"] < 50) & (profile["tasks"] == 0)].sort_values("percentile")
    return subdimension_table(low, lang)


def effort_table(points: pd.DataFrame, lang: str, level: str) -> pd.DataFrame:
    """The numbers behind the effort–score chart (`points` from `views.effort_points`)."""
    column = i18n.t("wl_col_dimension" if level == "dimension" else "wl_col_subdimension", lang)
    return pd.DataFrame(
        {
            column: points["name"].to_numpy(),
            i18n.t("wl_col_tasks", lang): points["tasks"].to_numpy(),
            i18n.t("wl_col_score", lang): points["score"].round(2).to_numpy(),
            i18n.t("wl_col_rank", lang): _ranks(points, lang),
            i18n.t("wl_col_percentile", lang): _whole(points["percentile"]),
            i18n.t("wl_quadrant_weak", lang): ["✓" if w else "" for w in points["weak_underserved"]],
        }
    )


def _agencies_text(value: object) -> str:
    """A ";"-separated agency list as written, with the spaces around each name trimmed."""
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
            i18n.t("wl_col_rank", lang): _ranks(history, lang),
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
    grid = views.agency_dimension_grid(matrix, agencies).fillna(0).astype(int)
    grid.columns = [dimension_title(d, lang) for d in grid.columns]
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
    table.insert(2, i18n.t("wl_col_dimension", lang), tasks["dimension"].astype("Int64").to_numpy())  # NA: unmapped
    return table


def ranking_table(ranking: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the ranking with the quartile group named in `lang` (column `quartile_name`)."""
    table = ranking.copy()
    table["quartile_name"] = [quartile_name(q, lang) for q in table["quartile"]]
    return table
