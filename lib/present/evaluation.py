"""Judging a plan by what moved: its baseline, the before/after of every (sub-)dimension, and how
unusual each change was.

A plan is written against its **baseline**: the last PAPI survey published before
the plan year (PAPI of year Y comes out in the spring of Y+1, so a 2020 plan reads
the 2019 survey).  For each later survey the province's change from the baseline
is set beside the change of the national median and of the comparison group, and
placed among every province's change of that year (its percentile), so a reader
sees whether a rise is unusual or what everyone got.  Targeted sub-dimensions (those
the plan gave a task) are compared with the untargeted ones of the same province: a
difference in differences on changes relative to the national median, in percent of
each sub-dimension's scale so that sub-dimensions of different scales can be pooled.

Honesty rules: no change across a methodology break (`papi.segment`) or the 2025
change of units; PAPI's published uncertainty is used where it exists (the 2019
dimension variances and composite intervals) and a change inside it is never called
a rise; where none is published, that is said.  A before/after comparison is not
proof that the tasks caused a change, and the texts say so.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from lib.domain import eras, i18n, papi, provinces
from lib.present.formatting import number
from lib.store import evaluation_queries, queries

Z95 = 1.959964  # two-sided 95% normal quantile: the published intervals are 95% intervals
UNUSUAL_PERCENTILE = 75.0  # a change above three quarters of the provinces' changes is "more than most"

ROW_COLUMNS = [
    "level", "dimension", "key", "subdimension", "name_vi", "name_en", "scale_min", "scale_max", "tasks",
    "whole_dimension_tasks", "targeted", "baseline_year", "year", "baseline_score", "baseline_median", "score",
    "change",
    "national_change", "peer_change", "percentile", "provinces_compared", "half_width", "verdict", "reason",
]


def baseline_year(plan_year: int, years: Sequence[int]) -> int | None:
    """The plan's baseline: the last survey year with scores before `plan_year` (None when there is none)."""
    earlier = [int(y) for y in years if int(y) < int(plan_year)]
    return max(earlier) if earlier else None


def plan_year(plans: pd.DataFrame, plan_id: str | None) -> int | None:
    """The plan year of plan `plan_id` among the province's `plans` (`queries.province_plans`), or None."""
    chosen = plans[plans["plan_id"] == plan_id] if plan_id is not None else plans.iloc[0:0]
    return int(chosen["plan_year"].iloc[0]) if len(chosen) else None


def plan_baseline(plans: pd.DataFrame, plan_id: str | None, years: Sequence[int]) -> int | None:
    """The baseline of plan `plan_id` among the province's `plans` (`queries.province_plans`), or None."""
    year = plan_year(plans, plan_id)
    return baseline_year(year, years) if year is not None else None


@dataclass
class Evaluation:
    """The before/after of one plan: one row per (measure, later survey), and the difference in differences."""

    plan_year: int
    baseline: int | None
    later: list[int]
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ROW_COLUMNS))
    did: pd.DataFrame = field(default_factory=pd.DataFrame)


def _place_code(code: str, era: str, year: int) -> str | None:
    """The province's code in the list of `year` (its counterpart across the change of units)."""
    target = eras.era_of_year(year)
    return code if target == era else provinces.counterpart(code, era, target)


def _comparable(dimension: int, baseline: int, year: int) -> bool:
    return papi.segment(baseline, dimension) == papi.segment(year, dimension)


def _half_widths(uncertainty: pd.DataFrame | None) -> dict[int, float]:
    """Published 95% half-widths of the baseline's dimension scores: Z95 · √variance, where published."""
    if uncertainty is None or uncertainty.empty or "variance" not in uncertainty:
        return {}
    rows = uncertainty[(uncertainty["measure"] == "dimension") & uncertainty["variance"].notna()]
    return {int(d): Z95 * math.sqrt(float(v)) for d, v in zip(rows["dimension"], rows["variance"], strict=True)}


def _verdict(change: float, percentile: float | None, half_width: float | None) -> str:
    if half_width is not None and abs(change) <= half_width:
        return "within_uncertainty"
    if change < 0:
        return "fell"
    if change == 0:
        return "unchanged"
    if percentile is not None and percentile >= UNUSUAL_PERCENTILE:
        return "rose_more_than_most"
    return "rose_like_most"


def _median(values: Iterable[float]) -> float:
    """The median of the values that are not NaN (as pandas' `Series.median`); NaN when none is."""
    present = [v for v in values if not math.isnan(v)]
    return statistics.median(present) if present else math.nan


def evaluate(
    plan: dict[str, object],
    years: Sequence[int],
    targets: pd.DataFrame,
    scores: pd.DataFrame,
    peers: Sequence[str] = (),
    uncertainty: pd.DataFrame | None = None,
) -> Evaluation:
    """Judge `plan` (plan_year, era, province_code) against its baseline.

    `years` are the survey years with scores; `targets` is `evaluation_queries.plan_targets`;
    `scores` is `evaluation_queries.scores_for_years` for the baseline and every later year;
    `peers` are comparison-group codes of the plan's era; `uncertainty` is what PAPI published
    for the province's baseline scores (`queries.published_uncertainty`), or None.
    """
    plan_year, era, code = int(plan["plan_year"]), str(plan["era"]), str(plan["province_code"])
    base = baseline_year(plan_year, years)
    later = sorted(int(y) for y in years if base is not None and int(y) > base)
    result = Evaluation(plan_year=plan_year, baseline=base, later=later)
    if base is None:
        return result

    direct = targets[targets["key"].notna()].groupby("key")["tasks"].sum().to_dict()
    whole = targets[targets["key"].isna() & targets["dimension"].notna()]
    whole_by_dim = {int(d): int(n) for d, n in zip(whole["dimension"], whole["tasks"], strict=True)}
    by_dim = targets[targets["dimension"].notna()].groupby("dimension")["tasks"].sum()
    tasks_by_dim = {int(d): int(n) for d, n in by_dim.items()}
    half_widths = _half_widths(uncertainty)

    measure = scores["key"].fillna("").astype(str) + "#" + scores["dimension"].astype(str)
    scores = scores.assign(measure=measure)
    base_code = _place_code(code, era, base)
    # Scores split once into {year: {measure: {province: score}}}: each (year, measure) below is a lookup, not
    # a scan of every score row, so judging a plan stays linear in the rows read.
    by_year: dict[int, dict[str, dict[str, float]]] = {}
    columns = (scores[c].tolist() for c in ("year", "measure", "province_code", "score"))  # lists: fast to walk
    for year, measure_of, province, score in zip(*columns, strict=True):
        by_year.setdefault(int(year), {}).setdefault(measure_of, {}).setdefault(str(province), float(score))
    base_scores = by_year.get(base, {})
    base_rows = scores[scores["year"] == base]
    own_base = base_rows[base_rows["province_code"] == base_code]
    base_medians = base_rows.groupby("measure")["score"].median()

    rows: list[dict[str, object]] = []
    for year in later:
        year_code = _place_code(code, era, year)
        year_scores = by_year.get(year, {})
        crossing = eras.era_of_year(year) != eras.era_of_year(base)
        peer_codes = {_place_code(p, era, year) for p in peers} - {None, year_code}
        for base_row in own_base.itertuples(index=False):
            dimension = int(base_row.dimension)
            key = None if pd.isna(base_row.key) else str(base_row.key)
            tasks = int(direct.get(key, 0)) if key else tasks_by_dim.get(dimension, 0)
            row: dict[str, object] = {
                "level": "subdimension" if key else "dimension", "dimension": dimension, "key": key,
                "subdimension": base_row.subdimension, "name_vi": base_row.name_vi, "name_en": base_row.name_en,
                "scale_min": float(base_row.scale_min), "scale_max": float(base_row.scale_max), "tasks": tasks,
                "whole_dimension_tasks": whole_by_dim.get(dimension, 0), "targeted": tasks > 0,
                "baseline_year": base, "year": year, "baseline_score": float(base_row.score),
                "baseline_median": float(base_medians[base_row.measure]), "score": None,
                "change": None, "national_change": None, "peer_change": None, "percentile": None,
                "provinces_compared": 0, "half_width": None if key else half_widths.get(dimension),
                "verdict": "not_comparable", "reason": "",
            }
            after = year_scores.get(base_row.measure, {})
            own = after.get(year_code) if year_code is not None else None
            if own is not None:
                row["score"] = own
            if crossing:
                row["reason"] = "merger"
            elif not _comparable(dimension, base, year):
                row["reason"] = "break"
            elif own is None:
                row["reason"] = "absent"
            else:
                before = base_scores.get(base_row.measure, {})
                changes = {p: a - before[p] for p, a in after.items()
                           if p in before and not (math.isnan(a) or math.isnan(before[p]))}
                change = own - float(base_row.score)
                others = [c for p, c in changes.items() if p != year_code]
                percentile = 100.0 * sum(c < change for c in others) / len(others) if others else None
                peer = [c for p, c in changes.items() if p in peer_codes]
                row.update(
                    change=change,
                    national_change=_median(after.values()) - _median(before.values()),
                    peer_change=statistics.median(peer) if peer else None,
                    percentile=percentile,
                    provinces_compared=len(changes),
                )
                row["verdict"] = _verdict(change, percentile, row["half_width"])  # type: ignore[arg-type]
            rows.append(row)
    result.rows = pd.DataFrame(rows, columns=ROW_COLUMNS)
    result.did = difference_in_differences(result.rows)
    return result


def evaluate_plan(con: duckdb.DuckDBPyConnection, plan_id: str, peers: tuple[str, ...] = ()) -> Evaluation | None:
    """Read what `evaluate` needs from the store and judge plan `plan_id` (None for an unknown plan).

    `peers` are comparison-group codes of the plan's era.
    """
    found = evaluation_queries.plan_row(con, plan_id)
    if found.empty:
        return None
    plan = found.iloc[0].to_dict()
    years = queries.score_years(con)
    base = baseline_year(int(plan["plan_year"]), years)
    wanted = tuple(int(y) for y in years if base is not None and int(y) >= base)
    uncertainty = None
    if base is not None:
        base_code = _place_code(str(plan["province_code"]), str(plan["era"]), base)
        uncertainty = queries.published_uncertainty(con, base_code, base) if base_code else None
    return evaluate(
        plan, years, evaluation_queries.plan_targets(con, plan_id),
        evaluation_queries.scores_for_years(con, wanted), peers, uncertainty,
    )


def difference_in_differences(rows: pd.DataFrame) -> pd.DataFrame:
    """Per later year: the targeted and untargeted sub-dimensions' mean change relative to the national
    median's change, in percent of each sub-dimension's scale, and their difference (targeted − untargeted)."""
    out: list[dict[str, object]] = []
    subs = rows[(rows["level"] == "subdimension") & rows["change"].notna()]
    for year, part in subs.groupby("year", sort=True):
        relative = 100.0 * (part["change"] - part["national_change"]) / (part["scale_max"] - part["scale_min"])
        targeted, untargeted = relative[part["targeted"]], relative[~part["targeted"]]
        out.append(
            {
                "year": int(year),
                "targeted": int(len(targeted)),
                "untargeted": int(len(untargeted)),
                "targeted_relative": float(targeted.mean()) if len(targeted) else None,
                "untargeted_relative": float(untargeted.mean()) if len(untargeted) else None,
                "difference": float(targeted.mean() - untargeted.mean()) if len(targeted) and len(untargeted)
                else None,
            }
        )
    return pd.DataFrame(out, columns=["year", "targeted", "untargeted", "targeted_relative",
                                      "untargeted_relative", "difference"])


def weak_without_task(rows: pd.DataFrame) -> pd.DataFrame:
    """The sub-dimensions below the national median at the baseline that the plan gave no task of their
    own (a task for the whole dimension is counted in `whole_dimension_tasks`, not as aimed at them)."""
    subs = rows[rows["level"] == "subdimension"].drop_duplicates("key")
    return subs[(subs["baseline_score"] < subs["baseline_median"]) & (subs["tasks"] == 0)]


# --- texts a leader reads -------------------------------------------------------------------------


def measure_name(row: pd.Series | dict, lang: str) -> str:
    """A measure's label: "5.1 Name" for a sub-dimension, the dimension's name otherwise."""
    if row["key"] is None or (isinstance(row["key"], float) and math.isnan(row["key"])):
        return i18n.dimension_name(int(row["dimension"]), lang)
    name = row["name_en"] if lang == "en" else row["name_vi"]
    return f"{int(row['dimension'])}.{int(row['subdimension'])} {name}"


def headline(evaluation: Evaluation, year: int, lang: str) -> list[str]:
    """The sentences a leader reads first for one later survey: baseline, what moved, the difference in
    differences, and the caution that a before/after is not proof."""
    if evaluation.baseline is None:
        return [i18n.t("ev_no_baseline", lang, plan_year=evaluation.plan_year)]
    texts = [i18n.t("ev_baseline", lang, plan_year=evaluation.plan_year, baseline=evaluation.baseline)]
    rows = evaluation.rows[(evaluation.rows["year"] == year) & (evaluation.rows["level"] == "subdimension")]
    compared = rows[rows["change"].notna()]
    if compared.empty:
        reason = rows["reason"].iloc[0] if len(rows) else "absent"
        texts.append(i18n.t(f"ev_not_compared_{reason}", lang, baseline=evaluation.baseline, year=year))
        return texts
    targeted = compared[compared["targeted"]]
    beat = targeted[targeted["change"] > targeted["national_change"]]
    texts.append(
        i18n.t(
            "ev_moved", lang, baseline=evaluation.baseline, year=year, n=len(targeted), beat=len(beat),
            names=i18n.join([measure_name(r, lang) for _, r in beat.iterrows()], lang, limit=4) or "—",
        )
    )
    did = evaluation.did[evaluation.did["year"] == year]
    if len(did) and did["difference"].notna().iloc[0]:
        texts.append(
            i18n.t(
                "ev_did", lang, difference=number(float(did["difference"].iloc[0]), lang, 1, signed=True),
                targeted=int(did["targeted"].iloc[0]), untargeted=int(did["untargeted"].iloc[0]),
            )
        )
    else:
        texts.append(i18n.t("ev_did_none", lang))
    texts.append(i18n.t("ev_not_proof", lang))
    return texts


def verdict_text(row: pd.Series | dict, lang: str) -> str:
    """One row's verdict in words (why it is not compared, or how the change stands)."""
    if row["verdict"] == "not_comparable":
        return i18n.t(f"ev_reason_{row['reason']}", lang)
    if row["verdict"] == "within_uncertainty":
        return i18n.t("ev_verdict_within_uncertainty", lang, half_width=number(float(row["half_width"]), lang, 2))
    return i18n.t(f"ev_verdict_{row['verdict']}", lang, percentile=number(float(row["percentile"] or 0), lang, 0))


def evaluation_table(evaluation: Evaluation, year: int, level: str, lang: str) -> pd.DataFrame:
    """The before/after table for one later survey at one level, in display words (missing values stay None)."""
    rows = evaluation.rows[(evaluation.rows["year"] == year) & (evaluation.rows["level"] == level)]
    return pd.DataFrame(
        {
            i18n.t("ev_col_measure", lang): [measure_name(r, lang) for _, r in rows.iterrows()],
            i18n.t("ev_col_tasks", lang): rows["tasks"].astype(int).to_numpy(),
            i18n.t("ev_col_baseline", lang, year=evaluation.baseline): rows["baseline_score"].to_numpy(),
            i18n.t("ev_col_score", lang, year=year): rows["score"].to_numpy(),
            i18n.t("ev_col_change", lang): rows["change"].to_numpy(),
            i18n.t("ev_col_national", lang): rows["national_change"].to_numpy(),
            i18n.t("ev_col_peers", lang): rows["peer_change"].to_numpy(),
            i18n.t("ev_col_percentile", lang): rows["percentile"].to_numpy(),
            i18n.t("ev_col_verdict", lang): [verdict_text(r, lang) for _, r in rows.iterrows()],
        }
    )


def uncertainty_note(evaluation: Evaluation, lang: str) -> str:
    """Where PAPI published uncertainty for the baseline, and where it did not."""
    dims = evaluation.rows[(evaluation.rows["level"] == "dimension") & evaluation.rows["half_width"].notna()]
    if dims.empty:
        return i18n.t("ev_uncertainty_none", lang, baseline=evaluation.baseline)
    return i18n.t("ev_uncertainty_dimensions", lang, baseline=evaluation.baseline)


def across_plans(evaluations: Sequence[Evaluation]) -> pd.DataFrame:
    """For each plan: tasks given to a sub-dimension in the plan year against its change from the baseline
    to the plan year's survey (the next survey after the baseline); comparable changes only."""
    frames = []
    for evaluation in evaluations:
        if evaluation.baseline is None or not evaluation.later:
            continue
        rows = evaluation.rows
        first = rows[(rows["year"] == evaluation.later[0]) & (rows["level"] == "subdimension")
                     & rows["change"].notna()]
        frames.append(first.assign(plan_year=evaluation.plan_year))
    if not frames:
        return pd.DataFrame(columns=[*ROW_COLUMNS, "plan_year"])
    return pd.concat(frames, ignore_index=True)


def across_province_plans(con: duckdb.DuckDBPyConnection, plan_ids: tuple[str, ...],
                          peers: tuple[str, ...] = ()) -> pd.DataFrame:
    """`across_plans` of the plans `plan_ids` (unknown ids are skipped), read from the store.

    One function so that a page caches the small table it draws, not every plan's whole evaluation.
    """
    found = (evaluate_plan(con, plan_id, peers) for plan_id in plan_ids)
    return across_plans([e for e in found if e is not None])
