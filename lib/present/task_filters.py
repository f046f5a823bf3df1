"""Filtering the task table: pure functions over the DataFrame of `queries.tasks_with_scores`.

Search ignores Vietnamese diacritics, đ/Đ and case (`lib.text.fold`): "tiep cong
dan" finds "tiếp công dân".  It looks in the task text, the lead and
implementing agencies, the task id and the plan section title.  Filters are
multi-selects: an empty selection means "no filter"; a task matches an agency
or sub-dimension filter when any of its ';'-separated values is selected.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.domain import i18n
from lib.domain.text import fold
from lib.present.formatting import UNMAPPED

SEPARATOR = ";"


def split_values(value: object) -> list[str]:
    """Return the trimmed, non-empty parts of a ';'-separated cell (none for a missing cell)."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


def options(frame: pd.DataFrame, column: str) -> list[str]:
    """Return the distinct ';'-separated values of `column`, sorted diacritic-insensitively."""
    values = {part for cell in frame[column] for part in split_values(cell)}
    return sorted(values, key=lambda v: (fold(v), v))


def dimension_options(frame: pd.DataFrame) -> list[int]:
    """Return the dimensions that have tasks, ascending, then `UNMAPPED` when some task has none."""
    mapped = sorted({int(d) for d in frame["dimension"].dropna()})
    return mapped + ([UNMAPPED] if frame["dimension"].isna().any() else [])


def parse_dimensions(text: str, allowed: list[int]) -> list[int]:
    """Parse a URL value like "2,6" into the allowed dimension numbers it names (others are ignored)."""
    wanted = [int(part) for part in (text or "").split(",") if part.strip().isdigit()]
    return [d for d in dict.fromkeys(wanted) if d in allowed]


def name_map(names: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return {sub-dimension key: name in `lang`} from `queries.subdimension_names`."""
    column = "name_en" if lang == "en" else "name_vi"
    return dict(zip(names["key"].astype(str), names[column].astype(str), strict=True))


def with_subdimension_names(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Return `frame` with `subdimension_names`: its sub-dimension keys as names, '; '-joined."""
    out = frame.copy()
    out["subdimension_names"] = [
        "; ".join(names.get(key, key) for key in split_values(cell)) for cell in out["papi_subdimensions"]
    ]
    return out


def with_plan_names(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Return `frame` with `plan_name`: each task's plan as `names` ({plan_id: name}) calls it."""
    out = frame.copy()
    out["plan_name"] = [names.get(p, p) for p in out["plan_id"]]
    return out


def _any_selected(cells: pd.Series, selected: Iterable[str]) -> pd.Series:
    wanted = set(selected)
    return cells.map(lambda cell: bool(wanted.intersection(split_values(cell))))


def filter_tasks(
    frame: pd.DataFrame,
    search: str = "",
    dimensions: Iterable[int] = (),
    subdimensions: Iterable[str] = (),
    lead: Iterable[str] = (),
    implementing: Iterable[str] = (),
) -> pd.DataFrame:
    """Return the rows of `frame` that match the search phrase and every non-empty filter.

    `search` is folded and matched as a phrase (whitespace collapsed), so word
    order matters and "tiep cong dan" does not match "công dân ... tiếp cận".
    """
    mask = pd.Series(True, index=frame.index)
    phrase = fold(search or "")
    if phrase:
        mask &= frame["search_text"].str.contains(phrase, regex=False)
    dims = {int(d) for d in dimensions}
    if dims:
        # A task linked to no dimension (missing) matches the UNMAPPED option.
        mask &= frame["dimension"].isin(dims) | (frame["dimension"].isna() & (UNMAPPED in dims))
    subs = list(subdimensions)
    if subs:
        mask &= _any_selected(frame["papi_subdimensions"], subs)
    leads = list(lead)
    if leads:
        mask &= _any_selected(frame["lead_agency"], leads)
    implementers = list(implementing)
    if implementers:
        mask &= _any_selected(frame["implementing_agencies"], implementers)
    return frame[mask].reset_index(drop=True)


def status_options(frame: pd.DataFrame) -> list[str]:
    """The status codes present in a frame of `status_views.task_columns` ("none" = never reported)."""
    codes = set(frame["status"].where(frame["status"].notna(), "none")) if "status" in frame else set()
    order = ["done", "partly_done", "in_progress", "not_started", "not_done", "none"]
    return [code for code in order if code in codes]


def filter_status(frame: pd.DataFrame, statuses: Iterable[str] = (), overdue_only: bool = False) -> pd.DataFrame:
    """Keep tasks whose status is one of `statuses` ("none" = never reported; none given = any), and only
    the overdue ones when asked."""
    out = frame
    wanted = list(statuses)
    if wanted:
        codes = out["status"].where(out["status"].notna(), "none")
        out = out[codes.isin(wanted)]
    if overdue_only:
        out = out[out["overdue"].astype(bool)]
    return out.reset_index(drop=True)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Return the rows of `frame` as dicts, with None (not NaN) for missing cells."""
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def selected_row(frame: pd.DataFrame, rows: list[int]) -> pd.Series | None:
    """Return the row a table selection points at, or None (no selection, or the table changed)."""
    if not rows or rows[0] >= len(frame):
        return None
    return frame.iloc[rows[0]].where(frame.iloc[rows[0]].notna(), None)


EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("task_id", "col_task_id"),
    ("plan_name", "pv_col_plan"),
    ("dimension", "col_dimension_no"),
    ("dimension_name", "dimension"),
    ("plan_section", "col_plan_section"),
    ("plan_section_title", "col_plan_section_title"),
    ("task", "col_task"),
    ("lead_agency", "col_lead_agency"),
    ("implementing_agencies", "col_implementing_agencies"),
    ("subdimension_names", "col_subdimensions"),
    ("score_year", "col_score_year"),
    ("score", "col_latest_score"),
    ("rank", "rank"),
    ("ranked_provinces", "col_ranked_provinces"),
    ("status_label", "st_col_status"),
    ("due_text", "st_col_due"),
    ("note", "st_col_note"),
)


def export_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the filtered tasks with the columns a download holds, headed in `lang`.

    Task texts and agency names stay as written; scores are rounded to the two
    decimals the page shows.
    """
    present = [(column, label) for column, label in EXPORT_COLUMNS if column in frame.columns]
    out = frame[[column for column, _ in present]].copy()
    if "score" in out.columns:
        out["score"] = out["score"].round(2)
    out.columns = [i18n.t(label, lang) for _, label in present]
    return out
