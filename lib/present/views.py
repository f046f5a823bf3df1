"""What a page offers and shows, as plain data: the options of its choices, the item shown first,
the texts of its metrics and notes, and the frames its charts and tables are drawn from.

Pure functions from the frames of lib/queries.py to lists, dicts, strings and DataFrames; no
Streamlit, no Plotly (figures: lib/charts.py; display tables: lib/tables.py).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from typing import Any

import pandas as pd

from lib.domain import eras, i18n, papi
from lib.present.formatting import MISSING, UNMAPPED, dimension_title, markdown_safe, name_column, number, rank_text

# --- trends and provinces ---


def break_reasons(dimension: int, years: list[int], lang: str) -> list[str]:
    """Return the explanation of each break of `dimension` (0 = total) that falls inside the years shown."""
    return _reasons(papi.breaks_within(dimension, years), lang)


def _reasons(breaks: tuple[int, ...], lang: str) -> list[str]:
    """The explanation of each methodology break in `lang`."""
    return [i18n.t(f"break_reason_{year}", lang) for year in breaks]


def subdimension_choices(subs: pd.DataFrame | None, lang: str) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Return the sub-dimension options ("" = the dimension itself), their labels with years, and names.

    `subs` comes from `queries.subdimension_keys` (None for the total).
    """
    options = [""]
    labels = {"": i18n.t("tr_sub_all", lang)}
    names: dict[str, str] = {}
    if subs is not None:
        rows = zip(subs["key"], subs[name_column(lang)], subs["first_year"], subs["last_year"], strict=True)
        for key, name, first, last in rows:
            options.append(str(key))
            names[str(key)] = str(name)
            labels[str(key)] = i18n.t("tr_sub_years", lang, name=name, first=int(first), last=int(last))
    return options, labels, names


def province_names(frame: pd.DataFrame) -> list[str]:
    """Return the distinct province names of a frame, in order of appearance."""
    return [str(name) for name in frame["province"].unique()] if not frame.empty else []


def selected_code(points: list[dict[str, Any]]) -> str | None:
    """Return the province code of the first selected map point (customdata[0], else its location)."""
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            return str(custom[0])
        if point.get("location") is not None:
            return str(point["location"])
    return None


def provinces_without_score(ranking: pd.DataFrame, features: Sequence[tuple[str, str]]) -> list[str]:
    """Return the names of the mapped provinces (`maps.map_features`) that have no score in the ranking."""
    scored = set(ranking["province_code"])
    return [name for code, name in features if code not in scored]


def province_choices(ranking: pd.DataFrame, code: str, name: str) -> tuple[list[str], dict[str, str]]:
    """Return the ranked province codes (the chosen one first if it has no score) and their names."""
    codes = [str(c) for c in ranking["province_code"]]
    names = dict(zip(codes, (str(n) for n in ranking["province"]), strict=True))
    if code not in names:
        codes.insert(0, code)
        names[code] = name
    return codes, names


# --- trends across the 2025 change of units ---


def peers_apart_from(own: pd.DataFrame, peers: pd.DataFrame) -> pd.DataFrame:
    """Return the peer rows that are not the chosen province itself (a peer may merge into its unit in 2025)."""
    if own.empty or peers.empty or "era" not in own:
        return peers
    unit = ["era", "province_code"]
    mine = pd.MultiIndex.from_frame(own[unit].drop_duplicates())
    keep = ~pd.MultiIndex.from_frame(peers[unit]).isin(mine)
    return peers[keep].reset_index(drop=True)


def unit_change_note(own: pd.DataFrame, lang: str) -> str:
    """One sentence naming the former province shown up to 2024 and the unit (with its former
    provinces) shown from 2025, when the chosen province's series crosses the change of units."""
    from lib.domain import provinces

    if own.empty or "era" not in own or own["era"].nunique() < 2:
        return ""
    old = own[own["era"] == eras.ERA_63]
    new = own[own["era"] == eras.ERA_34]
    unit_code = str(new["province_code"].iloc[0])
    first = provinces.predecessor(unit_code)
    ordered = sorted(provinces.formers(unit_code), key=lambda c: c != first)
    names = [provinces.province_name(c, eras.ERA_63) or c for c in ordered]
    formers = i18n.join(names, lang)
    return i18n.t(
        "tr_unit_change", lang, old=markdown_safe(old["province"].iloc[0]),
        unit=markdown_safe(new["province"].iloc[0]), formers=markdown_safe(formers),
    )


def task_link(task_id: object, lang: str, province_code: str, year: int) -> str:
    """A Markdown link from a task's id to that task on the Tasks page (searched by its id)."""
    query = urllib.parse.urlencode({"lang": lang, "province": province_code, "year": year, "q": str(task_id)})
    return f"[{markdown_safe(task_id)}](tasks?{query})"


def tasks_missing_note(tasks: pd.DataFrame, lang: str) -> str:
    """Why cells of the task list show "—": no lead or implementing agency in the plan, no score ("" if none).

    `tasks` is `queries.tasks_with_scores` (or rows of it).
    """
    reasons = [
        (column, key)
        for column, key in (
            ("lead_agency", "tk_missing_lead"),
            ("implementing_agencies", "tk_missing_implementing"),
            ("score", "tk_missing_score"),
        )
        if column in tasks and tasks[column].isna().any()
    ]
    if not reasons:
        return ""
    return i18n.t("tk_missing_note", lang, mark=MISSING, reasons="; ".join(i18n.t(key, lang) for _, key in reasons))


# --- overview ---


def total_metrics(total: pd.DataFrame, lang: str, year: int) -> dict[str, str | None]:
    """Texts of the total-score and rank metrics: values, deltas against the year before, help and note.

    Deltas are None when the year before has no total or lies across a break (`note` says which: the
    2018 index change or the 2025 change of provincial units).
    """
    row = total.iloc[0]
    prev = year - 1
    texts: dict[str, str | None] = {
        "total": number(float(row["total"]), lang),
        "rank": rank_text(row["rank"], row["ranked_provinces"], lang),
        "help": i18n.t("wl_total_help", lang, median=number(float(row["national_median"]), lang)),
        "total_delta": None,
        "rank_delta": None,
        "note": None,
    }
    if bool(row["comparable"]):
        texts["total_delta"] = i18n.t("wl_total_delta", lang, delta=number(row["change"], lang, signed=True), prev=prev)
        texts["rank_delta"] = i18n.t("wl_rank_delta", lang, delta=int(row["prev_rank"]) - int(row["rank"]), prev=prev)
    elif pd.isna(row["prev_total"]):
        texts["note"] = i18n.t("wl_no_prev", lang, prev=prev)
    elif eras.crosses(year, prev):
        texts["note"] = i18n.t("wl_not_comparable_units", lang, prev=prev, year=year)
    else:
        texts["note"] = i18n.t("wl_not_comparable", lang, prev=prev)
    return texts


def missing_change_note(profile: pd.DataFrame, year: int, lang: str) -> str:
    """Why the change column of a (sub-)dimension table shows "—", one sentence per reason ("" if none).

    `profile` is `queries.dimension_profile` or `queries.subdimension_profile` of `year`.  A change
    is missing when the row has no score in `year`, when a methodology break lies between the year
    before and `year` (the break's reason is named), or when the year before has no score.
    """
    groups: dict[str, list[str]] = {}
    subs = profile["subdimension"] if "subdimension" in profile else [None] * len(profile)
    rows = zip(profile["dimension"], subs, profile["score"], profile["prev_score"], profile["change"], strict=True)
    for dimension, sub, score, prev_score, change in rows:
        if not pd.isna(change):
            continue
        label = f"{int(dimension)}" if sub is None or pd.isna(sub) else f"{int(dimension)}.{int(sub)}"
        if pd.isna(score):
            reason = i18n.t("wl_change_missing_score", lang, year=year)
        elif year in papi.breaks(int(dimension)):
            reason = i18n.t("wl_change_missing_break", lang, prev=year - 1, reason=" ".join(_reasons((year,), lang)))
        elif pd.isna(prev_score):
            reason = i18n.t("wl_change_missing_prev", lang, prev=year - 1)
        else:
            continue
        groups.setdefault(reason, []).append(label)
    return " ".join(
        i18n.t("wl_change_missing", lang, mark=MISSING, rows=", ".join(labels), reason=reason)
        for reason, labels in groups.items()
    )


def absent_dimensions(profile: pd.DataFrame) -> str:
    """The numbers of the dimensions not surveyed in the profile's year, e.g. "7, 8" ("" if none)."""
    return ", ".join(str(int(d)) for d, s in zip(profile["dimension"], profile["surveyed"], strict=True) if not s)


# --- dimensions: effort–score chart and drill-down ---


def effort_points(profile: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """Return the points of the effort–score chart: id, name, dimension, tasks, score, rank, percentile, quartile.

    `level` is "dimension" (profile = `queries.dimension_profile`) or "subdimension"
    (profile = `queries.subdimension_profile`). Ids: "d<n>" for a dimension, the key for a sub-dimension.
    Only scored points are kept; `weak_underserved` marks those below the national median with at most
    the median number of tasks (`attrs["median_effort"]`).
    """
    if level == "dimension":
        ids = [f"d{int(d)}" for d in profile["dimension"]]
        names = [i18n.dimension_name(int(d), lang) for d in profile["dimension"]]
    else:
        ids = list(profile["key"])
        names = list(profile[name_column(lang)])
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": names,
            "dimension": profile["dimension"].astype(int).to_numpy(),
            "tasks": profile["tasks"].astype(int).to_numpy(),
            "score": profile["score"].to_numpy(),
            "rank": profile["rank"].to_numpy(),
            "ranked_provinces": profile["ranked_provinces"].to_numpy(),
            "percentile": profile["percentile"].to_numpy(),
            "quartile": profile["quartile"].to_numpy(),
        }
    )
    scored = frame[frame["percentile"].notna()].reset_index(drop=True)
    median_effort = float(scored["tasks"].median()) if not scored.empty else 0.0
    scored["weak_underserved"] = (scored["percentile"] < 50) & (scored["tasks"] <= median_effort)
    scored.attrs["median_effort"] = median_effort
    return scored


def drill_options(dimensions: pd.DataFrame, subdimensions: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return {id: label} for the drill-down choice: each dimension ("d<n>") followed by its sub-dimensions."""
    # Plain lists, not per-dimension frame filters: this runs on every rerun of the page.
    subs_by_dim: dict[int, list[tuple[str, int, str]]] = {}
    rows = zip(subdimensions["dimension"].tolist(), subdimensions["key"].tolist(),
               subdimensions["subdimension"].tolist(), subdimensions[name_column(lang)].tolist(), strict=True)
    for dim, key, sub, label in rows:
        subs_by_dim.setdefault(int(dim), []).append((str(key), int(sub), str(label)))
    options: dict[str, str] = {}
    for dim in sorted(int(d) for d in dimensions["dimension"]):
        options[f"d{dim}"] = dimension_title(dim, lang)
        for key, sub, label in subs_by_dim.get(dim, []):
            options[key] = f"    {dim}.{sub} {label}"
    return options


def default_pick(points: pd.DataFrame) -> str | None:
    """The drill-down item to show first: the weakest weak-and-under-served point, else the weakest point."""
    if points.empty:
        return None
    weak = points[points["weak_underserved"]]
    chosen = (weak if not weak.empty else points).sort_values(["percentile", "tasks"]).iloc[0]
    return str(chosen["id"])


def pick_details(pick: str, subdimensions: pd.DataFrame, lang: str) -> dict[str, object]:
    """Resolve a drill-down id ("d<n>" or a sub-dimension key) to dimension, key, name and score-axis title."""
    if pick.startswith("d") and pick[1:].isdigit():
        dimension = int(pick[1:])
        return {
            "dimension": dimension,
            "key": None,
            "name": i18n.dimension_name(dimension, lang),
            "axis_title": i18n.t("wl_score_axis", lang),
        }
    row = subdimensions[subdimensions["key"] == pick].iloc[0]
    low = number(float(row["scale_min"]), lang)
    high = number(float(row["scale_max"]), lang)
    return {
        "dimension": int(row["dimension"]),
        "key": pick,
        "name": str(row[name_column(lang)]),
        "axis_title": i18n.t("wl_score_axis_sub", lang, low=low, high=high),
    }


def history_note(dimension: int, lang: str, years: list[int] | None = None) -> str:
    """One sentence naming the methodology breaks that cut a dimension's score history
    (only those inside `years` when given, e.g. the 2025 change of units once 2025 has scores)."""
    texts = _reasons(papi.breaks(dimension) if years is None else papi.breaks_within(dimension, years), lang)
    return i18n.t("wl_breaks_note", lang, reasons=" ".join(texts)) if texts else ""


# --- agencies ---


def agency_dimension_grid(matrix: pd.DataFrame, agencies: list[str]) -> pd.DataFrame:
    """Tasks per agency (rows, in the order of `agencies`) and dimension 1–8 (columns), then a column
    `UNMAPPED` (0) for the tasks linked to no dimension when there are any; missing where none."""
    frame = matrix.assign(dimension=matrix["dimension"].fillna(UNMAPPED).astype(int))
    columns = list(range(1, 9)) + ([UNMAPPED] if (frame["dimension"] == UNMAPPED).any() else [])
    return frame.pivot_table(index="agency", columns="dimension", values="tasks", aggfunc="sum").reindex(
        index=agencies, columns=columns
    )


def concentration_texts(concentration: pd.DataFrame, lang: str) -> dict[str, str]:
    """Metric values and the two explaining sentences for `queries.lead_concentration` (Markdown-safe)."""
    row = concentration.iloc[0]
    share = number(100 * float(row["top_share"]), lang, 0) + "%"
    effective = number(float(row["effective_agencies"]), lang, 1)
    gini = number(float(row["gini"]), lang, 2)
    names = [markdown_safe(n) for n in str(row["top_agencies"]).split("; ")]
    return {
        "top_label": i18n.t("wl_top_share", lang, k=int(row["top"])),
        "top_share": share,
        "effective": effective,
        "gini": gini,
        "top_sentence": i18n.t(
            "wl_top_sentence",
            lang,
            k=int(row["top"]),
            names=", ".join(names),
            share=share,
            total=int(row["lead_assignments"]),
        ),
        "hhi_sentence": i18n.t(
            "wl_hhi_sentence",
            lang,
            hhi=number(float(row["hhi"]), lang, 3),
            effective=effective,
            n=int(row["lead_agencies"]),
            gini=gini,
        ),
    }
