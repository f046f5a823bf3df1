"""Gather one brief's figures from the store with the dashboard's own queries.

Every figure comes from `lib.store.queries` (the functions behind the Overview
and Dimensions pages), called directly with a connection, so a brief's figures
are the dashboard's.  `lib.present.brief.render` then draws them.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from lib.domain import eras, paths, provinces
from lib.present.brief import BriefData, brief_file_name, render
from lib.store import queries, status_queries


class BriefError(ValueError):
    """A choice the store cannot answer (unknown plan year); `key` and `values` name the i18n message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(f"{key}: {values}")
        self.key = key
        self.values = values


def plan_years(plan: pd.Series) -> list[int]:
    """The plan years of a `queries.plan_summary` row ("2020" or "2020, 2021")."""
    return [int(y) for y in str(plan["plan_years"] or "").split(",") if y.strip()]


def gather(
    con: duckdb.DuckDBPyConnection,
    code: str,
    year: int,
    plan_year: int | None = None,
    *,
    plan_id: str | None = None,
    years: list[int] | None = None,
    today: dt.date | None = None,
) -> BriefData:
    """Collect the brief of province `code` (a code of `year`'s era) for PAPI `year`.

    The plan is one of the province's (a 2025 unit: of its former province of the
    same name, `provinces.predecessor`): `plan_id` (the dashboard's plan chooser),
    else the newest plan of `plan_year`, else the newest plan.  An unknown
    `plan_id` or a `plan_year` without a plan raises BriefError.
    The baseline is the last PAPI year with scores before the plan year.
    """
    era = eras.era_of_year(year)
    name = provinces.province_name(code, era) or code
    row = chosen_plan(con, code, era, name, plan_id, plan_year)
    plan_id = str(row["plan_id"]) if row is not None else None
    plan = queries.plan_summary(con, code, era, plan_id=plan_id).iloc[0]  # no plan: 0 tasks
    chosen = int(row["plan_year"]) if row is not None else None
    years = years if years is not None else queries.score_years(con)
    data = BriefData(
        code=code,
        era=era,
        province=name,
        year=year,
        total=queries.total_with_change(con, code, year),
        profile=queries.dimension_profile(con, code, year, plan_id=plan_id),
        subprofile=queries.subdimension_profile(con, code, year, plan_id=plan_id),
        plan={"tasks": int(plan["tasks"]), "agencies": int(plan.get("agencies", 0) or 0),
              "plan_years": str(plan["plan_years"] or "")},
        plan_year=chosen,
        plan_province=_plan_province(code, era),
        plan_id=plan_id,
        plan_document=str(row["document"] or "") if row is not None else "",
        made_on=today or dt.date.today(),
    )
    if era == eras.ERA_34:
        data.formers = [provinces.province_name(c, eras.ERA_63) or c for c in provinces.formers(code)]
    if data.has_plan:
        data.agencies = queries.agency_load(con, code, era, plan_id=plan_id)
        earlier = [y for y in years if chosen is not None and y < chosen]
        if earlier:
            data.baseline_year = max(earlier)
            base_era = eras.era_of_year(data.baseline_year)
            base_code = provinces.counterpart(code, era, base_era) if base_era != era else code
            if base_code:
                data.baseline_total = queries.total_with_change(con, base_code, data.baseline_year)
                data.baseline_profile = queries.dimension_profile(
                    con, base_code, data.baseline_year, plan_id=plan_id
                )
        if plan_id is not None:  # task status of the chosen plan
            data.status = status_queries.completion(con, plan_id, data.made_on)
            data.agency_status = status_queries.agency_completion(con, plan_id, data.made_on)
    data.changed_on, data.changed_by_upload = last_changed(con)
    return data


def last_changed(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, int | None]:
    """When the data last changed: the newest upload or rollback in the store's history,
    else the newest modification date of the data files the store was built from."""
    history = queries.upload_history(con)
    if not history.empty:
        newest = history.sort_values("committed_at").iloc[-1]
        return pd.Timestamp(newest["committed_at"]).date(), int(newest["id"])
    files = [paths.SCORES_CSV, paths.TASKS_CSV, paths.STRUCTURE_CSV]
    stamp = max(f.stat().st_mtime for f in files if f.exists())
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date(), None


def chosen_plan(
    con: duckdb.DuckDBPyConnection, code: str, era: str, name: str, plan_id: str | None, plan_year: int | None
) -> pd.Series | None:
    """The `queries.province_plans` row of the plan a brief shows (see `gather`); None when the province
    has no plan and none was asked for."""
    plans = queries.province_plans(con, code, era)
    if plan_id is not None:
        rows = plans[plans["plan_id"] == plan_id]
        if rows.empty:
            raise BriefError("pv_brief_unknown_plan", province=name, plan=plan_id,
                             plans=", ".join(plans["plan_id"].astype(str)) or "—")
        return rows.iloc[0]
    if plan_year is not None:
        rows = plans[plans["plan_year"] == plan_year]
        if rows.empty:
            available = sorted({int(y) for y in plans["plan_year"]})
            raise BriefError("br_cli_unknown_plan", province=name, plan_year=plan_year,
                             plans=", ".join(map(str, available)) or "—")
        return rows.iloc[0]
    return plans.iloc[0] if not plans.empty else None


def pdf(con: duckdb.DuckDBPyConnection, code: str, year: int, lang: str, plan_id: str | None = None) -> bytes:
    """The brief of province `code` for PAPI `year` and plan `plan_id` (default the newest) as PDF bytes
    (the Overview page's download)."""
    return render([gather(con, code, year, plan_id=plan_id)], lang)


def _plan_province(code: str, era: str) -> str | None:
    """The name of the 63-era province whose plan the brief of (era, code) shows (the queries take the
    plans of the same place in both eras: a 2025 unit shows its same-name former province's plan)."""
    former = code if era == eras.ERA_63 else provinces.predecessor(code)
    return provinces.province_name(former, eras.ERA_63) if former else None


def download_name(plan: pd.DataFrame, province: str, year: int, lang: str) -> str:
    """The file name `pdf` will be saved under, from `queries.plan_summary`."""
    row = plan.iloc[0] if not plan.empty else None
    years = plan_years(row) if row is not None and int(row["tasks"]) > 0 else []
    return brief_file_name(province, max(years) if years else None, year, lang)
